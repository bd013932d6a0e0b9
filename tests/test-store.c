/* test-store.c: the SQLite file: schema, bad files, locks, triggers, audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pwd.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quorum-store.h"
#include "quorum-test-damage.h"
#include "quorum-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = quorum_test_make_dir ();
  f->path = g_build_filename (f->dir, "nested", "folder", "quorum.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  quorum_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static QuorumStore *
open_new (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  QuorumStore *store = quorum_store_open (f->path, QUORUM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  return db;
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value = -1;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Runs SQL as the sqlite3 shell would; returns SQLite's error message or NULL. */
static char *
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  char *copy;
  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return NULL;
  copy = g_strdup (message);
  sqlite3_free (message);
  return copy;
}

static void
set_text (GValue     *value,
          const char *text)
{
  g_value_init (value, G_TYPE_STRING);
  g_value_set_string (value, text);
}

static gint64
insert_person (QuorumStore *store,
               const char  *name)
{
  const QuorumTable *t = quorum_schema_table (QUORUM_TABLE_PEOPLE);
  g_autofree GValue *values = g_new0 (GValue, t->n_columns);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  set_text (&values[quorum_table_column_index (t, "name")], name);
  quorum_store_insert (store, QUORUM_TABLE_PEOPLE, NULL, values, &id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < t->n_columns; i++)
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);
  return id;
}

static gint64
insert_meeting (QuorumStore *store,
                const char  *title)
{
  const QuorumTable *t = quorum_schema_table (QUORUM_TABLE_MEETINGS);
  g_autofree GValue *values = g_new0 (GValue, t->n_columns);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  set_text (&values[quorum_table_column_index (t, "title")], title);
  set_text (&values[quorum_table_column_index (t, "starts_at")], "2026-03-12T10:00:00+01:00");
  quorum_store_insert (store, QUORUM_TABLE_MEETINGS, NULL, values, &id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < t->n_columns; i++)
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);
  return id;
}

static gint64
insert_agenda_item (QuorumStore *store,
                    gint64       meeting,
                    const char  *title,
                    GError     **error)
{
  const QuorumTable *t = quorum_schema_table (QUORUM_TABLE_AGENDA_ITEMS);
  g_autofree GValue *values = g_new0 (GValue, t->n_columns);
  gint64 id = 0;

  g_value_init (&values[t->parent_column], G_TYPE_INT64);
  g_value_set_int64 (&values[t->parent_column], meeting);
  set_text (&values[quorum_table_column_index (t, "title")], title);
  quorum_store_insert (store, QUORUM_TABLE_AGENDA_ITEMS, NULL, values, &id, error);
  for (guint i = 0; i < t->n_columns; i++)
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);
  return id;
}

static gboolean
update_text (QuorumStore   *store,
             QuorumTableId  table,
             gint64         id,
             const char    *column,
             const char    *text,
             GError       **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  set_text (&value, text);
  return quorum_store_update (store, table, id,
                              quorum_table_column_index (quorum_schema_table (table), column),
                              &value, error);
}

/* ---- a new file ------------------------------------------------------------ */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(QuorumStore) store = open_new (f);
  g_autofree char *folder = g_path_get_dirname (f->path);
  struct stat st;
  sqlite3 *raw;

  g_assert_cmpint (quorum_store_get_schema_version (store), ==, QUORUM_SCHEMA_VERSION);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  raw = open_raw (f->path);
  g_assert_cmpint (raw_int (raw, "PRAGMA application_id"), ==, QUORUM_APPLICATION_ID);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, QUORUM_SCHEMA_VERSION);
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE "
                                              "type = 'table' AND name = '%s'",
                                              quorum_schema_table (t)->name);
      g_assert_cmpint (raw_int (raw, sql), ==, 1);
    }
  sqlite3_close (raw);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  {
    g_autoptr(QuorumStore) store = open_new (f);
    id = insert_person (store, "Jürgen Müller");
  }
  {
    g_autoptr(QuorumStore) store = quorum_store_open (f->path, QUORUM_STORE_OPEN_NONE, &error);
    const QuorumTable *t = quorum_schema_table (QUORUM_TABLE_PEOPLE);
    g_autofree GValue *values = g_new0 (GValue, t->n_columns);
    g_autofree char *uid = NULL;

    g_assert_no_error (error);
    quorum_store_load (store, QUORUM_TABLE_PEOPLE, id, &uid, values, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_value_get_string (&values[0]), ==, "Jürgen Müller");
    g_assert_nonnull (uid);
    for (guint i = 0; i < t->n_columns; i++)
      g_value_unset (&values[i]);
  }
}

