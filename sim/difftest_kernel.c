/* What the two kernels do differently, made to agree (docs/difftest.md,
 * "What is made to agree"): small numbers a syscall returned differently
 * (pids, fds) paired; fresh mappings moved to one address; the memory a
 * syscall wrote taken from the reference; signal frames moved to one
 * place, the reference's trampoline copied in, its siginfo and FP state
 * at handler entry taken. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../oskernel/kernel.h"
#include "../oskernel/syscalls.h"
#include "difftest_int.h"
#include "machine.h"

/* ---- syscall results ---- */

/* Small numbers a syscall returned differently on the two sides (pids,
 * fds): each side must go on with its own (kill(getpid()) signals itself),
 * so they are not adopted but compared as equal from then on. */
static struct { uint64_t ours, theirs; } ids[256];
static unsigned nids;

unsigned dt_ids(void) { return nids; }

bool dt_add_id(const uint8_t *a, const uint8_t *b)
{
    uint64_t x = dt_u64(a), y = dt_u64(b);
    if (x >= (1u << 22) || y >= (1u << 22) || nids == sizeof ids / sizeof *ids)
        return false;
    ids[nids].ours = x;
    ids[nids++].theirs = y;
    return true;
}

bool dt_same_id(const uint8_t *a, const uint8_t *b, unsigned n)
{
    if (n != 8 && n != 4)
        return false;
    uint64_t x = 0, y = 0;
    memcpy(&x, a, n);
    memcpy(&y, b, n);
    for (unsigned i = 0; i < nids; i++)
        if (ids[i].ours == x && ids[i].theirs == y)
            return true;
    return false;
}

/* A syscall gave us a fresh mapping at x where the reference got y (the
 * two kernels choose mmap addresses differently): move ours to y, so both
 * sides go on with the same pointers. */
bool dt_move_mapping(uint64_t x, uint64_t y)
{
    struct mem *m = guest_mem;
    uint64_t ps = m->page_size;
    struct vma *v = x < m->size ? mem_find(m, x) : NULL;
    if (!v || v->start != x || (y & (ps - 1)) || y >= m->size)
        return false;
    uint64_t len = v->end - v->start;
    if (len > m->size - y)
        return false;
    for (uint64_t a = y; a < y + len; a += ps)
        if ((a < x || a >= x + len) && mem_find(m, a))
            return false;
    /* the kernel's own mremap: host pages move, file and shared
     * mappings keep their backing; overlapping places go through a free
     * one */
    const long fixed = 3;       /* MREMAP_MAYMOVE | MREMAP_FIXED */
    uint64_t from = x;
    if (y < x + len && y + len > x) {
        uint64_t tmp = mem_find_free(m, len, 0, m->size);
        if (!tmp || sys_mremap(dt.c, x, len, len, fixed, tmp, 0) != (long)tmp)
            return false;
        x = tmp;
    }
    if (sys_mremap(dt.c, x, len, len, fixed, y, 0) != (long)y)
        return false;
    fprintf(stderr, "difftest: moved the mapping at %#llx (%#llx bytes) to the reference's "
            "address %#llx\n", (unsigned long long)from, (unsigned long long)len,
            (unsigned long long)y);
    return true;
}

/* ---- signal frames ---- */

/* The two kernels put a signal frame at different places: its size
 * depends on the FP state each saves (the host's AVX-512 XSAVE area; qemu's
 * smaller riscv64 and loongarch64 frames).  So that the handler runs on
 * the same addresses on both sides, the side whose frame is higher moves
 * its own frame (its own kernel's bytes) down to where the other's is:
 * below both frames the stack is free.  Words in it that point into the
 * frame, and registers that do, move with it.  Each side's sigreturn then
 * reads its own frame at the common place. */
static int sp_index(void)
{
    static int k = -2;
    if (k == -2) {
        k = -1;
        for (unsigned i = 0; i < dt.map.n; i++) {
            const char *nm = dt.map.t->regs[i].name;
            if (dt.map.idx[i] >= 0 && (!strcmp(nm, "sp") || !strcmp(nm, "rsp") ||
                                       !strcmp(nm, "r3") || !strcmp(nm, "x2")))
                k = (int)i;
        }
    }
    return k;
}

