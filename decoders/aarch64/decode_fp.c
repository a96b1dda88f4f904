/* aarch64 scalar FP and Advanced SIMD decode. */
#include "decode.h"

bool a64_decode_fp(enum a64_op op, uint32_t w, struct dinsn *d)
{
    (void)op; (void)w; (void)d;
    return false;
}
