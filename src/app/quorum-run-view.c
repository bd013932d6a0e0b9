/* quorum-run-view.c: running a meeting, one agenda item at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the chair sees during the meeting: the current item, its timebox with a running
 * timer, who presents it, what has been captured under it, and its notes.  Everything
 * captured is saved at once through the model, like any other edit.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "quorum-field-row.h"
#include "quorum-format.h"
#include "quorum-meeting-view.h"
#include "quorum-run-view.h"
#include "quorum-window.h"

enum { CAPTURE_DECISION, CAPTURE_ACTION, CAPTURE_REQUEST, CAPTURE_NOTE };

struct _QuorumRunView
{
  AdwBin parent_instance;

  QuorumMeeting *meeting;
  QuorumRecord *item;          /* the agenda item shown */
  guint position;
  gint64 entered_at;           /* monotonic time the item was shown */
  gint64 seconds_before;       /* time the item had already taken on earlier visits */
  guint tick;

  GPtrArray *notes_rows;       /* rows in notes_group for the current item */
  GtkWidget *captured_list;

  AdwWindowTitle *run_title;
  GtkLabel *position_label;
  GtkLabel *item_title;
  GtkLabel *item_details;
  GtkLabel *timer_label;
  GtkLevelBar *timer_bar;
  GtkLabel *overrun_label;
  GtkLabel *outcome_label;
  AdwPreferencesGroup *captured_group;
  AdwPreferencesGroup *notes_group;
  AdwEntryRow *capture_entry;
  GtkDropDown *capture_kind;
};

G_DEFINE_FINAL_TYPE (QuorumRunView, quorum_run_view, ADW_TYPE_BIN)

