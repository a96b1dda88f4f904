/* struct stat as the asm-generic uapi defines it (include/uapi/asm-generic/
 * stat.h, LP64), which aarch64, riscv64 and loongarch64 use; and the
 * host's struct stat read into a struct kstat.
 *
 * Device numbers: on 64-bit Linux both the host's and the guest's st_dev
 * and st_rdev hold the kernel's new_encode_dev() form, so they pass
 * unchanged. */
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>

#include "syscalls.h"

/* The layout, field by field; tests/unit/stat_generic.c checks these
 * offsets against the uapi header compiled for riscv64. */
struct stat_generic_linux {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
};

#define OFF(f) offsetof(struct stat_generic_linux, f)
_Static_assert(sizeof(struct stat_generic_linux) == STAT_GENERIC_SIZE, "stat size");
_Static_assert(OFF(st_dev) == 0 && OFF(st_ino) == 8 && OFF(st_mode) == 16, "stat");
_Static_assert(OFF(st_nlink) == 20 && OFF(st_uid) == 24 && OFF(st_gid) == 28, "stat");
_Static_assert(OFF(st_rdev) == 32 && OFF(st_size) == 48 && OFF(st_blksize) == 56, "stat");
_Static_assert(OFF(st_blocks) == 64 && OFF(st_atime_sec) == 72, "stat");
_Static_assert(OFF(st_atime_nsec) == 80 && OFF(st_mtime_sec) == 88, "stat");
_Static_assert(OFF(st_mtime_nsec) == 96 && OFF(st_ctime_sec) == 104, "stat");
_Static_assert(OFF(st_ctime_nsec) == 112 && OFF(unused4) == 120, "stat");

size_t put_stat_generic(uint8_t *buf, const struct kstat *st)
{
    memset(buf, 0, STAT_GENERIC_SIZE);
    put_le64(buf + OFF(st_dev), st->dev);
    put_le64(buf + OFF(st_ino), st->ino);
    put_le32(buf + OFF(st_mode), st->mode);
    put_le32(buf + OFF(st_nlink), (uint32_t)st->nlink);
    put_le32(buf + OFF(st_uid), st->uid);
    put_le32(buf + OFF(st_gid), st->gid);
    put_le64(buf + OFF(st_rdev), st->rdev);
    put_le64(buf + OFF(st_size), (uint64_t)st->size);
    put_le32(buf + OFF(st_blksize), (uint32_t)st->blksize);
    put_le64(buf + OFF(st_blocks), (uint64_t)st->blocks);
    put_le64(buf + OFF(st_atime_sec), (uint64_t)st->atime);
    put_le64(buf + OFF(st_atime_nsec), (uint64_t)st->atime_ns);
    put_le64(buf + OFF(st_mtime_sec), (uint64_t)st->mtime);
    put_le64(buf + OFF(st_mtime_nsec), (uint64_t)st->mtime_ns);
    put_le64(buf + OFF(st_ctime_sec), (uint64_t)st->ctime);
    put_le64(buf + OFF(st_ctime_nsec), (uint64_t)st->ctime_ns);
    return STAT_GENERIC_SIZE;
}

int fill_kstat(struct kstat *ks, const struct stat *h)
{
    memset(ks, 0, sizeof *ks);
    ks->dev = h->st_dev;
    ks->ino = h->st_ino;
    ks->nlink = h->st_nlink;
    ks->mode = h->st_mode;
    ks->uid = h->st_uid;
    ks->gid = h->st_gid;
    ks->rdev = h->st_rdev;
    ks->size = h->st_size;
    ks->blksize = h->st_blksize;
    ks->blocks = h->st_blocks;
    ks->atime = h->st_atim.tv_sec;
    ks->atime_ns = h->st_atim.tv_nsec;
    ks->mtime = h->st_mtim.tv_sec;
    ks->mtime_ns = h->st_mtim.tv_nsec;
    ks->ctime = h->st_ctim.tv_sec;
    ks->ctime_ns = h->st_ctim.tv_nsec;
    return 0;
}
