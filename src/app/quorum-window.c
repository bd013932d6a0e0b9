/* quorum-window.c: the main window: the reviews and the one selected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "quorum-demo.h"
#include "quorum-meeting.h"
#include "quorum-file-chooser.h"
#include "quorum-format.h"
#include "quorum-meeting-view.h"
#include "quorum-evidence-loader.h"
#include "quorum-removal.h"
#include "quorum-preferences-window.h"
#include "quorum-run-view.h"
#include "quorum-settings.h"
#include "quorum-sign-dialog.h"
#include "quorum-window.h"

struct _QuorumWindow
{
  AdwApplicationWindow parent_instance;

  QuorumDatabase *db;
  GtkSingleSelection *selection;
  QuorumMeeting *meeting;  /* shown on the right, or NULL */

  GCancellable *cancellable;
  guint check_source;      /* the evidence check, while it runs */
  QuorumChainCheck *check;
  GFile *exported;         /* the last minutes written, for "Open" */
  GtkWidget *storage_dialog;  /* weak: the one "not saved" dialog, while it is shown */
  GtkWidget *shortcuts;       /* weak: the shortcuts window, while it is open */

  AdwToastOverlay *toast_overlay;
  GtkSpinner *export_spinner;
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  GtkWidget *content;
  GtkListView *meeting_list;
  GtkFilterListModel *filtered;  /* the reviews the search matches (all without a search) */
  GtkSliceListModel *shown;      /* the first of them, more as the list is scrolled */
  GHashTable *bound_rows;        /* QuorumMeeting → the sidebar row showing it */
  GtkWidget *sidebar;
  GtkToggleButton *search_button;
  GtkSearchBar *search_bar;      /* made when the search is first opened */
  GtkSearchEntry *search_entry;
  GtkStack *list_stack;
  AdwWindowTitle *content_title;
  GtkStack *detail_stack;
  AdwStatusPage *error_status;   /* on the page made when the database cannot be opened */
  GtkMenuButton *sidebar_menu_button;
  GMenuModel *primary_menu;
  AdwBin *meeting_slot;
  AdwBin *run_slot;
  QuorumMeetingView *meeting_view;  /* made when a review is first shown */
  QuorumRunView *run_view;          /* made when a meeting is first run */
  GtkLabel *saved_label;

  QuorumRemoval *removed;  /* the last removal, while its toast offers Undo */
  AdwToast *undo_toast;    /* weak */
  guint more_rows_source;  /* adds rows to the sidebar after it was laid out */
};

G_DEFINE_FINAL_TYPE (QuorumWindow, quorum_window, ADW_TYPE_APPLICATION_WINDOW)

/* GTK 4.8's list view keeps a row for each of up to 200 items, so a long record would make
 * 200 rows before the window first appears.  The sidebar shows the first FIRST_ROWS reviews
 * (a window of the default size shows eleven; each row costs about half a millisecond of the
 * start) and MORE_ROWS more whenever it is scrolled, or made taller, to within two pages of
 * their end. */
#define FIRST_ROWS 12
#define MORE_ROWS 32

static void
show_reviews_up_to (QuorumWindow *self,
                    guint         count)
{
  if (self->shown != NULL && gtk_slice_list_model_get_size (self->shown) < count)
    gtk_slice_list_model_set_size (self->shown, count);
}

static void
show_more_reviews_if_near_end (QuorumWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->meeting_list));
  double page = gtk_adjustment_get_page_size (adjustment);

  /* Every review the search leaves is shown already: a longer slice would only make more
   * rows at once when the search is cleared */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) <
      gtk_slice_list_model_get_size (self->shown))
    return;
  if (gtk_adjustment_get_value (adjustment) + 2 * page >= gtk_adjustment_get_upper (adjustment))
    show_reviews_up_to (self, gtk_slice_list_model_get_size (self->shown) + MORE_ROWS);
}

static void
list_scrolled_cb (GtkAdjustment *adjustment,
                  QuorumWindow  *self)
{
  show_more_reviews_if_near_end (self);
}

static gboolean
list_resized_idle_cb (gpointer user_data)
{
  QuorumWindow *self = user_data;

  self->more_rows_source = 0;
  show_more_reviews_if_near_end (self);
  return G_SOURCE_REMOVE;
}

/* The list's size changed, as it does while the window is laid out: more rows, if the list
 * needs them, come after the window is painted, not in the middle of its layout. */
static void
list_resized_cb (GtkAdjustment *adjustment,
                 QuorumWindow  *self)
{
  if (self->more_rows_source == 0)
    self->more_rows_source = g_idle_add_full (G_PRIORITY_LOW, list_resized_idle_cb, self, NULL);
}

/* ---- words for the user ------------------------------------------------------ */

/* The meeting's date in the user's locale (for example "Thursday, 12 February 2026"). */
static char *
format_date (QuorumMeeting *meeting,
             gboolean       with_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (quorum_meeting_get_starts_at (meeting),
                                                          NULL);
  if (dt == NULL)
    return g_strdup (quorum_meeting_get_starts_at (meeting));
  /* Translators: a meeting's date in the list, see strftime(3) */
  if (!with_time)
    return g_date_time_format (dt, _("%x"));
  /* Translators: a meeting's date and time, see strftime(3) */
  return g_date_time_format (dt, _("%A, %x, %H:%M"));
}

