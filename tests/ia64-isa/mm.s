// tests/ia64-isa/mm.s — the parallel (multimedia) integer forms: padd
// (modulo, .sss), psub.uuu, pcmp.eq, pmin1.u, pmax2, psad1, mix1.l/.r,
// unpack1.l/.h, pack2.sss, pshl2/pshr2/pshr2.u by immediate and register,
// mux1 @rev/@brcst, mux2, pmpy2.r/.l, pmpyshr2(.u), pshladd2, pshradd2
// (shifts saturate, sums saturate), then every other padd/psub
// saturation kind and size, pavg(.raz), pavgsub, pcmp.gt and the 2- and
// 4-byte compares, pmax1.u, pmin2, mix2/mix4, unpack2/unpack4,
// pack2.uss, pack4.sss and pshl4. Expected values: the manual's element-wise
// definitions worked through element by element (byte 0 is the least
// significant; saturation clamps to the element's range).
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 2, 0, 0
        mov r33 = b0
        movl r20 = 0x7f80ff0102fe8001
        movl r21 = 0x0180017f03028002
        ;;
        padd1 r22 = r20, r21
        ;;
        CHECK r22, 0x8000008005000003
        padd2.sss r22 = r20, r21
        ;;
        CHECK r22, 0x7fff008006008000
        psub1.uuu r22 = r20, r21
        ;;
        CHECK r22, 0x7e00fe0000fc0000
        pcmp1.eq r22 = r20, r21
        ;;
        CHECK r22, 0x00ff00000000ff00
        pmin1.u r22 = r20, r21
        ;;
        CHECK r22, 0x0180010102028001
        pmax2 r22 = r20, r21
        ;;
        CHECK r22, 0x7f80017f03028002
        psad1 r22 = r20, r21
        ;;
        CHECK r22, 0x2f8
        mix1.l r22 = r20, r21
        ;;
        CHECK r22, 0x7f01ff0102038080
        mix1.r r22 = r20, r21
        ;;
        CHECK r22, 0x8080017ffe020102
        unpack1.l r22 = r20, r21
        ;;
        CHECK r22, 0x0203fe0280800102
        unpack1.h r22 = r20, r21
        ;;
        CHECK r22, 0x7f018080ff01017f
        movl r23 = 0x7fff8000ff000100
        movl r24 = 0x0001fffe00800040
        ;;
        pack2.sss r22 = r23, r24
        ;;
        CHECK r22, 0x7f80807f01fe7f40
        pshl2 r22 = r20, 3
        ;;
        CHECK r22, 0xfc00f80817f00008
        pshr2 r22 = r20, 3
        ;;
        CHECK r22, 0x0ff0ffe0005ff000
        pshr2.u r22 = r20, 3
        ;;
        CHECK r22, 0x0ff01fe0005f1000
        mov r25 = 3
        mov r26 = 40
        ;;
        pshr2 r22 = r20, r25
        ;;
        CHECK r22, 0x0ff0ffe0005ff000
        pshr4.u r22 = r20, r26           // count >= 32: 0
        ;;
        CHECK r22, 0
        mux1 r22 = r20, @rev
        ;;
        CHECK r22, 0x0180fe0201ff807f
        mux1 r22 = r20, @brcst
        ;;
        CHECK r22, 0x0101010101010101
        mux2 r22 = r20, 0x1b
        ;;
        CHECK r22, 0x800102feff017f80
        mux2 r22 = r20, 0xe1        // mhtype8 bit 7 set (encoded in bit 27): h1,h0,h2,h3
        ;;
        CHECK r22, 0x7f80ff01800102fe
        pmpy2.r r22 = r20, r21
        ;;
        CHECK r22, 0xfffe827f3ffe8002
        pmpy2.l r22 = r20, r21
        ;;
        CHECK r22, 0x00bf40000008fffc
        pmpyshr2 r22 = r20, r21, 7
        ;;
        CHECK r22, 0x7e80fd0411fffd00
        pmpyshr2.u r22 = r20, r21, 16
        ;;
        CHECK r22, 0x00bf017d00084001
        pshladd2 r22 = r20, 2, r21
        ;;
        CHECK r22, 0x7ffffd830efa8000
        pshradd2 r22 = r20, 1, r21
        ;;
        CHECK r22, 0x414000ff04818000
        // the remaining saturation kinds and element sizes: .sss both
        // signed, .uus r2 unsigned and r3 signed, .uuu both unsigned, each
        // clamped to the result's range; pavg: the sum shifted right with
        // the low bit set if either of the sum's two low bits is (.raz:
        // the sum + 1 shifted); pavgsub: the same on r2 - r3 as a signed
        // (borrow-extended) difference; pcmp.gt signed; mix.l/.r take the
        // odd/even elements of r2 and r3 in pairs; unpack.l/.h interleave
        // the low/high halves; pack: r3's elements saturated to the low
        // half, r2's to the high half
        padd1.sss r22 = r20, r21
        ;;
        CHECK r22, 0x7f80007f05008003
        padd1.uus r22 = r20, r21
        ;;
        CHECK r22, 0x8000ff8005ff0003
        padd1.uuu r22 = r20, r21
        ;;
        CHECK r22, 0x80ffff8005ffff03
        padd2.uus r22 = r20, r21
        ;;
        CHECK r22, 0x8100ffff06000003
        padd2.uuu r22 = r20, r21
        ;;
        CHECK r22, 0x8100ffff0600ffff
        padd4 r22 = r20, r21
        ;;
        CHECK r22, 0x8101008006010003
        psub1.sss r22 = r20, r21
        ;;
        CHECK r22, 0x7e00fe82fffc00ff
        psub1.uus r22 = r20, r21
        ;;
        CHECK r22, 0x7efffe0000fcff00
        psub2 r22 = r20, r21
        ;;
        CHECK r22, 0x7e00fd82fffcffff
        psub2.sss r22 = r20, r21
        ;;
        CHECK r22, 0x7e00fd82fffcffff
        psub2.uus r22 = r20, r21
        ;;
        CHECK r22, 0x7e00fd820000ffff
        psub2.uuu r22 = r20, r21
        ;;
        CHECK r22, 0x7e00fd8200000000
        psub4 r22 = r20, r21
        ;;
        CHECK r22, 0x7e00fd82fffbffff
        pavg1 r22 = r20, r21
        ;;
        CHECK r22, 0x4080804003808001
        pavg1.raz r22 = r20, r21
        ;;
        CHECK r22, 0x4080804003808002
        pavg2 r22 = r20, r21
        ;;
        CHECK r22, 0x4080804003008001
        pavg2.raz r22 = r20, r21
        ;;
        CHECK r22, 0x4080804003008002
        pavgsub1 r22 = r20, r21
        ;;
        CHECK r22, 0x3f007fc1ff7e00ff
        pavgsub2 r22 = r20, r21
        ;;
        CHECK r22, 0x3f007ec1fffeffff
        pcmp1.gt r22 = r20, r21
        ;;
        CHECK r22, 0xff00000000000000
        pcmp2.eq r22 = r20, r21
        ;;
        CHECK r22, 0x0000000000000000
        pcmp2.gt r22 = r20, r21
        ;;
        CHECK r22, 0xffff000000000000
        pcmp4.eq r22 = r20, r20
        ;;
        CHECK r22, 0xffffffffffffffff
        pcmp4.gt r22 = r20, r21
        ;;
        CHECK r22, 0xffffffff00000000
        pmax1.u r22 = r20, r21
        ;;
        CHECK r22, 0x7f80ff7f03fe8002
        pmin2 r22 = r20, r21
        ;;
        CHECK r22, 0x0180ff0102fe8001
        mix2.l r22 = r20, r21
        ;;
        CHECK r22, 0x7f80018002fe0302
        mix2.r r22 = r20, r21
        ;;
        CHECK r22, 0xff01017f80018002
        mix4.l r22 = r20, r21
        ;;
        CHECK r22, 0x7f80ff010180017f
        mix4.r r22 = r20, r21
        ;;
        CHECK r22, 0x02fe800103028002
        unpack2.l r22 = r20, r21
        ;;
        CHECK r22, 0x02fe030280018002
        unpack2.h r22 = r20, r21
        ;;
        CHECK r22, 0x7f800180ff01017f
        unpack4.l r22 = r20, r21
        ;;
        CHECK r22, 0x02fe800103028002
        unpack4.h r22 = r20, r21
        ;;
        CHECK r22, 0x7f80ff010180017f
        pack2.uss r22 = r23, r24
        ;;
        CHECK r22, 0xff0000ff01008040
        pack4.sss r22 = r20, r21
        ;;
        CHECK r22, 0x7fff7fff7fff7fff
        pshl4 r22 = r20, 5
        ;;
        CHECK r22, 0xf01fe0205fd00020
        pshl4 r22 = r20, r25
        ;;
        CHECK r22, 0xfc07f80817f40008
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0
        .endp test_main