enum { LEAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static GListModel *
agenda (QuorumRunView *self)
{
  return quorum_meeting_get_items (self->meeting, QUORUM_TABLE_AGENDA_ITEMS);
}

static void
report_error (QuorumRunView *self,
              const GError  *error)
{
  quorum_window_show_error_for (GTK_WIDGET (self), error);
}

static gint64
elapsed_seconds (QuorumRunView *self)
{
  return self->seconds_before + (g_get_monotonic_time () - self->entered_at) / G_USEC_PER_SEC;
}

static char *
format_clock (gint64 seconds)
{
  /* Translators: minutes and seconds of the meeting timer */
  return g_strdup_printf (_("%02d:%02d"), (int) (seconds / 60), (int) (seconds % 60));
}

/* ---- the timer ------------------------------------------------------------------------ */

static void
update_timer (QuorumRunView *self)
{
  gint64 seconds = elapsed_seconds (self);
  gint64 timebox = self->item != NULL ? quorum_record_get_int (self->item, "timebox_minutes") * 60
                                      : 0;
  g_autofree char *used = format_clock (seconds);
  g_autofree char *text = NULL;

  if (timebox > 0)
    {
      g_autofree char *box = format_clock (timebox);
      /* Translators: time used of the item's timebox, "07:42 of 10:00" */
      text = g_strdup_printf (_("%s of %s"), used, box);
      gtk_level_bar_set_value (self->timer_bar, MIN (1.0, (double) seconds / (double) timebox));
    }
  else
    {
      text = g_strdup (used);
      gtk_level_bar_set_value (self->timer_bar, 0);
    }
  gtk_label_set_text (self->timer_label, text);
  if (timebox > 0 && seconds > timebox)
    {
      g_autofree char *over = format_clock (seconds - timebox);
      g_autofree char *over_text = g_strdup_printf (_("Over by %s"), over);
      gtk_label_set_text (self->overrun_label, over_text);
      gtk_widget_set_visible (GTK_WIDGET (self->overrun_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "error");
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->overrun_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "error");
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

/* The time spent on the item goes into its actual minutes, rounded up. */
static void
record_time (QuorumRunView *self)
{
  gint64 seconds;
  gint64 minutes;
  g_autoptr(GError) error = NULL;

  if (self->item == NULL || quorum_record_is_frozen (self->item))
    return;
  seconds = elapsed_seconds (self);
  minutes = (seconds + 59) / 60;
  if (minutes != quorum_record_get_int (self->item, "actual_minutes") &&
      !quorum_record_set_int (self->item, "actual_minutes", minutes, &error))
    report_error (self, error);
}

/* ---- the current item ---------------------------------------------------------------------- */

static void
describe_item (QuorumRunView *self)
{
  g_autoptr(QuorumRecord) presenter = quorum_record_dup_ref (self->item, "presenter");
  const char *clauses = quorum_record_get_string (self->item, "clauses");
  const char *outcome = quorum_record_get_string (self->item, "outcome");
  g_autofree char *position = NULL;
  g_autoptr(GString) details = g_string_new (NULL);

  /* Translators: which agenda item the meeting is at */
  position = g_strdup_printf (_("Item %u of %u"), self->position + 1,
                              g_list_model_get_n_items (agenda (self)));
  gtk_label_set_text (self->position_label, position);
  adw_window_title_set_subtitle (self->run_title, position);
  gtk_label_set_text (self->item_title, quorum_record_get_string (self->item, "title"));
  if (clauses != NULL && *clauses != '\0')
    /* Translators: the ISO/IEC 27001 clauses an agenda item covers */
    g_string_append_printf (details, _("Covers %s"), clauses);
  if (presenter != NULL)
    {
      if (details->len > 0)
        g_string_append (details, _(" · "));
      /* Translators: who presents an agenda item */
      g_string_append_printf (details, _("Presented by %s"),
                              quorum_record_get_string (presenter, "name"));
    }
  gtk_label_set_text (self->item_details, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->item_details), details->len > 0);
  gtk_label_set_text (self->outcome_label, quorum_choice_label (outcome));
  /* The reason is asked for only once the item is deferred */
  if (self->notes_rows->len > 1)
    gtk_widget_set_visible (g_ptr_array_index (self->notes_rows, 1),
                            g_strcmp0 (outcome, "deferred") == 0);
}

static void
item_notify_cb (QuorumRunView *self)
{
  describe_item (self);
  update_timer (self);
}

static void
fill_captured (QuorumRunView *self)
{
  const QuorumTableId tables[] = { QUORUM_TABLE_DECISIONS, QUORUM_TABLE_ACTION_ITEMS,
                                   QUORUM_TABLE_RESOURCE_APPROVALS };
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (self->captured_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->captured_list), child);
  for (guint t = 0; self->item != NULL && t < G_N_ELEMENTS (tables); t++)
    {
      GListModel *items = quorum_meeting_get_items (self->meeting, tables[t]);
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(QuorumRecord) record = g_list_model_get_item (items, i);
          GtkWidget *row;
          g_autofree char *name = NULL;
          g_autofree char *title = NULL;

          if (quorum_record_get_ref_id (record, "agenda_item") != quorum_record_get_id (self->item))
            continue;
          name = quorum_record_dup_display_name (record);
          if (tables[t] == QUORUM_TABLE_DECISIONS)
            title = g_strdup_printf (_("D%d  %s"), (int) quorum_record_get_int (record, "number"),
                                     name);
          else if (tables[t] == QUORUM_TABLE_ACTION_ITEMS)
            /* Translators: an action item captured during the meeting */
            title = g_strdup_printf (_("Action: %s"), name);
          else
            /* Translators: a resource request captured during the meeting */
            title = g_strdup_printf (_("Request: %s"), name);
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          gtk_list_box_append (GTK_LIST_BOX (self->captured_list), row);
          shown++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->captured_group), shown > 0);
}

static void
captured_changed_cb (QuorumRunView *self)
{
  fill_captured (self);
}

static void
show_item (QuorumRunView *self,
           guint          position)
{
  g_autoptr(QuorumRecord) item = NULL;
  const char *columns[] = { "notes", "deferral_reason" };

  if (self->item != NULL)
    {
      record_time (self);
      g_signal_handlers_disconnect_by_data (self->item, self);
    }
  for (guint i = 0; i < self->notes_rows->len; i++)
    adw_preferences_group_remove (self->notes_group, g_ptr_array_index (self->notes_rows, i));
  g_ptr_array_set_size (self->notes_rows, 0);
  g_clear_object (&self->item);

  item = g_list_model_get_item (agenda (self), position);
  if (item == NULL)
    return;
  self->item = g_steal_pointer (&item);
  self->position = position;
  self->entered_at = g_get_monotonic_time ();
  self->seconds_before = quorum_record_get_int (self->item, "actual_minutes") * 60;
  g_signal_connect_swapped (self->item, "notify", G_CALLBACK (item_notify_cb), self);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkWidget *row = quorum_field_row_new (self->item, columns[i]);
      adw_preferences_group_add (self->notes_group, row);
      g_ptr_array_add (self->notes_rows, row);
    }
  describe_item (self);
  update_timer (self);
  fill_captured (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.previous", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.next",
                                 position + 1 < g_list_model_get_n_items (agenda (self)));
}

