// tests/ia64-isa/spec.s — control speculation and NaT bits as Linux runs
// them. Linux sets every DCR deferral bit, so (manual vol. 3, ld, ldf)
// a speculative load (ld.s, ld.sa, ldf.s, ldfp.s) whose address register
// is NaT or whose page is not mapped does not fault: the target GR
// gets NaT = 1 and value 0 (an FR gets NaTVal), and chk.s branches to
// its recovery code; a readable address loads with NaT = 0 and chk.s
// falls through. NaT propagates through computation (add: NaT if
// either source is), and a compare of a NaT source clears both target
// predicates (manual, cmp: "if either source is NaT, p1 = p2 = 0").
// A non-speculative load or store whose address register is NaT, and a
// store of a NaT register, raise Register NaT Consumption, which Linux
// delivers as SIGILL with si_code ILL_ILLOPN (2) and si_addr the
// faulting instruction (bundle + slot; arch/ia64/kernel/traps.c, vector
// 26); the handler here records them and resumes at the next slot.
// Values of NaT registers are read through st8.spill, which stores the
// value and puts the NaT in ar.unat (CHECK's cmp would see no value).
// Unmapped addresses: 0x1000 (below the text at 0x100000), 0 (Linux
// maps a NaT page there, which defers too), a region-5 address, and a
// region-0 offset far beyond any mapping.
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 4, 4, 0
        mov r33 = b0
        movl r20 = buffer
        movl r21 = 0x1122334455667788
        ;;
        st8 [r20] = r21
        mov ar.unat = r0
        ;;
        // a readable address: value, NaT clear, chk.s falls through
        mov r27 = 0
        ld8.s r22 = [r20]
        ;;
        chk.s r22, 1f
        mov r27 = 1
2:      ;;
        CHECK r27, 1
        CHECK r22, 0x1122334455667788
        tnat.nz p6, p7 = r22
        ;;
        CHECKP p6, 0
        // unmapped 0x1000: NaT, value 0, chk.s recovers
        mov r23 = 0x1000
        mov r27 = 0
        ;;
        ld8.s r22 = [r23]
        ;;
        chk.s.m r22, 3f
        mov r27 = 100
4:      ;;
        CHECK r27, 1
        tnat.nz p6, p7 = r22
        ;;
        CHECKP p6, 1
        adds r24 = 8, r20
        ;;
        st8.spill [r24] = r22            // unat bit 1: address bits 8:3 = 1
        ;;
        ld8 r25 = [r24]
        mov r26 = ar.unat
        ;;
        CHECK r25, 0
        CHECK r26, 2
        mov ar.unat = r0
        // address 0, region 5, and an offset far beyond the window: NaT
        ld4.s r22 = [r0]
        movl r23 = 0xa000000000001000
        ;;
        tnat.nz p6, p7 = r22
        ld2.sa r22 = [r23]
        movl r23 = 0x0000100000000000
        ;;
        CHECKP p6, 1
        tnat.nz p6, p7 = r22
        ld1.s r22 = [r23]
        ;;
        CHECKP p6, 1
        tnat.nz p6, p7 = r22
        ;;
        CHECKP p6, 1
        // NaT propagation: add, then a load through the NaT address
        // (also deferred), with its post-increment keeping the NaT
        add r24 = r22, r21
        ;;
        tnat.nz p6, p7 = r24
        ;;
        CHECKP p6, 1
        cmp.eq p6, p7 = r24, r24         // NaT source: both targets 0
        ;;
        mov r27 = 0
        ;;
(p6)    adds r27 = 1, r27
(p7)    adds r27 = 2, r27
        ;;
        CHECK r27, 0
        // the parallel types: "and" clears both targets, "or" and
        // "or.andcm" leave them; tbit of a NaT is like a NaT compare
        cmp.eq p6, p7 = r0, r0           // p6 = 1, p7 = 0
        cmp.eq p8, p9 = r0, r0
        ;;
        cmp.eq.and p6, p7 = r24, r0
        cmp.eq.or p8, p9 = r24, r24
        ;;
        cmp.eq.or.andcm p8, p9 = r24, r24
        ;;
        CHECKP p6, 0
        CHECKP p7, 0
        CHECKP p8, 1
        CHECKP p9, 0
        tbit.z p6, p7 = r24, 0
        ;;
        CHECKP p6, 0
        CHECKP p7, 0
        ld8.s r25 = [r24], 8
        ;;
        tnat.nz p6, p7 = r25
        tnat.nz p8, p9 = r24
        ;;
        CHECKP p6, 1
        CHECKP p8, 1
        // ld.sa deferred: chk.a recovers (no ALAT entry for it)
        mov r23 = 0x1000
        mov r27 = 0
        ;;
        ld8.sa r22 = [r23]
        ;;
        chk.a.clr r22, 5f
        mov r27 = 100
6:      ;;
        CHECK r27, 1
        // the other check forms: chk.s on an I slot, chk.a.nc, and
        // ld.c.nc / ldf.c / ldfp.c after an advanced load reload the value
        mov r27 = 0
        ;;
        { .mii
        nop.m 0
        chk.s.i r22, 11f                 // r22 is NaT (the ld8.sa above)
        nop.i 0
        ;;
        }
12:     CHECK r27, 1
        ld8.a r25 = [r20]
        ;;
        ld8.c.nc r25 = [r20]
        ;;
        CHECK r25, 0x1122334455667788
        chk.a.nc r25, 13f                // recovery or not, r25 is right
        ;;
