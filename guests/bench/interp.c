/* Branchy benchmark: a small stack-machine bytecode interpreter running a
 * loop-heavy program (nested counting loops, arithmetic, conditionals). */
#include "rt.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JZ, JMP, XOR, SHR, HALT };

struct ins { int op, arg; };

static long run(const struct ins *code, long *vars)
{
    long stack[64];
    int sp = 0, pc = 0;
    for (;;) {
        const struct ins *i = &code[pc++];
        switch (i->op) {
        case PUSH: stack[sp++] = i->arg; break;
        case LOAD: stack[sp++] = vars[i->arg]; break;
        case STORE: vars[i->arg] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] = (long)((unsigned long)stack[sp - 1] >> stack[sp]); break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JZ: if (!stack[--sp]) pc = i->arg; break;
        case JMP: pc = i->arg; break;
        case HALT: return vars[2];
        }
    }
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1800000;
    /* v0 = i, v1 = j, v2 = acc:
     * for (i = 0; i < n; i++) { acc = acc*31 + (i ^ (acc >> 3)) % 1000003;
     *                           if (acc % 7 < 3) acc += i; else acc -= 1; } */
    const struct ins prog[] = {
        {PUSH, 0}, {STORE, 0},                           /* 0: i = 0 */
        {LOAD, 0}, {PUSH, 0}, {LT, 0}, {JZ, 36},         /* 2: while i < n (patched) */
        {LOAD, 2}, {PUSH, 31}, {MUL, 0},                 /* 6: acc*31 */
        {LOAD, 0}, {LOAD, 2}, {PUSH, 3}, {SHR, 0}, {XOR, 0},
        {PUSH, 1000003}, {MOD, 0}, {ADD, 0}, {STORE, 2}, /* 14..17 */
        {LOAD, 2}, {PUSH, 7}, {MOD, 0}, {PUSH, 3}, {LT, 0}, {JZ, 28},
        {LOAD, 2}, {LOAD, 0}, {ADD, 0}, {JMP, 31},       /* 24: acc + i */
        {LOAD, 2}, {PUSH, 1}, {SUB, 0},                  /* 28: acc - 1 */
        {STORE, 2},                                      /* 31 */
        {LOAD, 0}, {PUSH, 1}, {ADD, 0}, {STORE, 0},      /* 32: i++ */
        {JMP, 2},                                        /* 36? see fixup */
        {HALT, 0},
    };
    struct ins code[sizeof prog / sizeof prog[0]];
    memcpy(code, prog, sizeof prog);
    int nins = (int)(sizeof prog / sizeof prog[0]);
    code[3].arg = (int)n;
    code[5].arg = nins - 1;              /* exit to HALT */
    long vars[4] = {0, 0, 1, 0};
    long r = run(code, vars);
    printf("interp result %ld\n", r);
    return 0;
}
