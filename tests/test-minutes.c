/* test-minutes.c: the minutes PDF, checked with the tools an auditor's IT uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "quorum-demo.h"
#include "quorum-minutes.h"
#include "quorum-test-util.h"

/* A4 and the frame of src/evidence/quorum-pdf.c, in pdftotext's coordinates (y down). */
#define PAGE_WIDTH 595.276
#define PAGE_HEIGHT 841.89
#define TEXT_LEFT 56.0
#define TEXT_RIGHT (PAGE_WIDTH - 56.0)
#define CONTENT_TOP 76.0
#define CONTENT_BOTTOM (PAGE_HEIGHT - 64.0)

typedef struct
{
  char *dir;
  QuorumDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = quorum_test_make_dir ();
  path = g_build_filename (f->dir, "quorum.db", NULL);
  f->db = quorum_database_open (path, TRUE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->db);
  quorum_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Runs a command; returns its standard output, or fails the test. */
static char *
run_tool (int        *status,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                     &err, &wait_status, &error))
    g_error ("Cannot run %s: %s", first, error->message);
  if (status != NULL)
    *status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : 1;
  return out;
}

static char *
write_pdf (Fixture       *f,
           QuorumMeeting *meeting,
           const char    *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (quorum_minutes_export (meeting, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_has (const char *text,
            const char *words)
{
  if (strstr (text, words) == NULL)
    g_error ("The PDF's text has no “%s”", words);
}

static guint
count_pages (const char *path)
{
  g_autofree char *info = run_tool (NULL, "pdfinfo", path, NULL);
  const char *pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + 6 + strspn (pages + 6, " "), NULL, 10);
}

/* Every font embedded, no structural errors. */
static void
assert_sound_pdf (const char *path)
{
  int status;
  g_autofree char *fonts = run_tool (&status, "pdffonts", path, NULL);
  g_autofree char *check = NULL;
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  g_autoptr(GRegex) columns = g_regex_new ("\\s(yes|no)\\s+(yes|no)\\s+(yes|no)\\s+[0-9]+\\s+[0-9]+\\s*$",
                                           0, 0, NULL);
  guint n_fonts = 0;

  g_assert_cmpint (status, ==, 0);
  /* The columns end with: emb sub uni object ID */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *embedded = NULL;
      if (*lines[i] == '\0')
        continue;
      if (!g_regex_match (columns, lines[i], 0, &match))
        g_error ("Unexpected pdffonts line: %s", lines[i]);
      embedded = g_match_info_fetch (match, 1);
      if (g_strcmp0 (embedded, "yes") != 0)
        g_error ("A font is not embedded: %s", lines[i]);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 2);

  check = run_tool (&status, "qpdf", "--check", path, NULL);
  g_assert_cmpint (status, ==, 0);
  assert_has (check, "No syntax or stream encoding errors found");

  /* Every font's ToUnicode maps the codes to characters: poppler reads them without a
   * complaint (libharu's own said "Invalid 'begincidrange' operator in ToUnicode CMap") */
  {
    const char *argv[] = { "pdftotext", path, "/dev/null", NULL };
    g_autofree char *complaints = NULL;
    g_autoptr(GError) error = NULL;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                       G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &complaints, NULL, &error))
      g_error ("Cannot run pdftotext: %s", error->message);
    g_assert_cmpstr (complaints, ==, "");
  }
}

static QuorumMeeting *
demo_meeting (Fixture *f,
              guint    position)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (quorum_demo_fill (f->db, 10, 11, &error));
  g_assert_no_error (error);
  return g_list_model_get_item (quorum_database_get_meetings (f->db), position);
}