14:     CHECK r25, 0x1122334455667788
        ldfd.a f6 = [r20]
        ;;
        ldfd.c.clr f6 = [r20]
        ;;
        getf.d r25 = f6
        ldfp8.a f8, f9 = [r20]
        ;;
        ldfp8.c.nc f8, f9 = [r20]
        ;;
        getf.sig r26 = f8
        ;;
        CHECK r25, 0x1122334455667788
        CHECK r26, 0x1122334455667788
        // ldf.s: readable gives the value; unmapped gives NaTVal, which
        // chk.s recovers from and getf turns into a NaT GR
        mov r27 = 0
        ldfd.s f6 = [r20]
        ;;
        chk.s f6, 7f
        mov r27 = 1
8:      ;;
        CHECK r27, 1
        getf.sig r25 = f6                // a normal double's significand in the
        ;;                               // register: 1 << 63 | fraction (51:0) << 11
        CHECK r25, 0x919a22ab33bc4000
        mov r23 = 0x1000
        mov r27 = 0
        ;;
        ldfd.s f7 = [r23]
        ;;
        chk.s f7, 9f
        mov r27 = 100
10:     ;;
        CHECK r27, 1
        getf.sig r25 = f7
        ;;
        tnat.nz p6, p7 = r25
        ;;
        CHECKP p6, 1
        ldfp8.s f8, f9 = [r23], 16       // deferred, the base still moves
        ;;
        CHECK r23, 0x1010
        getf.sig r25 = f8
        getf.sig r26 = f9
        ;;
        tnat.nz p6, p7 = r25
        tnat.nz p8, p9 = r26
        ;;
        CHECKP p6, 1
        CHECKP p8, 1
        // a deferred ld.s still updates its base: by imm9, and by a
        // register whose NaT goes into the base
        ld8.s r25 = [r23], -16
        ;;
        tnat.nz p6, p7 = r25
        ;;
        CHECKP p6, 1
        CHECK r23, 0x1000
        ld4.s r25 = [r23], r24           // r24 is NaT
        ;;
        tnat.nz p6, p7 = r23
        ;;
        CHECKP p6, 1
        // Register NaT Consumption: SIGILL, ILL_ILLOPN, at the instruction
        mov out0 = 4                     // rt_sigaction(SIGILL, &act, 0, 8)
        movl out1 = sigill_action
        mov out2 = 0
        mov out3 = 8
        mov r15 = 1177
        ;;
        break 0x100000
        ;;
        CHECK r10, 0
        mov r28 = 0
        ;;
        { .mii
faulting_load:
        ld8 r25 = [r24]                  // r24 is NaT
        adds r28 = 1, r28                // the handler resumes here
        nop.i 0
        ;;
        }
        movl r23 = seen
        ;;
        ld8 r25 = [r23], 8
        ;;
        ld8 r26 = [r23], 8
        ;;
        ld8 r27 = [r23]
        ;;
        CHECK r28, 1
        CHECK r25, 4                     // SIGILL
        CHECK r26, 2                     // ILL_ILLOPN
        CHECK r27, faulting_load         // slot 0 of its bundle
        mov r28 = 0
        ;;
        { .mii
faulting_store:
        st8 [r20] = r22                  // r22 is NaT
        adds r28 = 1, r28
        nop.i 0
        ;;
        }
        movl r23 = seen
        ;;
        adds r23 = 8, r23
        ;;
        ld8 r26 = [r23], 8
        ;;
        ld8 r27 = [r23]
        ;;
        CHECK r28, 1
        CHECK r26, 2
        CHECK r27, faulting_store
        ld8 r25 = [r20]                  // the store did not happen
        ;;
        CHECK r25, 0x1122334455667788
        st8.spill [r20] = r22            // a spill of a NaT is no consumption
        ;;
        ld8 r25 = [r20]
        ;;
        CHECK r25, 0
        mov ar.unat = r0
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0

1:      mov r27 = 100                    // chk.s recovery (not expected)
        br.cond.sptk.few 2b
        ;;
3:      mov r27 = 1
        br.cond.sptk.few 4b
        ;;
5:      mov r27 = 1
        br.cond.sptk.few 6b
        ;;
7:      mov r27 = 100                    // not expected: f6 was loaded
        br.cond.sptk.few 8b
        ;;
9:      mov r27 = 1
        br.cond.sptk.few 10b
        ;;
11:     mov r27 = 1
        br.cond.sptk.few 12b
        ;;
13:     ld8 r25 = [r20]                  // chk.a.nc recovery: reload
        br.cond.sptk.few 14b
        ;;
        .endp test_main

// on_sigill(sig, info, sc): seen = {sig, si_code, si_addr}; resume at
// the next slot (sc_ip, at 40 in the sigcontext, is bundle | slot).
        .proc on_sigill
on_sigill:
        alloc r16 = ar.pfs, 3, 0, 0, 0
        movl r17 = seen
        adds r18 = 8, r33                // si_code
        adds r19 = 16, r33               // si_addr
        adds r20 = 40, r34               // sc_ip
        ;;
        ld4 r21 = [r18]
        ld8 r22 = [r19]
        ;;
        ld8 r23 = [r20]
        st8 [r17] = r32, 8
        ;;
        st8 [r17] = r21, 8
        adds r23 = 1, r23
        ;;
        st8 [r17] = r22
        st8 [r20] = r23
        mov ar.pfs = r16
        ;;
        br.ret.sptk.many b0
        .endp on_sigill

        .data
        .align 16
on_sigill_desc:
        data8 on_sigill, 0               // function descriptor {entry, gp}
sigill_action:                           // struct sigaction: handler, flags, mask
        data8 on_sigill_desc, 4, 0       // SA_SIGINFO
seen:   .skip 24
        .align 512
buffer: .skip 64
