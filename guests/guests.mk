# Guest programs: built for every arch whose toolchain is present.
# Included by the top Makefile after config.mk; also usable alone:
#   make -f guests/guests.mk guests
#
#   build/guests/<arch>/tests/<name>    guests/tests/<name>.c and
#                                       guests/tests/<arch>/<name>.{c,S} + guests/lib
#   build/guests/<arch>/tests/<name>-pie  static-PIE builds of GUEST_PIE
#   build/guests/<arch>/glibc/<name>    guests/glibc/<name>.c, static glibc (gcc)
#   build/guests/<arch>/glibc/<name>-pie  static-PIE glibc builds of GLIBC_PIE
#   build/guests/<arch>/bench/<name>    guests/bench/<name>.c + guests/lib

CLANG ?= clang-19
LLD ?= ld.lld-19
GUEST_ARCHES ?= x86_64 aarch64 riscv64 loongarch64
GCC_x86_64 ?= gcc
GCC_aarch64 ?= aarch64-linux-gnu-gcc
GCC_riscv64 ?= riscv64-linux-gnu-gcc

GB := build/guests
# The freestanding arches need clang and ld.lld; without them only glibc guests.
RT_ARCHES := $(if $(and $(CLANG),$(LLD)),$(GUEST_ARCHES))
GLIBC_ARCHES := $(foreach a,x86_64 aarch64 riscv64,$(if $(GCC_$(a)),$(a)))

