/* bench-util.h: order statistics for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdlib.h>

static inline int
quorum_bench_compare_doubles (const void *a,
                              const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Sorts `times` (doubles) and returns the value at fraction `p` of the way
 * from the least to the greatest: 0.5 is the median. */
static inline double
quorum_bench_percentile (GArray *times,
                         double  p)
{
  g_assert (times->len > 0);
  qsort (times->data, times->len, sizeof (double), quorum_bench_compare_doubles);
  return g_array_index (times, double, (guint) (p * (times->len - 1) + 0.5));
}
