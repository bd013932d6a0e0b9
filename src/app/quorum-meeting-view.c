/* quorum-meeting-view.c: the sections of one management review, for editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each section is a page of groups whose rows follow the meeting's lists (GListModels
 * bound to boxed lists), so a change anywhere shows at once.  A page is filled the first
 * time it is shown; a change of meeting or of its status starts again.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "quorum-field-row.h"
#include "quorum-format.h"
#include "quorum-meeting-view.h"
#include "quorum-evidence-loader.h"
#include "quorum-window.h"

struct _QuorumMeetingView
{
  AdwBin parent_instance;

  QuorumMeeting *meeting;
  GPtrArray *added;           /* (group, widget) pairs added for this meeting */
  GHashTable *filled;         /* names of the sections filled for this meeting */

  gboolean compact;
  GtkWidget *sections_sidebar_box;
  GtkListBox *sections_list;
  GtkWidget *sections_separator;
  GtkDropDown *sections_dropdown;
  GtkRevealer *banner;
  GtkLabel *banner_label;
  GtkStack *sections;
  AdwPreferencesGroup *meeting_group;
  AdwPreferencesGroup *rule_group;
  AdwPreferencesGroup *quorum_group;
  AdwPreferencesGroup *attendees_group;
  AdwPreferencesGroup *agenda_group;
  AdwPreferencesGroup *metrics_group;
  AdwPreferencesGroup *incidents_group;
  AdwPreferencesGroup *decisions_group;
  AdwPreferencesGroup *totals_group;
  AdwPreferencesGroup *approvals_group;
  AdwPreferencesGroup *carried_group;
  AdwPreferencesGroup *actions_group;
  AdwPreferencesGroup *status_group;
  AdwPreferencesGroup *evidence_group;

  AdwActionRow *quorum_row;   /* the live quorum indicator, while Attendance is filled */
  GtkImage *quorum_icon;
  GtkListBox *agenda_list;
  GtkListBox *totals_list;
};

G_DEFINE_FINAL_TYPE (QuorumMeetingView, quorum_meeting_view, ADW_TYPE_BIN)

enum { PROP_0, PROP_COMPACT, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- helpers ------------------------------------------------------------------------- */

static gboolean
frozen (QuorumMeetingView *self)
{
  return quorum_meeting_is_frozen (self->meeting);
}

static QuorumWindow *
window_of (QuorumMeetingView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return QUORUM_IS_WINDOW (root) ? QUORUM_WINDOW (root) : NULL;
}

static void
report_error (QuorumMeetingView *self,
              const GError      *error)
{
  quorum_window_show_error_for (GTK_WIDGET (self), error);
}

/* Adds `widget` to `group` for the current meeting; it goes when the meeting changes. */
static void
group_add (QuorumMeetingView   *self,
           AdwPreferencesGroup *group,
           GtkWidget           *widget)
{
  adw_preferences_group_add (group, widget);
  g_ptr_array_add (self->added, g_object_ref (group));
  g_ptr_array_add (self->added, g_object_ref (widget));
}

static void
clear (QuorumMeetingView *self)
{
  for (guint i = 0; i + 1 < self->added->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->added, i),
                                  g_ptr_array_index (self->added, i + 1));
  g_ptr_array_set_size (self->added, 0);
  g_hash_table_remove_all (self->filled);
  self->quorum_row = NULL;
  self->quorum_icon = NULL;
  self->agenda_list = NULL;
  self->totals_list = NULL;
}

static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  end = strchr (text, '\n');
  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static char *
person_name (QuorumRecord *record,
             const char   *column)
{
  g_autoptr(QuorumRecord) person = quorum_record_dup_ref (record, column);
  return person != NULL ? g_strdup (quorum_record_get_string (person, "name")) : NULL;
}

static char *
format_day (const char *date)
{
  g_autofree char *noon = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (date == NULL)
    return NULL;
  noon = g_strconcat (date, "T12:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (noon, NULL);
  /* Translators: a date in a list, see strftime(3) */
  return dt != NULL ? g_date_time_format (dt, _("%x")) : g_strdup (date);
}

/* "Chair · Present" from the parts that are set */
static char *
join_parts (const char *first,
            ...)
{
  GString *text = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != (const char *) -1; part = va_arg (args, const char *))
    {
      if (part == NULL || *part == '\0')
        continue;
      if (text->len > 0)
        /* Translators: between the details of an item, "Chair · Present" */
        g_string_append (text, _(" · "));
      g_string_append (text, part);
    }
  va_end (args);
  return g_string_free (text, FALSE);
}
#define END_PARTS ((const char *) -1)

/* ---- rows of records ---------------------------------------------------------------------- */

typedef void (*DescribeFunc) (QuorumRecord *record,
                              char        **title,
                              char        **subtitle);

static void
describe_row (GtkWidget *row)
{
  QuorumRecord *record = g_object_get_data (G_OBJECT (row), "quorum-record");
  DescribeFunc describe = g_object_get_data (G_OBJECT (row), "quorum-describe");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  describe (record, &title, &subtitle);
  if (title == NULL || *title == '\0')
    {
      g_free (title);
      title = g_strdup (_("(untitled)"));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle != NULL ? subtitle : "");
  accessible = subtitle != NULL && *subtitle != '\0' ? g_strdup_printf ("%s, %s", title, subtitle)
                                                      : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
record_notify_cb (QuorumRecord *record,
                  GParamSpec   *pspec,
                  GtkWidget    *row)
{
  describe_row (row);
}

static void
remove_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWidget *row = user_data;
  QuorumRecord *record = g_object_get_data (G_OBJECT (row), "quorum-record");
  GtkRoot *root = gtk_widget_get_root (row);
  g_autofree char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  if (QUORUM_IS_WINDOW (root))
    quorum_window_remove_record (QUORUM_WINDOW (root), record, title);
}

/* An expander row for one record: its title and subtitle follow the record; it can be
 * removed (with Undo) unless the meeting is frozen. */
static GtkWidget *
record_row_new (QuorumMeetingView *self,
                QuorumRecord      *record,
                DescribeFunc       describe)
{
  GtkWidget *row = adw_expander_row_new ();
  GSimpleActionGroup *actions = g_simple_action_group_new ();
  const GActionEntry entries[] = { { .name = "remove", .activate = remove_activated } };

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "quorum-record", g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (row), "quorum-describe", describe);
  describe_row (row);
  g_signal_connect_object (record, "notify", G_CALLBACK (record_notify_cb), row, 0);

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), row);
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (actions));
  /* Kinds of row with more to do add their actions to the same group */
  g_object_set_data_full (G_OBJECT (row), "quorum-actions", actions, g_object_unref);

  if (!frozen (self))
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = NULL;

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "row.remove");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove"), -1);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
    }
  return row;
}

