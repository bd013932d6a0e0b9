/* crash-harness.c: kill a writer at random moments, then check the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crash-harness.h"
#include "quorum-meeting.h"

/* ---- the writer ------------------------------------------------------------------ */

static QuorumMeeting *
pick_editable (QuorumDatabase *db,
               GRand          *rand)
{
  GListModel *meetings = quorum_database_get_meetings (db);
  g_autoptr(GPtrArray) editable = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(QuorumMeeting) m = g_list_model_get_item (meetings, i);
      if (!quorum_meeting_is_frozen (m))
        g_ptr_array_add (editable, g_steal_pointer (&m));
    }
  if (editable->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (editable, g_rand_int_range (rand, 0, editable->len)));
}

static QuorumRecord *
pick_item (QuorumMeeting *meeting,
           QuorumTableId  table,
           GRand         *rand)
{
  GListModel *items = quorum_meeting_get_items (meeting, table);
  guint n = g_list_model_get_n_items (items);
  return n > 0 ? g_list_model_get_item (items, g_rand_int_range (rand, 0, n)) : NULL;
}

static void
announce (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static void
announce (const char *format,
          ...)
{
  va_list args;
  va_start (args, format);
  fputs ("B ", stdout);
  vprintf (format, args);
  fputc ('\n', stdout);
  fflush (stdout);
  va_end (args);
}

static void
acknowledge (gboolean     ok,
             const GError *error)
{
  if (!ok)
    {
      printf ("F %s\n", error != NULL ? error->message : "?");
      fflush (stdout);
      exit (4);
    }
  fputs ("A\n", stdout);
  fflush (stdout);
}

gboolean
quorum_crash_child_main (void)
{
  const char *path = g_getenv ("QUORUM_CRASH_CHILD");
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumDatabase) db = NULL;
  GRand *rand;
  guint32 seed;

  if (path == NULL)
    return FALSE;
  seed = (guint32) g_ascii_strtoull (g_getenv ("QUORUM_CRASH_SEED"), NULL, 10);
  rand = g_rand_new_with_seed (seed);
  db = quorum_database_open (path, TRUE, &error);
  if (db == NULL)
    {
      printf ("F %s\n", error->message);
      exit (3);
    }

  for (guint n = 0; n < 1000000; n++)
    {
      g_autoptr(QuorumMeeting) meeting = pick_editable (db, rand);
      g_autofree char *value = g_strdup_printf ("v%u-%u", seed, n);
      g_autofree char *uid = g_uuid_string_random ();
      /* 0–2 location, 3–4 new agenda item, 5 notes, 6 new meeting, 7–9 new decision,
       * 10–11 delete a decision, 12–13 hold or approve */
      int op = meeting == NULL ? 6 : g_rand_int_range (rand, 0, 14);
      const char *muid = meeting != NULL ? quorum_record_get_uid (QUORUM_RECORD (meeting)) : NULL;
      QuorumRecord *m = QUORUM_RECORD (meeting);

      if (op <= 2)
        {
          announce ("loc %s %s", muid, value);
          acknowledge (quorum_record_set_string (m, "location", value, &error), error);
        }
      else if (op <= 4)
        {
          g_autoptr(QuorumFields) fields = quorum_fields_new (QUORUM_TABLE_AGENDA_ITEMS);
          g_autoptr(QuorumRecord) item = NULL;
          quorum_fields_set_uid (fields, uid);
          quorum_fields_set_ref (fields, "meeting", m);
          quorum_fields_set_string (fields, "title", value);
          announce ("item %s %s", uid, value);
          item = quorum_database_create (db, fields, &error);
          acknowledge (item != NULL, error);
        }
      else if (op == 5)
        {
          g_autoptr(QuorumRecord) item = pick_item (meeting, QUORUM_TABLE_AGENDA_ITEMS, rand);
          if (item == NULL)
            continue;
          announce ("notes %s %s", quorum_record_get_uid (item), value);
          acknowledge (quorum_record_set_string (item, "notes", value, &error), error);
        }
      else if (op == 6)
        {
          g_autoptr(QuorumFields) fields = quorum_fields_new (QUORUM_TABLE_MEETINGS);
          g_autoptr(QuorumRecord) created = NULL;
          quorum_fields_set_uid (fields, uid);
          quorum_fields_set_string (fields, "title", value);
          quorum_fields_set_string (fields, "starts_at", "2026-03-12T10:00:00+01:00");
          announce ("meeting %s %s", uid, value);
          created = quorum_database_create (db, fields, &error);
          acknowledge (created != NULL, error);
        }
      else if (op <= 9)
        {
          g_autoptr(QuorumFields) fields = quorum_fields_new (QUORUM_TABLE_DECISIONS);
          g_autoptr(QuorumRecord) decision = NULL;
          /* unique within a meeting across writers: seed and counter */
          gint64 number = (gint64) (seed % 1000000) * 1000000 + n + 1;
          quorum_fields_set_uid (fields, uid);
          quorum_fields_set_ref (fields, "meeting", m);
          quorum_fields_set_int (fields, "number", number);
          quorum_fields_set_string (fields, "text", value);
          announce ("dec %s %s", uid, value);
          decision = quorum_database_create (db, fields, &error);
          acknowledge (decision != NULL, error);
        }
      else if (op <= 11)
        {
          g_autoptr(QuorumRecord) decision = pick_item (meeting, QUORUM_TABLE_DECISIONS, rand);
          if (decision == NULL)
            continue;
          announce ("del %s", quorum_record_get_uid (decision));
          acknowledge (quorum_record_delete (decision, &error), error);
        }
      else if (g_strcmp0 (quorum_meeting_get_status (meeting), "draft") == 0)
        {
          announce ("status %s held", muid);
          acknowledge (quorum_meeting_hold (meeting, &error), error);
        }
      else
        {
          /* Approving writes the hash, the chain link and the status together. */
          announce ("status %s approved", muid);
          acknowledge (quorum_meeting_approve (meeting, &error), error);
        }
    }
  exit (0);
}

