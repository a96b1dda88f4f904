# make check: build trapeze (all) and the guests, then run the suite.
# make bench: time the benchmarks under trapeze and the references.
# make xcheck: the decoders against llvm-objdump-19 and Capstone, in full
# (docs/decoder-xcheck.md; make check runs a subset).
# Pass patterns to select cases:  make check T="riscv64/ unit/"
# (tests/check.sh and tests/bench.sh also run on their own.)

T ?=
TEST_ENV = TRAPEZE='$(TRAPEZE)' LLVM_OBJDUMP='$(LLVM_OBJDUMP)' \
	QEMU_x86_64='$(QEMU_x86_64)' QEMU_aarch64='$(QEMU_aarch64)' \
	QEMU_riscv64='$(QEMU_riscv64)' QEMU_loongarch64='$(QEMU_loongarch64)'

.PHONY: check bench xcheck
check: all guests $(B)/xcheck
	$(TEST_ENV) tests/check.sh $(T)

bench: all guests notrace
	$(TEST_ENV) tests/bench.sh $(T)

# tools/xcheck: the decoders against llvm-objdump-19 and Capstone
# (docs/decoder-xcheck.md).  Linked from the objects, as trapeze is, so
# that every CPU of arch_table.c is present.
XCHECK_SRCS := $(sort $(wildcard tools/xcheck/*.c))
$(B)/xcheck: $(XCHECK_SRCS) tools/xcheck/xcheck.h $(LIBOBJS)
	$(CC) $(CFLAGS) -I. -rdynamic -o $@ $(XCHECK_SRCS) $(LIBOBJS) $(LIBS) -ldl

xcheck: all guests $(B)/xcheck
	LLVM_OBJDUMP='$(LLVM_OBJDUMP)' tools/xcheck/run.sh
