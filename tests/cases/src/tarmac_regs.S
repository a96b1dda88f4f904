// A tiny aarch64 program for tests/cases/trace_tarmac.sh: integer, flag,
// load/store, SIMD and FP register writes whose values qemu-aarch64 shows
// step by step.  It never uses sp, whose value differs between trapeze
// and qemu (their stacks sit at different addresses).
    .text
    .globl _start
_start:
    movz    x0, #0x1234, lsl #16
    movk    x0, #0x5678
    mov     x1, #10
    mov     x2, #0
    mov     x3, #1
    mov     x4, #1
1:  add     x2, x2, x1
    add     x5, x3, x4
    mov     x3, x4
    mov     x4, x5
    subs    x1, x1, #1
    b.ne    1b                      // taken 9 times, then not (an IS record)
    mul     x6, x2, x4
    udiv    x7, x6, x3
    msub    x8, x7, x3, x6
    cmp     x2, #55
    csel    x9, x3, x4, eq
    cset    w10, hi
    adds    x11, x0, x0
    adrp    x12, buf
    add     x12, x12, :lo12:buf
    str     x0, [x12]
    stp     x2, x4, [x12, #8]
    strh    w0, [x12, #24]
    ldr     w13, [x12, #4]
    ldrb    w14, [x12, #1]
    ldp     x15, x16, [x12, #8]
    ldrsh   x17, [x12, #24]
    cbnz    x13, 2f                 // not taken: x13 is 0
2:  movi    v0.2d, #0xff00ff00ff00ff00
    dup     v1.4s, w0
    add     v2.4s, v1.4s, v1.4s
    str     q2, [x12, #32]
    ldr     q3, [x12, #32]
    scvtf   d4, x2
    fadd    d5, d4, d4
    fdiv    d6, d5, d4
    mov     x0, #1
    adr     x1, msg
    mov     x2, #7
    mov     x8, #64                 // write(1, msg, 7)
    svc     #0
    mov     x19, x0
    mov     x0, #3
    mov     x8, #93                 // exit(3)
    svc     #0

    .data
    .balign 16
buf: .space 64
msg: .ascii "tarmac\n"
