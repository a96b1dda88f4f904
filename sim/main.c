/* trapeze command line: trapeze [options] program [args...] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../config.h"
#include "../oskernel/kernel.h"
#include "../oskernel/loader.h"
#include "../oskernel/syscalls.h"
#include "difftest.h"
#include "gdbstub.h"
#include "machine.h"
#include "objdump.h"
#include "timing.h"
#include "trace.h"
#include "trace_summary.h"

extern char **environ;

/* Exit statuses of trapeze itself, as the shell's for exec failures. */
#define EXIT_USAGE 2
#define EXIT_CANNOT_RUN 126

static void usage(FILE *f)
{
    fprintf(f,
        "usage: trapeze [options] program [args...]\n"
        "Runs a Linux ELF program for x86_64, aarch64, riscv64 or loongarch64 on a\n"
        "simulated CPU with an emulated Linux kernel; the CPU comes from the ELF header.\n"
        "\n"
        "  -L DIR            sysroot: ELF interpreter and absolute paths are looked up in DIR first\n"
        "  -E VAR=VALUE      set VAR in the guest's environment\n"
        "  -U VAR            remove VAR from the guest's environment\n"
        "  -0 ARGV0          pass ARGV0 as argv[0] instead of the program name\n"
        "  --strace          one line per guest syscall, strace format, on stderr\n"
        "  -D FILE           write --strace output to FILE\n"
        "  --max-insns N     stop after N guest instructions (exit status 124)\n"
        "  --stats           print instructions and cycles retired on stderr at exit\n"
        "  --trace FILE      write a trace (see docs/tracing.md)\n"
        "  --trace-events L  comma list of insn,trap,syscall,signal,mem,signal-path [signal]\n"
        "  --trace-format F  text, json (JSON Lines) or perfetto [text]\n"
        "  --trace-svg FILE  draw the signal paths as an SVG picture\n"
        "  --trace-range R   instructions only inside symbol R or address range A-B\n"
        "  --trace-cycles R  only events in the cycle window A-B\n"
        "  --trace-max-paths N  record at most N signal paths\n"
        "  --trace-summary FILE  per-signal phase table (min/median/max) of a JSON Lines\n"
        "                    trace; with --trace-svg also its picture\n"
        "  --timing FILE     cycle costs of the timing model (docs/timing.md)\n"
        "  --deterministic   time, randomness, counters and the thread schedule derive from\n"
        "                    the model and the seed (docs/threads.md)\n"
        "  --seed N          seed for --deterministic [0]\n"
        "  --disasm NAME     disassembler for traces: trapeze (own decoders) or capstone\n"
        "  --objdump FILE    disassemble FILE's executable sections, llvm-objdump style\n"
        "  --list-arches     print the CPUs this build runs\n"
        "  -g PORT           wait for gdb on 127.0.0.1:PORT (or HOST:PORT, unix:PATH); docs/gdb.md\n"
        "  --difftest REF    run in lockstep with REF (native, gdb:HOST:PORT, gdb:unix:PATH) and\n"
        "                    stop at the first difference; docs/difftest.md\n"
        "  --difftest-every N  compare every N instructions instead of after each one\n"
        "  --difftest-at-syscalls  compare only at system calls\n"
        "  --difftest-from N  compare each instruction from the N-th on (before it: as the two above)\n"
        "  --help, --version\n");
}

struct env_edit {
    const char *set[256];
    unsigned nset;
    const char *unset[256];
    unsigned nunset;
};

static bool env_name_is(const char *entry, const char *name)
{
    size_t n = strcspn(name, "=");
    return strncmp(entry, name, n) == 0 && entry[n] == '=';
}

