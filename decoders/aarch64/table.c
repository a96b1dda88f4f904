/* Pattern strings of table.h turned into mask/match pairs, once. */
#include <stdbool.h>

#include "table.h"

static const char *const pats[] = {
#define X(name, pat) pat,
    A64_OPS(X)
#undef X
};

const char *const a64_op_names[] = {
#define X(name, pat) #name,
    A64_OPS(X)
#undef X
    "UNKNOWN"
};

static uint32_t mask[A64_NOPS], match[A64_NOPS];

__attribute__((constructor)) static void build(void)
{
    for (unsigned i = 0; i < A64_NOPS; i++) {
        unsigned bit = 32;
        for (const char *p = pats[i]; *p; p++) {
            if (*p == ' ')
                continue;
            bit--;
            if (*p != 'x')
                mask[i] |= 1u << bit;
            if (*p == '1')
                match[i] |= 1u << bit;
        }
    }
}

enum a64_op a64_lookup(uint32_t w)
{
    for (unsigned i = 0; i < A64_NOPS; i++)
        if ((w & mask[i]) == match[i])
            return (enum a64_op)i;
    return A64_UNKNOWN;
}
