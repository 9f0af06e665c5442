/* linux-user/procfs.h — the /proc files morph writes itself because the
 * host's would describe morph, not the guest: /proc/self/maps (the guest's
 * mappings) and /proc/cpuinfo (the guest's CPU). See procfs.c.
 */
#ifndef MORPH_LU_PROCFS_H
#define MORPH_LU_PROCFS_H

#include <glib.h>
#include <stdint.h>

/* What lu_procfs_open returns for a path it does not make up. */
#define LU_PROCFS_NOT_OURS INT64_MIN

/* Open host path `path` (already mapped by lu_path_host) if it is one of
 * the files morph makes up: a descriptor on a snapshot of its contents or
 * -errno; LU_PROCFS_NOT_OURS otherwise. host_flags are open(2) flags. */
int64_t lu_procfs_open(int dirfd, const char *path, int host_flags);

/* The guest's /proc/self/maps / /proc/cpuinfo text, appended to out. */
void lu_procfs_maps(GString *out);
void lu_procfs_cpuinfo(GString *out);

/* /proc/cpuinfo of one guest family: ncpu processors (linux-user/<arch>/). */
typedef void LuCpuinfoFn(GString *out, long ncpu);
LuCpuinfoFn ppc_cpuinfo;
LuCpuinfoFn x86_cpuinfo;

#endif