static void
test_demo_minutes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(QuorumMeeting) meeting = demo_meeting (f, 37);
  g_autofree char *path = write_pdf (f, meeting, "minutes.pdf");
  g_autofree char *text = run_tool (NULL, "pdftotext", "-layout", path, "-", NULL);
  g_autofree char *info = run_tool (NULL, "pdfinfo", path, NULL);
  g_autofree char *last_page = NULL;
  const char *sections[] = {
    "Attendance and quorum", "Agenda and discussion", "Security objectives and measures",
    "Information security incidents", "Decision log", "Resource approvals", "Action items",
    "Carried from earlier reviews", "Policies and roles", "Approval of the minutes",
    "Appendix: ISO/IEC 27001 evidence index", "9.3.2(d4)", "5.1(h)", "NOT COVERED",
    "Quorate:", "Document ID QRM-",
  };
  guint pages = count_pages (path);

  assert_sound_pdf (path);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    assert_has (text, sections[i]);
  /* Every script of the demo's people and notes */
  assert_has (text, quorum_meeting_get_title (meeting));
  assert_has (text, "Αλεξάνδρα Παπαδοπούλου");
  assert_has (text, "Дмитро Коваленко");
  assert_has (text, "王芳");
  assert_has (text, "佐藤 花子");
  assert_has (text, "Siobhán O’Connor");
  last_page = g_strdup_printf ("Page %u of %u", pages, pages);
  assert_has (text, last_page);

  assert_has (info, "Title:           ");
  assert_has (info, quorum_meeting_get_title (meeting));
  assert_has (info, "Author:          Siobhán O’Connor");
  assert_has (info, "Creator:         Quorum");
  assert_has (info, "Keywords:        ISO/IEC 27001");
}

/* Words from pdftotext -bbox: every one inside the page, and everything
 * but the running header and footer inside the text frame. */
static double
attribute (const char *line,
           const char *name)
{
  const char *at = strstr (line, name);
  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (name), NULL);
}

static void
assert_layout_inside_frame (const char *path,
                            guint      *out_pages,
                            guint      *out_words)
{
  g_autofree char *html = run_tool (NULL, "pdftotext", "-bbox", path, "-", NULL);
  g_auto(GStrv) lines = g_strsplit (html, "\n", -1);
  guint words = 0, pages = 0;

  /* One element a line: <page …>, then <word xMin="…" yMin="…" xMax="…" yMax="…">text</word> */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i] + strspn (lines[i], " ");
      double x0, y0, x1, y1;
      gboolean running;

      if (g_str_has_prefix (line, "<page "))
        pages++;
      if (!g_str_has_prefix (line, "<word "))
        continue;
      x0 = attribute (line, "xMin=\"");
      y0 = attribute (line, "yMin=\"");
      x1 = attribute (line, "xMax=\"");
      y1 = attribute (line, "yMax=\"");
      running = y1 < CONTENT_TOP - 12 || y0 > CONTENT_BOTTOM + 10;

      if (x0 < TEXT_LEFT - 1 || x1 > TEXT_RIGHT + 1.5)
        g_error ("%s leaves the text frame sideways (%.1f–%.1f)", line, x0, x1);
      if (!running && (y0 < CONTENT_TOP - 2 || y1 > CONTENT_BOTTOM + 2))
        g_error ("%s is over the header or footer (%.1f–%.1f)", line, y0, y1);
      if (y0 < 0 || y1 > PAGE_HEIGHT)
        g_error ("%s is outside the page", line);
      words++;
    }
  *out_pages = pages;
  *out_words = words;
}