/* ---- pages shown now and then ------------------------------------------------- */

static void create_menu_cb (GtkMenuButton *button,
                            gpointer       user_data);

/* The object `id` of ui/quorum-window-pages.ui, with what it holds: the parts of the window
 * that are seldom needed (an empty database, an unusable one, a search and a search that finds
 * nothing) are built the first time they are, and the window opens faster without them. */
static GtkBuilder *
build_part (const char *id)
{
  GtkBuilder *builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { id, NULL };

  if (!gtk_builder_add_objects_from_resource (builder, "/io/github/quorumapp/Quorum/"
                                              "quorum-window-pages.ui", ids, &error))
    g_error ("The window's parts are not in the program's resources: %s", error->message);
  return builder;
}

/* The page `name` of `stack`, built the first time it is needed */
static GtkWidget *
ensure_page (QuorumWindow *self,
             GtkStack     *stack,
             const char   *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (stack, name);
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *menu_button, *error_status;

  if (page != NULL)
    return page;
  builder = build_part (name);
  page = GTK_WIDGET (gtk_builder_get_object (builder, name));
  gtk_stack_add_named (stack, page, name);
  menu_button = gtk_builder_get_object (builder, "empty_menu_button");
  if (menu_button != NULL)
    gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu_button), create_menu_cb, self,
                                           NULL);
  error_status = gtk_builder_get_object (builder, "error_status");
  if (error_status != NULL)
    self->error_status = ADW_STATUS_PAGE (error_status);
  return page;
}

/* ---- the list of reviews ------------------------------------------------------ */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *year = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "meeting-row");
  /* The reviews are grouped by year: the first of each year carries it above */
  gtk_label_set_xalign (GTK_LABEL (year), 0);
  gtk_widget_add_css_class (year, "year-heading");
  gtk_box_append (GTK_BOX (box), year);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  /* Dimmed, in the title's size: a smaller size costs a font of its own at startup */
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static char *
meeting_year (QuorumMeeting *meeting)
{
  g_autofree char *date = quorum_meeting_dup_date (meeting);
  return g_strndup (date, 4);
}

static void
describe_meeting_row (QuorumWindow  *self,
                      GtkWidget     *box,
                      QuorumMeeting *meeting,
                      guint          position)
{
  GtkWidget *year = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (year);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  g_autofree char *date = format_date (meeting, FALSE);
  g_autofree char *line = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *this_year = meeting_year (meeting);
  g_autofree char *year_before = NULL;

  if (position > 0)
    {
      g_autoptr(QuorumMeeting) above = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                              position - 1);
      if (above != NULL)
        year_before = meeting_year (above);
    }
  gtk_label_set_text (GTK_LABEL (year), this_year);
  gtk_widget_set_visible (year, g_strcmp0 (year_before, this_year) != 0);

  /* Translators: "12/02/2026 · Approved" under a meeting's title */
  line = g_strdup_printf (_("%s · %s"), date,
                          quorum_choice_label (quorum_meeting_get_status (meeting)));
  gtk_label_set_text (GTK_LABEL (title), quorum_meeting_get_title (meeting));
  gtk_label_set_text (GTK_LABEL (details), line);

  accessible = g_strdup_printf ("%s, %s", quorum_meeting_get_title (meeting), line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
meeting_row_notify_cb (QuorumMeeting *meeting,
                       GParamSpec    *pspec,
                       GtkListItem   *item)
{
  QuorumWindow *self = g_object_get_data (G_OBJECT (item), "quorum-window");
  describe_meeting_row (self, gtk_list_item_get_child (item), meeting,
                        gtk_list_item_get_position (item));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             QuorumWindow             *self)
{
  QuorumMeeting *meeting = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "quorum-window", self);
  g_hash_table_insert (self->bound_rows, meeting, item);
  describe_meeting_row (self, gtk_list_item_get_child (item), meeting,
                        gtk_list_item_get_position (item));
  /* The row follows the title, date and status while it shows this meeting */
  g_signal_connect_object (meeting, "notify", G_CALLBACK (meeting_row_notify_cb), item, 0);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               QuorumWindow             *self)
{
  QuorumMeeting *meeting = gtk_list_item_get_item (item);

  if (g_hash_table_lookup (self->bound_rows, meeting) == item)
    g_hash_table_remove (self->bound_rows, meeting);
  g_signal_handlers_disconnect_by_func (meeting, meeting_row_notify_cb, item);
}

