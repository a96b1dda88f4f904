#!/bin/bash
# Debian's busybox-static (arm64 and amd64) under trapeze against the
# reference (qemu-aarch64; the host for amd64): applets on real files, and
# shell scripts that fork, exec and wait.  The packages are fetched once
# with apt-get download and cached in build/cache/; without the archive the
# case is skipped.  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
T=${TRAPEZE:-build/trapeze}
case $T in /*) ;; *) T=$ROOT/$T ;; esac
cache=$ROOT/build/cache/busybox
mkdir -p "$cache"

fetch() { # debian-arch
    local d=$cache/$1
    [ -x "$d/bin/busybox" ] && return 0
    local tmp
    tmp=$(mktemp -d) || return 1
    if [ "$1" != "$(dpkg --print-architecture 2>/dev/null)" ] &&
       ! dpkg --print-foreign-architectures 2>/dev/null | grep -qx "$1"; then
        [ "$(id -u)" = 0 ] || { rm -rf "$tmp"; return 1; }
        dpkg --add-architecture "$1" && apt-get update -q > /dev/null 2>&1
    fi
    (cd "$tmp" && chmod 777 . && apt-get download -q "busybox-static:$1" > /dev/null 2>&1) &&
        mkdir -p "$d" && dpkg -x "$tmp"/busybox-static_*.deb "$tmp/x" &&
        cp "$tmp/x/bin/busybox" "$d/" 2>/dev/null
    local r=$?
    mkdir -p "$d/bin" && [ -f "$d/busybox" ] && mv "$d/busybox" "$d/bin/busybox"
    rm -rf "$tmp"
    [ $r = 0 ] && [ -x "$d/bin/busybox" ]
}

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
# real files to work on
seq 1 500 | sed 's/^/line /' > lines.txt
printf 'banana\napple\ncherry\napple\n' > fruit.txt
printf 'name,qty\npear,3\nfig,11\nkiwi,7\n' > table.csv
cat > script.sh <<'SH'
echo "args: $# $*"
for f in fruit.txt table.csv; do
    n=$(wc -l < $f)
    echo "$f has $n lines"
done
x=$(echo hello | tr a-z A-Z)
echo "subshell: $x"
( exit 3 ); echo "status of a subshell: $?"
ls nosuchfile 2> /dev/null || echo "ls failed as it should"
echo "pipeline: $(cat fruit.txt | sort | uniq -c | sort -rn | head -n 1 | tr -s ' ')"
SH

cases=(
    "echo hello world"
    "ls -1 ."
    "cat fruit.txt"
    "wc lines.txt fruit.txt"
    "sort fruit.txt"
    "sort -u -r fruit.txt"
    "sha256sum lines.txt fruit.txt"
    "md5sum lines.txt"
    "seq 3 3 30"
    "tr a-z A-Z < fruit.txt"
    "awk -F, 'NR>1 {s+=\$2} END {print s, NR}' table.csv"
    "sed -n 's/line \\(4.\\)$/found \\1/p' lines.txt"
    "grep -c 7 lines.txt"
    "grep -n an fruit.txt"
    "head -n 3 lines.txt"
    "tail -n 2 lines.txt"
    "sh script.sh a b c"
    "sh -c 'for i in 1 2 3; do echo \$i; done | wc -l'"
)

ran=0 fail=0
for deb in arm64 amd64; do
    case $deb in
    arm64) arch=aarch64 ref=(qemu-aarch64) ;;
    amd64) arch=x86_64 ref=() ;;
    esac
    "$T" --list-arches | grep -qx $arch || { echo "$arch: not run by this trapeze"; continue; }
    [ $arch = aarch64 ] && ! command -v qemu-aarch64 > /dev/null && { echo "no qemu-aarch64"; continue; }
    if ! fetch $deb; then
        echo "busybox-static:$deb cannot be fetched (no archive?): skipped"
        continue
    fi
    bb=$cache/$deb/bin/busybox
    ran=1
    for c in "${cases[@]}"; do
        # busybox runs its applets by name; sh scripts re-exec busybox
        want=$(eval "${ref[*]} $bb $c" 2>&1; echo "exit $?")
        got=$(eval "$T $bb $c" 2>&1; echo "exit $?")
        if [ "$want" != "$got" ]; then
            echo "FAIL $arch: busybox $c"
            diff <(echo "$want") <(echo "$got") | head -n 10
            fail=1
        fi
    done
done
[ $ran = 1 ] || exit 77
exit $fail
