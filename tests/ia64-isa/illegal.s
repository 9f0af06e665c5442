// tests/ia64-isa/illegal.s — not self-checking: a bundle with a reserved
// template (0x06) must kill the guest with SIGILL (exit status 132),
// never be skipped; if it were, the exit_group(0) after it would run.
        .explicit
        .text
        .global _start
_start:
        alloc r32 = ar.pfs, 0, 1, 1, 0
        ;;
        data8 0x0000000000000006, 0      // template 0x06: reserved
        mov out0 = 0
        mov r15 = 1236
        ;;
        break 0x100000
        ;;