/* A review that came or went changes whether the one after it opens a new year */
static void
filtered_changed_cb (QuorumWindow *self,
                     guint         position,
                     guint         removed,
                     guint         added,
                     GListModel   *model)
{
  g_autoptr(QuorumMeeting) next = g_list_model_get_item (model, position + added);
  GtkListItem *item = next != NULL ? g_hash_table_lookup (self->bound_rows, next) : NULL;

  if (item != NULL)
    describe_meeting_row (self, gtk_list_item_get_child (item), next,
                          gtk_list_item_get_position (item));
  if (g_list_model_get_n_items (model) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child (self->list_stack, ensure_page (self, self->list_stack,
                                                                "no-results"));
}

/* ---- searching the reviews ---------------------------------------------------------- */

static gboolean
meeting_matches (gpointer item,
                 gpointer user_data)
{
  QuorumRecord *meeting = item;
  const char *words = user_data;
  const char *fields[] = { "title", "location", "series", "starts_at" };
  g_autofree char *date = format_date (QUORUM_MEETING (meeting), FALSE);
  g_autoptr(GString) text = g_string_new (date);
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = g_strsplit (words, " ", -1);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = quorum_record_get_string (meeting, fields[i]);
      g_string_append_c (text, '\n');
      if (value != NULL)
        g_string_append (text, value);
    }
  g_string_append_c (text, '\n');
  g_string_append (text, quorum_choice_label (quorum_meeting_get_status (QUORUM_MEETING (meeting))));
  folded = g_utf8_casefold (text->str, -1);
  /* Every word typed must appear somewhere */
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && strstr (folded, parts[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
search_changed_cb (QuorumWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GtkCustomFilter *filter;

  if (self->filtered == NULL)
    return;
  /* Without a search nothing is filtered, so the list stays lazy */
  if (*stripped == '\0')
    {
      gtk_filter_list_model_set_filter (self->filtered, NULL);
      return;
    }
  filter = gtk_custom_filter_new (meeting_matches, g_utf8_casefold (stripped, -1), g_free);
  gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (filter));
  g_object_unref (filter);
}

/* The search bar goes under the sidebar's header bar the first time it is opened; from then
 * on the search button shows and hides it. */
static void
ensure_search_bar (QuorumWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->search_bar != NULL)
    return;
  builder = build_part ("search_bar");
  self->search_bar = GTK_SEARCH_BAR (gtk_builder_get_object (builder, "search_bar"));
  self->search_entry = GTK_SEARCH_ENTRY (gtk_builder_get_object (builder, "search_entry"));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  gtk_box_insert_child_after (GTK_BOX (self->sidebar), GTK_WIDGET (self->search_bar),
                              gtk_widget_get_first_child (self->sidebar));
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
search_button_toggled_cb (QuorumWindow *self)
{
  if (gtk_toggle_button_get_active (self->search_button))
    ensure_search_bar (self);
}

static void
update_main_page (QuorumWindow *self)
{
  guint n = g_list_model_get_n_items (quorum_database_get_recent_meetings (self->db));
  if (n > 0)
    gtk_stack_set_visible_child_name (self->main_stack, "meetings");
  else
    gtk_stack_set_visible_child (self->main_stack, ensure_page (self, self->main_stack, "empty"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.continue-series", n > 0);
}

static void
meetings_changed_cb (QuorumWindow *self,
                     guint         position,
                     guint         removed,
                     guint         added,
                     GListModel   *model)
{
  update_main_page (self);
}

static void
update_title (QuorumWindow *self)
{
  if (self->meeting == NULL)
    {
      adw_window_title_set_title (self->content_title, _("Quorum"));
      adw_window_title_set_subtitle (self->content_title, NULL);
      return;
    }
  adw_window_title_set_title (self->content_title, quorum_meeting_get_title (self->meeting));
  adw_window_title_set_subtitle (self->content_title,
                                 quorum_choice_label (quorum_meeting_get_status (self->meeting)));
}

static void
show_detail (QuorumWindow *self)
{
  update_title (self);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), FALSE);
  /* The editing views are made when first needed, so the window opens sooner */
  if (self->meeting_view == NULL && self->meeting != NULL)
    {
      self->meeting_view = g_object_new (QUORUM_TYPE_MEETING_VIEW, NULL);
      /* When the reviews' list folds away, so does the list of sections */
      g_object_bind_property (self->leaflet, "folded", self->meeting_view, "compact",
                              G_BINDING_SYNC_CREATE);
      adw_bin_set_child (self->meeting_slot, GTK_WIDGET (self->meeting_view));
    }
  if (self->meeting_view != NULL)
    quorum_meeting_view_set_meeting (self->meeting_view, self->meeting);
  gtk_stack_set_visible_child_name (self->detail_stack, self->meeting != NULL ? "meeting" : "none");
}

static void
update_actions (QuorumWindow *self)
{
  gboolean draft = self->meeting != NULL &&
                   g_str_equal (quorum_meeting_get_status (self->meeting), "draft");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-meeting", draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-minutes",
                                 self->meeting != NULL && quorum_meeting_is_frozen (self->meeting));
}

static void
meeting_notify_cb (QuorumWindow *self)
{
  update_title (self);
  update_actions (self);
}

static void
selection_changed_cb (QuorumWindow *self)
{
  if (self->meeting != NULL)
    g_signal_handlers_disconnect_by_data (self->meeting, self);
  g_clear_object (&self->meeting);
  self->meeting = gtk_single_selection_get_selected_item (self->selection);
  if (self->meeting != NULL)
    {
      g_object_ref (self->meeting);
      g_signal_connect_swapped (self->meeting, "notify::title", G_CALLBACK (meeting_notify_cb), self);
      g_signal_connect_swapped (self->meeting, "notify::status", G_CALLBACK (meeting_notify_cb),
                                self);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-minutes", self->meeting != NULL);
  update_actions (self);
  show_detail (self);
}

static void
meeting_activated_cb (QuorumWindow *self,
                      guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

void
quorum_window_show_meeting (QuorumWindow  *self,
                            QuorumMeeting *meeting)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  g_return_if_fail (QUORUM_IS_WINDOW (self));
  /* The list holds the reviews up to this one, if the search shows it */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->filtered)); i++)
    {
      g_autoptr(QuorumMeeting) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      if (item == meeting)
        {
          show_reviews_up_to (self, i + MORE_ROWS);
          break;
        }
    }
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumMeeting) item = g_list_model_get_item (model, i);
      if (item == meeting)
        {
          meeting_activated_cb (self, i);
#if GTK_CHECK_VERSION (4, 12, 0)
          gtk_list_view_scroll_to (self->meeting_list, i, GTK_LIST_SCROLL_NONE, NULL);
#else
          gtk_widget_activate_action (GTK_WIDGET (self->meeting_list), "list.scroll-to-item", "u",
                                      i);
#endif
          return;
        }
    }
  /* Hidden by the search: show every review again, then this one */
  if (gtk_filter_list_model_get_filter (self->filtered) != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self);
      quorum_window_show_meeting (self, meeting);
    }
}

