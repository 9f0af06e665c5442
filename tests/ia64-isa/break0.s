// tests/ia64-isa/break0.s — not self-checking: `break 0` is SIGILL on
// Linux (exit status 132), `break.i` in an I slot like any other.
        .explicit
        .text
        .global _start
_start:
        alloc r32 = ar.pfs, 0, 1, 1, 0
        ;;
        break.i 0
        ;;
        mov out0 = 0
        mov r15 = 1236
        ;;
        break 0x100000
        ;;
