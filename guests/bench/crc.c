/* Integer benchmark: bitwise CRC-32 and a multiply-xorshift hash over a
 * buffer, many passes.  Prints a checksum. */
#include "rt.h"

static unsigned char buf[1 << 16];

int main(int argc, char **argv)
{
    int passes = argc > 1 ? atoi(argv[1]) : 1000;
    uint64_t seed = 1;
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)rt_rand64(&seed);
    uint32_t crc = 0xffffffff;
    uint64_t h = 0;
    for (int p = 0; p < passes; p++) {
        for (unsigned i = 0; i < sizeof buf; i++) {
            crc ^= buf[i];
            for (int k = 0; k < 8; k++)
                crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
            h = (h ^ buf[i]) * 0x9e3779b97f4a7c15ull;
            h ^= h >> 29;
        }
        buf[p & 0xffff] ^= (unsigned char)crc;
    }
    printf("crc %08x hash %016llx\n", ~crc, (unsigned long long)h);
    return 0;
}
