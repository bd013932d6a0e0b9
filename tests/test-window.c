/* test-window.c: the main window, on a real display (Xvfb in CI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "quorum-demo.h"
#include "quorum-evidence-loader.h"
#include "quorum-identity.h"
#include "quorum-signature.h"
#include "quorum-meeting-view.h"
#include "quorum-preferences-window.h"
#include "quorum-settings.h"
#include "quorum-run-view.h"
#include "quorum-test-damage.h"
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
  int width, height;

  if (dir == NULL)
    return;
  /* Let the window finish drawing what it was asked to show */
  for (int i = 0; i < 20 || gtk_widget_get_width (window) == 0; i++)
    g_main_context_iteration (NULL, i >= 20);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  /* A window in the middle of a new layout draws nothing until its next frame */
  for (int tries = 0; node == NULL && tries < 100; tries++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
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

/* A window on `db` showing `meeting` (its Overview), `height` pixels tall or of its default size */
static GtkWidget *
open_meeting (QuorumDatabase *db,
              QuorumMeeting  *meeting,
              int             height)
{
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));

  if (height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), 1100, height);
  gtk_window_present (GTK_WINDOW (window));
  quorum_window_show_meeting (QUORUM_WINDOW (window), meeting);
  wait_for_label (window, "Overview");
  return window;
}

/* ---- finding and using the editors ------------------------------------------------- */

