/* frontend/x86/disas.h — x86 disassembly for logs (frontend/x86/disas.c). */
#ifndef MORPH_X86_DISAS_H
#define MORPH_X86_DISAS_H

#include <stddef.h>
#include <stdint.h>

size_t x86_disas32(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen);
size_t x86_disas64(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen);

#endif