static void
test_missing_without_create (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (f->path, QUORUM_STORE_OPEN_NONE, &error);

  g_assert_null (store);
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* ---- files that must be refused, untouched ------------------------------------ */

static void
assert_refused_unchanged (const char *path,
                          int         code,
                          const char *words)
{
  g_autoptr(GBytes) before = quorum_test_read (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = quorum_store_open (path, QUORUM_STORE_OPEN_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, QUORUM_STORE_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);

  after = quorum_test_read (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  const char text[] = "Minutes of the board meeting, typed in a text editor.\n"
                      "This file is long enough to have a header of a hundred bytes, "
                      "which SQLite reads first.\n";
  g_autofree char *path = g_build_filename (f->dir, "minutes.txt", NULL);

  quorum_test_write (path, text, sizeof text - 1);
  assert_refused_unchanged (path, QUORUM_STORE_ERROR_NOT_A_DATABASE, "not a Quorum database");
}

static void
test_other_program (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "other.sqlite", NULL);
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_null (raw_exec (raw, "CREATE TABLE bookmarks (url TEXT); "
                                "INSERT INTO bookmarks VALUES ('https://example.com')"));
  sqlite3_close (raw);

  assert_refused_unchanged (path, QUORUM_STORE_ERROR_NOT_QUORUM, "another program");
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *raw;

  g_clear_object (&(QuorumStore *) { open_new (f) });
  raw = open_raw (f->path);
  g_assert_null (raw_exec (raw, "PRAGMA user_version = 7"));
  sqlite3_close (raw);

  assert_refused_unchanged (f->path, QUORUM_STORE_ERROR_TOO_NEW, "newer version of Quorum");
}

static void
fill_pages (Fixture *f)
{
  g_autoptr(QuorumStore) store = open_new (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (500, 'x');

  quorum_store_begin (store, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 400; i++)
    insert_person (store, long_name);
  quorum_store_commit (store, &error);
  g_assert_no_error (error);
  /* Closing the last connection writes the WAL back into the file. */
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) whole = NULL;
  gsize size;
  const guint8 *bytes;

  fill_pages (f);
  whole = quorum_test_read (f->path);
  bytes = g_bytes_get_data (whole, &size);
  g_assert_cmpuint (size, >, 64 * 1024);
  quorum_test_write (f->path, bytes, size / 2);

  assert_refused_unchanged (f->path, QUORUM_STORE_ERROR_CORRUPT, "damaged");
}

/* Garbles the cell pointers of the people table's root page of a filled file. */
static void
flip_bits (Fixture *f)
{
  fill_pages (f);
  g_bytes_unref (quorum_test_garble_root_page (f->path, "people", 12, 40));
}

static void
test_bit_flipped (Fixture       *f,
                  gconstpointer  data)
{
  flip_bits (f);
  assert_refused_unchanged (f->path, QUORUM_STORE_ERROR_CORRUPT, "damaged");
}

/* With the check on its own thread the file opens at once, but a damaged one still takes
 * no write: the first write waits for the check and is refused, the file left as it was. */
static void
test_check_later (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  const QuorumTable *t = quorum_schema_table (QUORUM_TABLE_PEOPLE);
  g_autofree GValue *values = g_new0 (GValue, t->n_columns);
  gint64 id = 0;

  /* A sound file: writes go ahead once the check has passed */
  fill_pages (f);
  {
    g_autoptr(QuorumStore) store = quorum_store_open (f->path, QUORUM_STORE_OPEN_CHECK_LATER,
                                                      &error);
    g_assert_no_error (error);
    /* The check ends on its own, without anyone waiting for it */
    while (!quorum_store_check_is_over (store))
      g_usleep (1000);
    insert_person (store, "Written after the check");
    g_assert_true (quorum_store_finish_check (store, &error));
    g_assert_no_error (error);
  }
  quorum_test_delete_database (f->path);

  flip_bits (f);
  before = quorum_test_read (f->path);
  {
    g_autoptr(QuorumStore) store = quorum_store_open (f->path, QUORUM_STORE_OPEN_CHECK_LATER,
                                                      &error);
    g_assert_no_error (error);
    g_value_init (&values[quorum_table_column_index (t, "name")], G_TYPE_STRING);
    g_value_set_string (&values[quorum_table_column_index (t, "name")], "Never written");
    g_assert_false (quorum_store_insert (store, QUORUM_TABLE_PEOPLE, NULL, values, &id, &error));
    g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "damaged"));
    g_clear_error (&error);
    g_assert_false (quorum_store_begin (store, &error));
    g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
    g_assert_true (quorum_store_check_is_over (store));
    g_assert_false (quorum_store_finish_check (store, &error));
    g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_CORRUPT);
    g_value_unset (&values[quorum_table_column_index (t, "name")]);
  }
  after = quorum_test_read (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* ---- locks and permissions ----------------------------------------------------- */

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(QuorumStore) store = open_new (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) other = NULL;
  g_autoptr(GDataInputStream) replies = NULL;
  g_autofree char *ready = NULL;
  const char *hold = "BEGIN IMMEDIATE;\n"
                     "INSERT INTO people (uid, name) VALUES ('held', 'Held by another program');\n"
                     "SELECT 'ready';\n";
  const char *release = "ROLLBACK;\n.quit\n";
  GOutputStream *commands;
  sqlite3 *raw;

  insert_person (store, "Before the lock");

  /* Another program, the sqlite3 shell, holds a write transaction. */
  other = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            "sqlite3", f->path, NULL);
  g_assert_no_error (error);
  commands = g_subprocess_get_stdin_pipe (other);
  g_output_stream_write_all (commands, hold, strlen (hold), NULL, NULL, &error);
  g_output_stream_flush (commands, NULL, &error);
  g_assert_no_error (error);
  replies = g_data_input_stream_new (g_subprocess_get_stdout_pipe (other));
  ready = g_data_input_stream_read_line (replies, NULL, NULL, &error);
  g_assert_cmpstr (ready, ==, "ready");

  quorum_store_set_busy_timeout (store, 200);
  {
    const QuorumTable *t = quorum_schema_table (QUORUM_TABLE_PEOPLE);
    g_autofree GValue *values = g_new0 (GValue, t->n_columns);
    set_text (&values[0], "During the lock");
    g_assert_false (quorum_store_insert (store, QUORUM_TABLE_PEOPLE, NULL, values, NULL, &error));
    g_value_unset (&values[0]);
  }
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_clear_error (&error);

  g_output_stream_write_all (commands, release, strlen (release), NULL, NULL, &error);
  g_output_stream_close (commands, NULL, &error);
  g_assert_true (g_subprocess_wait_check (other, NULL, &error));
  g_assert_no_error (error);

  /* Once the other program lets go, work goes on and nothing was lost. */
  insert_person (store, "After the lock");
  raw = open_raw (f->path);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM people"), ==, 2);
  sqlite3_close (raw);
}