static void
test_long_meeting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *unbroken = g_strnfill (400, 'W');
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint pages, words;

  meeting = quorum_meeting_create (f->db, "Four hundred items", "2026-03-12T10:00:00+01:00",
                                   &error);
  for (int i = 0; i < 4; i++)
    g_string_append (notes, "The forum discussed the risk register in detail and agreed to "
                            "revisit the supplier assessments next quarter. Ελέγχθηκαν οι "
                            "κίνδυνοι. Обсудили риски поставщиков. 供应商风险已审查。 ");
  g_string_append (notes, unbroken);

  g_assert_true (quorum_database_begin (f->db, &error));
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *title = g_strdup_printf ("Agenda item number %d with a title long enough "
                                                "to need a second line in the minutes when it is "
                                                "set in the heading style", i + 1);
      g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (meeting, title, "9.3.2(f)",
                                                                     5, &error);
      g_assert_no_error (error);
      g_assert_true (quorum_record_set_string (item, "notes", notes->str, &error));
      if (i % 50 == 0)
        {
          g_autoptr(QuorumRecord) decision = quorum_meeting_add_decision (meeting, item,
                                                                          notes->str, &error);
          g_assert_no_error (error);
          g_assert_nonnull (decision);
        }
    }
  g_assert_true (quorum_database_commit (f->db, &error));

  path = write_pdf (f, meeting, "long.pdf");
  assert_sound_pdf (path);
  assert_layout_inside_frame (path, &pages, &words);
  g_test_message ("400 items: %u pages, %u words checked", pages, words);
  g_assert_cmpuint (pages, >, 100);
  g_assert_cmpuint (words, >, 50000);

  /* The unbroken 400-character word is all there, broken across lines. */
  text = run_tool (NULL, "pdftotext", path, "-", NULL);
  {
    guint w = 0;
    for (const char *p = text; *p; p++)
      w += *p == 'W';
    g_assert_cmpuint (w, >=, 400 * 408);
  }
  assert_has (text, "Agenda item number 400");
}

static void
test_empty_meeting (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create (f->db, "Nothing minuted yet",
                                                            "2026-03-12T10:00:00+01:00", &error);
  g_autofree char *path = write_pdf (f, meeting, "empty.pdf");
  g_autofree char *text = run_tool (NULL, "pdftotext", "-layout", path, "-", NULL);
  const char *sayings[] = {
    "No attendance was recorded.", "The meeting had no agenda items.",
    "No measurements were recorded for this review.", "No incidents were reported",
    "No decisions were recorded.", "No resources were requested or approved.",
    "No actions were open from earlier reviews.", "No new actions were agreed.",
    "Not quorate: the chair is absent",
  };

  assert_sound_pdf (path);
  for (guint i = 0; i < G_N_ELEMENTS (sayings); i++)
    assert_has (text, sayings[i]);
  g_assert_cmpuint (count_pages (path), <=, 3);
}

