/* quorum-field-row.c: one editable value of a record, as a row of a boxed list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "quorum-field-row.h"
#include "quorum-format.h"
#include "quorum-meeting.h"
#include "quorum-window.h"

typedef struct
{
  QuorumRecord *record;        /* owned */
  const QuorumColumn *column;
  GtkWidget *row;              /* owns this struct */
  GtkWidget *editor;           /* the entry, text view, spin button, switch or combo row */
  GtkWidget *popover;          /* dates: the calendar's popover */
  GtkCalendar *calendar;
  GtkSpinButton *hour, *minute;
  gboolean updating;           /* showing the record's value, not a change by the person */
} Field;

static void
field_free (gpointer data)
{
  Field *field = data;
  g_object_unref (field->record);
  g_free (field);
}

static gboolean
is_amount (Field *field)
{
  return g_str_equal (field->column->name, "amount_minor");
}

/* ---- saving and saying so ------------------------------------------------------- */

/* Marks the row while its value is not saved, and tells the window, which keeps the
 * quiet "Saved" indicator and explains failures of the file itself. */
static void
report (Field        *field,
        const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (field->row);

  if (error != NULL)
    {
      gtk_widget_add_css_class (field->row, "error");
      gtk_widget_set_tooltip_text (field->row, error->message);
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      gtk_widget_set_tooltip_text (field->row, NULL);
    }
  if (QUORUM_IS_WINDOW (root))
    quorum_window_report_save (QUORUM_WINDOW (root), error);
}

static void
save_value (Field        *field,
            const GValue *value)
{
  g_autoptr(GError) error = NULL;

  quorum_record_set_value (field->record, field->column->name, value, &error);
  report (field, error);
}

static void
save_text (Field      *field,
           const char *text)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *upper = NULL;

  if (text != NULL && *text == '\0')
    text = NULL;
  if (text == NULL && (field->column->flags & QUORUM_COLUMN_REQUIRED))
    {
      g_autoptr(GError) error = NULL;
      /* Translators: a field that must not be left empty, e.g. "Title is required" */
      error = g_error_new (QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID, _("%s is required."),
                           _(field->column->label));
      report (field, error);
      return;
    }
  if (text != NULL && (field->column->flags & QUORUM_COLUMN_CURRENCY))
    text = upper = g_utf8_strup (text, -1);
  if (g_strcmp0 (text, quorum_record_get_string (field->record, field->column->name)) == 0)
    {
      report (field, NULL);
      return;
    }
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  save_value (field, &value);
}

/* ---- words ------------------------------------------------------------------------ */

char *
quorum_record_dup_display_name (QuorumRecord *record)
{
  const char *columns[] = { "name", "title", "text", "reference", "description" };
  const QuorumTable *table = quorum_schema_table (quorum_record_get_table (record));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const QuorumColumn *column = quorum_table_column (table, columns[i]);
      if (column != NULL && column->type == QUORUM_COLUMN_TEXT)
        return g_strdup (quorum_record_get_string (record, columns[i]));
    }
  return g_strdup (quorum_record_get_uid (record));
}

static char *
format_date_value (const char *stored,
                   gboolean    with_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (stored == NULL || *stored == '\0')
    return g_strdup (_("Not set"));
  if (with_time)
    dt = g_date_time_new_from_iso8601 (stored, NULL);
  else
    {
      g_autofree char *noon = g_strconcat (stored, "T12:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (noon, NULL);
    }
  if (dt == NULL)
    return g_strdup (stored);
  /* Translators: a date in a form, see strftime(3) */
  if (!with_time)
    return g_date_time_format (dt, _("%A, %x"));
  /* Translators: a date and time in a form, see strftime(3) */
  return g_date_time_format (dt, _("%A, %x, %H:%M"));
}

/* ---- text ------------------------------------------------------------------------- */

static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  if (!field->updating)
    save_text (field, gtk_editable_get_text (editable));
}

static void
text_buffer_changed_cb (GtkTextBuffer *buffer,
                        Field         *field)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (field->updating)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  save_text (field, text);
}

static void
show_read_only_text (Field *field)
{
  const char *value = quorum_record_get_string (field->record, field->column->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->editor), value != NULL ? value : "");
}