/* Words of a moved frame that point into it (x86_64's fpstate pointer)
 * follow the move: those that then equal the other side's word at the
 * same place.  The interrupted context's saved registers stay. */
static void rebase_words(uint8_t *buf, const uint8_t *other, size_t len, uint64_t lo, uint64_t hi,
                         uint64_t shift)
{
    for (size_t o = 0; o + 8 <= len; o += 8) {
        uint64_t w, x;
        memcpy(&w, buf + o, 8);
        memcpy(&x, other + o, 8);
        if (w >= lo && w < hi && w + shift == x) {
            w += shift;
            memcpy(buf + o, &w, 8);
        }
    }
}

/* Move [lo, hi) down by `by` bytes on trapeze's side (ours) or the
 * reference's.  Registers pointing into it that the kernels set (a
 * pointer there that then equals the other side's) follow; others (an
 * interrupted context's stale pointers below its sp) stay. */
static bool move_frame(struct cpu *c, bool ours, uint64_t lo, uint64_t hi, uint64_t by)
{
    size_t len = hi - lo;
    uint8_t *buf = len && len <= (1u << 20) ? malloc(len) : NULL;
    uint8_t *other = buf ? calloc(1, len) : NULL;
    bool ok = other != NULL && dt.ref->read_mem && dt.ref->write_mem;
    if (ok && ours)
        ok = !copy_from_user(buf, lo, len) && !dt.ref->read_mem(lo - by, other, len);
    else if (ok)
        ok = !dt.ref->read_mem(lo, buf, len) && !copy_from_user(other, lo - by, len);
    if (ok) {
        rebase_words(buf, other, len, lo, hi, -by);
        ok = ours ? !copy_to_user(lo - by, buf, len) : !dt.ref->write_mem(lo - by, buf, len);
    }
    free(buf);
    free(other);
    if (!ok)
        return false;
    for (unsigned k = 0; k < dt.map.n; k++) {
        int i = dt.refidx[k];
        if (i < 0 || dt.is_fp[k] || (int)k == dt.map.pc || dt.refregs[i].bytes != 8)
            continue;
        uint8_t a[128] = {0}, b[128] = {0};
        dt_ours(c, k, a);
        dt_theirs((unsigned)i, b);
        uint64_t v = dt_u64(ours ? a : b), w = dt_u64(ours ? b : a);
        if (v < lo || v > hi || v - by != w)
            continue;
        v -= by;
        if (ours) {
            memcpy(a, &v, 8);
            c->arch->reg_set(c, (unsigned)dt.map.idx[k], a);
        } else {
            memcpy(b, &v, 8);
            if (!dt.ref->write_reg || dt.ref->write_reg((unsigned)i, b))
                return false;
        }
    }
    return true;
}

/* Code only the reference has (qemu's signal trampoline: it maps no
 * vdso, so the handler's return address points into a page of its own):
 * the page is copied into trapeze at the same address, so both return
 * through the same instructions at the same pc. */
