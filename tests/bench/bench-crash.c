/* bench-crash.c: a thousand SIGKILLs; prints kills, edits and losses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   build/tests/bench/bench-crash [--kills N]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "crash-harness.h"
#include "quorum-test-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— kill a writer, check the file");
  g_autofree char *dir = NULL;
  QuorumCrashReport report;
  int kills = 1000;
  GOptionEntry entries[] = {
    { "kills", 'n', 0, G_OPTION_ARG_INT, &kills, "How many times to kill the writer", "N" },
    { NULL }
  };

  if (quorum_crash_child_main ())
    return 0;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || kills < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--kills must be at least 1");
      return 2;
    }
  dir = g_dir_make_tmp ("quorum-crash-XXXXXX", &error);
  quorum_crash_run (argv[0], dir, (guint) kills, (guint32) g_get_real_time (), &report);
  printf ("Crash consistency (%u cores)\n", g_get_num_processors ());
  printf ("  kills                 %u\n", report.kills);
  printf ("  acknowledged edits    %u\n", report.edits);
  printf ("  in flight at the kill %u (%u of them applied, wholly)\n", report.in_flight,
          report.applied);
  printf ("  losses                %u\n", report.losses);
  printf ("figure\tCrash test: kills / acknowledged edits / losses\t%u / %u / %u\tno losses\n",
          report.kills, report.edits, report.losses);
  quorum_test_remove_tree (dir);
  return report.losses == 0 ? 0 : 1;
}