/* The first mapped widget of `type` under `widget` (depth first). */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first mapped widget of `type` under `widget` with the tooltip `tooltip` */
static GtkWidget *
find_widget_with_tooltip (GtkWidget  *widget,
                          GType       type,
                          const char *tooltip)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_tooltip (child, type, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The widget under `widget` that activates `action`, shown or not */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The mapped row (entry, combo, action or expander row) titled `title`; rows folded
 * inside a collapsed expander row are searched too, as a person would open it. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  if (ADW_IS_EXPANDER_ROW (widget) && !gtk_widget_get_mapped (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list of a review's sections in its sidebar, while it shows */
static GtkWidget *
find_sections_list (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar") &&
      gtk_widget_get_ancestor (widget, QUORUM_TYPE_MEETING_VIEW) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sections_list (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
iterate (void)
{
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Opens the expander row titled `title`, so its editors are mapped, and returns it. */
static GtkWidget *
expand (GtkWidget  *window,
        const char *title)
{
  GtkWidget *row;

  wait_for_label (window, title);
  row = find_row (window, title);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  /* Until the rows inside have been revealed (an animation) */
  {
    GtkWidget *revealer = find_widget (row, GTK_TYPE_REVEALER);
    g_assert_nonnull (revealer);
    while (!gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
      g_main_context_iteration (NULL, TRUE);
  }
  return row;
}

/* Types `text` into the entry row titled `title` and presses Enter. */
static void
type_and_enter (GtkWidget  *window,
                const char *title,
                const char *text)
{
  GtkWidget *row = find_row (window, title);
  GtkWidget *inner;

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  inner = find_widget (row, GTK_TYPE_TEXT);
  g_assert_nonnull (inner);
  gtk_widget_grab_focus (inner);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* What Enter does in the text */
  g_signal_emit_by_name (inner, "activate");
  iterate ();
}

static void
show_section (GtkWidget  *window,
              const char *section)
{
  GtkWidget *view = find_widget (window, QUORUM_TYPE_MEETING_VIEW);
  g_assert_nonnull (view);
  quorum_meeting_view_show_section (QUORUM_MEETING_VIEW (view), section);
  iterate ();
}

static guint
count_items (QuorumMeeting *meeting,
             QuorumTableId  table)
{
  return g_list_model_get_n_items (quorum_meeting_get_items (meeting, table));
}

static QuorumRecord *
item_at (QuorumMeeting *meeting,
         QuorumTableId  table,
         guint          position)
{
  return g_list_model_get_item (quorum_meeting_get_items (meeting, table), position);
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
  g_autofree char *pdf = g_build_filename (f->dir, "Q3 R&D <minutes>.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GBytes) bytes = NULL;
  GtkWidget *window;

  g_assert_true (quorum_demo_fill (db, 1, 5, &error));
  meeting = g_list_model_get_item (quorum_database_get_recent_meetings (db), 1);
  window = open_meeting (db, meeting, 0);

  /* Rendered on a worker thread; the window says when it is done. */
  quorum_window_export_minutes (QUORUM_WINDOW (window), file);
  /* Names are shown as they are, though toasts take markup */
  wait_for_label (window, "Minutes saved as “Q3 R&D <minutes>.pdf”");
  bytes = quorum_test_read (pdf);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 10000);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
  close_window (window);
}

/* The evidence layer is a module the app loads on first use.  Without it the window works,
 * says why minutes cannot be made, and makes them once the module is there again.  In a
 * process of its own, as the first load would otherwise have happened in an earlier test. */
static void
test_evidence_missing (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *moduledir = g_strdup (g_getenv ("QUORUM_MODULEDIR"));
  g_autoptr(QuorumDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "minutes.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  GtkWidget *window;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_nonnull (moduledir);
  g_setenv ("QUORUM_MODULEDIR", f->dir, TRUE);
  g_assert_null (quorum_evidence_load (&error));
  g_assert_true (g_str_has_prefix (error->message, "Quorum cannot make or sign PDF minutes: a "
                                                   "part of Quorum is missing or damaged ("));
  g_assert_nonnull (strstr (error->message, "quorum-evidence.so"));
  g_clear_error (&error);
  /* One of the right name from other sources is refused, not called */
  g_setenv ("QUORUM_MODULEDIR", g_getenv ("QUORUM_STALE_MODULEDIR"), TRUE);
  g_assert_null (quorum_evidence_load (&error));
  g_assert_nonnull (strstr (error->message, "is not from this version of Quorum"));
  g_clear_error (&error);
  g_setenv ("QUORUM_MODULEDIR", f->dir, TRUE);
  g_assert_null (quorum_evidence_load (&error));

  db = open_db (f);
  g_assert_true (quorum_demo_fill (db, 1, 5, NULL));
  meeting = g_list_model_get_item (quorum_database_get_recent_meetings (db), 1);
  window = open_meeting (db, meeting, 0);
  quorum_window_export_minutes (QUORUM_WINDOW (window), file);
  wait_for_label (window, error->message);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Put back: the next try loads it */
  g_setenv ("QUORUM_MODULEDIR", moduledir, TRUE);
  quorum_window_export_minutes (QUORUM_WINDOW (window), file);
  wait_for_label (window, "Minutes saved as “minutes.pdf”");
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  close_window (window);
}

/* Browsing months in a date's calendar changes nothing; picking a day saves it. */
static void
test_calendar_browsing (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(GDateTime) picked = NULL;
  g_autofree char *before = NULL;
  GtkWidget *window, *row, *button, *popover, *calendar, *arrow;

  meeting = quorum_meeting_create_from_template (db, "iso27001", "Q1 review",
                                                 "2026-03-12T10:00:00+01:00", &error);
  g_assert_no_error (error);
  before = g_strdup (quorum_meeting_get_starts_at (meeting));
  window = open_meeting (db, meeting, 760);
  row = find_row (window, "Start");
  g_assert_nonnull (row);
  button = find_widget (row, GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  calendar = find_widget (popover, GTK_TYPE_CALENDAR);
  g_assert_nonnull (calendar);

  /* The calendar's first arrow goes a month back, then the next a month on: twice each */
  arrow = find_widget (calendar, GTK_TYPE_BUTTON);
  g_assert_nonnull (arrow);
  for (int i = 0; i < 2; i++)
    {
      g_signal_emit_by_name (arrow, "clicked");
      iterate ();
    }
  g_assert_cmpstr (quorum_meeting_get_starts_at (meeting), ==, before);
  g_assert_true (gtk_widget_get_visible (popover));

  picked = g_date_time_new_local (2026, 1, 20, 10, 0, 0);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), picked);
  iterate ();
  g_assert_true (g_str_has_prefix (quorum_meeting_get_starts_at (meeting), "2026-01-20T10:00"));

  /* Closed after browsing away, it opens on the saved date again */
  g_signal_emit_by_name (arrow, "clicked");
  iterate ();
  gtk_popover_popdown (GTK_POPOVER (popover));
  iterate ();
  g_assert_true (g_str_has_prefix (quorum_meeting_get_starts_at (meeting), "2026-01-20T10:00"));
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));
    g_assert_cmpint (g_date_time_get_month (shown), ==, 1);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 20);
  }
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
  window = open_meeting (db, meeting, 0);

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
  /* Typing goes on: what cannot be saved stays where it was typed, marked, and said so */
  {
    GtkWidget *title = find_row (window, "Title");
    gtk_editable_set_text (GTK_EDITABLE (title), "Q1 review, revised");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Q1 review, revised");
    g_assert_cmpstr (quorum_meeting_get_title (meeting), ==, "Q1 review");
    g_assert_true (gtk_widget_has_css_class (title, "error"));
    wait_for_label (window, "Not Saved");
  }
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

/* Prepares a review through the widgets: from the template, an attendee who becomes the
 * chair (the quorum indicator follows), a decision and an action.  The database holds them,
 * and a new window on the same file shows them. */
static void
test_edit_meeting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(QuorumMeeting) meeting = NULL;
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  GtkWidget *row, *role, *text;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, "No Management Reviews Yet");
  g_assert_true (gtk_widget_activate_action (window, "win.new-review", NULL));
  wait_for_label (window, "Overview");
  meeting = g_list_model_get_item (quorum_database_get_meetings (db), 0);
  screenshot (window, "edit-overview");

  /* The title, typed into its row, is saved with each keystroke */
  row = find_row (window, "Title");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "Q2 2026 security governance forum");
  g_assert_cmpstr (quorum_meeting_get_title (meeting), ==, "Q2 2026 security governance forum");
  wait_for_label (window, "Saved");

  /* Attendance: not quorate without a chair; quorate once the attendee chairs */
  show_section (window, "attendance");
  wait_for_label (window, "Not Quorate");
  type_and_enter (window, "Add a Person by Name", "Aiko Tanaka");
  g_assert_cmpuint (count_items (meeting, QUORUM_TABLE_ATTENDANCE), ==, 1);
  row = expand (window, "Aiko Tanaka");
  role = find_row (row, "Role");
  g_assert_true (ADW_IS_COMBO_ROW (role));
  adw_combo_row_set_selected (ADW_COMBO_ROW (role), 0);  /* Chair */
  wait_for_label (window, "Quorate");
  {
    g_autoptr(QuorumRecord) attendee = item_at (meeting, QUORUM_TABLE_ATTENDANCE, 0);
    g_assert_cmpstr (quorum_record_get_string (attendee, "role"), ==, "chair");
  }
  screenshot (window, "edit-attendance");
  /* Marked absent, the chair no longer makes the meeting quorate */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (row, "Attendance")), 2);
  wait_for_label (window, "Not Quorate");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (row, "Attendance")), 0);
  wait_for_label (window, "Quorate");

  /* A decision, numbered by the model, its rationale typed into the text area */
  show_section (window, "decisions");
  type_and_enter (window, "Add a Decision", "Fund a bug bounty programme");
  row = expand (window, "D1  Fund a bug bounty programme");
  text = find_widget (find_row (row, "Rationale"), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)),
                            "Three external reports this year; 風險 reduced.", -1);
  {
    g_autoptr(QuorumRecord) decision = item_at (meeting, QUORUM_TABLE_DECISIONS, 0);
    g_assert_cmpstr (quorum_record_get_string (decision, "rationale"), ==,
                     "Three external reports this year; 風險 reduced.");
  }
  screenshot (window, "edit-decisions");

  /* An action with its owner chosen from the people */
  show_section (window, "actions");
  type_and_enter (window, "Add an Action Item", "Publish the bounty scope");
  row = expand (window, "Publish the bounty scope");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (row, "Owner")), 1);
  {
    g_autoptr(QuorumRecord) action = item_at (meeting, QUORUM_TABLE_ACTION_ITEMS, 0);
    g_autoptr(QuorumRecord) owner = quorum_record_dup_ref (action, "owner");
    g_assert_nonnull (owner);
    g_assert_cmpstr (quorum_record_get_string (owner, "name"), ==, "Aiko Tanaka");
  }
  screenshot (window, "edit-actions");

  /* The agenda reorders by keyboard: Alt+Down's action on the first item */
  show_section (window, "agenda");
  {
    g_autoptr(QuorumRecord) first = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 0);
    g_autoptr(QuorumRecord) moved = NULL;
    row = find_row (window, quorum_record_get_string (first, "title"));
    g_assert_true (gtk_widget_activate_action (row, "row.move-down", NULL));
    moved = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 1);
    g_assert_true (moved == first);
  }
  /* And by dragging: the fifth item's handle, dropped on the first row */
  {
    g_autoptr(QuorumRecord) fifth = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 4);
    g_autoptr(QuorumRecord) top = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 0);
    g_autoptr(QuorumRecord) now_first = NULL;
    GtkWidget *source_row = find_row (window, quorum_record_get_string (fifth, "title"));
    GtkWidget *target_row = find_row (window, quorum_record_get_string (top, "title"));
    GtkDragSource *source = NULL;
    GtkDropTarget *target = NULL;
    g_autoptr(GdkContentProvider) content = NULL;
    g_auto(GValue) dragged = G_VALUE_INIT;
    gboolean dropped = FALSE;

    for (GtkWidget *w = find_widget (source_row, GTK_TYPE_IMAGE); w != NULL && source == NULL;
         w = gtk_widget_get_next_sibling (w))
      {
        g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);
        for (guint i = 0; i < g_list_model_get_n_items (controllers) && source == NULL; i++)
          {
            g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
            if (GTK_IS_DRAG_SOURCE (c))
              source = GTK_DRAG_SOURCE (c);
          }
      }
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (target_row);
      for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
        {
          g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
          if (GTK_IS_DROP_TARGET (c))
            target = GTK_DROP_TARGET (c);
        }
    }
    g_assert_nonnull (source);
    g_assert_nonnull (target);
    g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content);
    g_assert_nonnull (content);
    g_value_init (&dragged, QUORUM_TYPE_AGENDA_ITEM);
    g_assert_true (gdk_content_provider_get_value (content, &dragged, NULL));
    g_assert_true (g_value_get_object (&dragged) == (gpointer) fifth);
    g_signal_emit_by_name (target, "drop", &dragged, 10.0, 10.0, &dropped);
    g_assert_true (dropped);
    now_first = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 0);
    g_assert_true (now_first == fifth);
  }
  screenshot (window, "edit-agenda");

  close_window (window);
  /* The database's lists keep the records they made until it closes */
  g_clear_object (&meeting);
  g_assert_finalize_object (g_steal_pointer (&db));

  /* The file holds it all: a new window shows it */
  db = open_db (f);
  meeting = g_list_model_get_item (quorum_database_get_meetings (db), 0);
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  quorum_window_show_meeting (QUORUM_WINDOW (window), meeting);
  wait_for_label (window, "Q2 2026 security governance forum");
  show_section (window, "decisions");
  wait_for_label (window, "D1  Fund a bug bounty programme");
  show_section (window, "actions");
  wait_for_label (window, "Publish the bounty scope");
  wait_for_label (window, "Aiko Tanaka · Open");
  show_section (window, "attendance");
  wait_for_label (window, "Quorate");
  wait_for_label (window, "Aiko Tanaka");
  close_window (window);
}

