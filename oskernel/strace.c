/* --strace: one line per syscall in strace's own format, so a trapeze log
 * can be held against `strace` of the same program:
 *
 *   openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3
 *   read(3, "root:x:0:0:root:/root:/bin/bash\n"..., 4096) = 1234
 *   close(3)                                = 0
 *   openat(AT_FDCWD, "/x", O_RDONLY)        = -1 ENOENT (No such file or directory)
 *
 * Arguments are shown by the kinds in each sysent (kernel.h, syscalls.h).
 * Data buffers show at most 32 bytes, as strace's default -s 32; paths are
 * shown whole, as strace does.  " = " goes in column 40 when the call is
 * shorter. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "syscalls.h"

#define STRSIZE 32

/* ---- quoting --------------------------------------------------------------- */

static size_t quote_hex(char *out, size_t outsz, const uint8_t *s, size_t n,
                        size_t max, bool more)
{
    size_t o = 0;
    bool cut = n > max;
    if (cut)
        n = max;
    o += (size_t)snprintf(out, outsz, "\"");
    for (size_t i = 0; i < n && o < outsz; i++)
        o += (size_t)snprintf(out + o, outsz - o, "\\x%02x", s[i]);
    if (o < outsz)
        o += (size_t)snprintf(out + o, outsz - o, "\"%s", cut || more ? "..." : "");
    return o < outsz ? o : outsz - 1;
}

size_t strace_quote(char *out, size_t outsz, const uint8_t *s, size_t n,
                    size_t max, bool more)
{
    size_t o = 0;
    bool cut = n > max;
    if (cut)
        n = max;
#define PUT(ch) do { if (o + 1 < outsz) out[o++] = (ch); } while (0)
    PUT('"');
    for (size_t i = 0; i < n; i++) {
        uint8_t ch = s[i];
        const char *esc = NULL;
        switch (ch) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\v': esc = "\\v"; break;
        }
        if (esc) {
            for (; *esc; esc++)
                PUT(*esc);
        } else if (ch >= 0x20 && ch < 0x7f) {
            PUT(ch);
        } else {
            /* Octal, as short as possible unless a digit follows that
             * would read as part of it. */
            bool digit_next = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7';
            PUT('\\');
            if (digit_next || ch >> 6)
                PUT('0' + (ch >> 6));
            if (digit_next || ch >> 3)
                PUT('0' + ((ch >> 3) & 7));
            PUT('0' + (ch & 7));
        }
    }
    PUT('"');
    if (cut || more) {
        PUT('.');
        PUT('.');
        PUT('.');
    }
#undef PUT
    if (outsz)
        out[o] = 0;
    return o;
}

/* ---- errno names ------------------------------------------------------------- */

#define E(x) [x] = #x,
static const char *const errnames[] = {
    E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) E(ENOEXEC)
    E(EBADF) E(ECHILD) E(EAGAIN) E(ENOMEM) E(EACCES) E(EFAULT) E(ENOTBLK)
    E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV) E(ENOTDIR) E(EISDIR) E(EINVAL)
    E(ENFILE) E(EMFILE) E(ENOTTY) E(ETXTBSY) E(EFBIG) E(ENOSPC) E(ESPIPE)
    E(EROFS) E(EMLINK) E(EPIPE) E(EDOM) E(ERANGE) E(EDEADLK) E(ENAMETOOLONG)
    E(ENOLCK) E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(ENOMSG) E(EIDRM) E(ECHRNG)
    E(EL2NSYNC) E(EL3HLT) E(EL3RST) E(ELNRNG) E(EUNATCH) E(ENOCSI) E(EL2HLT)
    E(EBADE) E(EBADR) E(EXFULL) E(ENOANO) E(EBADRQC) E(EBADSLT) E(EBFONT)
    E(ENOSTR) E(ENODATA) E(ETIME) E(ENOSR) E(ENONET) E(ENOPKG) E(EREMOTE)
    E(ENOLINK) E(EADV) E(ESRMNT) E(ECOMM) E(EPROTO) E(EMULTIHOP) E(EDOTDOT)
    E(EBADMSG) E(EOVERFLOW) E(ENOTUNIQ) E(EBADFD) E(EREMCHG) E(ELIBACC)
    E(ELIBBAD) E(ELIBSCN) E(ELIBMAX) E(ELIBEXEC) E(EILSEQ) E(ERESTART)
    E(ESTRPIPE) E(EUSERS) E(ENOTSOCK) E(EDESTADDRREQ) E(EMSGSIZE) E(EPROTOTYPE)
    E(ENOPROTOOPT) E(EPROTONOSUPPORT) E(ESOCKTNOSUPPORT) E(EOPNOTSUPP)
    E(EPFNOSUPPORT) E(EAFNOSUPPORT) E(EADDRINUSE) E(EADDRNOTAVAIL) E(ENETDOWN)
    E(ENETUNREACH) E(ENETRESET) E(ECONNABORTED) E(ECONNRESET) E(ENOBUFS)
    E(EISCONN) E(ENOTCONN) E(ESHUTDOWN) E(ETOOMANYREFS) E(ETIMEDOUT)
    E(ECONNREFUSED) E(EHOSTDOWN) E(EHOSTUNREACH) E(EALREADY) E(EINPROGRESS)
    E(ESTALE) E(EUCLEAN) E(ENOTNAM) E(ENAVAIL) E(EISNAM) E(EREMOTEIO) E(EDQUOT)
    E(ENOMEDIUM) E(EMEDIUMTYPE) E(ECANCELED) E(ENOKEY) E(EKEYEXPIRED)
    E(EKEYREVOKED) E(EKEYREJECTED) E(EOWNERDEAD) E(ENOTRECOVERABLE) E(ERFKILL)
    E(EHWPOISON)
};
#undef E

const char *errno_name(int e)
{
    if (e > 0 && (size_t)e < sizeof errnames / sizeof errnames[0])
        return errnames[e];
    return NULL;
}

/* ---- the line ---------------------------------------------------------------- */

struct line {
    char buf[16384];
    size_t n;
};

