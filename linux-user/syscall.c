/* linux-user/syscall.c — the system-call dispatcher of user mode: guest
 * number ─abi->syscall_id─► LuSys id ─lu_sys_table─► handler, with -strace
 * logging of every call and -d unimp logging of the ones morph lacks; and
 * the small helpers the handlers in syscall_*.c share (arguments, errno,
 * guest integers and structs).
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <inttypes.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "util/log.h"

typedef struct LuSysEntry {
    const char *name;
    LuSysFn *fn;
    const char *kinds;
} LuSysEntry;

static const LuSysEntry lu_sys_table[LU_SYS_COUNT] = {
#define LU_SYS_ROW(id, name, fn, kinds) [LU_SYS_##id] = { name, fn, kinds },
    LU_SYSCALLS(LU_SYS_ROW)
#undef LU_SYS_ROW
};

/* The entry of id, NULL if none. */
static const LuSysEntry *sys_entry(int id)
{
    return id >= 0 && id < LU_SYS_COUNT ? &lu_sys_table[id] : NULL;
}

/* name -> id + 1, made once: each guest maps its few hundred syscall
 * names onto ids at its first syscall, in every process it starts. */
static gpointer make_sys_index(gpointer unused)
{
    (void)unused;
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = LU_SYS_COUNT; i-- > 0;) /* the first of equal names wins */
        g_hash_table_insert(index, (gpointer)sys_entry(i)->name, GINT_TO_POINTER(i + 1));
    return index;
}

int lu_sys_lookup(const char *name)
{
    static GOnce once = G_ONCE_INIT;
    GHashTable *index = g_once(&once, make_sys_index, NULL);
    return GPOINTER_TO_INT(g_hash_table_lookup(index, name)) - 1;
}

const char *lu_sys_name(int id)
{
    const LuSysEntry *e = sys_entry(id);
    return e ? e->name : NULL;
}

/* ---- argument and result helpers ---------------------------------------- */

uint64_t lu_arg_u64(const uint64_t a[6], int *i)
{
    const LuLayouts *L = lu_layouts();
    if (L->long_size == 8)
        return a[(*i)++];
    if (L->pair_aligned && (*i & 1))
        (*i)++;
    uint32_t first = (uint32_t)a[*i], second = (uint32_t)a[*i + 1];
    *i += 2;
    return L->big_endian ? (uint64_t)first << 32 | second : (uint64_t)second << 32 | first;
}

int64_t lu_host_err(void)
{
    int e = errno;
    const LuBitPair *map = lu_layouts()->errno_map;
    for (const LuBitPair *p = map; p && (p->guest | p->host); p++) {
        if ((int)p->host == e)
            return -(int64_t)p->guest;
    }
    return -(int64_t)e;
}

int lu_put_u32(uint64_t addr, uint32_t v)
{
    uint8_t b[4];
    lu_store_guest(lu_layouts(), b, 4, v);
    return lu_copy_to_guest(addr, b, 4);
}

int lu_put_long(uint64_t addr, uint64_t v)
{
    uint8_t b[8];
    unsigned n = lu_layouts()->long_size;
    lu_store_guest(lu_layouts(), b, n, v);
    return lu_copy_to_guest(addr, b, n);
}

int lu_put_u64(uint64_t addr, uint64_t v)
{
    uint8_t b[8];
    lu_store_guest(lu_layouts(), b, 8, v);
    return lu_copy_to_guest(addr, b, 8);
}

int lu_get_u32(uint64_t addr, uint32_t *v)
{
    uint8_t b[4];
    if (lu_copy_from_guest(b, addr, 4))
        return -EFAULT;
    *v = (uint32_t)lu_load_guest(lu_layouts(), b, 4);
    return 0;
}

int lu_get_long(uint64_t addr, uint64_t *v)
{
    uint8_t b[8];
    unsigned n = lu_layouts()->long_size;
    if (lu_copy_from_guest(b, addr, n))
        return -EFAULT;
    *v = lu_load_guest(lu_layouts(), b, n);
    return 0;
}

int lu_put_struct(const LuStruct *s, uint64_t addr, const uint64_t *v)
{
    uint8_t buf[512];
    lu_layout_write(lu_layouts(), s, buf, v);
    return lu_copy_to_guest(addr, buf, s->size);
}

int lu_get_struct(const LuStruct *s, uint64_t addr, uint64_t *v)
{
    uint8_t buf[512];
    if (lu_copy_from_guest(buf, addr, s->size))
        return -EFAULT;
    lu_layout_read(lu_layouts(), s, buf, v);
    return 0;
}