/* Removing asks no question: a toast offers Undo, which brings the row back as it was. */
static void
test_remove_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create (db, "Q1", "2026-03-12T10:00:00+01:00",
                                                            &error);
  g_autoptr(QuorumRecord) incident = quorum_meeting_add_incident (meeting, "INC-7", "2026-02-02",
                                                                  "high", "Laptop stolen", &error);
  g_autofree char *uid = g_strdup (quorum_record_get_uid (incident));
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (window));
  quorum_window_show_meeting (QUORUM_WINDOW (window), meeting);
  show_section (window, "incidents");
  wait_for_label (window, "INC-7 — Laptop stolen");
  row = find_row (window, "INC-7 — Laptop stolen");
  g_assert_true (gtk_widget_activate_action (row, "row.remove", NULL));
  g_assert_cmpuint (count_items (meeting, QUORUM_TABLE_INCIDENTS), ==, 0);
  wait_for_label (window, "“INC-7 — Laptop stolen” removed");
  screenshot (window, "remove-undo");
  g_assert_true (gtk_widget_activate_action (window, "win.undo-remove", NULL));
  g_assert_cmpuint (count_items (meeting, QUORUM_TABLE_INCIDENTS), ==, 1);
  {
    g_autoptr(QuorumRecord) back = item_at (meeting, QUORUM_TABLE_INCIDENTS, 0);
    g_assert_cmpstr (quorum_record_get_uid (back), ==, uid);
    g_assert_cmpstr (quorum_record_get_string (back, "severity"), ==, "high");
  }
  wait_for_label (window, "INC-7 — Laptop stolen");
  close_window (window);
}

/* An approved review opens read-only, says so, and offers an addendum instead. */
static void
test_frozen_meeting (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *title = NULL;
  g_autoptr(QuorumRecord) first_item = NULL;
  GtkWidget *window, *row, *text;

  g_assert_true (quorum_demo_fill (db, 1, 7, &error));
  meeting = g_list_model_get_item (quorum_database_get_meetings (db), 0);
  first_item = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 0);
  g_assert_true (quorum_meeting_is_frozen (meeting));
  title = g_strdup (quorum_meeting_get_title (meeting));
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  quorum_window_show_meeting (QUORUM_WINDOW (window), meeting);
  wait_for_label (window, "Add Addendum");
  screenshot (window, "frozen-overview");

  /* The editors show the record but take no changes */
  row = find_row (window, "Title");
  g_assert_false (ADW_IS_ENTRY_ROW (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, title);
  g_assert_false (gtk_widget_get_sensitive (find_row (window, "Chair")));
  show_section (window, "agenda");
  row = expand (window, quorum_record_get_string (first_item, "title"));
  text = find_widget (find_row (row, "Discussion notes"), GTK_TYPE_TEXT_VIEW);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (text)));
  g_assert_null (find_row (window, "Add an Agenda Item"));
  screenshot (window, "frozen-agenda");
  show_section (window, "decisions");
  wait_for_label (window, "Decisions");
  g_assert_null (find_row (window, "Add a Decision"));
  {
    g_autoptr(QuorumRecord) decision = item_at (meeting, QUORUM_TABLE_DECISIONS, 0);
    g_autofree char *first = g_strdup_printf ("D1  %s", quorum_record_get_string (decision, "text"));
    row = expand (window, first);
    g_assert_false (gtk_widget_activate_action (row, "row.remove", NULL) &&
                    count_items (meeting, QUORUM_TABLE_DECISIONS) == 0);
    g_assert_null (find_widget (row, GTK_TYPE_BUTTON) != NULL &&
                   gtk_widget_get_visible (find_widget (row, GTK_TYPE_BUTTON)) &&
                   g_strcmp0 (gtk_widget_get_tooltip_text (find_widget (row, GTK_TYPE_BUTTON)),
                              "Remove") == 0 ? row : NULL);
  }
  screenshot (window, "frozen-decisions");

  /* The addendum is a new draft linked to it, shown at once */
  g_assert_true (gtk_widget_activate_action (find_widget (window, QUORUM_TYPE_MEETING_VIEW),
                                             "meeting.add-addendum", NULL));
  {
    g_autofree char *addendum = g_strdup_printf ("Addendum to %s", title);
    wait_for_label (window, addendum);
  }
  close_window (window);
}