RT_SRCS := start sys signal string malloc printf math thread
# Per-arch assembly in guests/lib/arch/<arch>/: entry, setjmp, clone.
RT_ASM := crt clone
GUEST_TESTS := $(basename $(notdir $(wildcard guests/tests/*.c)))
GUEST_BENCH := $(basename $(notdir $(wildcard guests/bench/*.c)))
GUEST_GLIBC := $(basename $(notdir $(wildcard guests/glibc/*.c)))
# Programs also built as static PIE (same source, self-relocating _start).
GUEST_PIE := argv compute

GUEST_CFLAGS := -ffreestanding -nostdlib -fno-builtin -static -O2 -g \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-math-errno \
	-ffunction-sections -fdata-sections -Wall -Wextra -Wno-unused-parameter \
	-Iguests/lib
GUEST_CFLAGS_x86_64 :=
GUEST_CFLAGS_aarch64 := -mno-outline-atomics
GUEST_CFLAGS_riscv64 :=
# qemu-loongarch64 7.2 has no LSX.
GUEST_CFLAGS_loongarch64 := -mno-lsx
GUEST_LDFLAGS := -static -nostdlib --gc-sections -e _start -z noexecstack
GLIBC_CFLAGS := -O2 -Wall -Wno-unused-result -pthread

GUEST_HDRS := guests/lib/rt.h $(wildcard guests/lib/arch/*/*.h)

.PHONY: guests guests-clean

# $(1) = arch
define rt_arch
GUEST_CC_$(1) := $$(CLANG) --target=$(1)-linux-gnu $$(GUEST_CFLAGS) \
	$$(GUEST_CFLAGS_$(1)) -Iguests/lib/arch/$(1)
RT_OBJS_$(1) := $$(patsubst %,$(GB)/$(1)/lib/%.o,$$(RT_SRCS) $$(RT_ASM))
RT_PIE_OBJS_$(1) := $$(patsubst %,$(GB)/$(1)/lib-pie/%.o,$$(RT_SRCS) $$(RT_ASM))
ARCH_TESTS_$(1) := $$(basename $$(notdir $$(wildcard guests/tests/$(1)/*.c guests/tests/$(1)/*.S)))

$(GB)/$(1)/lib/%.o: guests/lib/%.c $$(GUEST_HDRS)
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fno-pic -c -o $$@ $$<
$(GB)/$(1)/lib/%.o: guests/lib/arch/$(1)/%.S
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fno-pic -c -o $$@ $$<
$(GB)/$(1)/lib-pie/%.o: guests/lib/%.c $$(GUEST_HDRS)
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fPIE -fvisibility=hidden -DRT_PIE -c -o $$@ $$<
$(GB)/$(1)/lib-pie/%.o: guests/lib/arch/$(1)/%.S
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fPIE -c -o $$@ $$<

$(GB)/$(1)/obj/%.o: guests/tests/%.c $$(GUEST_HDRS)
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fno-pic -c -o $$@ $$<
$(GB)/$(1)/obj/%.o: guests/tests/$(1)/%.c $$(GUEST_HDRS)
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fno-pic -c -o $$@ $$<
$(GB)/$(1)/obj/%.o: guests/tests/$(1)/%.S
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fno-pic -c -o $$@ $$<
$(GB)/$(1)/obj-pie/%.o: guests/tests/%.c $$(GUEST_HDRS)
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fPIE -fvisibility=hidden -c -o $$@ $$<
$(GB)/$(1)/obj/bench-%.o: guests/bench/%.c $$(GUEST_HDRS)
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) -fno-pic -c -o $$@ $$<

$(GB)/$(1)/tests/%: $(GB)/$(1)/obj/%.o $$(RT_OBJS_$(1))
	@mkdir -p $$(@D)
	$$(LLD) $$(GUEST_LDFLAGS) -o $$@ $$^
$(GB)/$(1)/tests/%-pie: $(GB)/$(1)/obj-pie/%.o $$(RT_PIE_OBJS_$(1))
	@mkdir -p $$(@D)
	$$(LLD) $$(GUEST_LDFLAGS) -pie --no-dynamic-linker -z text -o $$@ $$^
$(GB)/$(1)/bench/%: $(GB)/$(1)/obj/bench-%.o $$(RT_OBJS_$(1))
	@mkdir -p $$(@D)
	$$(LLD) $$(GUEST_LDFLAGS) -o $$@ $$^

guests-$(1): $$(patsubst %,$(GB)/$(1)/tests/%,$$(GUEST_TESTS) $$(ARCH_TESTS_$(1))) \
	$$(patsubst %,$(GB)/$(1)/tests/%-pie,$$(GUEST_PIE)) \
	$$(patsubst %,$(GB)/$(1)/bench/%,$$(GUEST_BENCH))
guests: guests-$(1)
.PHONY: guests-$(1)
endef

# glibc programs also built as static PIE, where the toolchain has rcrt1.o
# (Debian's riscv64 cross glibc does not).
GLIBC_PIE := qsort getenv

# $(1) = arch
define glibc_arch
GLIBC_PIE_$(1) := $$(if $$(filter /%,$$(shell $$(GCC_$(1)) -print-file-name=rcrt1.o)),$$(GLIBC_PIE))
$(GB)/$(1)/glibc/%: guests/glibc/%.c
	@mkdir -p $$(@D)
	$$(GCC_$(1)) -static $$(GLIBC_CFLAGS) -o $$@ $$< -lm
$(GB)/$(1)/glibc/%-pie: guests/glibc/%.c
	@mkdir -p $$(@D)
	$$(GCC_$(1)) -static-pie $$(GLIBC_CFLAGS) -o $$@ $$< -lm
guests-glibc-$(1): $$(patsubst %,$(GB)/$(1)/glibc/%,$$(GUEST_GLIBC)) \
	$$(patsubst %,$(GB)/$(1)/glibc/%-pie,$$(GLIBC_PIE_$(1)))
guests: guests-glibc-$(1)
.PHONY: guests-glibc-$(1)
endef

$(foreach a,$(RT_ARCHES),$(eval $(call rt_arch,$(a))))
$(foreach a,$(GLIBC_ARCHES),$(eval $(call glibc_arch,$(a))))

# Keep objects around (they are intermediate files of pattern chains).
.SECONDARY:

guests:
	@:

guests-clean:
	rm -rf $(GB)
