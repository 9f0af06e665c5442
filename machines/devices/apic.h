/* machines/devices/apic.h — the local APIC of the PC's one cpu in xAPIC
 * mode (Intel SDM vol. 3 ch. 10; version 0x14, six LVT entries, no
 * x2APIC, no TSC-deadline timer: the cpu's CPUID advertises neither).
 *
 *   0xFEE00000 + offset (32-bit registers, 16-byte aligned)
 *   0x020 ID        0x080 TPR   0x0B0 EOI   0x0E0 DFR    0x100-0x170 ISR
 *   0x030 version   0x090 APR   0x0C0 RRD   0x0F0 SVR    0x180-0x1F0 TMR
 *   0x280 ESR       0x0A0 PPR   0x0D0 LDR                0x200-0x270 IRR
 *   0x300/0x310 ICR low/high
 *   0x320 LVT timer 0x330 thermal 0x340 perf 0x350 LINT0 0x360 LINT1 0x370 error
 *   0x380 initial count  0x390 current count  0x3E0 divide configuration
 *
 * The timer counts down at a bus clock of 1 GHz (APIC_BUS_HZ) divided as
 * the divide configuration says; the cpu reports no crystal or bus
 * frequency (no CPUID leaf 0x15/0x16), so a kernel measures it against
 * the PIT.
 *
 * Wiring: the APIC drives the cpu's INTR line while it has a vector to
 * deliver above its processor priority, or while its LINT0 input (the
 * i8259's INT) is up and LINT0 is in ExtINT mode (virtual-wire mode) or
 * the APIC is hardware-disabled (the IA32_APIC_BASE enable bit clear:
 * the i8259 reaches the cpu directly). The board's acknowledge asks
 * apic_intr_ack first; APIC_ACK_EXTINT says the i8259 answers instead.
 */
#ifndef MORPH_APIC_H
#define MORPH_APIC_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/machine.h"
#include "softmmu/memory.h"

#define APIC_DEFAULT_BASE 0xfee00000ull
#define APIC_BUS_HZ 1000000000ull

/* IA32_APIC_BASE bits (SDM vol. 3 §10.4.4). */
enum { APIC_BASE_BSP = 1u << 8, APIC_BASE_GLOBAL_ENABLE = 1u << 11 };
#define APIC_BASE_ADDRESS_MASK 0xffffff000ull

/* Delivery modes of LVT entries, the ICR and IOAPIC redirection entries. */
typedef enum ApicDeliveryMode {
    APIC_DM_FIXED = 0,
    APIC_DM_LOWEST = 1,
    APIC_DM_SMI = 2,
    APIC_DM_NMI = 4,
    APIC_DM_INIT = 5,
    APIC_DM_STARTUP = 6,
    APIC_DM_EXTINT = 7,
} ApicDeliveryMode;

/* apic_intr_ack: no vector and no ExtINT request; or the i8259 answers. */
enum { APIC_ACK_NONE = -1, APIC_ACK_EXTINT = -2 };

typedef struct Apic Apic;

/* Maps the registers at APIC_DEFAULT_BASE in `mem` and arms its timer on
 * m's clock; intr and nmi are the cpu's INTR and NMI lines. */
Apic *apic_new(Machine *m, AddressSpace *mem, IrqLine intr, IrqLine nmi);
/* Power-on state (SDM §10.4.7.1): ID 0, software-disabled (SVR 0xFF),
 * every LVT entry masked except LINT0, which the PC's BSP has in
 * ExtINT mode (virtual wire, as QEMU's pc starts it), the timer stopped,
 * at APIC_DEFAULT_BASE and enabled. */
void apic_reset(Apic *apic);
void apic_free(Apic *apic);

/* IA32_APIC_BASE was written: moves the registers, and a clear enable
 * bit turns the APIC off (back to its power-on state, the i8259 straight
 * to the cpu) until it is set again. */
void apic_set_base(Apic *apic, uint64_t msr_value);

/* LINT0 (n 0) and LINT1 (n 1) input pins; level 1 = asserted. */
IrqLine apic_lint_in(Apic *apic, unsigned n);

/* An interrupt message for this APIC (from the IOAPIC): fixed and
 * lowest-priority vectors go to the IRR (level-triggered ones also to
 * the TMR, so that their EOI is broadcast), NMI to the cpu's NMI line,
 * ExtINT to the i8259's acknowledge. */
void apic_deliver(Apic *apic, ApicDeliveryMode mode, uint8_t vector, bool level_triggered);
/* Whether a message's destination (an 8-bit APIC ID in physical mode, a
 * logical destination matched against LDR/DFR) names this APIC. */
bool apic_match_destination(const Apic *apic, uint8_t dest, bool logical);

/* Who hears the EOI of a level-triggered vector (the IOAPIC). */
void apic_set_eoi_listener(Apic *apic, void (*eoi)(void *opaque, uint8_t vector), void *opaque);

/* The cpu's acknowledge: the highest-priority vector in the IRR above
 * the processor priority, moved to the ISR; APIC_ACK_EXTINT when the
 * i8259 is to answer (ExtINT through LINT0 or an ExtINT message, or the
 * APIC hardware-disabled); APIC_ACK_NONE when nothing waits. */
int apic_intr_ack(Apic *apic);

#endif