/* The sidebar groups reviews by year and finds them by any word of their title, place,
 * status or date. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) newest = NULL;
  GListModel *recent;
  GtkWidget *window, *entry;
  g_autofree char *year = NULL;
  guint in_year = 0;

  g_assert_true (quorum_demo_fill (db, 3, 11, &error));
  recent = quorum_database_get_recent_meetings (db);
  newest = g_list_model_get_item (recent, 0);
  year = g_strndup (quorum_meeting_get_starts_at (newest), 4);
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, quorum_meeting_get_title (newest));
  /* The newest review opens its year */
  wait_for_label (window, year);
  screenshot (window, "sidebar-years");

  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  /* The search bar slides in */
  while ((entry = find_widget (window, GTK_TYPE_SEARCH_ENTRY)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_has_focus (find_widget (entry, GTK_TYPE_TEXT)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "review q4");
  g_signal_emit_by_name (entry, "search-changed");
  {
    GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (find_widget (window,
                                                                                         GTK_TYPE_LIST_VIEW))));
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(QuorumMeeting) m = g_list_model_get_item (shown, i);
        g_assert_nonnull (strstr (quorum_meeting_get_title (m), "Q4"));
      }
    gtk_editable_set_text (GTK_EDITABLE (entry), year);
    g_signal_emit_by_name (entry, "search-changed");
    for (guint i = 0; i < g_list_model_get_n_items (recent); i++)
      {
        g_autoptr(QuorumMeeting) m = g_list_model_get_item (recent, i);
        in_year += g_str_has_prefix (quorum_meeting_get_starts_at (m), year);
      }
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, in_year);
  }
  screenshot (window, "sidebar-search");
  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like this");
  g_signal_emit_by_name (entry, "search-changed");
  wait_for_label (window, "No Matching Reviews");

  /* The search button hides the bar and brings the same one back */
  {
    GtkWidget *button = find_widget_with_tooltip (window, GTK_TYPE_TOGGLE_BUTTON,
                                                  "Search Reviews");
    GtkWidget *bar = gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR);

    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
    g_signal_emit_by_name (button, "clicked");
    g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
    g_assert_true (find_widget (window, GTK_TYPE_SEARCH_ENTRY) == entry);
  }
  close_window (window);
}

/* A window opened without searching has no search bar yet; the search button makes it. */
static void
test_search_button (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *button, *entry;

  g_assert_true (quorum_demo_fill (db, 1, 11, &error));
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, "Reviews");
  g_assert_null (find_widget (window, GTK_TYPE_SEARCH_ENTRY));
  button = find_widget_with_tooltip (window, GTK_TYPE_TOGGLE_BUTTON, "Search Reviews");
  g_signal_emit_by_name (button, "clicked");
  /* The search bar slides in */
  while ((entry = find_widget (window, GTK_TYPE_SEARCH_ENTRY)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR))));
  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like this");
  g_signal_emit_by_name (entry, "search-changed");
  wait_for_label (window, "No Matching Reviews");
  close_window (window);
}

/* "Continue the Series" starts the next review from the newest: its agenda and its open
 * actions, shown at once. */
static void
test_continue_series (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) newest = NULL;
  g_autoptr(QuorumMeeting) next = NULL;
  GtkWidget *window;
  guint open_actions = 0;

  g_assert_true (quorum_demo_fill (db, 1, 4, &error));
  newest = g_list_model_get_item (quorum_database_get_recent_meetings (db), 0);
  {
    g_autoptr(QuorumRecord) own = quorum_meeting_add_action (newest, NULL,
                                                             "Renew the penetration test contract",
                                                             NULL, NULL, &error);
    g_assert_no_error (error);
  }
  for (guint t = 0; t < 2; t++)
    {
      QuorumTableId table = t == 0 ? QUORUM_TABLE_ACTION_ITEMS : QUORUM_TABLE_ACTION_UPDATES;
      for (guint i = 0; i < count_items (newest, table); i++)
        {
          g_autoptr(QuorumRecord) a = item_at (newest, table, i);
          open_actions += g_strcmp0 (quorum_record_get_string (a, "status"), "open") == 0;
        }
    }
  g_assert_cmpuint (open_actions, >, 0);

  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  /* In the main menu, which is made when it first opens */
  wait_for_label (window, quorum_meeting_get_title (newest));
  gtk_menu_button_popup (GTK_MENU_BUTTON (find_widget (window, GTK_TYPE_MENU_BUTTON)));
  wait_for_label (window, "Continue the Series");
  screenshot (window, "main-menu");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (find_widget (window, GTK_TYPE_MENU_BUTTON)));
  g_assert_true (gtk_widget_activate_action (window, "win.continue-series", NULL));
  next = g_list_model_get_item (quorum_database_get_recent_meetings (db), 0);
  g_assert_true (next != newest);
  g_assert_cmpstr (quorum_meeting_get_status (next), ==, "draft");
  g_assert_cmpuint (count_items (next, QUORUM_TABLE_AGENDA_ITEMS), ==,
                    count_items (newest, QUORUM_TABLE_AGENDA_ITEMS));
  g_assert_cmpuint (count_items (next, QUORUM_TABLE_ACTION_UPDATES), ==, open_actions);
  show_section (window, "actions");
  {
    g_autoptr(QuorumRecord) update = item_at (next, QUORUM_TABLE_ACTION_UPDATES, 0);
    g_autoptr(QuorumRecord) action = quorum_record_dup_ref (update, "action");
    wait_for_label (window, quorum_record_get_string (action, "text"));
  }
  screenshot (window, "continue-series-actions");
  close_window (window);
}

