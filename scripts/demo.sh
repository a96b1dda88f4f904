#!/usr/bin/env bash
# The main job: guest programs with signals on every CPU this build of
# trapeze runs, and one signal path traced cycle by cycle, with its picture.
# `make demo` calls this after building trapeze and the guests.
set -u
cd "$(dirname "$0")/.."
T=build/trapeze
# Show the first lines of a run, without the SIGPIPE a cut pipe would send.
first() { local n=$1; shift; { "$@" > build/demo/out.txt 2>&1; } 2> /dev/null; head -n "$n" build/demo/out.txt; }
[ -x "$T" ] || { echo "demo: build trapeze first (make)" >&2; exit 1; }
arches=$($T --list-arches)
[ -n "$arches" ] || { echo "demo: this build runs no CPU yet" >&2; exit 1; }
mkdir -p build/demo
status=0
for a in $arches; do
    d=build/guests/$a
    echo "================ $a ================"
    if [ -x $d/glibc/printf_float ]; then
        echo "\$ trapeze $d/glibc/printf_float   # static glibc"
        first 4 $T $d/glibc/printf_float
    fi
    echo "\$ trapeze $d/tests/signals   # handlers for faults, kill, tgkill, altstack..."
    first 16 $T $d/tests/signals
    echo "\$ trapeze $d/tests/die_segv   # an unhandled fault"
    { $T $d/tests/die_segv 2>&1; } 2> /dev/null
    echo "(exit status $? = 128 + SIGSEGV, as the shell reports for the real program)"
    echo "\$ trapeze --trace build/demo/$a-trace.txt --trace-svg build/demo/$a-signals.svg $d/tests/signals"
    { $T --trace build/demo/$a-trace.txt --trace-events signal --trace-svg build/demo/$a-signals.svg \
        $d/tests/signals > /dev/null 2>&1; } 2> /dev/null
    echo "the SIGUSR1 sent by kill(), cycle by cycle (timing-model cycles):"
    grep -m1 -A7 'stage=generated sig=10 .*why=kill' build/demo/$a-trace.txt | sed 's/^/    /'
    echo "picture of every signal path: build/demo/$a-signals.svg"
done
exit $status
