/* setjmp/longjmp and sigsetjmp/siglongjmp out of a signal handler. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static jmp_buf jb;
static volatile int stop = -1;
static sigjmp_buf sjb;

static int depth(int n)
{
    if (n <= 0)
        longjmp(jb, 7);
    if (n == stop)
        return 0;
    return depth(n - 1) + 1;
}

static void on_segv(int sig)
{
    siglongjmp(sjb, sig);
}

int main(void)
{
    volatile int count = 0;
    int r = setjmp(jb);
    count++;
    printf("setjmp returned %d (count %d)\n", r, count);
    if (r == 0)
        depth(100);
    volatile double fp = 1.25;
    if ((r = setjmp(jb)) == 0) {
        fp = 2.5;
        longjmp(jb, 0);
    }
    printf("longjmp(0) gives %d, fp %.2f\n", r, fp);

    signal(SIGSEGV, on_segv);
    for (int i = 0; i < 3; i++) {
        int s = sigsetjmp(sjb, 1);
        if (s == 0)
            *(volatile int *)(long)(16 * i) = 1;
        printf("round %d: back from signal %d\n", i, s);
    }
    sigset_t m;
    sigprocmask(SIG_SETMASK, 0, &m);
    printf("SIGSEGV blocked after siglongjmp: %d\n", sigismember(&m, SIGSEGV));
    return 0;
}
