// tests/ia64-isa/bits.s — the I-unit bit-field and shift forms: dep (all
// four forms), extr/extr.u (with fields cut at bit 63), shrp, shl/shr/
// shr.u by register (counts above 63) and by immediate (pseudo-ops of
// dep.z/extr), sxt/zxt, czx, popcnt. Expected values are the manual's
// definitions applied by hand (a field past bit 63 is cut there).
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 2, 0, 0
        mov r33 = b0
        movl r20 = 0x0123456789abcdef
        movl r21 = 0xfedcba9876543210
        ;;
        dep r22 = r21, r20, 8, 12          // r21's low 12 bits into r20 at 8
        ;;
        CHECK r22, 0x0123456789a210ef
        dep r22 = -1, r20, 60, 16          // cut to 4 bits at 60
        ;;
        CHECK r22, 0xf123456789abcdef
        dep r22 = 0, r20, 0, 64
        ;;
        CHECK r22, 0
        dep.z r22 = r20, 4, 16
        ;;
        CHECK r22, 0xcdef0
        dep.z r22 = -7, 56, 8
        ;;
        CHECK r22, 0xf900000000000000
        extr r22 = r21, 4, 12
        ;;
        CHECK r22, 0x321
        extr r22 = r21, 60, 10             // cut to 4 bits, sign-extended
        ;;
        CHECK r22, 0xffffffffffffffff
        extr.u r22 = r21, 60, 10
        ;;
        CHECK r22, 0xf
        extr r22 = r20, 60, 10
        ;;
        CHECK r22, 0
        shrp r22 = r20, r21, 8             // (r20:r21) >> 8
        ;;
        CHECK r22, 0xeffedcba98765432
        shl r22 = r20, 4                   // dep.z pseudo-op
        ;;
        CHECK r22, 0x123456789abcdef0
        shr.u r22 = r21, 4                 // extr.u pseudo-op
        ;;
        CHECK r22, 0x0fedcba987654321
        shr r22 = r21, 4                   // extr pseudo-op
        ;;
        CHECK r22, 0xffedcba987654321
        mov r23 = 4
        mov r24 = 64
        mov r25 = 200
        ;;
        shl r22 = r20, r23
        ;;
        CHECK r22, 0x123456789abcdef0
        shr r22 = r21, r23
        ;;
        CHECK r22, 0xffedcba987654321
        shr.u r22 = r21, r23
        ;;
        CHECK r22, 0x0fedcba987654321
        shl r22 = r20, r24                 // count > 63: 0
        ;;
        CHECK r22, 0
        shr.u r22 = r21, r25
        ;;
        CHECK r22, 0
        shr r22 = r21, r25                 // count > 63: the sign
        ;;
        CHECK r22, 0xffffffffffffffff
        sxt1 r22 = r21                     // 0x10
        ;;
        CHECK r22, 0x10
        movl r26 = 0x00000000800080f0
        ;;
        sxt1 r22 = r26
        ;;
        CHECK r22, 0xfffffffffffffff0
        sxt2 r22 = r26
        ;;
        CHECK r22, 0xffffffffffff80f0
        sxt4 r22 = r26
        ;;
        CHECK r22, 0xffffffff800080f0
        zxt1 r22 = r21
        ;;
        CHECK r22, 0x10
        zxt2 r22 = r21
        ;;
        CHECK r22, 0x3210
        zxt4 r22 = r21
        ;;
        CHECK r22, 0x76543210
        popcnt r22 = r20
        ;;
        CHECK r22, 32
        movl r26 = 0x1122003344556677
        ;;
        czx1.l r22 = r26                   // first zero byte from the left: index 2
        czx1.r r23 = r26                   // from the right: byte 5
        ;;
        CHECK r22, 2
        CHECK r23, 5
        czx2.l r22 = r20                   // no zero halfword: 4
        ;;
        CHECK r22, 4
        movl r26 = 0x0000ffff0000ffff
        ;;
        czx2.r r22 = r26                   // halfword 1 is zero
        ;;
        CHECK r22, 1
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0
        .endp test_main
