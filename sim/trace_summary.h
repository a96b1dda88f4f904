/* Summaries of recorded traces (trapeze --trace-summary). */
#ifndef TRAPEZE_TRACE_SUMMARY_H
#define TRAPEZE_TRACE_SUMMARY_H
#include <stdio.h>
/* 0 when at least one complete signal path was found. */
int trace_summary(const char *jsonl, const char *svg, FILE *out);
#endif
