/* Memory benchmark: merge sort (plus a heap sort check) of a large array of
 * 64-bit keys.  Prints a checksum of the sorted order. */
#include "rt.h"

static void msort(uint64_t *a, uint64_t *tmp, size_t n)
{
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n;
            size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        uint64_t *t = a;
        memcpy(a, tmp, n * sizeof *a);
        (void)t;
    }
}

static void sift(uint64_t *a, size_t i, size_t n)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && a[c + 1] > a[c])
            c++;
        if (a[i] >= a[c])
            return;
        uint64_t t = a[i];
        a[i] = a[c];
        a[c] = t;
        i = c;
    }
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 1500000;
    uint64_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b),
             *tmp = malloc(n * sizeof *tmp);
    uint64_t seed = 7;
    for (size_t i = 0; i < n; i++)
        a[i] = b[i] = rt_rand64(&seed) >> 20;
    msort(a, tmp, n);
    for (size_t i = n / 2; i-- > 0;)
        sift(b, i, n);
    for (size_t e = n; e-- > 1;) {
        uint64_t t = b[0];
        b[0] = b[e];
        b[e] = t;
        sift(b, 0, e);
    }
    uint64_t h = RT_FNV_INIT;
    int same = 1;
    for (size_t i = 0; i < n; i++) {
        h = rt_fnv1a(h, &a[i], 8);
        same &= a[i] == b[i];
    }
    printf("sorted %lu keys, agree %d, hash %016llx\n", (unsigned long)n, same,
           (unsigned long long)h);
    return 0;
}