static bool mirror_code(struct cpu *c, unsigned k, uint64_t ours, uint64_t theirs)
{
    struct mem *m = guest_mem;
    uint64_t ps = m->page_size, page = theirs & ~(ps - 1);
    struct vma *v = ours < m->size ? mem_find(m, ours) : NULL;
    if (!dt.ref->read_mem || !v || !(v->prot & PROT_X) || theirs >= m->size)
        return false;
    struct vma *there = mem_find(m, page);
    uint8_t mine[16], ref[16];
    if (there && (there->prot & PROT_X) && !copy_from_user(mine, theirs, 16) &&
        !dt.ref->read_mem(theirs, ref, 16) && !memcmp(mine, ref, 16)) {
        /* copied at an earlier delivery */
        uint8_t tmp[128] = {0};
        memcpy(tmp, &theirs, 8);
        c->arch->reg_set(c, (unsigned)dt.map.idx[k], tmp);
        return true;
    }
    if (there && !(there->prot & PROT_X) && (there->prot & PROT_W)) {
        /* copied with the reference's stack at the start (qemu puts its
         * trampoline right above it): the same bytes, made executable */
        uint8_t blk[4096];
        uint64_t at = theirs & ~4095ull;
        if (dt.ref->read_mem(at, blk, sizeof blk) || copy_to_user(at, blk, sizeof blk) ||
            mem_protect(m, page, ps, there->prot | PROT_X))
            return false;
        engine_invalidate(page, ps);
        uint8_t tmp[128] = {0};
        memcpy(tmp, &theirs, 8);
        c->arch->reg_set(c, (unsigned)dt.map.idx[k], tmp);
        fprintf(stderr, "difftest: %s points at code only the reference has (%#llx; trapeze's "
                "%#llx), in the page copied with its stack: made executable\n",
                dt.map.t->regs[k].name, (unsigned long long)theirs, (unsigned long long)ours);
        return true;
    }
    if (there)
        return false;
    uint8_t *buf = calloc(1, ps);
    bool ok = buf != NULL;
    for (uint64_t o = 0; ok && o < ps; o += 4096)
        if (dt.ref->read_mem(page + o, buf + o, 4096) && page + o <= theirs && theirs < page + o + 4096)
            ok = false;     /* the page that holds the address itself must be readable */
    ok = ok && !mem_map(m, page, ps, PROT_R | PROT_W, -1, 0, false, "[reference code]");
    if (ok) {
        copy_to_user(page, buf, ps);
        mem_protect(m, page, ps, PROT_R | PROT_X);
        uint8_t tmp[128] = {0};
        memcpy(tmp, &theirs, 8);
        c->arch->reg_set(c, (unsigned)dt.map.idx[k], tmp);
        fprintf(stderr, "difftest: %s points at code only the reference has (%#llx; trapeze's "
                "%#llx): its page copied into trapeze\n", dt.map.t->regs[k].name,
                (unsigned long long)theirs, (unsigned long long)ours);
    }
    free(buf);
    return ok;
}

/* The siginfo both handlers get (a register pointing into the frame at a
 * word holding the signal's number on both sides): what the reference's
 * kernel wrote there is taken (qemu 7.2's si_code for SIGILL is not the
 * kernel's, signals.md section 9), with a note. */
static bool take_siginfo(uint64_t at)
{
    uint8_t mine[128], theirs[128];
    uint32_t sig = (uint32_t)dt.last_sig;
    if (!dt.ref->read_mem || copy_from_user(mine, at, 128) || dt.ref->read_mem(at, theirs, 128) ||
        memcmp(mine, &sig, 4) || memcmp(theirs, &sig, 4))
        return false;
    int32_t code;
    memcpy(&code, theirs + 8, 4);
    /* si_pid (at 0x10 when a process sent it, or for SIGCHLD) stays each
     * side's own, paired */
    bool has_pid = code <= 0 || dt.last_sig == 17;
    for (unsigned o = 0; o < 128; o += 4) {
        uint8_t a[8] = {0}, b[8] = {0};
        memcpy(a, mine + o, 4);
        memcpy(b, theirs + o, 4);
        if (!memcmp(a, b, 4) || (o == 0x10 && has_pid && (dt_same_id(a, b, 4) || dt_add_id(a, b))))
            continue;
        copy_to_user(at + o, theirs + o, 4);
        if (dt.syscall_fixups++ < 20)
            fprintf(stderr, "difftest: siginfo of signal %d, word at +%u: %#llx here, %#llx in the "
                    "reference (taken)\n", dt.last_sig, o, (unsigned long long)dt_u64(a),
                    (unsigned long long)dt_u64(b));
    }
    return true;
}

/* The FP state a handler starts with is the kernel's choice (x86_64 resets
 * it; Linux clears loongarch64's FCSR0 cause bits on SIGFPE, qemu 7.2
 * leaves them set), and so is what sigreturn restores: taken from the
 * reference, with a note. */
