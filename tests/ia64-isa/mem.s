// tests/ia64-isa/mem.s — integer loads and stores of 1, 2, 4 and 8
// bytes (zero-extending loads, little-endian), post-increment by
// register and imm9, hints and ordering completers, ld8.fill/st8.spill
// with ar.unat, ld.c/chk.a (an ALAT that misses still gives the right
// value through the recovery path), chk.s, cmpxchg with ar.ccv, xchg,
// fetchadd, setf.sig/getf.sig, a NaT through st8.spill/ld8.fill, and
// ld16/st16/cmp8xchg16 with ar.csd.
        .include "isa.inc"
        .text
        .global test_main
        .proc test_main
test_main:
        alloc r32 = ar.pfs, 0, 2, 0, 0
        mov r33 = b0
        movl r20 = buffer
        movl r21 = 0x8877665544332211
        ;;
        st8 [r20] = r21
        ;;
        ld1 r22 = [r20]
        ;;
        CHECK r22, 0x11
        adds r23 = 6, r20
        ;;
        ld2 r22 = [r23]
        ;;
        CHECK r22, 0x8877
        adds r23 = 4, r20
        ;;
        ld4.nt1 r22 = [r23]
        ;;
        CHECK r22, 0x88776655
        ld8.acq r22 = [r20]
        ;;
        CHECK r22, 0x8877665544332211
        ld8.bias r22 = [r20]             // a hint of a later store: a plain load
        ;;
        CHECK r22, 0x8877665544332211
        ld8.c.clr.acq r22 = [r20]        // no ALAT entry: reloads
        ;;
        CHECK r22, 0x8877665544332211
        // stores of each size
        mov r24 = -1
        adds r23 = 8, r20
        ;;
        st8 [r23] = r0
        ;;
        st1 [r23] = r24, 1               // post-increment by imm
        ;;
        st2.rel [r23] = r24, 3
        ;;
        st4.nta [r23] = r24
        adds r23 = 8, r20
        ;;
        ld8 r22 = [r23]
        ;;
        CHECK r22, 0xffffffff00ffffff
        // post-increment by register, and the updated base
        mov r25 = 8
        mov r26 = r20
        ;;
        ld8 r22 = [r26], r25
        ;;
        CHECK r26, buffer + 8
        ld4 r22 = [r26], -4
        ;;
        CHECK r22, 0x00ffffff
        CHECK r26, buffer + 4
        // speculation: ld.s/chk.s, ld.a/ld.c, chk.a recovery
        ld8.s r22 = [r20]
        ;;
        chk.s r22, 9f
        ;;
        CHECK r22, 0x8877665544332211
        ld8.a r22 = [r20]
        ;;
        st8 [r20] = r0                   // the ALAT entry must not survive this
        ;;
        ld8.c.clr r22 = [r20]
        ;;
        CHECK r22, 0
        st8 [r20] = r21
        mov r27 = 0
        ;;
        ld8.a r22 = [r20]
        ;;
        chk.a.clr r22, 8f                // the recovery path reloads
7:      ;;
        CHECK r22, 0x8877665544332211
        // cmpxchg: equal stores, unequal does not; r1 = old value
        mov ar.ccv = r21
        mov r24 = 5
        ;;
        cmpxchg8.acq r22 = [r20], r24, ar.ccv
        ;;
        CHECK r22, 0x8877665544332211
        ld8 r22 = [r20]
        ;;
        CHECK r22, 5
        cmpxchg8.rel r22 = [r20], r21, ar.ccv   // ccv != 5: no store
        ;;
        CHECK r22, 5
        ld8 r22 = [r20]
        ;;
        CHECK r22, 5
        mov ar.ccv = 5
        mov r24 = 6
        ;;
        cmpxchg4.acq r22 = [r20], r24, ar.ccv
        ;;
        ld8 r22 = [r20]
        ;;
        CHECK r22, 6
        // xchg, fetchadd
        mov r24 = 77
        ;;
        xchg8 r22 = [r20], r24
        ;;
        CHECK r22, 6
        fetchadd8.acq r22 = [r20], 16
        ;;
        CHECK r22, 77
        fetchadd4.rel r22 = [r20], -1
        ;;
        CHECK r22, 93
        ld8 r22 = [r20]
        ;;
        CHECK r22, 92
        // st8.spill / ld8.fill carry the NaT bit through ar.unat
        mov ar.unat = r0
        adds r23 = 16, r20               // bit (16 >> 3) & 63 = 2 of unat
        ;;
        st8.spill [r23] = r21
        ;;
        mov r22 = ar.unat
        ;;
        CHECK r22, 0
        ld8.fill r25 = [r23]
        ;;
        CHECK r25, 0x8877665544332211
        tnat.z p6, p7 = r25
        ;;
        CHECKP p6, 1
        mov ar.unat = r0
        ;;
        movl r24 = 0x4
        ;;
        mov ar.unat = r24                // unat bit 2 set
        ;;
        ld8.fill r26 = [r23]
        ;;
        tnat.nz p6, p7 = r26
        ;;
        CHECKP p6, 1
        mov r27 = 0
        ;;
        chk.s r26, 5f                    // NaT: the recovery code runs
        ;;
        mov r27 = 100
