/* qsort, bsearch and a stable check on records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; char name[12]; };

static int by_key(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->name, y->name);
}
static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    static int v[100000];
    unsigned s = 1;
    for (int i = 0; i < 100000; i++) {
        s = s * 1103515245 + 12345;
        v[i] = (int)(s >> 8) % 1000000;
    }
    qsort(v, 100000, sizeof v[0], by_int);
    long long h = 0;
    for (int i = 0; i < 100000; i++)
        h = h * 31 + v[i];
    int key = v[4242];
    int *f = bsearch(&key, v, 100000, sizeof v[0], by_int);
    printf("sorted hash %lld min %d max %d found %d\n", h, v[0], v[99999], f && *f == key);
    struct rec r[2000];
    for (int i = 0; i < 2000; i++) {
        s = s * 1103515245 + 12345;
        r[i].key = (int)(s >> 16) % 50;
        snprintf(r[i].name, sizeof r[i].name, "n%05d", (int)(s % 99991));
    }
    qsort(r, 2000, sizeof r[0], by_key);
    for (int i = 0; i < 2000; i += 250)
        printf("%d %s\n", r[i].key, r[i].name);
    return 0;
}
