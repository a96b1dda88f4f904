/* x86_64 long-mode decoder: bytes -> struct x86_insn (prefixes, opcode
 * table entry, ModRM/SIB addressing, immediates).  Shared by the CPU
 * model's pre-decoder (sim/x86_64/decode.c) and the disassembler. */
#ifndef TRAPEZE_X86_DECODE_H
#define TRAPEZE_X86_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x86_ids.h"

/* Operand kinds, named as in the SDM's opcode maps (Intel order: dest first). */
enum x86_opnd {
    O_NONE,
    O_Eb, O_Ew, O_Ed, O_Eq, O_Ev, O_Ey,     /* ModRM r/m, general register or memory */
    O_Gb, O_Gw, O_Gd, O_Gq, O_Gv, O_Gy,     /* ModRM reg, general register */
    O_M,                                     /* ModRM r/m, memory only */
    O_Ib, O_Ibs, O_Iw, O_Iz, O_Iv, O_I1,     /* immediates (Ibs: sign-extended to osz) */
    O_Jb, O_Jz,                              /* relative branch targets */
    O_Zb, O_Zv, O_Zq,                        /* register in opcode bits 2:0 (+REX.B) */
    O_AL, O_rAX, O_CL, O_DX, O_AX,
    O_Ob, O_Ov,                              /* moffs: absolute address */
    O_Sw,                                    /* segment register in ModRM reg */
    O_V, O_W, O_U,                           /* xmm: reg field, r/m, r/m register only */
    O_P, O_Q, O_N,                           /* mmx: reg field, r/m, r/m register only */
    O_ST0, O_STi,                            /* x87 */
    O_Xb, O_Xv, O_Yb, O_Yv,                  /* string operands (%rsi), %es:(%rdi) */
    O_Cd, O_Dd,                              /* control / debug registers */
    O_XMM0,                                  /* implicit %xmm0 (blendv) */
};

/* Mandatory prefix of an entry. */
enum { PA, PN, P66, PF3, PF2 };   /* any (legacy meaning), none, 66, F3, F2 */
/* ModRM.mod constraint. */
enum { MA, MM, MR };              /* any, memory only, register only */
/* REX.W constraint. */
enum { WA, W0, W1 };

/* Entry flags. */
#define F_BYTE   0x0001   /* operand size is 8 bits */
#define F_D64    0x0002   /* default operand size 64 (push, pop, ...) */
#define F_F64    0x0004   /* operand size forced to 64 */
#define F_ENDS   0x0008   /* ends a decoded block (control flow, traps) */
#define F_NOMRM  0x0010   /* no ModRM byte */
#define F_LOCK   0x0020   /* LOCK prefix allowed (with a memory destination) */
#define F_PRIV   0x0040   /* CPL 0 only (#GP at CPL 3) */
#define F_REP    0x0080   /* string instruction that honours REP / REPNE */
#define F_W16    0x0100   /* operand size 16 */
#define F_W32    0x0200   /* operand size 32 unless REX.W (no 16-bit form) */
#define F_SSE    0x0400   /* 66/F2/F3 are mandatory prefixes (not size/rep) */
#define F_NOSFX  0x0800   /* disasm: mnemonic as written */

struct x86_opent {
    uint8_t map, opc;       /* map 0: one byte, 1: 0F, 2: 0F38, 3: 0F3A */
    uint8_t pfx;            /* PA PN P66 PF3 PF2 */
    int8_t reg;             /* ModRM.reg extension or -1 */
    int8_t rm;              /* ModRM.rm with mod == 3 (fixed forms) or -1 */
    uint8_t mod;            /* MA MM MR */
    uint8_t w;              /* WA W0 W1 */
    uint16_t flags;
    uint16_t id;            /* X_* semantic id */
    /* AT&T mnemonic.  '%' = size suffix b/w/l/q from the operand size;
     * '@' = that suffix only when an operand is in memory;
     * "a|b|c" = the 16/32/64-bit spellings. */
    const char *mn;
    uint8_t op[4];
};

#define X86_NOREG 0xff

struct x86_insn {
    const struct x86_opent *e;      /* NULL: invalid encoding */
    uint8_t len;
    uint8_t osz, asz;               /* operand / address size in bytes */
    uint8_t rex, rep, lock, seg;    /* rep: 0, 0xf2, 0xf3; seg: 0 or the prefix byte */
    uint8_t p66, p67;
    uint8_t map, opc;
    uint8_t has_modrm, modrm, mod, reg, rm;   /* reg and rm include REX.R / REX.B */
    uint8_t base, index, scale;     /* memory operand; X86_NOREG if absent */
    bool riprel;
    bool vex;                       /* VEX/EVEX encoded: length known, not executable */
    bool evex;
    uint8_t vpp, vl, vvvv;          /* VEX/EVEX: pp (0 none 1 66 2 F3 3 F2), L (0..2), vvvv (+V') */
    uint8_t ez, eb, eaaa, erp;      /* EVEX: zeroing, broadcast/rounding, mask register, R' */
    int64_t disp;
    uint64_t imm, imm2;             /* imm2: second immediate (enter) */
    uint8_t nimm;
};

/* Decode one instruction.  Returns the length, or 0 when n bytes are not
 * enough.  An invalid encoding returns its best-effort length (at least
 * 1) with in->e == NULL. */
unsigned x86_decode(const uint8_t *b, unsigned n, struct x86_insn *in);

/* AT&T text as llvm-objdump -d --no-show-raw-insn prints it
 * ("mnemonic\toperands"); branch targets and rip-relative comments use pc. */
unsigned x86_disasm(uint64_t pc, const uint8_t *b, unsigned n, char *out, size_t outsz);

/* The operand's x86 encoding details, for the disassembler and tests. */
const struct x86_opent *x86_optab(unsigned *count);

#endif
