/* aarch64 branches.  Targets of direct branches are computed by the
 * decoder into IMM; every handler here ends the block. */
#include "../chain.h"
#include "a64.h"

#define DEF(name) H(name) { struct a64_cpu *s = A(c); (void)s;
#define XR(r) (s->x[r])
#define GO(t) CPU_GOTO(c, d, (t))

DEF(a_b) GO((uint64_t)IMM(d)); }
DEF(a_bl) XR(30) = d->pc + 4; GO((uint64_t)IMM(d)); }
DEF(a_br) GO(XR(RN(d))); }
DEF(a_blr) uint64_t t = XR(RN(d)); XR(30) = d->pc + 4; GO(t); }
DEF(a_bcond) GO(a64_cond(s, OPT(d)) ? (uint64_t)IMM(d) : d->pc + 4); }
DEF(a_cbz_x) GO(XR(RD(d)) == 0 ? (uint64_t)IMM(d) : d->pc + 4); }
DEF(a_cbnz_x) GO(XR(RD(d)) != 0 ? (uint64_t)IMM(d) : d->pc + 4); }
DEF(a_cbz_w) GO((uint32_t)XR(RD(d)) == 0 ? (uint64_t)IMM(d) : d->pc + 4); }
DEF(a_cbnz_w) GO((uint32_t)XR(RD(d)) != 0 ? (uint64_t)IMM(d) : d->pc + 4); }
DEF(a_tbz) GO(!((XR(RD(d)) >> SH(d)) & 1) ? (uint64_t)IMM(d) : d->pc + 4); }
DEF(a_tbnz) GO(((XR(RD(d)) >> SH(d)) & 1) ? (uint64_t)IMM(d) : d->pc + 4); }
