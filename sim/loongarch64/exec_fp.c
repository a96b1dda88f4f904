/* LoongArch scalar floating point (filled in below). */
#include "la.h"

const struct la_handler la_fp_handlers[] = {
    { 0, 0, 0 }
};
