/* linux-user/main.c — the `morph` executable: the command line, then the
 * guest process set up step by step and handed to the cpu loop.
 *
 *   options ─► open + validate the ELF ─► guest arch (ELF header) ─► reserve
 *   the address space ─► load program (+ interpreter) ─► stack ─► engine
 *   ─► cpu ─► lu_cpu_loop (never returns)
 *
 * Options follow qemu-user's where they mean the same thing; they stop at
 * the first word that is not an option (PROGRAM).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "backend/target.h"
#include "linux-user/lu_runtime.h"
#include "util/log.h"

#ifndef MORPH_VERSION
#define MORPH_VERSION "unknown"
#endif

/* Everything the command line says. */
typedef struct CmdLine {
    const char *sysroot, *argv0, *accel, *log_items, *log_path, *cpu_model;
    size_t code_cache_bytes; /* -tb-size, 0 = the backend's default */
    bool strace;
    GPtrArray *env_ops;   /* "VAR=VALUE" to set or "VAR" to unset, in order */
    GPtrArray *keep_opts; /* option words a re-exec of morph passes again */
    int prog_index;       /* argv index of PROGRAM */
} CmdLine;

typedef enum OptAction {
    OPT_HELP, OPT_VERSION, OPT_SYSROOT, OPT_SETENV, OPT_UNSETENV, OPT_ARGV0,
    OPT_LOG, OPT_LOGFILE, OPT_STRACE, OPT_ACCEL, OPT_TB_SIZE, OPT_CPU,
} OptAction;

static const struct Option {
    const char *name;   /* without the leading dash(es) */
    const char *arg;    /* name of the argument, NULL for none */
    OptAction action;
    bool keep;          /* passed again when the guest execs a program */
    const char *help;
} options[] = {
    { "h", NULL, OPT_HELP, false, "print this help and exit" },
    { "help", NULL, OPT_HELP, false, NULL },
    { "version", NULL, OPT_VERSION, false, "print the version and exit" },
    { "L", "SYSROOT", OPT_SYSROOT, true,
      "look for the ELF interpreter (and absolute guest paths) under SYSROOT\n"
      "(default: $MORPH_LD_PREFIX)" },
    { "E", "VAR=VALUE", OPT_SETENV, false, "set VAR in the guest's environment" },
    { "U", "VAR", OPT_UNSETENV, false, "remove VAR from the guest's environment" },
    { "0", "ARGV0", OPT_ARGV0, false, "give the guest ARGV0 as argv[0] (default: PROGRAM)" },
    { "d", "ITEMS", OPT_LOG, true, "log ITEM[,ITEM...] ('-d help' lists the items)" },
    { "D", "FILE", OPT_LOGFILE, true,
      "write the log to FILE instead of stderr; %d in FILE becomes the pid\n"
      "(so programs the guest runs log to files of their own)" },
    { "strace", NULL, OPT_STRACE, true, "log the guest's system calls (same as -d strace)" },
    { "accel", "NAME", OPT_ACCEL, true,
      "execute with backend NAME: jit (the default: native x86-64 code)\n"
      "or interp (the portable interpreter)" },
    { "cpu", "MODEL", OPT_CPU, true,
      "emulate CPU MODEL: what the guest's feature reports (x86 CPUID,\n"
      "AT_HWCAP) say; '-cpu help' lists each guest's models" },
    { "tb-size", "SIZE", OPT_TB_SIZE, true,
      "size of the JIT's code cache: MiB, or KiB with a K suffix\n"
      "(default 256, from 256K to 1024M); emptied whole when full" },
};