/* A boxed list that follows `model`, with `placeholder` while it is empty. */
static GtkListBox *
add_list (QuorumMeetingView          *self,
          AdwPreferencesGroup        *group,
          GListModel                 *model,
          GtkListBoxCreateWidgetFunc  create,
          const char                 *placeholder)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *empty = gtk_label_new (placeholder);

  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_add_css_class (empty, "list-placeholder");
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), model, create, self, NULL);
  group_add (self, group, list);
  return GTK_LIST_BOX (list);
}

typedef gboolean (*AddFunc) (QuorumMeetingView *self,
                             const char        *text,
                             GError           **error);

static void
add_entry_apply_cb (AdwEntryRow       *entry,
                    QuorumMeetingView *self)
{
  AddFunc add = g_object_get_data (G_OBJECT (entry), "quorum-add");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;
  if (!add (self, text, &error))
    {
      report_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* "Add a decision": an entry whose text becomes a new record when the person presses
 * Enter or the apply button.  Nothing to add in a frozen meeting. */
static void
add_entry (QuorumMeetingView   *self,
           AdwPreferencesGroup *group,
           const char          *title,
           AddFunc              add)
{
  GtkWidget *list, *entry;

  if (frozen (self))
    return;
  list = gtk_list_box_new ();
  entry = adw_entry_row_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "add-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  g_object_set_data (G_OBJECT (entry), "quorum-add", add);
  g_signal_connect (entry, "apply", G_CALLBACK (add_entry_apply_cb), self);
  g_signal_connect (entry, "entry-activated", G_CALLBACK (add_entry_apply_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  group_add (self, group, list);
}

/* ---- Overview ------------------------------------------------------------------------------ */

static void
fill_overview (QuorumMeetingView *self)
{
  QuorumRecord *meeting = QUORUM_RECORD (self->meeting);
  const char *meeting_columns[] = { "title", "starts_at", "location", "chair", "secretary" };
  const char *rule_columns[] = { "quorum_chair", "quorum_top_management", "quorum_members" };

  for (guint i = 0; i < G_N_ELEMENTS (meeting_columns); i++)
    group_add (self, self->meeting_group, quorum_field_row_new (meeting, meeting_columns[i]));
  for (guint i = 0; i < G_N_ELEMENTS (rule_columns); i++)
    group_add (self, self->rule_group, quorum_field_row_new (meeting, rule_columns[i]));
}

/* ---- Attendance ---------------------------------------------------------------------------- */

static void
update_quorum (QuorumMeetingView *self)
{
  g_autofree char *explanation = NULL;
  gboolean quorate;

  if (self->quorum_row == NULL)
    return;
  quorate = quorum_meeting_evaluate_quorum (self->meeting, &explanation);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quorum_row),
                                 quorate ? _("Quorate") : _("Not Quorate"));
  adw_action_row_set_subtitle (self->quorum_row, explanation);
  gtk_image_set_from_icon_name (self->quorum_icon,
                                quorate ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->quorum_icon), quorate ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->quorum_icon), quorate ? "success" : "warning");
}

static void
quorum_inputs_changed_cb (QuorumMeetingView *self)
{
  update_quorum (self);
}

static void
describe_attendee (QuorumRecord *record,
                   char        **title,
                   char        **subtitle)
{
  gboolean left_early = quorum_record_get_boolean (record, "left_early");

  *title = person_name (record, "person");
  *subtitle = join_parts (quorum_choice_label (quorum_record_get_string (record, "role")),
                          quorum_choice_label (quorum_record_get_string (record, "presence")),
                          left_early ? _("Left early") : NULL, END_PARTS);
}

static GtkWidget *
create_attendee_row (gpointer item,
                     gpointer user_data)
{
  QuorumMeetingView *self = user_data;
  GtkWidget *row = record_row_new (self, item, describe_attendee);

  quorum_field_rows_add (row, item, "role", "presence", "left_early", "note", NULL);
  /* Whoever comes, goes or changes role may change the quorum */
  g_signal_connect_object (item, "notify", G_CALLBACK (quorum_inputs_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

/* A person of that name (any case), or a new one. */
static gboolean
add_attendee (QuorumMeetingView *self,
              const char        *name,
              GError           **error)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (self->meeting));
  GListModel *people = quorum_database_get_people (db);
  GListModel *attendance = quorum_meeting_get_items (self->meeting, QUORUM_TABLE_ATTENDANCE);
  g_autoptr(QuorumRecord) person = NULL;
  g_autoptr(QuorumRecord) attendee = NULL;
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  for (guint i = 0; i < g_list_model_get_n_items (people) && person == NULL; i++)
    {
      g_autoptr(QuorumRecord) candidate = g_list_model_get_item (people, i);
      g_autofree char *folded = g_utf8_casefold (quorum_record_get_string (candidate, "name"), -1);
      if (g_strcmp0 (folded, wanted) == 0)
        person = g_steal_pointer (&candidate);
    }
  for (guint i = 0; person != NULL && i < g_list_model_get_n_items (attendance); i++)
    {
      g_autoptr(QuorumRecord) present = g_list_model_get_item (attendance, i);
      if (quorum_record_get_ref_id (present, "person") == quorum_record_get_id (person))
        {
          g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                       _("%s is already on the attendance list."),
                       quorum_record_get_string (person, "name"));
          return FALSE;
        }
    }
  if (person == NULL && !(person = quorum_database_add_person (db, name, NULL, NULL, error)))
    return FALSE;
  attendee = quorum_meeting_add_attendee (self->meeting, person, "member", "present", error);
  return attendee != NULL;
}

static void
fill_attendance (QuorumMeetingView *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GListModel *attendance = quorum_meeting_get_items (self->meeting, QUORUM_TABLE_ATTENDANCE);

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Quorum"), -1);
  self->quorum_row = ADW_ACTION_ROW (row);
  self->quorum_icon = GTK_IMAGE (icon);
  group_add (self, self->quorum_group, row);
  update_quorum (self);
  g_signal_connect_object (attendance, "items-changed", G_CALLBACK (quorum_inputs_changed_cb),
                           self, G_CONNECT_SWAPPED);

  add_list (self, self->attendees_group, attendance, create_attendee_row,
            _("No one is on the attendance list yet."));
  add_entry (self, self->attendees_group, _("Add a Person by Name"), add_attendee);
}

/* ---- Agenda ---------------------------------------------------------------------------- */

static void
describe_agenda_item (QuorumRecord *record,
                      char        **title,
                      char        **subtitle)
{
  gint64 timebox = quorum_record_get_int (record, "timebox_minutes");
  g_autofree char *minutes = NULL;
  g_autofree char *presenter = person_name (record, "presenter");
  const char *outcome = quorum_record_get_string (record, "outcome");

  if (timebox > 0)
    minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                            (gulong) timebox), (int) timebox);
  *title = g_strdup (quorum_record_get_string (record, "title"));
  *subtitle = join_parts (quorum_record_get_string (record, "clauses"), minutes, presenter,
                          quorum_choice_label (outcome), END_PARTS);
}