static void
test_text_no_font_has (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create (f->db, "Scripts",
                                                            "2026-03-12T10:00:00+01:00", &error);
  g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (meeting, "Everything", NULL, 5,
                                                                 &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_true (quorum_record_set_string (item, "notes",
                                           "Locked 🔐 and signed ✍️. 한국어 보고서. "
                                           "עברית: ניהול סיכונים. Tab\there. Bell\x07.",
                                           &error));
  g_assert_no_error (error);
  path = write_pdf (f, meeting, "scripts.pdf");
  assert_sound_pdf (path);
  text = run_tool (NULL, "pdftotext", path, "-", NULL);
  /* Nothing silently lost: what no font draws shows as U+FFFD. */
  assert_has (text, "Locked \xef\xbf\xbd and signed");
  assert_has (text, "Bell\xef\xbf\xbd.");
  assert_has (text, "한국어 보고서");
  /* Drawn right to left, so a reader gets the words back in their order. */
  assert_has (text, "ניהול סיכונים");
}

/* Text that reached the file without the store's checks (the sqlite3 shell) */
static void
test_invalid_utf8_in_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (f->dir, "quorum.db", NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  {
    g_autoptr(QuorumMeeting) meeting = quorum_meeting_create (f->db, "Edited elsewhere",
                                                              "2026-03-12T10:00:00+01:00", &error);
    g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (meeting, "Notes", NULL, 5,
                                                                   &error);
    g_assert_no_error (error);
    g_assert_nonnull (item);
    id = quorum_record_get_id (QUORUM_RECORD (meeting));
  }
  g_assert_finalize_object (f->db);
  {
    sqlite3 *raw;
    g_assert_cmpint (sqlite3_open (db_path, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, "UPDATE agenda_items SET notes = "
                                        "CAST(X'4F6B20FF20E28220E282AC' AS TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
  }
  f->db = quorum_database_open (db_path, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(QuorumRecord) meeting = quorum_database_lookup (f->db, QUORUM_TABLE_MEETINGS, id,
                                                              &error);
    path = write_pdf (f, QUORUM_MEETING (meeting), "invalid.pdf");
  }
  assert_sound_pdf (path);
  text = run_tool (NULL, "pdftotext", path, "-", NULL);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* Each byte that is not UTF-8 shows as U+FFFD. */
  assert_has (text, "Ok \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd €");
}

static void
test_logo (Fixture       *f,
           gconstpointer  data)
{
  /* A 2×2 PNG, and bytes that only pretend to be one */
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd,
    0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x90,
    0x8a, 0xdf, 0x02, 0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1e, 0x92, 0x04, 0xb5, 0x9c, 0x85, 0x94,
    0x03, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };
  static const guint8 broken[] = { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create (f->db, "With a logo",
                                                            "2026-03-12T10:00:00+01:00", &error);
  g_autoptr(QuorumRecord) organization = quorum_database_dup_organization (f->db, &error);
  g_autoptr(GBytes) good = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) bad = g_bytes_new_static (broken, sizeof broken);
  g_autofree char *with_logo = NULL;
  g_autofree char *images = NULL;
  g_autofree char *without = NULL;
  g_autofree char *text = NULL;

  g_assert_true (quorum_record_set_string (organization, "name", "Aster & Finch", &error));
  g_object_set (organization, "logo", good, NULL);
  with_logo = write_pdf (f, meeting, "logo.pdf");
  images = run_tool (NULL, "pdfimages", "-list", with_logo, NULL);
  assert_has (images, "image       2     2");

  /* A damaged logo is left out; the minutes are still made. */
  g_object_set (organization, "logo", bad, NULL);
  without = write_pdf (f, meeting, "no-logo.pdf");
  assert_sound_pdf (without);
  text = run_tool (NULL, "pdftotext", without, "-", NULL);
  assert_has (text, "Aster & Finch");
}

static void
test_export_leaves_nothing_behind (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create (f->db, "Q1",
                                                            "2026-03-12T10:00:00+01:00", &error);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "folder", "m.pdf", NULL);

  g_assert_false (quorum_minutes_export (meeting, missing, &error));
  g_assert_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_WRITE);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Without its fonts the export fails with a message naming the package, and
 * the file already at the destination is untouched. */
static void
test_missing_fonts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "kept.pdf", NULL);
  g_autofree char *config = g_build_filename (f->dir, "fonts.conf", NULL);
  const char no_fonts[] = "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n";
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) after = NULL;

  quorum_test_write (config, no_fonts, sizeof no_fonts - 1);
  quorum_test_write (pdf, "previous minutes", 16);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "FONTCONFIG_FILE", config, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("QUORUM_CLI"), "--db", db,
                                         "new", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, NULL);
  g_clear_object (&process);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("QUORUM_CLI"), "--db", db,
                                         "export-pdf", "1", "-o", pdf, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  assert_has (err, "DejaVu Sans");
  assert_has (err, "fonts-dejavu-core");
  after = quorum_test_read (pdf);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "previous minutes",
                   16);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;
  quorum_minutes_export_finish (QUORUM_MEETING (source), result, error);
  g_main_context_wakeup (NULL);
  *(gboolean *) g_object_get_data (source, "done") = TRUE;
}

