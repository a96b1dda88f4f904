#!/bin/bash
# The stub against malformed and hostile packets: each gets an error (or
# the empty "unsupported" reply), never a crash; after them the session
# still works (registers, memory, the target description) and a detach
# lets the guest run to its normal exit.  For every arch trapeze lists.
. "$(dirname "$0")/gdb_lib.sh"
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
[ -x "$T" ] || { echo "no $T"; exit 77; }
command -v python3 > /dev/null && command -v llvm-nm-19 > /dev/null || { echo "no python3/llvm-nm-19"; exit 77; }
command -v clang-19 > /dev/null && command -v ld.lld-19 > /dev/null || { echo "no clang-19/ld.lld-19"; exit 77; }
arches=$("$T" --list-arches)
[ -n "$arches" ] || { echo "no CPU in this build"; exit 77; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"; [ -n "${tp:-}" ] && kill $tp 2> /dev/null' EXIT
fails=0
for arch in $arches; do
rm -f "$t/s"
printf '#include "rt.h"\nvolatile int stop;\nint main(void) { while (!stop) ; return 5; }\n' > "$t/prog.c"
gdb_build_guest "$arch" "$t/prog" "$t/prog.c" > "$t/build.log" 2>&1 || { cat "$t/build.log"; exit 1; }
stop=$(llvm-nm-19 "$t/prog" | awk '$3 == "stop" { print $1 }')
[ -n "$stop" ] || { echo "no symbol stop"; exit 1; }
timeout 30 "$T" -g "unix:$t/s" "$t/prog" > "$t/out" 2>&1 &
tp=$!
for _ in $(seq 100); do [ -S "$t/s" ] && break; sleep 0.05; done
timeout 30 python3 - "$t/s" "$stop" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(10)
buf = b""
def raw(b):
    s.sendall(b)
def get():
    global buf
    while True:
        i = buf.find(b"$")
        j = buf.find(b"#", i + 1) if i >= 0 else -1
        if i >= 0 and j >= 0 and len(buf) >= j + 3:
            p = buf[i + 1:j]
            buf = buf[j + 3:]
            raw(b"+")
            return p
        d = s.recv(65536)
        if not d:
            raise SystemExit("connection closed by the stub")
        buf += d
def pkt(body):
    if isinstance(body, str):
        body = body.encode()
    raw(b"$" + body + b"#%02x" % (sum(body) & 255))
    return get()
bad = 0
def expect_err(body, allow_empty=True):
    global bad
    r = pkt(body)
    if not (r.startswith(b"E") or (allow_empty and r == b"")):
        print("no error for %r: %r" % (body[:40], r[:60]))
        bad += 1
raw(b"$?#00")                       # bad checksum: nak'ed, then resent properly
r = pkt("?")
if not r.startswith(b"T05"):
    print("stop reply %r" % r); bad += 1
for body in ["m", "mzz,1", "m0,1", "m1234", "m,", "mffffffffffffffff,10",
             "m0,ffffffffffffffff", "M0,4:zz", "M0,4:00", "M10,2:0011", "X0,2:a",
             "Xffffffffffffffff,1:a", "p", "p99999", "pzz", "P1=zz", "P1", "P99999=00",
             "Z0", "Z0,", "z1,zz", "Z9,1,1", "c zz", "Czz", "Sgg",
             "qXfer:features:read:target.xml:zz", "qXfer:features:read:nope.xml:0,10",
             "qXfer:auxv:read::ffffffffffff,", "qXfer:features:read:target.xml",
             "vCont;Q", "vCont;", "G00", "m" + "1" * 40 + ",1", "H", "\x01\x02\x03",
             "q" + "A" * 30000]:
    expect_err(body)
# the session still works; the target description is well-formed XML
# whose registers are numbered without collisions
xml, off = b"", 0
while True:
    x = pkt("qXfer:features:read:target.xml:%x,200" % off)
    if not x.startswith((b"m", b"l")):
        print("target.xml %r" % x[:60]); bad += 1
        break
    data, i = b"", 1
    while i < len(x):
        if x[i:i + 1] == b"}":
            data += bytes([x[i + 1] ^ 0x20]); i += 2
        else:
            data += x[i:i + 1]; i += 1
    xml += data
    off += len(data)
    if x.startswith(b"l") or not data:
        break
try:
    import xml.etree.ElementTree as ET
    root = ET.fromstring(xml.decode())
    nums = [int(r.get("regnum")) for r in root.iter("reg")]
    if len(nums) < 30 or len(set(nums)) != len(nums) or root.find("architecture") is None:
        print("target.xml registers %r" % nums[:10]); bad += 1
except Exception as e:
    print("target.xml does not parse: %s" % e); bad += 1
g = pkt("g")
if not g or g.startswith(b"E") or len(g) % 2:
    print("g %r" % g[:60]); bad += 1
# run, interrupt with ^C (the guest spins), end the loop through memory
raw(b"$c#63")
import time
time.sleep(0.3)
raw(b"\x03")
r = get()
if not r.startswith(b"T02"):
    print("after ^C: %r" % r); bad += 1
r = pkt("M%x,4:01000000" % int(sys.argv[2], 16))
if r != b"OK":
    print("M stop: %r" % r); bad += 1
r = pkt("D")
if r != b"OK":
    print("detach %r" % r); bad += 1
sys.exit(1 if bad else 0)
EOF
prc=$?
wait $tp
trc=$?
tp=
[ $prc = 0 ] && [ $trc = 5 ] && continue
echo "$arch: packets $prc, trapeze status $trc (want 5)"
cat "$t/out"
fails=1
done
exit $fails
