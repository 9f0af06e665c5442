// tests/ia64-isa/trap.s — not self-checking: `break 0x80200` (a debugger
// breakpoint number) is SIGTRAP on Linux (exit status 133).
        .explicit
        .text
        .global _start
_start:
        alloc r32 = ar.pfs, 0, 1, 1, 0
        ;;
        break.m 0x80200
        ;;
        mov out0 = 0
        mov r15 = 1236
        ;;
        break 0x100000
        ;;
