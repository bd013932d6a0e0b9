/* bench-edit.c: how long one saved edit takes, as a secretary types notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a database with ten years of demo reviews, then types into the
 * notes of the next review's first agenda item: every keystroke is one
 * saved edit (a committed transaction with its audit entry), as the app
 * saves them.  Prints the median, 99th percentile and worst commit time.
 * The database is made in DIR (default: the current folder), so that it
 * lies on a real disk rather than in memory:
 *
 *   build/tests/bench/bench-edit [--edits N] [--dir DIR]
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "quorum-demo.h"
#include "quorum-test-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— time saving each keystroke");
  g_autoptr(QuorumDatabase) db = NULL;
  g_autoptr(QuorumMeeting) draft = NULL;
  g_autoptr(QuorumRecord) item = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *parent = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *typed = "The forum reviewed the results of the internal audit and agreed to "
                      "close the two minor nonconformities by the end of the quarter. ";
  int edits = 2000;
  GListModel *meetings;
  GOptionEntry entries[] = {
    { "edits", 'n', 0, G_OPTION_ARG_INT, &edits, "How many keystrokes to save", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &parent, "Where to make the database", "DIR" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || edits < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--edits must be at least 1");
      return 2;
    }

  dir = g_build_filename (parent != NULL ? parent : ".", "bench-edit-XXXXXX", NULL);
  if (g_mkdtemp (dir) == NULL)
    g_error ("Cannot make a folder in %s", parent != NULL ? parent : ".");
  path = g_build_filename (dir, "quorum.db", NULL);
  db = quorum_database_open (path, TRUE, &error);
  if (db == NULL || !quorum_demo_fill (db, 10, 27001, &error))
    g_error ("%s", error->message);
  meetings = quorum_database_get_meetings (db);
  draft = g_list_model_get_item (meetings, g_list_model_get_n_items (meetings) - 1);
  item = g_list_model_get_item (quorum_meeting_get_items (draft, QUORUM_TABLE_AGENDA_ITEMS), 0);

  for (int i = 0; i < edits; i++)
    {
      gint64 start;
      double ms;

      g_string_append_c (notes, typed[i % strlen (typed)]);
      start = g_get_monotonic_time ();
      if (!quorum_record_set_string (item, "notes", notes->str, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  printf ("Edit commit latency (%u cores), %d keystrokes into a 10-year database in %s\n",
          g_get_num_processors (), edits, dir);
  printf ("  median  %.3f ms\n", quorum_bench_percentile (times, 0.5));
  printf ("  p99     %.3f ms\n", quorum_bench_percentile (times, 0.99));
  printf ("  worst   %.3f ms\n", g_array_index (times, double, times->len - 1));
  printf ("figure\tEdit commit latency p50\t%.3f ms\n", quorum_bench_percentile (times, 0.5));
  printf ("figure\tEdit commit latency p99\t%.3f ms\tat most 1 ms\n",
          quorum_bench_percentile (times, 0.99));

  g_clear_object (&item);
  g_clear_object (&draft);
  g_clear_object (&db);
  quorum_test_remove_tree (dir);
  return 0;
}