void dt_take_fp(struct cpu *c, unsigned k, unsigned i)
{
    uint8_t a[128], b[128];
    unsigned n = dt.refregs[i].bytes, mine = (dt.map.t->regs[k].bits + 7u) / 8;
    if (mine < n)
        n = mine;
    dt_ours(c, k, a);
    if (!dt_theirs(i, b) || !memcmp(a, b, n))
        return;
    uint8_t tmp[128] = {0};
    memcpy(tmp, b, n);
    c->arch->reg_set(c, (unsigned)dt.map.idx[k], tmp);
    if (dt.syscall_fixups++ < 20) {
        char x[80], y[80];
        dt_hex_le(x, a, n < 32 ? n : 32);
        dt_hex_le(y, b, n < 32 ? n : 32);
        fprintf(stderr, "difftest: %s after the signal %d %s: %s here, %s in the reference "
                "(taken)\n", dt.map.t->regs[k].name, dt.last_sig, dt.frame_hi ? "delivery" :
                "handler's return", x, y);
    }
}

/* A handler was entered on both sides: agree on where the frame is. */
void dt_after_delivery(struct cpu *c)
{
    if (!dt.frame_hi)
        return;
    dt.ref->fetch();
    int k = sp_index();
    uint8_t a[128], b[128];
    if (k >= 0 && dt.refidx[k] >= 0 && (dt_ours(c, (unsigned)k, a), dt_theirs((unsigned)dt.refidx[k], b))) {
        uint64_t x = dt_u64(a), y = dt_u64(b), top = dt.frame_hi;
        bool moved = x == y;
        if (y < x && x <= top && (moved = move_frame(c, true, x, top, x - y))) {
            dt.frame_lo -= x - y;
            dt.frame_hi -= x - y;
        }
        else if (x < y && y <= top)
            moved = move_frame(c, false, y, top, y - x);
        if (x != y && dt.syscall_fixups++ < 20)
            fprintf(stderr, "difftest: signal frame at %#llx here, %#llx in the reference (the "
                    "kernels' frames differ in size): %s\n", (unsigned long long)x,
                    (unsigned long long)y, !moved ? "could not move it" :
                    y < x ? "trapeze's moved down to the reference's place" :
                    "the reference's moved down to trapeze's place");
        dt.ref->fetch();
    }
    bool info_done = false;
    for (unsigned j = 0; j < dt.map.n; j++) {
        int i = dt.refidx[j];
        if (i >= 0 && dt.is_fp[j])
            dt_take_fp(c, j, (unsigned)i);
        if (i < 0 || dt.is_fp[j] || (int)j == dt.map.pc || (int)j == k || dt.refregs[i].bytes != 8)
            continue;
        dt_ours(c, j, a);
        dt_theirs((unsigned)i, b);
        uint64_t x = dt_u64(a), y = dt_u64(b);
        if (x != y)
            mirror_code(c, j, x, y);
        else if (!info_done && x >= dt.frame_lo && x + 128 <= dt.frame_hi)
            info_done = take_siginfo(x);
    }
}

/* After a syscall: the memory it wrote on our side, as the reference's
 * kernel wrote it.  Words that are small numbers on both sides (fds,
 * pids) are paired like registers; the rest (times, random bytes,
 * counters) is taken from the reference. */
void dt_mirror_syscall_memory(void)
{
    uint64_t lo = dt.sys_lo & ~3ull, hi = (dt.sys_hi + 3) & ~3ull;
    if (!dt.ref->read_mem || !dt.sys_hi || hi - lo > (64u << 10))
        return;
    size_t len = hi - lo;
    uint8_t *mine = malloc(len), *theirs = malloc(len);
    if (mine && theirs && !copy_from_user(mine, lo, len) && !dt.ref->read_mem(lo, theirs, len)) {
        unsigned taken = 0;
        for (size_t o = 0; o < len; o += 4) {
            uint8_t a[8] = {0}, b[8] = {0};
            memcpy(a, mine + o, 4);
            memcpy(b, theirs + o, 4);
            if (!memcmp(a, b, 4) || dt_same_id(a, b, 4))
                continue;
            if (dt_u64(a) && dt_u64(b) && dt_add_id(a, b))
                continue;
            copy_to_user(lo + o, theirs + o, 4);
            taken++;
        }
        if (taken && dt.syscall_fixups++ < 20)
            fprintf(stderr, "difftest: after the kernel entry at %#llx: %u words of what it wrote at "
                    "%#llx taken from the reference\n", (unsigned long long)dt.kpc, taken,
                    (unsigned long long)lo);
    }
    free(mine);
    free(theirs);
}

