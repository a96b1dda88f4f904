#!/bin/bash
# Malformed or foreign programs: one line on stderr, exit status 126,
# never a crash.  Exit 0 pass, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
command -v python3 > /dev/null || { echo "no python3"; exit 77; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
good=$(ls build/guests/*/tests/exit42 2>/dev/null | head -n 1)
[ -n "$good" ] || { echo "no guest built (make guests)"; exit 77; }
python3 - "$t" "$good" <<'PY'
import struct, sys, os
d, good = sys.argv[1], sys.argv[2]
g = bytearray(open(good, "rb").read())
def w(name, data):
    open(os.path.join(d, name), "wb").write(bytes(data))
w("empty", b"")
w("text", b"hello, not a program\n")
w("short-header", g[:40])
b = bytearray(g); b[4] = 1; w("class32", b)                 # ELFCLASS32
b = bytearray(g); b[5] = 2; w("big-endian", b)              # ELFDATA2MSB
b = bytearray(g); struct.pack_into("<H", b, 18, 43); w("sparc", b)   # e_machine
b = bytearray(g); struct.pack_into("<H", b, 16, 1); w("relocatable", b)  # ET_REL
b = bytearray(g); struct.pack_into("<Q", b, 32, len(g) + 4096); w("phoff-past-eof", b)
b = bytearray(g); struct.pack_into("<H", b, 56, 60000); w("phnum-absurd", b)
phoff = struct.unpack_from("<Q", g, 32)[0]
phnum = struct.unpack_from("<H", g, 56)[0]
loads = [phoff + 56 * i for i in range(phnum) if struct.unpack_from("<I", g, phoff + 56 * i)[0] == 1]
b = bytearray(g); struct.pack_into("<Q", b, loads[0] + 40, 1 << 62); w("memsz-absurd", b)
b = bytearray(g); struct.pack_into("<Q", b, loads[0] + 32, 1 << 40); w("filesz-past-eof", b)
if len(loads) > 1:
    b = bytearray(g)
    v0 = struct.unpack_from("<Q", g, loads[0] + 16)[0]
    struct.pack_into("<Q", b, loads[1] + 16, v0)
    struct.pack_into("<Q", b, loads[1] + 24, v0)
    w("overlap", b)
b = bytearray(g); struct.pack_into("<Q", b, loads[0] + 16, (1 << 63)); struct.pack_into("<Q", b, loads[0] + 24, (1 << 63)); w("outside", b)
# cut inside the last segment that has file contents
ends = [struct.unpack_from("<Q", g, o + 8)[0] + struct.unpack_from("<Q", g, o + 32)[0]
        for o in loads if struct.unpack_from("<Q", g, o + 32)[0]]
w("truncated", g[: max(ends) - 16])
PY
fail=0
for f in "$t"/*; do
    chmod +x "$f"
    "$T" "$f" > "$t/out" 2> "$t/err" < /dev/null
    st=$?
    lines=$(wc -l < "$t/err")
    if [ $st -ne 126 ] || [ "$lines" -ne 1 ] || ! grep -q '^trapeze: ' "$t/err"; then
        echo "$(basename "$f"): status $st, stderr: $(head -c 300 "$t/err")"
        fail=1
    fi
done
exit $fail
