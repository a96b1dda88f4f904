/* VEX/EVEX disassembly in llvm-objdump-19's spelling.  AVX is decoded for
 * its length and text only (the CPU model does not execute it); this table
 * covers the AVX/AVX2/AVX-512/BMI/mask instructions glibc's ifunc variants
 * use, one line per encoding.  Anything else prints <unknown>. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "x86_decode.h"

enum vform {
    VF_RVM,     /* reg <- vvvv, rm            AT&T: rm, vvvv, reg */
    VF_RVMI,    /* + imm8                     $i, rm, vvvv, reg */
    VF_RM,      /* reg <- rm                  rm, reg */
    VF_RMI,     /* reg <- rm, imm8            $i, rm, reg */
    VF_MR,      /* rm <- reg                  reg, rm */
    VF_GU,      /* gpr32 reg <- vector rm     rm, reg */
    VF_VE,      /* vector reg <- gpr/mem rm (size by W or fixed) */
    VF_EV,      /* gpr/mem rm <- vector reg */
    VF_KVM,     /* k reg <- vvvv, rm          rm, vvvv, %k */
    VF_KVMP,    /* k reg <- vvvv, rm, predicate in the mnemonic */
    VF_G3,      /* gpr: reg <- rm, vvvv       vvvv, rm, reg (sarx shlx shrx bzhi) */
    VF_G3B,     /* gpr: reg <- vvvv, rm       rm, vvvv, reg (andn pdep pext mulx) */
    VF_G2,      /* gpr: vvvv <- rm            rm, vvvv (blsr blsmsk blsi) */
    VF_G2I,     /* gpr: reg <- rm, imm        $i, rm, reg (rorx) */
    VF_NONE,    /* vzeroupper / vzeroall by L */
    VF_KK,      /* k reg <- k rm or mem */
    VF_KG,      /* k reg <- gpr rm */
    VF_GK,      /* gpr reg <- k rm */
    VF_MK,      /* mem <- k reg */
    VF_KKK,     /* k reg <- k vvvv, k rm */
    VF_KT,      /* flags <- k reg, k rm (kortest ktest) */
    VF_MOVS,    /* vmovss/vmovsd load form: mem, reg | rm, vvvv, reg */
    VF_MOVST,   /* store form: reg, mem | reg, vvvv, rm */
    VF_CVT2SI,  /* gpr reg <- xmm/mem rm */
    VF_CVTSI,   /* xmm reg <- vvvv, gpr/mem rm */
    VF_MEM,     /* one memory operand */
    VF_CMP,     /* vcmp<pred>: rm, vvvv, reg */
    VF_IS4,     /* reg <- vvvv, rm, is4 (blendv)      is4, rm, vvvv, reg */
    VF_FMA4,    /* AMD FMA4: W selects which of rm / is4 is the third source */
};

/* which encodings an entry accepts */
enum { E_VEX = 1, E_EVEX = 2, E_BOTH = 3 };

struct vent {
    uint8_t map, opc, pp, w;    /* pp: 0 none 1 66 2 F3 3 F2; w: WA W0 W1 */
    uint8_t enc, form;
    int8_t reg;                 /* ModRM.reg extension or -1 */
    uint8_t gsz;                /* VF_VE/EV: gpr size 4/8 (0: by W); disp8*N element size for EVEX */
    const char *mn;
};

#define V(map, opc, pp, w, enc, form, mn) { map, opc, pp, w, enc, form, -1, 0, mn }
#define VG(map, opc, pp, w, enc, form, reg, mn) { map, opc, pp, w, enc, form, reg, 0, mn }
#define VS(map, opc, pp, w, enc, form, gsz, mn) { map, opc, pp, w, enc, form, -1, gsz, mn }

