#!/bin/bash
# configure --disable-trace builds cleanly and leaves the tracer out: the
# files that see sim/trace.h are compiled again with TRAPEZE_NO_TRACE (as
# that configuration compiles them, with -Werror), linked with the normal
# build's other objects and without the tracer's sources (Makefile.in's
# TRACE_SRCS); the result has no tracer symbols, runs a guest exactly as
# the normal build does, and answers --trace and --trace-summary with a
# clear error.  (make notrace builds the whole tree that way; this case
# is the cheap equivalent.)  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
[ -f config.mk ] && [ -d build/obj ] || { echo "no configured build"; exit 77; }
conf() { sed -n "s/^$1 = //p" config.mk; }
CC=$(conf CC) CFLAGS=$(conf CFLAGS) LIBS=$(conf LIBS)
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT

trace_srcs=$(ls sim/trace.c sim/trace_*.c sim/disasm_*.c sim/*/trace.c 2>/dev/null | grep -v '^sim/trace_off\.c$')
again=$( (grep -l 'sim/trace\.h' $(find build/obj -name '*.d') | sed 's|^build/obj/||; s|\.d$|.c|'
          echo sim/trace_off.c) | sort -u)
objs=()
for src in $(find build/obj -name '*.o' | sed 's|^build/obj/||; s|\.o$|.c|' | sort); do
    [ -f "$src" ] || continue
    if printf '%s\n' $trace_srcs | grep -qx "$src"; then continue; fi
    if printf '%s\n' $again | grep -qx "$src"; then
        o=$t/obj/${src%.c}.o
        mkdir -p "$(dirname "$o")"
        # shellcheck disable=SC2086
        $CC $CFLAGS -DTRAPEZE_NO_TRACE -Werror -I. -c -o "$o" "$src" 2> "$t/err" ||
            { echo "$src does not compile without tracing:"; head -20 "$t/err"; exit 1; }
        objs+=("$o")
    else
        objs+=("build/obj/${src%.c}.o")
    fi
done
# shellcheck disable=SC2086
$CC $CFLAGS -o "$t/trapeze" "${objs[@]}" $LIBS 2> "$t/err" ||
    { echo "link without the tracer failed:"; head -20 "$t/err"; exit 1; }
left=$(nm "$t/trapeze" | awk '{ print $NF }' |
       grep -E '^(trace_events|trace_signal|trace_syscall|trace_finish|svg_[a-z_]+|trace_hooks)$')
[ -z "$left" ] || { echo "tracer symbols left in the trace-less build: $left"; exit 1; }

ran=0
for a in $($T --list-arches); do
    g=build/guests/$a/tests/exit42
    [ -x "$g" ] || continue
    ran=1
    $T "$g" > "$t/a.out" 2>&1; s1=$?
    "$t/trapeze" "$g" > "$t/b.out" 2>&1; s2=$?
    [ $s1 = $s2 ] && cmp -s "$t/a.out" "$t/b.out" ||
        { echo "$a: trace-less build runs exit42 differently (status $s2, want $s1)"; exit 1; }
    "$t/trapeze" --trace "$t/x" "$g" > /dev/null 2> "$t/err"; s=$?
    [ $s = 2 ] && grep -q "built without tracing" "$t/err" && [ ! -e "$t/x" ] ||
        { echo "$a: --trace in a trace-less build: status $s, $(cat "$t/err")"; exit 1; }
done
"$t/trapeze" --trace-summary /dev/null > /dev/null 2> "$t/err"
[ $? != 0 ] && grep -q "built without tracing" "$t/err" ||
    { echo "--trace-summary in a trace-less build: $(cat "$t/err")"; exit 1; }
[ $ran = 1 ] || { echo "no exit42 guest"; exit 77; }
echo "trace-less build: ${#objs[@]} objects, $(printf '%s\n' $again | wc -l) compiled again, runs and refuses --trace"