/* ---- the evidence check on open --------------------------------------------------- */

/* After the window is up, one approved record per idle turn: recompute its
 * hash and follow the chain, without holding up typing. */
static gboolean
check_records_cb (gpointer user_data)
{
  QuorumWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GPtrArray *problems;
  gboolean done = FALSE;
  AdwToast *toast;

  if (self->check == NULL)
    self->check = quorum_chain_check_new (self->db);
  if (quorum_chain_check_step (self->check, &done, &error) && !done)
    return G_SOURCE_CONTINUE;

  self->check_source = 0;
  problems = quorum_chain_check_get_problems (self->check);
  if (error != NULL)
    message = g_strdup_printf (_("The approved records could not be checked: %s"),
                               error->message);
  else if (problems->len == 1)
    message = g_strdup_printf (_("Warning: %s"), (char *) g_ptr_array_index (problems, 0));
  else if (problems->len > 1)
    message = g_strdup_printf (_("Warning: %u problems with approved records, the first: %s"),
                               problems->len, (char *) g_ptr_array_index (problems, 0));
  g_clear_pointer (&self->check, quorum_chain_check_free);
  if (message == NULL)
    return G_SOURCE_REMOVE;

  toast = quorum_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return G_SOURCE_REMOVE;
}

static void
show_database_error (QuorumWindow *self,
                     const GError *error)
{
  const char *actions[] = { "win.new-review", "win.load-demo", "win.save-copy",
                            "win.continue-series", "win.preferences", "win.run-meeting",
                            "win.export-minutes", "win.sign-minutes" };
  GtkWidget *page = ensure_page (self, self->main_stack, "error");

  adw_status_page_set_description (self->error_status, error->message);
  gtk_stack_set_visible_child (self->main_stack, page);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], FALSE);
}

/* The integrity check ran while the window opened: once it is over, a damaged file is
 * refused, as it would have been before the window (nothing was written to it meanwhile);
 * a sound one has its approved records checked next. */
static gboolean
integrity_checked_cb (gpointer user_data)
{
  QuorumWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!quorum_database_check_is_over (self->db))
    return G_SOURCE_CONTINUE;
  self->check_source = 0;
  if (!quorum_database_finish_check (self->db, &error))
    show_database_error (self, error);
  else
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_records_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                QuorumWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  if (self->db != NULL && self->check_source == 0)
    self->check_source = g_timeout_add (20, integrity_checked_cb, self);
}

static void
window_realized_cb (GtkWidget *widget)
{
  /* Once: the check runs after the first paint only */
  g_signal_handlers_disconnect_by_func (widget, window_realized_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (first_paint_cb), widget, 0);
}

/* ---- actions -------------------------------------------------------------------- */

