/* glibc string functions (vectorised on every arch) on unaligned buffers
 * and at page ends. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    static char a[512], b[512];
    unsigned long h = 5381;
    for (int off = 0; off < 16; off++)
        for (int len = 0; len < 80; len += 3) {
            memset(a, 'x', sizeof a);
            for (int i = 0; i < len; i++)
                a[off + i] = (char)('a' + (i * 7 + off) % 26);
            a[off + len] = 0;
            memcpy(b + (15 - off), a + off, (size_t)len + 1);
            h = h * 33 + strlen(a + off);
            h = h * 33 + (unsigned)(strcmp(a + off, b + 15 - off) == 0);
            h = h * 33 + (unsigned long)(strchr(a + off, 'q') ? strchr(a + off, 'q') - (a + off) : 99);
            h = h * 33 + (unsigned long)(strrchr(a + off, 'e') ? strrchr(a + off, 'e') - (a + off) : 99);
            h = h * 33 + (unsigned long)(memchr(a + off, 'z', (size_t)len) ? 1 : 0);
            h = h * 33 + (unsigned)(memcmp(a + off, b + 15 - off, (size_t)len) == 0);
            memmove(a + off + 1, a + off, (size_t)len);
            h = h * 33 + (unsigned char)a[off + len];
            h = h * 33 + strspn(a + off, "abcdefghijklm");
            h = h * 33 + strcspn(a + off, "xyz");
        }
    printf("string hash %lu\n", h);
    /* A string that ends exactly at the end of a readable page, followed by
     * an unmapped page: vector loads must not fault. */
    long ps = sysconf(_SC_PAGESIZE);
    char *p = mmap(0, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + ps, ps);
    for (int n = 1; n < 40; n++) {
        char *s = p + ps - n;
        memset(s, 'k', n - 1);
        s[n - 1] = 0;
        if (strlen(s) != (size_t)n - 1 || strchr(s, 'z') || strcmp(s, s) != 0)
            printf("page end %d wrong\n", n);
    }
    printf("page ends ok\n");
    char buf[100];
    char *t = strdup("alpha,beta,,gamma");
    char *save, *tok;
    for (tok = strtok_r(t, ",", &save); tok; tok = strtok_r(0, ",", &save))
        printf("tok [%s]\n", tok);
    snprintf(buf, sizeof buf, "%s", strstr("find the needle here", "needle"));
    printf("strstr %s, strcasecmp %d, strncasecmp %d\n", buf,
           strcasecmp("HeLLo", "hello"), strncasecmp("abcD", "ABCe", 3));
    free(t);
    return 0;
}
