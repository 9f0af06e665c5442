// tests/ia64-isa/fp.s — the floating-point unit. Expected values are
// IEEE 754 results worked out by hand (exact binary fractions), the
// register-file images the Itanium manual gives (vol. 1 §5.1: bias
// 0xffff, explicit integer bit; setf.sig's exponent 0x1003e), and the
// integer results of xma (vol. 3: low/high 64 bits of the 128-bit sum).
// The division sequence is Intel's double-precision one: it yields the
// correctly rounded quotient from the frcpa seed. frcpa/frsqrta results
// are the manual's table entries (vol. 3, fp_ieee_recip and
// fp_ieee_recip_sqrt). Parallel (fp*) forms act on the two singles of
// the significand, left (bits 63:32) and right (31:0), independently.
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 2, 0, 0
        mov r33 = b0
        movl r20 = 0x3ff8000000000000   // 1.5
        movl r21 = 0x4002000000000000   // 2.25
        ;;
        setf.d f6 = r20
        setf.d f7 = r21
        ;;
        // fadd.d / fma.d / fms.d / fnma.d
        fadd.d f8 = f6, f7
        fma.d f9 = f6, f7, f1           // 1.5 * 2.25 + 1 = 4.375
        fms.d f10 = f6, f7, f1          // 2.375
        fnma.d f11 = f6, f7, f1         // -2.375
        ;;
        getf.d r22 = f8
        getf.d r23 = f9
        getf.d r24 = f10
        getf.d r25 = f11
        ;;
        CHECK r22, 0x400e000000000000
        CHECK r23, 0x4011800000000000
        CHECK r24, 0x4003000000000000
        CHECK r25, 0xc003000000000000
        // register images: 1.5 * 2.25 = 3.375 in full precision
        fmpy f8 = f6, f7
        ;;
        getf.sig r22 = f8
        getf.exp r23 = f8
        ;;
        CHECK r22, 0xd800000000000000
        CHECK r23, 0x10000
        // integer <-> FP conversions
        mov r26 = 100
        movl r27 = -31                  // -7.75 * 4
        ;;
        setf.sig f8 = r26
        setf.sig f9 = r27
        ;;
        fcvt.xf f8 = f8
        fcvt.xf f9 = f9
        ;;
        fnorm.d f8 = f8
        ;;
        getf.d r22 = f8
        ;;
        CHECK r22, 0x4059000000000000   // 100.0
        movl r20 = 0xc01f000000000000   // -7.75
        movl r21 = 0x4004000000000000   // 2.5
        ;;
        setf.d f9 = r20
        setf.d f10 = r21
        ;;
        fcvt.fx.trunc f11 = f9
        fcvt.fx f12 = f10               // round to nearest even: 2
        fcvt.fx f13 = f9                // -7.75 -> -8
        ;;
        getf.sig r22 = f11
        getf.sig r23 = f12
        getf.sig r24 = f13
        ;;
        CHECK r22, 0xfffffffffffffff9
        CHECK r23, 2
        CHECK r24, 0xfffffffffffffff8
        movl r26 = 0x8000000000000000
        ;;
        setf.sig f8 = r26
        ;;
        fcvt.xuf.d f8 = f8              // 2^63 as an unsigned integer
        ;;
        getf.d r22 = f8
        ;;
        CHECK r22, 0x43e0000000000000
        // xma: (2^64 - 1) * 2 + 3
        mov r26 = -1
        mov r27 = 2
        mov r28 = 3
        ;;
        setf.sig f8 = r26
        setf.sig f9 = r27
        setf.sig f10 = r28
        ;;
        xma.l f11 = f8, f9, f10
        xma.hu f12 = f8, f9, f10
        xma.h f13 = f8, f9, f10         // -1 * 2 + 3 = 1: high half 0
        xmpy.h f14 = f8, f9             // -2: high half all ones
        ;;
        getf.sig r22 = f11
        getf.sig r23 = f12
        getf.sig r24 = f13
        getf.sig r25 = f14
        ;;
        CHECK r22, 1
        CHECK r23, 2
        CHECK r24, 0
        CHECK r25, 0xffffffffffffffff
        // compares: 1.5 < 2.25
        fcmp.lt p6, p7 = f6, f7
        fcmp.eq p8, p9 = f6, f7
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        CHECKP p8, 0
        CHECKP p9, 1
        cmp.eq p10, p0 = r0, r26        // p10 = 0
        cmp.eq p6, p7 = r0, r0          // p6 = 1, p7 = 0 before the unc compare
        ;;