static char **build_env(const struct env_edit *ed)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **out = calloc(n + ed->nset + 1, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool drop = false;
        for (unsigned j = 0; j < ed->nunset && !drop; j++)
            drop = env_name_is(environ[i], ed->unset[j]);
        for (unsigned j = 0; j < ed->nset && !drop; j++)
            drop = env_name_is(environ[i], ed->set[j]);
        if (!drop)
            out[k++] = environ[i];
    }
    for (unsigned j = 0; j < ed->nset; j++)
        out[k++] = (char *)ed->set[j];
    out[k] = NULL;
    return out;
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 0);
    if (errno || !*s || *end)
        return -1;
    *v = x;
    return 0;
}

/* binfmt_script: "#!interp [arg]" runs interp [arg] script args...
 * Returns the new argument vector, or NULL if path is not a script. */
static char **script_argv(const char *path, char **args, const char *sysroot,
                          char *err, size_t errsz)
{
    char line[256];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = 0;
    if (n < 2 || line[0] != '#' || line[1] != '!')
        return NULL;
    char *p = line + 2, *end = strchr(p, '\n');
    if (end)
        *end = 0;
    while (*p == ' ' || *p == '\t')
        p++;
    char *interp = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    char *arg = NULL;
    if (*p) {
        *p++ = 0;
        while (*p == ' ' || *p == '\t')
            p++;
        size_t l = strlen(p);
        while (l && (p[l - 1] == ' ' || p[l - 1] == '\t'))
            p[--l] = 0;
        if (*p)
            arg = p;
    }
    if (!*interp) {
        snprintf(err, errsz, "%s: empty #! line", path);
        return NULL;
    }
    size_t nargs = 0;
    while (args[nargs])
        nargs++;
    char **v = calloc(nargs + 4, sizeof *v);
    size_t k = 0;
    char host[4200];
    if (sysroot && interp[0] == '/') {
        snprintf(host, sizeof host, "%s%s", sysroot, interp);
        v[k++] = strdup(access(host, F_OK) == 0 ? host : interp);
    } else {
        v[k++] = strdup(interp);
    }
    if (arg)
        v[k++] = strdup(arg);
    v[k++] = (char *)path;
    for (size_t i = 1; i < nargs; i++)
        v[k++] = args[i];
    v[k] = NULL;
    return v;
}

