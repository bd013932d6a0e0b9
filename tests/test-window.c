/* test-window.c: the main window, on a real display (Xvfb in CI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "quorum-demo.h"
#include "quorum-test-util.h"
#include "quorum-window.h"

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
  f->path = g_build_filename (f->dir, "quorum.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  quorum_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static QuorumDatabase *
open_db (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  QuorumDatabase *db = quorum_database_open (f->path, TRUE, &error);
  g_assert_no_error (error);
  return db;
}

/* Inside the visible part of every scrolled window it is in: list views
 * keep rows that are scrolled away mapped, just placed out of sight. */
static gboolean
on_screen (GtkWidget *widget)
{
  for (GtkWidget *ancestor = gtk_widget_get_parent (widget); ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      graphene_rect_t bounds;
      if (!GTK_IS_SCROLLED_WINDOW (ancestor))
        continue;
      if (!gtk_widget_compute_bounds (widget, ancestor, &bounds))
        return FALSE;
      if (bounds.origin.y + bounds.size.height <= 0 ||
          bounds.origin.y >= gtk_widget_get_height (ancestor) ||
          bounds.origin.x + bounds.size.width <= 0 ||
          bounds.origin.x >= gtk_widget_get_width (ancestor))
        return FALSE;
    }
  return TRUE;
}

/* A label showing `text` that a person can see right now. */
static GtkWidget *
find_visible_label (GtkWidget  *widget,
                    const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      on_screen (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* In `window` or in a dialog it opened */
static GtkWidget *
find_label_anywhere (GtkWidget  *window,
                     const char *text)
{
  g_autoptr(GList) toplevels = NULL;
  GtkWidget *found = find_visible_label (window, text);

  if (found != NULL)
    return found;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      found = find_visible_label (l->data, text);
  return found;
}

/* Runs the main loop until `text` shows in the window or its dialogs, or fails after 10 s. */
static void
wait_for_label (GtkWidget  *window,
                const char *text)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  while (find_label_anywhere (window, text) == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("“%s” never appeared in the window", text);
  g_source_remove (timeout);
}

/* With QUORUM_TEST_SCREENSHOTS=DIR, saves what the window shows as DIR/NAME.png, for a person
 * to look at. */
static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("QUORUM_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  if (dir == NULL)
    return;
  /* Let the window finish drawing what it was asked to show */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_lists_meetings (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) newest = NULL;
  g_autoptr(QuorumMeeting) oldest = NULL;
  GtkWidget *window;

  g_assert_true (quorum_demo_fill (db, 10, 3, &error));
  g_assert_no_error (error);
  newest = g_list_model_get_item (quorum_database_get_recent_meetings (db), 0);
  oldest = g_list_model_get_item (quorum_database_get_recent_meetings (db), 39);

  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));

  /* The newest review is at the top; ten years down, the oldest is out of sight. */
  wait_for_label (window, quorum_meeting_get_title (newest));
  g_assert_null (find_visible_label (window, quorum_meeting_get_title (oldest)));
  g_assert_nonnull (find_visible_label (window, "No Review Selected"));

  /* Choosing a review shows it. */
  quorum_window_show_meeting (QUORUM_WINDOW (window), newest);
  wait_for_label (window, "Overview");
  g_assert_nonnull (find_visible_label (window, "Margarethe Lindqvist"));

  close_window (window);
}

static void
test_first_start (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));

  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, "No Management Reviews Yet");

  /* The button's action makes a review from the ISO template, saved at once. */
  g_assert_true (gtk_widget_activate_action (window, "win.new-review", NULL));
  wait_for_label (window, "ISO/IEC 27001:2022 management review");
  close_window (window);
  g_assert_finalize_object (g_steal_pointer (&db));

  db = open_db (f);
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_meetings (db)), ==, 1);
  {
    g_autoptr(QuorumMeeting) meeting = g_list_model_get_item (quorum_database_get_meetings (db), 0);
    g_assert_cmpuint (g_list_model_get_n_items (quorum_meeting_get_items (meeting,
                                                                          QUORUM_TABLE_AGENDA_ITEMS)),
                      ==, 16);
  }
}

static void
test_database_error (Fixture       *f,
                     gconstpointer  data)
{
  const char text[] = "Meeting notes in a plain text file, not a database of any kind. "
                      "Long enough for the header check.";
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumDatabase) db = NULL;
  GtkWidget *window;

  quorum_test_write (f->path, text, sizeof text - 1);
  db = quorum_database_open (f->path, TRUE, &error);
  g_assert_null (db);

  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, NULL, error)));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, "The Database Cannot Be Opened");
  wait_for_label (window, error->message);
  /* Nothing can be added to a file that is not Quorum's, and it stays as it was. */
  gtk_widget_activate_action (window, "win.new-review", NULL);
  gtk_widget_activate_action (window, "win.load-demo", NULL);
  {
    g_autoptr(GBytes) after = quorum_test_read (f->path);
    g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), text,
                     sizeof text - 1);
  }
  close_window (window);
}