/* The dialog the window opened, titled `heading` */
static AdwMessageDialog *
find_dialog (GtkWidget  *window,
             const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

/* The chair runs the meeting: item by item with a timer, capturing a decision, an action
 * and a note into the current item, deferring one with a reason; closing lists the inputs
 * not covered before it marks the meeting held. */
static void
test_run_meeting (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create_from_template (db, "iso27001", "Q3 forum",
                                                                         "2026-09-10T10:00:00+02:00",
                                                                         &error);
  g_autoptr(QuorumRecord) first = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 0);
  g_autoptr(QuorumRecord) second = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 1);
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  GtkWidget *run, *capture;
  AdwMessageDialog *dialog;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  quorum_window_show_meeting (QUORUM_WINDOW (window), meeting);
  wait_for_label (window, "Overview");
  g_assert_true (gtk_widget_activate_action (window, "win.run-meeting", NULL));
  wait_for_label (window, "Item 1 of 16");
  wait_for_label (window, quorum_record_get_string (first, "title"));
  run = find_widget (window, QUORUM_TYPE_RUN_VIEW);
  g_assert_nonnull (run);
  /* The keyboard is in quick capture, ready for the minutes */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         find_row (run, "Decision")));
  /* The timer runs against the item's timebox */
  wait_for_label (window, "00:01 of 05:00");

  /* Captured into the current item: a decision, then (Alt+2) an action, then a note */
  capture = find_row (run, "Decision");
  type_and_enter (run, "Decision", "Adopt the revised access policy");
  g_assert_true (gtk_widget_activate_action (run, "run.capture-kind", "i", 1));
  type_and_enter (run, "Action", "Brief all staff on the policy");
  g_assert_true (gtk_widget_activate_action (run, "run.capture-kind", "i", 3));
  type_and_enter (run, "Note", "Quorum confirmed at 10:02.");
  g_assert_true (capture == find_row (run, "Note"));
  {
    g_autoptr(QuorumRecord) decision = item_at (meeting, QUORUM_TABLE_DECISIONS, 0);
    g_autoptr(QuorumRecord) action = item_at (meeting, QUORUM_TABLE_ACTION_ITEMS, 0);
    g_assert_nonnull (decision);
    g_assert_cmpint (quorum_record_get_ref_id (decision, "agenda_item"), ==,
                     quorum_record_get_id (first));
    g_assert_cmpint (quorum_record_get_ref_id (action, "agenda_item"), ==,
                     quorum_record_get_id (first));
    g_assert_cmpstr (quorum_record_get_string (first, "notes"), ==, "Quorum confirmed at 10:02.");
  }
  wait_for_label (window, "D1  Adopt the revised access policy");
  wait_for_label (window, "Action: Brief all staff on the policy");
  g_assert_true (gtk_widget_activate_action (run, "run.discussed", NULL));
  g_assert_cmpstr (quorum_record_get_string (first, "outcome"), ==, "discussed");
  wait_for_label (window, "Discussed");
  screenshot (window, "run-meeting");

  /* Next item; its time is its own, and the first item kept the minute it took */
  g_assert_true (gtk_widget_activate_action (run, "run.next", NULL));
  wait_for_label (window, "Item 2 of 16");
  g_assert_cmpint (quorum_record_get_int (first, "actual_minutes"), ==, 1);
  g_assert_true (gtk_widget_activate_action (run, "run.defer", NULL));
  {
    GtkWidget *reason = find_widget (find_row (run, "Reason for deferral"), GTK_TYPE_TEXT_VIEW);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (reason)),
                              "The action owners report in October.", -1);
  }
  g_assert_cmpstr (quorum_record_get_string (second, "outcome"), ==, "deferred");

  /* Closing: the inputs not yet covered are named, and going back changes nothing */
  g_assert_true (gtk_widget_activate_action (run, "run.close-meeting", NULL));
  while ((dialog = find_dialog (window, "Not Every Input Was Covered")) == NULL)
    g_main_context_iteration (NULL, TRUE);
  {
    const char *list = gtk_label_get_text (GTK_LABEL (adw_message_dialog_get_extra_child (dialog)));
    g_assert_nonnull (strstr (list, "9.3.2(b)"));
    /* Deferred with a reason, item 2 (9.3.2(a)) counts as covered */
    g_assert_null (strstr (list, "9.3.2(a)"));
  }
  screenshot (GTK_WIDGET (dialog), "run-close-check");
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpstr (quorum_meeting_get_status (meeting), ==, "draft");
  /* Closing anyway marks it held and returns to the minutes */
  g_assert_true (gtk_widget_activate_action (run, "run.close-meeting", NULL));
  while ((dialog = find_dialog (window, "Not Every Input Was Covered")) == NULL ||
         !gtk_widget_get_visible (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);
  adw_message_dialog_response (dialog, "hold");
  g_assert_cmpstr (quorum_meeting_get_status (meeting), ==, "held");
  wait_for_label (window, "The meeting is closed and marked as held");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (run, GTK_TYPE_STACK))), ==,
                   "meetings");
  close_window (window);
}

/* Signing from the window: a wrong passphrase is said in the dialog, which stays; the right
 * one signs on a worker thread, keeps the signed file with the meeting, writes it where the
 * person chose, and says so with Open and Show in Folder. */
