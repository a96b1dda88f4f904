#!/bin/bash
# Dynamically linked host programs under trapeze with -L /: glibc's ld.so
# loads, picks its routines from trapeze's CPUID, and the output equals the
# native run.  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
[ "$(uname -m)" = x86_64 ] || { echo "host is not x86_64"; exit 77; }
"$T" --list-arches | grep -qx x86_64 || { echo "x86_64 is not run by this trapeze"; exit 77; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
seq 1 2000 | sort -R --random-source=/dev/zero > "$t/nums"
fail=0
run() {
    local want got
    want=$("$@" 2>&1; echo "exit $?")
    got=$("$T" -L / "$@" 2>&1; echo "exit $?")
    if [ "$want" != "$got" ]; then
        echo "FAIL: $*"
        diff <(echo "$want") <(echo "$got") | head -n 8
        fail=1
    fi
}
# not / itself: /proc's link count there moves as processes come and go
run /bin/ls -l /etc /usr
run /usr/bin/sort -n "$t/nums"
run /usr/bin/sha256sum "$t/nums" /etc/passwd
run /usr/bin/wc -c "$t/nums"
run /bin/sh -c 'echo $((6 * 7)); ls / | head -n 3'
run /usr/bin/env -i /usr/bin/printenv
exit $fail