static const struct vent vtab[] = {
    /* moves */
    V(1, 0x10, 0, WA, E_BOTH, VF_RM, "vmovups"), V(1, 0x11, 0, WA, E_BOTH, VF_MR, "vmovups"),
    V(1, 0x10, 1, WA, E_BOTH, VF_RM, "vmovupd"), V(1, 0x11, 1, WA, E_BOTH, VF_MR, "vmovupd"),
    V(1, 0x28, 0, WA, E_BOTH, VF_RM, "vmovaps"), V(1, 0x29, 0, WA, E_BOTH, VF_MR, "vmovaps"),
    V(1, 0x28, 1, WA, E_BOTH, VF_RM, "vmovapd"), V(1, 0x29, 1, WA, E_BOTH, VF_MR, "vmovapd"),
    V(1, 0x6f, 1, WA, E_VEX, VF_RM, "vmovdqa"), V(1, 0x7f, 1, WA, E_VEX, VF_MR, "vmovdqa"),
    V(1, 0x6f, 2, WA, E_VEX, VF_RM, "vmovdqu"), V(1, 0x7f, 2, WA, E_VEX, VF_MR, "vmovdqu"),
    V(1, 0x6f, 1, W0, E_EVEX, VF_RM, "vmovdqa32"), V(1, 0x7f, 1, W0, E_EVEX, VF_MR, "vmovdqa32"),
    V(1, 0x6f, 1, W1, E_EVEX, VF_RM, "vmovdqa64"), V(1, 0x7f, 1, W1, E_EVEX, VF_MR, "vmovdqa64"),
    V(1, 0x6f, 2, W0, E_EVEX, VF_RM, "vmovdqu32"), V(1, 0x7f, 2, W0, E_EVEX, VF_MR, "vmovdqu32"),
    V(1, 0x6f, 2, W1, E_EVEX, VF_RM, "vmovdqu64"), V(1, 0x7f, 2, W1, E_EVEX, VF_MR, "vmovdqu64"),
    V(1, 0x6f, 3, W0, E_EVEX, VF_RM, "vmovdqu8"), V(1, 0x7f, 3, W0, E_EVEX, VF_MR, "vmovdqu8"),
    V(1, 0x6f, 3, W1, E_EVEX, VF_RM, "vmovdqu16"), V(1, 0x7f, 3, W1, E_EVEX, VF_MR, "vmovdqu16"),
    V(1, 0xe7, 1, WA, E_BOTH, VF_MR, "vmovntdq"), V(1, 0x2b, 0, WA, E_BOTH, VF_MR, "vmovntps"),
    V(2, 0x2a, 1, WA, E_BOTH, VF_RM, "vmovntdqa"),
    VS(1, 0x6e, 1, W0, E_BOTH, VF_VE, 4, "vmovd"), VS(1, 0x6e, 1, W1, E_BOTH, VF_VE, 8, "vmovq"),
    VS(1, 0x7e, 1, W0, E_BOTH, VF_EV, 4, "vmovd"), VS(1, 0x7e, 1, W1, E_BOTH, VF_EV, 8, "vmovq"),
    VS(1, 0x7e, 2, WA, E_BOTH, VF_RM, 8, "vmovq"), VS(1, 0xd6, 1, WA, E_BOTH, VF_MR, 8, "vmovq"),
    VS(2, 0x78, 1, W0, E_BOTH, VF_RM, 1, "vpbroadcastb"), VS(2, 0x79, 1, W0, E_BOTH, VF_RM, 2, "vpbroadcastw"),
    VS(2, 0x58, 1, W0, E_BOTH, VF_RM, 4, "vpbroadcastd"), VS(2, 0x59, 1, WA, E_BOTH, VF_RM, 8, "vpbroadcastq"),
    VS(2, 0x18, 1, W0, E_BOTH, VF_RM, 4, "vbroadcastss"),
    VS(2, 0x7a, 1, W0, E_EVEX, VF_VE, 4, "vpbroadcastb"), VS(2, 0x7b, 1, W0, E_EVEX, VF_VE, 4, "vpbroadcastw"),
    VS(2, 0x7c, 1, W0, E_EVEX, VF_VE, 4, "vpbroadcastd"), VS(2, 0x7c, 1, W1, E_EVEX, VF_VE, 8, "vpbroadcastq"),
    V(1, 0xd7, 1, WA, E_VEX, VF_GU, "vpmovmskb"), V(1, 0x50, 0, WA, E_VEX, VF_GU, "vmovmskps"),
    V(1, 0x77, 0, WA, E_VEX, VF_NONE, "vzeroupper"),
    /* integer */
    V(1, 0x74, 1, WA, E_VEX, VF_RVM, "vpcmpeqb"), V(1, 0x75, 1, WA, E_VEX, VF_RVM, "vpcmpeqw"),
    V(1, 0x76, 1, WA, E_VEX, VF_RVM, "vpcmpeqd"), V(2, 0x29, 1, WA, E_VEX, VF_RVM, "vpcmpeqq"),
    V(1, 0x64, 1, WA, E_VEX, VF_RVM, "vpcmpgtb"), V(1, 0x65, 1, WA, E_VEX, VF_RVM, "vpcmpgtw"),
    V(1, 0x66, 1, WA, E_VEX, VF_RVM, "vpcmpgtd"),
    V(1, 0x74, 1, WA, E_EVEX, VF_KVM, "vpcmpeqb"), V(1, 0x75, 1, WA, E_EVEX, VF_KVM, "vpcmpeqw"),
    V(1, 0x76, 1, W0, E_EVEX, VF_KVM, "vpcmpeqd"), V(1, 0x64, 1, WA, E_EVEX, VF_KVM, "vpcmpgtb"),
    V(1, 0xdb, 1, WA, E_VEX, VF_RVM, "vpand"), V(1, 0xdf, 1, WA, E_VEX, VF_RVM, "vpandn"),
    V(1, 0xeb, 1, WA, E_VEX, VF_RVM, "vpor"), V(1, 0xef, 1, WA, E_VEX, VF_RVM, "vpxor"),
    V(1, 0xdb, 1, W0, E_EVEX, VF_RVM, "vpandd"), V(1, 0xdb, 1, W1, E_EVEX, VF_RVM, "vpandq"),
    V(1, 0xdf, 1, W0, E_EVEX, VF_RVM, "vpandnd"), V(1, 0xdf, 1, W1, E_EVEX, VF_RVM, "vpandnq"),
    V(1, 0xeb, 1, W0, E_EVEX, VF_RVM, "vpord"), V(1, 0xeb, 1, W1, E_EVEX, VF_RVM, "vporq"),
    V(1, 0xef, 1, W0, E_EVEX, VF_RVM, "vpxord"), V(1, 0xef, 1, W1, E_EVEX, VF_RVM, "vpxorq"),
    V(1, 0xfc, 1, WA, E_BOTH, VF_RVM, "vpaddb"), V(1, 0xfd, 1, WA, E_BOTH, VF_RVM, "vpaddw"),
    V(1, 0xfe, 1, W0, E_BOTH, VF_RVM, "vpaddd"), V(1, 0xd4, 1, WA, E_BOTH, VF_RVM, "vpaddq"),
    V(1, 0xf8, 1, WA, E_BOTH, VF_RVM, "vpsubb"), V(1, 0xf9, 1, WA, E_BOTH, VF_RVM, "vpsubw"),
    V(1, 0xfa, 1, W0, E_BOTH, VF_RVM, "vpsubd"), V(1, 0xfb, 1, WA, E_BOTH, VF_RVM, "vpsubq"),
    V(1, 0xda, 1, WA, E_BOTH, VF_RVM, "vpminub"), V(1, 0xde, 1, WA, E_BOTH, VF_RVM, "vpmaxub"),
    V(1, 0xea, 1, WA, E_BOTH, VF_RVM, "vpminsw"), V(1, 0xee, 1, WA, E_BOTH, VF_RVM, "vpmaxsw"),
    V(2, 0x3b, 1, W0, E_BOTH, VF_RVM, "vpminud"), V(2, 0x3f, 1, W0, E_BOTH, VF_RVM, "vpmaxud"),
    V(2, 0x3a, 1, WA, E_BOTH, VF_RVM, "vpminuw"), V(2, 0x3e, 1, WA, E_BOTH, VF_RVM, "vpmaxuw"),
    V(2, 0x38, 1, WA, E_BOTH, VF_RVM, "vpminsb"), V(2, 0x3c, 1, WA, E_BOTH, VF_RVM, "vpmaxsb"),
    V(2, 0x00, 1, WA, E_BOTH, VF_RVM, "vpshufb"), V(3, 0x0f, 1, WA, E_BOTH, VF_RVMI, "vpalignr"),
    V(1, 0x60, 1, WA, E_BOTH, VF_RVM, "vpunpcklbw"), V(1, 0x68, 1, WA, E_BOTH, VF_RVM, "vpunpckhbw"),
    V(1, 0x67, 1, WA, E_BOTH, VF_RVM, "vpackuswb"), V(2, 0x17, 1, WA, E_VEX, VF_RM, "vptest"),
    V(1, 0xd8, 1, WA, E_BOTH, VF_RVM, "vpsubusb"), V(1, 0xf6, 1, WA, E_BOTH, VF_RVM, "vpsadbw"),
    V(1, 0x70, 1, W0, E_BOTH, VF_RMI, "vpshufd"),
    V(3, 0x25, 1, W0, E_EVEX, VF_RVMI, "vpternlogd"), V(3, 0x25, 1, W1, E_EVEX, VF_RVMI, "vpternlogq"),
    V(2, 0x26, 1, W0, E_EVEX, VF_KVM, "vptestmb"), V(2, 0x26, 1, W1, E_EVEX, VF_KVM, "vptestmw"),
    V(2, 0x27, 1, W0, E_EVEX, VF_KVM, "vptestmd"), V(2, 0x26, 2, W0, E_EVEX, VF_KVM, "vptestnmb"),
    V(2, 0x26, 2, W1, E_EVEX, VF_KVM, "vptestnmw"), V(2, 0x27, 2, W0, E_EVEX, VF_KVM, "vptestnmd"),
    V(3, 0x3e, 1, W0, E_EVEX, VF_KVMP, "ub"), V(3, 0x3f, 1, W0, E_EVEX, VF_KVMP, "b"),
    V(3, 0x3e, 1, W1, E_EVEX, VF_KVMP, "uw"), V(3, 0x3f, 1, W1, E_EVEX, VF_KVMP, "w"),
    V(3, 0x1e, 1, W0, E_EVEX, VF_KVMP, "ud"), V(3, 0x1f, 1, W0, E_EVEX, VF_KVMP, "d"),
    V(3, 0x1e, 1, W1, E_EVEX, VF_KVMP, "uq"), V(3, 0x1f, 1, W1, E_EVEX, VF_KVMP, "q"),
    V(3, 0x38, 1, W0, E_VEX, VF_RVMI, "vinserti128"), V(3, 0x39, 1, W0, E_VEX, VF_RMI, "vextracti128"),
    V(3, 0x46, 1, W0, E_VEX, VF_RVMI, "vperm2i128"),
    /* floating point used by libm's AVX/FMA variants */
    V(1, 0x58, 3, WA, E_VEX, VF_RVM, "vaddsd"), V(1, 0x59, 3, WA, E_VEX, VF_RVM, "vmulsd"),
    V(1, 0x5c, 3, WA, E_VEX, VF_RVM, "vsubsd"), V(1, 0x5e, 3, WA, E_VEX, VF_RVM, "vdivsd"),
    V(1, 0x58, 2, WA, E_VEX, VF_RVM, "vaddss"), V(1, 0x59, 2, WA, E_VEX, VF_RVM, "vmulss"),
    V(1, 0x5c, 2, WA, E_VEX, VF_RVM, "vsubss"), V(1, 0x5e, 2, WA, E_VEX, VF_RVM, "vdivss"),
    V(1, 0x54, 1, WA, E_VEX, VF_RVM, "vandpd"), V(1, 0x55, 1, WA, E_VEX, VF_RVM, "vandnpd"),
    V(1, 0x56, 1, WA, E_VEX, VF_RVM, "vorpd"), V(1, 0x57, 1, WA, E_VEX, VF_RVM, "vxorpd"),
    V(1, 0x54, 0, WA, E_VEX, VF_RVM, "vandps"), V(1, 0x57, 0, WA, E_VEX, VF_RVM, "vxorps"),
    V(1, 0x10, 3, WA, E_VEX, VF_MOVS, "vmovsd"), V(1, 0x10, 2, WA, E_VEX, VF_MOVS, "vmovss"),
    V(1, 0x11, 3, WA, E_VEX, VF_MOVST, "vmovsd"), V(1, 0x11, 2, WA, E_VEX, VF_MOVST, "vmovss"),
    V(1, 0x2c, 3, WA, E_VEX, VF_CVT2SI, "vcvttsd2si"), V(1, 0x2d, 3, WA, E_VEX, VF_CVT2SI, "vcvtsd2si"),
    V(1, 0x2c, 2, WA, E_VEX, VF_CVT2SI, "vcvttss2si"), V(1, 0x2d, 2, WA, E_VEX, VF_CVT2SI, "vcvtss2si"),
    V(1, 0x2a, 3, WA, E_VEX, VF_CVTSI, "vcvtsi2sd"), V(1, 0x2a, 2, WA, E_VEX, VF_CVTSI, "vcvtsi2ss"),
    VG(1, 0xae, 0, WA, E_VEX, VF_MEM, 2, "vldmxcsr"), VG(1, 0xae, 0, WA, E_VEX, VF_MEM, 3, "vstmxcsr"),
    V(1, 0xc2, 0, WA, E_VEX, VF_CMP, "ps"), V(1, 0xc2, 1, WA, E_VEX, VF_CMP, "pd"),
    V(1, 0xc2, 2, WA, E_VEX, VF_CMP, "ss"), V(1, 0xc2, 3, WA, E_VEX, VF_CMP, "sd"),
    V(3, 0x4b, 1, W0, E_VEX, VF_IS4, "vblendvpd"), V(3, 0x4a, 1, W0, E_VEX, VF_IS4, "vblendvps"),
    V(3, 0x4c, 1, W0, E_VEX, VF_IS4, "vpblendvb"),
    V(3, 0x68, 1, WA, E_VEX, VF_FMA4, "vfmaddps"), V(3, 0x69, 1, WA, E_VEX, VF_FMA4, "vfmaddpd"),
    V(3, 0x6a, 1, WA, E_VEX, VF_FMA4, "vfmaddss"), V(3, 0x6b, 1, WA, E_VEX, VF_FMA4, "vfmaddsd"),
    V(3, 0x6c, 1, WA, E_VEX, VF_FMA4, "vfmsubps"), V(3, 0x6d, 1, WA, E_VEX, VF_FMA4, "vfmsubpd"),
    V(3, 0x6e, 1, WA, E_VEX, VF_FMA4, "vfmsubss"), V(3, 0x6f, 1, WA, E_VEX, VF_FMA4, "vfmsubsd"),
    V(3, 0x78, 1, WA, E_VEX, VF_FMA4, "vfnmaddps"), V(3, 0x79, 1, WA, E_VEX, VF_FMA4, "vfnmaddpd"),
    V(3, 0x7a, 1, WA, E_VEX, VF_FMA4, "vfnmaddss"), V(3, 0x7b, 1, WA, E_VEX, VF_FMA4, "vfnmaddsd"),
    V(3, 0x7c, 1, WA, E_VEX, VF_FMA4, "vfnmsubps"), V(3, 0x7d, 1, WA, E_VEX, VF_FMA4, "vfnmsubpd"),
    V(3, 0x7e, 1, WA, E_VEX, VF_FMA4, "vfnmsubss"), V(3, 0x7f, 1, WA, E_VEX, VF_FMA4, "vfnmsubsd"),
    V(1, 0x2f, 1, WA, E_VEX, VF_RM, "vcomisd"), V(1, 0x2e, 1, WA, E_VEX, VF_RM, "vucomisd"),
    V(1, 0x2f, 0, WA, E_VEX, VF_RM, "vcomiss"), V(1, 0x2e, 0, WA, E_VEX, VF_RM, "vucomiss"),
    V(2, 0x99, 1, W1, E_VEX, VF_RVM, "vfmadd132sd"), V(2, 0xa9, 1, W1, E_VEX, VF_RVM, "vfmadd213sd"),
    V(2, 0xb9, 1, W1, E_VEX, VF_RVM, "vfmadd231sd"), V(2, 0x9d, 1, W1, E_VEX, VF_RVM, "vfnmadd132sd"),
    V(2, 0xad, 1, W1, E_VEX, VF_RVM, "vfnmadd213sd"), V(2, 0xbd, 1, W1, E_VEX, VF_RVM, "vfnmadd231sd"),
    V(2, 0x9b, 1, W1, E_VEX, VF_RVM, "vfmsub132sd"), V(2, 0xab, 1, W1, E_VEX, VF_RVM, "vfmsub213sd"),
    V(2, 0xbb, 1, W1, E_VEX, VF_RVM, "vfmsub231sd"), V(2, 0x9f, 1, W1, E_VEX, VF_RVM, "vfnmsub132sd"),
    V(2, 0xaf, 1, W1, E_VEX, VF_RVM, "vfnmsub213sd"), V(2, 0xbf, 1, W1, E_VEX, VF_RVM, "vfnmsub231sd"),
    V(2, 0x99, 1, W0, E_VEX, VF_RVM, "vfmadd132ss"), V(2, 0xa9, 1, W0, E_VEX, VF_RVM, "vfmadd213ss"),
    V(2, 0xb9, 1, W0, E_VEX, VF_RVM, "vfmadd231ss"),
    V(3, 0x0b, 1, WA, E_VEX, VF_RVMI, "vroundsd"), V(3, 0x0a, 1, WA, E_VEX, VF_RVMI, "vroundss"),
    /* BMI1/BMI2 */
    V(2, 0xf7, 2, WA, E_VEX, VF_G3, "sarx%"), V(2, 0xf7, 1, WA, E_VEX, VF_G3, "shlx%"),
    V(2, 0xf7, 3, WA, E_VEX, VF_G3, "shrx%"), V(2, 0xf7, 0, WA, E_VEX, VF_G3, "bextr%"),
    V(2, 0xf5, 0, WA, E_VEX, VF_G3, "bzhi%"), V(2, 0xf2, 0, WA, E_VEX, VF_G3B, "andn%"),
    V(2, 0xf5, 3, WA, E_VEX, VF_G3B, "pdep%"), V(2, 0xf5, 2, WA, E_VEX, VF_G3B, "pext%"),
    V(2, 0xf6, 3, WA, E_VEX, VF_G3B, "mulx%"),
    VG(2, 0xf3, 0, WA, E_VEX, VF_G2, 1, "blsr%"), VG(2, 0xf3, 0, WA, E_VEX, VF_G2, 2, "blsmsk%"),
    VG(2, 0xf3, 0, WA, E_VEX, VF_G2, 3, "blsi%"), V(3, 0xf0, 3, WA, E_VEX, VF_G2I, "rorx%"),
    /* mask registers */
    V(1, 0x90, 0, W0, E_VEX, VF_KK, "kmovw"), V(1, 0x90, 1, W0, E_VEX, VF_KK, "kmovb"),
    V(1, 0x90, 0, W1, E_VEX, VF_KK, "kmovq"), V(1, 0x90, 1, W1, E_VEX, VF_KK, "kmovd"),
    V(1, 0x91, 0, W0, E_VEX, VF_MK, "kmovw"), V(1, 0x91, 1, W0, E_VEX, VF_MK, "kmovb"),
    V(1, 0x91, 0, W1, E_VEX, VF_MK, "kmovq"), V(1, 0x91, 1, W1, E_VEX, VF_MK, "kmovd"),
    VS(1, 0x92, 0, W0, E_VEX, VF_KG, 4, "kmovw"), VS(1, 0x92, 1, W0, E_VEX, VF_KG, 4, "kmovb"),
    VS(1, 0x92, 3, W0, E_VEX, VF_KG, 4, "kmovd"), VS(1, 0x92, 3, W1, E_VEX, VF_KG, 8, "kmovq"),
    VS(1, 0x93, 0, W0, E_VEX, VF_GK, 4, "kmovw"), VS(1, 0x93, 1, W0, E_VEX, VF_GK, 4, "kmovb"),
    VS(1, 0x93, 3, W0, E_VEX, VF_GK, 4, "kmovd"), VS(1, 0x93, 3, W1, E_VEX, VF_GK, 8, "kmovq"),
    V(1, 0x98, 0, W0, E_VEX, VF_KT, "kortestw"), V(1, 0x98, 1, W0, E_VEX, VF_KT, "kortestb"),
    V(1, 0x98, 0, W1, E_VEX, VF_KT, "kortestq"), V(1, 0x98, 1, W1, E_VEX, VF_KT, "kortestd"),
    V(1, 0x99, 0, W0, E_VEX, VF_KT, "ktestw"), V(1, 0x99, 1, W0, E_VEX, VF_KT, "ktestb"),
    V(1, 0x99, 0, W1, E_VEX, VF_KT, "ktestq"), V(1, 0x99, 1, W1, E_VEX, VF_KT, "ktestd"),
    V(1, 0x4b, 1, W0, E_VEX, VF_KKK, "kunpckbw"), V(1, 0x4b, 0, W0, E_VEX, VF_KKK, "kunpckwd"),
    V(1, 0x4b, 0, W1, E_VEX, VF_KKK, "kunpckdq"),
    V(1, 0x45, 0, W0, E_VEX, VF_KKK, "korw"), V(1, 0x45, 1, W0, E_VEX, VF_KKK, "korb"),
    V(1, 0x45, 0, W1, E_VEX, VF_KKK, "korq"), V(1, 0x45, 1, W1, E_VEX, VF_KKK, "kord"),
    V(1, 0x41, 0, W0, E_VEX, VF_KKK, "kandw"), V(1, 0x41, 0, W1, E_VEX, VF_KKK, "kandq"),
    V(1, 0x41, 1, W1, E_VEX, VF_KKK, "kandd"), V(1, 0x42, 0, W1, E_VEX, VF_KKK, "kandnq"),
    V(1, 0x42, 1, W1, E_VEX, VF_KKK, "kandnd"),
    V(1, 0x46, 0, W0, E_VEX, VF_KKK, "kxnorw"), V(1, 0x46, 0, W1, E_VEX, VF_KKK, "kxnorq"),
    V(1, 0x46, 1, W1, E_VEX, VF_KKK, "kxnord"), V(1, 0x47, 0, W1, E_VEX, VF_KKK, "kxorq"),
    V(1, 0x47, 1, W1, E_VEX, VF_KKK, "kxord"),
    V(1, 0x44, 0, W0, E_VEX, VF_KK, "knotw"), V(1, 0x44, 0, W1, E_VEX, VF_KK, "knotq"),
    V(1, 0x44, 1, W1, E_VEX, VF_KK, "knotd"),
};