static void
number_agenda (QuorumMeetingView *self)
{
  for (int i = 0; self->agenda_list != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->agenda_list, i);
      GtkLabel *number;
      g_autofree char *text = NULL;

      if (row == NULL)
        break;
      number = g_object_get_data (G_OBJECT (row), "quorum-number");
      text = g_strdup_printf ("%d", i + 1);
      gtk_label_set_text (number, text);
    }
}

static void
agenda_changed_cb (QuorumMeetingView *self)
{
  number_agenda (self);
}

static void
move_item (GtkWidget *row,
           int        delta)
{
  QuorumRecord *item = g_object_get_data (G_OBJECT (row), "quorum-record");
  GtkWidget *list = gtk_widget_get_parent (row);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int target = index + delta;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *moved;

  if (target < 0 || index < 0)
    return;
  if (!quorum_agenda_item_move (QUORUM_AGENDA_ITEM (item), (guint) target, &error))
    {
      quorum_window_show_error_for (row, error);
      return;
    }
  /* The list made a new row for the item where it went: keep the keyboard on it */
  moved = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), target);
  if (moved != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (moved));
}

static void
move_up_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  move_item (user_data, -1);
}

static void
move_down_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  move_item (user_data, +1);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  QuorumRecord *item = g_object_get_data (G_OBJECT (row), "quorum-record");
  return gdk_content_provider_new_typed (QUORUM_TYPE_AGENDA_ITEM, item);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);
  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *row)
{
  QuorumRecord *dragged = g_value_get_object (value);
  QuorumRecord *here = g_object_get_data (G_OBJECT (row), "quorum-record");
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  g_autoptr(GError) error = NULL;

  if (!QUORUM_IS_AGENDA_ITEM (dragged) || dragged == here || index < 0 ||
      quorum_record_get_meeting_id (dragged) != quorum_record_get_meeting_id (here))
    return FALSE;
  if (!quorum_agenda_item_move (QUORUM_AGENDA_ITEM (dragged), (guint) index, &error))
    {
      quorum_window_show_error_for (row, error);
      return FALSE;
    }
  return TRUE;
}

static GtkWidget *
move_buttons_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const struct { const char *icon, *action, *label; } buttons[] = {
    { "go-up-symbolic", "row.move-up", N_("Move Up") },
    { "go-down-symbolic", "row.move-down", N_("Move Down") },
  };

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (buttons[i].icon);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      gtk_widget_set_tooltip_text (button, _(buttons[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(buttons[i].label), -1);
      gtk_widget_add_css_class (button, "flat");
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static GtkWidget *
create_agenda_row (gpointer item,
                   gpointer user_data)
{
  QuorumMeetingView *self = user_data;
  GtkWidget *row = record_row_new (self, item, describe_agenda_item);
  GtkWidget *number = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_widget_add_css_class (number, "agenda-number");
  gtk_widget_add_css_class (number, "numeric");
  g_object_set_data (G_OBJECT (row), "quorum-number", number);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), number);

  if (!frozen (self))
    {
      GActionMap *actions = g_object_get_data (G_OBJECT (row), "quorum-actions");
      const GActionEntry entries[] = {
        { .name = "move-up", .activate = move_up_activated },
        { .name = "move-down", .activate = move_down_activated },
      };
      GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
      GtkDragSource *source = gtk_drag_source_new ();
      GtkDropTarget *target = gtk_drop_target_new (QUORUM_TYPE_AGENDA_ITEM, GDK_ACTION_MOVE);
      GtkEventController *keys = gtk_shortcut_controller_new ();
      GtkWidget *moves = adw_action_row_new ();

      g_action_map_add_action_entries (actions, entries, G_N_ELEMENTS (entries), row);

      /* Drag the handle; drop on another item to put it there */
      gtk_widget_set_tooltip_text (handle, _("Drag to Reorder"));
      gtk_widget_add_css_class (handle, "drag-handle");
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), handle);
      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
      g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
      gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (source));
      g_signal_connect (target, "drop", G_CALLBACK (drop_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

      /* Alt+Up and Alt+Down move the item the keyboard is in */
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                              gtk_named_action_new ("row.move-up")));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                              gtk_named_action_new ("row.move-down")));
      gtk_widget_add_controller (row, keys);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (moves), _("Position"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (moves), _("Alt+Up, Alt+Down"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (moves), move_buttons_new ());
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), moves);
    }
  quorum_field_rows_add (row, item, "title", "clauses", "presenter", "timebox_minutes",
                         "actual_minutes", "outcome", "deferral_reason", "notes", NULL);
  return row;
}

static gboolean
add_agenda_item (QuorumMeetingView *self,
                 const char        *title,
                 GError           **error)
{
  g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (self->meeting, title, NULL, 10,
                                                                 error);
  return item != NULL;
}

static void
fill_agenda (QuorumMeetingView *self)
{
  GListModel *items = quorum_meeting_get_items (self->meeting, QUORUM_TABLE_AGENDA_ITEMS);

  self->agenda_list = add_list (self, self->agenda_group, items, create_agenda_row,
                                _("The agenda is empty."));
  number_agenda (self);
  g_signal_connect_object (items, "items-changed", G_CALLBACK (agenda_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  add_entry (self, self->agenda_group, _("Add an Agenda Item"), add_agenda_item);
}

/* ---- Metrics ------------------------------------------------------------------------------ */

typedef struct
{
  double *values;     /* earlier reviews, then this one */
  guint n_values;
  double target;
  gboolean lower_is_better;
} Trend;

static void
trend_free (gpointer data)
{
  Trend *trend = data;
  g_free (trend->values);
  g_free (trend);
}

/* A small line of the values with the target dashed across, the last point marked. */
static void
draw_trend (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  Trend *trend = user_data;
  GdkRGBA color;
  double low, high, pad = 3;

  if (trend->n_values == 0)
    return;
  low = high = trend->target;
  for (guint i = 0; i < trend->n_values; i++)
    low = MIN (low, trend->values[i]), high = MAX (high, trend->values[i]);
  if (high - low < 1e-9)
    high = low + 1;
#define Y(v) (pad + (height - 2 * pad) * (1 - ((v) - low) / (high - low)))
#define X(i) (trend->n_values > 1 ? pad + (width - 2 * pad) * (double) (i) / (trend->n_values - 1) \
                                  : width / 2.0)
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (area), &color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
#endif
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.45);
  cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
  cairo_move_to (cr, pad, Y (trend->target));
  cairo_line_to (cr, width - pad, Y (trend->target));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 1.5);
  gdk_cairo_set_source_rgba (cr, &color);
  for (guint i = 0; i < trend->n_values; i++)
    cairo_line_to (cr, X (i), Y (trend->values[i]));
  cairo_stroke (cr);
  cairo_arc (cr, X (trend->n_values - 1), Y (trend->values[trend->n_values - 1]), 2.5, 0,
             2 * G_PI);
  cairo_fill (cr);
#undef X
#undef Y
}