static void
test_sign_minutes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(QuorumRecord) chair = NULL;
  g_autoptr(QuorumIdentityInfo) info = NULL;
  g_autofree char *identities = quorum_identity_dir ();
  g_autofree char *pdf = g_build_filename (f->dir, "signed minutes.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(QuorumVerification) verification = NULL;
  QuorumSignatureCheck *check;
  QuorumSignDialog *dialog;
  GtkWidget *window, *passphrase, *role;

  g_assert_true (quorum_demo_fill (db, 1, 7, &error));
  meeting = g_list_model_get_item (quorum_database_get_meetings (db), 0);
  g_assert_cmpstr (quorum_meeting_get_status (meeting), ==, "approved");
  chair = quorum_record_dup_ref (QUORUM_RECORD (meeting), "chair");
  /* The isolated data folder can hold one from an earlier run that stopped halfway */
  quorum_test_remove_tree (identities);
  info = quorum_identity_create (identities, quorum_record_get_string (chair, "name"), NULL,
                                 "Aster & Finch", QUORUM_KEY_ECDSA_P256, "correct horse", &error);
  g_assert_no_error (error);

  window = open_meeting (db, meeting, 760);
  dialog = quorum_window_sign_minutes (QUORUM_WINDOW (window), file);
  wait_for_label (GTK_WIDGET (dialog), "Passphrase of the Identity");
  /* The identity names the chair: it signs as the chair */
  role = find_row (GTK_WIDGET (dialog), "Sign As");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (role)), ==, 0);

  passphrase = find_row (GTK_WIDGET (dialog), "Passphrase of the Identity");
  gtk_editable_set_text (GTK_EDITABLE (passphrase), "wrong horse");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign.sign", NULL));
  /* Signing runs on a worker thread; the dialog says why it failed */
  wait_for_label (GTK_WIDGET (dialog), "The passphrase for “margarethe-lindqvist.p12” is wrong.");
  g_assert_true (gtk_widget_is_sensitive (find_row (GTK_WIDGET (dialog), "Sign As")));
  screenshot (GTK_WIDGET (dialog), "sign-wrong-passphrase");
  g_assert_cmpstr (quorum_meeting_get_status (meeting), ==, "approved");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_editable_set_text (GTK_EDITABLE (passphrase), "correct horse");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign.sign", NULL));
  wait_for_label (window, "Signed minutes saved as “signed minutes.pdf”");
  screenshot (window, "signed-toast");
  g_assert_cmpstr (quorum_meeting_get_status (meeting), ==, "signed");

  bytes = quorum_test_read (pdf);
  verification = quorum_pdf_verify (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verification->signatures->len, ==, 1);
  check = g_ptr_array_index (verification->signatures, 0);
  g_assert_true (check->valid && check->intact && check->whole_revision);
  g_assert_cmpstr (check->signer, ==, quorum_record_get_string (chair, "name"));
  g_assert_cmpstr (check->field, ==, "Signature of the Chair");
  {
    g_autoptr(GBytes) kept = quorum_meeting_dup_signed_file (meeting);
    g_assert_true (g_bytes_equal (kept, bytes));
  }
  close_window (window);
}

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Preferences: the organization's name and logo go into the database (for the minutes),
 * the default quorum rule applies to the next new review, identities are created there
 * and one is chosen for signing. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumRecord) organization = NULL;
  g_autofree char *png = g_build_filename (f->dir, "logo.png", NULL);
  g_autofree char *not_png = g_build_filename (f->dir, "logo.txt", NULL);
  g_autofree char *identities = quorum_identity_dir ();
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) text_file = g_file_new_for_path (not_png);
  g_autoptr(QuorumMeeting) meeting = NULL;
  GSettings *settings = quorum_settings_get ();
  GtkWidget *window, *prefs, *row, *dialog_widget;
  AdwMessageDialog *dialog;

  g_assert_nonnull (settings);
  quorum_test_remove_tree (identities);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 20);
    cairo_t *cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 0.1, 0.3, 0.6);
    cairo_paint (cr);
    cairo_destroy (cr);
    g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);
  }
  quorum_test_write (not_png, "not a picture", 13);

  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (window, "win.preferences", NULL));
  while ((prefs = find_toplevel (QUORUM_TYPE_PREFERENCES_WINDOW)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_label (prefs, "Organization");

  row = find_row (prefs, "Organization name");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "Aster & Finch <Holdings>");
  organization = quorum_database_dup_organization (db, &error);
  g_assert_cmpstr (quorum_record_get_string (organization, "name"), ==, "Aster & Finch <Holdings>");

  g_assert_false (quorum_preferences_window_set_logo (QUORUM_PREFERENCES_WINDOW (prefs), text_file));
  wait_for_label (prefs, "“logo.txt” is not a PNG image Quorum can read.");
  g_assert_null (quorum_record_get_bytes (organization, "logo"));
  g_assert_true (quorum_preferences_window_set_logo (QUORUM_PREFERENCES_WINDOW (prefs), png_file));
  g_assert_nonnull (quorum_record_get_bytes (organization, "logo"));
  g_assert_cmpstr (quorum_record_get_string (organization, "logo_type"), ==, "image/png");
  wait_for_label (prefs, "PNG image, 40 × 20 pixels");

  /* The default quorum rule, through its widgets, reaches the next new review */
  gtk_switch_set_active (GTK_SWITCH (find_widget (find_row (prefs, "Chair must be present"),
                                                  GTK_TYPE_SWITCH)), FALSE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (find_row (prefs, "Top-management members required"),
                                                           GTK_TYPE_SPIN_BUTTON)), 2);
  g_assert_false (g_settings_get_boolean (settings, "default-quorum-chair"));
  g_assert_cmpint (g_settings_get_int (settings, "default-quorum-top-management"), ==, 2);
  screenshot (prefs, "preferences-general");

  /* An identity made in the Create dialog: the button stays off until the passphrases match */
  g_assert_true (gtk_widget_activate_action (prefs, "prefs.create-identity", NULL));
  while ((dialog_widget = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  dialog = ADW_MESSAGE_DIALOG (dialog_widget);
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog_widget, "Your Name")), "Aiko Tanaka");
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog_widget, "Passphrase (8 characters or more)")),
                         "long enough");
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog_widget, "Repeat the Passphrase")),
                         "long enougH");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog_widget, "Repeat the Passphrase")),
                         "long enough");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  screenshot (dialog_widget, "preferences-create-identity");
  adw_message_dialog_response (dialog, "create");
  /* The key is made on a worker thread; the window says when it is done */
  {
    GtkWidget *create = find_actionable (prefs, "prefs.create-identity");
    gboolean timed_out = FALSE;
    guint timeout = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

    g_assert_false (gtk_widget_get_sensitive (create));
    while (!gtk_widget_get_sensitive (create) && !timed_out)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (timeout);
  }
  {
    g_autoptr(QuorumIdentityInfo) made = quorum_identity_find (identities, "Aiko Tanaka", &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (made->subject, "Aster & Finch"));
  }
  /* An identity issued elsewhere, imported from its PKCS#12 file: a wrong passphrase is said */
  {
    g_autofree char *issued_dir = g_build_filename (f->dir, "issued", NULL);
    g_autoptr(QuorumIdentityInfo) issued = quorum_identity_create (issued_dir, "Jürgen Müller",
                                                                   NULL, "Aster & Finch",
                                                                   QUORUM_KEY_ECDSA_P256,
                                                                   "issued passphrase", &error);
    QuorumPreferencesWindow *window_prefs = QUORUM_PREFERENCES_WINDOW (prefs);
    g_autoptr(GFile) p12 = NULL;
    GAsyncResult *result = NULL;

    g_assert_no_error (error);
    p12 = g_file_new_for_path (issued->path);
    quorum_preferences_window_import_identity (window_prefs, p12, "not it",
                                               quorum_test_keep_result, &result);
    g_assert_false (quorum_preferences_window_identity_finish (window_prefs,
                                                               quorum_test_wait_for_result (&result)));
    g_clear_object (&result);
    quorum_preferences_window_import_identity (window_prefs, p12, "issued passphrase",
                                               quorum_test_keep_result, &result);
    g_assert_true (quorum_preferences_window_identity_finish (window_prefs,
                                                              quorum_test_wait_for_result (&result)));
    g_clear_object (&result);
  }
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "signing");
  wait_for_label (prefs, "Jürgen Müller");
  wait_for_label (prefs, "Aiko Tanaka");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (prefs, "Sign With")), 1);
  {
    g_autofree char *chosen = g_settings_get_string (settings, "default-identity");
    g_assert_cmpstr (chosen, ==, "Aiko Tanaka");
  }
  screenshot (prefs, "preferences-signing");
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_assert_true (gtk_widget_activate_action (window, "win.new-review", NULL));
  meeting = g_list_model_get_item (quorum_database_get_meetings (db), 0);
  g_assert_false (quorum_record_get_boolean (QUORUM_RECORD (meeting), "quorum_chair"));
  g_assert_cmpint (quorum_record_get_int (QUORUM_RECORD (meeting), "quorum_top_management"), ==, 2);
  g_settings_reset (settings, "default-quorum-chair");
  g_settings_reset (settings, "default-quorum-top-management");
  g_settings_reset (settings, "default-identity");
  close_window (window);
}

/* Preferences closed while an identity is being made: the identity is made all the same */
static void
test_preferences_closed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autofree char *identities = quorum_identity_dir ();
  g_autoptr(QuorumIdentityInfo) made = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GtkWidget *window, *prefs;

  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_present (GTK_WINDOW (window));
  prefs = GTK_WIDGET (quorum_preferences_window_new (GTK_WINDOW (window), db));
  gtk_window_present (GTK_WINDOW (prefs));
  quorum_preferences_window_create_identity (QUORUM_PREFERENCES_WINDOW (prefs), "Lena Berg", NULL,
                                             "long enough", quorum_test_keep_result, &result);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_true (quorum_preferences_window_identity_finish (QUORUM_PREFERENCES_WINDOW (prefs),
                                                            quorum_test_wait_for_result (&result)));
  g_clear_object (&result);
  made = quorum_identity_find (identities, "Lena Berg", &error);
  g_assert_no_error (error);
  close_window (window);
}