int lu_open_flags_to_host(uint32_t guest_flags)
{
    return (int)lu_bits_to_host(lu_layouts()->open_flags, guest_flags);
}

uint32_t lu_open_flags_to_guest(int host_flags)
{
    return lu_bits_to_guest(lu_layouts()->open_flags, (uint32_t)host_flags);
}

/* ---- -strace ------------------------------------------------------------- */

/* Each trace line is built in a GString and written with one log_printf:
 * the guest's processes share one stderr, and a line written piece by
 * piece would interleave with theirs. */

static void strace_string(GString *out, uint64_t addr)
{
    if (!addr) {
        g_string_append(out, "NULL");
        return;
    }
    char *s = lu_strdup_from_guest(addr);
    if (!s) {
        g_string_append_printf(out, "%#" PRIx64, addr);
        return;
    }
    g_string_append_c(out, '"');
    size_t n = strlen(s);
    for (size_t i = 0; i < n && i < 64; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            g_string_append_printf(out, "\\%c", c);
        else if (c == '\n')
            g_string_append(out, "\\n");
        else if (c < 0x20 || c >= 0x7f)
            g_string_append_printf(out, "\\%03o", c);
        else
            g_string_append_c(out, (char)c);
    }
    g_string_append(out, n > 64 ? "\"..." : "\"");
    g_free(s);
}

static void strace_call(GString *out, const char *name, const char *kinds, const uint64_t a[6])
{
    g_string_append_printf(out, "%d %s(", (int)getpid(), name);
    for (int i = 0; kinds[i] && i < 6; i++) {
        if (i)
            g_string_append_c(out, ',');
        switch (kinds[i]) {
        case 'd': g_string_append_printf(out, "%d", lu_arg_int(a[i])); break;
        case 'D': g_string_append_printf(out, "%" PRId64, lu_arg_long(a[i])); break;
        case 'u': g_string_append_printf(out, "%" PRIu64, a[i]); break;
        case 'o': g_string_append_printf(out, "0%" PRIo64, a[i]); break;
        case 's': strace_string(out, a[i]); break;
        default: g_string_append_printf(out, "%#" PRIx64, a[i]); break;
        }
    }
    g_string_append_c(out, ')');
}

static void strace_result(GString *out, int id, int64_t ret)
{
    if (ret < 0 && ret >= -4095) {
        g_string_append_printf(out, " = -1 errno=%d (%s)\n", (int)-ret, strerror((int)-ret));
    } else if (id == LU_SYS_MMAP || id == LU_SYS_MMAP2 || id == LU_SYS_BRK ||
               id == LU_SYS_MREMAP) {
        g_string_append_printf(out, " = %#" PRIx64 "\n", (uint64_t)ret);
    } else {
        g_string_append_printf(out, " = %" PRId64 "\n", ret);
    }
}

/* ---- dispatch ------------------------------------------------------------ */

int64_t lu_syscall(CpuCommon *cpu, int guest_nr, const uint64_t args[6])
{
    const LinuxAbi *abi = lu_proc.abi;
    int id = abi->syscall_id(guest_nr);
    bool trace = log_enabled(LOG_STRACE);

    const LuSysEntry *e = sys_entry(id);
    if (!e) {
        const char *name = abi->syscall_name ? abi->syscall_name(guest_nr) : NULL;
        if (trace)
            log_printf("%d %s(...) = -1 errno=%d (%s)\n", (int)getpid(),
                       name ? name : "unknown", ENOSYS, strerror(ENOSYS));
        if (log_enabled(LOG_UNIMP))
            log_printf("morph: unimplemented syscall %d (%s)\n", guest_nr,
                       name ? name : "unknown");
        return -ENOSYS;
    }

    pid_t caller = trace ? getpid() : 0;
    if (trace) {
        GString *line = g_string_new(NULL);
        strace_call(line, e->name, e->kinds, args);
        if (id == LU_SYS_EXIT || id == LU_SYS_EXIT_GROUP || id == LU_SYS_EXECVE)
            g_string_append_c(line, '\n'); /* may not come back */
        log_printf("%s", line->str);
        g_string_free(line, TRUE);
        fflush(log_file ? log_file : stderr);
    }
    int64_t ret = e->fn(cpu, args);
    if (trace) {
        GString *line = g_string_new(NULL);
        if (id == LU_SYS_EXECVE)
            g_string_append_printf(line, "%d execve", (int)getpid());
        else if (getpid() != caller) /* the child of fork: its own line */
            g_string_append_printf(line, "%d %s()", (int)getpid(), e->name);
        strace_result(line, id, ret);
        log_printf("%s", line->str);
        g_string_free(line, TRUE);
    }
    return ret;
}
