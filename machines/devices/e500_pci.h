/* machines/devices/e500_pci.h — the MPC8544's PCI host controller as
 * QEMU's ppce500 board presents it ("fsl,mpc8540-pci", CCSR + 0x8000):
 * the configuration mechanism (CONFIG_ADDRESS / CONFIG_DATA), the host
 * bridge itself at bus 0 device 0 (the only device on the bus), and the
 * address translation and mapping windows (ATMU) as storage. */
#ifndef MORPH_E500_PCI_H
#define MORPH_E500_PCI_H

#include <stdint.h>

#include "softmmu/memory.h"

typedef struct E500Pci E500Pci;

enum { E500_PCI_REGION_SIZE = 0x1000 };

/* Maps the registers at base in as, in their reset state. */
E500Pci *e500_pci_new(AddressSpace *as, uint64_t base);
/* Back to the reset state (a hard reset of the chip). */
void e500_pci_reset(E500Pci *pci);
/* Unmaps and frees the device (before its address space goes). */
void e500_pci_free(E500Pci *pci);

#endif