/* ---- the checker ------------------------------------------------------------------ */

/* What an edit sets: a key ("loc:<uid>", "dec:<uid>" …) and its value ("" = gone). */
typedef struct
{
  char *key;
  char *value;
} Edit;

static gboolean
parse_edit (const char *line,
            Edit       *edit)
{
  g_auto(GStrv) words = g_strsplit (line, " ", 4);
  guint n = g_strv_length (words);

  if (n == 2 && g_str_equal (words[0], "del"))
    {
      edit->key = g_strdup_printf ("dec:%s", words[1]);
      edit->value = g_strdup ("");
      return TRUE;
    }
  if (n != 3)
    return FALSE;
  if (g_str_equal (words[0], "loc") || g_str_equal (words[0], "notes") ||
      g_str_equal (words[0], "item") || g_str_equal (words[0], "dec") ||
      g_str_equal (words[0], "meeting") || g_str_equal (words[0], "status"))
    {
      edit->key = g_strdup_printf ("%s:%s", words[0], words[1]);
      edit->value = g_strdup (words[2]);
      return TRUE;
    }
  return FALSE;
}

/* The value a key has in the file ("" when its row is gone). */
static char *
actual_value (sqlite3    *db,
              const char *key)
{
  const char *colon = strchr (key, ':');
  g_autofree char *kind = g_strndup (key, colon - key);
  const char *sql = NULL;
  sqlite3_stmt *stmt;
  char *value = NULL;

  if (g_str_equal (kind, "loc"))
    sql = "SELECT coalesce(location, '') FROM meetings WHERE uid = ?";
  else if (g_str_equal (kind, "meeting"))
    sql = "SELECT title FROM meetings WHERE uid = ?";
  else if (g_str_equal (kind, "status"))
    sql = "SELECT status FROM meetings WHERE uid = ?";
  else if (g_str_equal (kind, "item"))
    sql = "SELECT title FROM agenda_items WHERE uid = ?";
  else if (g_str_equal (kind, "notes"))
    sql = "SELECT coalesce(notes, '') FROM agenda_items WHERE uid = ?";
  else if (g_str_equal (kind, "dec"))
    sql = "SELECT text FROM decisions WHERE uid = ?";
  g_assert_nonnull (sql);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, colon + 1, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value != NULL ? value : g_strdup ("");
}

static gint64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt;
  gint64 n = -1;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
