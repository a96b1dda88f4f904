/* Read all of stdin in odd-sized chunks: byte/line/word counts, a
 * checksum, the first and last lines.  The harness feeds stdin.stdin. */
#include "rt.h"

int main(void)
{
    static char data[1 << 16];
    size_t n = 0;
    char chunk[37];
    long r;
    while ((r = read(0, chunk, sizeof chunk)) > 0) {
        if (n + (size_t)r <= sizeof data) {
            memcpy(data + n, chunk, (size_t)r);
            n += (size_t)r;
        }
    }
    printf("read returned %ld at the end\n", r);
    long lines = 0, words = 0;
    int inword = 0;
    for (size_t i = 0; i < n; i++) {
        lines += data[i] == '\n';
        if (isspace(data[i]))
            inword = 0;
        else if (!inword) {
            inword = 1;
            words++;
        }
    }
    printf("bytes %lu lines %ld words %ld hash %016llx\n", (unsigned long)n, lines,
           words, (unsigned long long)rt_fnv1a(RT_FNV_INIT, data, n));
    char *nl = memchr(data, '\n', n);
    printf("first line: %.*s\n", nl ? (int)(nl - data) : (int)n, data);
    size_t end = n && data[n - 1] == '\n' ? n - 1 : n, start = end;
    while (start > 0 && data[start - 1] != '\n')
        start--;
    printf("last line: %.*s\n", (int)(end - start), data + start);
    struct stat st;
    fstat(0, &st);
    printf("stdin is a regular file: %s\n", (st.st_mode & S_IFMT) == S_IFREG ? "yes" : "no");
    printf("lseek on stdin: %ld\n", lseek(0, 5, SEEK_SET));
    printf("read after seek: %ld\n", read(0, chunk, 4));
    return 0;
}