int main(int argc, char **argv)
{
    char *reexec[16];
    unsigned nre = 0;
    char fdbuf[16];
    struct kernel_opts ko = {.strace_fd = -1};
    struct env_edit ed = {0};
    struct trace_opts to = {0};
    bool tracing = false, deterministic = false;
    uint64_t seed = 0;
    struct difftest_opts dt = {0};
    const char *argv0 = NULL, *strace_file = NULL;
    const char *gdb_where = NULL, *difftest_ref = NULL;
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG                                                          \
    do {                                                                  \
        if (!next) {                                                      \
            fprintf(stderr, "trapeze: option %s needs an argument\n", a); \
            return EXIT_USAGE;                                            \
        }                                                                 \
        i++;                                                              \
    } while (0)
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--version")) {
            printf("trapeze %s\n", TRAPEZE_VERSION);
            return 0;
        } else if (!strcmp(a, "--list-arches")) {
            for (unsigned k = 0; k < narch_table; k++)
                if (arch_present(&arch_table[k]))
                    printf("%s\n", arch_table[k].cpu->name);
            return 0;
        } else if (!strcmp(a, "-L")) {
            NEED_ARG;
            ko.sysroot = next;
            reexec[nre++] = "-L";
            reexec[nre++] = (char *)next;
        } else if (!strcmp(a, "-E")) {
            NEED_ARG;
            if (!strchr(next, '=') || ed.nset == 256) {
                fprintf(stderr, "trapeze: -E wants VAR=VALUE\n");
                return EXIT_USAGE;
            }
            ed.set[ed.nset++] = next;
        } else if (!strcmp(a, "-U")) {
            NEED_ARG;
            if (ed.nunset < 256)
                ed.unset[ed.nunset++] = next;
        } else if (!strcmp(a, "-0")) {
            NEED_ARG;
            argv0 = next;
        } else if (!strcmp(a, "--strace") || !strcmp(a, "-strace")) {
            ko.strace = true;
        } else if (!strcmp(a, "--strace-fd")) {     /* for execve: keep the same file */
            NEED_ARG;
            ko.strace = true;
            ko.strace_fd = atoi(next);
        } else if (!strcmp(a, "-D")) {
            NEED_ARG;
            strace_file = next;
        } else if (!strcmp(a, "--max-insns")) {
            NEED_ARG;
            if (parse_u64(next, &ko.max_insns)) {
                fprintf(stderr, "trapeze: --max-insns wants a number, not '%s'\n", next);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--stats")) {
            ko.stats = true;
            reexec[nre++] = "--stats";
        } else if (!strcmp(a, "--trace")) {
            NEED_ARG;
            to.file = next;
            tracing = true;
        } else if (!strcmp(a, "--trace-svg")) {
            NEED_ARG;
            to.svg = next;
            tracing = true;
        } else if (!strcmp(a, "--trace-events")) {
            NEED_ARG;
            if (trace_parse_events(next, &to.events)) {
                fprintf(stderr, "trapeze: --trace-events: unknown event in '%s'\n", next);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--trace-format")) {
            NEED_ARG;
            if (!strcmp(next, "text")) to.format = TF_TEXT;
            else if (!strcmp(next, "json")) to.format = TF_JSON;
            else if (!strcmp(next, "perfetto")) to.format = TF_PERFETTO;
            else {
                fprintf(stderr, "trapeze: --trace-format: text, json or perfetto\n");
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--trace-range")) {
            NEED_ARG;
            unsigned long long lo, hi;
            if (sscanf(next, "%lli-%lli", &lo, &hi) == 2 && hi > lo)
                to.addr_lo = lo, to.addr_hi = hi;
            else
                to.addr_sym = next;
        } else if (!strcmp(a, "--trace-cycles")) {
            NEED_ARG;
            unsigned long long lo, hi;
            if (sscanf(next, "%llu-%llu", &lo, &hi) != 2 || hi < lo) {
                fprintf(stderr, "trapeze: --trace-cycles wants A-B\n");
                return EXIT_USAGE;
            }
            to.cycle_lo = lo, to.cycle_hi = hi;
        } else if (!strcmp(a, "--trace-max-paths")) {
            NEED_ARG;
            to.max_paths = (unsigned)atoi(next);
        } else if (!strcmp(a, "--timing")) {
            NEED_ARG;
            if (timing_load(next))
                return EXIT_USAGE;
        } else if (!strcmp(a, "--deterministic")) {
            deterministic = true;
            reexec[nre++] = "--deterministic";
        } else if (!strcmp(a, "--seed")) {
            NEED_ARG;
            if (parse_u64(next, &seed)) {
                fprintf(stderr, "trapeze: --seed wants a number, not '%s'\n", next);
                return EXIT_USAGE;
            }
            reexec[nre++] = "--seed";
            reexec[nre++] = (char *)next;
        } else if (!strcmp(a, "--disasm")) {
            NEED_ARG;
            if (trace_set_disasm(next))
                return EXIT_USAGE;
        } else if (!strcmp(a, "--difftest-every")) {
            NEED_ARG;
            if (parse_u64(next, &dt.every) || dt.every == 0) {
                fprintf(stderr, "trapeze: --difftest-every wants a positive number, not '%s'\n", next);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--difftest-from")) {
            NEED_ARG;
            if (parse_u64(next, &dt.from)) {
                fprintf(stderr, "trapeze: --difftest-from wants a number, not '%s'\n", next);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--difftest-at-syscalls")) {
            dt.at_syscalls = true;
        } else if (!strcmp(a, "-g")) {
            NEED_ARG;
            gdb_where = next;
        } else if (!strcmp(a, "--difftest")) {
            NEED_ARG;
            difftest_ref = next;
        } else if (!strcmp(a, "--trace-summary")) {
            NEED_ARG;
            /* --trace-svg given before it draws the picture */
            return trace_summary(next, to.svg, stdout) ? EXIT_CANNOT_RUN : 0;
        } else if (!strcmp(a, "--objdump")) {
            NEED_ARG;
            return objdump_file(next, stdout) ? EXIT_CANNOT_RUN : 0;
        } else {
            fprintf(stderr, "trapeze: unknown option %s (see --help)\n", a);
            return EXIT_USAGE;
        }
#undef NEED_ARG
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *prog = argv[i];
    char err[512] = "";
    char **gargv = &argv[i];
    for (int depth = 0; depth < 5; depth++) {
        char **sv = script_argv(prog, gargv, ko.sysroot, err, sizeof err);
        if (!sv)
            break;
        gargv = sv;
        prog = sv[0];
        argv0 = NULL;
    }
    if (err[0]) {
        fprintf(stderr, "trapeze: %s\n", err);
        return EXIT_CANNOT_RUN;
    }

    uint16_t em;
    if (loader_probe(prog, &em, err, sizeof err)) {
        fprintf(stderr, "trapeze: %s\n", err);
        return EXIT_CANNOT_RUN;
    }
    const struct arch_entry *ae = arch_by_elf(em);
    if (!ae) {
        fprintf(stderr, "trapeze: %s: no CPU model for ELF machine %u in this build (see --list-arches)\n",
                prog, em);
        return EXIT_CANNOT_RUN;
    }

    if (strace_file) {
        ko.strace = true;
        int fd = open(strace_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            fprintf(stderr, "trapeze: -D %s: %s\n", strace_file, strerror(errno));
            return EXIT_USAGE;
        }
        /* out of the guest's way, and kept across execve */
        ko.strace_fd = fcntl(fd, F_DUPFD, 1000);
        close(fd);
    }
    if (ko.strace) {
        reexec[nre++] = "--strace-fd";
        snprintf(fdbuf, sizeof fdbuf, "%d", ko.strace_fd >= 0 ? ko.strace_fd : 2);
        reexec[nre++] = fdbuf;
    }
    reexec[nre] = NULL;

    uint64_t arena = ae->kabi->task_size;
    if (arena > (1ull << 46))   /* what the host lends us; see docs/memory.md */
        arena = 1ull << 46;
    struct machine *m = machine_create(ae, arena);
    if (!m)
        return EXIT_CANNOT_RUN;

    if (argv0) {
        size_t n = 0;
        while (gargv[n])
            n++;
        char **v = calloc(n + 1, sizeof *v);
        memcpy(v, gargv, n * sizeof *v);
        v[0] = (char *)argv0;
        gargv = v;
    }
    char **genv = build_env(&ed);

    m->deterministic = deterministic;
    m->seed = seed;
    kernel_init(m->cpu, &ko);
    kernel_set_reexec_opts(reexec);
    if (ko.strace_fd >= 0)
        kernel_reserve_fd(ko.strace_fd);
    if (loader_exec(m->cpu, prog, gargv, genv, err, sizeof err)) {
        fprintf(stderr, "trapeze: %s\n", err);
        return EXIT_CANNOT_RUN;
    }
    if (tracing) {
        loader_load_symbols();
        if (!to.events)
            to.events = TR_SIGNAL | TR_TRAP | TR_SYSCALL;
        if (trace_start(m->cpu, &to))
            return EXIT_USAGE;
    }
    if (gdb_where && gdbstub_start(m->cpu, gdb_where, prog))
        return EXIT_CANNOT_RUN;
    if (difftest_ref && difftest_start(m->cpu, difftest_ref, &dt, prog, gargv, genv))
        return EXIT_CANNOT_RUN;
    machine_run(m->cpu);
}
