/* The picture of signal paths: one row per path, a box per stage, on the
 * cycle axis (see trace.c). */
#ifndef TRAPEZE_TRACE_SVG_H
#define TRAPEZE_TRACE_SVG_H
#include <stdint.h>
void svg_start(const char *path);
void svg_path_begin(unsigned id, int sig, int depth, uint64_t cycle);
void svg_path_stage(unsigned id, const char *stage, uint64_t cycle);
void svg_path_end(unsigned id, uint64_t cycle);
void svg_finish(void);
#endif
