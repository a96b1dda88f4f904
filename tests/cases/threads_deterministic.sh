#!/bin/bash
# --deterministic with threads: guests/tests/threads on every CPU and the
# glibc pthread programs run twice with the same seed give identical
# syscall/signal traces and the reference's output and exit status; another
# seed gives another interleaving (a different trace) and still the right
# output.  guests/lib programs are traced with --trace (syscall and signal
# events, with cycle counts); the glibc ones, which run 50 times slower
# with the tracer's per-instruction hooks, with --strace (every syscall
# with its arguments and result, and every signal delivered).  threads_die (deaths of threaded processes) gives the reference's
# output too.  The reference is the host for x86_64 and qemu-<arch> for the
# others, or guests/<kind>/expected/<arch>/<name>.out where qemu-user 7.2
# is known to differ from Linux.  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
T=${TRAPEZE:-build/trapeze}
case $T in /*) ;; *) T=$ROOT/$T ;; esac
arches=${TRAPEZE_ARCHES:-$($T --list-arches)}
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
fail=0 ran=0

ref_runner() {
    case $1 in
    x86_64) [ "$(uname -m)" = x86_64 ] && echo native ;;
    *) v=QEMU_$1; r=${!v-$(command -v qemu-$1)}; [ -n "$r" ] && echo "$r" ;;
    esac
}

# The reference's stdout (and status in $t/ref.st) for ELF of KIND/NAME.
reference() {
    local a=$1 kind=$2 name=$3 elf=$4 r
    r=$(ref_runner "$a") || return 1
    [ -n "$r" ] || return 1
    if [ "$r" = native ]; then
        { (cd "$t" && exec timeout 120 "$elf" > "$t/ref.out" 2> /dev/null); } 2> /dev/null
    else
        { (cd "$t" && exec timeout 120 "$r" "$elf" > "$t/ref.out" 2> /dev/null); } 2> /dev/null
    fi
    echo $? > "$t/ref.st"
    [ -f "guests/$kind/expected/$a/$name.out" ] && cp "guests/$kind/expected/$a/$name.out" "$t/ref.out"
    return 0
}

# det A KIND NAME SEED N: a deterministic run; output, status, trace in $t/A.NAME.SEED.N.*
det() {
    local a=$1 kind=$2 name=$3 seed=$4 n=$5 o=$t/$1.$3.$4.$5 how
    if [ "$kind" = tests ]; then
        how=(--trace "$o.trace" --trace-events syscall,signal)
    else
        how=(--strace -D "$o.trace")
    fi
    { (cd "$t" && exec timeout 120 "$T" --deterministic --seed "$seed" "${how[@]}" \
        "$ROOT/build/guests/$a/$kind/$name" > "$o.out" 2> "$o.err"); } 2> /dev/null
    echo $? > "$o.st"
}

check() {
    local a=$1 kind=$2 name=$3 traces=$4 elf=build/guests/$1/$2/$3
    [ -x "$elf" ] || return 0
    if ! reference "$a" "$kind" "$name" "$PWD/$elf"; then
        echo "skip $a/$kind/$name: no reference"
        return 0
    fi
    ran=1
    det "$a" "$kind" "$name" 0 1
    det "$a" "$kind" "$name" 0 2
    det "$a" "$kind" "$name" 1 1
    local p=$t/$a.$name s
    for s in 0.1 0.2 1.1; do
        if ! cmp -s "$t/ref.out" "$p.$s.out" || ! cmp -s "$t/ref.st" "$p.$s.st"; then
            echo "FAIL $a/$kind/$name (seed ${s%.*}): output or status differs from the reference" \
                 "(status $(cat "$p.$s.st"), reference $(cat "$t/ref.st"))"
            diff "$t/ref.out" "$p.$s.out" | head -n 6
            head -n 3 "$p.$s.err"
            fail=1
            return
        fi
    done
    [ "$traces" = none ] && { echo "ok   $a/$kind/$name"; return; }
    if ! cmp -s "$p.0.1.trace" "$p.0.2.trace"; then
        echo "FAIL $a/$kind/$name: two runs with seed 0 traced differently"
        diff "$p.0.1.trace" "$p.0.2.trace" | head -n 6
        fail=1
        return
    fi
    if [ "$traces" = differ ] && cmp -s "$p.0.1.trace" "$p.1.1.trace"; then
        echo "FAIL $a/$kind/$name: seeds 0 and 1 gave the same interleaving"
        fail=1
        return
    fi
    echo "ok   $a/$kind/$name ($(wc -l < "$p.0.1.trace") trace lines)"
}

for a in $arches; do
    check "$a" tests threads differ
    # forks: the children's pids are the host's, so only the output is compared
    check "$a" tests threads_die none
    # ITIMER_REAL on the virtual clock against sleeps and reads (one thread)
    check "$a" tests sigrestart none
    check "$a" glibc threads differ
    # two threads, one asleep: one interleaving whatever the seed
    check "$a" glibc die_thread same
done
[ $ran = 1 ] || { echo "no thread program with a reference"; exit 77; }
exit $fail