static const char *const g64[16] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                     "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
static const char *const g32[16] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                     "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d" };
static const char *const pred[8] = { "eq", "lt", "le", "false", "neq", "nlt", "nle", "true" };
static const char *const vpred[32] = {
    "eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord", "eq_uq", "nge", "ngt", "false",
    "neq_oq", "ge", "gt", "true", "eq_os", "lt_oq", "le_oq", "unord_s", "neq_us", "nlt_uq",
    "nle_uq", "ord_s", "eq_us", "nge_uq", "ngt_uq", "false_os", "neq_os", "ge_oq", "gt_oq", "true_us",
};

/* "xmm2 = (xmm4 * mem) + xmm3" for FMA3/FMA4 (mnemonic vf[n]m{add,sub}...) */
static void fma_comment(char *buf, size_t sz, const char *mn, const char *dst, const char *a,
                        const char *b, const char *c)
{
    bool neg = mn[2] == 'n';
    bool sub = strstr(mn, "sub") != NULL;
    snprintf(buf, sz, "%s = %s(%s * %s) %c %s", dst, neg ? "-" : "", a, b, sub ? '-' : '+', c);
}

struct vo {
    char *p;
    size_t left;
};

static void vemit(struct vo *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(o->p, o->left, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if ((size_t)k >= o->left)
        k = o->left ? (int)o->left - 1 : 0;
    o->p += k;
    o->left -= k;
}

static void hexs(struct vo *o, int64_t v)
{
    if (v < 0)
        vemit(o, "-0x%llx", (unsigned long long)-(uint64_t)v);
    else
        vemit(o, "0x%llx", (unsigned long long)v);
}

bool x86_riz(const struct x86_insn *in);

static void vmem(struct vo *o, const struct x86_insn *in, int64_t disp)
{
    static const char *const segs[] = { "es", "cs", "ss", "ds", "fs", "gs" };
    const uint8_t sp[] = { 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65 };
    for (int i = 0; i < 6; i++)
        if (in->seg == sp[i])
            vemit(o, "%%%s:", segs[i]);
    const char *const *rn = in->asz == 4 ? g32 : g64;
    bool base = in->base != X86_NOREG, idx = in->index != X86_NOREG;
    if (in->riprel) {
        if (disp)
            hexs(o, disp);
        vemit(o, "(%%rip)");
        return;
    }
    bool riz = x86_riz(in);
    if (disp || (!base && !idx && !riz))
        hexs(o, disp);
    if (base || idx || riz) {
        vemit(o, "(");
        if (base)
            vemit(o, "%%%s", rn[in->base]);
        if (idx || riz) {
            vemit(o, ",%%%s", idx ? rn[in->index] : in->asz == 4 ? "eiz" : "riz");
            if (in->scale)
                vemit(o, ",%u", 1u << in->scale);
        }
        vemit(o, ")");
    }
}

static const char *vname(unsigned l)
{
    return l == 0 ? "xmm" : l == 1 ? "ymm" : "zmm";
}

bool x86_disasm_vex(const struct x86_insn *in, uint64_t pc, char *out, size_t outsz);

bool x86_disasm_vex(const struct x86_insn *in, uint64_t pc, char *out, size_t outsz)
{
    const struct vent *e = NULL;
    bool w = in->rex & 8;
    int rext = (in->modrm >> 3) & 7;
    for (size_t i = 0; i < sizeof vtab / sizeof vtab[0]; i++) {
        const struct vent *t = &vtab[i];
        if (t->map != in->map || t->opc != in->opc || t->pp != in->vpp)
            continue;
        if ((t->w == W0 && w) || (t->w == W1 && !w))
            continue;
        if (!(t->enc & (in->evex ? E_EVEX : E_VEX)))
            continue;
        if (t->reg >= 0 && t->reg != rext)
            continue;
        e = t;
        break;
    }
    if (!e)
        return false;
    struct vo o = { out, outsz };
    bool mem = in->mod != 3;
    unsigned reg = in->reg | (in->erp ? 16 : 0);
    unsigned rm = in->rm | (in->evex && !mem && (in->rex & 2) ? 16 : 0);
    unsigned vv = in->vvvv;
    const char *vn = vname(in->vl);
    /* EVEX compressed displacement: disp8 * N */
    int64_t disp = in->disp;
    if (in->evex && in->mod == 1) {
        unsigned n = in->eb ? (w ? 8 : 4) : (e->gsz ? e->gsz : 16u << in->vl);
        if (e->form == VF_VE || e->form == VF_EV)
            n = e->gsz;
        disp *= (int64_t)n;
    }
    char rmbuf[96], tmp[160];
    struct vo ro = { rmbuf, sizeof rmbuf };
    if (mem)
        vmem(&ro, in, disp);
    else
        vemit(&ro, "%%%s%u", vn, rm);
    if (mem && in->evex && in->eb)
        vemit(&ro, "{1to%u}", (16u << in->vl) / (w ? 8 : 4));
    const char *gn = (e->gsz == 8 || (e->gsz == 0 && w)) ? "q" : "l";
    char cmt[160] = "";
    char rd[12], rv[12], rr[12], r4[12];
    snprintf(rd, sizeof rd, "%s%u", vn, reg);
    snprintf(rv, sizeof rv, "%s%u", vn, vv);
    snprintf(rr, sizeof rr, "%s%u", vn, rm);
    snprintf(r4, sizeof r4, "%s%u", vn, (unsigned)((in->imm >> 4) & 15));
    const char *rms = mem ? "mem" : rr;
    const char *const *gr = (e->gsz == 8 || (e->gsz == 0 && w)) ? g64 : g32;
    char mn[32];
    snprintf(mn, sizeof mn, "%s", e->mn);
    char *pct = strchr(mn, '%');
    if (pct)
        snprintf(pct, sizeof mn - (size_t)(pct - mn), "%s", w ? "q" : "l");
    switch (e->form) {
    case VF_RVM:
        vemit(&o, "%s\t%s, %%%s%u, %%%s%u", mn, rmbuf, vn, vv, vn, reg);
        if (!strncmp(mn, "vf", 2) && strlen(mn) > 6) {
            const char *k = mn + strlen(mn) - 5;      /* "132sd" */
            if (!strncmp(k, "132", 3)) fma_comment(cmt, sizeof cmt, mn, rd, rd, rms, rv);
            else if (!strncmp(k, "213", 3)) fma_comment(cmt, sizeof cmt, mn, rd, rv, rd, rms);
            else if (!strncmp(k, "231", 3)) fma_comment(cmt, sizeof cmt, mn, rd, rv, rms, rd);
        }
        break;
    case VF_MOVS:
        if (mem)
            vemit(&o, "%s\t%s, %%xmm%u", mn, rmbuf, reg);
        else {
            vemit(&o, "%s\t%%xmm%u, %%xmm%u, %%xmm%u", mn, rm, vv, reg);
            /* xmmD = rm[0], vvvv[1..]: one name when both are the same register */
            char x1[12], x2[12];
            snprintf(x1, sizeof x1, "xmm%u", rm);
            snprintf(x2, sizeof x2, "xmm%u", vv);
            if (rm == vv)
                snprintf(cmt, sizeof cmt, "xmm%u = %s[%s]", reg, x1, mn[5] == 'd' ? "0,1" : "0,1,2,3");
            else
                snprintf(cmt, sizeof cmt, "xmm%u = %s[0],%s[%s]", reg, x1, x2, mn[5] == 'd' ? "1" : "1,2,3");
        }
        break;
    case VF_MOVST:
        if (mem)
            vemit(&o, "%s\t%%xmm%u, %s", mn, reg, rmbuf);
        else
            vemit(&o, "%s\t%%xmm%u, %%xmm%u, %%xmm%u", mn, reg, vv, rm);
        break;
    case VF_CVT2SI:
        if (!mem) { ro.p = rmbuf; ro.left = sizeof rmbuf; vemit(&ro, "%%xmm%u", rm); }
        vemit(&o, "%s\t%s, %%%s", mn, rmbuf, (w ? g64 : g32)[in->reg & 15]);
        break;
    case VF_CVTSI:
        if (mem)
            vemit(&o, "%s%s\t%s, %%xmm%u, %%xmm%u", mn, w ? "q" : "l", rmbuf, vv, reg);
        else
            vemit(&o, "%s\t%%%s, %%xmm%u, %%xmm%u", mn, (w ? g64 : g32)[in->rm & 15], vv, reg);
        break;
    case VF_MEM:
        vemit(&o, "%s\t%s", mn, rmbuf);
        break;
    case VF_CMP: {
        unsigned p = in->imm & 0xff;
        const char *svn = (mn[0] == 's') ? "xmm" : vn;
        if (mn[0] == 's') {
            ro.p = rmbuf; ro.left = sizeof rmbuf;
            if (mem) vmem(&ro, in, disp); else vemit(&ro, "%%xmm%u", rm);
        }
        if (p < 32)
            vemit(&o, "vcmp%s%s\t%s, %%%s%u, %%%s%u", vpred[p], mn, rmbuf, svn, vv, svn, reg);
        else
            vemit(&o, "vcmp%s\t$0x%x, %s, %%%s%u, %%%s%u", mn, p, rmbuf, svn, vv, svn, reg);
        break;
    }
    case VF_IS4:
        vemit(&o, "%s\t%%%s, %s, %%%s%u, %%%s%u", mn, r4, rmbuf, vn, vv, vn, reg);
        break;
    case VF_FMA4:
        if (!w) {
            vemit(&o, "%s\t%%%s, %s, %%%s%u, %%%s%u", mn, r4, rmbuf, vn, vv, vn, reg);
            fma_comment(cmt, sizeof cmt, mn, rd, rv, rms, r4);
        } else {
            vemit(&o, "%s\t%s, %%%s, %%%s%u, %%%s%u", mn, rmbuf, r4, vn, vv, vn, reg);
            fma_comment(cmt, sizeof cmt, mn, rd, rv, r4, rms);
        }
        break;
    case VF_RVMI:
        if (!strcmp(mn, "vinserti128")) {
            if (!mem) { ro.p = rmbuf; ro.left = sizeof rmbuf; vemit(&ro, "%%xmm%u", rm); }
        }
        vemit(&o, "%s\t$0x%llx, %s, %%%s%u, %%%s%u", mn, (unsigned long long)(in->imm & 0xff),
              rmbuf, vn, vv, vn, reg);
        break;
    case VF_RM:
        if (!mem && (e->gsz && e->gsz < 16) && strncmp(mn, "vmovq", 5)) {
            /* broadcasts read an xmm register */
            ro.p = rmbuf; ro.left = sizeof rmbuf;
            vemit(&ro, "%%xmm%u", rm);
        }
        if (!strcmp(mn, "vmovq") || !strncmp(mn, "vcomis", 6) || !strncmp(mn, "vucomis", 7))
            vn = "xmm";
        vemit(&o, "%s\t%s, %%%s%u", mn, rmbuf, vn, reg);
        break;
    case VF_RMI:
        if (!strcmp(mn, "vextracti128")) {
            if (!mem) { ro.p = rmbuf; ro.left = sizeof rmbuf; vemit(&ro, "%%xmm%u", rm); }
            vemit(&o, "%s\t$0x%llx, %%%s%u, %s", mn, (unsigned long long)(in->imm & 0xff), vn, reg, rmbuf);
            break;
        }
        vemit(&o, "%s\t$0x%llx, %s, %%%s%u", mn, (unsigned long long)(in->imm & 0xff), rmbuf, vn, reg);
        break;
    case VF_MR:
        if (!strcmp(mn, "vmovq"))
            vn = "xmm";
        vemit(&o, "%s\t%%%s%u, %s", mn, vn, reg, rmbuf);
        break;
    case VF_GU:
        vemit(&o, "%s\t%%%s%u, %%%s", mn, vn, rm, g32[in->reg & 15]);
        break;
    case VF_VE:
        if (!mem) { ro.p = rmbuf; ro.left = sizeof rmbuf; vemit(&ro, "%%%s", gr[in->rm & 15]); }
        if (!strncmp(mn, "vmov", 4))
            vn = "xmm";
        vemit(&o, "%s\t%s, %%%s%u", mn, rmbuf, vn, reg);
        break;
    case VF_EV:
        if (!mem) { ro.p = rmbuf; ro.left = sizeof rmbuf; vemit(&ro, "%%%s", gr[in->rm & 15]); }
        vemit(&o, "%s\t%%xmm%u, %s", mn, reg, rmbuf);
        break;
    case VF_KVM:
        vemit(&o, "%s\t%s, %%%s%u, %%k%u", mn, rmbuf, vn, vv, in->reg & 7);
        break;
    case VF_KVMP: {
        unsigned p = in->imm & 0xff;
        if (p < 8)
            snprintf(tmp, sizeof tmp, "vpcmp%s%s", pred[p], e->mn);
        else
            snprintf(tmp, sizeof tmp, "vpcmp%s", e->mn);
        if (p < 8)
            vemit(&o, "%s\t%s, %%%s%u, %%k%u", tmp, rmbuf, vn, vv, in->reg & 7);
        else
            vemit(&o, "%s\t$0x%x, %s, %%%s%u, %%k%u", tmp, p, rmbuf, vn, vv, in->reg & 7);
        break;
    }
    case VF_G3:
        vemit(&o, "%s\t%%%s, %s, %%%s", mn, (w ? g64 : g32)[vv & 15],
              mem ? rmbuf : (w ? g64 : g32)[in->rm & 15], (w ? g64 : g32)[in->reg & 15]);
        if (!mem) {
            o.p = out; o.left = outsz;
            vemit(&o, "%s\t%%%s, %%%s, %%%s", mn, (w ? g64 : g32)[vv & 15], (w ? g64 : g32)[in->rm & 15],
                  (w ? g64 : g32)[in->reg & 15]);
        }
        break;
    case VF_G3B:
        if (mem)
            vemit(&o, "%s\t%s, %%%s, %%%s", mn, rmbuf, (w ? g64 : g32)[vv & 15], (w ? g64 : g32)[in->reg & 15]);
        else
            vemit(&o, "%s\t%%%s, %%%s, %%%s", mn, (w ? g64 : g32)[in->rm & 15], (w ? g64 : g32)[vv & 15],
                  (w ? g64 : g32)[in->reg & 15]);
        break;
    case VF_G2:
        if (mem)
            vemit(&o, "%s\t%s, %%%s", mn, rmbuf, (w ? g64 : g32)[vv & 15]);
        else
            vemit(&o, "%s\t%%%s, %%%s", mn, (w ? g64 : g32)[in->rm & 15], (w ? g64 : g32)[vv & 15]);
        break;
    case VF_G2I:
        if (mem)
            vemit(&o, "%s\t$0x%llx, %s, %%%s", mn, (unsigned long long)(in->imm & 0xff), rmbuf, (w ? g64 : g32)[in->reg & 15]);
        else
            vemit(&o, "%s\t$0x%llx, %%%s, %%%s", mn, (unsigned long long)(in->imm & 0xff),
                  (w ? g64 : g32)[in->rm & 15], (w ? g64 : g32)[in->reg & 15]);
        break;
    case VF_NONE:
        vemit(&o, "%s", in->vl ? "vzeroall" : "vzeroupper");
        break;
    case VF_KK:
        if (mem)
            vemit(&o, "%s\t%s, %%k%u", mn, rmbuf, in->reg & 7);
        else
            vemit(&o, "%s\t%%k%u, %%k%u", mn, in->rm & 7, in->reg & 7);
        break;
    case VF_MK:
        vemit(&o, "%s\t%%k%u, %s", mn, in->reg & 7, rmbuf);
        break;
    case VF_KG:
        vemit(&o, "%s\t%%%s, %%k%u", mn, gr[in->rm & 15], in->reg & 7);
        break;
    case VF_GK:
        vemit(&o, "%s\t%%k%u, %%%s", mn, in->rm & 7, gr[in->reg & 15]);
        break;
    case VF_KKK:
        vemit(&o, "%s\t%%k%u, %%k%u, %%k%u", mn, in->rm & 7, vv & 7, in->reg & 7);
        break;
    case VF_KT:
        vemit(&o, "%s\t%%k%u, %%k%u", mn, in->rm & 7, in->reg & 7);
        break;
    }
    (void)gn;
    if (in->evex) {
        if (in->eaaa)
            vemit(&o, " {%%k%u}", in->eaaa);
        if (in->ez)
            vemit(&o, " {z}");
    }
    if (!cmt[0] && in->riprel && mem)
        snprintf(cmt, sizeof cmt, "0x%llx", (unsigned long long)(pc + in->len + disp));
    if (cmt[0]) {
        unsigned col = 0;
        for (const char *s = out; s < o.p; s++)
            col = *s == '\t' ? col + ((8 - (col & 7)) & 7) : col + 1;
        vemit(&o, "%*s# %s", (int)(col < 32 ? 32 - col : 1), "", cmt);
    }
    return true;
}
