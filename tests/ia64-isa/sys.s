// tests/ia64-isa/sys.s — the system and move forms: mov r=ip (the
// bundle's address), mov to/from b-registers, mov ar.lc/ar.ec (ec keeps
// 6 bits), mov ar=imm8, ar.itc never going backwards, PSR.um through
// sum/rum/mov psr.um, and big-endian data with PSR.be set (the manual:
// with PSR.be = 1 every data access is big-endian), nop/hint.
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 3, 0, 0
        mov r33 = b0
        mov r34 = ar.lc
        ;;
        // mov r = ip gives the address of the bundle holding it
        { .mii
here:   nop.m 0
        mov r20 = ip
        nop.i 0
        ;;
        }
        CHECK r20, here
        // b-registers
        movl r21 = 0x123456789abcdef0
        ;;
        mov b6 = r21
        ;;
        mov r22 = b6
        ;;
        CHECK r22, 0x123456789abcdef0
        // ar.lc, ar.ec (6 bits), ar = imm8
        mov ar.lc = r21
        mov ar.ec = r21                 // keeps bits 5:0: 0x30
        ;;
        mov r22 = ar.lc
        mov r23 = ar.ec
        ;;
        CHECK r22, 0x123456789abcdef0
        CHECK r23, 0x30
        mov ar.ccv = -128
        ;;
        mov r22 = ar.ccv
        ;;
        CHECK r22, -128
        // ar.itc does not go backwards
        mov r24 = ar.itc
        ;;
        mov r25 = ar.itc
        ;;
        cmp.leu p6, p7 = r24, r25
        ;;
        CHECKP p6, 1
        // the user mask
        mov r22 = psr.um
        ;;
        CHECK r22, 0
        sum 0x2                          // PSR.be
        ;;
        mov r22 = psr.um
        ;;
        CHECK r22, 2
        movl r26 = buffer
        movl r27 = 0x0102030405060708
        ;;
        st8 [r26] = r27                  // big-endian: byte 0 is 0x01
        ;;
        ld2 r28 = [r26]                  // bytes 0-1 as big-endian: 0x0102
        ;;
        rum 0x2
        ;;
        ld1 r29 = [r26]                  // little-endian again: byte 0
        ld8 r30 = [r26]
        ;;
        CHECK r28, 0x0102
        CHECK r29, 0x01
        CHECK r30, 0x0807060504030201
        mov r21 = 2
        ;;
        mov psr.um = r21
        ;;
        mov r22 = psr.um
        ;;
        mov psr.um = r0
        ;;
        CHECK r22, 2
        // nop and hint do nothing
        nop.m 0x12345
        nop.i 0x1fffff
        hint.i 0
        ;;
        mov ar.lc = r34
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0
        .endp test_main

        .data
        .align 16
buffer: .skip 16