6:      ;;
        CHECK r27, 1
        mov ar.unat = r0
        ;;
        st8.spill [r23] = r26            // its NaT goes back into unat bit 2
        ;;
        mov r22 = ar.unat
        ;;
        CHECK r22, 4
        // GR <-> FR
        setf.sig f6 = r21
        ;;
        getf.sig r22 = f6
        ;;
        CHECK r22, 0x8877665544332211
        setf.exp f7 = r25                // low 18 bits: 0x32211
        ;;
        getf.exp r22 = f7
        ;;
        CHECK r22, 0x32211
        // 16-byte accesses (manual, ld, st, cmpxchg): ld16/st16 move the
        // 8 bytes at the lower address to/from r1/r2 and the upper 8
        // to/from ar.csd; cmp8xchg16 compares the 8 bytes at r3 with
        // ar.ccv and, if equal, stores r2 at r3 & ~8 and ar.csd at
        // (r3 & ~8) + 8; r1 = the 8 bytes read
        movl r23 = pair
        movl r24 = 0x0102030405060708
        movl r25 = 0x1112131415161718
        ;;
        mov ar.csd = r25
        adds r26 = 8, r23
        ;;
        st16 [r23] = r24, ar.csd
        ;;
        ld8 r22 = [r23]
        ld8 r27 = [r26]
        ;;
        CHECK r22, 0x0102030405060708
        CHECK r27, 0x1112131415161718
        mov ar.csd = r0
        ;;
        ld16 r22, ar.csd = [r23]
        ;;
        mov r27 = ar.csd
        ;;
        CHECK r22, 0x0102030405060708
        CHECK r27, 0x1112131415161718
        mov ar.ccv = r25                 // equals the upper half, at r26
        mov r28 = 0xaaa
        mov r29 = 0xbbb
        ;;
        mov ar.csd = r29
        ;;
        cmp8xchg16.acq r22 = [r26], r28, ar.csd, ar.ccv
        ;;
        ld8 r27 = [r23]
        ld8 r29 = [r26]
        ;;
        CHECK r22, 0x1112131415161718
        CHECK r27, 0xaaa
        CHECK r29, 0xbbb
        cmp8xchg16.rel r22 = [r23], r24, ar.csd, ar.ccv   // 0xaaa != ar.ccv
        ;;
        ld8 r27 = [r23]
        ;;
        CHECK r22, 0xaaa
        CHECK r27, 0xaaa
        mov b0 = r33
        mov ar.pfs = r32
        ;;
        br.ret.sptk.many b0

5:      mov r27 = 1                      // chk.s recovery for the NaT
        br.cond.sptk.few 6b
        ;;
8:      ld8 r22 = [r20]                  // chk.a recovery
        br.cond.sptk.few 7b
        ;;
9:      mov r22 = 0                      // chk.s recovery (not expected here)
        br.cond.sptk.few 7b
        ;;
        .endp test_main

        .data
        .align 512                      // so buffer+16 is unat bit 2
buffer: .skip 64
pair:   .skip 16                        // 16-byte aligned (buffer + 64)