(p10)   fcmp.lt.unc p6, p7 = f6, f7     // false qp: both cleared
        ;;
        CHECKP p6, 0
        CHECKP p7, 0
        // NaN: 0/0 from frcpa's special case; unord true, eq false
        frcpa.s0 f8, p6 = f0, f0
        ;;
        CHECKP p6, 0
        fcmp.unord p8, p9 = f8, f6
        fcmp.eq p10, p11 = f8, f8
        fclass.m p12, p13 = f8, @qnan
        ;;
        CHECKP p8, 1
        CHECKP p10, 0
        CHECKP p12, 1
        fclass.m p8, p9 = f6, @pos|@norm
        fclass.m p10, p11 = f11, @zero|@inf     // an integer image: normal
        fclass.nm p12, p13 = f0, @pos|@zero
        ;;
        CHECKP p8, 1
        CHECKP p10, 0
        CHECKP p12, 0
        // division 10 / 3 and 1 / 7 (double), through frcpa
        movl r20 = 0x4024000000000000   // 10
        movl r21 = 0x4008000000000000   // 3
        ;;
        setf.d f6 = r20
        setf.d f7 = r21
        ;;
        br.call.sptk.many b6 = divide
        ;;
        getf.d r22 = f8
        ;;
        CHECK r22, 0x400aaaaaaaaaaaab
        movl r20 = 0x3ff0000000000000   // 1
        movl r21 = 0x401c000000000000   // 7
        ;;
        setf.d f6 = r20
        setf.d f7 = r21
        ;;
        br.call.sptk.many b6 = divide
        ;;
        getf.d r22 = f8
        ;;
        CHECK r22, 0x3fc2492492492492
        // the architected tables (manual, fp_ieee_recip / fp_ieee_recip_sqrt):
        // 3.0 = 1.1b x 2^1: frcpa index 0x80 -> 0x154, exponent 0xffff - 2;
        // frsqrta index (odd exponent) 0x40 -> 0x09d, exponent 0xffff - 1
        movl r20 = 0x4008000000000000   // 3
        ;;
        setf.d f9 = r20
        ;;
        frcpa.s0 f10, p6 = f1, f9
        frsqrta.s0 f11, p7 = f9
        ;;
        getf.sig r22 = f10
        getf.exp r23 = f10
        getf.sig r24 = f11
        getf.exp r25 = f11
        ;;
        CHECKP p6, 1
        CHECKP p7, 1
        CHECK r22, 0xaa80000000000000
        CHECK r23, 0xfffd
        CHECK r24, 0x93a0000000000000
        CHECK r25, 0xfffe
        // frsqrta: a positive normal asks for the software sequence
        frsqrta.s0 f8, p6 = f7
        fmerge.ns f9 = f7, f7
        ;;
        frsqrta.s0 f10, p7 = f9         // sqrt(-7): NaN, no sequence
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        fclass.m p8, p9 = f10, @nat|@qnan
        ;;
        CHECKP p8, 1
        // merges, min/max
        getf.d r22 = f9
        fmerge.s f11 = f9, f6           // sign of -7, value of 1
        fmerge.se f12 = f6, f7          // sign and exponent of 1, significand of 7
        fmin f13 = f9, f7
        famax f14 = f9, f6
        ;;
        getf.d r23 = f11
        getf.d r24 = f12
        getf.d r25 = f13
        getf.d r26 = f14
        ;;
        CHECK r22, 0xc01c000000000000
        CHECK r23, 0xbff0000000000000
        CHECK r24, 0x3ffc000000000000   // 1.11b x 2^0 = 1.75
        CHECK r25, 0xc01c000000000000
        CHECK r26, 0xc01c000000000000
        // memory formats: ldfs pi, stfd; stf.spill / ldf.fill; stfe / ldfe
        movl r20 = buffer
        movl r21 = 0x40490fdb           // pi as a single
        ;;
        st4 [r20] = r21
        ;;
        ldfs f8 = [r20]
        adds r22 = 8, r20
        ;;
        stfd [r22] = f8
        ;;
        ld8 r23 = [r22]
        ;;
        CHECK r23, 0x400921fb60000000
        adds r22 = 16, r20
        ;;
        stf.spill [r22] = f8, 16        // post-increment by 16
        ;;
        CHECK r22, buffer + 32
        adds r22 = -16, r22
        ;;
        ld8 r23 = [r22], 8
        ;;
        ld8 r24 = [r22], -8
        ;;
        CHECK r23, 0xc90fdb0000000000
        CHECK r24, 0x10000
        ldf.fill f9 = [r22]
        adds r25 = 32, r20
        ;;
        stfe [r25] = f9
        ;;
        ld8 r23 = [r25], 8
        ;;
        ld2 r24 = [r25], -8
        ;;
        CHECK r23, 0xc90fdb0000000000
        CHECK r24, 0x4000
        ldfe f10 = [r25]
        ;;
        fcmp.eq p6, p7 = f10, f8
        ;;
        CHECKP p6, 1
        ldfp8 f11, f12 = [r20]
        ;;
        getf.sig r23 = f12
        ;;
        CHECK r23, 0x400921fb60000000
        // parallel single: (2, 3) * (4, 0.5) + (1, 1) = (9, 2.5)
        movl r20 = 0x4000000040400000
        movl r21 = 0x408000003f000000
        movl r22 = 0x3f8000003f800000
        ;;
        setf.sig f6 = r20
        setf.sig f7 = r21
        setf.sig f8 = r22
        ;;
        fpma f9 = f6, f7, f8
        ;;
        getf.sig r23 = f9
        ;;
        CHECK r23, 0x4110000040200000
        // logic, fselect, fmix
        movl r20 = 0xff00ff00ff00ff00
        movl r21 = 0x0123456789abcdef
        ;;
        setf.sig f6 = r20
        setf.sig f7 = r21
        ;;
        fand f8 = f6, f7
        fxor f9 = f6, f7
        fselect f10 = f7, f0, f6
        fmix.lr f11 = f6, f7
        fswap f12 = f6, f7
        ;;
        getf.sig r22 = f8
        getf.sig r23 = f9
        getf.sig r24 = f10
        getf.sig r25 = f11
        getf.sig r26 = f12
        ;;
        CHECK r22, 0x010045008900cd00
        CHECK r23, 0xfe23ba6776ab32ef
        CHECK r24, 0x010045008900cd00
        CHECK r25, 0xff00ff0089abcdef
        CHECK r26, 0x89abcdefff00ff00
        // more significand logic and single pairs (manual, fandcm, for,
        // fmix, fswap): fmix.l pairs the left singles of f2 and f3, fmix.r
        // the right ones; fswap puts f3's right single on the left and f2's
        // left single on the right, .nl/.nr then negate the left/right one
        fandcm f8 = f6, f7
        for f9 = f6, f7
        fmix.l f10 = f7, f6
        fmix.r f11 = f7, f6
        fswap.nl f12 = f6, f7
        fswap.nr f13 = f6, f7
        ;;
        getf.sig r22 = f8
        getf.sig r23 = f9
        getf.sig r24 = f10
        getf.sig r25 = f11
        getf.sig r26 = f12
        getf.sig r27 = f13
        ;;
        CHECK r22, 0xfe00ba0076003200
        CHECK r23, 0xff23ff67ffabffef
        CHECK r24, 0x01234567ff00ff00
        CHECK r25, 0x89abcdefff00ff00
        CHECK r26, 0x09abcdefff00ff00
        CHECK r27, 0x89abcdef7f00ff00
        // fmerge.ns: f2's sign negated with f3's exponent and significand;
        // fmax/famin; fpack: two register values as a pair of singles;
        // fma.s rounds to single: 1 + 2^-30 becomes 1
        movl r20 = 0x3ff8000000000000   // 1.5
        movl r21 = 0x4002000000000000   // 2.25
        movl r22 = 0xc008000000000000   // -3
        movl r23 = 0x3e10000000000000   // 2^-30
        ;;
        setf.d f6 = r20
        setf.d f7 = r21
        setf.d f8 = r22
        setf.d f9 = r23
        ;;
        fmerge.ns f10 = f6, f7
        fmax.s0 f11 = f6, f7
        famin.s0 f12 = f8, f7
        fpack f13 = f6, f7
        fma.s.s0 f14 = f9, f1, f1
        fma.d.s0 f15 = f9, f1, f1
        ;;
        getf.d r24 = f10
        getf.d r25 = f11
        getf.d r26 = f12
        getf.sig r27 = f13
        getf.d r28 = f14
        getf.d r29 = f15
        ;;
        CHECK r24, 0xc002000000000000    // -2.25
        CHECK r25, 0x4002000000000000    // 2.25
        CHECK r26, 0x4002000000000000    // |2.25| < |-3|
        CHECK r27, 0x3fc0000040100000    // singles 1.5 and 2.25
        CHECK r28, 0x3ff0000000000000
        CHECK r29, 0x3ff0000000400000    // 1 + 2^-30 exactly in double
        // fcvt.fxu(.trunc): to unsigned 64 bits; 3.75 -> 3, 2^63 + 2^11
        movl r20 = 0x400e000000000000   // 3.75
        movl r21 = 0x43e0000000000001   // 2^63 + 2^11
        ;;
        setf.d f6 = r20
        setf.d f7 = r21
        ;;
        fcvt.fxu.trunc.s0 f8 = f6
        fcvt.fxu.s0 f9 = f7
        ;;
        getf.sig r22 = f8
        getf.sig r23 = f9
        ;;
        CHECK r22, 3
        CHECK r23, 0x8000000000000800
        // parallel singles, element by element (left, right):
        // f6 = (2, 3), f7 = (4, 0.5), f8 = (1, 1), f9 = (-5, 0.5),
        // f10 = (4, -3), f11 = (3.5, -2.5)
        movl r20 = 0x4000000040400000
        movl r21 = 0x408000003f000000
        movl r22 = 0x3f8000003f800000
        movl r23 = 0xc0a000003f000000
        movl r24 = 0x40800000c0400000
        movl r25 = 0x40600000c0200000
        ;;
        setf.sig f6 = r20
        setf.sig f7 = r21
        setf.sig f8 = r22
        setf.sig f9 = r23
        setf.sig f10 = r24
        setf.sig f11 = r25
        ;;
        fpms f12 = f6, f7, f8            // (7, 0.5)
        fpnma f13 = f6, f7, f8           // (-7, -0.5)
        fpmax f14 = f6, f7               // (4, 3)
        fpmin f15 = f6, f7               // (2, 0.5)
        ;;
        getf.sig r26 = f12
        getf.sig r27 = f13
        getf.sig r28 = f14
        getf.sig r29 = f15
        ;;
        CHECK r26, 0x40e000003f000000
        CHECK r27, 0xc0e00000bf000000
        CHECK r28, 0x4080000040400000
        CHECK r29, 0x400000003f000000
        fpamax f12 = f9, f10             // larger magnitude: (-5, -3)
        fpamin f13 = f9, f10             // smaller: (4, 0.5)
        fpcmp.lt f14 = f6, f7            // (2 < 4, 3 < 0.5)
        fpcvt.fx.trunc f15 = f11         // (3, -2)
        ;;
        getf.sig r26 = f12
        getf.sig r27 = f13
        getf.sig r28 = f14
        getf.sig r29 = f15
        ;;
        CHECK r26, 0xc0a00000c0400000
        CHECK r27, 0x408000003f000000
        CHECK r28, 0xffffffff00000000
        CHECK r29, 0x00000003fffffffe
        // fpmerge: .s takes each half's sign from f2, the rest from f3;
        // .ns the negated signs; .se sign and exponent (bits 63:55, 31:23)
        fpmerge.s f12 = f9, f6           // (-2, 3)
        fpmerge.ns f13 = f9, f6          // (2, -3)
        fpmerge.se f14 = f11, f7         // 3.5's and -2.5's sign+exp with 4's and 0.5's fractions
        fpcvt.fxu.trunc f15 = f6         // (2, 3)
        ;;
        getf.sig r26 = f12
        getf.sig r27 = f13
        getf.sig r28 = f14
        getf.sig r29 = f15
        ;;
        CHECK r26, 0xc000000040400000
        CHECK r27, 0x40000000c0400000
        CHECK r28, 0x40000000c0000000
        CHECK r29, 0x0000000200000003
        // status fields: sf2 rounds up; 1 + 2^-60 becomes 1 + ulp, inexact
        fsetc.s2 0x0f, 0x20
        movl r20 = 0x3c30000000000000   // 2^-60
        ;;
        setf.d f6 = r20
        mov r21 = ar.fpsr
        ;;
        extr.u r22 = r21, 32, 7
        fadd.d.s2 f7 = f1, f6
        fadd.d.s0 f8 = f1, f6
        ;;
        CHECK r22, 0x2c
        getf.d r23 = f7
        getf.d r24 = f8
        mov r21 = ar.fpsr
        ;;
        extr.u r25 = r21, 44, 1
        CHECK r23, 0x3ff0000000000001
        CHECK r24, 0x3ff0000000000000
        ;;
        CHECK r25, 1
        fclrf.s2
        ;;
        mov r21 = ar.fpsr
        ;;
        extr.u r25 = r21, 44, 1
        ;;
        CHECK r25, 0
        mov ar.pfs = r32
        mov b0 = r33
        ;;
        br.ret.sptk.many b0
        .endp test_main

// f8 = f6 / f7 in double precision (Intel's sequence); clobbers f9-f12, p6.
        .proc divide
divide:
        frcpa.s0 f8, p6 = f6, f7
        ;;
(p6)    fma.s1 f9 = f6, f8, f0
(p6)    fnma.s1 f10 = f7, f8, f1
        ;;
(p6)    fma.s1 f9 = f10, f9, f9
(p6)    fmpy.s1 f11 = f10, f10
(p6)    fma.s1 f8 = f10, f8, f8
        ;;
(p6)    fma.s1 f9 = f11, f9, f9
(p6)    fmpy.s1 f10 = f11, f11
(p6)    fma.s1 f8 = f11, f8, f8
        ;;
(p6)    fma.d.s1 f9 = f10, f9, f9
(p6)    fma.s1 f8 = f10, f8, f8
        ;;
(p6)    fnma.d.s1 f12 = f7, f9, f6
        ;;
(p6)    fma.d.s0 f8 = f12, f8, f9
        ;;
        br.ret.sptk.many b6
        .endp divide

        .data
        .align 16
buffer: .skip 64