static QuorumRecord *
find_value (QuorumMeeting *meeting,
            QuorumRecord  *metric)
{
  GListModel *values = quorum_meeting_get_items (meeting, QUORUM_TABLE_METRIC_VALUES);

  for (guint i = 0; i < g_list_model_get_n_items (values); i++)
    {
      g_autoptr(QuorumRecord) value = g_list_model_get_item (values, i);
      if (quorum_record_get_ref_id (value, "metric") == quorum_record_get_id (metric))
        return g_steal_pointer (&value);
    }
  return NULL;
}

static char *
format_measure (double      value,
                const char *unit)
{
  g_autofree char *number = quorum_format_number (value);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  /* Translators: a measured value and its unit, "93.5 %" */
  return g_strdup_printf (_("%s %s"), number, unit);
}

static void
describe_metric_row (GtkWidget *row)
{
  QuorumMeetingView *self = g_object_get_data (G_OBJECT (row), "quorum-view");
  QuorumRecord *metric = g_object_get_data (G_OBJECT (row), "quorum-record");
  GtkLabel *shown = g_object_get_data (G_OBJECT (row), "quorum-value-label");
  GtkWidget *area = g_object_get_data (G_OBJECT (row), "quorum-trend");
  g_autoptr(QuorumRecord) value = find_value (self->meeting, metric);
  GArray *earlier = g_object_get_data (G_OBJECT (row), "quorum-history");
  g_autoptr(GArray) history = g_array_copy (earlier);
  const char *unit = quorum_record_get_string (metric, "unit");
  gboolean lower = g_strcmp0 (quorum_record_get_string (metric, "direction"), "lower") == 0;
  double target = value != NULL ? quorum_record_get_double (value, "target")
                                : quorum_record_get_double (metric, "target");
  g_autofree char *target_text = format_measure (target, unit);
  g_autofree char *target_part = NULL, *previous_part = NULL, *verdict = NULL;
  g_autofree char *subtitle = NULL, *now = NULL;
  Trend *trend = g_new0 (Trend, 1);

  /* Translators: the target of a KPI, "Target ≥ 95 %" */
  target_part = g_strdup_printf (lower ? _("Target ≤ %s") : _("Target ≥ %s"), target_text);
  if (history->len > 0)
    {
      g_autofree char *before = format_measure (g_array_index (history, double, history->len - 1),
                                                unit);
      /* Translators: the value a KPI had at the review before */
      previous_part = g_strdup_printf (_("Previous %s"), before);
    }
  if (value != NULL)
    {
      double v = quorum_record_get_double (value, "value");
      verdict = g_strdup ((lower ? v <= target : v >= target) ? _("On target") : _("Off target"));
      now = format_measure (v, unit);
      g_array_append_val (history, v);
    }
  subtitle = join_parts (target_part, previous_part, verdict, END_PARTS);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 quorum_record_get_string (metric, "name"));
  gtk_label_set_text (shown, now != NULL ? now : _("Not measured"));

  trend->n_values = history->len;
  trend->values = (double *) g_array_free (g_steal_pointer (&history), FALSE);
  trend->target = target;
  trend->lower_is_better = lower;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_trend, trend, trend_free);
  gtk_widget_set_visible (area, trend->n_values > 0);
}

static void
metric_changed_cb (GObject    *record,
                   GParamSpec *pspec,
                   GtkWidget  *row)
{
  describe_metric_row (row);
}

static void
record_value_cb (GtkButton *button,
                 GtkWidget *row);

/* The rows inside a metric: this review's value and comment (or a button to measure it),
 * then the metric's definition, which every review shares. */
static void
fill_metric_row (GtkWidget *row)
{
  QuorumMeetingView *self = g_object_get_data (G_OBJECT (row), "quorum-view");
  QuorumRecord *metric = g_object_get_data (G_OBJECT (row), "quorum-record");
  g_autoptr(QuorumRecord) value = find_value (self->meeting, metric);

  if (value != NULL)
    {
      quorum_field_rows_add (row, value, "value", "comment", NULL);
      g_signal_connect_object (value, "notify", G_CALLBACK (metric_changed_cb), row, 0);
    }
  else if (!frozen (self))
    {
      GtkWidget *measure = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Record a Value"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (measure),
                                     _("Not measured at this review"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect (button, "clicked", G_CALLBACK (record_value_cb), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (measure), button);
      g_object_set_data (G_OBJECT (row), "quorum-measure-row", measure);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), measure);
    }
  if (!frozen (self))
    quorum_field_rows_add (row, metric, "name", "kind", "unit", "target", "direction",
                           "description", NULL);
}

static void
record_value_cb (GtkButton *button,
                 GtkWidget *row)
{
  QuorumMeetingView *self = g_object_get_data (G_OBJECT (row), "quorum-view");
  QuorumRecord *metric = g_object_get_data (G_OBJECT (row), "quorum-record");
  GtkWidget *measure = g_object_get_data (G_OBJECT (row), "quorum-measure-row");
  GArray *history = g_object_get_data (G_OBJECT (row), "quorum-history");
  g_autoptr(QuorumRecord) value = NULL;
  g_autoptr(GError) error = NULL;
  /* Start from the last value measured, else from the target */
  double start = history->len > 0 ? g_array_index (history, double, history->len - 1)
                                  : quorum_record_get_double (metric, "target");

  value = quorum_meeting_set_metric_value (self->meeting, metric, start, &error);
  if (value == NULL)
    {
      report_error (self, error);
      return;
    }
  adw_expander_row_remove (ADW_EXPANDER_ROW (row), measure);
  g_object_set_data (G_OBJECT (row), "quorum-measure-row", NULL);
  {
    GtkWidget *value_row = quorum_field_row_new (value, "value");
    GtkWidget *comment_row = quorum_field_row_new (value, "comment");
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), comment_row);
    gtk_widget_grab_focus (value_row);
  }
  g_signal_connect_object (value, "notify", G_CALLBACK (metric_changed_cb), row, 0);
  describe_metric_row (row);
}

static GtkWidget *
create_metric_row (gpointer item,
                   gpointer user_data)
{
  QuorumMeetingView *self = user_data;
  QuorumRecord *metric = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *shown = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "quorum-record", g_object_ref (metric), g_object_unref);
  g_object_set_data (G_OBJECT (row), "quorum-view", self);
  g_object_set_data (G_OBJECT (row), "quorum-value-label", shown);
  g_object_set_data (G_OBJECT (row), "quorum-trend", area);
  /* Earlier reviews do not change while this one is edited: read them once */
  g_object_set_data_full (G_OBJECT (row), "quorum-history",
                          quorum_meeting_dup_metric_history (self->meeting, metric, 7),
                          (GDestroyNotify) g_array_unref);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 96);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 28);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (area, "trend");
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Trend over the last reviews"), -1);
  gtk_widget_add_css_class (shown, "numeric");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), area);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), shown);
  describe_metric_row (row);
  fill_metric_row (row);
  g_signal_connect_object (metric, "notify", G_CALLBACK (metric_changed_cb), row, 0);
  return row;
}