static void
show_text (Field *field)
{
  const char *value = quorum_record_get_string (field->record, field->column->name);

  if (value == NULL)
    value = "";
  if (ADW_IS_ACTION_ROW (field->editor))
    show_read_only_text (field);
  else if (GTK_IS_TEXT_VIEW (field->editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor));
      GtkTextIter start, end;
      g_autofree char *shown = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (shown, value) != 0)
        gtk_text_buffer_set_text (buffer, value, -1);
    }
  else if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->editor)), value) != 0)
    gtk_editable_set_text (GTK_EDITABLE (field->editor), value);
}

static GtkWidget *
text_row_new (Field    *field,
              gboolean  editable)
{
  GtkWidget *row;

  /* A value that cannot change is shown as text, without an editing pencil */
  if (!editable)
    {
      row = adw_action_row_new ();
      gtk_widget_add_css_class (row, "property");
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      field->editor = row;
      return row;
    }
  row = adw_entry_row_new ();
  field->editor = row;
  gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), field);
  return row;
}

static GtkWidget *
multiline_row_new (Field    *field,
                   gboolean  editable)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_(field->column->label));
  GtkWidget *view = gtk_text_view_new ();

  gtk_widget_add_css_class (row, "multiline-row");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), editable);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), editable);
  gtk_widget_add_css_class (view, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(field->column->label), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  field->editor = view;
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (text_buffer_changed_cb), field);
  return row;
}

/* ---- numbers ---------------------------------------------------------------------- */

static double
amount_scale (Field *field)
{
  guint exponent = quorum_currency_exponent (quorum_record_get_string (field->record, "currency"));
  return pow (10, exponent);
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       Field         *field)
{
  g_auto(GValue) value = G_VALUE_INIT;
  double shown = gtk_spin_button_get_value (spin);

  if (field->updating)
    return;
  if (field->column->type == QUORUM_COLUMN_REAL)
    {
      g_value_init (&value, G_TYPE_DOUBLE);
      g_value_set_double (&value, shown);
    }
  else
    {
      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, (gint64) llround (is_amount (field) ? shown * amount_scale (field)
                                                                      : shown));
    }
  save_value (field, &value);
}

static void
show_number (Field *field)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (field->editor);
  double value;

  if (field->column->type == QUORUM_COLUMN_REAL)
    value = quorum_record_get_double (field->record, field->column->name);
  else
    value = (double) quorum_record_get_int (field->record, field->column->name);
  if (is_amount (field))
    {
      guint exponent = quorum_currency_exponent (quorum_record_get_string (field->record,
                                                                           "currency"));
      gtk_spin_button_set_digits (spin, exponent);
      value /= pow (10, exponent);
    }
  if (gtk_spin_button_get_value (spin) != value)
    gtk_spin_button_set_value (spin, value);
}

static GtkWidget *
number_row_new (Field    *field,
                gboolean  editable)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin;
  double upper = 1e6;
  guint digits = 0;

  if (field->column->type == QUORUM_COLUMN_REAL)
    upper = 1e12, digits = 2;
  else if (is_amount (field))
    upper = 1e13;
  else if (g_str_has_suffix (field->column->name, "_minutes"))
    upper = 24 * 60;
  spin = gtk_spin_button_new_with_range (field->column->type == QUORUM_COLUMN_REAL ? -upper : 0,
                                         upper, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (spin, editable);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(field->column->label), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  field->editor = spin;
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), field);
  return row;
}

/* ---- switches --------------------------------------------------------------------- */

static void
switch_active_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  Field      *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->updating)
    return;
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (toggle));
  save_value (field, &value);
}

static GtkWidget *
switch_row_new (Field    *field,
                gboolean  editable)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (toggle, editable);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(field->column->label), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  field->editor = toggle;
  g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_active_cb), field);
  return row;
}

/* ---- choices and references ------------------------------------------------------ */

static char *
item_name (GObject *item)
{
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  if (QUORUM_IS_RECORD (item))
    return quorum_record_dup_display_name (QUORUM_RECORD (item));
  return NULL;
}

