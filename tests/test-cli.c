/* test-cli.c: quorum-cli as a script or a person runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "quorum-schema.h"
#include "quorum-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *out;   /* standard output of the last run */
  char *err;   /* standard error of the last run */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = quorum_test_make_dir ();
  f->db = g_build_filename (f->dir, "quorum.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  quorum_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->out);
  g_free (f->err);
}

/* Runs quorum-cli with the arguments (NULL-terminated); returns its exit code. */
static const char *language = NULL;  /* LANGUAGE for the next runs, or NULL */

static int
run (Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("QUORUM_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  return quorum_test_spawn ((const char * const *) argv->pdata, data_home, language, &f->out,
                            &f->err);
}

static void
assert_says (const char *text,
             const char *words)
{
  if (strstr (text, words) == NULL)
    g_error ("“%s” does not say “%s”", text, words);
}

static void
test_demo_and_list (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) line = g_regex_new ("^[0-9]+\t[0-9]{4}-[0-9]{2}-[0-9]{2}\t"
                                        "(draft|held|approved|signed)\t.+$", 0, 0, NULL);

  g_assert_cmpint (run (f, "--db", f->db, "demo", "--years", "10", NULL), ==, 0);
  assert_says (f->out, "40");

  g_assert_cmpint (run (f, "--db", f->db, "list", NULL), ==, 0);
  lines = g_strsplit (g_strchomp (f->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 40);
  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_regex_match (line, lines[i], 0, NULL))
      g_error ("Not an ID, date, status and title: “%s”", lines[i]);

  /* Running the demo again adds nothing. */
  g_assert_cmpint (run (f, "--db", f->db, "demo", NULL), ==, 0);
  assert_says (f->out, "already holds 40 meetings");
  /* --db may follow the command; --json gives one object per meeting. */
  g_assert_cmpint (run (f, "list", "--db", f->db, "--json", NULL), ==, 0);
  assert_says (f->out, "\"status\" : \"approved\"");
  {
    guint objects = 0;
    for (const char *p = strstr (f->out, "\"uid\""); p != NULL; p = strstr (p + 1, "\"uid\""))
      objects++;
    g_assert_cmpuint (objects, ==, 40);
  }
}

static void
test_new_and_show (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = NULL;

  g_assert_cmpint (run (f, "--db", f->db, "new", "--template", "iso27001", "--title",
                        "Q1 2027 review", "--date", "2027-02-11T10:00", NULL), ==, 0);
  id = g_strdup (g_strchomp (f->out));
  g_assert_cmpstr (id, ==, "1");

  g_assert_cmpint (run (f, "--db", f->db, "show", id, NULL), ==, 0);
  assert_says (f->out, "Q1 2027 review");
  assert_says (f->out, "Status: draft");
  assert_says (f->out, "Opening, attendance and quorum");
  assert_says (f->out, "[9.3.2(d2)]");
  assert_says (f->out, "Agenda (16)");

  g_assert_cmpint (run (f, "--db", f->db, "list", NULL), ==, 0);
  assert_says (f->out, "1\t2027-02-11\tdraft\tQ1 2027 review\n");
}