static void
storage_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            QuorumWindow     *self)
{
  if (g_str_equal (response, "save-copy"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-copy", NULL);
}

static void
destroy_storage_dialog (QuorumWindow *self)
{
  GtkWidget *dialog = self->storage_dialog;

  if (dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->storage_dialog);
  self->storage_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The file itself failed: the person must read all of it and may need to act, so a dialog
 * rather than a toast, which would cut the message short. */
static gboolean
is_storage_failure (const GError *error)
{
  return error->domain == QUORUM_STORE_ERROR &&
         (error->code == QUORUM_STORE_ERROR_GONE || error->code == QUORUM_STORE_ERROR_IO ||
          error->code == QUORUM_STORE_ERROR_FULL || error->code == QUORUM_STORE_ERROR_READ_ONLY ||
          error->code == QUORUM_STORE_ERROR_LOCKED || error->code == QUORUM_STORE_ERROR_CORRUPT);
}

AdwToast *
quorum_toast_new (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  return toast;
}

void
quorum_window_show_error (QuorumWindow *self,
                          const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (QUORUM_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  if (is_storage_failure (error))
    {
      GtkWidget *dialog;

      /* One at a time, and not again for each keystroke while the file stays broken */
      if (self->storage_dialog != NULL &&
          g_strcmp0 (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (self->storage_dialog)),
                     error->message) == 0)
        return;
      destroy_storage_dialog (self);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      /* When the file is lost or failing, what Quorum holds can still be saved elsewhere. */
      if (error->code == QUORUM_STORE_ERROR_GONE || error->code == QUORUM_STORE_ERROR_IO)
        {
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save-copy",
                                           _("Save a _Copy…"));
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-copy",
                                                      ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-copy");
        }
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      g_signal_connect_object (dialog, "response", G_CALLBACK (storage_dialog_response_cb), self,
                               0);
      self->storage_dialog = dialog;
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->storage_dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  toast = quorum_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);  /* stays until read */
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
new_review_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      10, 0, 0);
  g_autofree char *starts_at = g_date_time_format (start, "%Y-%m-%dT%H:%M:%S%:z");
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;

  if (self->db == NULL)
    return;
  meeting = quorum_meeting_create_from_template (self->db, "iso27001", NULL, starts_at, &error);
  if (meeting == NULL || !quorum_settings_apply_quorum_rule (meeting, &error))
    {
      quorum_window_show_error (self, error);
      if (meeting == NULL)
        return;
    }
  quorum_window_show_meeting (self, meeting);
}

/* The next review after the newest: its agenda, rule and open actions, a quarter later (or
 * today, when that has passed). */
static void
continue_series_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  g_autoptr(QuorumMeeting) newest = NULL;
  g_autoptr(QuorumMeeting) next = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) quarter = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *starts_at = NULL;
  g_autoptr(GError) error = NULL;

  if (self->db == NULL)
    return;
  newest = g_list_model_get_item (quorum_database_get_recent_meetings (self->db), 0);
  if (newest == NULL)
    return;
  last = g_date_time_new_from_iso8601 (quorum_meeting_get_starts_at (newest), NULL);
  quarter = last != NULL ? g_date_time_add_months (last, 3) : NULL;
  if (quarter == NULL || g_date_time_compare (quarter, now) < 0)
    {
      g_clear_pointer (&quarter, g_date_time_unref);
      quarter = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                       g_date_time_get_day_of_month (now), 10, 0, 0);
    }
  starts_at = g_date_time_format (quarter, "%Y-%m-%dT%H:%M:%S%:z");
  next = quorum_meeting_continue_series (newest, starts_at, &error);
  if (next == NULL)
    {
      quorum_window_show_error (self, error);
      return;
    }
  quorum_window_show_meeting (self, next);
}

static void
run_leave_cb (QuorumWindow *self)
{
  QuorumMeeting *meeting = quorum_run_view_get_meeting (self->run_view);
  gboolean closed = meeting != NULL && !g_str_equal (quorum_meeting_get_status (meeting), "draft");

  quorum_run_view_set_meeting (self->run_view, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "meetings");
  if (closed)
    {
      AdwToast *toast = quorum_toast_new (_("The meeting is closed and marked as held"));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      if (self->meeting_view != NULL)
        quorum_meeting_view_show_section (self->meeting_view, "minutes");
    }
}

/* The chair's view of the meeting, one item at a time, in the whole window */
static void
run_meeting_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->meeting == NULL || !g_str_equal (quorum_meeting_get_status (self->meeting), "draft"))
    return;
  if (self->run_view == NULL)
    {
      self->run_view = g_object_new (QUORUM_TYPE_RUN_VIEW, NULL);
      g_signal_connect_swapped (self->run_view, "leave", G_CALLBACK (run_leave_cb), self);
      adw_bin_set_child (self->run_slot, GTK_WIDGET (self->run_view));
    }
  gtk_stack_set_visible_child_name (self->main_stack, "run");
  quorum_run_view_set_meeting (self->run_view, self->meeting);
}


/* Built when first asked for, not with the window: it would slow down the start */
static void
show_shortcuts_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/quorumapp/Quorum/quorum-shortcuts-window.ui");
      self->shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (GTK_WINDOW (self->shortcuts), GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *) &self->shortcuts);
    }
  gtk_window_present (GTK_WINDOW (self->shortcuts));
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->db != NULL)
    gtk_window_present (GTK_WINDOW (quorum_preferences_window_new (GTK_WINDOW (self), self->db)));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->db == NULL)
    return;
  ensure_search_bar (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
load_demo_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->db == NULL)
    return;
  if (!quorum_demo_fill (self->db, 3, g_random_int (), &error))
    quorum_window_show_error (self, error);
}