static void
test_export_minutes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "Q3 minutes.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GBytes) bytes = NULL;
  GtkWidget *window;

  g_assert_true (quorum_demo_fill (db, 1, 5, &error));
  meeting = g_list_model_get_item (quorum_database_get_recent_meetings (db), 1);
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_present (GTK_WINDOW (window));
  quorum_window_show_meeting (QUORUM_WINDOW (window), meeting);
  wait_for_label (window, "Overview");

  /* Rendered on a worker thread; the window says when it is done. */
  quorum_window_export_minutes (QUORUM_WINDOW (window), file);
  wait_for_label (window, "Minutes saved as “Q3 minutes.pdf”");
  bytes = quorum_test_read (pdf);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 10000);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
  close_window (window);
}

/* A record changed behind Quorum's back is pointed out when the window opens. */
static void
test_warns_of_altered_records (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *window;
  sqlite3 *raw;

  g_assert_true (quorum_demo_fill (db, 1, 2, &error));
  {
    g_autoptr(QuorumMeeting) first = g_list_model_get_item (quorum_database_get_meetings (db), 0);
    expected = g_strdup_printf ("Warning: “%s” (ID 1) was changed after it was approved: its "
                                "record no longer matches the hash taken at approval.",
                                quorum_meeting_get_title (first));
  }
  g_assert_finalize_object (g_steal_pointer (&db));
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER decisions_frozen_update; "
                                      "UPDATE decisions SET text = 'Never decided' WHERE meeting = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = open_db (f);
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, expected);
  close_window (window);
}

/* The database file deleted while the window is open: the refused change is reported, the
 * window goes on, and what Quorum holds is saved into a new file. */
static void
test_database_gone (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *rescued = g_build_filename (f->dir, "rescued.db", NULL);
  g_autoptr(GFile) rescued_file = g_file_new_for_path (rescued);
  GtkWidget *window;

  meeting = quorum_meeting_create_from_template (db, "iso27001", "Q1 review",
                                                 "2026-03-12T10:00:00+01:00", &error);
  g_assert_no_error (error);
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_present (GTK_WINDOW (window));
  quorum_window_show_meeting (QUORUM_WINDOW (window), meeting);
  wait_for_label (window, "Overview");

  quorum_test_delete_database (f->path);
  g_assert_true (gtk_widget_activate_action (window, "win.new-review", NULL));
  wait_for_label (window, "The database “quorum.db” was deleted or replaced by another program "
                          "while Quorum had it open. This change was not saved. Quorum still "
                          "holds everything that was saved before: save a copy of it before "
                          "closing.");
  wait_for_label (window, "Could Not Save");
  wait_for_label (window, "Save a Copy…");
  /* A second refused change does not stack a second dialog */
  g_assert_true (gtk_widget_activate_action (window, "win.load-demo", NULL));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    guint dialogs = 0;
    for (GList *l = toplevels; l != NULL; l = l->next)
      dialogs += gtk_window_get_transient_for (l->data) == GTK_WINDOW (window) &&
                 gtk_widget_get_visible (l->data);
    g_assert_cmpuint (dialogs, ==, 1);
  }
  wait_for_label (window, "Save a Copy…");
  screenshot (window, "database-gone");
  screenshot (gtk_widget_get_ancestor (find_label_anywhere (window, "Could Not Save"),
                                       GTK_TYPE_WINDOW), "database-gone-dialog");
  /* Still showing the meeting, and only the one */
  wait_for_label (window, "Q1 review");
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_meetings (db)), ==, 1);

  /* What the toast's button leads to, after its file dialog */
  quorum_window_save_copy (QUORUM_WINDOW (window), rescued_file);
  wait_for_label (window, "A copy of the database was saved as “rescued.db”");
  screenshot (window, "database-gone-copy-saved");
  /* The dialog asking for it has closed */
  {
    gboolean timed_out = FALSE;
    guint timeout = g_timeout_add_seconds (10, timed_out_cb, &timed_out);
    while (find_label_anywhere (window, "Could Not Save") != NULL && !timed_out)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (timeout);
  }
  close_window (window);
  g_clear_object (&meeting);
  g_assert_finalize_object (g_steal_pointer (&db));

  f->path = (g_free (f->path), g_strdup (rescued));
  db = open_db (f);
  {
    g_autoptr(QuorumMeeting) saved = g_list_model_get_item (quorum_database_get_meetings (db), 0);
    g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_meetings (db)), ==, 1);
    g_assert_cmpstr (quorum_meeting_get_title (saved), ==, "Q1 review");
    g_assert_cmpuint (g_list_model_get_n_items (quorum_meeting_get_items (saved,
                                                                          QUORUM_TABLE_AGENDA_ITEMS)),
                      ==, 16);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/lists-meetings", test_lists_meetings);
  ADD ("/window/first-start", test_first_start);
  ADD ("/window/database-error", test_database_error);
  ADD ("/window/export-minutes", test_export_minutes);
  ADD ("/window/warns-of-altered-records", test_warns_of_altered_records);
  ADD ("/window/database-gone", test_database_gone);
#undef ADD

  return g_test_run ();
}
