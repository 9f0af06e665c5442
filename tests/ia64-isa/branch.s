// tests/ia64-isa/branch.s — control flow and the register stack: br.cond
// (IP-relative, indirect, predicated), br.call/br.ret with frames
// (outputs become inputs, the caller's locals survive), brl, br.cloop,
// br.ctop with register rotation (a software-pipelined loop whose
// result depends on r32-r39 and p16-p18 rotating), clrrrb, moves of the
// predicate register (which ignore the predicate rotation), and a
// recursion 100,000 calls deep whose frames go to the backing store and
// come back (ar.bsp returns to its start).
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 4, 2, 0
        mov r33 = b0
        mov r34 = 0x1234
        mov r35 = -2
        ;;
        // IP-relative and predicated branches
        mov r20 = 0
        cmp.eq p6, p7 = r0, r0
        ;;
(p7)    br.cond.sptk.few 1f
        adds r20 = 1, r20
        ;;
(p6)    br.cond.sptk.few 2f
        ;;
1:      adds r20 = 100, r20
        ;;
2:      CHECK r20, 1
        // indirect branch through b6
        movl r21 = 3f
        ;;
        mov b6 = r21
        ;;
        br.cond.sptk.many b6
        ;;
        adds r20 = 100, r20
        ;;
3:      CHECK r20, 1
        // call: out0/out1 -> in0/in1 of the callee; locals survive
        mov out0 = 40
        mov out1 = 2
        ;;
        br.call.sptk.many b0 = add_two
        ;;
        CHECK r8, 42
        CHECK r34, 0x1234
        CHECK r35, -2
        // indirect call
        movl r21 = add_two
        mov out0 = 7
        mov out1 = 8
        ;;
        mov b6 = r21
        ;;
        br.call.sptk.many b0 = b6
        ;;
        CHECK r8, 15
        // brl
        brl.cond.sptk.few 4f
        ;;
        adds r20 = 100, r20
        ;;
4:      CHECK r20, 1
        mov out0 = 1
        mov out1 = 1
        brl.call.sptk.many b0 = add_two
        ;;
        CHECK r8, 2
        // br.cloop: 10 iterations
        mov r20 = 0
        mov ar.lc = 9
        ;;
5:      adds r20 = 1, r20
        nop.i 0
        br.cloop.sptk.few 5b
        ;;
        CHECK r20, 10
        mov r22 = ar.lc
        ;;
        CHECK r22, 0
        // recursion 100,000 deep, frames spilled to the backing store
        mov r23 = ar.bsp
        movl out0 = 100000
        ;;
        br.call.sptk.many b0 = depth
        ;;
        CHECK r8, 100000
        mov r22 = ar.bsp                 // back where it started
        ;;
        cmp.eq p6, p7 = r22, r23
        ;;
        CHECKP p6, 1
        // a software-pipelined sum (rotation of r32.. and p16..)
        br.call.sptk.many b0 = pipelined
        ;;
        CHECK r8, 10                     // 0+1+2+3+4
        CHECK r9, 7                      // kernel ran 5 + 2 times
        CHECK r10, 0                     // ar.lc at the end
        // a while-loop: br.wtop on p6; EC 1 -> 0 on the exit
        br.call.sptk.many b0 = while_loop
        ;;
        CHECK r8, 5
        CHECK r9, 0
        // restart in the middle of a bundle: a system call in slot 0
        // (getpid), slots 1 and 2 run after it
        mov r20 = 0
        mov r15 = 1041
        ;;
        { .mii
        break.m 0x100000
        adds r20 = 1, r20
        adds r20 = 2, r20
        ;;
        }
        CHECK r20, 3
        CHECK r10, 0
        // a not-taken branch in slot 0 goes on with slot 1
        mov r20 = 0
        cmp.eq p6, p7 = r0, r0
        ;;
        { .bbb
(p7)    br.cond.sptk.few 1f
(p6)    br.cond.sptk.few 2f
        nop.b 0
        ;;
        }
1:      mov r20 = 100
        ;;
