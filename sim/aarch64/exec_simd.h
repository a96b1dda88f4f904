/* Operation variants of the Advanced SIMD handlers (exec_simd.c). */
#ifndef TRAPEZE_A64_EXEC_SIMD_H
#define TRAPEZE_A64_EXEC_SIMD_H

#define NL(d) ((d)->a.u8[24])    /* lanes (bytes for EXT/TBL) */
#define WB(d) ((d)->a.u8[25])    /* post-index writeback */

enum { V_ADD, V_SUB, V_MUL, V_MLA, V_MLS, V_CMEQ, V_CMTST, V_CMGT, V_CMGE,
       V_CMHI, V_CMHS, V_UMAX, V_UMIN, V_SMAX, V_SMIN, V_USHL, V_SSHL,
       V_UHADD, V_SHADD, V_URHADD, V_UABD, V_SABD, V_UQADD, V_UQSUB,
       V_SQADD, V_SQSUB };
enum { P_ADDP, P_UMAXP, P_UMINP, P_SMAXP, P_SMINP };
enum { M_REV64, M_REV32, M_REV16, M_CNT, M_NOT, M_RBIT, M_CMGT0, M_CMGE0,
       M_CMEQ0, M_CMLE0, M_CMLT0, M_ABS, M_NEG, M_CLZ };
enum { A_ADDV, A_UMAXV, A_UMINV, A_SMAXV, A_SMINV, A_UADDLV, A_SADDLV };
enum { Q_UZP1, Q_UZP2, Q_ZIP1, Q_ZIP2, Q_TRN1, Q_TRN2 };
enum { L_ADDL, L_ADDW, L_SUBL, L_SUBW, L_MULL, L_MLAL, L_MLSL, L_ABDL };
enum { S_SHL, S_USHR, S_SSHR, S_USRA, S_SSRA, S_URSHR, S_SRI, S_SLI };
enum { F_ADD, F_SUB, F_MUL, F_DIV, F_MAX, F_MIN, F_MAXNM, F_MINNM, F_MLA,
       F_MLS, F_CMEQ, F_CMGE, F_CMGT, F_ACGE, F_ACGT, F_ABD,
       F_ADDP, F_MAXP, F_MINP, F_MAXNMP, F_MINNMP };
enum { G_ABS, G_NEG, G_SQRT, G_CVTS, G_CVTU, G_SCVTF, G_UCVTF, G_RINT,
       G_RINTX, G_CMEQ0, G_CMGE0, G_CMGT0, G_CMLE0, G_CMLT0 };

#endif