/* Root may write any file, so permission tests run as the unprivileged
 * user "nobody" in a subprocess. */
static gboolean
drop_privileges (void)
{
  struct passwd *nobody;

  if (geteuid () != 0)
    return TRUE;
  nobody = getpwnam ("nobody");
  if (nobody == NULL)
    return FALSE;
  return setgid (nobody->pw_gid) == 0 && setuid (nobody->pw_uid) == 0;
}

static void
chown_to_nobody (const char *path)
{
  struct passwd *nobody = getpwnam ("nobody");
  if (geteuid () == 0 && nobody != NULL)
    g_assert_cmpint (chown (path, nobody->pw_uid, nobody->pw_gid), ==, 0);
}

static void
prepare_read_only (Fixture  *f,
                   gboolean  folder)
{
  g_autofree char *nested = g_path_get_dirname (f->path);
  g_autofree char *parent = g_path_get_dirname (nested);

  g_clear_object (&(QuorumStore *) { open_new (f) });
  g_chmod (f->dir, 0755);
  g_chmod (parent, 0755);
  chown_to_nobody (nested);
  chown_to_nobody (f->path);
  if (folder)
    g_chmod (nested, 0555);
  else
    g_chmod (f->path, 0444);
}

static void
run_read_only_check (Fixture    *f,
                     const char *subprocess_path)
{
  g_autoptr(GBytes) before = quorum_test_read (f->path);
  g_autoptr(GBytes) after = NULL;

  g_setenv ("QUORUM_TEST_DB", f->path, TRUE);
  g_test_trap_subprocess (subprocess_path, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  after = quorum_test_read (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
read_only_subprocess (const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = NULL;

  if (!drop_privileges ())
    {
      g_test_skip ("cannot become the user nobody");
      return;
    }
  store = quorum_store_open (g_getenv ("QUORUM_TEST_DB"), QUORUM_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_READ_ONLY);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      read_only_subprocess ("cannot be written");
      return;
    }
  prepare_read_only (f, FALSE);
  run_read_only_check (f, "/store/read-only-file");
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      read_only_subprocess ("folder");
      return;
    }
  prepare_read_only (f, TRUE);
  run_read_only_check (f, "/store/read-only-folder");
}

/* ---- values, triggers, audit ---------------------------------------------------- */

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(QuorumStore) store = open_new (f);
  gint64 meeting = insert_meeting (store, "Q1 review");
  struct { QuorumTableId table; const char *column; const char *value; } bad[] = {
    { QUORUM_TABLE_MEETINGS, "title", "   " },
    { QUORUM_TABLE_MEETINGS, "title", "bad \xff\xfe bytes" },
    { QUORUM_TABLE_MEETINGS, "status", "finished" },
    { QUORUM_TABLE_MEETINGS, "starts_at", "2026-03-12 10:00" },
    { QUORUM_TABLE_MEETINGS, "starts_at", "2026-02-30T10:00:00+01:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (update_text (store, bad[i].table, meeting, bad[i].column, bad[i].value,
                                   &error));
      g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID);
    }

  /* The same rules hold against raw SQL. */
  {
    sqlite3 *raw = open_raw (f->path);
    g_autofree char *e1 = raw_exec (raw, "UPDATE meetings SET status = 'finished'");
    g_autofree char *e2 = raw_exec (raw, "UPDATE meetings SET title = ''");
    g_autofree char *e3 = raw_exec (raw, "INSERT INTO incidents (uid, meeting, reference, "
                                         "occurred_on) VALUES ('i', 1, 'INC-1', '2026-13-01')");
    g_autofree char *e4 = raw_exec (raw, "INSERT INTO resource_approvals (uid, meeting, "
                                         "description, currency) VALUES ('r', 1, 'x', 'euro')");
    g_assert_nonnull (e1);
    g_assert_nonnull (e2);
    g_assert_nonnull (e3);
    g_assert_nonnull (e4);
    sqlite3_close (raw);
  }
}

