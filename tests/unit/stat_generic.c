/* put_stat_generic against the asm-generic uapi struct stat.
 *
 * 1. The riscv64 uapi header is compiled here, on the LP64 host, whose
 *    data model and alignment rules are riscv64's, and each field that
 *    put_stat_generic writes is read back at the header's offset.
 * 2. The same offsets are checked by clang-19 compiling the header for
 *    riscv64, aarch64 and loongarch64 (skipped if clang-19 is missing). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define stat generic_stat
#include "/usr/riscv64-linux-gnu/include/asm-generic/stat.h"
#undef stat

#include "oskernel/syscalls.h"

#define F(f) { #f, offsetof(struct generic_stat, f), sizeof(((struct generic_stat *)0)->f) }
static const struct { const char *name; size_t off, size; } fields[] = {
    F(st_dev), F(st_ino), F(st_mode), F(st_nlink), F(st_uid), F(st_gid),
    F(st_rdev), F(st_size), F(st_blksize), F(st_blocks), F(st_atime),
    F(st_atime_nsec), F(st_mtime), F(st_mtime_nsec), F(st_ctime),
    F(st_ctime_nsec),
};
#define NF (sizeof fields / sizeof fields[0])

static uint64_t rd(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = n; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

static int cross_check(const char *target)
{
    char src[] = "/tmp/trapeze-statXXXXXX.c";
    int fd = mkstemps(src, 2);
    if (fd < 0)
        return 0;
    FILE *f = fdopen(fd, "w");
    fprintf(f, "#include <asm-generic/stat.h>\n#include <stddef.h>\n");
    fprintf(f, "_Static_assert(sizeof(struct stat) == %d, \"size\");\n", STAT_GENERIC_SIZE);
    for (size_t i = 0; i < NF; i++)
        fprintf(f, "_Static_assert(offsetof(struct stat, %s) == %zu && sizeof(((struct stat *)0)->%s) == %zu, \"%s\");\n",
                fields[i].name, fields[i].off, fields[i].name, fields[i].size, fields[i].name);
    fclose(f);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "clang-19 --target=%s -nostdinc -isystem /usr/riscv64-linux-gnu/include "
             "-isystem \"$(clang-19 -print-resource-dir)/include\" -fsyntax-only %s",
             target, src);
    int rc = system(cmd);
    remove(src);
    if (rc != 0) {
        fprintf(stderr, "stat_generic: offsets differ for %s\n", target);
        return 1;
    }
    return 0;
}

int main(void)
{
    struct kstat ks = {
        .dev = 0x1122334455667788ull, .ino = 0x0102030405060708ull,
        .nlink = 7, .mode = 0100644, .uid = 1000, .gid = 1001,
        .rdev = 0x0a0b0c0d0e0f1011ull, .size = 0x123456789all, .blksize = 4096,
        .blocks = 0x55667788, .atime = 1700000001, .atime_ns = 111,
        .mtime = 1700000002, .mtime_ns = 222, .ctime = 1700000003, .ctime_ns = 333,
    };
    const uint64_t want[NF] = {
        ks.dev, ks.ino, ks.mode, ks.nlink, ks.uid, ks.gid, ks.rdev, ks.size,
        ks.blksize, ks.blocks, ks.atime, ks.atime_ns, ks.mtime, ks.mtime_ns,
        ks.ctime, ks.ctime_ns,
    };
    uint8_t buf[STAT_GENERIC_SIZE + 8];
    memset(buf, 0xee, sizeof buf);
    int bad = 0;
    if (sizeof(struct generic_stat) != STAT_GENERIC_SIZE ||
        put_stat_generic(buf, &ks) != sizeof(struct generic_stat)) {
        fprintf(stderr, "stat_generic: size\n");
        bad++;
    }
    for (size_t i = 0; i < NF; i++)
        if (rd(buf + fields[i].off, fields[i].size) != want[i]) {
            fprintf(stderr, "stat_generic: %s at %zu\n", fields[i].name, fields[i].off);
            bad++;
        }
    if (buf[STAT_GENERIC_SIZE] != 0xee)
        bad++;
    if (system("command -v clang-19 >/dev/null 2>&1") == 0) {
        bad += cross_check("riscv64-linux-gnu");
        bad += cross_check("aarch64-linux-gnu");
        bad += cross_check("loongarch64-linux-gnu");
    }
    if (bad == 0)
        printf("stat_generic: ok\n");
    return bad != 0;
}
