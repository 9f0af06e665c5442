// tests/ia64-isa/loop.s — the modulo-scheduled loop branches and the
// rotation controls that branch.s does not reach: br.cexit, br.wexit,
// br.wtop with an epilogue, clrrrb and clrrrb.pr after a rotation, and
// mov pr.rot. Expected values follow the manual (vol. 3, br):
//   ctop/cexit: taken(ctop) = LC != 0 || EC > 1, cexit the opposite;
//     LC != 0: LC--, PR[63] = 1, rotate; else EC != 0: EC--, PR[63] = 0,
//     rotate; else PR[63] = 0 only.
//   wtop/wexit: taken(wtop) = PR[qp] || EC > 1, wexit the opposite;
//     PR[qp]: PR[63] = 0, rotate; else EC != 0: EC--, PR[63] = 0, rotate.
// A rotation decrements CFM.rrb.gr/fr/pr, and a rotating name r(32+k)
// means physical 32 + (k + rrb.gr) mod sor (p(16+k): 16 + (k + rrb.pr)
// mod 48); clrrrb sets every rrb to 0, clrrrb.pr only rrb.pr.
// mov pr.rot = imm44 writes p16-p63 with bits 63:16 of the sign-extended
// immediate and leaves p0-p15.
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 4, 0, 0
        mov r33 = b0
        mov r34 = ar.lc
        mov r35 = ar.ec
        ;;
        clrrrb
        ;;
        // br.cexit: LC 2, EC 1: two iterations go on, the third exits
        mov pr.rot = 0
        mov ar.lc = 2
        mov ar.ec = 1
        mov r20 = 0
        ;;
1:      { .mib
        adds r20 = 1, r20
        nop.i 0
        br.cexit.spnt.few 2f
        ;;
        }
        br.cond.sptk.few 1b
        ;;
2:      mov r21 = ar.lc
        mov r22 = ar.ec
        mov r23 = 0
        ;;
(p16)   adds r23 = 1, r23                // PR[63] = 0 on the exit, now p16
(p17)   adds r23 = 2, r23                // 1 from the second iteration
(p18)   adds r23 = 4, r23                // 1 from the first
        ;;
        CHECK r20, 3
        CHECK r21, 0
        CHECK r22, 0
        CHECK r23, 6
        // clrrrb.pr: the three written PR[63]s are physical p63, p62, p61
        mov r23 = 0
        clrrrb.pr
        ;;
(p63)   adds r23 = 1, r23
(p62)   adds r23 = 2, r23
(p61)   adds r23 = 4, r23
        ;;
        CHECK r23, 3
        // br.wexit on p6 with EC 1: exits when p6 is 0, EC 1 -> 0
        mov ar.ec = 1
        mov r20 = 0
        mov r24 = 3
        ;;
3:      adds r20 = 1, r20
        ;;
        cmp.lt p6, p7 = r20, r24
        ;;
        { .mib
        nop.m 0
        nop.i 0
(p6)    br.wexit.spnt.few 4f
        ;;
        }
        br.cond.sptk.few 3b
        ;;
4:      mov r22 = ar.ec
        ;;
        CHECK r20, 3
        CHECK r22, 0
        // br.wexit with p6 0 from the start and EC 3: the epilogue runs
        // while EC > 1 (3 -> 2 -> 1), the third pass exits (EC 0)
        mov ar.ec = 3
        mov r20 = 0
        ;;
5:      adds r20 = 1, r20
        ;;
        cmp.lt p6, p7 = r20, r0
        ;;
        { .mib
        nop.m 0
        nop.i 0
(p6)    br.wexit.spnt.few 6f
        ;;
        }
        br.cond.sptk.few 5b
        ;;
6:      mov r22 = ar.ec
        ;;
        CHECK r20, 3
        CHECK r22, 0
        // br.wtop with p6 0 and EC 2: taken once (EC 2 -> 1), then falls
        // through (EC 1 -> 0)
        mov ar.ec = 2
        mov r20 = 0
        ;;
7:      adds r20 = 1, r20
        ;;
        cmp.lt p6, p7 = r20, r0
        ;;
        { .mib
        nop.m 0
        nop.i 0
(p6)    br.wtop.sptk.few 7b
        ;;
        }
        mov r22 = ar.ec
        ;;
        CHECK r20, 2
        CHECK r22, 0
        clrrrb
        ;;
        // general registers: one rotation, then clrrrb.pr and clrrrb
        br.call.sptk.many b0 = rotate_gr
        ;;
        CHECK r8, 10                     // r33 after one rotation: the old r32
        CHECK r9, 17                     // r32: the old r39
        CHECK r10, 10                    // clrrrb.pr leaves rrb.gr
        CHECK r11, 10                    // clrrrb: r32 is r32 again
        CHECK r2, 11
        CHECK r3, 3                      // the deferred NaT, by both names
        // mov pr.rot: sign-extended, static predicates kept
        mov r21 = 0x40
        ;;
        mov pr = r21, 0x40               // p6 = 1
        ;;
        mov pr.rot = -0x10000            // every rotating predicate 1
        ;;
        mov r20 = pr
        mov pr.rot = 0x5a5a50000
        ;;
        mov r22 = pr
        mov r23 = 0
        ;;
(p6)    mov r23 = 1
        shr.u r20 = r20, 16
        shr.u r22 = r22, 16
        ;;
        CHECK r20, 0xffffffffffff
        CHECK r22, 0x5a5a5
        CHECK r23, 1
        mov ar.lc = r34
        mov ar.ec = r35
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0
        .endp test_main

// rotate_gr: r32-r39 rotate; r32 = 10, r33 = 11, r39 = 17; one br.ctop
// (LC 1: LC 0, rotate, taken); r8 = r33, r9 = r32; a faulting ld8.s into
// r39 (physical r38); clrrrb.pr; r10 = r33; clrrrb; r11 = r32, r2 = r33;
// r3 bit 0: r39 NaT before clrrrb, bit 1: r38 NaT after.
        .proc rotate_gr
rotate_gr:
        alloc r16 = ar.pfs, 0, 8, 0, 8
        mov r17 = ar.lc
        mov r18 = ar.ec
        ;;
        mov r32 = 10
        mov r33 = 11
        mov r39 = 17
        mov ar.lc = 1
        ;;
        { .mib
        nop.m 0
        nop.i 0
        br.ctop.sptk.few 1f
        ;;
        }
1:      mov r8 = r33
        mov r9 = r32
        mov r19 = 0x1000                 // not mapped
        ;;
        ld8.s r39 = [r19]                // faults, deferred: NaT into the
        ;;                               // rotated name, physical r38
        tnat.nz p6, p7 = r39
        mov r3 = 0
        clrrrb.pr
        ;;
(p6)    adds r3 = 1, r3
        mov r10 = r33
        clrrrb
        ;;
        mov r11 = r32
        mov r2 = r33
        tnat.nz p6, p7 = r38
        ;;
(p6)    adds r3 = 2, r3
        mov ar.lc = r17
        mov ar.ec = r18
        mov ar.pfs = r16
        ;;
        br.ret.sptk.many b0
        .endp rotate_gr