/* ---- quick capture ------------------------------------------------------------------------- */

static void
capture_kind_cb (QuorumRunView *self)
{
  const char *titles[] = { N_("Decision"), N_("Action"), N_("Resource request"), N_("Note") };
  guint kind = gtk_drop_down_get_selected (self->capture_kind);

  if (kind < G_N_ELEMENTS (titles))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->capture_entry), _(titles[kind]));
}

static gboolean
append_note (QuorumRecord  *item,
             const char    *text,
             GError       **error)
{
  const char *notes = quorum_record_get_string (item, "notes");
  g_autofree char *joined = notes != NULL && *notes != '\0' ? g_strconcat (notes, "\n", text, NULL)
                                                            : g_strdup (text);
  return quorum_record_set_string (item, "notes", joined, error);
}

static void
capture_cb (QuorumRunView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->capture_entry))));
  g_autoptr(QuorumRecord) added = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  if (*text == '\0' || self->item == NULL)
    return;
  switch (gtk_drop_down_get_selected (self->capture_kind))
    {
    case CAPTURE_DECISION:
      saved = (added = quorum_meeting_add_decision (self->meeting, self->item, text, &error)) != NULL;
      break;
    case CAPTURE_ACTION:
      saved = (added = quorum_meeting_add_action (self->meeting, self->item, text, NULL, NULL,
                                                  &error)) != NULL;
      break;
    case CAPTURE_REQUEST:
      {
        g_autofree char *currency = quorum_meeting_dup_default_currency (self->meeting);
        saved = (added = quorum_meeting_add_resource_approval (self->meeting, self->item, "budget",
                                                               text, 0, currency, &error)) != NULL;
      }
      break;
    case CAPTURE_NOTE:
    default:
      saved = append_note (self->item, text, &error);
      break;
    }
  if (!saved)
    {
      report_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), "");
}

static void
capture_kind_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QuorumRunView *self = QUORUM_RUN_VIEW (widget);

  gtk_drop_down_set_selected (self->capture_kind, (guint) g_variant_get_int32 (parameter));
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
}

/* ---- moving on --------------------------------------------------------------------------- */

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QuorumRunView *self = QUORUM_RUN_VIEW (widget);
  if (self->meeting != NULL && self->position > 0)
    show_item (self, self->position - 1);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QuorumRunView *self = QUORUM_RUN_VIEW (widget);
  if (self->meeting != NULL && self->position + 1 < g_list_model_get_n_items (agenda (self)))
    show_item (self, self->position + 1);
}

static void
set_outcome (QuorumRunView *self,
             const char    *outcome)
{
  g_autoptr(GError) error = NULL;

  if (self->item != NULL && !quorum_record_set_string (self->item, "outcome", outcome, &error))
    report_error (self, error);
}

static void
discussed_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_outcome (QUORUM_RUN_VIEW (widget), "discussed");
}

/* Deferred: the reason is asked for next to the notes, where the keyboard goes. */
static void
defer_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QuorumRunView *self = QUORUM_RUN_VIEW (widget);

  set_outcome (self, "deferred");
  if (self->notes_rows->len > 1)
    gtk_widget_grab_focus (g_ptr_array_index (self->notes_rows, 1));
}

static void
leave_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QuorumRunView *self = QUORUM_RUN_VIEW (widget);

  record_time (self);
  g_signal_emit (self, signals[LEAVE], 0);
}

static void
close_meeting_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  QuorumRunView *self = QUORUM_RUN_VIEW (widget);

  if (self->meeting == NULL)
    return;
  record_time (self);
  /* Restart the clock: what was spent so far is now in the item's minutes */
  self->seconds_before = self->item != NULL ? quorum_record_get_int (self->item, "actual_minutes") * 60
                                            : 0;
  self->entered_at = g_get_monotonic_time ();
  quorum_meeting_hold_with_check (widget, self->meeting);
}

/* Held: the meeting is over, back to the minutes */
static void
status_changed_cb (QuorumRunView *self)
{
  if (self->meeting != NULL && !g_str_equal (quorum_meeting_get_status (self->meeting), "draft"))
    g_signal_emit (self, signals[LEAVE], 0);
}

/* ---- the view -------------------------------------------------------------------------- */