static void
combo_selected_cb (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   Field       *field)
{
  guint selected = adw_combo_row_get_selected (combo);
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (field->column->type == QUORUM_COLUMN_ENUM)
    {
      const char *choice = field->column->choices[selected];
      if (g_strcmp0 (choice, quorum_record_get_string (field->record, field->column->name)) == 0)
        return;
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, choice);
    }
  else
    {
      g_autoptr(GObject) item = g_list_model_get_item (adw_combo_row_get_model (combo), selected);
      gint64 id = QUORUM_IS_RECORD (item) ? quorum_record_get_id (QUORUM_RECORD (item)) : 0;
      /* The list moved under the selection (someone was added): nothing to save */
      if (id == quorum_record_get_ref_id (field->record, field->column->name))
        return;
      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, id);
    }
  save_value (field, &value);
}

static void
show_choice (Field *field)
{
  AdwComboRow *combo = ADW_COMBO_ROW (field->editor);
  guint position = GTK_INVALID_LIST_POSITION;

  if (field->column->type == QUORUM_COLUMN_ENUM)
    {
      const char *value = quorum_record_get_string (field->record, field->column->name);
      for (guint i = 0; field->column->choices[i] != NULL; i++)
        if (g_strcmp0 (field->column->choices[i], value) == 0)
          position = i;
    }
  else
    {
      GListModel *model = adw_combo_row_get_model (combo);
      gint64 id = quorum_record_get_ref_id (field->record, field->column->name);

      position = 0;  /* "Not set" */
      for (guint i = 1; id != 0 && i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(QuorumRecord) item = g_list_model_get_item (model, i);
          if (quorum_record_get_id (item) == id)
            {
              position = i;
              break;
            }
        }
    }
  if (adw_combo_row_get_selected (combo) != position)
    adw_combo_row_set_selected (combo, position);
}

/* What a reference may point to: the people, or the agenda of the record's meeting */
static GListModel *
ref_choices (Field *field)
{
  QuorumDatabase *db = quorum_record_get_database (field->record);
  GListStore *parts;
  g_autoptr(GtkStringList) none = gtk_string_list_new (NULL);
  GListModel *targets = NULL;

  if (field->column->ref_table == QUORUM_TABLE_PEOPLE)
    targets = quorum_database_get_people (db);
  else if (field->column->ref_table == QUORUM_TABLE_AGENDA_ITEMS)
    {
      g_autoptr(QuorumRecord) meeting = quorum_database_lookup (db, QUORUM_TABLE_MEETINGS,
                                                                quorum_record_get_meeting_id (field->record),
                                                                NULL);
      if (meeting != NULL)
        targets = quorum_meeting_get_items (QUORUM_MEETING (meeting), QUORUM_TABLE_AGENDA_ITEMS);
    }
  if (targets == NULL)
    return NULL;

  gtk_string_list_append (none, field->column->ref_table == QUORUM_TABLE_AGENDA_ITEMS
                                ? _("No agenda item") : _("Not set"));
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, none);
  g_list_store_append (parts, targets);
  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
}

static GtkWidget *
choice_row_new (Field    *field,
                gboolean  editable)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GListModel) model = NULL;

  if (field->column->type == QUORUM_COLUMN_ENUM)
    {
      GtkStringList *labels = gtk_string_list_new (NULL);
      for (guint i = 0; field->column->choices[i] != NULL; i++)
        gtk_string_list_append (labels, quorum_choice_label (field->column->choices[i]));
      model = G_LIST_MODEL (labels);
    }
  else
    {
      model = ref_choices (field);
      if (model == NULL)
        return NULL;
    }
  adw_combo_row_set_expression (ADW_COMBO_ROW (row),
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (item_name), NULL, NULL));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  gtk_widget_set_sensitive (row, editable);
  field->editor = row;
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), field);
  return row;
}

/* ---- dates ------------------------------------------------------------------------ */

static GDateTime *
field_datetime (Field *field)
{
  const char *stored = quorum_record_get_string (field->record, field->column->name);
  g_autofree char *noon = NULL;

  if (stored == NULL || *stored == '\0')
    return NULL;
  if (field->column->type == QUORUM_COLUMN_DATETIME)
    return g_date_time_new_from_iso8601 (stored, NULL);
  noon = g_strconcat (stored, "T12:00:00Z", NULL);
  return g_date_time_new_from_iso8601 (noon, NULL);
}