/* ---- exporting the minutes ------------------------------------------------------ */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(QuorumWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  gtk_spinner_stop (self->export_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->export_spinner), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-minutes", self->meeting != NULL);

  /* Loaded: it started the export */
  if (!quorum_evidence_load (NULL)->minutes_export_finish (QUORUM_MEETING (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        quorum_window_show_error (self, error);
      g_clear_object (&self->exported);
      return;
    }

  name = g_file_get_basename (self->exported);
  message = g_strdup_printf (_("Minutes saved as “%s”"), name);
  toast = quorum_toast_new (message);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-exported");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_to (QuorumWindow *self,
           GFile        *file)
{
  g_autoptr(GError) error = NULL;
  const QuorumEvidenceCalls *evidence = quorum_evidence_load (&error);

  if (evidence == NULL)
    {
      quorum_window_show_error (self, error);
      return;
    }
  g_set_object (&self->exported, file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-minutes", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_spinner), TRUE);
  gtk_spinner_start (self->export_spinner);
  evidence->minutes_export_async (self->meeting, file, self->cancellable, export_done_cb,
                                  g_object_ref (self));
}

static char *
suggested_name (QuorumMeeting *meeting)
{
  g_autofree char *date = quorum_meeting_dup_date (meeting);
  g_autofree char *title = g_strdup (quorum_meeting_get_title (meeting));
  /* Keep the name portable: no path separators. */
  g_strdelimit (title, "/\\:", '-');
  /* Translators: file name of exported minutes: date, then the meeting's title */
  return g_strdup_printf (_("%s Minutes %s.pdf"), date, title);
}

/* ---- choosing where to save ------------------------------------------------------- */

typedef void (*SaveFileChosen) (QuorumWindow *self,
                                GFile        *file);

typedef struct
{
  QuorumWindow *self;   /* owned */
  SaveFileChosen chosen;
} SaveRequest;

static void
save_request_free (gpointer data)
{
  SaveRequest *request = data;
  g_object_unref (request->self);
  g_free (request);
}

static void
save_file_chosen_cb (GFile    *file,
                     gpointer  user_data)
{
  SaveRequest *request = user_data;
  request->chosen (request->self, file);
}

/* Asks where to save a file, then calls `chosen` unless the person cancels. */
static void
choose_save_file (QuorumWindow   *self,
                  const char     *title,
                  const char     *accept_label,
                  const char     *initial_name,
                  GtkFileFilter  *filter,
                  SaveFileChosen  chosen)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  request->self = g_object_ref (self);
  request->chosen = chosen;
  quorum_choose_save_file (GTK_WINDOW (self), title, accept_label, initial_name, filter,
                           save_file_chosen_cb, request, save_request_free);
}

static void
export_file_chosen (QuorumWindow *self,
                    GFile        *file)
{
  if (self->meeting != NULL)
    export_to (self, file);
}

static void
export_minutes_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->meeting == NULL)
    return;
  name = suggested_name (self->meeting);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  choose_save_file (self, _("Export Minutes"), _("_Export"), name, filter, export_file_chosen);
}

/* ---- signing the minutes ---------------------------------------------------------------- */

static void
minutes_signed_cb (QuorumSignDialog *dialog,
                   GFile            *file,
                   QuorumWindow     *self)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  GtkWidget *title, *folder, *box;
  AdwToast *toast;

  g_set_object (&self->exported, file);
  /* Translators: after signing; %s is the file's name */
  message = g_strdup_printf (_("Signed minutes saved as “%s”"), name);
  toast = quorum_toast_new (message);
  /* A toast has one button of its own: the folder gets a second one beside the title */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  title = gtk_label_new (message);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (title, "heading");
  folder = gtk_button_new_with_mnemonic (_("Show in _Folder"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "win.show-exported-folder");
  gtk_widget_add_css_class (folder, "flat");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-exported");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

QuorumSignDialog *
quorum_window_sign_minutes (QuorumWindow *self,
                            GFile        *file)
{
  QuorumSignDialog *dialog;
  g_autofree char *identity = quorum_settings_dup_default_identity ();

  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->meeting != NULL, NULL);

  dialog = quorum_sign_dialog_new (GTK_WINDOW (self), self->meeting, file, identity);
  g_signal_connect_object (dialog, "signed", G_CALLBACK (minutes_signed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
sign_file_chosen (QuorumWindow *self,
                  GFile        *file)
{
  if (self->meeting != NULL)
    quorum_window_sign_minutes (self, file);
}

static void
sign_minutes_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->meeting == NULL || !quorum_meeting_is_frozen (self->meeting))
    return;
  date = quorum_meeting_dup_date (self->meeting);
  /* Translators: file name of signed minutes: the date, then the meeting's title */
  name = g_strdup_printf (_("%s Signed minutes %s.pdf"), date,
                          quorum_meeting_get_title (self->meeting));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  choose_save_file (self, _("Save the Signed Minutes"), _("_Continue"), name, filter,
                    sign_file_chosen);
}

/* ---- saving a copy of the database ------------------------------------------------- */

static void
save_copy_file_chosen (QuorumWindow *self,
                       GFile        *file)
{
  quorum_window_save_copy (self, file);
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->db == NULL)
    return;
  /* Translators: file name of a copy of the database; %s is today's date */
  name = g_strdup_printf (_("Quorum copy %s.db"), date);
  gtk_file_filter_set_name (filter, _("Quorum databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  choose_save_file (self, _("Save a Copy of the Database"), _("_Save"), name, filter,
                    save_copy_file_chosen);
}

static void
open_exported_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->exported == NULL)
    return;
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (self->exported);
    gtk_file_launcher_launch (launcher, GTK_WINDOW (self), NULL, NULL, NULL);
  }
