/* LoongArch disassembly in llvm-objdump-19's syntax: mnemonic, a tab,
 * operands separated by ", ", ABI register names, decimal immediates,
 * and the aliases LLVM prints (nop, move, ret, jr). */
#include "decode.h"

#include <stdio.h>
#include <string.h>

const char *const la_gpr_name[32] = {
    "$zero", "$ra", "$tp", "$sp", "$a0", "$a1", "$a2", "$a3",
    "$a4", "$a5", "$a6", "$a7", "$t0", "$t1", "$t2", "$t3",
    "$t4", "$t5", "$t6", "$t7", "$t8", "$r21", "$fp", "$s0",
    "$s1", "$s2", "$s3", "$s4", "$s5", "$s6", "$s7", "$s8",
};

const char *const la_fpr_name[32] = {
    "$fa0", "$fa1", "$fa2", "$fa3", "$fa4", "$fa5", "$fa6", "$fa7",
    "$ft0", "$ft1", "$ft2", "$ft3", "$ft4", "$ft5", "$ft6", "$ft7",
    "$ft8", "$ft9", "$ft10", "$ft11", "$ft12", "$ft13", "$ft14", "$ft15",
    "$fs0", "$fs1", "$fs2", "$fs3", "$fs4", "$fs5", "$fs6", "$fs7",
};

#define G(n) la_gpr_name[n]
#define FP(n) la_fpr_name[n]

unsigned la_disasm(uint32_t raw, char *out, size_t outsz)
{
    struct la_insn d;
    enum la_op op = la_decode(raw, &d);
    const char *mn = la_op_name[op];
    long long imm = d.imm;

    if (op == LA_INVALID) {
        snprintf(out, outsz, "<unknown>");
        return 0;
    }
    /* aliases */
    if (op == LA_ANDI && d.rd == 0 && d.rj == 0 && imm == 0) {
        snprintf(out, outsz, "nop");
        return 4;
    }
    if (op == LA_OR && d.rk == 0) {
        snprintf(out, outsz, "move\t%s, %s", G(d.rd), G(d.rj));
        return 4;
    }
    if (op == LA_JIRL && d.rd == 0 && imm == 0) {
        if (d.rj == 1)
            snprintf(out, outsz, "ret");
        else
            snprintf(out, outsz, "jr\t%s", G(d.rj));
        return 4;
    }

    switch ((enum la_fmt)d.fmt) {
    case LF_NONE:   snprintf(out, outsz, "%s\t", mn); break;
    case LF_RRR:    snprintf(out, outsz, "%s\t%s, %s, %s", mn, G(d.rd), G(d.rj), G(d.rk)); break;
    case LF_AM:     snprintf(out, outsz, "%s\t%s, %s, %s", mn, G(d.rd), G(d.rk), G(d.rj)); break;
    case LF_RR:     snprintf(out, outsz, "%s\t%s, %s", mn, G(d.rd), G(d.rj)); break;
    case LF_RRI12: case LF_RRU12: case LF_RRU5: case LF_RRU6:
    case LF_RRI14: case LF_RRI16: case LF_JIRL:
        snprintf(out, outsz, "%s\t%s, %s, %lld", mn, G(d.rd), G(d.rj), imm); break;
    case LF_RI20:   snprintf(out, outsz, "%s\t%s, %lld", mn, G(d.rd), imm); break;
    case LF_RRRSA2P1: case LF_RRRSA2: case LF_RRRSA3:
        snprintf(out, outsz, "%s\t%s, %s, %s, %lld", mn, G(d.rd), G(d.rj), G(d.rk), imm); break;
    case LF_BSTRW: case LF_BSTRD:
        snprintf(out, outsz, "%s\t%s, %s, %lld, %d", mn, G(d.rd), G(d.rj), imm, d.imm2); break;
    case LF_I15:    snprintf(out, outsz, "%s\t%lld", mn, imm); break;
    case LF_PRELD:  snprintf(out, outsz, "%s\t%u, %s, %lld", mn, d.rd, G(d.rj), imm); break;
    case LF_PRELDX: snprintf(out, outsz, "%s\t%u, %s, %s", mn, d.rd, G(d.rj), G(d.rk)); break;
    case LF_JK:     snprintf(out, outsz, "%s\t%s, %s", mn, G(d.rj), G(d.rk)); break;
    case LF_FF:     snprintf(out, outsz, "%s\t%s, %s", mn, FP(d.rd), FP(d.rj)); break;
    case LF_FFF:    snprintf(out, outsz, "%s\t%s, %s, %s", mn, FP(d.rd), FP(d.rj), FP(d.rk)); break;
    case LF_FFFF:   snprintf(out, outsz, "%s\t%s, %s, %s, %s", mn, FP(d.rd), FP(d.rj), FP(d.rk), FP(d.ra)); break;
    case LF_FCMP:
        snprintf(out, outsz, "fcmp.%s.%c\t$fcc%u, %s, %s", la_fcmp_cond[imm],
                 op == LA_FCMP_S ? 's' : 'd', d.rd, FP(d.rj), FP(d.rk));
        break;
    case LF_FSEL:   snprintf(out, outsz, "%s\t%s, %s, %s, $fcc%u", mn, FP(d.rd), FP(d.rj), FP(d.rk), d.ra); break;
    case LF_FR:     snprintf(out, outsz, "%s\t%s, %s", mn, FP(d.rd), G(d.rj)); break;
    case LF_RF:     snprintf(out, outsz, "%s\t%s, %s", mn, G(d.rd), FP(d.rj)); break;
    case LF_FCSRR:  snprintf(out, outsz, "%s\t$fcsr%u, %s", mn, d.rd, G(d.rj)); break;
    case LF_RFCSR:  snprintf(out, outsz, "%s\t%s, $fcsr%u", mn, G(d.rd), d.rj); break;
    case LF_CF:     snprintf(out, outsz, "%s\t$fcc%u, %s", mn, d.rd, FP(d.rj)); break;
    case LF_FC:     snprintf(out, outsz, "%s\t%s, $fcc%u", mn, FP(d.rd), d.rj); break;
    case LF_CR:     snprintf(out, outsz, "%s\t$fcc%u, %s", mn, d.rd, G(d.rj)); break;
    case LF_RC:     snprintf(out, outsz, "%s\t%s, $fcc%u", mn, G(d.rd), d.rj); break;
    case LF_FRI12:  snprintf(out, outsz, "%s\t%s, %s, %lld", mn, FP(d.rd), G(d.rj), imm); break;
    case LF_FRR:    snprintf(out, outsz, "%s\t%s, %s, %s", mn, FP(d.rd), G(d.rj), G(d.rk)); break;
    case LF_BZ:     snprintf(out, outsz, "%s\t%s, %lld", mn, G(d.rj), imm); break;
    case LF_BCZ:    snprintf(out, outsz, "%s\t$fcc%u, %lld", mn, d.rj, imm); break;
    case LF_B26:    snprintf(out, outsz, "%s\t%lld", mn, imm); break;
    case LF_BR:     snprintf(out, outsz, "%s\t%s, %s, %lld", mn, G(d.rj), G(d.rd), imm); break;
    case LF_CSR:    snprintf(out, outsz, "%s\t%s, %lld", mn, G(d.rd), imm); break;
    case LF_CSRX:   snprintf(out, outsz, "%s\t%s, %s, %lld", mn, G(d.rd), G(d.rj), imm); break;
    }
    return 4;
}