static void
test_default_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *expected = g_build_filename (f->dir, "data-home", "quorum", "quorum.db", NULL);
  g_autofree char *folder = g_path_get_dirname (expected);
  struct stat st;

  g_assert_cmpint (run (f, "new", "--title", "Default place", NULL), ==, 0);
  g_assert_cmpint (g_stat (expected, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (run (f, "list", NULL), ==, 0);
  assert_says (f->out, "Default place");
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "meeting.json", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *first = NULL;

  g_assert_cmpint (run (f, "--db", f->db, "demo", "--years", "1", NULL), ==, 0);
  g_assert_cmpint (run (f, "--db", f->db, "export-json", "1", "-o", file, NULL), ==, 0);
  g_assert_cmpint (run (f, "--db", f->db, "export-json", "1", NULL), ==, 0);
  first = g_steal_pointer (&f->out);

  g_assert_cmpint (run (f, "--db", other, "import", file, NULL), ==, 0);
  g_assert_cmpstr (g_strchomp (f->out), ==, "1");
  g_assert_cmpint (run (f, "--db", other, "export-json", "1", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, first);

  /* A second import of the same meeting is refused. */
  g_assert_cmpint (run (f, "--db", other, "import", file, NULL), ==, 5);
  assert_says (f->err, "$.meeting.uid: this meeting is already in the database");
  assert_says (f->err, "the database is unchanged");
}

static void
test_bad_import (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "bad.json", NULL);
  const char bad[] = "{\"format\": \"quorum-meeting\", \"version\": 1, \"meeting\": "
                     "{\"uid\": \"m\", \"title\": \"Q\", \"starts_at\": \"tomorrow\"}}";

  quorum_test_write (file, bad, sizeof bad - 1);
  g_assert_cmpint (run (f, "--db", f->db, "import", file, NULL), ==, 5);
  assert_says (f->err, "$.meeting.starts_at:");
  g_assert_cmpint (run (f, "--db", f->db, "list", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "");
}

static void
test_exit_codes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  const char words[] = "These are meeting notes typed in a text editor, long enough to fill "
                       "the first hundred bytes that SQLite reads as its header.\n";
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_cmpint (run (f, NULL), ==, 2);
  assert_says (f->out, "Usage: quorum-cli");
  g_assert_cmpint (run (f, "--db", f->db, "frobnicate", NULL), ==, 2);
  g_assert_cmpint (run (f, "--db", f->db, "show", NULL), ==, 2);
  g_assert_cmpint (run (f, "--db", f->db, "list", "--colour", NULL), ==, 2);
  g_assert_cmpint (run (f, "--db", f->db, "new", "--date", "someday", NULL), ==, 2);
  g_assert_cmpint (run (f, "--db", f->db, "show", "999", NULL), ==, 4);
  assert_says (f->err, "There is no meeting 999");
  g_assert_cmpint (run (f, "--db", f->db, "import", missing, NULL), ==, 4);
  g_assert_cmpint (run (f, "--db", f->db, "new", "--template", "iso9001", NULL), ==, 4);

  /* A file that is not a Quorum database is refused and left alone. */
  quorum_test_write (text, words, sizeof words - 1);
  before = quorum_test_read (text);
  g_assert_cmpint (run (f, "--db", text, "list", NULL), ==, 3);
  assert_says (f->err, "not a Quorum database");
  after = quorum_test_read (text);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_newer_database (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *raw;

  g_assert_cmpint (run (f, "--db", f->db, "new", NULL), ==, 0);
  g_assert_cmpint (sqlite3_open (f->db, &raw), ==, SQLITE_OK);
  {
    g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d",
                                              QUORUM_SCHEMA_VERSION + 1);
    g_assert_cmpint (sqlite3_exec (raw, newer, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (raw);

  g_assert_cmpint (run (f, "--db", f->db, "list", NULL), ==, 3);
  assert_says (f->err, "newer version of Quorum");
}

static void
test_german (Fixture       *f,
             gconstpointer  data)
{
  language = "de";
  g_assert_cmpint (run (f, "help", NULL), ==, 0);
  assert_says (f->out, "Aufruf: quorum-cli");
  g_assert_cmpint (run (f, "--db", f->db, "new", "--template", "iso27001", NULL), ==, 0);
  g_assert_cmpint (run (f, "--db", f->db, "show", "1", NULL), ==, 0);
  assert_says (f->out, "Managementbewertung nach ISO/IEC 27001:2022");
  assert_says (f->out, "Eröffnung, Anwesenheit und Beschlussfähigkeit");
  g_assert_cmpint (run (f, "--db", f->db, "show", "7", NULL), ==, 4);
  assert_says (f->err, "Es gibt keine Sitzung 7");
  language = NULL;
}

/* File names are names, never shell text: whatever they hold, the file gets exactly that name. */
static void
test_hostile_file_names (Fixture       *f,
                         gconstpointer  data)
{
  const char *names[] = {
    "$(touch PWNED).pdf",
    "`touch PWNED`; echo x.json",
    "\"; touch PWNED; \".db",
    "-o --db 'quoted' & touch PWNED |.pdf",
  };
  g_autofree char *pwned = g_build_filename (f->dir, "PWNED", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, names[0], NULL);
  g_autofree char *json = g_build_filename (f->dir, names[1], NULL);
  g_autofree char *db = g_build_filename (f->dir, names[2], NULL);
  g_autofree char *pdf2 = g_build_filename (f->dir, names[3], NULL);
  g_autofree char *cwd = g_get_current_dir ();

  /* quorum-cli runs in the test's folder, where a shell would have made PWNED */
  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  g_assert_cmpint (run (f, "--db", db, "demo", "--years", "1", NULL), ==, 0);
  g_assert_cmpint (run (f, "--db", db, "export-pdf", "1", "-o", pdf, NULL), ==, 0);
  g_assert_cmpint (run (f, "--db", db, "export-json", "1", "-o", json, NULL), ==, 0);
  g_assert_cmpint (run (f, "--db", db, "export-pdf", "2", "-o", pdf2, NULL), ==, 0);
  g_assert_cmpint (run (f, "--db", db, "import", json, NULL), ==, 5);   /* already there */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("“%s” was not written under its own name", names[i]);
    }
  g_assert_false (g_file_test (pwned, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("QUORUM_CLI") == NULL)
    {
      g_printerr ("Set QUORUM_CLI to the quorum-cli to test (meson test does).\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/demo-and-list", test_demo_and_list);
  ADD ("/cli/new-and-show", test_new_and_show);
  ADD ("/cli/default-database", test_default_database);
  ADD ("/cli/export-import", test_export_import);
  ADD ("/cli/hostile-file-names", test_hostile_file_names);
  ADD ("/cli/bad-import", test_bad_import);
  ADD ("/cli/exit-codes", test_exit_codes);
  ADD ("/cli/newer-database", test_newer_database);
  ADD ("/cli/german", test_german);
#undef ADD

  return g_test_run ();
}