/* The file's integrity check runs while the window opens; a damaged file is refused as
 * soon as the check is over, and nothing was written into it meanwhile. */
static void
test_damaged_after_open (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) after = NULL;
  GtkWidget *window;

  g_assert_true (quorum_demo_fill (db, 2, 9, &error));
  g_assert_finalize_object (g_steal_pointer (&db));
  /* Garble the audit log's root page: the window does not read it to open */
  damaged = quorum_test_garble_root_page (f->path, "audit_log", 0, 40);

  db = quorum_database_open_check_later (f->path, FALSE, &error);
  g_assert_no_error (error);
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, "The Database Cannot Be Opened");
  {
    guint before = g_list_model_get_n_items (quorum_database_get_meetings (db));
    gtk_widget_activate_action (window, "win.new-review", NULL);
    g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_meetings (db)), ==, before);
  }
  screenshot (window, "damaged-after-open");
  close_window (window);
  g_assert_finalize_object (g_steal_pointer (&db));
  after = quorum_test_read (f->path);
  g_assert_true (g_bytes_equal (after, damaged));
}

/* On a narrow window the sidebar folds away: a review fills the window, Back returns to
 * the list, and the sections still fit. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) newest = NULL;
  GtkWidget *window, *leaflet;

  g_assert_true (quorum_demo_fill (db, 1, 3, &error));
  newest = g_list_model_get_item (quorum_database_get_recent_meetings (db), 0);
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, quorum_meeting_get_title (newest));
  leaflet = find_widget (window, ADW_TYPE_LEAFLET);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  quorum_window_show_meeting (QUORUM_WINDOW (window), newest);
  wait_for_label (window, "Overview");
  while (adw_leaflet_get_child_transition_running (ADW_LEAFLET (leaflet)))
    g_main_context_iteration (NULL, TRUE);
  /* The review has the whole width; the list is out of sight */
  g_assert_null (find_visible_label (window, "Reviews"));
  screenshot (window, "narrow-meeting");
  /* The sections come from a drop-down there */
  {
    GtkWidget *sections = find_widget (window, GTK_TYPE_DROP_DOWN);
    g_assert_nonnull (sections);
    g_assert_null (find_sections_list (window));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (sections), 5);
    wait_for_label (window, "Numbered in the order they are taken.");
    screenshot (window, "narrow-decisions");
  }
  g_assert_true (gtk_widget_activate_action (window, "win.back", NULL));
  wait_for_label (window, "Reviews");
  close_window (window);
}

/* Whether `widget` shows text of its own (a label inside) */
static gboolean
has_text_child (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text_child (child))
      return TRUE;
  return FALSE;
}

/* Every control a person can reach under `widget` has a name for screen readers: icon-only
 * buttons, spin buttons, switches, text areas, drop-downs and charts. */
static void
check_accessible_names (GtkWidget *widget,
                        GString   *missing)
{
  gboolean needs_name;

  if (!gtk_widget_get_mapped (widget))
    return;
  needs_name = ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && !has_text_child (widget)) ||
               GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_TEXT_VIEW (widget) ||
               GTK_IS_DROP_DOWN (widget) || GTK_IS_DRAWING_AREA (widget);
  if (needs_name && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
      g_string_append_printf (missing, "\n  %s in “%s”", G_OBJECT_TYPE_NAME (widget),
                              row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                                          : "(no row)");
    }
  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    return;  /* their own parts are not reached separately */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_accessible_names (child, missing);
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) newest = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *sections[] = { "overview", "attendance", "agenda", "metrics", "incidents",
                             "decisions", "approvals", "actions", "minutes" };
  GtkWidget *window, *view;

  g_assert_true (quorum_demo_fill (db, 2, 5, &error));
  newest = g_list_model_get_item (quorum_database_get_recent_meetings (db), 1);
  window = open_meeting (db, newest, 760);
  view = find_widget (window, QUORUM_TYPE_MEETING_VIEW);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *expander;
      show_section (window, sections[i]);
      /* The first row of each list opened, so its editors are there to check too */
      if ((expander = find_widget (view, ADW_TYPE_EXPANDER_ROW)) != NULL)
        {
          GtkWidget *revealer;
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
          revealer = find_widget (expander, GTK_TYPE_REVEALER);
          while (!gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
            g_main_context_iteration (NULL, TRUE);
        }
      check_accessible_names (window, missing);
      {
        g_autofree char *name = g_strconcat ("section-", sections[i], NULL);
        screenshot (window, name);
      }
    }
  if (missing->len > 0)
    g_error ("Controls without an accessible name:%s", missing->str);
  close_window (window);
}

/* A long record opens as a short one: the list makes rows for what the window shows, not
 * for every review (GTK 4.8 would make 200 before the list had a size). */
static void
test_long_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) newest = NULL;
  GtkWidget *window, *list;
  guint rows = 0;

  /* Sixty years of quarterly reviews */
  g_assert_true (quorum_database_begin (db, &error));
  for (int i = 0; i < 240; i++)
    {
      g_autofree char *title = g_strdup_printf ("Review %d", i + 1);
      g_autofree char *starts_at = g_strdup_printf ("%04d-%02d-14T10:00:00+01:00",
                                                    1967 + i / 4, 1 + 3 * (i % 4));
      g_autoptr(QuorumMeeting) meeting = quorum_meeting_create (db, title, starts_at, &error);
      g_assert_no_error (error);
    }
  g_assert_true (quorum_database_commit (db, &error));
  newest = g_list_model_get_item (quorum_database_get_recent_meetings (db), 0);

  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, "Review 240");
  list = find_widget (window, GTK_TYPE_LIST_VIEW);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rows++;
  g_test_message ("%u rows made for 240 reviews", rows);
  g_assert_cmpuint (rows, <, 60);

  /* A search that leaves one review does not lengthen the list each time the list is laid
   * out again, so clearing it makes no more rows than at first */
  {
    GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
    GtkWidget *entry;

    g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
    while ((entry = find_widget (window, GTK_TYPE_SEARCH_ENTRY)) == NULL)
      g_main_context_iteration (NULL, TRUE);
    gtk_editable_set_text (GTK_EDITABLE (entry), "review 240");
    g_signal_emit_by_name (entry, "search-changed");
    iterate ();
    for (int i = 0; i < 6; i++)
      {
        g_signal_emit_by_name (scroll, "changed");
        iterate ();
      }
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    g_signal_emit_by_name (entry, "search-changed");
    iterate ();
    rows = 0;
    for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      rows++;
    g_test_message ("%u rows after a search was cleared", rows);
    g_assert_cmpuint (rows, <, 60);
  }

  /* And every review is there to scroll to: the list grows near its end */
  {
    GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
    GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
    gboolean timed_out = FALSE;
    guint timeout = g_timeout_add_seconds (20, timed_out_cb, &timed_out);

    g_assert_cmpuint (g_list_model_get_n_items (shown), <, 240);
    while (g_list_model_get_n_items (shown) < 240 && !timed_out)
      {
        gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
        g_main_context_iteration (NULL, TRUE);
      }
    while (find_visible_label (window, "Review 1") == NULL && !timed_out)
      {
        gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
        g_main_context_iteration (NULL, TRUE);
      }
    g_assert_false (timed_out);
    g_source_remove (timeout);
  }
  close_window (window);

  /* A window taller than the first rows fill gets more of them without being scrolled */
  window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1600);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_label (window, "Review 240");
  list = find_widget (window, GTK_TYPE_LIST_VIEW);
  {
    GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
    GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
    gboolean timed_out = FALSE;
    guint timeout = g_timeout_add_seconds (20, timed_out_cb, &timed_out);

    while (gtk_adjustment_get_upper (scroll) < 2 * gtk_adjustment_get_page_size (scroll) &&
           !timed_out)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (timeout);
    g_assert_cmpuint (g_list_model_get_n_items (shown), <, 240);
    g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 0);
  }
  close_window (window);
}

