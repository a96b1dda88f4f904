#!/bin/bash
# Dynamically linked glibc programs: trapeze loads the ELF interpreter and
# the shared libraries from a sysroot (-L), like qemu-<arch> -L does.
# x86_64 runs natively as the reference with the host's own libraries.
# Exit 0 pass, 1 fail, 77 skip (last line says why).
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
TRAPEZE=${TRAPEZE:-build/trapeze}
case $TRAPEZE in /*) ;; *) TRAPEZE=$ROOT/$TRAPEZE ;; esac
[ -x "$TRAPEZE" ] || { echo "no $TRAPEZE"; exit 77; }
ARCHES=${TRAPEZE_ARCHES:-$("$TRAPEZE" --list-arches 2>/dev/null)}
T=${CHECK_TIMEOUT:-60}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

declare -A GCC=([x86_64]=gcc [aarch64]=aarch64-linux-gnu-gcc [riscv64]=riscv64-linux-gnu-gcc)
declare -A ROOTFS=([x86_64]=/ [aarch64]=/usr/aarch64-linux-gnu [riscv64]=/usr/riscv64-linux-gnu)
ran=0 bad=0
for arch in $ARCHES; do
    cc=${GCC[$arch]:-}
    [ -n "$cc" ] && command -v "$cc" > /dev/null || continue
    if [ "$arch" = x86_64 ]; then
        [ "$(uname -m)" = x86_64 ] || continue
        ref=()
    else
        v=QEMU_$arch
        q=${!v-qemu-$arch}
        command -v "$q" > /dev/null 2>&1 || continue
        ref=("$q" -L "${ROOTFS[$arch]}")
    fi
    for src in guests/glibc/printf_float.c guests/glibc/qsort.c guests/glibc/math.c guests/glibc/getenv.c; do
        name=$(basename "$src" .c)
        elf=$tmp/$arch-$name
        "$cc" -O2 -w -o "$elf" "$src" -lm || { echo "FAIL $arch/$name: does not build"; bad=1; continue; }
        ran=1
        ( cd "$tmp" && env -i PATH=/usr/bin:/bin HOME=/nonexistent LANG=C TZ=UTC \
            timeout "$T" "${ref[@]}" "$elf" a b > "$elf.ref" 2> "$elf.referr" ); rs=$?
        ( cd "$tmp" && env -i PATH=/usr/bin:/bin HOME=/nonexistent LANG=C TZ=UTC \
            timeout "$T" "$TRAPEZE" -L "${ROOTFS[$arch]}" "$elf" a b > "$elf.tz" 2> "$elf.tzerr" ); ts=$?
        if [ $rs != $ts ] || ! cmp -s "$elf.ref" "$elf.tz"; then
            echo "FAIL $arch/$name (dynamic): status $ts, reference $rs"
            diff "$elf.ref" "$elf.tz" | head -n 6
            head -n 3 "$elf.tzerr"
            bad=1
        else
            echo "ok   $arch/$name (dynamic)"
        fi
    done
done
[ $ran = 1 ] || { echo "no arch with both a cross gcc and a reference that trapeze runs"; exit 77; }
exit $bad