static void usage(FILE *out)
{
    GString *guests = g_string_new(NULL);
    for (const GuestArch *const *g = guest_list(); *g; g++)
        g_string_append_printf(guests, "%s%s", guests->len ? ", " : "", (*g)->name);
    fprintf(out,
            "Usage: morph [options] PROGRAM [ARGS...]\n"
            "Run the foreign Linux program PROGRAM on this host. Guests: %s.\n"
            "The guest architecture comes from PROGRAM's ELF header.\n\n"
            "Options (before PROGRAM; '--name' works as well as '-name'):\n", guests->str);
    g_string_free(guests, TRUE);
    for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
        const struct Option *o = &options[i];
        if (!o->help)
            continue;
        char head[40];
        g_snprintf(head, sizeof head, "-%s%s%s%s", o->name, o->action == OPT_HELP ? ", --help" : o->action == OPT_VERSION ? ", --version" : "",
                   o->arg ? " " : "", o->arg ? o->arg : "");
        /* Continuation lines of a help text line up under its first line. */
        gchar **lines = g_strsplit(o->help, "\n", -1);
        for (int l = 0; lines[l]; l++)
            fprintf(out, "  %-20s %s\n", l == 0 ? head : "", lines[l]);
        g_strfreev(lines);
    }
    fprintf(out,
            "\nEnvironment:\n"
            "  MORPH_LD_PREFIX      default for -L\n\n"
            "Exit status: the guest's; 128+N when the guest dies by signal N;\n"
            "126 when PROGRAM cannot be executed, 127 when it does not exist,\n"
            "1 for a bad command line.\n");
}

static _Noreturn void bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "morph: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'morph --help' for more information.\n");
    exit(1);
}

/* -tb-size: MiB, or KiB with a K suffix ("M" may be written too). */
static size_t parse_tb_size(const char *arg)
{
    enum { MIN_BYTES = 256 << 10, MAX_BYTES = 1 << 30 };
    char *end;
    unsigned long n = strtoul(arg, &end, 10);
    unsigned shift = *end == 'K' || *end == 'k' ? 10 : 20;
    if (*end == 'K' || *end == 'k' || *end == 'M' || *end == 'm')
        end++;
    size_t bytes = (size_t)n << shift;
    if (*arg < '0' || *arg > '9' || *end || n > MAX_BYTES || bytes < MIN_BYTES || bytes > MAX_BYTES)
        bad_usage("-tb-size needs a size from 256K to 1024M, not '%s'", arg);
    return bytes;
}

/* -cpu help: every guest's models. */
static void list_cpu_models(FILE *out)
{
    for (const GuestArch *const *g = guest_list(); *g; g++) {
        if (!(*g)->cpu_models) {
            fprintf(out, "%s: one model\n", (*g)->name);
            continue;
        }
        fprintf(out, "%s:\n", (*g)->name);
        for (const GuestCpuModel *const *m = (*g)->cpu_models; *m; m++)
            fprintf(out, "  %-12s %s\n", (*m)->name, (*m)->summary);
    }
}

/* Apply -cpu MODEL to the program's guest, before any cpu exists. */
static void select_cpu_model(const GuestArch *arch, const char *name)
{
    for (const GuestCpuModel *const *m = arch->cpu_models; m && *m; m++) {
        if (strcmp((*m)->name, name) == 0) {
            arch->select_cpu_model(*m);
            return;
        }
    }
    char msg[160];
    g_snprintf(msg, sizeof msg, "the %s guest has no CPU model '%%s' (see '-cpu help')", arch->name);
    bad_usage(msg, name);
}