static gboolean
add_metric (QuorumMeetingView *self,
            const char        *name,
            GError           **error)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (self->meeting));
  g_autoptr(QuorumRecord) metric = quorum_database_add_metric (db, name, NULL, 0, "higher", error);
  return metric != NULL;
}

static void
fill_metrics (QuorumMeetingView *self)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (self->meeting));
  GListModel *model;

  /* A frozen review shows what it measured; a draft every metric there is */
  if (frozen (self))
    {
      GListModel *values = quorum_meeting_get_items (self->meeting, QUORUM_TABLE_METRIC_VALUES);
      GListStore *measured = g_list_store_new (QUORUM_TYPE_RECORD);
      for (guint i = 0; i < g_list_model_get_n_items (values); i++)
        {
          g_autoptr(QuorumRecord) value = g_list_model_get_item (values, i);
          g_autoptr(QuorumRecord) metric = quorum_record_dup_ref (value, "metric");
          if (metric != NULL)
            g_list_store_append (measured, metric);
        }
      model = G_LIST_MODEL (measured);
    }
  else
    model = g_object_ref (quorum_database_get_metrics (db));
  add_list (self, self->metrics_group, model, create_metric_row,
            _("No security objectives or KPIs are defined yet."));
  g_object_unref (model);
  add_entry (self, self->metrics_group, _("Add a Metric"), add_metric);
}

/* ---- Incidents ---------------------------------------------------------------------------- */

static void
describe_incident (QuorumRecord *record,
                   char        **title,
                   char        **subtitle)
{
  g_autofree char *summary = first_line (quorum_record_get_string (record, "summary"));
  g_autofree char *day = format_day (quorum_record_get_string (record, "occurred_on"));

  *title = *summary != '\0' ? g_strdup_printf ("%s — %s", quorum_record_get_string (record,
                                                                                    "reference"),
                                               summary)
                            : g_strdup (quorum_record_get_string (record, "reference"));
  *subtitle = join_parts (day, quorum_choice_label (quorum_record_get_string (record, "severity")),
                          quorum_choice_label (quorum_record_get_string (record, "status")),
                          END_PARTS);
}

static GtkWidget *
create_incident_row (gpointer item,
                     gpointer user_data)
{
  GtkWidget *row = record_row_new (user_data, item, describe_incident);
  quorum_field_rows_add (row, item, "reference", "occurred_on", "severity", "status", "summary",
                         "lessons", NULL);
  return row;
}

static gboolean
add_incident (QuorumMeetingView *self,
              const char        *reference,
              GError           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(QuorumRecord) incident = quorum_meeting_add_incident (self->meeting, reference, today,
                                                                  "medium", NULL, error);
  return incident != NULL;
}

static void
fill_incidents (QuorumMeetingView *self)
{
  add_list (self, self->incidents_group,
            quorum_meeting_get_items (self->meeting, QUORUM_TABLE_INCIDENTS), create_incident_row,
            _("No incidents were reviewed."));
  add_entry (self, self->incidents_group, _("Add an Incident by Reference"), add_incident);
}

/* ---- Decisions ---------------------------------------------------------------------------- */

static void
describe_decision (QuorumRecord *record,
                   char        **title,
                   char        **subtitle)
{
  g_autofree char *text = first_line (quorum_record_get_string (record, "text"));

  /* Translators: a decision's number and its text, "D3 Approve the policy" */
  *title = g_strdup_printf (_("D%d  %s"), (int) quorum_record_get_int (record, "number"), text);
  if (quorum_record_get_boolean (record, "consensus"))
    *subtitle = g_strdup (_("By consensus"));
  else
    /* Translators: the votes on a decision */
    *subtitle = g_strdup_printf (_("For %d, against %d, abstaining %d"),
                                 (int) quorum_record_get_int (record, "votes_for"),
                                 (int) quorum_record_get_int (record, "votes_against"),
                                 (int) quorum_record_get_int (record, "votes_abstain"));
}

static gboolean
votes_count (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      user_data)
{
  g_autoptr(GObject) source = g_binding_dup_source (binding);

  g_value_set_boolean (to, !g_value_get_boolean (from) && source != NULL &&
                           !quorum_record_is_frozen (QUORUM_RECORD (source)));
  return TRUE;
}

static GtkWidget *
create_decision_row (gpointer item,
                     gpointer user_data)
{
  GtkWidget *row = record_row_new (user_data, item, describe_decision);
  const char *votes[] = { "votes_for", "votes_against", "votes_abstain" };

  quorum_field_rows_add (row, item, "text", "rationale", "clause", "agenda_item", "consensus",
                         NULL);
  /* Votes are counted only when the decision was not taken by consensus */
  for (guint i = 0; i < G_N_ELEMENTS (votes); i++)
    {
      GtkWidget *count = quorum_field_row_new (item, votes[i]);
      g_object_bind_property_full (item, "consensus", count, "sensitive", G_BINDING_SYNC_CREATE,
                                   votes_count, NULL, NULL, NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), count);
    }
  return row;
}

static gboolean
add_decision (QuorumMeetingView *self,
              const char        *text,
              GError           **error)
{
  g_autoptr(QuorumRecord) decision = quorum_meeting_add_decision (self->meeting, NULL, text, error);
  return decision != NULL;
}

static void
fill_decisions (QuorumMeetingView *self)
{
  add_list (self, self->decisions_group,
            quorum_meeting_get_items (self->meeting, QUORUM_TABLE_DECISIONS), create_decision_row,
            _("No decisions yet."));
  add_entry (self, self->decisions_group, _("Add a Decision"), add_decision);
}

/* ---- Resource approvals -------------------------------------------------------------------- */

static void
describe_approval (QuorumRecord *record,
                   char        **title,
                   char        **subtitle)
{
  g_autofree char *amount = quorum_format_amount (quorum_record_get_int (record, "amount_minor"),
                                                  quorum_record_get_string (record, "currency"));

  *title = first_line (quorum_record_get_string (record, "description"));
  *subtitle = join_parts (quorum_choice_label (quorum_record_get_string (record, "kind")), amount,
                          quorum_choice_label (quorum_record_get_string (record, "status")),
                          END_PARTS);
}

