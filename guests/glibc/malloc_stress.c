/* glibc malloc/free/realloc under a deterministic random workload. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint64_t seed = 88172645463325252ull;
static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

int main(void)
{
    enum { N = 512 };
    static unsigned char *p[N];
    static size_t len[N];
    uint64_t sum = 0;
    for (int it = 0; it < 50000; it++) {
        int k = (int)(rnd() % N);
        if (p[k] && rnd() % 3 == 0) {
            size_t nl = (size_t)(rnd() % 4096);
            unsigned char *q = realloc(p[k], nl + 1);
            if (!q)
                return 1;
            for (size_t j = len[k]; j <= nl; j++)
                q[j] = (unsigned char)(j + k);
            p[k] = q;
            len[k] = nl + 1;
        } else if (p[k]) {
            for (size_t j = 0; j < len[k]; j++)
                sum += (uint64_t)p[k][j] * (j + 1);
            free(p[k]);
            p[k] = 0;
        } else {
            len[k] = (size_t)(rnd() % (it % 1000 == 0 ? 1 << 20 : 1024)) + 1;
            p[k] = malloc(len[k]);
            for (size_t j = 0; j < len[k]; j++)
                p[k][j] = (unsigned char)(j + k);
        }
    }
    for (int k = 0; k < N; k++)
        free(p[k]);
    void *z = calloc(1000, 1000);
    int zero = 1;
    for (int i = 0; i < 1000000; i++)
        zero &= ((unsigned char *)z)[i] == 0;
    free(z);
    printf("checksum %llu calloc zero %d\n", (unsigned long long)sum, zero);
    return 0;
}
