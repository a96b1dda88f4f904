#!/bin/bash
# Every line of a JSON Lines trace with all events (instructions, memory,
# traps, syscalls, signals) is valid against docs/trace-schema.json, on
# every CPU.  Validated by the small validator below (the keywords the
# schema uses) and, on a sample, by python's jsonschema when it is there.
# Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
command -v python3 > /dev/null || { echo "no python3"; exit 77; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
ran=0
for a in $($T --list-arches); do
    g=build/guests/$a/tests/signals
    [ -x "$g" ] || continue
    ran=1
    $T --deterministic --trace "$t/$a.json" --trace-format json --trace-events all "$g" > /dev/null ||
        { echo "$a: traced run failed"; exit 1; }
done
[ $ran = 1 ] || exit 77
python3 - docs/trace-schema.json "$t"/*.json <<'PY'
import json, os, re, sys
schema = json.load(open(sys.argv[1]))

def resolve(s):
    while "$ref" in s:
        node = schema
        for part in s["$ref"].lstrip("#/").split("/"):
            node = node[part]
        s = node
    return s

def errors(v, s):
    """The reasons v does not match s (empty: it matches)."""
    s = resolve(s)
    if "oneOf" in s:
        # quick: a branch whose "ev" constant differs cannot match
        subs = [x for x in map(resolve, s["oneOf"]) if not isinstance(v, dict) or
                v.get("ev") == x.get("properties", {}).get("ev", {}).get("const", v.get("ev"))]
        ok = [sub for sub in subs if not errors(v, sub)]
        return [] if len(ok) == 1 else [f"matches {len(ok)} of the oneOf schemas"]
    types = {"object": dict, "string": str, "boolean": bool, "array": list}
    t = s.get("type")
    if t == "integer" and (not isinstance(v, int) or isinstance(v, bool)):
        return [f"{v!r} is not an integer"]
    if t in types and not isinstance(v, types[t]):
        return [f"{v!r} is not {t}"]
    if "const" in s and (v != s["const"] or type(v) != type(s["const"])):
        return [f"{v!r} is not {s['const']!r}"]
    if "enum" in s and v not in s["enum"]:
        return [f"{v!r} not in {s['enum']}"]
    if "pattern" in s and not re.search(s["pattern"], v):
        return [f"{v!r} does not match {s['pattern']}"]
    if "minimum" in s and v < s["minimum"] or "maximum" in s and v > s["maximum"]:
        return [f"{v!r} out of range"]
    if isinstance(v, dict):
        out = [f"no {k}" for k in s.get("required", []) if k not in v]
        props = s.get("properties", {})
        extra = s.get("additionalProperties", True)
        for k, x in v.items():
            if k in props:
                out += [f"{k}: {e}" for e in errors(x, props[k])]
            elif extra is False:
                out.append(f"unexpected {k}")
            elif isinstance(extra, dict):
                out += [f"{k}: {e}" for e in errors(x, extra)]
        return out
    return []

# jsonschema is slow on 40000 lines: it checks a sample, the built-in
# validator every line
try:
    import jsonschema
    ref = jsonschema.Draft202012Validator(schema)
except ImportError:
    ref = None
for path in sys.argv[2:]:
    n = 0
    kinds = set()
    for line in open(path):
        e = json.loads(line)
        p = "; ".join(errors(e, schema))
        if not p and ref and n % 1000 == 0:
            p = next((x.message for x in ref.iter_errors(e)), "")
        if p:
            sys.exit(f"{os.path.basename(path)}: {line.strip()[:300]}\n  does not fit docs/trace-schema.json: {p}")
        kinds.add((e["ev"], e.get("stage")))
        n += 1
    need = {("insn", None), ("mem", None), ("trap", None), ("trap-return", None), ("syscall", None),
            ("signal", "frame"), ("signal", "resumed"), ("signal", "longjmp")}
    if not need <= kinds:
        sys.exit(f"{os.path.basename(path)}: no {sorted(need - kinds)} events to check")
    print(f"{os.path.basename(path)}: {n} events valid" + (" (a sample also by jsonschema)" if ref else ""))
bad = {"cycle": -1, "ev": "mem", "pc": "0x10", "kind": "read", "addr": "0x20", "size": 4}
if not errors(bad, schema) or ref and not list(ref.iter_errors(bad)):
    sys.exit("the validators accept a negative cycle")
PY