static void parse_args(int argc, char **argv, CmdLine *cl)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
        const char *word = argv[i];
        if (strcmp(word, "--") == 0) {
            i++;
            break;
        }
        const char *name = word + (word[1] == '-' ? 2 : 1);
        const struct Option *o = NULL;
        for (size_t k = 0; k < G_N_ELEMENTS(options); k++) {
            if (strcmp(options[k].name, name) == 0)
                o = &options[k];
        }
        if (!o)
            bad_usage("unknown option '%s'", word);
        const char *arg = NULL;
        if (o->arg) {
            if (i + 1 >= argc)
                bad_usage("option '%s' needs an argument", word);
            arg = argv[i + 1];
        }
        if (o->keep) {
            g_ptr_array_add(cl->keep_opts, g_strdup(word));
            if (arg)
                g_ptr_array_add(cl->keep_opts, g_strdup(arg));
        }
        switch (o->action) {
        case OPT_HELP:
            usage(stdout);
            exit(0);
        case OPT_VERSION:
            printf("morph %s\n", MORPH_VERSION);
            exit(0);
        case OPT_SYSROOT: cl->sysroot = arg; break;
        case OPT_SETENV:
            if (!strchr(arg, '=') || arg[0] == '=')
                bad_usage("-E needs VAR=VALUE, not '%s'", arg);
            g_ptr_array_add(cl->env_ops, (gpointer)arg);
            break;
        case OPT_UNSETENV:
            if (!*arg || strchr(arg, '='))
                bad_usage("-U needs a variable name, not '%s'", arg);
            g_ptr_array_add(cl->env_ops, (gpointer)arg);
            break;
        case OPT_ARGV0: cl->argv0 = arg; break;
        case OPT_LOG:
            if (strcmp(arg, "help") == 0) {
                log_help(stdout);
                exit(0);
            }
            cl->log_items = arg;
            break;
        case OPT_LOGFILE: cl->log_path = arg; break;
        case OPT_STRACE: cl->strace = true; break;
        case OPT_ACCEL: cl->accel = arg; break;
        case OPT_TB_SIZE:
            cl->code_cache_bytes = parse_tb_size(arg);
            break;
        case OPT_CPU:
            if (strcmp(arg, "help") == 0) {
                list_cpu_models(stdout);
                exit(0);
            }
            cl->cpu_model = arg;
            break;
        }
        i += o->arg ? 2 : 1;
    }
    if (i >= argc)
        bad_usage("%s", "no PROGRAM to run");
    cl->prog_index = i;
}

/* The guest's environment: ours with -E/-U applied in order. */
static char **guest_environment(const CmdLine *cl)
{
    gchar **env = g_get_environ();
    for (guint i = 0; i < cl->env_ops->len; i++) {
        const char *op = cl->env_ops->pdata[i];
        const char *eq = strchr(op, '=');
        if (eq) {
            char *var = g_strndup(op, (gsize)(eq - op));
            env = g_environ_setenv(env, var, eq + 1, TRUE);
            g_free(var);
        } else {
            env = g_environ_unsetenv(env, op);
        }
    }
    return env;
}

/* log2 of the guest address space of a 64-bit guest. */
enum { LU_SPACE_BITS64 = 40 };

static _Noreturn void fail(int status, const char *msg)
{
    fprintf(stderr, "morph: %s\n", msg);
    exit(status);
}