/* Whether Tab, pressed again and again from `start` (or the start of the window), reaches
 * `target` */
static gboolean
reachable_by_tab (GtkWidget *window,
                  GtkWidget *start,
                  GtkWidget *target)
{
  if (start != NULL)
    g_assert_true (gtk_widget_grab_focus (start) ||
                   gtk_widget_child_focus (start, GTK_DIR_TAB_FORWARD));
  else
    gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (int i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
        return FALSE;
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return TRUE;
    }
  return FALSE;
}

/* Whether Down, pressed in the list that holds `start` once it has the focus, reaches
 * `target`: rows without a control of their own (drop-downs) are reached so */
static gboolean
reachable_by_arrows (GtkWidget *window,
                     GtkWidget *start,
                     GtkWidget *target)
{
  GtkWidget *list = gtk_widget_get_parent (start);

  g_assert_true (GTK_IS_LIST_BOX (list));
  g_assert_true (gtk_widget_grab_focus (start) ||
                 gtk_widget_child_focus (start, GTK_DIR_TAB_FORWARD));
  for (int i = 0; i < 30; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
      gboolean handled = FALSE;

      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return TRUE;
      /* What the Down key does in a list */
      g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE,
                             &handled);
    }
  return FALSE;
}

/* Everything a secretary does in a section can be reached with the keyboard alone: Tab
 * reaches the sections, an opened row's editors, its Remove button and the entry that adds
 * to the list; Down, in a list, the rows that have no control of their own. */
static void
test_keyboard_reach (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QuorumDatabase) db = open_db (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create_from_template (db, "iso27001", "Q3",
                                                                         "2026-09-10T10:00:00+02:00",
                                                                         &error);
  g_autoptr(QuorumRecord) decision = quorum_meeting_add_decision (meeting, NULL,
                                                                  "Renew the SOC contract", &error);
  GtkWidget *window = g_object_ref_sink (GTK_WIDGET (quorum_window_new (NULL, db, NULL)));
  GtkWidget *row, *header, *sections, *remove = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  quorum_window_show_meeting (QUORUM_WINDOW (window), meeting);
  show_section (window, "decisions");
  row = expand (window, "D1  Renew the SOC contract");

  /* From the start of the window, the sections; tabbing past them does not change the page,
   * choosing one does */
  sections = find_sections_list (window);
  g_assert_nonnull (sections);
  g_assert_true (reachable_by_tab (window, NULL, sections));
  g_assert_true (reachable_by_tab (window, NULL, find_row (row, "Decision")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (row, GTK_TYPE_STACK))),
                   ==, "decisions");
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sections), 3), "activate");
  wait_for_label (window, "Security Objectives and KPIs");
  show_section (window, "decisions");
  /* From the opened decision's header: its Remove button, its editors, the entry after it */
  header = find_widget (row, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (header);
  for (GtkWidget *w = find_widget (row, GTK_TYPE_BUTTON); w != NULL && remove == NULL;
       w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (gtk_widget_get_tooltip_text (w), "Remove") == 0)
      remove = w;
  g_assert_nonnull (remove);
  g_assert_true (reachable_by_tab (window, header, remove));
  g_assert_true (reachable_by_tab (window, header, find_row (row, "Decision")));
  g_assert_true (reachable_by_tab (window, header, find_row (row, "Rationale")));
  g_assert_true (reachable_by_tab (window, header, find_row (row, "Clause")));
  g_assert_true (reachable_by_tab (window, header, find_row (row, "By consensus")));
  g_assert_true (reachable_by_tab (window, header, find_row (window, "Add a Decision")));
  /* Down, from the row before it, reaches the drop-down of the agenda item */
  g_assert_true (reachable_by_arrows (window, find_row (row, "Clause"),
                                      find_row (row, "Agenda item")));
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* The tests make and remove signing identities in the user's data folder: this run gets
   * data and config folders of its own (gtk_test_init() ignores G_TEST_OPTION_ISOLATE_DIRS,
   * and GLib's isolation would hide the icon theme and MIME database GTK needs too) */
  g_autofree char *home = quorum_test_make_dir ();
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* What AdwApplication loads for the app, so the window looks as it does there */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/io/github/quorumapp/Quorum/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/lists-meetings", test_lists_meetings);
  ADD ("/window/long-list", test_long_list);
  ADD ("/window/first-start", test_first_start);
  ADD ("/window/database-error", test_database_error);
  ADD ("/window/export-minutes", test_export_minutes);
  ADD ("/window/evidence-missing", test_evidence_missing);
  ADD ("/window/warns-of-altered-records", test_warns_of_altered_records);
  ADD ("/window/database-gone", test_database_gone);
  ADD ("/window/edit-meeting", test_edit_meeting);
  ADD ("/window/calendar-browsing", test_calendar_browsing);
  ADD ("/window/remove-and-undo", test_remove_and_undo);
  ADD ("/window/frozen-meeting", test_frozen_meeting);
  ADD ("/window/search", test_search);
  ADD ("/window/search-button", test_search_button);
  ADD ("/window/continue-series", test_continue_series);
  ADD ("/window/run-meeting", test_run_meeting);
  ADD ("/window/sign-minutes", test_sign_minutes);
  ADD ("/window/preferences", test_preferences);
  ADD ("/window/preferences-closed", test_preferences_closed);
  ADD ("/window/damaged-after-open", test_damaged_after_open);
  ADD ("/window/narrow", test_narrow);
  ADD ("/window/accessible-names", test_accessible_names);
  ADD ("/window/keyboard-reach", test_keyboard_reach);
#undef ADD

  status = g_test_run ();
  quorum_test_remove_tree (home);
  return status;
}
