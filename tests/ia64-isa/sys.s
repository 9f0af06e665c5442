// tests/ia64-isa/sys.s — the system and move forms: mov r=ip (the
// bundle's address), mov to/from b-registers, mov ar.lc/ar.ec (ec keeps
// 6 bits), mov ar=imm8, ar.itc never going backwards, PSR.um through
// sum/rum/mov psr.um, and big-endian data with PSR.be set (the manual:
// with PSR.be = 1 every data access is big-endian), nop/hint, the
// CPUID registers, and the forms with no visible effect (mf, invala,
// srlz, sync, fc, lfetch, loadrs, nop.x, brp) beside lfetch's
// post-increment, addl and clz.
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
        // CPUID registers (manual vol. 1, 3.1.11): 0-1 the vendor string
        // "GenuineIntel" in little-endian bytes, 3 bits 7:0 the index of
        // the last register (4), 4 bit 0 lb (brl) and bit 2 ao (ld16,
        // st16, cmp8xchg16), both implemented here
        mov r21 = 0
        mov r22 = 1
        mov r23 = 3
        mov r24 = 4
        ;;
        mov r25 = cpuid[r21]
        mov r26 = cpuid[r22]
        ;;
        mov r27 = cpuid[r23]
        mov r28 = cpuid[r24]
        ;;
        CHECK r25, 0x49656e69756e6547
        CHECK r26, 0x000000006c65746e
        extr.u r27 = r27, 0, 8
        and r28 = 5, r28
        ;;
        CHECK r27, 4
        CHECK r28, 5
        // ordering, serialization, ALAT and cache controls change no
        // register; lfetch only post-increments its base; addl adds a
        // 22-bit immediate to r0-r3
        movl r21 = buffer
        mov r22 = 8
        ;;
        mf
        mf.a
        invala
        ;;
        invala.e r22
        srlz.d
        ;;
        srlz.i
        ;;
        sync.i
        fc r21
        ;;
        lfetch [r21], r22
        ;;
        lfetch.nt1 [r21], 16
        ;;
        mov ar.rsc = 0
        ;;
        loadrs
        ;;
        mov ar.rsc = 3
        mov r2 = 5
        ;;
        addl r23 = 0x12345, r2
        ;;
        CHECK r21, buffer + 24
        CHECK r22, 8
        CHECK r23, 0x1234a
        // clz (manual, clz: the number of zero bits above the highest
        // one; 64 for 0), and the hints nop.x and brp, which do nothing
        movl r20 = 0x0000f00000000000
        ;;
        clz r21 = r20
        clz r22 = r0
        nop.x 0x12345
        ;;
        brp.sptk 1f, 1f
        brp.loop.imp 1f, 1f
        brp.dptk b6, 1f
        ;;
1:      CHECK r21, 16
        CHECK r22, 64
        mov ar.lc = r34
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0
        .endp test_main

        .data
        .align 16
buffer: .skip 16
