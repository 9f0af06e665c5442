// tests/ia64-isa/alu.s — A-unit integer arithmetic and logic: add (and
// its +1 form), sub (and its -1 form), addp4, and/andcm/or/xor with
// registers and imm8, shladd, shladdp4, adds, addl, movl. Expected
// values are worked out from the Itanium manual's definitions.
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
        add r22 = r20, r21
        ;;
        CHECK r22, 0xffffffffffffffff
        add r22 = r20, r21, 1
        ;;
        CHECK r22, 0
        sub r22 = r20, r21
        ;;
        CHECK r22, 0x02468acf13579bdf
        sub r22 = r20, r21, 1
        ;;
        CHECK r22, 0x02468acf13579bde
        and r22 = r20, r21
        ;;
        CHECK r22, 0                 // the operands are complements
        andcm r22 = r20, r21
        ;;
        CHECK r22, 0x0123456789abcdef
        or r22 = r20, r21
        ;;
        CHECK r22, 0xffffffffffffffff
        xor r22 = r20, r21
        ;;
        CHECK r22, 0xffffffffffffffff
        and r22 = -16, r20
        ;;
        CHECK r22, 0x0123456789abcde0
        andcm r22 = 15, r20           // 15 & ~r20
        ;;
        CHECK r22, 0
        or r22 = 0x7f, r0
        ;;
        CHECK r22, 0x7f
        xor r22 = -1, r20
        ;;
        CHECK r22, 0xfedcba9876543210
        sub r22 = 5, r20              // 5 - r20
        ;;
        CHECK r22, 0xfedcba9876543216
        shladd r22 = r20, 4, r21      // (r20 << 4) + r21
        ;;
        CHECK r22, 0x1111111111111100
        shladd r22 = r20, 1, r0
        ;;
        CHECK r22, 0x02468acf13579bde
        adds r22 = -8192, r20
        ;;
        CHECK r22, 0x0123456789abadef
        adds r22 = 8191, r0
        ;;
        CHECK r22, 8191
        addl r22 = -2097152, r0
        ;;
        CHECK r22, 0xffffffffffe00000
        addl r22 = 2097151, r0
        ;;
        CHECK r22, 0x1fffff
        movl r23 = 0xc0000000fffffff0  // addp4: the region comes from r3 bits 31:30
        ;;
        addp4 r22 = r23, r0           // r3 = r0: region 0
        ;;
        CHECK r22, 0x00000000fffffff0
        addp4 r22 = r0, r23           // r3 bits 31:30 = 3: region 3
        ;;
        CHECK r22, 0x60000000fffffff0
        addp4 r22 = 0x20, r23         // 32-bit sum wraps: 0x10; region from r3
        ;;
        CHECK r22, 0x6000000000000010
        movl r23 = 0x0000000040000000
        ;;
        shladdp4 r22 = r23, 2, r0     // (r23<<2)=0x1_0000_0000 -> low 32 = 0; r0 region 0
        ;;
        CHECK r22, 0
        movl r22 = 0x8000000000000000
        ;;
        CHECK r22, 0x8000000000000000
        mov r22 = -1
        ;;
        add r22 = 1, r22             // pseudo-op: adds
        ;;
        CHECK r22, 0
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0
        .endp test_main
