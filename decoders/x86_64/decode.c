/* x86_64 long-mode instruction decoding: prefixes, REX, opcode maps,
 * ModRM/SIB/displacement, immediates.  VEX/EVEX instructions are decoded
 * for their length only (trapeze does not implement AVX). */
#include <string.h>

#include "x86_decode.h"

/* Table entries grouped by (map, opcode), in table order. */
static const struct x86_opent **byop;
static uint16_t bstart[4 * 256 + 1];
static const struct x86_opent *storage[1024];

__attribute__((constructor)) static void index_table(void)
{
    unsigned n, k = 0;
    const struct x86_opent *t = x86_optab(&n);
    uint16_t cnt[4 * 256] = { 0 };
    for (unsigned i = 0; i < n; i++)
        cnt[t[i].map * 256 + t[i].opc]++;
    for (unsigned b = 0; b < 4 * 256; b++) {
        bstart[b] = k;
        k += cnt[b];
    }
    bstart[4 * 256] = k;
    uint16_t fill[4 * 256];
    memcpy(fill, bstart, sizeof fill);
    for (unsigned i = 0; i < n; i++) {
        unsigned b = t[i].map * 256 + t[i].opc;
        storage[fill[b]++] = &t[i];
    }
    byop = storage;
}

static bool entry_matches(const struct x86_opent *e, const struct x86_insn *in, int sp)
{
    if (e->pfx != PA && e->pfx != sp)
        return false;
    if (in->has_modrm) {
        if (e->reg >= 0 && ((in->modrm >> 3) & 7) != e->reg)
            return false;
        if (e->mod == MM && in->mod == 3)
            return false;
        if (e->mod == MR && in->mod != 3)
            return false;
        if (e->rm >= 0 && (in->mod != 3 || (in->modrm & 7) != e->rm))
            return false;
    }
    if (e->w == W0 && (in->rex & 8))
        return false;
    if (e->w == W1 && !(in->rex & 8))
        return false;
    return true;
}

static const struct x86_opent *find_entry(struct x86_insn *in)
{
    unsigned b = in->map * 256 + in->opc;
    int sp = in->rep == 0xf3 ? PF3 : in->rep == 0xf2 ? PF2 : in->p66 ? P66 : PN;
    /* nop / pause / xchg %r8,%rax share 0x90: REX.B decides. */
    if (in->map == 0 && in->opc == 0x90) {
        for (unsigned i = bstart[b]; i < bstart[b + 1]; i++) {
            const struct x86_opent *e = byop[i];
            if (in->rex & 1 ? e->id == X_XCHG
                            : e->id == X_NOP && (e->pfx == PF3) == (in->rep == 0xf3))
                return e;
        }
        return NULL;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = bstart[b]; i < bstart[b + 1]; i++)
            if (entry_matches(byop[i], in, sp))
                return byop[i];
        if (sp != PF3 && sp != PF2)
            break;
        sp = in->p66 ? P66 : PN;   /* REP before an op without such a form */
    }
    return NULL;
}

static unsigned imm_size(unsigned op, const struct x86_insn *in)
{
    switch (op) {
    case O_Ib: case O_Ibs: case O_Jb: return 1;
    case O_Iw: return 2;
    case O_Iz: return in->osz == 2 ? 2 : 4;
    case O_Jz: return 4;
    case O_Iv: return in->osz;
    case O_Ob: case O_Ov: return in->asz;
    default: return 0;
    }
}

static uint64_t rd_le(const uint8_t *p, unsigned n, bool sx)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    if (sx && n < 8) {
        unsigned sh = 64 - 8 * n;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return v;
}

/* ModRM (+SIB, displacement) at b[i]; returns the new index or 0 if short. */
static unsigned parse_modrm(const uint8_t *b, unsigned n, unsigned i, struct x86_insn *in)
{
    if (i >= n)
        return 0;
    in->has_modrm = 1;
    in->modrm = b[i++];
    in->mod = in->modrm >> 6;
    in->reg = ((in->modrm >> 3) & 7) | (in->rex & 4 ? 8 : 0);
    in->rm = in->modrm & 7;
    in->base = in->index = X86_NOREG;
    if (in->mod == 3) {
        in->rm |= in->rex & 1 ? 8 : 0;
        return i;
    }
    unsigned dsz = in->mod == 1 ? 1 : in->mod == 2 ? 4 : 0;
    if (in->rm == 4) {
        if (i >= n)
            return 0;
        uint8_t sib = b[i++];
        in->scale = sib >> 6;
        unsigned idx = ((sib >> 3) & 7) | (in->rex & 2 ? 8 : 0);
        if (idx != 4)
            in->index = idx;
        if ((sib & 7) == 5 && in->mod == 0)
            dsz = 4;
        else
            in->base = (sib & 7) | (in->rex & 1 ? 8 : 0);
    } else if (in->rm == 5 && in->mod == 0) {
        in->riprel = true;
        dsz = 4;
    } else {
        in->base = in->rm | (in->rex & 1 ? 8 : 0);
    }
    if (i + dsz > n)
        return 0;
    in->disp = (int64_t)rd_le(b + i, dsz, true);
    return i + dsz;
}

