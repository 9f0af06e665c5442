// tests/ia64-isa/cmp.s — compares into predicate pairs: cmp and cmp4 with
// registers, imm8 and the r0 forms, every write type (normal, unc, and,
// or, or.andcm and the assembler's andcm/orcm/and.orcm spellings), tbit
// and tnat, and predication of ordinary instructions. The expected bits
// follow the manual's compare-type table: normal p1=c,p2=!c; unc the same
// but both 0 under a false qp; and: c false clears both; or: c true sets
// both; or.andcm: c true sets p1, clears p2.
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 2, 0, 0
        mov r33 = b0
        mov r20 = -5
        mov r21 = 7
        movl r22 = 0x00000001fffffff0   // cmp4 sees 0xfffffff0 = -16
        ;;
        cmp.lt p6, p7 = r20, r21         // -5 < 7 signed
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        cmp.ltu p6, p7 = r20, r21        // 0xff..fb < 7 unsigned: no
        ;;
        CHECKP p6, 0
        CHECKP p7, 1
        cmp.eq p6, p7 = 7, r21
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        cmp.gt p6, p7 = r20, r21         // pseudo-op: lt with swapped operands
        ;;
        CHECKP p6, 0
        CHECKP p7, 1
        cmp.ge p6, p7 = r21, r20         // pseudo-op: lt with swapped predicates
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        cmp.lt p6, p7 = r22, r0          // 64-bit: positive
        cmp4.lt p8, p9 = r22, r0         // 32-bit: -16 < 0
        ;;
        CHECKP p6, 0
        CHECKP p8, 1
        cmp4.eq p6, p7 = -16, r22
        ;;
        CHECKP p6, 1
        cmp.ne p6, p7 = r20, r20
        ;;
        CHECKP p6, 0
        CHECKP p7, 1
        // unc: a false qualifying predicate clears both targets
        cmp.eq p10, p11 = r0, r0         // p10 = 1, p11 = 0
        mov r23 = 1
        ;;
(p11)   cmp.eq.unc p6, p7 = r0, r0
        ;;
        CHECKP p6, 0
        CHECKP p7, 0
(p10)   cmp.ne.unc p6, p7 = r0, r0
        ;;
        CHECKP p6, 0
        CHECKP p7, 1
        // a false qp leaves a normal compare's targets alone
        cmp.eq p6, p7 = r0, r0
        ;;
(p11)   cmp.ne p6, p7 = r0, r0
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        // and: true leaves both, false clears both
        cmp.eq p6, p7 = r0, r0
        cmp.eq p8, p9 = r0, r0
        ;;
        cmp.eq p8, p9 = r0, r0           // p8 = p9... start both at 1:
        ;;
        cmp.eq.or p8, p9 = r0, r0        // or: c true sets both
        ;;
        CHECKP p8, 1
        CHECKP p9, 1
        cmp.eq.and p8, p9 = r0, r0       // c true: unchanged
        ;;
        CHECKP p8, 1
        CHECKP p9, 1
        cmp.ne.and p8, p9 = r0, r0       // c false: both cleared
        ;;
        CHECKP p8, 0
        CHECKP p9, 0
        cmp.ne.or p8, p9 = r0, r0        // c false: unchanged
        ;;
        CHECKP p8, 0
        CHECKP p9, 0
        cmp.lt.or p8, p9 = r0, r20       // 0 < -5? no: unchanged (r0 form)
        ;;
        CHECKP p8, 0
        cmp.gt.or p8, p9 = r0, r20       // 0 > -5: sets both
        ;;
        CHECKP p8, 1
        CHECKP p9, 1
        cmp.eq.or.andcm p8, p9 = 7, r21  // c true: p8 = 1, p9 = 0
        ;;
        CHECKP p8, 1
        CHECKP p9, 0
        cmp.eq.and.orcm p9, p8 = 5, r21  // and.orcm = or.andcm with swapped targets, c false: no change
        ;;
        CHECKP p8, 1
        CHECKP p9, 0
        cmp.eq.orcm p8, p9 = 5, r21      // orcm: or on !c: c false -> both set
        ;;
        CHECKP p8, 1
        CHECKP p9, 1
        cmp.eq.andcm p8, p9 = 7, r21     // andcm: and on !c: c true -> both cleared
        ;;
        CHECKP p8, 0
        CHECKP p9, 0
        cmp4.ge.and p8, p9 = r0, r22     // wait: p8 p9 are 0; and on 0 stays 0
        ;;
        CHECKP p8, 0
        cmp4.le.or p8, p9 = r0, r22      // 0 <= -16 (32-bit)? no: unchanged
        ;;
        CHECKP p8, 0
        cmp4.ge.or p8, p9 = r0, r22      // 0 >= -16: sets both
        ;;
        CHECKP p8, 1
        // tbit / tnat
        movl r24 = 0x8000000000000020
        ;;
        tbit.nz p6, p7 = r24, 5
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        tbit.z p6, p7 = r24, 63
        ;;
        CHECKP p6, 0
        CHECKP p7, 1
        tbit.z.unc p6, p7 = r24, 4
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        cmp.eq p8, p9 = r0, r0
        ;;
        tbit.nz.and p8, p9 = r24, 4      // bit clear: and clears both
        ;;
        CHECKP p8, 0
        CHECKP p9, 0
        tbit.nz.or p8, p9 = r24, 63      // bit set: or sets both
        ;;
        CHECKP p8, 1
        CHECKP p9, 1
        tbit.z.or.andcm p8, p9 = r24, 0  // bit 0 clear: p8 = 1, p9 = 0
        ;;
        CHECKP p9, 0
        tnat.z p6, p7 = r24
        ;;
        CHECKP p6, 1
        CHECKP p7, 0
        // predication of ordinary instructions
        mov r25 = 1
        cmp.eq p6, p7 = r0, r0
        ;;
(p7)    mov r25 = 2
(p6)    adds r25 = 10, r25
        ;;
        CHECK r25, 11
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0
        .endp test_main