#else
  {
    g_autofree char *uri = g_file_get_uri (self->exported);
    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
  }
#endif
}

/* Puts back what was removed last: the row with its values and identity, the rows that
 * belonged to it and the links other rows had to it */
static void
undo_remove_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  g_autoptr(QuorumRemoval) removal = g_steal_pointer (&self->removed);
  g_autoptr(QuorumRecord) restored = NULL;
  g_autoptr(GError) error = NULL;

  self->undo_toast = NULL;
  if (removal == NULL || self->db == NULL)
    return;
  restored = quorum_removal_undo (removal, self->db, &error);
  if (restored == NULL)
    quorum_window_show_error (self, error);
  else
    quorum_window_report_save (self, NULL);
}

#if !GTK_CHECK_VERSION (4, 10, 0)
/* Opens the folder of the file last written, when the file manager could not show it */
static void
open_exported_folder (QuorumWindow *self)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;

  if (self->exported == NULL)
    return;
  parent = g_file_get_parent (self->exported);
  folder = g_file_get_uri (parent);
  gtk_show_uri (GTK_WINDOW (self), folder, GDK_CURRENT_TIME);
}

static void
show_items_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(QuorumWindow) self = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                             NULL);
  if (reply == NULL && !g_cancellable_is_cancelled (self->cancellable))
    open_exported_folder (self);
}

static void
show_in_folder_bus_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(QuorumWindow) self = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (g_cancellable_is_cancelled (self->cancellable) || self->exported == NULL)
    return;
  if (bus == NULL)
    {
      open_exported_folder (self);
      return;
    }
  uri = g_file_get_uri (self->exported);
  uris[0] = uri;
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, 2000,
                          self->cancellable, show_items_done_cb, g_object_ref (self));
}
#endif

static void
show_exported_folder_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);

  if (self->exported == NULL)
    return;
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (self->exported);
    gtk_file_launcher_open_containing_folder (launcher, GTK_WINDOW (self), NULL, NULL, NULL);
  }
#else
  {
    /* The file manager selects the file when it can; otherwise the folder opens. Neither
     * the bus nor the file manager is waited for on the main loop. */
    g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, show_in_folder_bus_cb, g_object_ref (self));
  }
#endif
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QuorumWindow *self = QUORUM_WINDOW (widget);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- life cycle -------------------------------------------------------------------- */

static void
quorum_window_dispose (GObject *object)
{
  QuorumWindow *self = QUORUM_WINDOW (object);

  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (quorum_database_get_recent_meetings (self->db), self);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->more_rows_source, g_source_remove);
  g_clear_pointer (&self->check, quorum_chain_check_free);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->exported);
  g_clear_pointer (&self->removed, quorum_removal_free);
  destroy_storage_dialog (self);
  if (self->shortcuts != NULL)
    {
      GtkWidget *shortcuts = self->shortcuts;
      g_object_remove_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &self->shortcuts);
      self->shortcuts = NULL;
      gtk_window_destroy (GTK_WINDOW (shortcuts));
    }
  if (self->meeting != NULL)
    g_signal_handlers_disconnect_by_data (self->meeting, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_WINDOW);
  g_clear_object (&self->meeting);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->filtered);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (quorum_window_parent_class)->dispose (object);
}

