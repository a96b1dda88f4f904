/* Lots of output in many small writes and a few big ones (more than a
 * pipe holds), so partial writes and buffering show up as differences. */
#include "rt.h"

int main(void)
{
    for (int i = 0; i < 20000; i++)
        printf("%05d %08x %s\n", i, (unsigned)i * 2654435761u, i % 3 ? "fizz" : "buzz");
    static char big[200000];
    for (unsigned i = 0; i < sizeof big; i++)
        big[i] = (char)('a' + i % 26);
    for (unsigned i = 99; i < sizeof big; i += 100)
        big[i] = '\n';
    size_t off = 0;
    while (off < sizeof big) {
        long r = write(1, big + off, sizeof big - off);
        if (r <= 0)
            return 1;
        off += (size_t)r;
    }
    return 0;
}