static void
test_export_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(QuorumMeeting) meeting = demo_meeting (f, 20);
  g_autofree char *path = g_build_filename (f->dir, "async.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;
  gboolean done = FALSE;

  g_object_set_data (G_OBJECT (meeting), "done", &done);
  quorum_minutes_export_async (meeting, file, NULL, exported_cb, &error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  assert_sound_pdf (path);
}

/* Ten thousand agenda items, as a runaway import could bring: every one reaches the minutes. */
static void
test_ten_thousand_items (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint pages;

  meeting = quorum_meeting_create (f->db, "Ten thousand items", "2026-03-12T10:00:00+01:00",
                                   &error);
  g_assert_no_error (error);
  g_assert_true (quorum_database_begin (f->db, &error));
  for (int i = 0; i < 10000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Item %05d", i + 1);
      g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (meeting, title, "9.3.2(c)",
                                                                     1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (item);
    }
  g_assert_true (quorum_database_commit (f->db, &error));
  g_assert_cmpuint (g_list_model_get_n_items (quorum_meeting_get_items (meeting,
                                                                        QUORUM_TABLE_AGENDA_ITEMS)),
                    ==, 10000);

  path = write_pdf (f, meeting, "ten-thousand.pdf");
  assert_sound_pdf (path);
  pages = count_pages (path);
  g_test_message ("10,000 items: %u pages", pages);
  g_assert_cmpuint (pages, >, 100);
  text = run_tool (NULL, "pdftotext", path, "-", NULL);
  for (int i = 1; i <= 10000; i += 1111)
    {
      g_autofree char *title = g_strdup_printf ("Item %05d", i);
      assert_has (text, title);
    }
  assert_has (text, "Item 10000");
}

/* A megabyte of notes in one item, in several scripts, is typeset to its last word. */
static void
test_megabyte_field (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(QuorumRecord) item = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  while (notes->len < 1024 * 1024)
    g_string_append (notes, "The forum reviewed the risk treatment plan. راجع المنتدى خطة "
                            "معالجة المخاطر. 论坛审查了风险处理计划。 위험 처리 계획을 검토했다.\n");
  g_string_append (notes, "Closing sentence of the megabyte.");

  meeting = quorum_meeting_create (f->db, "A long discussion", "2026-03-12T10:00:00+01:00",
                                   &error);
  g_assert_no_error (error);
  item = quorum_meeting_add_agenda_item (meeting, "Risk treatment", "9.3.2(e)", 30, &error);
  g_assert_no_error (error);
  g_assert_true (quorum_record_set_string (item, "notes", notes->str, &error));
  g_assert_no_error (error);

  path = write_pdf (f, meeting, "megabyte.pdf");
  assert_sound_pdf (path);
  g_test_message ("1 MB of notes: %u pages", count_pages (path));
  g_assert_cmpuint (count_pages (path), >, 200);
  text = run_tool (NULL, "pdftotext", path, "-", NULL);
  /* Lines may break inside a Chinese sentence, and before the last words. */
  g_strdelimit (text, "\n", ' ');
  assert_has (text, "Closing sentence of the megabyte.");
  {
    /* Arabic is set in its joined presentation forms, which NFKC maps back to letters. */
    g_autofree char *letters = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
    assert_has (letters, "راجع المنتدى خطة معالجة المخاطر");
  }
  {
    g_autoptr(GString) joined = g_string_new (NULL);

    for (const char *p = text; *p != '\0'; p++)
      if (!g_ascii_isspace (*p))
        g_string_append_c (joined, *p);
    assert_has (joined->str, "论坛审查了风险处理计划");
    assert_has (joined->str, "위험처리계획을검토했다");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/minutes/demo", test_demo_minutes);
  ADD ("/minutes/long-meeting", test_long_meeting);
  ADD ("/minutes/empty-meeting", test_empty_meeting);
  ADD ("/minutes/text-no-font-has", test_text_no_font_has);
  ADD ("/minutes/invalid-utf8-in-file", test_invalid_utf8_in_file);
  ADD ("/minutes/logo", test_logo);
  ADD ("/minutes/export-leaves-nothing-behind", test_export_leaves_nothing_behind);
  ADD ("/minutes/missing-fonts", test_missing_fonts);
  ADD ("/minutes/export-async", test_export_async);
  ADD ("/minutes/ten-thousand-items", test_ten_thousand_items);
  ADD ("/minutes/megabyte-field", test_megabyte_field);
#undef ADD

  return g_test_run ();
}