/* VEX (C4/C5) and EVEX (62): length only. */
static unsigned decode_vex(const uint8_t *b, unsigned n, unsigned i, struct x86_insn *in)
{
    uint8_t c = b[i];
    unsigned map;
    if (c == 0xc5) {
        if (i + 2 > n) return 0;
        uint8_t p = b[i + 1];
        in->rex = p & 0x80 ? 0 : 4;
        in->vvvv = (~p >> 3) & 15;
        in->vl = (p >> 2) & 1;
        in->vpp = p & 3;
        map = 1;
        i += 2;
    } else if (c == 0xc4) {
        if (i + 3 > n) return 0;
        uint8_t p0 = b[i + 1], p1 = b[i + 2];
        map = p0 & 0x1f;
        in->rex = (~p0 >> 5 & 7) | (p1 & 0x80 ? 8 : 0);
        in->vvvv = (~p1 >> 3) & 15;
        in->vl = (p1 >> 2) & 1;
        in->vpp = p1 & 3;
        i += 3;
    } else {
        if (i + 4 > n) return 0;
        uint8_t p0 = b[i + 1], p1 = b[i + 2], p2 = b[i + 3];
        map = p0 & 7;
        in->evex = true;
        /* rex bits: R X B W; R' and V' kept in the high bits of reg/vvvv below */
        in->rex = (~p0 >> 5 & 7) | (p1 & 0x80 ? 8 : 0);
        in->vvvv = ((~p1 >> 3) & 15) | (p2 & 8 ? 0 : 16);
        in->vpp = p1 & 3;
        in->ez = p2 >> 7;
        in->vl = (p2 >> 5) & 3;
        in->eb = (p2 >> 4) & 1;
        in->eaaa = p2 & 7;
        in->erp = (p0 & 0x10) ? 0 : 1;       /* R' (inverted in the encoding) */
        i += 4;
    }
    if (i >= n)
        return 0;
    in->vex = true;
    in->map = map;
    in->opc = b[i++];
    if (!(c == 0xc5 || c == 0xc4) || !(map == 1 && in->opc == 0x77)) {
        if (!(i = parse_modrm(b, n, i, in)))
            return 0;
        if (in->riprel)
            in->base = X86_NOREG;
    }
    unsigned imm = map == 3;
    if (map == 1 && ((in->opc >= 0x70 && in->opc <= 0x73) || in->opc == 0xc2 ||
                     (in->opc >= 0xc4 && in->opc <= 0xc6)))
        imm = 1;
    if (i + imm > n)
        return 0;
    if (imm)
        in->imm = b[i];
    in->len = i + imm;
    return in->len;
}

unsigned x86_decode(const uint8_t *b, unsigned n, struct x86_insn *in)
{
    memset(in, 0, sizeof *in);
    in->base = in->index = X86_NOREG;
    unsigned i = 0;
    for (;; i++) {
        if (i >= n)
            return 0;
        if (i >= 14)
            goto invalid;
        uint8_t c = b[i];
        switch (c) {
        case 0x66: in->p66 = 1; in->rex = 0; continue;
        case 0x67: in->p67 = 1; in->rex = 0; continue;
        case 0xf0: in->lock = 1; in->rex = 0; continue;
        case 0xf2: case 0xf3: in->rep = c; in->rex = 0; continue;
        case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
            in->seg = c; in->rex = 0; continue;
        }
        if ((c & 0xf0) == 0x40) {
            in->rex = c;
            continue;
        }
        break;
    }
    in->asz = in->p67 ? 4 : 8;
    if (b[i] == 0xc4 || b[i] == 0xc5 || b[i] == 0x62) {
        if (in->rex || in->p66 || in->rep || in->lock) {
            in->len = i + 1;
            goto invalid;
        }
        return decode_vex(b, n, i, in);
    }
    in->opc = b[i++];
    if (in->opc == 0x0f) {
        if (i >= n)
            return 0;
        in->map = 1;
        in->opc = b[i++];
        if (in->opc == 0x38 || in->opc == 0x3a) {
            if (i >= n)
                return 0;
            in->map = in->opc == 0x38 ? 2 : 3;
            in->opc = b[i++];
        }
    }
    unsigned bk = in->map * 256 + in->opc;
    if (bstart[bk] == bstart[bk + 1]) {
        in->len = i;
        goto invalid;
    }
    if (!(byop[bstart[bk]]->flags & F_NOMRM)) {
        if (!(i = parse_modrm(b, n, i, in)))
            return 0;
    }
    const struct x86_opent *e = find_entry(in);
    if (!e) {
        in->len = i;
        goto invalid;
    }
    unsigned fl = e->flags;
    if (fl & F_BYTE)
        in->osz = 1;
    else if (fl & F_W16)
        in->osz = 2;
    else if ((in->rex & 8) || (fl & F_F64))
        in->osz = 8;
    else if (in->p66 && !((fl & F_SSE) && e->pfx == P66))
        in->osz = 2;
    else if (fl & F_D64)
        in->osz = 8;
    else
        in->osz = 4;
    for (int k = 0; k < 4 && e->op[k]; k++) {
        unsigned sz = imm_size(e->op[k], in);
        if (!sz)
            continue;
        if (i + sz > n)
            return 0;
        bool sx = e->op[k] == O_Ibs || e->op[k] == O_Iz || e->op[k] == O_Jb || e->op[k] == O_Jz;
        uint64_t v = rd_le(b + i, sz, sx);
        if (in->nimm++ == 0)
            in->imm = v;
        else
            in->imm2 = v;
        i += sz;
    }
    if (i > 15) {
        in->len = 15;
        goto invalid;
    }
    in->len = i;
    if (in->lock && (!(fl & F_LOCK) || in->mod == 3 || !in->has_modrm)) {
        in->e = NULL;
        return in->len;
    }
    in->e = e;
    return in->len;
invalid:
    in->e = NULL;
    if (!in->len)
        in->len = i ? i : 1;
    return in->len;
}