/* The date (and time) picked in the popover, as stored: "2026-03-12" or
 * "2026-03-12T10:00:00+01:00" in the time zone the meeting had, or the local one. */
static char *
picked_value (Field *field)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (field->calendar);
  g_autoptr(GDateTime) old = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (field->column->type == QUORUM_COLUMN_DATE)
    return g_date_time_format (day, "%Y-%m-%d");
  old = field_datetime (field);
  zone = old != NULL ? g_time_zone_new_offset ((gint32) (g_date_time_get_utc_offset (old) /
                                                         G_TIME_SPAN_SECOND))
                     : g_time_zone_new_local ();
  when = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day),
                          gtk_spin_button_get_value_as_int (field->hour),
                          gtk_spin_button_get_value_as_int (field->minute), 0);
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
save_picked (Field *field)
{
  g_autofree char *value = NULL;

  if (field->updating)
    return;
  value = picked_value (field);
  save_text (field, value);
}

static void
day_selected_cb (GtkCalendar *calendar,
                 Field       *field)
{
  save_picked (field);
  if (field->column->type == QUORUM_COLUMN_DATE && !field->updating)
    gtk_popover_popdown (GTK_POPOVER (field->popover));
}

static void
time_changed_cb (GtkSpinButton *spin,
                 Field         *field)
{
  save_picked (field);
}

static void show_date (Field *field);

/* A month browsed to and left without picking a day: the calendar shows the saved date again */
static void
date_popover_closed_cb (GtkPopover *popover,
                        Field      *field)
{
  field->updating = TRUE;
  show_date (field);
  field->updating = FALSE;
}

static void
clear_date_cb (GtkButton *button,
               Field     *field)
{
  save_text (field, NULL);
  gtk_popover_popdown (GTK_POPOVER (field->popover));
}

static void
show_date (Field *field)
{
  const char *stored = quorum_record_get_string (field->record, field->column->name);
  g_autofree char *shown = format_date_value (stored, field->column->type == QUORUM_COLUMN_DATETIME);
  g_autoptr(GDateTime) dt = field_datetime (field);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), shown);
  if (dt == NULL)
    return;
  gtk_calendar_select_day (field->calendar, dt);
  if (field->hour != NULL)
    {
      gtk_spin_button_set_value (field->hour, g_date_time_get_hour (dt));
      gtk_spin_button_set_value (field->minute, g_date_time_get_minute (dt));
    }
}

static GtkSpinButton *
time_spin_new (int          upper,
               const char  *accessible_name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
date_row_new (Field    *field,
              gboolean  editable)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  field->row = row;
  field->popover = gtk_popover_new ();
  field->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (field->calendar));
  if (field->column->type == QUORUM_COLUMN_DATETIME)
    {
      GtkWidget *time = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *colon = gtk_label_new (":");

      field->hour = time_spin_new (23, _("Hour"));
      field->minute = time_spin_new (59, _("Minute"));
      gtk_widget_set_halign (time, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (time), GTK_WIDGET (field->hour));
      gtk_box_append (GTK_BOX (time), colon);
      gtk_box_append (GTK_BOX (time), GTK_WIDGET (field->minute));
      gtk_box_append (GTK_BOX (box), time);
      g_signal_connect (field->hour, "value-changed", G_CALLBACK (time_changed_cb), field);
      g_signal_connect (field->minute, "value-changed", G_CALLBACK (time_changed_cb), field);
    }
  if (!(field->column->flags & QUORUM_COLUMN_REQUIRED))
    {
      GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Date"));
      g_signal_connect (clear, "clicked", G_CALLBACK (clear_date_cb), field);
      gtk_box_append (GTK_BOX (box), clear);
    }
  gtk_popover_set_child (GTK_POPOVER (field->popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), field->popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(field->column->label), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, editable);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  field->editor = button;
  g_signal_connect (field->calendar, "day-selected", G_CALLBACK (day_selected_cb), field);
  g_signal_connect (field->popover, "closed", G_CALLBACK (date_popover_closed_cb), field);
  return row;
}

