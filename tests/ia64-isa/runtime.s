// tests/ia64-isa/runtime.s — start-up and reporting for the IA-64 ISA
// tests: _start calls test_main with the failure count r4 = 0 and the
// case number r5 = 0, prints "PASS" or nothing more, and exits with r4.
// System calls are raw `break 0x100000` (r15 = 1024 + table index;
// arguments in out0..).

        .explicit
        .text
        .global _start
        .global fail_case
        .proc _start
_start:
        alloc r32 = ar.pfs, 0, 4, 3, 0
        mov r4 = 0
        mov r5 = 0
        ;;
        br.call.sptk.many b0 = test_main
        ;;
        cmp.ne p6, p7 = 0, r4
        ;;
(p7)    br.call.sptk.many b0 = print_pass
        ;;
        mov out0 = r4           // exit_group(failures)
        mov r15 = 1236
        ;;
        break 0x100000
        ;;
        .endp _start

        .proc print_pass
print_pass:
        alloc r33 = ar.pfs, 0, 2, 3, 0
        mov r32 = b0
        movl out1 = pass_text
        mov out0 = 1
        mov out2 = 5
        mov r15 = 1027
        ;;
        break 0x100000
        ;;
        mov ar.pfs = r33
        mov b0 = r32
        ;;
        br.ret.sptk.many b0
        .endp print_pass

// fail_case: called with b7 by CHECK. Prints "FAIL xxxx\n" with r5 in
// hex and counts the failure in r4. Clobbers r14-r19, p8-p11; its own
// frame (alloc) holds the rest, and br.ret gives the caller's back.
        .proc fail_case
fail_case:
        alloc r32 = ar.pfs, 0, 1, 3, 0
        adds r4 = 1, r4
        movl r16 = fail_text + 5        // where the four digits go
        mov r17 = 12                    // bit position of the top digit
        ;;
1:      shr.u r18 = r5, r17
        ;;
        and r18 = 15, r18
        ;;
        cmp.ltu p8, p9 = 9, r18
        ;;
(p8)    adds r18 = 87, r18              // 'a' - 10
(p9)    adds r18 = 48, r18              // '0'
        ;;
        st1 [r16] = r18, 1
        adds r17 = -4, r17
        ;;
        cmp.le p10, p11 = 0, r17
(p10)   br.cond.sptk.few 1b
        ;;
        mov r14 = r15                   // keep r15
        mov out0 = 1
        movl out1 = fail_text
        mov out2 = 10
        ;;
        mov r15 = 1027
        ;;
        break 0x100000
        ;;
        mov ar.pfs = r32
        mov r15 = r14
        ;;
        br.ret.sptk.many b7
        .endp fail_case

        .data
pass_text:
        .ascii "PASS\n"
fail_text:
        .ascii "FAIL xxxx\n"
