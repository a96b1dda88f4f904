/* strace_quote against real strace: the expected strings were printed by
 * strace 6.x (default -s 32) for write(2) calls of these bytes on the
 * host. */
#include <stdio.h>
#include <string.h>

#include "oskernel/syscalls.h"

static const struct { const char *in; size_t n; const char *want; } cases[] = {
    { "a\tb\1\0022\n", 7, "\"a\\tb\\1\\0022\\n\"" },
    { "quote\" back\\ ff\f vt\v cr\r", 24, "\"quote\\\" back\\\\ ff\\f vt\\v cr\\r\"" },
    { "\0001\0008\377\2007", 8, "\"\\0001\\08\\377\\2007\\0\"" },
    { "0123456789012345678901234567890123456789", 40, "\"01234567890123456789012345678901\"..." },
    { "", 0, "\"\"" },
};

static const char *const all_want[] = {
    "\"\\0\\1\\2\\3\\4\\5\\6\\7\\10\\t\\n\\v\\f\\r\\16\\17\\20\\21\\22\\23\\24\\25\\26\\27\\30\\31\\32\\33\\34\\35\\36\\37\"",
    "\" !\\\"#$%&'()*+,-./0123456789:;<=>?\"",
    "\"`abcdefghijklmnopqrstuvwxyz{|}~\\177\"",
    "\"xyz{|}~\\177\\200\\201\\202\\203\\204\\205\\206\\207\\210\\211\\212\\213\\214\\215\\216\\217\\220\\221\\222\\223\\224\\225\\226\\227\"",
    "\"\\340\\341\\342\\343\\344\\345\\346\\347\\350\\351\\352\\353\\354\\355\\356\\357\\360\\361\\362\\363\\364\\365\\366\\367\\370\\371\\372\\373\\374\\375\\376\\377\"",
};
static const int all_start[] = { 0, 32, 96, 120, 224 };

int main(void)
{
    char out[1024];
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strace_quote(out, sizeof out, (const uint8_t *)cases[i].in, cases[i].n, 32, false);
        if (strcmp(out, cases[i].want)) {
            fprintf(stderr, "strace_quote case %zu: got %s want %s\n", i, out, cases[i].want);
            bad++;
        }
    }
    uint8_t all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (uint8_t)i;
    for (size_t i = 0; i < sizeof all_want / sizeof all_want[0]; i++) {
        strace_quote(out, sizeof out, all + all_start[i], 32, 32, false);
        if (strcmp(out, all_want[i])) {
            fprintf(stderr, "strace_quote bytes %d..: got %s want %s\n", all_start[i], out, all_want[i]);
            bad++;
        }
    }
    /* a short output buffer stays NUL-terminated */
    size_t n = strace_quote(out, 5, (const uint8_t *)"abcdefgh", 8, 32, false);
    if (n != 4 || strcmp(out, "\"abc"))
        bad++;
    if (strcmp(errno_name(2), "ENOENT") || errno_name(0) || errno_name(100000))
        bad++;
    if (!bad)
        printf("strace_quote: ok\n");
    return bad != 0;
}