static void
test_frozen_triggers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QuorumStore) store = open_new (f);
  g_autoptr(GError) error = NULL;
  gint64 meeting = insert_meeting (store, "Approved review");
  gint64 item = insert_agenda_item (store, meeting, "Audit results", &error);
  const char *refused[] = {
    "UPDATE agenda_items SET title = 'Rewritten history'",
    "DELETE FROM agenda_items",
    "INSERT INTO decisions (uid, meeting, number, text) VALUES ('d', 1, 1, 'Late decision')",
    "UPDATE meetings SET title = 'Another title'",
    "UPDATE meetings SET status = 'draft'",
    "DELETE FROM meetings",
  };
  sqlite3 *raw;

  g_assert_no_error (error);
  g_assert_true (update_text (store, QUORUM_TABLE_MEETINGS, meeting, "status", "approved", &error));
  g_assert_no_error (error);

  /* Through the store */
  g_assert_false (update_text (store, QUORUM_TABLE_AGENDA_ITEMS, item, "title", "Changed", &error));
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  insert_agenda_item (store, meeting, "Added later", &error);
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (quorum_store_delete (store, QUORUM_TABLE_MEETINGS, meeting, &error));
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_FROZEN);
  g_clear_error (&error);

  /* Through the sqlite3 shell's way in */
  raw = open_raw (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *message = raw_exec (raw, refused[i]);
      if (message == NULL || strstr (message, "quorum-frozen") == NULL)
        g_error ("“%s” was not refused (%s)", refused[i], message);
    }
  /* Signing is the one change an approved meeting still takes. */
  g_assert_null (raw_exec (raw, "UPDATE meetings SET status = 'signed'"));
  {
    g_autofree char *message = raw_exec (raw, "UPDATE meetings SET status = 'approved'");
    g_assert_nonnull (message);
  }
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM agenda_items"), ==, 1);
  sqlite3_close (raw);
}

