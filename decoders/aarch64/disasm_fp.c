/* aarch64 disassembler: scalar FP and Advanced SIMD. */
#include "disasm.h"

void a64_disasm_fp(struct dis *o, enum a64_op op, uint32_t w, uint64_t pc)
{
    (void)op; (void)w; (void)pc;
    o->bad = true;
}
