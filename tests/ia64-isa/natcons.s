// tests/ia64-isa/natcons.s — not self-checking: a load whose address
// register is NaT (from an ld8.s of the unmapped page at 0x1000) is a
// Register NaT Consumption fault, which Linux delivers as SIGILL (exit
// status 132 with no handler); if the load ran, exit_group(0) would.
        .explicit
        .text
        .global _start
_start:
        alloc r32 = ar.pfs, 0, 1, 1, 0
        mov r2 = 0x1000
        ;;
        ld8.s r3 = [r2]
        ;;
        ld8 r8 = [r3]
        ;;
        mov out0 = 0
        mov r15 = 1236
        ;;
        break 0x100000
        ;;
