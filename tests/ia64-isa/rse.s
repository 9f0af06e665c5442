// tests/ia64-isa/rse.s — the register stack engine as software sees it.
// ar.bspstore is moved to a known place with the setjmp/longjmp sequence
// (ar.rsc = 0, flushrs, mov ar.bspstore, mov ar.rnat, ar.rsc = 3); then
// calls from frames whose locals start at backing-store slot 60:
//  - 5 locals: by the manual they go to slots 60, 61, 62, the NaT
//    collection to slot 63 (address bits 8:3 all ones), the last two to
//    slots 64 and 65: the callee sees ar.bsp = base + 66*8, each local
//    and the collection (bit 61: the NaT of the second local) in memory;
//  - 3 locals: they end just before slot 63, and ar.bsp (the place of the
//    callee's r32) skips the collection slot: base + 64*8.
// After each return the locals, their NaT bits and ar.bsp are back.
// Then cover, from a callee whose caller's frame starts at slot 0.
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r40 = ar.pfs, 0, 12, 1, 0  // r32-r44
        mov r41 = b0
        mov r42 = ar.bspstore
        mov r43 = ar.rnat
        mov r44 = ar.unat
        movl r20 = saved
        ;;
        st8 [r20] = r40, 8
        ;;
        st8 [r20] = r41, 8
        ;;
        st8 [r20] = r42, 8
        ;;
        st8 [r20] = r43, 8
        ;;
        st8 [r20] = r44
        movl r21 = rbs                   // 512-byte aligned
        ;;
        mov ar.rsc = 0
        ;;
        flushrs
        ;;
        adds r21 = 60*8, r21
        ;;
        mov ar.bspstore = r21
        ;;
        mov ar.rnat = r0
        ;;
        mov ar.rsc = 3
        ;;
        mov r22 = ar.bsp
        ;;
        CHECK r22, rbs + 60*8
        alloc r2 = ar.pfs, 0, 5, 1, 0    // locals r32-r36, output r37
        ;;
        mov r32 = 11
        mov r34 = 33
        mov r35 = 44
        mov r36 = 55
        movl r23 = scratch
        movl r24 = 0xffffffffffffffff
        ;;
        mov ar.unat = r24
        ;;
        ld8.fill r33 = [r23]             // r33 = NaT
        ;;
        mov ar.unat = r0
        br.call.sptk.many b0 = child
        ;;
        mov r22 = ar.bsp
        ;;
        CHECK r22, rbs + 60*8            // back where it was
        CHECK r8, rbs + 66*8             // the callee's ar.bsp
        CHECK r9, 11                     // slot 60
        CHECK r10, 33                    // slot 62
        CHECK r11, 44                    // slot 64 (63 is the collection)
        CHECK r2, 1 << 61                // the collection: NaT of slot 61
        CHECK r32, 11
        CHECK r34, 33
        CHECK r35, 44
        CHECK r36, 55
        tnat.nz p6, p7 = r33
        ;;
        CHECKP p6, 1
        tnat.nz p6, p7 = r34
        ;;
        CHECKP p6, 0
        alloc r2 = ar.pfs, 0, 3, 1, 0    // locals r32-r34, output r35
        ;;
        br.call.sptk.many b0 = child
        ;;
        CHECK r8, rbs + 64*8
        CHECK r2, 1 << 61
        mov r22 = ar.bsp
        ;;
        CHECK r22, rbs + 60*8
        CHECK r34, 33
        tnat.nz p6, p7 = r33
        ;;
        CHECKP p6, 1
        // cover (manual, cover and br.ret): the frame (sof 4: locals
        // r32-r34, output r35) goes into the dirty partition, ar.bsp moves
        // past it, and CFM becomes an empty frame; ar.pfs is left alone.
        // In a callee, cover + br.ret hands the caller the last `sol`
        // registers below the new ar.bsp as its locals: here the callee's
        // covered r33-r35. Backing store from slot 0: caller's locals in
        // slots 0-2, the callee's frame (r32 = the caller's out0) in 3-6.
        mov ar.rsc = 0
        movl r21 = rbs
        ;;
        flushrs
        ;;
        mov ar.bspstore = r21
        ;;
        mov ar.rnat = r0
        ;;
        mov ar.rsc = 3
        mov r32 = 1
        mov r33 = 2
        mov r34 = 3
        ;;
        br.call.sptk.many b0 = covered
        ;;
        mov r22 = ar.bsp
        ;;
        CHECK r8, rbs + 3*8              // the callee's ar.bsp before cover
        CHECK r9, rbs + 7*8              // after: past its 4 registers
        CHECK r10, (3 << 7) | 4          // ar.pfs.pfm kept: sol 3, sof 4
        CHECK r32, 0x333
        CHECK r33, 0x444
        CHECK r34, 0x555
        CHECK r22, rbs + 4*8             // 7*8 less the caller's 3 locals
        // put the backing store back and leave
        movl r20 = saved
        ;;
        ld8 r21 = [r20], 8               // pfs
        ;;
        ld8 r22 = [r20], 8               // b0
        ;;
        ld8 r23 = [r20], 8               // bspstore
        ;;
        ld8 r24 = [r20], 8               // rnat
        ;;
        ld8 r25 = [r20]                  // unat
        mov ar.rsc = 0
        ;;
        flushrs
        ;;
        mov ar.bspstore = r23
        ;;
        mov ar.rnat = r24
        mov ar.unat = r25
        ;;
        mov ar.rsc = 3
        mov b0 = r22
        mov ar.pfs = r21
        ;;
        br.ret.sptk.many b0
        .endp test_main

// child: r8 = ar.bsp; r9, r10, r11 = slots 60, 62, 64; r2 = slot 63.
        .proc child
child:
        alloc r16 = ar.pfs, 0, 0, 0, 0
        mov r8 = ar.bsp
        movl r17 = rbs
        ;;
        adds r18 = 60*8, r17
        adds r19 = 62*8, r17
        adds r20 = 64*8, r17
        adds r21 = 63*8, r17
        ;;
        ld8 r9 = [r18]
        ld8 r10 = [r19]
        ld8 r11 = [r20]
        ld8 r2 = [r21]
        mov ar.pfs = r16
        ;;
        br.ret.sptk.many b0
        .endp child

// covered: a 4-register frame (r32 the caller's out0, r33-r35 set),
// cover, then an alloc of 2 locals (r10 = ar.pfs's pfm bits), return.
// r8, r9: ar.bsp before and after the cover.
        .proc covered
covered:
        alloc r16 = ar.pfs, 1, 3, 0, 0
        mov r33 = 0x333
        mov r34 = 0x444
        mov r35 = 0x555
        ;;
        mov r8 = ar.bsp
        ;;
        cover
        ;;
        alloc r10 = ar.pfs, 0, 2, 0, 0
        ;;
        mov r9 = ar.bsp
        extr.u r10 = r10, 0, 14
        ;;
        br.ret.sptk.many b0
        .endp covered

        .data
        .align 512
rbs:    .skip 4096
scratch: .skip 8
saved:  .skip 40