2:      CHECK r20, 0
        // the predicate register as a whole (read before CHECK, which
        // writes p14/p15)
        movl r21 = 0x8000000000000041    // p63, p6, p0 (p0 reads 1 anyway)
        ;;
        mov pr = r21, -1
        ;;
        mov r22 = pr
        mov pr.rot = 0x30000             // p16, p17 = 1, p18-p63 = 0
        ;;
        mov r23 = pr
        mov pr = r0, 0x40                // clears p6 only
        ;;
        mov r24 = pr
        ;;
        CHECK r22, 0x8000000000000041
        CHECK r23, 0x0000000000030041
        CHECK r24, 0x0000000000030001
        // mov pr works as if CFM.rrb.pr were zero, both ways (manual, mov
        // pr): after one rotation physical p16 is named p17, yet mov r=pr
        // still shows it at bit 16, and mov pr= writes bit 20 to physical
        // p20, which is named p21.
        mov r25 = ar.lc
        mov r26 = ar.ec
        mov pr.rot = 0x10000             // physical p16 = 1, p17-p63 = 0
        ;;
        mov ar.lc = 0
        mov ar.ec = 1
        ;;
        br.ctop.sptk.few rotated_once    // LC 0, EC 1: EC = 0, rotate, fall through
        ;;
rotated_once:
        mov r22 = pr
        mov r28 = 0
        movl r21 = 0x100000
        ;;
(p17)   mov r28 = 1
        mov pr = r21, 0x10000            // the rotating predicates only (mask bit 16)
        ;;
        mov r23 = 0
        mov r24 = 0
        ;;
(p21)   mov r23 = 1
(p20)   mov r24 = 1
        movl r27 = 0xffffffffffff0000
        ;;
        and r22 = r22, r27
        clrrrb.pr
        ;;
        mov ar.lc = r25
        mov ar.ec = r26
        ;;
        CHECK r22, 0x10000
        CHECK r28, 1
        CHECK r23, 1
        CHECK r24, 0
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0
        .endp test_main

// add_two(a, b): r8 = a + b, clobbering its own locals.
        .proc add_two
add_two:
        alloc r34 = ar.pfs, 2, 3, 0, 0
        mov r35 = -1
        mov r36 = -1
        ;;
        add r8 = r32, r33
        mov ar.pfs = r34
        ;;
        br.ret.sptk.many b0
        .endp add_two

// depth(n): n == 0 ? 0 : depth(n - 1) + 1, one frame per level.
        .proc depth
depth:
        alloc r33 = ar.pfs, 1, 2, 1, 0
        mov r34 = b0
        mov r8 = 0
        cmp.eq p6, p7 = 0, r32
        ;;
(p6)    br.cond.dpnt.few 1f
        adds out0 = -1, r32
        ;;
        br.call.sptk.many b0 = depth
        ;;
        adds r8 = 1, r8
        ;;
1:      mov ar.pfs = r33
        mov b0 = r34
        ;;
        br.ret.sptk.many b0
        .endp depth

// while_loop: count r20 up while r20 < 5, with br.wtop on p6;
// r8 = the count, r9 = ar.ec after the loop.
        .proc while_loop
while_loop:
        alloc r40 = ar.pfs, 0, 2, 0, 0
        mov r41 = ar.lc
        mov r20 = 0
        mov r21 = 5
        mov ar.ec = 1
        ;;
1:      adds r20 = 1, r20
        ;;
        cmp.lt p6, p0 = r20, r21
        ;;
        { .mib
        nop.m 0
        nop.i 0
(p6)    br.wtop.sptk.few 1b
        ;;
        }
        mov r8 = r20
        mov r9 = ar.ec
        mov ar.pfs = r40
        ;;
        br.ret.sptk.many b0
        .endp while_loop

// pipelined: stage 1 (p16) r32 = i++; stage 3 (p18) sum += r34 (the r32
// of two iterations before). ar.lc = 4, ar.ec = 3.
        .proc pipelined
pipelined:
        alloc r40 = ar.pfs, 0, 9, 0, 8   // r32-r39 rotate
        mov r41 = ar.lc
        mov r8 = 0                       // sum
        mov r9 = 0                       // kernel count
        mov r21 = 0                      // i
        ;;
        mov ar.lc = 4
        mov ar.ec = 3
        mov pr.rot = 0x10000             // p16 = 1
        ;;
        clrrrb
        ;;
        { .mii
(p16)   mov r32 = r21
(p16)   adds r21 = 1, r21
(p18)   add r8 = r8, r34
        }
        { .mib
        adds r9 = 1, r9
        nop.i 0
        br.ctop.sptk.few .-16
        ;;
        }
        mov r10 = ar.lc
        mov ar.lc = r41
        mov ar.pfs = r40
        ;;
        br.ret.sptk.many b0
        .endp pipelined
