#!/bin/bash
# A signal sent to trapeze's pid by another process (this shell) reaches
# the guest as that signal, with the sender's pid and SI_USER, on every CPU
# with a static glibc toolchain.  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
T=${TRAPEZE:-build/trapeze}
case $T in /*) ;; *) T=$ROOT/$T ;; esac
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
declare -A CC=([x86_64]=gcc [aarch64]=aarch64-linux-gnu-gcc [riscv64]=riscv64-linux-gnu-gcc)
ran=0 fail=0
for a in $("$T" --list-arches); do
    cc=${CC[$a]:-}
    [ -n "$cc" ] && command -v "$cc" > /dev/null || continue
    "$cc" -static -O2 -o "$t/w-$a" tests/cases/src/wait_signal.c || { fail=1; continue; }
    ran=1
    "$T" "$t/w-$a" > "$t/out-$a" 2>&1 &
    pid=$!
    for i in $(seq 1 100); do grep -q ready "$t/out-$a" && break; sleep 0.1; done
    kill -USR1 $pid
    wait $pid
    st=$?
    want="ready
signal 10, si_code 0, sent by our parent: yes"
    if [ $st -ne 0 ] || [ "$(cat "$t/out-$a")" != "$want" ]; then
        echo "FAIL $a (status $st):"
        cat "$t/out-$a"
        fail=1
    fi
done
[ $ran = 1 ] || exit 77
exit $fail
