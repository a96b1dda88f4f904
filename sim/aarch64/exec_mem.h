/* Load/store handler tables (exec_mem.c), indexed by access kind and
 * addressing mode. */
#ifndef TRAPEZE_A64_EXEC_MEM_H
#define TRAPEZE_A64_EXEC_MEM_H

#include "../cpu.h"

enum a64_addr_mode { AM_OFF, AM_PRE, AM_POST, AM_RX, AM_RUW, AM_RSW, AM_N };

enum a64_ld_kind {
    LK_LDRB, LK_LDRH, LK_LDRW, LK_LDRX, LK_LDRSBX, LK_LDRSBW, LK_LDRSHX,
    LK_LDRSHW, LK_LDRSW, LK_STRB, LK_STRH, LK_STRW, LK_STRX,
    LK_LDRVB, LK_LDRVH, LK_LDRVS, LK_LDRVD, LK_LDRVQ,
    LK_STRVB, LK_STRVH, LK_STRVS, LK_STRVD, LK_STRVQ, LK_PRFM, LK_N
};

enum a64_pair_kind {
    PK_LDPW, PK_LDPX, PK_LDPSW, PK_STPW, PK_STPX,
    PK_LDPVS, PK_LDPVD, PK_LDPVQ, PK_STPVS, PK_STPVD, PK_STPVQ, PK_N
};

extern const insn_fn a64_ldst_fn[LK_N][AM_N];
extern const insn_fn a64_pair_fn[PK_N][3];

#endif