static void lprintf(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void lprintf(struct line *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(l->buf + l->n, sizeof l->buf - l->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        l->n += (size_t)k < sizeof l->buf - l->n ? (size_t)k : sizeof l->buf - l->n - 1;
}

/* Guest bytes as a quoted string: n bytes (or up to a NUL when `cstr`),
 * at most `max` shown. */
static void put_guest_str(struct line *l, uint64_t addr, size_t n, size_t max, bool cstr,
                          bool hex)
{
    uint8_t tmp[4097];
    size_t got = 0, want = n < max ? n : max;
    if (!addr) {
        lprintf(l, "NULL");
        return;
    }
    if (cstr) {
        /* byte by byte: the string may end right before an unmapped page */
        while (got < sizeof tmp - 1 && got <= max) {
            if (copy_from_user(&tmp[got], addr + got, 1)) {
                if (got == 0) {
                    lprintf(l, "0x%llx", (unsigned long long)addr);
                    return;
                }
                break;
            }
            if (tmp[got] == 0)
                break;
            got++;
        }
        l->n += strace_quote(l->buf + l->n, sizeof l->buf - l->n, tmp, got, max, false);
        return;
    }
    if (want > sizeof tmp - 1)
        want = sizeof tmp - 1;
    if (copy_from_user(tmp, addr, want)) {
        lprintf(l, "0x%llx", (unsigned long long)addr);
        return;
    }
    l->n += (hex ? quote_hex : strace_quote)(l->buf + l->n, sizeof l->buf - l->n, tmp, want,
                                             want, n > want);
}

/* Open flags in strace's order, generic values. */
static void put_oflags(struct line *l, uint64_t guest)
{
    static const struct { int bit; const char *name; } names[] = {
        { O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" },
        { O_TRUNC, "O_TRUNC" }, { O_APPEND, "O_APPEND" },
        { O_NONBLOCK, "O_NONBLOCK" }, { O_SYNC, "O_SYNC" }, { O_DSYNC, "O_DSYNC" },
        { O_ASYNC, "O_ASYNC" }, { O_DIRECT, "O_DIRECT" }, { 0100000, "O_LARGEFILE" },
        { O_NOFOLLOW, "O_NOFOLLOW" }, { O_NOATIME, "O_NOATIME" },
        { O_CLOEXEC, "O_CLOEXEC" }, { O_PATH, "O_PATH" }, { O_DIRECTORY, "O_DIRECTORY" },
    };
    int f = oflags_to_host(guest);
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    lprintf(l, "%s", acc[f & O_ACCMODE]);
    f &= ~O_ACCMODE;
    if ((f & O_TMPFILE) == O_TMPFILE) {
        lprintf(l, "|O_TMPFILE");
        f &= ~O_TMPFILE;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if ((f & names[i].bit) == names[i].bit) {
            lprintf(l, "|%s", names[i].name);
            f &= ~names[i].bit;
        }
    if (f)
        lprintf(l, "|%#x", f);
}

/* Flag words and enumerations strace spells out (generic values, which
 * all four guests share for these). */
struct sym { uint64_t v; const char *name; };
#define S(x) { x, #x }

static void put_flags(struct line *l, uint64_t v, const struct sym *t, size_t n, const char *zero)
{
    bool first = true;
    if (v == 0 && zero) {
        lprintf(l, "%s", zero);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (t[i].v && (v & t[i].v) == t[i].v) {
            lprintf(l, "%s%s", first ? "" : "|", t[i].name);
            v &= ~t[i].v;
            first = false;
        }
    if (v || first)
        lprintf(l, first ? "%#llx" : "|%#llx", (unsigned long long)v);
}

static bool put_enum(struct line *l, uint64_t v, const struct sym *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].v == v) {
            lprintf(l, "%s", t[i].name);
            return true;
        }
    return false;
}

#define N(t) (sizeof t / sizeof t[0])

static const struct sym whence[] = { S(SEEK_SET), S(SEEK_CUR), S(SEEK_END), { 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" } };
static const struct sym fcntl_cmds[] = {
    S(F_DUPFD), S(F_GETFD), S(F_SETFD), S(F_GETFL), S(F_SETFL), S(F_GETLK), S(F_SETLK),
    S(F_SETLKW), S(F_SETOWN), S(F_GETOWN), S(F_SETSIG), S(F_GETSIG), S(F_OFD_GETLK),
    S(F_OFD_SETLK), S(F_OFD_SETLKW), S(F_DUPFD_CLOEXEC), S(F_SETPIPE_SZ), S(F_GETPIPE_SZ),
    S(F_ADD_SEALS), S(F_GET_SEALS),
};
static const struct sym at_flags[] = {
    { 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_REMOVEDIR" }, { 0x400, "AT_SYMLINK_FOLLOW" },
    { 0x800, "AT_NO_AUTOMOUNT" }, { 0x1000, "AT_EMPTY_PATH" }, { 0x2000, "AT_STATX_FORCE_SYNC" },
    { 0x4000, "AT_STATX_DONT_SYNC" },
};
static const struct sym prots[] = { { 1, "PROT_READ" }, { 2, "PROT_WRITE" }, { 4, "PROT_EXEC" } };
static const struct sym mflags[] = {
    { 1, "MAP_SHARED" }, { 2, "MAP_PRIVATE" }, { 3, "MAP_SHARED_VALIDATE" }, { 0x10, "MAP_FIXED" },
    { 0x20, "MAP_ANONYMOUS" }, { 0x100, "MAP_GROWSDOWN" }, { 0x800, "MAP_DENYWRITE" },
    { 0x1000, "MAP_EXECUTABLE" }, { 0x2000, "MAP_LOCKED" }, { 0x4000, "MAP_NORESERVE" },
    { 0x8000, "MAP_POPULATE" }, { 0x10000, "MAP_NONBLOCK" }, { 0x20000, "MAP_STACK" },
    { 0x40000, "MAP_HUGETLB" }, { 0x80000, "MAP_SYNC" }, { 0x100000, "MAP_FIXED_NOREPLACE" },
};
static const struct sym clocks[] = {
    { 0, "CLOCK_REALTIME" }, { 1, "CLOCK_MONOTONIC" }, { 2, "CLOCK_PROCESS_CPUTIME_ID" },
    { 3, "CLOCK_THREAD_CPUTIME_ID" }, { 4, "CLOCK_MONOTONIC_RAW" }, { 5, "CLOCK_REALTIME_COARSE" },
    { 6, "CLOCK_MONOTONIC_COARSE" }, { 7, "CLOCK_BOOTTIME" }, { 8, "CLOCK_REALTIME_ALARM" },
    { 9, "CLOCK_BOOTTIME_ALARM" }, { 11, "CLOCK_TAI" },
};
static const struct sym ioctl_reqs[] = {
    { 0x5401, "TCGETS" }, { 0x5402, "TCSETS" }, { 0x5403, "TCSETSW" }, { 0x5404, "TCSETSF" },
    { 0x5409, "TCSBRK" }, { 0x540a, "TCXONC" }, { 0x540b, "TCFLSH" }, { 0x540e, "TIOCSCTTY" },
    { 0x540f, "TIOCGPGRP" }, { 0x5410, "TIOCSPGRP" }, { 0x5411, "TIOCOUTQ" },
    { 0x5413, "TIOCGWINSZ" }, { 0x5414, "TIOCSWINSZ" }, { 0x541b, "FIONREAD" },
    { 0x5421, "FIONBIO" }, { 0x5422, "TIOCNOTTY" }, { 0x5429, "TIOCGSID" },
    { 0x5450, "FIONCLEX" }, { 0x5451, "FIOCLEX" }, { 0x5452, "FIOASYNC" },
    { 0x80045430, "TIOCGPTN" }, { 0x40045431, "TIOCSPTLCK" },
};
static const struct sym rlimits[] = {
    { 0, "RLIMIT_CPU" }, { 1, "RLIMIT_FSIZE" }, { 2, "RLIMIT_DATA" }, { 3, "RLIMIT_STACK" },
    { 4, "RLIMIT_CORE" }, { 5, "RLIMIT_RSS" }, { 6, "RLIMIT_NPROC" }, { 7, "RLIMIT_NOFILE" },
    { 8, "RLIMIT_MEMLOCK" }, { 9, "RLIMIT_AS" }, { 10, "RLIMIT_LOCKS" },
    { 11, "RLIMIT_SIGPENDING" }, { 12, "RLIMIT_MSGQUEUE" }, { 13, "RLIMIT_NICE" },
    { 14, "RLIMIT_RTPRIO" }, { 15, "RLIMIT_RTTIME" },
};
static const struct sym grnd[] = { { 1, "GRND_NONBLOCK" }, { 2, "GRND_RANDOM" }, { 4, "GRND_INSECURE" } };
static const struct sym arch_prctl_codes[] = {
    { 0x1001, "ARCH_SET_GS" }, { 0x1002, "ARCH_SET_FS" }, { 0x1003, "ARCH_GET_FS" },
    { 0x1004, "ARCH_GET_GS" }, { 0x1011, "ARCH_GET_CPUID" }, { 0x1012, "ARCH_SET_CPUID" },
};
static const struct sym access_modes[] = { { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" } };

static void put_kstat(struct line *l, const struct kstat *st)
{
    static const char *const types[16] = {
        [1] = "S_IFIFO", [2] = "S_IFCHR", [4] = "S_IFDIR", [6] = "S_IFBLK",
        [8] = "S_IFREG", [10] = "S_IFLNK", [12] = "S_IFSOCK",
    };
    const char *t = types[(st->mode >> 12) & 15];
    if (t)
        lprintf(l, "{st_mode=%s|%#04o", t, st->mode & 07777);
    else
        lprintf(l, "{st_mode=%#o", st->mode);
    if (t && (t[4] == 'C' || t[4] == 'B'))
        lprintf(l, ", st_rdev=makedev(%#x, %#x), ...}",
                (unsigned)(((st->rdev >> 8) & 0xfff) | ((st->rdev >> 32) & ~0xfffu)),
                (unsigned)((st->rdev & 0xff) | ((st->rdev >> 12) & ~0xffu)));
    else
        lprintf(l, ", st_size=%lld, ...}", (long long)st->size);
}

static const struct sym statx_masks[] = {
    { 0xfff, "STATX_ALL" }, { 0x7ff, "STATX_BASIC_STATS" }, { 1, "STATX_TYPE" }, { 2, "STATX_MODE" }, { 4, "STATX_NLINK" },
    { 8, "STATX_UID" }, { 0x10, "STATX_GID" }, { 0x20, "STATX_ATIME" }, { 0x40, "STATX_MTIME" },
    { 0x80, "STATX_CTIME" }, { 0x100, "STATX_INO" }, { 0x200, "STATX_SIZE" },
    { 0x400, "STATX_BLOCKS" }, { 0x800, "STATX_BTIME" }, { 0x1000, "STATX_MNT_ID" },
    { 0x2000, "STATX_DIOALIGN" }, { 0x4000, "STATX_MNT_ID_UNIQUE" }, { 0x8000, "STATX_SUBVOL" },
    { 0x10000, "STATX_WRITE_ATOMIC" },
};

/* struct statx is the same on every arch (include/uapi/linux/stat.h). */
static void put_statx(struct line *l, uint64_t addr)
{
    uint8_t b[64];
    if (copy_from_user(b, addr, sizeof b)) {
        lprintf(l, "0x%llx", (unsigned long long)addr);
        return;
    }
    struct kstat ks = { .mode = get_le16(b + 28), .size = (int64_t)get_le64(b + 40) };
    lprintf(l, "{stx_mask=");
    put_flags(l, get_le32(b), statx_masks, sizeof statx_masks / sizeof statx_masks[0], "0");
    lprintf(l, ", stx_attributes=%#llx, stx_mode=", (unsigned long long)get_le64(b + 8));
    struct line t;
    t.n = 0;
    put_kstat(&t, &ks);     /* "{st_mode=S_IFREG|0755, st_size=N, ...}" */
    t.buf[t.n] = 0;
    const char *mode = t.buf + 9, *comma = strchr(mode, ',');
    lprintf(l, "%.*s, stx_size=%lld, ...}", (int)(comma ? comma - mode : 0), mode,
            (long long)ks.size);
}

static const struct sym domains[] = {
    { 0, "AF_UNSPEC" }, { 1, "AF_UNIX" }, { 2, "AF_INET" }, { 10, "AF_INET6" },
    { 16, "AF_NETLINK" }, { 17, "AF_PACKET" },
};
static const struct sym sock_types[] = {
    { 1, "SOCK_STREAM" }, { 2, "SOCK_DGRAM" }, { 3, "SOCK_RAW" }, { 5, "SOCK_SEQPACKET" },
};
static const struct sym sock_flags[] = { { 02000000, "SOCK_CLOEXEC" }, { 04000, "SOCK_NONBLOCK" } };
static const struct sym fadvices[] = {
    { 0, "POSIX_FADV_NORMAL" }, { 1, "POSIX_FADV_RANDOM" }, { 2, "POSIX_FADV_SEQUENTIAL" },
    { 3, "POSIX_FADV_WILLNEED" }, { 4, "POSIX_FADV_DONTNEED" }, { 5, "POSIX_FADV_NOREUSE" },
};
static const struct sym fs_magics[] = {
    { 0xef53, "EXT2_SUPER_MAGIC" }, { 0x01021994, "TMPFS_MAGIC" }, { 0x9fa0, "PROC_SUPER_MAGIC" },
    { 0x62656572, "SYSFS_MAGIC" }, { 0x794c7630, "OVERLAYFS_SUPER_MAGIC" },
    { 0x9123683e, "BTRFS_SUPER_MAGIC" }, { 0x58465342, "XFS_SUPER_MAGIC" },
    { 0x1373, "DEVFS_SUPER_MAGIC" }, { 0x6969, "NFS_SUPER_MAGIC" }, { 0x01021997, "V9FS_MAGIC" },
    { 0x65735546, "FUSE_SUPER_MAGIC" }, { 0x27e0eb, "CGROUP_SUPER_MAGIC" },
    { 0x63677270, "CGROUP2_SUPER_MAGIC" },
};
static const struct sym st_flags[] = {
    { 1, "ST_RDONLY" }, { 2, "ST_NOSUID" }, { 4, "ST_NODEV" }, { 8, "ST_NOEXEC" },
    { 16, "ST_SYNCHRONOUS" }, { 32, "ST_VALID" }, { 64, "ST_MANDLOCK" }, { 1024, "ST_NOATIME" },
    { 2048, "ST_NODIRATIME" }, { 4096, "ST_RELATIME" }, { 8192, "ST_NOSYMFOLLOW" },
};

/* struct statfs: the generic LP64 layout, the same on all four guests. */
static void put_statfs(struct line *l, uint64_t addr)
{
    uint8_t b[120];
    if (copy_from_user(b, addr, sizeof b)) {
        lprintf(l, "0x%llx", (unsigned long long)addr);
        return;
    }
    lprintf(l, "{f_type=");
    if (!put_enum(l, get_le64(b), fs_magics, sizeof fs_magics / sizeof fs_magics[0]))
        lprintf(l, "%#llx", (unsigned long long)get_le64(b));
    lprintf(l, ", f_bsize=%llu, f_blocks=%llu, f_bfree=%llu, f_bavail=%llu, f_files=%llu, "
               "f_ffree=%llu, f_fsid={val=[%#x, %#x]}, f_namelen=%llu, f_frsize=%llu, f_flags=",
            (unsigned long long)get_le64(b + 8), (unsigned long long)get_le64(b + 16),
            (unsigned long long)get_le64(b + 24), (unsigned long long)get_le64(b + 32),
            (unsigned long long)get_le64(b + 40), (unsigned long long)get_le64(b + 48),
            get_le32(b + 56), get_le32(b + 60), (unsigned long long)get_le64(b + 64),
            (unsigned long long)get_le64(b + 72));
    put_flags(l, get_le64(b + 80), st_flags, sizeof st_flags / sizeof st_flags[0], "0");
    lprintf(l, "}");
}

static void put_utsname(struct line *l, uint64_t addr)
{
    char b[130];
    if (copy_from_user(b, addr, sizeof b)) {
        lprintf(l, "0x%llx", (unsigned long long)addr);
        return;
    }
    b[64] = b[129] = 0;
    lprintf(l, "{sysname=\"%s\", nodename=\"%s\", ...}", b, b + 65);
}

/* A sockaddr the syscall reads, its length in the next argument. */
static void put_sockaddr(struct line *l, uint64_t addr, uint64_t len)
{
    uint8_t b[128];
    if (len > sizeof b)
        len = sizeof b;
    if (!addr || len < 2 || copy_from_user(b, addr, len)) {
        lprintf(l, addr ? "0x%llx" : "NULL", (unsigned long long)addr);
        return;
    }
    unsigned fam = get_le16(b);
    if (fam == 1) {             /* AF_UNIX: the path, or @name for the abstract space */
        size_t n = strnlen((char *)b + 2, len - 2);
        if (len > 2 && b[2] == 0) {
            char q[512];
            strace_quote(q, sizeof q, b + 3, len - 3, len - 3, false);
            lprintf(l, "{sa_family=AF_UNIX, sun_path=@%s}", q);
        } else {
            lprintf(l, "{sa_family=AF_UNIX, sun_path=\"%.*s\"}", (int)n, (char *)b + 2);
        }
    } else if (fam == 2 && len >= 8) {
        lprintf(l, "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%u.%u.%u.%u\")}",
                (unsigned)(b[2] << 8 | b[3]), b[4], b[5], b[6], b[7]);
    } else {
        lprintf(l, "{sa_family=");
        if (!put_enum(l, fam, domains, sizeof domains / sizeof domains[0]))
            lprintf(l, "%u", fam);
        lprintf(l, ", ...}");
    }
}

static void put_rlim_value(struct line *l, uint64_t v)
{
    if (v == UINT64_MAX)
        lprintf(l, "RLIM64_INFINITY");
    else if (v && v % 1024 == 0)
        lprintf(l, "%llu*1024", (unsigned long long)(v / 1024));
    else
        lprintf(l, "%llu", (unsigned long long)v);
}

static void put_rlimit(struct line *l, uint64_t addr)
{
    uint8_t b[16];
    if (copy_from_user(b, addr, 16)) {
        lprintf(l, "0x%llx", (unsigned long long)addr);
        return;
    }
    lprintf(l, "{rlim_cur=");
    put_rlim_value(l, get_le64(b));
    lprintf(l, ", rlim_max=");
    put_rlim_value(l, get_le64(b + 8));
    lprintf(l, "}");
}

/* Signal numbers are the generic ones on all four guests. */
static const char *const signames[] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

/* SIGxxx, or without the prefix inside a mask (strace's style). */
static void put_signame(struct line *l, int sig, bool prefix)
{
    const char *p = prefix ? "SIG" : "";
    if (sig > 0 && sig < (int)N(signames))
        lprintf(l, "%s", signames[sig] + (prefix ? 0 : 3));
    else if (sig == 32)
        lprintf(l, "%sRTMIN", p);
    else if (sig > 32 && sig <= 64)
        lprintf(l, "%sRT_%d", p, sig - 32);
    else
        lprintf(l, "%d", sig);
}

static void put_signal(struct line *l, int sig)
{
    put_signame(l, sig, true);
}

/* A 64-signal mask: [INT TERM], or ~[...] listing the signals not in it
 * when more than half are. */
static void put_sigmask(struct line *l, uint64_t m)
{
    bool inv = __builtin_popcountll(m) > 32;
    if (inv)
        m = ~m;
    lprintf(l, inv ? "~[" : "[");
    bool first = true;
    for (int sig = 1; sig <= 64; sig++)
        if (m >> (sig - 1) & 1) {
            lprintf(l, first ? "" : " ");
            put_signame(l, sig, false);
            first = false;
        }
    lprintf(l, "]");
}

static void put_guest_sigmask(struct line *l, uint64_t addr)
{
    uint64_t m;
    if (!addr)
        lprintf(l, "NULL");
    else if (get_user_u64(&m, addr))
        lprintf(l, "0x%llx", (unsigned long long)addr);
    else
        put_sigmask(l, m);
}

static const struct sym sa_flags[] = {
    { 1, "SA_NOCLDSTOP" }, { 2, "SA_NOCLDWAIT" }, { 4, "SA_SIGINFO" },
    { 0x04000000, "SA_RESTORER" }, { 0x08000000, "SA_ONSTACK" }, { 0x10000000, "SA_RESTART" },
    { 0x40000000, "SA_NODEFER" }, { 0x80000000, "SA_RESETHAND" },
};
static const struct sym sighow[] = { { 0, "SIG_BLOCK" }, { 1, "SIG_UNBLOCK" }, { 2, "SIG_SETMASK" } };

/* The rt_sigaction struct: handler, flags, [restorer,] mask. */
static void put_sigaction(struct line *l, uint64_t addr)
{
    uint8_t b[32];
    bool rest = kern->abi->has_sa_restorer;
    if (!addr) {
        lprintf(l, "NULL");
        return;
    }
    if (copy_from_user(b, addr, rest ? 32 : 24)) {
        lprintf(l, "0x%llx", (unsigned long long)addr);
        return;
    }
    uint64_t h = get_le64(b), flags = get_le64(b + 8);
    if (h == 0)
        lprintf(l, "{sa_handler=SIG_DFL, sa_mask=");
    else if (h == 1)
        lprintf(l, "{sa_handler=SIG_IGN, sa_mask=");
    else
        lprintf(l, "{sa_handler=%#llx, sa_mask=", (unsigned long long)h);
    put_sigmask(l, get_le64(b + (rest ? 24 : 16)));
    lprintf(l, ", sa_flags=");
    put_flags(l, flags, sa_flags, N(sa_flags), "0");
    if (rest && (flags & 0x04000000))
        lprintf(l, ", sa_restorer=%#llx", (unsigned long long)get_le64(b + 16));
    lprintf(l, "}");
}

static bool ret_is_address(long gnr)
{
    return gnr == NR_mmap || gnr == NR_brk || gnr == NR_mremap || gnr == NR_shmat;
}

static void put_oflags(struct line *l, uint64_t guest);

static const struct sym poll_bits[] = {
    { 1, "POLLIN" }, { 2, "POLLPRI" }, { 4, "POLLOUT" }, { 8, "POLLERR" }, { 0x10, "POLLHUP" },
    { 0x20, "POLLNVAL" }, { 0x40, "POLLRDNORM" }, { 0x80, "POLLRDBAND" }, { 0x100, "POLLWRNORM" },
    { 0x200, "POLLWRBAND" }, { 0x400, "POLLMSG" }, { 0x1000, "POLLREMOVE" }, { 0x2000, "POLLRDHUP" },
};

/* struct pollfd[n]: the requested events, or (revents) the returned ones
 * of the entries that have any. */
static void put_pollfds(struct line *l, uint64_t addr, uint64_t n, bool revents)
{
    uint8_t b[8];
    bool first = true;
    if (!addr) {
        lprintf(l, "NULL");
        return;
    }
    lprintf(l, "[");
    for (uint64_t i = 0; i < n && i < 64; i++) {
        if (copy_from_user(b, addr + 8 * i, 8)) {
            lprintf(l, "%s...", first ? "" : ", ");
            break;
        }
        unsigned ev = get_le16(b + (revents ? 6 : 4));
        if (revents && !ev)
            continue;
        lprintf(l, "%s{fd=%d, %s=", first ? "" : ", ", (int)get_le32(b), revents ? "revents" : "events");
        put_flags(l, ev, poll_bits, sizeof poll_bits / sizeof poll_bits[0], "0");
        lprintf(l, "}");
        first = false;
    }
    if (n > 64)
        lprintf(l, ", ...");
    lprintf(l, "]");
}

static void put_ret(struct line *l, long gnr, const uint64_t a[6], long ret)
{
    if (ret < 0 && ret >= -4095) {
        int e = (int)-ret;
        const char *d = NULL;
        switch (e) {
        case ERESTARTSYS: d = "To be restarted if SA_RESTART is set"; break;
        case ERESTARTNOINTR: d = "To be restarted"; break;
        case ERESTARTNOHAND: d = "To be restarted if no handler"; break;
        case ERESTART_RESTARTBLOCK: d = "Interrupted by signal"; break;
        case EJUSTRETURN: lprintf(l, "?"); return;
        }
        if (d) {
            lprintf(l, "? %s (%s)", e == ERESTARTSYS ? "ERESTARTSYS"
                                    : e == ERESTARTNOINTR ? "ERESTARTNOINTR"
                                    : e == ERESTARTNOHAND ? "ERESTARTNOHAND"
                                    : "ERESTART_RESTARTBLOCK", d);
            return;
        }
        const char *name = errno_name(e);
        if (name)
            lprintf(l, "-1 %s (%s)", name, strerror(e));
        else
            lprintf(l, "-1 (errno %d)", e);
        return;
    }
    if ((gnr == NR_poll || gnr == NR_ppoll) && ret >= 0) {
        lprintf(l, "%ld", ret);
        if (ret == 0) {
            lprintf(l, " (Timeout)");
            return;
        }
        lprintf(l, " (");
        put_pollfds(l, a[0], a[1], true);
        uint8_t b[16];
        if (gnr == NR_ppoll && a[2] && !copy_from_user(b, a[2], 16))
            lprintf(l, ", left {tv_sec=%lld, tv_nsec=%lld}", (long long)get_le64(b),
                    (long long)get_le64(b + 8));
        lprintf(l, ")");
        return;
    }
    if (ret_is_address(gnr))
        lprintf(l, "%#lx", ret);
    else if (gnr == NR_umask)
        lprintf(l, "%#03lo", ret);
    else if (gnr == NR_fcntl && (uint32_t)a[1] == F_GETFD)
        lprintf(l, ret ? "%#lx (flags FD_CLOEXEC)" : "0", ret);
    else if (gnr == NR_fcntl && (uint32_t)a[1] == F_GETFL) {
        lprintf(l, "%#lx (flags ", ret);
        put_oflags(l, (uint64_t)ret);
        lprintf(l, ")");
    } else
        lprintf(l, "%ld", ret);
}

static long gnr_now;

/* futex: the arguments the operation uses, as strace shows them. */
static void put_futex(struct line *l, const uint64_t a[6])
{
    static const char *const ops[] = {
        "FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE", "FUTEX_CMP_REQUEUE",
        "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
        "FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
        "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2",
    };
    unsigned op = (unsigned)a[1], cmd = op & 127;
    lprintf(l, "0x%llx, ", (unsigned long long)a[0]);
    if (cmd < sizeof ops / sizeof ops[0])
        lprintf(l, "%s%s%s", ops[cmd], op & 128 ? "_PRIVATE" : "",
                op & 256 ? "|FUTEX_CLOCK_REALTIME" : "");
    else
        lprintf(l, "%#x", op);
    lprintf(l, ", %d", (int)a[2]);
    switch (cmd) {
    case 0:     /* WAIT */
        lprintf(l, a[3] ? ", 0x%llx" : ", NULL", (unsigned long long)a[3]);
        break;
    case 9:     /* WAIT_BITSET */
    case 10:    /* WAKE_BITSET */
        lprintf(l, a[3] ? ", 0x%llx" : ", NULL", (unsigned long long)a[3]);
        if ((uint32_t)a[5] == 0xffffffffu)
            lprintf(l, ", FUTEX_BITSET_MATCH_ANY");
        else
            lprintf(l, ", %#x", (unsigned)a[5]);
        break;
    case 1:     /* WAKE */
    case 7:     /* UNLOCK_PI */
    case 8:
        break;
    default:
        lprintf(l, ", %llu, 0x%llx, %d", (unsigned long long)a[3], (unsigned long long)a[4],
                (int)a[5]);
        break;
    }
}

static void put_arg(struct line *l, char kind, const uint64_t a[6], int i, long ret,
                    const char *kinds)
{
    uint64_t v = a[i];
    switch (kind) {
    case 'd':
        lprintf(l, "%d", (int)v);
        break;
    case 'l':
        lprintf(l, "%lld", (long long)v);
        break;
    case 'u':
        lprintf(l, "%llu", (unsigned long long)v);
        break;
    case 'f':
        if ((int)v == AT_FDCWD)
            lprintf(l, "AT_FDCWD");
        else
            lprintf(l, "%d", (int)v);
        break;
    case 'o':
        put_oflags(l, v);
        break;
    case 'm':
        lprintf(l, "%#03llo", (unsigned long long)v);
        break;
    case 's':
        put_guest_str(l, v, SIZE_MAX, 4096, true, false);
        break;
    case 'b':
        if (ret >= 0 && v)
            put_guest_str(l, v, (size_t)ret, STRSIZE, false, false);
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'B':
        if (i + 1 < 6 && kinds[i + 1])
            put_guest_str(l, v, (size_t)a[i + 1], STRSIZE, false, false);
        else
            lprintf(l, "0x%llx", (unsigned long long)v);
        break;
    case 'p':
        lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'h':   /* strace shows random bytes in hex */
        if (ret >= 0 && v)
            put_guest_str(l, v, (size_t)ret, STRSIZE, false, true);
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'K':
        if (v == 0)
            lprintf(l, "F_OK");
        else
            put_flags(l, v, access_modes, N(access_modes), NULL);
        break;
    case 'T':
        if (ret == 0 && v)
            put_kstat(l, sys_last_kstat());
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'D':
        if (!put_enum(l, (uint32_t)v, domains, N(domains)))
            lprintf(l, "%d", (int)v);
        break;
    case 'k':
        if (!put_enum(l, v & 0xf, sock_types, N(sock_types)))
            lprintf(l, "%#llx", (unsigned long long)(v & 0xf));
        for (size_t j = 0; j < N(sock_flags); j++)
            if (v & sock_flags[j].v)
                lprintf(l, "|%s", sock_flags[j].name);
        break;
    case 'e':
        if (!put_enum(l, (uint32_t)v, fadvices, N(fadvices)))
            lprintf(l, "%d", (int)v);
        break;
    case 'n':
        put_sockaddr(l, v, i + 1 < 6 ? a[i + 1] : 0);
        break;
    case 'U':
        if (ret == 0 && v)
            put_utsname(l, v);
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'Z':
        if (ret == 0 && v)
            put_statfs(l, v);
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'E':
        if (ret >= 0 && v) {
            /* count the dirent64 records */
            unsigned count = 0;
            for (long off = 0; off + 19 <= ret; count++) {
                uint8_t rl[2];
                if (copy_from_user(rl, v + (uint64_t)off + 16, 2) || get_le16(rl) == 0)
                    break;
                off += get_le16(rl);
            }
            lprintf(l, "0x%llx /* %u entries */", (unsigned long long)v, count);
        } else {
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        }
        break;
    case 't':   /* a timespec the syscall reads */
    case 'r':   /* the time left, written when the sleep is interrupted */
        if (v && (kind == 't' || (ret < 0 && ret != -EFAULT && ret != -EINVAL))) {
            uint8_t b[16];
            int64_t t[2];
            if (kind == 't' && sys_given_timeout(v, t)) {
                lprintf(l, "{tv_sec=%lld, tv_nsec=%lld}", (long long)t[0], (long long)t[1]);
                break;
            }
            if (!copy_from_user(b, v, 16)) {
                lprintf(l, "{tv_sec=%lld, tv_nsec=%lld}", (long long)get_le64(b),
                        (long long)get_le64(b + 8));
                break;
            }
        }
        lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'H':
        if (!put_enum(l, (uint32_t)v, sighow, N(sighow)))
            lprintf(l, "%#x /* SIG_??? */", (unsigned)v);
        break;
    case 'Q':
        put_guest_sigmask(l, v);
        break;
    case 'q':
        if (ret == 0)
            put_guest_sigmask(l, v);
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'V':
        put_sigaction(l, v);
        break;
    case 'v':
        if (ret == 0)
            put_sigaction(l, v);
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'O':
        put_pollfds(l, v, i + 1 < 6 ? a[i + 1] : 0, false);
        break;
    case 'X':
        put_flags(l, (uint32_t)v, statx_masks, N(statx_masks), "0");
        break;
    case 'Y':
        if (ret == 0 && v)
            put_statx(l, v);
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'a':
        if (gnr_now == NR_statx) {
            /* the sync type is a two-value field, 0 = AT_STATX_SYNC_AS_STAT */
            lprintf(l, "AT_STATX_SYNC_AS_STAT");
            if ((uint32_t)v & ~0x6000u) {
                lprintf(l, "|");
                put_flags(l, (uint32_t)v & ~0x6000u, at_flags, N(at_flags), NULL);
            }
            break;
        }
        put_flags(l, (uint32_t)v, at_flags, N(at_flags), "0");
        break;
    case 'L':
        /* prlimit64's new limit is read, the old one written: both show
         * after success, as strace does */
        if (ret == 0 && v)
            put_rlimit(l, v);
        else
            lprintf(l, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    case 'R':
        if (!put_enum(l, (uint32_t)v, rlimits, N(rlimits)))
            lprintf(l, "%#x /* RLIMIT_??? */", (unsigned)v);
        break;
    case 'G':
        put_flags(l, (uint32_t)v, grnd, N(grnd), "0");
        break;
    case 'A':
        if (!put_enum(l, (uint32_t)v, arch_prctl_codes, N(arch_prctl_codes)))
            lprintf(l, "%#x /* ARCH_??? */", (unsigned)v);
        break;
    case 'w':
        if (!put_enum(l, v, whence, N(whence)))
            lprintf(l, "%#llx /* SEEK_??? */", (unsigned long long)v);
        break;
    case 'F':
        if (!put_enum(l, (uint32_t)v, fcntl_cmds, N(fcntl_cmds)))
            lprintf(l, "%#x /* F_??? */", (unsigned)v);
        break;
    case 'P':
        put_flags(l, v, prots, N(prots), "PROT_NONE");
        break;
    case 'M':
        /* the mapping type is a 2-bit field, then flags */
        if (!put_enum(l, v & 3, mflags, 3))
            lprintf(l, "%#llx", (unsigned long long)(v & 3));
        if (v & ~3ull) {
            lprintf(l, "|");
            put_flags(l, v & ~3ull, mflags + 3, N(mflags) - 3, NULL);
        }
        break;
    case 'c':
        if (!put_enum(l, (uint32_t)v, clocks, N(clocks)))
            lprintf(l, "%d", (int)v);
        break;
    case 'I':
        if (!put_enum(l, (uint32_t)v, ioctl_reqs, N(ioctl_reqs)))
            lprintf(l, "%#x", (unsigned)v);
        break;
    case 'S':
        put_signal(l, (int)v);
        break;
    default:
        lprintf(l, v ? "%#llx" : "0", (unsigned long long)v);
        break;
    }
}

/* The output is a private copy of kern->strace_fd at a high number,
 * reserved, so that the guest closing its fd 2 does not silence --strace. */
static int out_fd = -1;

void strace_open(void)
{
    if (out_fd >= 0)
        return;
    int fd = fcntl(kern->strace_fd, F_DUPFD_CLOEXEC, 1000);
    if (fd < 0)
        fd = fcntl(kern->strace_fd, F_DUPFD_CLOEXEC, 200);
    if (fd < 0) {
        out_fd = kern->strace_fd;
        return;
    }
    kernel_reserve_fd(fd);
    out_fd = fd;
}

static void emit(struct line *l)
{
    strace_open();
    const char *p = l->buf;
    size_t left = l->n;
    while (left > 0) {
        ssize_t w = write(out_fd, p, left);
        if (w <= 0)
            break;
        p += w;
        left -= (size_t)w;
    }
}

void strace_syscall(struct cpu *c, long gnr, const uint64_t a[6], long ret)
{
    struct line l;
    l.n = 0;
    if (c->tid && c->tid != kern->pid)
        lprintf(&l, "[pid %5d] ", c->tid);
    size_t start = l.n;
    const struct sysent *e = gnr >= 0 && (unsigned long)gnr < nsystab ? &systab[gnr] : NULL;
    gnr_now = gnr;
    if (e && e->name && e->args) {
        const char *k = e->args;
        lprintf(&l, "%s(", e->name);
        int nargs = (int)strlen(k);
        /* open's mode is shown only when the flags create a file */
        if (nargs > 0 && k[nargs - 1] == 'm' && nargs >= 2 && k[nargs - 2] == 'o') {
            int f = oflags_to_host(a[nargs - 2]);
            if (!(f & O_CREAT) && (f & O_TMPFILE) != O_TMPFILE)
                nargs--;
        }
        if (gnr == NR_futex) {
            put_futex(&l, a);
            goto done;
        }
        if (gnr == NR_fcntl && nargs == 3 &&
            ((uint32_t)a[1] == F_GETFD || (uint32_t)a[1] == F_GETFL ||
             (uint32_t)a[1] == F_GETOWN || (uint32_t)a[1] == F_GETSIG ||
             (uint32_t)a[1] == F_GETPIPE_SZ || (uint32_t)a[1] == F_GET_SEALS))
            nargs = 2;
        for (int i = 0; i < nargs && i < 6; i++) {
            if (i)
                lprintf(&l, ", ");
            if (gnr == NR_fcntl && i == 2 &&
                ((uint32_t)a[1] == F_DUPFD || (uint32_t)a[1] == F_DUPFD_CLOEXEC))
                lprintf(&l, "%d", (int)a[2]);
            else if (gnr == NR_fcntl && i == 2 && (uint32_t)a[1] == F_SETFD)
                lprintf(&l, a[2] == 1 ? "FD_CLOEXEC" : "%#llx", (unsigned long long)a[2]);
            else if (gnr == NR_fcntl && i == 2 && (uint32_t)a[1] == F_SETFL)
                put_oflags(&l, a[2]);
            else
                put_arg(&l, k[i], a, i, ret, k);
        }
    } else {
        /* Unknown: the lead passes SYSX_BASE * 16 + the arch's number for
         * numbers the arch does not map. */
        long nr = gnr >= SYSX_BASE * 16 ? gnr - SYSX_BASE * 16 : gnr;
        if (e && e->name)
            lprintf(&l, "%s(", e->name);
        else
            lprintf(&l, "syscall_%#lx(", nr);
        for (int i = 0; i < 6; i++)
            lprintf(&l, "%s%#llx", i ? ", " : "", (unsigned long long)a[i]);
    }
done:
    lprintf(&l, ")");
    while (l.n - start < 39 && l.n < sizeof l.buf - 1)
        l.buf[l.n++] = ' ';
    lprintf(&l, " = ");
    put_ret(&l, gnr, a, ret);
    lprintf(&l, "\n");
    if (l.n >= sizeof l.buf - 1)
        l.buf[l.n - 1] = '\n';
    emit(&l);
}

/* ---- signals and the end, for the lead's delivery and exit paths --------- */

static const char *si_code_name(int sig, int code)
{
    switch (code) {
    case 0: return "SI_USER";
    case 0x80: return "SI_KERNEL";
    case -1: return "SI_QUEUE";
    case -2: return "SI_TIMER";
    case -3: return "SI_MESGQ";
    case -4: return "SI_ASYNCIO";
    case -5: return "SI_SIGIO";
    case -6: return "SI_TKILL";
    }
    static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR" };
    static const char *const bus[] = { NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR" };
    static const char *const ill[] = { NULL, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
                                       "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK" };
    static const char *const fpe[] = { NULL, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF",
                                       "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB" };
    static const char *const trap[] = { NULL, "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT" };
    static const char *const chld[] = { NULL, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED",
                                        "CLD_STOPPED", "CLD_CONTINUED" };
#define PICK(t) return code > 0 && code < (int)(sizeof t / sizeof t[0]) ? t[code] : NULL
    switch (sig) {
    case 11: PICK(segv);
    case 7: PICK(bus);
    case 4: PICK(ill);
    case 8: PICK(fpe);
    case 5: PICK(trap);
    case 17: PICK(chld);
    }
#undef PICK
    return NULL;
}

void strace_signal(struct cpu *c, const struct ksiginfo *info)
{
    struct line l;
    l.n = 0;
    if (c && c->tid && c->tid != kern->pid)
        lprintf(&l, "[pid %5d] ", c->tid);
    const uint8_t *b = info->b;
    int sig = (int)get_le32(b), code = (int)get_le32(b + 8);
    const char *cn = si_code_name(sig, code);
    lprintf(&l, "--- ");
    put_signal(&l, sig);
    lprintf(&l, " {si_signo=");
    put_signal(&l, sig);
    if (cn)
        lprintf(&l, ", si_code=%s", cn);
    else
        lprintf(&l, ", si_code=%d", code);
    bool fault = code > 0 && code < 0x80 && (sig == 11 || sig == 7 || sig == 4 || sig == 8 || sig == 5);
    if (fault) {
        uint64_t addr = get_le64(b + 16);
        lprintf(&l, addr ? ", si_addr=%#llx" : ", si_addr=NULL", (unsigned long long)addr);
    } else if (sig == 17 && code > 0 && code < 0x80) {
        lprintf(&l, ", si_pid=%d, si_uid=%u, si_status=", (int)get_le32(b + 16), get_le32(b + 20));
        if (code == 1)
            lprintf(&l, "%d", (int)get_le32(b + 24));
        else
            put_signal(&l, (int)get_le32(b + 24));
        lprintf(&l, ", si_utime=%lld, si_stime=%lld", (long long)get_le64(b + 32),
                (long long)get_le64(b + 40));
    } else if (code == 0 || code == -6 || code == -1) {
        lprintf(&l, ", si_pid=%d, si_uid=%u", (int)get_le32(b + 16), get_le32(b + 20));
        if (code == -1)
            lprintf(&l, ", si_int=%d, si_ptr=%#llx", (int)get_le32(b + 24),
                    (unsigned long long)get_le64(b + 24));
    } else if (code == -2) {
        lprintf(&l, ", si_timerid=%#x, si_overrun=%d, si_int=%d, si_ptr=%#llx",
                get_le32(b + 16), (int)get_le32(b + 20), (int)get_le32(b + 24),
                (unsigned long long)get_le64(b + 24));
    }
    lprintf(&l, "} ---\n");
    emit(&l);
}

void strace_exit(int status)
{
    struct line l;
    l.n = 0;
    if ((status & 0x7f) == 0) {
        lprintf(&l, "+++ exited with %d +++\n", (status >> 8) & 0xff);
    } else {
        lprintf(&l, "+++ killed by ");
        put_signal(&l, status & 0x7f);
        lprintf(&l, "%s +++\n", status & 0x80 ? " (core dumped)" : "");
    }
    emit(&l);
}
