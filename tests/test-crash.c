/* test-crash.c: a writer killed fifty times loses nothing it acknowledged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crash-harness.h"
#include "quorum-test-util.h"

static const char *program;

static void
test_kills (void)
{
  g_autofree char *dir = quorum_test_make_dir ();
  QuorumCrashReport report;

  quorum_crash_run (program, dir, 60, g_test_rand_int (), &report);
  g_test_message ("%u kills, %u acknowledged edits, %u in flight of which %u were applied, "
                  "%u losses", report.kills, report.edits, report.in_flight, report.applied,
                  report.losses);
  g_assert_cmpuint (report.kills, ==, 60);
  g_assert_cmpuint (report.edits, >, 60);
  g_assert_cmpuint (report.losses, ==, 0);
  quorum_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (quorum_crash_child_main ())
    return 0;
  program = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/sigkill", test_kills);
  return g_test_run ();
}
