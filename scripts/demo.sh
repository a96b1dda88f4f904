#!/usr/bin/env bash
# The main job: run guest programs, with signals, on every CPU this build
# of trapeze runs.  `make demo` calls this after building.
set -u
cd "$(dirname "$0")/.."
T=build/trapeze
[ -x "$T" ] || { echo "demo: build trapeze first (make)" >&2; exit 1; }
arches=$($T --list-arches)
[ -n "$arches" ] || { echo "demo: this build runs no CPU yet" >&2; exit 1; }
status=0
for a in $arches; do
    echo "=== $a ==="
    for p in printf signals die_segv; do
        g=build/guests/$a/tests/$p
        [ -x "$g" ] || continue
        echo "--- trapeze $g"
        $T "$g"
        echo "(exit status $?)"
    done
    g=build/guests/$a/glibc/hello
    if [ -x "$g" ]; then
        echo "--- trapeze $g (static glibc)"
        $T "$g" || status=1
    fi
done
exit $status