int main(int argc, char **argv)
{
    CmdLine cl = { .env_ops = g_ptr_array_new(), .keep_opts = g_ptr_array_new() };
    parse_args(argc, argv, &cl);
    if (!cl.sysroot) {
        const char *env = getenv("MORPH_LD_PREFIX");
        if (env && *env)
            cl.sysroot = env;
    }

    unsigned mask = 0;
    if (cl.log_items) {
        const char *bad = NULL;
        if (!log_parse_items(cl.log_items, &mask, &bad))
            bad_usage("unknown log item '%s' (see '-d help')", bad ? bad : cl.log_items);
    }
    if (cl.strace)
        mask |= LOG_STRACE;
    log_mask = mask;
    if (cl.log_path && !log_set_file(cl.log_path)) {
        fprintf(stderr, "morph: cannot open log file %s: %s\n", cl.log_path, strerror(errno));
        return 1;
    }
    const Backend *backend = backend_by_name(cl.accel);
    if (!backend) {
        char msg[128];
        g_snprintf(msg, sizeof msg, "unknown accelerator '%%s' (available: %s)", backend_names());
        bad_usage(msg, cl.accel);
    }

    /* The program and its architecture. */
    const char *prog = argv[cl.prog_index];
    char err[PATH_MAX + 256];
    LuElf elf;
    int st = lu_elf_open(prog, &elf, err, sizeof err);
    if (st != 0)
        fail(st, err);
    const GuestArch *arch = guest_find(elf.machine, elf.is64 ? 2 : 1, elf.big_endian);
    const LinuxAbi *abi = arch ? lu_abi_for(arch) : NULL;
    if (!abi) {
        const char *mname = lu_elf_machine_name(elf.machine);
        g_snprintf(err, sizeof err, "%s: unsupported machine %u (%s, %d-bit %s-endian)", prog, elf.machine,
                   mname ? mname : "unknown", elf.is64 ? 64 : 32, elf.big_endian ? "big" : "little");
        fail(LU_EXIT_NOEXEC, err);
    }
    if (cl.cpu_model)
        select_cpu_model(arch, cl.cpu_model);
    lu_proc.arch = arch;
    lu_proc.abi = abi;
    lu_proc.addr_fold = abi->addr_fold;
    lu_proc.addr_unfold = abi->addr_unfold;
    /* A 32-bit guest's whole space; a 64-bit guest gets a 1 TiB window
     * (its code checks every address against it: guest_addr_fault_mask). */
    uint64_t space = arch->elf_class == 1 ? (uint64_t)1 << 32 : (uint64_t)1 << LU_SPACE_BITS64;
    if (!lu_space_init(space)) {
        g_snprintf(err, sizeof err, "cannot reserve the guest address space: %s", strerror(errno));
        fail(1, err);
    }

    /* What a guest execve needs to start morph again. */
    lu_proc.opt.sysroot = cl.sysroot;
    lu_proc.opt.argv0 = cl.argv0;
    lu_proc.opt.accel = cl.accel;
    lu_proc.opt.log_mask = mask;
    lu_proc.opt.log_file = cl.log_path;
    lu_proc.opt.morph_path = g_file_read_link("/proc/self/exe", NULL);
    if (!lu_proc.opt.morph_path)
        lu_proc.opt.morph_path = g_strdup(argv[0]);
    lu_proc.opt.n_morph_argv_opts = (int)cl.keep_opts->len;
    g_ptr_array_add(cl.keep_opts, NULL);
    lu_proc.opt.morph_argv_opts = (char **)g_ptr_array_free(cl.keep_opts, FALSE);

    char *real = realpath(prog, NULL);
    lu_proc.exe_path = real ? g_strdup(real) : g_canonicalize_filename(prog, NULL);
    free(real);

    st = lu_elf_load(&elf, cl.sysroot, &lu_proc.image, err, sizeof err);
    lu_elf_close(&elf);
    if (st != 0)
        fail(st, err);

    /* The initial stack. */
    int gargc = argc - cl.prog_index;
    char **gargv = g_new0(char *, gargc + 1);
    for (int i = 0; i < gargc; i++)
        gargv[i] = argv[cl.prog_index + i];
    if (cl.argv0)
        gargv[0] = (char *)cl.argv0;
    char **genv = guest_environment(&cl);
    uint64_t sp = lu_stack_build(abi, &lu_proc.image, gargc, gargv, genv, prog, err, sizeof err);
    if (!sp) {
        g_snprintf(err + strlen(err), sizeof err - strlen(err), " (%s)", prog);
        fail(LU_EXIT_NOEXEC, err);
    }
    g_strfreev(genv);
    g_free(gargv);

    EngineOptions eo = { .backend = backend, .optimize = true, .fetch = lu_fetch_code,
                         .code_cache_bytes = cl.code_cache_bytes, .code_added = lu_code_added };
    lu_proc.engine = engine_new(arch, &eo);
    if (!lu_proc.engine)
        fail(1, "cannot create the execution engine");
    lu_signal_init();
    CpuCommon *cpu = lu_cpu_create(sp);
    lu_cpu_loop(cpu);
}