/* ---- the row ------------------------------------------------------------------------ */

static void
show_value (Field *field)
{
  field->updating = TRUE;
  switch (field->column->type)
    {
    case QUORUM_COLUMN_TEXT:
      show_text (field);
      break;
    case QUORUM_COLUMN_INT:
    case QUORUM_COLUMN_REAL:
      show_number (field);
      break;
    case QUORUM_COLUMN_BOOL:
      gtk_switch_set_active (GTK_SWITCH (field->editor),
                             quorum_record_get_boolean (field->record, field->column->name));
      break;
    case QUORUM_COLUMN_ENUM:
    case QUORUM_COLUMN_REF:
      show_choice (field);
      break;
    case QUORUM_COLUMN_DATE:
    case QUORUM_COLUMN_DATETIME:
      show_date (field);
      break;
    case QUORUM_COLUMN_BLOB:
    default:
      break;
    }
  field->updating = FALSE;
}

static void
record_changed_cb (QuorumRecord *record,
                   GParamSpec   *pspec,
                   GtkWidget    *row)
{
  Field *field = g_object_get_data (G_OBJECT (row), "quorum-field");
  show_value (field);
}

GtkWidget *
quorum_field_row_new (QuorumRecord *record,
                      const char   *column_name)
{
  const QuorumTable *table;
  const QuorumColumn *column;
  Field *field;
  GtkWidget *row = NULL;
  gboolean editable;
  g_autofree char *signal = NULL;

  g_return_val_if_fail (QUORUM_IS_RECORD (record), NULL);
  table = quorum_schema_table (quorum_record_get_table (record));
  column = quorum_table_column (table, column_name);
  g_return_val_if_fail (column != NULL, NULL);

  field = g_new0 (Field, 1);
  field->record = g_object_ref (record);
  field->column = column;
  editable = !quorum_record_is_frozen (record) && !(column->flags & QUORUM_COLUMN_SEALED);

  switch (column->type)
    {
    case QUORUM_COLUMN_TEXT:
      row = (column->flags & QUORUM_COLUMN_MULTILINE) ? multiline_row_new (field, editable)
                                                      : text_row_new (field, editable);
      break;
    case QUORUM_COLUMN_INT:
    case QUORUM_COLUMN_REAL:
      row = number_row_new (field, editable);
      break;
    case QUORUM_COLUMN_BOOL:
      row = switch_row_new (field, editable);
      break;
    case QUORUM_COLUMN_ENUM:
    case QUORUM_COLUMN_REF:
      row = choice_row_new (field, editable);
      break;
    case QUORUM_COLUMN_DATE:
    case QUORUM_COLUMN_DATETIME:
      row = date_row_new (field, editable);
      break;
    case QUORUM_COLUMN_BLOB:
    default:
      break;
    }
  if (row == NULL)
    {
      field_free (field);
      g_return_val_if_reached (NULL);
    }

  field->row = row;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(column->label));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "quorum-field", field, field_free);
  show_value (field);

  /* Property names are the column names with dashes */
  signal = g_strdelimit (g_strconcat ("notify::", column->name, NULL), "_", '-');
  g_signal_connect_object (record, signal, G_CALLBACK (record_changed_cb), row, 0);
  /* An amount is shown in its currency's units */
  if (is_amount (field))
    g_signal_connect_object (record, "notify::currency", G_CALLBACK (record_changed_cb), row, 0);
  return row;
}

void
quorum_field_rows_add (GtkWidget    *group,
                       QuorumRecord *record,
                       const char   *first_column,
                       ...)
{
  va_list args;

  va_start (args, first_column);
  for (const char *column = first_column; column != NULL; column = va_arg (args, const char *))
    {
      GtkWidget *row = quorum_field_row_new (record, column);

      if (row == NULL)
        continue;
      if (ADW_IS_EXPANDER_ROW (group))
        adw_expander_row_add_row (ADW_EXPANDER_ROW (group), row);
      else if (ADW_IS_PREFERENCES_GROUP (group))
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      else
        gtk_list_box_append (GTK_LIST_BOX (group), row);
    }
  va_end (args);
}