/* A menu's popover is made when it first opens: building them all with the window
 * took a tenth of its start-up time. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  QuorumWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
quorum_window_finalize (GObject *object)
{
  QuorumWindow *self = QUORUM_WINDOW (object);

  g_hash_table_unref (self->bound_rows);

  G_OBJECT_CLASS (quorum_window_parent_class)->finalize (object);
}

static void
quorum_window_class_init (QuorumWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_window_dispose;
  object_class->finalize = quorum_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quorumapp/Quorum/quorum-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, export_spinner);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, content);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, meeting_list);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, meeting_slot);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, saved_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, list_stack);
  gtk_widget_class_bind_template_callback (widget_class, meeting_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, QuorumWindow, run_slot);

  gtk_widget_class_install_action (widget_class, "win.new-review", NULL, new_review_activated);
  gtk_widget_class_install_action (widget_class, "win.continue-series", NULL,
                                   continue_series_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.run-meeting", NULL, run_meeting_activated);
  gtk_widget_class_install_action (widget_class, "win.sign-minutes", NULL, sign_minutes_activated);
  gtk_widget_class_install_action (widget_class, "win.show-exported-folder", NULL,
                                   show_exported_folder_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.run-meeting", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-review",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.export-minutes", NULL,
                                   export_minutes_activated);
  gtk_widget_class_install_action (widget_class, "win.open-exported", NULL,
                                   open_exported_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-remove", NULL, undo_remove_activated);
}

static void
quorum_window_init (QuorumWindow *self)
{
  self->bound_rows = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->search_button, "notify::active",
                            G_CALLBACK (search_button_toggled_cb), self);
  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, create_menu_cb, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-minutes", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-meeting", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-minutes", FALSE);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

QuorumWindow *
quorum_window_new (GtkApplication *application,
                   QuorumDatabase *db,
                   const GError   *open_error)
{
  QuorumWindow *self = g_object_new (QUORUM_TYPE_WINDOW, "application", application, NULL);
  GtkListItemFactory *factory;
  GListModel *meetings;

  if (db == NULL)
    {
      g_return_val_if_fail (open_error != NULL, self);
      show_database_error (self, open_error);
      return self;
    }

  self->db = g_object_ref (db);
  meetings = quorum_database_get_recent_meetings (db);
  self->filtered = gtk_filter_list_model_new (g_object_ref (meetings), NULL);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (filtered_changed_cb),
                            self);
  /* The first reviews, more as the list is scrolled (see FIRST_ROWS) */
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), 0,
                                          FIRST_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (meetings, "items-changed", G_CALLBACK (meetings_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->meeting_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->meeting_list, GTK_SELECTION_MODEL (self->selection));
  {
    GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->meeting_list));
    g_signal_connect_object (scroll, "value-changed", G_CALLBACK (list_scrolled_cb), self, 0);
    g_signal_connect_object (scroll, "changed", G_CALLBACK (list_resized_cb), self, 0);
  }

  update_main_page (self);
  /* The evidence check starts once the window has been painted: not a moment of it
   * before the person sees the reviews */
  g_signal_connect (self, "realize", G_CALLBACK (window_realized_cb), NULL);
  return self;
}

void
quorum_window_export_minutes (QuorumWindow *self,
                              GFile        *file)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));
  g_return_if_fail (self->meeting != NULL);
  export_to (self, file);
}

QuorumDatabase *
quorum_window_get_database (QuorumWindow *self)
{
  g_return_val_if_fail (QUORUM_IS_WINDOW (self), NULL);
  return self->db;
}

/* Saves everything the database holds into a new file (even when its own file was deleted or
 * replaced while open) and says so in a toast. */
void
quorum_window_save_copy (QuorumWindow *self,
                         GFile        *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_return_if_fail (QUORUM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (self->db == NULL || path == NULL)
    return;
  if (!quorum_store_save_copy (quorum_database_get_store (self->db), path, &error))
    {
      quorum_window_show_error (self, error);
      return;
    }
  name = g_file_get_basename (file);
  message = g_strdup_printf (_("A copy of the database was saved as “%s”"), name);
  toast = quorum_toast_new (message);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  destroy_storage_dialog (self);
}

void
quorum_window_show_error_for (GtkWidget    *widget,
                              const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  g_return_if_fail (error != NULL);
  if (QUORUM_IS_WINDOW (root))
    quorum_window_show_error (QUORUM_WINDOW (root), error);
  else
    g_warning ("%s", error->message);
}

/* The quiet indicator in the header bar: "Saved" after each change that reached the
 * disk, "Not Saved" (with the reason as its tooltip) while one did not.  A failure of the
 * file itself also gets the dialog, once. */
void
quorum_window_report_save (QuorumWindow *self,
                           const GError *error)
{
  g_return_if_fail (QUORUM_IS_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), TRUE);
  if (error == NULL)
    {
      gtk_label_set_text (self->saved_label, _("Saved"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label),
                                   _("Every change is saved as you make it"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "dim-label");
      return;
    }
  gtk_label_set_text (self->saved_label, _("Not Saved"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label), error->message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
  if (is_storage_failure (error))
    quorum_window_show_error (self, error);
}

static void
undo_toast_dismissed_cb (AdwToast     *toast,
                         QuorumWindow *self)
{
  if (self->undo_toast != toast)
    return;
  self->undo_toast = NULL;
  g_clear_pointer (&self->removed, quorum_removal_free);
}

void
quorum_window_remove_record (QuorumWindow *self,
                             QuorumRecord *record,
                             const char   *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumRemoval) removal = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_return_if_fail (QUORUM_IS_WINDOW (self));
  g_return_if_fail (QUORUM_IS_RECORD (record));

  removal = quorum_record_remove (record, &error);
  if (removal == NULL)
    {
      quorum_window_show_error (self, error);
      return;
    }
  quorum_window_report_save (self, NULL);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_pointer (&self->removed, quorum_removal_free);
  self->removed = g_steal_pointer (&removal);

  /* Translators: after removing something from the minutes; %s is its title */
  message = g_strdup_printf (_("“%s” removed"), title);
  toast = quorum_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, 0);
  self->undo_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
