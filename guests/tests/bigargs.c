/* Many and long arguments (bigargs.args: 3000 lines, ~200 KB): the
 * initial stack must hold them all, in order, with the auxv after. */
#include "rt.h"

int main(int argc, char **argv)
{
    uint64_t h = RT_FNV_INIT;
    size_t total = 0, longest = 0;
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]);
        total += n;
        if (n > longest)
            longest = n;
        h = rt_fnv1a(h, argv[i], n + 1);
    }
    printf("argc %d total %lu longest %lu hash %016llx\n", argc, (unsigned long)total,
           (unsigned long)longest, (unsigned long long)h);
    printf("first [%s] last [%.20s...]\n", argc > 1 ? argv[1] : "", argv[argc - 1]);
    printf("AT_PAGESZ still readable: %s\n", getauxval(AT_PAGESZ) >= 4096 ? "yes" : "no");
    return 0;
}
