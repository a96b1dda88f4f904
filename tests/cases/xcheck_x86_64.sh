#!/bin/bash
# trapeze's x86_64 decoder against llvm-objdump-19 and Capstone over the guest
# binaries, one static glibc program and random encodings; fails on a
# disagreement not explained in tools/xcheck/allowlist
# (docs/decoder-xcheck.md; make xcheck runs the full check).
exec bash "$(dirname "$0")/../../tools/xcheck/run.sh" -q x86_64