/* A file of schema version 1 (its audit triggers wrote one statement per column) is brought
 * to the current version on opening: every trigger is made again from the schema description,
 * and one that is not Quorum's goes. */
static void
test_migrate_triggers (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 triggers, person;
  sqlite3 *raw;

  g_clear_object (&(QuorumStore *) { open_new (f) });
  raw = open_raw (f->path);
  triggers = raw_int (raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'");
  g_assert_cmpint (triggers, >, 3 * QUORUM_N_TABLES);
  /* Version 1's update trigger of people, in its own words */
  {
    g_autofree char *e1 = raw_exec (raw, "DROP TRIGGER people_audit_update");
    g_autofree char *e2 = raw_exec (raw, "CREATE TRIGGER people_audit_update AFTER UPDATE ON "
                                         "people BEGIN INSERT INTO audit_log (at, operation, "
                                         "table_name, record_id, field, old_value, new_value) "
                                         "SELECT 'then', 'update', 'people', NEW.id, 'name', "
                                         "OLD.name, NEW.name WHERE OLD.name IS NOT NEW.name; END");
    g_autofree char *e3 = raw_exec (raw, "CREATE TRIGGER stray AFTER INSERT ON people BEGIN "
                                         "SELECT 1; END");
    g_autofree char *e4 = raw_exec (raw, "PRAGMA user_version = 1");
    g_assert_null (e1);
    g_assert_null (e2);
    g_assert_null (e3);
    g_assert_null (e4);
  }
  sqlite3_close (raw);

  store = quorum_store_open (f->path, QUORUM_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (quorum_store_get_schema_version (store), ==, QUORUM_SCHEMA_VERSION);
  person = insert_person (store, "Ada");
  g_assert_true (update_text (store, QUORUM_TABLE_PEOPLE, person, "name", "Ada Lovelace", &error));
  g_assert_no_error (error);
  entries = quorum_store_read_audit (store, 0, &error);
  g_assert_no_error (error);
  {
    QuorumAuditEntry *last = g_ptr_array_index (entries, entries->len - 1);
    g_assert_cmpstr (last->operation, ==, "update");
    g_assert_cmpstr (last->field, ==, "name");
    g_assert_cmpstr (last->old_value, ==, "Ada");
    g_assert_cmpstr (last->new_value, ==, "Ada Lovelace");
    g_assert_cmpstr (last->at, !=, "then");
  }

  raw = open_raw (f->path);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, QUORUM_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"),
                   ==, triggers);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_schema WHERE name = 'stray'"), ==,
                   0);
  sqlite3_close (raw);
}

