/* Host signals that reach trapeze (kill from a shell, SIGPIPE from a write,
 * the host timer behind alarm/setitimer) become the guest's signals. */
#ifndef TRAPEZE_SIGNAL_HOST_H
#define TRAPEZE_SIGNAL_HOST_H
#include "../sim/cpu.h"
void signal_host_init(struct cpu *c);
/* Move host signals that arrived into the guest's pending set. */
void signal_host_drain(void);
#endif
