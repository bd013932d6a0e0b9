/* bench-startup.c: Quorum's startup on ten years of reviews, against a bare window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times from starting the process to its first painted window, for Quorum
 * on a database of ten years of demo reviews and for the smallest
 * libadwaita window (bare-window), alternating, several runs each; prints
 * both medians and their ratio, and the median of the ratios of each pair of
 * starts (Quorum, then the bare window at once after it), which a machine
 * getting busier or idler during the run moves less.  The figure is the
 * larger of the two.  Needs a display (run it under xvfb-run):
 *
 *   build/tests/bench/bench-startup QUORUM BARE-WINDOW [--runs N]
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "quorum-demo.h"
#include "quorum-test-util.h"

/* Milliseconds from spawning `argv` to its first painted frame. */
static double
time_first_frame (const char * const *argv,
                  const char         *home)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  const char *line;
  gint64 start, painted;

  g_subprocess_launcher_setenv (launcher, "QUORUM_BENCH_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
  line = out != NULL ? strstr (out, "first-frame ") : NULL;
  if (line == NULL)
    g_error ("%s painted no window (is there a display?)", argv[0]);
  painted = g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10);
  return (painted - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("QUORUM BARE-WINDOW — time the first painted window");
  g_autoptr(QuorumDatabase) db = NULL;
  g_autoptr(GArray) quorum_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *home = NULL;
  g_autofree char *path = NULL;
  int runs = 9;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "How many starts of each to time", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || argc != 3)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                          : "Give the quorum and bare-window programs, and --runs of at least 1");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup needs a display: run it under xvfb-run\n");
      return 77;
    }

  home = g_dir_make_tmp ("quorum-startup-XXXXXX", &error);
  if (home == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (home, "quorum.db", NULL);
  db = quorum_database_open (path, TRUE, &error);
  if (db == NULL || !quorum_demo_fill (db, 10, 27001, &error))
    g_error ("%s", error->message);
  g_clear_object (&db);

  {
    const char *quorum[] = { argv[1], "--database", path, NULL };
    const char *bare[] = { argv[2], NULL };

    /* One start of each unmeasured, to warm the disk cache alike */
    time_first_frame (quorum, home);
    time_first_frame (bare, home);
    for (int i = 0; i < runs; i++)
      {
        double q = time_first_frame (quorum, home);
        double b = time_first_frame (bare, home);
        double r = q / b;
        g_array_append_val (quorum_times, q);
        g_array_append_val (bare_times, b);
        g_array_append_val (ratios, r);
      }
  }

  {
    double q = quorum_bench_percentile (quorum_times, 0.5);
    double b = quorum_bench_percentile (bare_times, 0.5);
    double paired = quorum_bench_percentile (ratios, 0.5);
    printf ("Startup to the first painted window (%u cores), median of %d runs\n",
            g_get_num_processors (), runs);
    printf ("  quorum, 10 years of reviews  %.1f ms (min %.1f, max %.1f)\n", q,
            g_array_index (quorum_times, double, 0),
            g_array_index (quorum_times, double, quorum_times->len - 1));
    printf ("  bare libadwaita window       %.1f ms (min %.1f, max %.1f)\n", b,
            g_array_index (bare_times, double, 0),
            g_array_index (bare_times, double, bare_times->len - 1));
    printf ("  ratio of the medians         %.3f×\n", q / b);
    printf ("  median of the paired ratios  %.3f× (%.3f to %.3f)\n", paired,
            g_array_index (ratios, double, 0), g_array_index (ratios, double, ratios->len - 1));
    printf ("figure\tStartup ratio, 10-year database vs bare window\t%.3f x\tat most 1.10 x\n",
            MAX (q / b, paired));
  }

  quorum_test_remove_tree (home);
  return 0;
}