static void
update_totals (QuorumMeetingView *self)
{
  GListModel *approvals;
  g_autoptr(GHashTable) approved = NULL, requested = NULL;
  g_autoptr(GList) currencies = NULL;
  GtkWidget *child;

  if (self->totals_list == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_list))) != NULL)
    gtk_list_box_remove (self->totals_list, child);

  approvals = quorum_meeting_get_items (self->meeting, QUORUM_TABLE_RESOURCE_APPROVALS);
  approved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  requested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (approvals); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (approvals, i);
      const char *currency = quorum_record_get_string (a, "currency");
      const char *status = quorum_record_get_string (a, "status");
      gint64 amount = quorum_record_get_int (a, "amount_minor");
      gint64 *sum;

      if (currency == NULL || amount == 0)
        continue;
      if (!(sum = g_hash_table_lookup (requested, currency)))
        {
          g_hash_table_insert (requested, g_strdup (currency), (sum = g_new0 (gint64, 1)));
          g_hash_table_insert (approved, g_strdup (currency), g_new0 (gint64, 1));
        }
      *sum += amount;
      if (g_strcmp0 (status, "approved") == 0)
        *(gint64 *) g_hash_table_lookup (approved, currency) += amount;
    }

  currencies = g_list_sort (g_hash_table_get_keys (requested), (GCompareFunc) g_strcmp0);
  for (GList *l = currencies; l != NULL; l = l->next)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *yes = quorum_format_amount (*(gint64 *) g_hash_table_lookup (approved, l->data),
                                                   l->data);
      g_autofree char *all = quorum_format_amount (*(gint64 *) g_hash_table_lookup (requested, l->data),
                                                   l->data);
      /* Translators: totals of resource requests in one currency */
      g_autofree char *subtitle = g_strdup_printf (_("Requested in all: %s"), all);
      /* Translators: the approved total in one currency */
      g_autofree char *title = g_strdup_printf (_("Approved: %s"), yes);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "property");
      gtk_list_box_append (self->totals_list, row);
    }
}

static void
totals_changed_cb (QuorumMeetingView *self)
{
  update_totals (self);
}

static GtkWidget *
create_approval_row (gpointer item,
                     gpointer user_data)
{
  QuorumMeetingView *self = user_data;
  GtkWidget *row = record_row_new (self, item, describe_approval);

  quorum_field_rows_add (row, item, "description", "kind", "amount_minor", "currency",
                         "requested_by", "status", "decided_by", "agenda_item", NULL);
  g_signal_connect_object (item, "notify", G_CALLBACK (totals_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static gboolean
add_approval (QuorumMeetingView *self,
              const char        *description,
              GError           **error)
{
  g_autofree char *currency = quorum_meeting_dup_default_currency (self->meeting);
  g_autoptr(QuorumRecord) approval = quorum_meeting_add_resource_approval (self->meeting, NULL,
                                                                           "budget", description,
                                                                           0, currency, error);
  return approval != NULL;
}

static void
fill_approvals (QuorumMeetingView *self)
{
  GListModel *approvals = quorum_meeting_get_items (self->meeting, QUORUM_TABLE_RESOURCE_APPROVALS);
  GtkWidget *totals = gtk_list_box_new ();
  GtkWidget *empty = gtk_label_new (_("Nothing with an amount yet."));

  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_add_css_class (empty, "list-placeholder");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (totals), empty);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (totals), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (totals, "boxed-list");
  group_add (self, self->totals_group, totals);
  self->totals_list = GTK_LIST_BOX (totals);
  update_totals (self);
  g_signal_connect_object (approvals, "items-changed", G_CALLBACK (totals_changed_cb), self,
                           G_CONNECT_SWAPPED);

  add_list (self, self->approvals_group, approvals, create_approval_row,
            _("No resources were requested."));
  add_entry (self, self->approvals_group, _("Add a Request"), add_approval);
}

/* ---- Action items -------------------------------------------------------------------------- */

static void
describe_carried (QuorumRecord *update,
                  char        **title,
                  char        **subtitle)
{
  g_autoptr(QuorumRecord) action = quorum_record_dup_ref (update, "action");
  g_autofree char *owner = action != NULL ? person_name (action, "owner") : NULL;
  g_autofree char *due = action != NULL ? format_day (quorum_record_get_string (action, "due_on"))
                                        : NULL;
  g_autofree char *due_text = due != NULL ? g_strdup_printf (_("due %s"), due) : NULL;

  *title = action != NULL ? first_line (quorum_record_get_string (action, "text")) : NULL;
  *subtitle = join_parts (owner, due_text,
                          quorum_choice_label (quorum_record_get_string (update, "status")),
                          END_PARTS);
}

static GtkWidget *
create_carried_row (gpointer item,
                    gpointer user_data)
{
  GtkWidget *row = record_row_new (user_data, item, describe_carried);
  quorum_field_rows_add (row, item, "status", "note", NULL);
  return row;
}

static void
describe_action (QuorumRecord *action,
                 char        **title,
                 char        **subtitle)
{
  g_autofree char *owner = person_name (action, "owner");
  g_autofree char *due = format_day (quorum_record_get_string (action, "due_on"));
  g_autofree char *due_text = due != NULL ? g_strdup_printf (_("due %s"), due) : NULL;

  *title = first_line (quorum_record_get_string (action, "text"));
  *subtitle = join_parts (owner != NULL ? owner : _("No owner"), due_text,
                          quorum_choice_label (quorum_record_get_string (action, "status")),
                          END_PARTS);
}

static GtkWidget *
create_action_row (gpointer item,
                   gpointer user_data)
{
  GtkWidget *row = record_row_new (user_data, item, describe_action);
  quorum_field_rows_add (row, item, "text", "owner", "due_on", "status", "agenda_item", NULL);
  return row;
}

static gboolean
add_action (QuorumMeetingView *self,
            const char        *text,
            GError           **error)
{
  g_autoptr(QuorumRecord) action = quorum_meeting_add_action (self->meeting, NULL, text, NULL,
                                                              NULL, error);
  return action != NULL;
}

static void
fill_actions (QuorumMeetingView *self)
{
  add_list (self, self->carried_group,
            quorum_meeting_get_items (self->meeting, QUORUM_TABLE_ACTION_UPDATES),
            create_carried_row, _("No actions were open after the last review."));
  add_list (self, self->actions_group,
            quorum_meeting_get_items (self->meeting, QUORUM_TABLE_ACTION_ITEMS), create_action_row,
            _("No new action items yet."));
  add_entry (self, self->actions_group, _("Add an Action Item"), add_action);
}

/* ---- Minutes ----------------------------------------------------------------------------- */

static void
fill_minutes (QuorumMeetingView *self)
{
  const char *status = quorum_meeting_get_status (self->meeting);
  GtkWidget *status_row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  const QuorumEvidenceCalls *evidence;
  QuorumMinutes *minutes = NULL;
  g_autoptr(GError) error = NULL;
  const char *explain;
  struct { const char *label, *action; gboolean suggested; } shown[3];
  guint n_shown = 0;

  if (g_str_equal (status, "draft"))
    {
      explain = _("Being prepared or minuted. Mark it as held when the meeting is over.");
      shown[n_shown++] = (typeof (shown[0])) { _("Mark as _Held…"), "meeting.hold", TRUE };
    }
  else if (g_str_equal (status, "held"))
    {
      explain = _("The meeting took place. Approving the minutes freezes them for good.");
      shown[n_shown++] = (typeof (shown[0])) { _("_Reopen"), "meeting.reopen", FALSE };
      shown[n_shown++] = (typeof (shown[0])) { _("_Approve…"), "meeting.approve", TRUE };
    }
  else
    {
      explain = g_str_equal (status, "signed")
                ? _("The minutes are approved and signed. Another approver can add a signature.")
                : _("The minutes are approved and can no longer change. Sign them to seal the PDF.");
      shown[n_shown++] = (typeof (shown[0])) { _("_Sign…"), "win.sign-minutes", TRUE };
    }
  shown[n_shown++] = (typeof (shown[0])) { _("_Export PDF…"), "win.export-minutes", FALSE };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (status_row), quorum_choice_label (status));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (status_row), explain);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (status_row), 3);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  for (guint i = 0; i < n_shown; i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (shown[i].label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), shown[i].action);
      if (shown[i].suggested)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (buttons), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (status_row), buttons);
  group_add (self, self->status_group, status_row);

  /* The evidence index, as the PDF will print it */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  evidence = quorum_evidence_load (&error);
  if (evidence != NULL)
    minutes = evidence->minutes_collect (self->meeting, &error);
  for (guint i = 0; minutes != NULL && i < evidence->minutes_get_n_evidence (minutes); i++)
    {
      const char *clause, *requirement, *where;
      gboolean covered = evidence->minutes_get_evidence (minutes, i, &clause, &requirement,
                                                         &where);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (covered ? "emblem-ok-symbolic"
                                                              : "dialog-warning-symbolic");
      g_autofree char *title = g_strdup_printf ("%s  %s", clause, requirement);

      gtk_widget_add_css_class (icon, covered ? "success" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      covered ? _("Covered") : _("Not covered"), -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (minutes == NULL)
    report_error (self, error);
  else
    evidence->minutes_free (minutes);
  group_add (self, self->evidence_group, list);
}

/* ---- sections ---------------------------------------------------------------------------- */

static const struct
{
  const char *name;
  void (*fill) (QuorumMeetingView *self);
} sections[] = {
  { "overview", fill_overview },
  { "attendance", fill_attendance },
  { "agenda", fill_agenda },
  { "metrics", fill_metrics },
  { "incidents", fill_incidents },
  { "decisions", fill_decisions },
  { "approvals", fill_approvals },
  { "actions", fill_actions },
  { "minutes", fill_minutes },
};

static void
fill_visible (QuorumMeetingView *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->sections);

  if (self->meeting == NULL || name == NULL || g_hash_table_contains (self->filled, name))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].name, name))
      {
        g_hash_table_add (self->filled, g_strdup (name));
        sections[i].fill (self);
      }
}

