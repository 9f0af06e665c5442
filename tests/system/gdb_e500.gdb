# tests/system/gdb_e500.gdb — what gdb_e500.sh has gdb-multiarch do over
# morph-system's stub, after it set $board_init_f, loaded uboot.elf and
# connected (-s -S: the cpu waits at its first instruction). Each printf
# line is one fact the script checks.
set pagination off
set confirm off

# The registers at the first instruction (the ePAPR boot state).
printf "reset pc=%#x msr=%#x r3=%#x r6=%#x\n", $pc, $msr, $r3, $r6

# A breakpoint at board_init_f, reached by continuing.
break *$board_init_f
continue
printf "break pc=%#x\n", $pc

# One instruction: the stack frame's stwu.
set $sp_before = $r1
stepi
printf "step pc=%#x r1=%#x sp_before=%#x\n", $pc, $r1, $sp_before
printf "back chain=%#x\n", *(unsigned int *)$r1

# Registers written, read back from the stub (the cache flushed), and
# put back as they were.
set $saved_r5 = $r5
set $saved_cr = $cr
set $saved_xer = $xer
set $r5 = 0x12345678
set $cr = 0x84211248
set $xer = 0xe000007f
maintenance flush register-cache
printf "written r5=%#x cr=%#x xer=%#x\n", $r5, $cr, $xer
set $r5 = $saved_r5
set $cr = $saved_cr
set $xer = $saved_xer

# Memory: the first instructions of board_init_f.
x/4wx $board_init_f

# On to the prompt; gdb_e500.sh interrupts (Ctrl-C) once it is there.
delete
continue
printf "interrupted pc=%#x\n", $pc
kill
