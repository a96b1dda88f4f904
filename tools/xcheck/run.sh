#!/bin/bash
# The decoder cross-check (docs/decoder-xcheck.md).
#
#   tools/xcheck/run.sh [-q] [ARCH...]
#
# Full run (make xcheck): every instruction of the guest binaries, the
# static glibc programs and Debian's busybox-static (amd64, arm64), and
# XCHECK_N random encodings (default 1,000,000) per encoding space of the
# fixed-width arches, XCHECK_N / 5 random byte strings on x86_64; writes
# build/xcheck-report.txt (every disagreement class with an example) and
# build/xcheck-summary.md (the tables of the docs page).
# -q (make check, tests/cases/xcheck_ARCH.sh): the guest test and bench
# binaries, one static glibc program and XCHECK_N (default 30,000) random
# encodings; the report goes to stdout only when something is unexplained.
#
# Exit status: 0 every disagreement is explained in tools/xcheck/allowlist,
# 1 some are not, 2 tool error, 77 skipped (no llvm-objdump-19 or no build).
# Environment: XCHECK (default build/xcheck), LLVM_OBJDUMP, XCHECK_N,
# XCHECK_SEED (default 1).
set -u
cd "$(dirname "$0")/../.." || exit 2
quick=0
[ "${1:-}" = -q ] && { quick=1; shift; }
XCHECK=${XCHECK:-build/xcheck}
ALLOW=tools/xcheck/allowlist
SEED=${XCHECK_SEED:-1}
if [ $quick = 1 ]; then N=${XCHECK_N:-30000}; else N=${XCHECK_N:-1000000}; fi
arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(x86_64 aarch64 riscv64 loongarch64)

[ -x "$XCHECK" ] || { echo "no $XCHECK (make $XCHECK)"; exit 77; }
command -v "${LLVM_OBJDUMP:-llvm-objdump-19}" > /dev/null ||
    { echo "no ${LLVM_OBJDUMP:-llvm-objdump-19}"; exit 77; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# Debian's busybox-static, cached where tests/cases/busybox.sh keeps it.
busybox() { # debian-arch
    local d=build/cache/busybox/$1 t
    [ -x "$d/bin/busybox" ] && { echo "$d/bin/busybox"; return; }
    t=$(mktemp -d) || return
    if (cd "$t" && chmod 777 . && apt-get download -q "busybox-static:$1" > /dev/null 2>&1) &&
       dpkg -x "$t"/busybox-static_*.deb "$t/x" && mkdir -p "$d/bin" &&
       cp "$t/x/bin/busybox" "$d/bin/"; then
        echo "$d/bin/busybox"
    fi
    rm -rf "$t"
}

status=0
run() { # NAME ARGS...: one xcheck run, its report kept
    local name=$1 s
    shift
    "$XCHECK" -a "$ALLOW" -n 1000 "$@" > "$tmp/$name.txt" 2> "$tmp/$name.err"
    s=$?
    cat "$tmp/$name.err" >> "$tmp/$name.txt"
    case $s in
    0) ;;
    1) [ $status = 0 ] && status=1 ;;
    77) ;;
    *) status=2 ;;
    esac
    if [ $quick = 1 ] && [ $s != 0 ]; then
        grep -v 'explained (allowlist' "$tmp/$name.txt" | grep -v '^#row' | head -n 60
    fi
    cat "$tmp/$name.txt" >> "$tmp/report.txt"
}

files() { for f in "$@"; do [ -f "$f" ] && [ -x "$f" ] && echo "$f"; done; }

for a in "${arches[@]}"; do
    g=build/guests/$a
    mapfile -t guests < <(files "$g"/tests/* "$g"/bench/*)
    mapfile -t glibc < <(files "$g"/glibc/*)
    if [ $quick = 1 ]; then
        [ ${#glibc[@]} -gt 0 ] && glibc=("${glibc[0]}")
        [ ${#guests[@]} -gt 0 ] && run "$a-guests" elf guests "${guests[@]}" "${glibc[@]}"
    else
        [ ${#guests[@]} -gt 0 ] && run "$a-guests" elf guests "${guests[@]}"
        [ ${#glibc[@]} -gt 0 ] && run "$a-glibc" elf "static glibc" "${glibc[@]}"
        deb=
        case $a in x86_64) deb=amd64 ;; aarch64) deb=arm64 ;; esac
        if [ -n "$deb" ]; then
            bb=$(busybox $deb)
            if [ -n "$bb" ]; then
                run "$a-busybox" elf busybox "$bb"
            else
                echo "busybox-static:$deb cannot be fetched: left out" >&2
            fi
        fi
    fi
    n=$N
    [ $a = x86_64 ] && n=$((N / 5))      # 16-byte strings, one instruction each
    run "$a-random" random "$a" "$n" "$SEED"
done

if [ $quick = 0 ]; then
    cp "$tmp/report.txt" build/xcheck-report.txt
    {
        echo "| arch | input | reference | instructions | agree | missing | extra | text | length | decoder verdict agrees | unexplained |"
        echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        awk -F'\t' '$1 == "#row" {
            printf "| %s | %s | %s | %d | %.3f%% | %d | %d | %d | %d | %.3f%% | %d |\n",
                $2, $3, ($4 == "llvm" ? "llvm-objdump-19" : "Capstone 4"), $5, 100 * $6 / $5,
                $8, $9, $10, $11, 100 * $7 / $5, $14
        }' "$tmp/report.txt"
    } > build/xcheck-summary.md
    cat build/xcheck-summary.md
    echo "report: build/xcheck-report.txt"
fi
exit $status