expected_rows (GHashTable *expect,
               const char *prefix)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 n = 0;
  g_hash_table_iter_init (&iter, expect);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, prefix) && *(char *) value != '\0')
      n++;
  return n;
}

/* Checks the file against what the writer acknowledged. */
static void
check_file (const char        *path,
            GHashTable        *expect,
            Edit              *in_flight,
            QuorumCrashReport *report)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;
  gboolean flight_applied = FALSE;

  /* Killed before the first writer had made the file, or its schema (a slow start, as under
   * a sanitizer): right only when nothing was acknowledged yet. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      report->losses += g_hash_table_size (expect);
      return;
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    g_error ("integrity_check: %s", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                       "'meetings'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      report->losses += g_hash_table_size (expect);
      return;
    }
  sqlite3_finalize (stmt);

  /* The edit under way: all of it or none of it. */
  if (in_flight->key != NULL)
    {
      g_autofree char *now = actual_value (db, in_flight->key);
      report->in_flight++;
      if (g_str_equal (now, in_flight->value))
        {
          flight_applied = TRUE;
          report->applied++;
          g_hash_table_replace (expect, g_strdup (in_flight->key), g_strdup (in_flight->value));
        }
    }

  g_hash_table_iter_init (&iter, expect);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *now = actual_value (db, key);
      if (!g_str_equal (now, value))
        {
          g_printerr ("lost: %s should be “%s”, is “%s”\n", (char *) key, (char *) value, now);
          report->losses++;
        }
    }

  /* Nothing else: no rows the writer did not report */
  if (count_rows (db, "meetings") != expected_rows (expect, "meeting:") ||
      count_rows (db, "agenda_items") != expected_rows (expect, "item:") ||
      count_rows (db, "decisions") != expected_rows (expect, "dec:"))
    {
      g_printerr ("unexpected rows after kill %u (in flight: %s, applied %d)\n", report->kills,
                  in_flight->key, flight_applied);
      report->losses++;
    }
  sqlite3_close (db);
}

void
quorum_crash_run (const char        *program,
                  const char        *dir,
                  guint              kills,
                  guint32            seed,
                  QuorumCrashReport *report)
{
  g_autofree char *path = g_build_filename (dir, "crash.db", NULL);
  g_autoptr(GHashTable) expect = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GRand *rand = g_rand_new_with_seed (seed);

  memset (report, 0, sizeof *report);
  for (guint k = 0; k < kills; k++)
    {
      g_autofree char *child_seed = g_strdup_printf ("%u", g_rand_int (rand));
      g_auto(GStrv) env = g_get_environ ();
      const char *argv[] = { program, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      Edit in_flight = { NULL, NULL };
      GPid pid;
      int out_fd, status;
      char buffer[4096];
      gssize got;
      g_auto(GStrv) lines = NULL;

      env = g_environ_setenv (env, "QUORUM_CRASH_CHILD", path, TRUE);
      env = g_environ_setenv (env, "QUORUM_CRASH_SEED", child_seed, TRUE);
      if (!g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                     NULL, &pid, NULL, &out_fd, NULL, &error))
        g_error ("%s", error->message);

      /* Let it write for a while, then pull the plug. */
      g_usleep (g_rand_int_range (rand, 20, 120) * 1000);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      while ((got = read (out_fd, buffer, sizeof buffer)) > 0)
        g_string_append_len (output, buffer, got);
      close (out_fd);
      report->kills++;

      lines = g_strsplit (output->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "F "))
            g_error ("the writer failed: %s", lines[i] + 2);
          if (g_str_has_prefix (lines[i], "B "))
            {
              g_clear_pointer (&in_flight.key, g_free);
              g_clear_pointer (&in_flight.value, g_free);
              if (!parse_edit (lines[i] + 2, &in_flight))
                g_error ("unreadable report: %s", lines[i]);
            }
          else if (g_str_equal (lines[i], "A") && in_flight.key != NULL)
            {
              g_hash_table_replace (expect, g_steal_pointer (&in_flight.key),
                                    g_steal_pointer (&in_flight.value));
              report->edits++;
            }
        }
      check_file (path, expect, &in_flight, report);
      g_free (in_flight.key);
      g_free (in_flight.value);
    }
  g_rand_free (rand);
}
