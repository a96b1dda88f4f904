#!/bin/bash
# guests/lib's printf against glibc's: guests/tests/printf.c built for the
# host with glibc must print exactly what the freestanding x86_64 build
# prints natively.  (The other arches' builds are compared with this one
# through the guest cases.)  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
[ "$(uname -m)" = x86_64 ] || { echo "host is not x86_64"; exit 77; }
elf=build/guests/x86_64/tests/printf
[ -x "$elf" ] || { echo "no $elf (make guests)"; exit 77; }
command -v gcc > /dev/null || { echo "no gcc"; exit 77; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
gcc -O2 -w -DRT_H_HOSTED -o "$t/printf-glibc" guests/tests/printf.c || exit 1
"$t/printf-glibc" > "$t/want" || exit 1
"$elf" > "$t/got" || exit 1
diff -u "$t/want" "$t/got" | head -n 20
cmp -s "$t/want" "$t/got"