void
quorum_run_view_set_meeting (QuorumRunView *self,
                             QuorumMeeting *meeting)
{
  GListModel *items;
  guint start = 0;
  const QuorumTableId tables[] = { QUORUM_TABLE_DECISIONS, QUORUM_TABLE_ACTION_ITEMS,
                                   QUORUM_TABLE_RESOURCE_APPROVALS };

  g_return_if_fail (QUORUM_IS_RUN_VIEW (self));

  if (self->meeting != NULL)
    {
      show_item (self, G_MAXUINT);  /* records the time of the item shown */
      g_signal_handlers_disconnect_by_data (self->meeting, self);
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        g_signal_handlers_disconnect_by_data (quorum_meeting_get_items (self->meeting, tables[t]),
                                              self);
    }
  g_clear_handle_id (&self->tick, g_source_remove);
  g_set_object (&self->meeting, meeting);
  if (meeting == NULL)
    return;

  adw_window_title_set_title (self->run_title, quorum_meeting_get_title (meeting));
  g_signal_connect_swapped (meeting, "notify::status", G_CALLBACK (status_changed_cb), self);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    g_signal_connect_swapped (quorum_meeting_get_items (meeting, tables[t]), "items-changed",
                              G_CALLBACK (captured_changed_cb), self);

  /* Where the meeting stopped: the first item neither discussed nor deferred */
  items = agenda (self);
  for (start = 0; start < g_list_model_get_n_items (items); start++)
    {
      g_autoptr(QuorumRecord) item = g_list_model_get_item (items, start);
      if (g_strcmp0 (quorum_record_get_string (item, "outcome"), "pending") == 0)
        break;
    }
  if (start >= g_list_model_get_n_items (items))
    start = 0;
  show_item (self, start);
  self->tick = g_timeout_add_seconds (1, tick_cb, self);
  /* The keyboard starts where the minutes are taken */
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
}

QuorumMeeting *
quorum_run_view_get_meeting (QuorumRunView *self)
{
  g_return_val_if_fail (QUORUM_IS_RUN_VIEW (self), NULL);
  return self->meeting;
}

guint
quorum_run_view_get_position (QuorumRunView *self)
{
  g_return_val_if_fail (QUORUM_IS_RUN_VIEW (self), 0);
  return self->position;
}

static void
quorum_run_view_dispose (GObject *object)
{
  QuorumRunView *self = QUORUM_RUN_VIEW (object);

  quorum_run_view_set_meeting (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_RUN_VIEW);
  G_OBJECT_CLASS (quorum_run_view_parent_class)->dispose (object);
}

static void
quorum_run_view_finalize (GObject *object)
{
  QuorumRunView *self = QUORUM_RUN_VIEW (object);

  g_ptr_array_unref (self->notes_rows);
  G_OBJECT_CLASS (quorum_run_view_parent_class)->finalize (object);
}

static void
quorum_run_view_class_init (QuorumRunViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_run_view_dispose;
  object_class->finalize = quorum_run_view_finalize;

  /**
   * QuorumRunView::leave:
   *
   * The chair went back to editing, or closed the meeting.
   */
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quorumapp/Quorum/quorum-run-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, QuorumRunView, name)
  BIND (run_title);
  BIND (position_label);
  BIND (item_title);
  BIND (item_details);
  BIND (timer_label);
  BIND (timer_bar);
  BIND (overrun_label);
  BIND (outcome_label);
  BIND (captured_group);
  BIND (notes_group);
  BIND (capture_entry);
  BIND (capture_kind);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, capture_cb);
  gtk_widget_class_bind_template_callback (widget_class, capture_kind_cb);

  gtk_widget_class_install_action (widget_class, "run.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "run.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "run.discussed", NULL, discussed_activated);
  gtk_widget_class_install_action (widget_class, "run.defer", NULL, defer_activated);
  gtk_widget_class_install_action (widget_class, "run.leave", NULL, leave_activated);
  gtk_widget_class_install_action (widget_class, "run.close-meeting", NULL,
                                   close_meeting_activated);
  gtk_widget_class_install_action (widget_class, "run.capture-kind", "i", capture_kind_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "run.previous",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "run.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "run.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "run.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_ALT_MASK, "run.discussed",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_ALT_MASK, "run.defer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "run.leave", NULL);
  for (int kind = CAPTURE_DECISION; kind <= CAPTURE_NOTE; kind++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + kind, GDK_ALT_MASK,
                                         "run.capture-kind", "i", kind);
}

static void
quorum_run_view_init (QuorumRunView *self)
{
  self->notes_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->captured_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->captured_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->captured_list, "boxed-list");
  adw_preferences_group_add (self->captured_group, self->captured_list);
  gtk_widget_set_visible (GTK_WIDGET (self->captured_group), FALSE);
}