/* Each column's change is logged once, in the columns' order; a blob by its size, and a blob
 * changed to another of the same size too. */
static void
test_audit_columns (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(QuorumStore) store = open_new (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const QuorumTable *org = quorum_schema_table (QUORUM_TABLE_ORGANIZATION);
  int logo = quorum_table_column_index (org, "logo");
  int name = quorum_table_column_index (org, "name");
  GValue value = G_VALUE_INIT;
  gint64 id;
  guint first;

  g_assert_cmpint (logo, >=, 0);
  g_assert_cmpint (name, >=, 0);
  {
    g_autofree GValue *values = g_new0 (GValue, org->n_columns);
    set_text (&values[name], "Acme");
    g_assert_true (quorum_store_insert (store, QUORUM_TABLE_ORGANIZATION, NULL, values, &id,
                                       &error));
    g_value_unset (&values[name]);
  }
  entries = quorum_store_read_audit (store, 0, &error);
  first = entries->len;
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_value_init (&value, G_TYPE_BYTES);
  g_value_take_boxed (&value, g_bytes_new_static ("abcd", 4));
  g_assert_true (quorum_store_update (store, QUORUM_TABLE_ORGANIZATION, id, logo, &value, &error));
  g_value_take_boxed (&value, g_bytes_new_static ("wxyz", 4));
  g_assert_true (quorum_store_update (store, QUORUM_TABLE_ORGANIZATION, id, logo, &value, &error));
  g_value_unset (&value);
  g_assert_true (update_text (store, QUORUM_TABLE_ORGANIZATION, id, "name", "Acme", &error));
  g_assert_no_error (error);

  entries = quorum_store_read_audit (store, 0, &error);
  g_assert_no_error (error);
  /* The same name again changes nothing; both logos are logged */
  g_assert_cmpuint (entries->len, ==, first + 2);
  for (guint i = first; i < entries->len; i++)
    {
      QuorumAuditEntry *e = g_ptr_array_index (entries, i);
      g_assert_cmpstr (e->operation, ==, "update");
      g_assert_cmpstr (e->field, ==, "logo");
      g_assert_cmpstr (e->new_value, ==, "4 bytes");
    }
  g_assert_true (quorum_store_delete (store, QUORUM_TABLE_ORGANIZATION, id, &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = quorum_store_read_audit (store, 0, &error);
  /* On delete: the uid first, then each column that held a value, in order */
  {
    guint i = first + 2;
    QuorumAuditEntry *e = g_ptr_array_index (entries, i);
    g_assert_cmpstr (e->operation, ==, "delete");
    g_assert_cmpstr (e->field, ==, "uid");
    for (i++; i < entries->len; i++)
      {
        QuorumAuditEntry *next = g_ptr_array_index (entries, i);
        g_assert_cmpstr (next->operation, ==, "delete");
        g_assert_cmpint (quorum_table_column_index (org, e->field), <,
                         quorum_table_column_index (org, next->field));
        g_assert_null (next->new_value);
        e = next;
      }
  }
}

static void
test_audit_log (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(QuorumStore) store = open_new (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 person = insert_person (store, "Jurgen Muller");
  gboolean saw_insert = FALSE, saw_update = FALSE, saw_delete = FALSE;
  sqlite3 *raw;

  g_assert_true (update_text (store, QUORUM_TABLE_PEOPLE, person, "name", "Jürgen Müller", &error));
  g_assert_true (quorum_store_delete (store, QUORUM_TABLE_PEOPLE, person, &error));
  g_assert_no_error (error);

  entries = quorum_store_read_audit (store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      QuorumAuditEntry *e = g_ptr_array_index (entries, i);
      g_assert_cmpstr (e->table_name, ==, "people");
      g_assert_cmpint (e->record_id, ==, person);
      g_assert_nonnull (e->at);
      if (g_str_equal (e->operation, "insert") && g_strcmp0 (e->field, "name") == 0)
        saw_insert = g_str_equal (e->new_value, "Jurgen Muller");
      if (g_str_equal (e->operation, "update"))
        {
          g_assert_cmpstr (e->field, ==, "name");
          g_assert_cmpstr (e->old_value, ==, "Jurgen Muller");
          g_assert_cmpstr (e->new_value, ==, "Jürgen Müller");
          saw_update = TRUE;
        }
      if (g_str_equal (e->operation, "delete") && g_strcmp0 (e->field, "name") == 0)
        saw_delete = g_str_equal (e->old_value, "Jürgen Müller");
    }
  g_assert_true (saw_insert && saw_update && saw_delete);

  /* Append-only, even for the sqlite3 shell */
  raw = open_raw (f->path);
  {
    g_autofree char *e1 = raw_exec (raw, "DELETE FROM audit_log");
    g_autofree char *e2 = raw_exec (raw, "UPDATE audit_log SET new_value = 'forged'");
    g_assert_nonnull (e1);
    g_assert_nonnull (e2);
  }
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM audit_log"), ==, entries->len);
  sqlite3_close (raw);
}

static void
test_bound_parameters (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(QuorumStore) store = open_new (f);
  const char *hostile = "Robert'); DROP TABLE people; --";
  gint64 id = insert_person (store, hostile);
  sqlite3 *raw = open_raw (f->path);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM people WHERE id = %"
                                          G_GINT64_FORMAT " AND name = 'Robert''); DROP TABLE "
                                          "people; --'", id);

  g_assert_cmpint (raw_int (raw, sql), ==, 1);
  sqlite3_close (raw);
}

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(QuorumStore) store = open_new (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  insert_person (store, "Kept");
  g_assert_true (quorum_store_begin (store, &error));
  insert_person (store, "Outer");
  g_assert_true (quorum_store_begin (store, &error));
  insert_person (store, "Inner");
  quorum_store_rollback (store);
  g_assert_true (quorum_store_commit (store, &error));
  g_assert_true (quorum_store_begin (store, &error));
  insert_person (store, "Rolled back");
  quorum_store_rollback (store);
  g_assert_no_error (error);

  ids = quorum_store_list_ids (store, QUORUM_TABLE_PEOPLE, -1, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);  /* "Kept" and "Outer" */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/create", test_create);
  ADD ("/store/reopen", test_reopen);
  ADD ("/store/missing-without-create", test_missing_without_create);
  ADD ("/store/not-a-database", test_not_a_database);
  ADD ("/store/other-program", test_other_program);
  ADD ("/store/newer-version", test_newer_version);
  ADD ("/store/truncated", test_truncated);
  ADD ("/store/bit-flipped", test_bit_flipped);
  ADD ("/store/check-later", test_check_later);
  ADD ("/store/locked", test_locked);
  ADD ("/store/read-only-file", test_read_only_file);
  ADD ("/store/read-only-folder", test_read_only_folder);
  ADD ("/store/validation", test_validation);
  ADD ("/store/frozen-triggers", test_frozen_triggers);
  ADD ("/store/audit-log", test_audit_log);
  ADD ("/store/audit-columns", test_audit_columns);
  ADD ("/store/migrate-triggers", test_migrate_triggers);
  ADD ("/store/bound-parameters", test_bound_parameters);
  ADD ("/store/transaction-rollback", test_transaction_rollback);
#undef ADD

  return g_test_run ();
}