static void
section_changed_cb (QuorumMeetingView *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->sections);

  fill_visible (self);
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].name, name))
      {
        if (gtk_drop_down_get_selected (self->sections_dropdown) != i)
          gtk_drop_down_set_selected (self->sections_dropdown, i);
        gtk_list_box_select_row (self->sections_list,
                                 gtk_list_box_get_row_at_index (self->sections_list, (int) i));
      }
}

/* A section is chosen by a click, Enter or Space: merely tabbing past it (which moves the
 * list's cursor row by row) does not switch the page, as GtkStackSidebar would. */
static void
section_activated_cb (QuorumMeetingView *self,
                      GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < G_N_ELEMENTS (sections))
    gtk_stack_set_visible_child_name (self->sections, sections[index].name);
}

/* On a narrow window the sections are chosen from a drop-down above the page */
static void
dropdown_selected_cb (QuorumMeetingView *self)
{
  guint selected = gtk_drop_down_get_selected (self->sections_dropdown);

  if (selected < G_N_ELEMENTS (sections))
    gtk_stack_set_visible_child_name (self->sections, sections[selected].name);
}

void
quorum_meeting_view_set_compact (QuorumMeetingView *self,
                                 gboolean           compact)
{
  g_return_if_fail (QUORUM_IS_MEETING_VIEW (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;
  gtk_widget_set_visible (self->sections_sidebar_box, !compact);
  gtk_widget_set_visible (self->sections_separator, !compact);
  gtk_widget_set_visible (GTK_WIDGET (self->sections_dropdown), compact);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

static void
update_banner (QuorumMeetingView *self)
{
  const char *approved_at = quorum_record_get_string (QUORUM_RECORD (self->meeting), "approved_at");
  g_autoptr(GDateTime) when = approved_at != NULL ? g_date_time_new_from_iso8601 (approved_at, NULL)
                                                  : NULL;
  g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_local (when) : NULL;
  g_autofree char *day = local != NULL ? g_date_time_format (local, _("%x")) : NULL;
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->banner, frozen (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.add-addendum", frozen (self));
  if (!frozen (self))
    return;
  if (day != NULL)
    /* Translators: shown above an approved review; %s is the date of approval */
    text = g_strdup_printf (_("These minutes were approved on %s and can no longer be changed. "
                              "Corrections go into an addendum."), day);
  else
    text = g_strdup (_("These minutes are approved and can no longer be changed. "
                       "Corrections go into an addendum."));
  gtk_label_set_text (self->banner_label, text);
}

/* Approving or reopening changes what may be edited: start the pages again */
static void
status_changed_cb (QuorumMeetingView *self)
{
  g_autoptr(QuorumMeeting) meeting = g_object_ref (self->meeting);
  g_clear_object (&self->meeting);
  quorum_meeting_view_set_meeting (self, meeting);
}

void
quorum_meeting_view_set_meeting (QuorumMeetingView *self,
                                 QuorumMeeting     *meeting)
{
  g_return_if_fail (QUORUM_IS_MEETING_VIEW (self));

  if (self->meeting == meeting)
    return;
  if (self->meeting != NULL)
    g_signal_handlers_disconnect_by_data (self->meeting, self);
  clear (self);
  g_set_object (&self->meeting, meeting);
  if (meeting == NULL)
    return;
  g_signal_connect_swapped (meeting, "notify::status", G_CALLBACK (status_changed_cb), self);
  g_signal_connect_swapped (meeting, "notify::quorum-chair", G_CALLBACK (quorum_inputs_changed_cb),
                            self);
  g_signal_connect_swapped (meeting, "notify::quorum-top-management",
                            G_CALLBACK (quorum_inputs_changed_cb), self);
  g_signal_connect_swapped (meeting, "notify::quorum-members",
                            G_CALLBACK (quorum_inputs_changed_cb), self);
  update_banner (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.hold",
                                 g_str_equal (quorum_meeting_get_status (meeting), "draft"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.reopen",
                                 g_str_equal (quorum_meeting_get_status (meeting), "held"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.approve",
                                 g_str_equal (quorum_meeting_get_status (meeting), "held"));
  fill_visible (self);
}

QuorumMeeting *
quorum_meeting_view_get_meeting (QuorumMeetingView *self)
{
  g_return_val_if_fail (QUORUM_IS_MEETING_VIEW (self), NULL);
  return self->meeting;
}

void
quorum_meeting_view_show_section (QuorumMeetingView *self,
                                  const char        *section)
{
  g_return_if_fail (QUORUM_IS_MEETING_VIEW (self));
  gtk_stack_set_visible_child_name (self->sections, section);
}

/* ---- status changes ------------------------------------------------------------------------ */

static void
hold_anyway_cb (AdwMessageDialog *dialog,
                const char       *response,
                QuorumMeeting    *meeting)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (!g_str_equal (response, "hold"))
    return;
  if (!quorum_meeting_hold (meeting, &error) && parent != NULL)
    quorum_window_show_error_for (GTK_WIDGET (parent), error);
}

void
quorum_meeting_hold_with_check (GtkWidget     *widget,
                                QuorumMeeting *meeting)
{
  g_autoptr(GPtrArray) open = quorum_meeting_dup_unaddressed_inputs (meeting);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  GString *list;

  if (open->len == 0)
    {
      if (!quorum_meeting_hold (meeting, &error))
        quorum_window_show_error_for (widget, error);
      return;
    }
  list = g_string_new (NULL);
  for (guint i = 0; i < open->len; i++)
    g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (open, i));
  body = g_strdup (g_dngettext (GETTEXT_PACKAGE,
                                "ISO/IEC 27001 clause 9.3.2 asks the review to consider this "
                                "input, and it was neither discussed nor deferred with a reason.",
                                "ISO/IEC 27001 clause 9.3.2 asks the review to consider these "
                                "inputs, and they were neither discussed nor deferred with a "
                                "reason.", open->len));
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Not Every Input Was Covered"), body);
  /* The list reads better left-aligned than in the centred body */
  {
    GtkWidget *label = gtk_label_new (list->str);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  }
  g_string_free (list, TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Go Back"),
                                    "hold", _("Close _Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "hold",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (hold_anyway_cb), g_object_ref (meeting),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Marks the meeting held; first says which 9.3.2 inputs it has neither discussed nor
 * deferred with a reason, if any. */
static void
hold_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QuorumMeetingView *self = QUORUM_MEETING_VIEW (widget);

  if (self->meeting != NULL)
    quorum_meeting_hold_with_check (widget, self->meeting);
}

static void
reopen_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QuorumMeetingView *self = QUORUM_MEETING_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->meeting != NULL && !quorum_meeting_reopen (self->meeting, &error))
    report_error (self, error);
}

static void
approve_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     QuorumMeetingView *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "approve") || self->meeting == NULL)
    return;
  if (!quorum_meeting_approve (self->meeting, &error))
    report_error (self, error);
}

static void
approve_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QuorumMeetingView *self = QUORUM_MEETING_VIEW (widget);
  GtkWidget *dialog;

  if (self->meeting == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Approve the Minutes?"),
                                   _("Once approved, nothing in this review can change: the "
                                     "record is sealed with a hash that auditors can check. "
                                     "Corrections go into an addendum."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "approve", _("_Approve"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "approve",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (approve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_addendum_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QuorumMeetingView *self = QUORUM_MEETING_VIEW (widget);
  g_autoptr(QuorumMeeting) addendum = NULL;
  g_autoptr(GError) error = NULL;
  QuorumWindow *window = window_of (self);

  if (self->meeting == NULL)
    return;
  addendum = quorum_meeting_create_addendum (self->meeting, &error);
  if (addendum == NULL)
    report_error (self, error);
  else if (window != NULL)
    quorum_window_show_meeting (window, addendum);
}

/* ---- life cycle ---------------------------------------------------------------------------- */

static void
quorum_meeting_view_dispose (GObject *object)
{
  QuorumMeetingView *self = QUORUM_MEETING_VIEW (object);

  quorum_meeting_view_set_meeting (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_MEETING_VIEW);
  G_OBJECT_CLASS (quorum_meeting_view_parent_class)->dispose (object);
}

static void
quorum_meeting_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  QuorumMeetingView *self = QUORUM_MEETING_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_meeting_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  QuorumMeetingView *self = QUORUM_MEETING_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      quorum_meeting_view_set_compact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
quorum_meeting_view_finalize (GObject *object)
{
  QuorumMeetingView *self = QUORUM_MEETING_VIEW (object);

  g_ptr_array_unref (self->added);
  g_hash_table_unref (self->filled);
  G_OBJECT_CLASS (quorum_meeting_view_parent_class)->finalize (object);
}

static void
quorum_meeting_view_class_init (QuorumMeetingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_meeting_view_dispose;
  object_class->finalize = quorum_meeting_view_finalize;
  object_class->get_property = quorum_meeting_view_get_property;
  object_class->set_property = quorum_meeting_view_set_property;

  /**
   * QuorumMeetingView:compact:
   *
   * For a narrow window: the sections are chosen from a drop-down instead of a sidebar.
   */
  properties[PROP_COMPACT] = g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quorumapp/Quorum/quorum-meeting-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, QuorumMeetingView, name)
  BIND (banner);
  BIND (sections_sidebar_box);
  BIND (sections_list);
  BIND (sections_separator);
  BIND (sections_dropdown);
  BIND (banner_label);
  BIND (sections);
  BIND (meeting_group);
  BIND (rule_group);
  BIND (quorum_group);
  BIND (attendees_group);
  BIND (agenda_group);
  BIND (metrics_group);
  BIND (incidents_group);
  BIND (decisions_group);
  BIND (totals_group);
  BIND (approvals_group);
  BIND (carried_group);
  BIND (actions_group);
  BIND (status_group);
  BIND (evidence_group);
#undef BIND

  gtk_widget_class_bind_template_callback (widget_class, dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, section_activated_cb);
  gtk_widget_class_install_action (widget_class, "meeting.hold", NULL, hold_activated);
  gtk_widget_class_install_action (widget_class, "meeting.reopen", NULL, reopen_activated);
  gtk_widget_class_install_action (widget_class, "meeting.approve", NULL, approve_activated);
  gtk_widget_class_install_action (widget_class, "meeting.add-addendum", NULL,
                                   add_addendum_activated);
}

static void
quorum_meeting_view_init (QuorumMeetingView *self)
{
  self->added = g_ptr_array_new_with_free_func (g_object_unref);
  self->filled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The sidebar and the drop-down list the sections by the titles of their pages */
  {
    g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      {
        GtkWidget *page = gtk_stack_get_child_by_name (self->sections, sections[i].name);
        const char *title = gtk_stack_page_get_title (gtk_stack_get_page (self->sections, page));
        GtkWidget *label = gtk_label_new (title);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_list_box_append (self->sections_list, label);
        gtk_string_list_append (titles, title);
      }
    gtk_drop_down_set_model (self->sections_dropdown, G_LIST_MODEL (titles));
    gtk_list_box_select_row (self->sections_list,
                             gtk_list_box_get_row_at_index (self->sections_list, 0));
  }
  g_signal_connect_swapped (self->sections, "notify::visible-child",
                            G_CALLBACK (section_changed_cb), self);
}
