/* test-demo.c: the demo generator gives years of believable reviews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "quorum-demo.h"
#include "quorum-test-util.h"

static QuorumDatabase *
open_db (const char *dir,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  QuorumDatabase *db = quorum_database_open (path, TRUE, &error);
  g_assert_no_error (error);
  return db;
}

static gboolean
has_script (const char   *text,
            GUnicodeScript script)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == script)
      return TRUE;
  return FALSE;
}

static void
test_ten_years (void)
{
  g_autofree char *dir = quorum_test_make_dir ();
  g_autoptr(QuorumDatabase) db = open_db (dir, "demo.db");
  g_autoptr(GError) error = NULL;
  GListModel *meetings, *people;
  guint approved = 0, held = 0, draft = 0, carried = 0, values = 0, deferred = 0;
  GUnicodeScript scripts[] = { G_UNICODE_SCRIPT_GREEK, G_UNICODE_SCRIPT_CYRILLIC,
                               G_UNICODE_SCRIPT_HAN, G_UNICODE_SCRIPT_HANGUL,
                               G_UNICODE_SCRIPT_ARABIC };
  g_autofree char *previous_date = NULL;

  g_assert_true (quorum_demo_fill (db, 10, 1, &error));
  g_assert_no_error (error);

  meetings = quorum_database_get_meetings (db);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 40);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(QuorumMeeting) meeting = g_list_model_get_item (meetings, i);
      const char *status = quorum_meeting_get_status (meeting);
      g_autofree char *date = quorum_meeting_dup_date (meeting);
      GListModel *agenda = quorum_meeting_get_items (meeting, QUORUM_TABLE_AGENDA_ITEMS);

      approved += g_str_equal (status, "approved");
      held += g_str_equal (status, "held");
      draft += g_str_equal (status, "draft");
      carried += g_list_model_get_n_items (quorum_meeting_get_items (meeting,
                                                                     QUORUM_TABLE_ACTION_UPDATES));
      values += g_list_model_get_n_items (quorum_meeting_get_items (meeting,
                                                                    QUORUM_TABLE_METRIC_VALUES));
      for (guint j = 0; j < g_list_model_get_n_items (agenda); j++)
        {
          g_autoptr(QuorumRecord) item = g_list_model_get_item (agenda, j);
          deferred += g_strcmp0 (quorum_record_get_string (item, "outcome"), "deferred") == 0;
        }

      /* Quarterly, in order, every meeting quorate except the upcoming one. */
      if (previous_date != NULL)
        g_assert_cmpstr (previous_date, <, date);
      g_free (previous_date);
      previous_date = g_steal_pointer (&date);
      g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 16);
      if (i < 39)
        {
          g_autofree char *why = NULL;
          if (!quorum_meeting_evaluate_quorum (meeting, &why))
            g_error ("%s: %s", quorum_meeting_get_title (meeting), why);
        }
    }
  g_assert_cmpuint (approved, ==, 38);
  g_assert_cmpuint (held, ==, 1);
  g_assert_cmpuint (draft, ==, 1);
  g_assert_cmpuint (values, ==, 39 * 8);
  g_assert_cmpuint (carried, >, 40);
  g_assert_cmpuint (deferred, >, 0);

  people = quorum_database_get_people (db);
  for (guint s = 0; s < G_N_ELEMENTS (scripts); s++)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (people); i++)
        {
          g_autoptr(QuorumRecord) person = g_list_model_get_item (people, i);
          found |= has_script (quorum_record_get_string (person, "name"), scripts[s]);
        }
      g_assert_true (found);
    }

  g_assert_finalize_object (g_steal_pointer (&db));
  quorum_test_remove_tree (dir);
}

static void
test_same_seed_same_content (void)
{
  g_autofree char *dir = quorum_test_make_dir ();
  g_autoptr(QuorumDatabase) a = open_db (dir, "a.db");
  g_autoptr(QuorumDatabase) b = open_db (dir, "b.db");
  g_autoptr(GError) error = NULL;

  g_assert_true (quorum_demo_fill (a, 2, 42, &error));
  g_assert_true (quorum_demo_fill (b, 2, 42, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(QuorumMeeting) x = g_list_model_get_item (quorum_database_get_meetings (a), i);
      g_autoptr(QuorumMeeting) y = g_list_model_get_item (quorum_database_get_meetings (b), i);
      for (guint t = 0; t < QUORUM_N_TABLES; t++)
        if (quorum_schema_table (t)->parent_column >= 0)
          g_assert_cmpuint (g_list_model_get_n_items (quorum_meeting_get_items (x, t)), ==,
                            g_list_model_get_n_items (quorum_meeting_get_items (y, t)));
    }
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
  quorum_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/ten-years", test_ten_years);
  g_test_add_func ("/demo/same-seed-same-content", test_same_seed_same_content);
  return g_test_run ();
}
