/* quorum-cli.c: the commands of quorum-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "quorum-cli.h"
#include "quorum-demo.h"
#include "quorum-format.h"
#include "quorum-identity.h"
#include "quorum-interchange.h"
#include "quorum-meeting.h"
#include "quorum-minutes.h"
#include "quorum-signature.h"

typedef struct
{
  const char *name;
  const char *args;         /* for usage lines */
  const char *summary;      /* translatable */
  int (*run) (QuorumDatabase *db, int argc, char **argv);
} Command;

static int
exit_code_for (const GError *error)
{
  if (error->domain == QUORUM_STORE_ERROR)
    switch (error->code)
      {
      case QUORUM_STORE_ERROR_NOT_FOUND:
        return QUORUM_EXIT_NOT_FOUND;
      case QUORUM_STORE_ERROR_FROZEN:
        return QUORUM_EXIT_FROZEN;
      case QUORUM_STORE_ERROR_INVALID:
      case QUORUM_STORE_ERROR_DUPLICATE:
      case QUORUM_STORE_ERROR_IN_USE:
        return QUORUM_EXIT_INVALID;
      default:
        return QUORUM_EXIT_DATABASE;
      }
  if (error->domain == QUORUM_EVIDENCE_ERROR)
    switch (error->code)
      {
      case QUORUM_EVIDENCE_ERROR_PASSPHRASE:
      case QUORUM_EVIDENCE_ERROR_IDENTITY:
      case QUORUM_EVIDENCE_ERROR_EXISTS:
        return QUORUM_EXIT_INVALID;
      case QUORUM_EVIDENCE_ERROR_NOT_FOUND:
        return QUORUM_EXIT_NOT_FOUND;
      default:
        return QUORUM_EXIT_FAILED;
      }
  if (error->domain == QUORUM_MODEL_ERROR)
    switch (error->code)
      {
      case QUORUM_MODEL_ERROR_FROZEN:
        return QUORUM_EXIT_FROZEN;
      case QUORUM_MODEL_ERROR_NOT_FOUND:
        return QUORUM_EXIT_NOT_FOUND;
      case QUORUM_MODEL_ERROR_INVALID:
      case QUORUM_MODEL_ERROR_IMPORT:
        return QUORUM_EXIT_INVALID;
      default:
        return QUORUM_EXIT_FAILED;
      }
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return QUORUM_EXIT_NOT_FOUND;
  return QUORUM_EXIT_FAILED;
}

static int
report (const GError *error)
{
  g_printerr ("quorum-cli: %s\n", error->message);
  return exit_code_for (error);
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("quorum-cli: %s\n", message);
  g_printerr (_("Run “quorum-cli help” to see the commands.\n"));
  return QUORUM_EXIT_USAGE;
}

/* Parses a command's options; leaves the positional arguments in argv. */
static gboolean
parse_options (const char    *command,
               const char    *args,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int           *exit_code)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command, args);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static QuorumMeeting *
find_meeting (QuorumDatabase  *db,
              const char      *id_text,
              GError         **error)
{
  guint64 id;

  if (g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autoptr(GError) local = NULL;
      QuorumRecord *record = quorum_database_lookup (db, QUORUM_TABLE_MEETINGS, (gint64) id,
                                                     &local);
      if (record != NULL)
        return QUORUM_MEETING (record);
      if (!g_error_matches (local, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  else
    {
      QuorumRecord *record = quorum_database_lookup_uid (db, QUORUM_TABLE_MEETINGS, id_text, NULL);
      if (record != NULL)
        return QUORUM_MEETING (record);
    }

  g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_NOT_FOUND,
               _("There is no meeting %s. “quorum-cli list” shows the meetings."), id_text);
  return NULL;
}

/* ---- new ------------------------------------------------------------------ */

static char *
default_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      10, 0, 0);
  return g_date_time_format (start, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Accepts YYYY-MM-DD (10:00 local time), YYYY-MM-DDTHH:MM (local time) or a
 * full ISO 8601 date and time with an offset. */
static char *
parse_start (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;

  if (strlen (text) == 10)
    {
      g_autofree char *full = g_strconcat (text, "T10:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (full, local);
    }
  else if (strlen (text) == 16)
    {
      g_autofree char *full = g_strconcat (text, ":00", NULL);
      dt = g_date_time_new_from_iso8601 (full, local);
    }
  else
    dt = g_date_time_new_from_iso8601 (text, local);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

static int
cmd_new (QuorumDatabase *db,
         int             argc,
         char          **argv)
{
  g_autofree char *template_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *starts = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  int code = 0;
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_id,
      N_("Start from a template (iso27001)"), N_("TEMPLATE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The meeting’s title"), N_("TITLE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("When it starts: YYYY-MM-DD, YYYY-MM-DDTHH:MM or ISO 8601 with offset (default: today "
         "10:00)"), N_("WHEN") },
    { NULL }
  };

  if (!parse_options ("new", "", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return usage_error (_("“new” takes no arguments besides its options."));

  starts = date != NULL ? parse_start (date) : default_start ();
  if (starts == NULL)
    return usage_error (_("“%s” is not a date such as 2026-03-12 or 2026-03-12T14:00."), date);

  if (template_id != NULL)
    meeting = quorum_meeting_create_from_template (db, template_id, title, starts, &error);
  else
    meeting = quorum_meeting_create (db, title != NULL ? title : _("Management review"), starts,
                                     &error);
  if (meeting == NULL)
    return report (error);

  g_print ("%" G_GINT64_FORMAT "\n", quorum_record_get_id (QUORUM_RECORD (meeting)));
  return QUORUM_EXIT_OK;
}

/* ---- list ----------------------------------------------------------------- */

static char *
single_line (const char *text)
{
  /* Tabs and newlines would break the one-line, tab-separated format. */
  char *copy = g_strdup (text != NULL ? text : "");
  return g_strdelimit (copy, "\t\r\n", ' ');
}

static int
cmd_list (QuorumDatabase *db,
          int             argc,
          char          **argv)
{
  gboolean json = FALSE;
  int code = 0;
  GListModel *meetings;
  guint n;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!parse_options ("list", "", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return usage_error (_("“list” takes no arguments besides its options."));

  meetings = quorum_database_get_meetings (db);
  n = g_list_model_get_n_items (meetings);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autofree char *date = quorum_meeting_dup_date (meeting);
      gint64 id = quorum_record_get_id (QUORUM_RECORD (meeting));

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, id);
          json_builder_set_member_name (builder, "uid");
          json_builder_add_string_value (builder, quorum_record_get_uid (QUORUM_RECORD (meeting)));
          json_builder_set_member_name (builder, "date");
          json_builder_add_string_value (builder, date);
          json_builder_set_member_name (builder, "starts_at");
          json_builder_add_string_value (builder, quorum_meeting_get_starts_at (meeting));
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, quorum_meeting_get_status (meeting));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, quorum_meeting_get_title (meeting));
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *title = single_line (quorum_meeting_get_title (meeting));
          g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", id, date,
                   quorum_meeting_get_status (meeting), title);
        }
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = NULL;
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  return QUORUM_EXIT_OK;
}

/* ---- show ----------------------------------------------------------------- */

static char *
person_name (QuorumRecord *record,
             const char   *column)
{
  g_autoptr(QuorumRecord) person = quorum_record_dup_ref (record, column);
  return g_strdup (person != NULL ? quorum_record_get_string (person, "name") : "—");
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static char *
format_when (const char *iso8601)
{
  g_autoptr(GDateTime) dt = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  if (dt == NULL)
    return g_strdup ("—");
  /* %x and %X follow the user's locale; the offset says where it was held. */
  return g_date_time_format (dt, "%x %H:%M (UTC%:z)");
}

static void
print_section (const char *title,
               guint       count)
{
  g_print ("\n%s (%u)\n", title, count);
}

static int
cmd_show (QuorumDatabase *db,
          int             argc,
          char          **argv)
{
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  QuorumRecord *m;
  GListModel *items;
  g_autofree char *chair = NULL;
  g_autofree char *secretary = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *quorum = NULL;
  int code = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("show", _("ID"), entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (_("“show” needs the ID of one meeting."));
  if (!(meeting = find_meeting (db, argv[1], &error)))
    return report (error);
  m = QUORUM_RECORD (meeting);

  chair = person_name (m, "chair");
  secretary = person_name (m, "secretary");
  starts = format_when (quorum_meeting_get_starts_at (meeting));
  rule = quorum_meeting_describe_quorum_rule (meeting);
  quorum_meeting_evaluate_quorum (meeting, &quorum);

  g_print ("%s\n", quorum_meeting_get_title (meeting));
  g_print ("%s: %" G_GINT64_FORMAT "   %s: %s\n", _("ID"), quorum_record_get_id (m), _("Status"),
           quorum_meeting_get_status (meeting));
  g_print ("%s: %s\n", _("Start"), starts);
  g_print ("%s: %s\n", _("Location"), or_dash (quorum_record_get_string (m, "location")));
  g_print ("%s: %s   %s: %s\n", _("Chair"), chair, _("Secretary"), secretary);
  g_print ("%s: %s\n", _("Quorum rule"), rule);
  g_print ("%s\n", quorum);

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_ATTENDANCE);
  print_section (_("Attendance"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (items, i);
      g_autofree char *name = person_name (a, "person");
      g_print ("  %s\t%s\t%s%s\n", name, quorum_record_get_string (a, "role"),
               quorum_record_get_string (a, "presence"),
               quorum_record_get_boolean (a, "left_early") ? _(", left early") : "");
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_AGENDA_ITEMS);
  print_section (_("Agenda"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (items, i);
      g_print ("  %u. %s [%s] %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " min, %s\n", i + 1,
               quorum_record_get_string (a, "title"),
               or_dash (quorum_record_get_string (a, "clauses")),
               quorum_record_get_int (a, "actual_minutes"),
               quorum_record_get_int (a, "timebox_minutes"),
               quorum_record_get_string (a, "outcome"));
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_METRIC_VALUES);
  print_section (_("Metrics"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) v = g_list_model_get_item (items, i);
      g_autoptr(QuorumRecord) metric = quorum_record_dup_ref (v, "metric");
      g_autofree char *value = quorum_format_number (quorum_record_get_double (v, "value"));
      g_autofree char *target = quorum_format_number (quorum_record_get_double (v, "target"));
      g_print ("  %s: %s %s (%s %s)\n", quorum_record_get_string (metric, "name"), value,
               or_dash (quorum_record_get_string (metric, "unit")), _("target"), target);
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_INCIDENTS);
  print_section (_("Incidents"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) x = g_list_model_get_item (items, i);
      g_print ("  %s %s %s/%s: %s\n", quorum_record_get_string (x, "reference"),
               or_dash (quorum_record_get_string (x, "occurred_on")),
               quorum_record_get_string (x, "severity"), quorum_record_get_string (x, "status"),
               or_dash (quorum_record_get_string (x, "summary")));
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_DECISIONS);
  print_section (_("Decisions"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) d = g_list_model_get_item (items, i);
      g_print ("  D%" G_GINT64_FORMAT " %s\n", quorum_record_get_int (d, "number"),
               quorum_record_get_string (d, "text"));
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_RESOURCE_APPROVALS);
  print_section (_("Resource approvals"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (items, i);
      g_autofree char *amount = quorum_format_amount (quorum_record_get_int (a, "amount_minor"),
                                                      quorum_record_get_string (a, "currency"));
      g_print ("  %s: %s, %s (%s)\n", quorum_record_get_string (a, "kind"),
               quorum_record_get_string (a, "description"), amount,
               quorum_record_get_string (a, "status"));
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_ACTION_UPDATES);
  print_section (_("Actions carried from earlier reviews"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) u = g_list_model_get_item (items, i);
      g_autoptr(QuorumRecord) action = quorum_record_dup_ref (u, "action");
      g_print ("  %s: %s\n", quorum_record_get_string (action, "text"),
               quorum_record_get_string (u, "status"));
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_ACTION_ITEMS);
  print_section (_("New actions"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (items, i);
      g_autofree char *owner = person_name (a, "owner");
      g_print ("  %s — %s, %s %s (%s)\n", quorum_record_get_string (a, "text"), owner, _("due"),
               or_dash (quorum_record_get_string (a, "due_on")),
               quorum_record_get_string (a, "status"));
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_POLICY_APPROVALS);
  print_section (_("Policies approved"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) p = g_list_model_get_item (items, i);
      g_print ("  %s %s\n", quorum_record_get_string (p, "policy"),
               or_dash (quorum_record_get_string (p, "version")));
    }

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_ROLE_ASSIGNMENTS);
  print_section (_("Roles assigned"), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) r = g_list_model_get_item (items, i);
      g_autofree char *holder = person_name (r, "holder");
      g_print ("  %s: %s\n", quorum_record_get_string (r, "role"), holder);
    }
  return QUORUM_EXIT_OK;
}

/* ---- import / export-json -------------------------------------------------- */

static int
cmd_import (QuorumDatabase *db,
            int             argc,
            char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  gsize length;
  int code = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("import", _("FILE.json"), entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (_("“import” needs one file."));

  if (!g_file_get_contents (argv[1], &data, &length, &error))
    return report (error);
  meeting = quorum_database_import_json (db, data, (gssize) length, &error);
  if (meeting == NULL)
    {
      g_autofree char *name = g_filename_display_name (argv[1]);
      g_printerr (_("quorum-cli: %s was not imported; the database is unchanged.\n"), name);
      return report (error);
    }
  g_print ("%" G_GINT64_FORMAT "\n", quorum_record_get_id (QUORUM_RECORD (meeting)));
  return QUORUM_EXIT_OK;
}

static int
cmd_export_json (QuorumDatabase *db,
                 int             argc,
                 char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *output = NULL;
  g_autofree char *json = NULL;
  int code = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("export-json", _("ID"), entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (_("“export-json” needs the ID of one meeting."));
  if (!(meeting = find_meeting (db, argv[1], &error)))
    return report (error);
  if (!(json = quorum_meeting_export_json (meeting, &error)))
    return report (error);

  if (output != NULL)
    {
      /* Written to a temporary file and renamed: never half a file. */
      if (!g_file_set_contents (output, json, -1, &error))
        return report (error);
    }
  else
    fputs (json, stdout);
  return QUORUM_EXIT_OK;
}

/* ---- hold, approve, check ------------------------------------------------------ */

static int
change_meeting (QuorumDatabase *db,
                int             argc,
                char          **argv,
                const char     *command,
                gboolean      (*change) (QuorumMeeting *, GError **))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  int code = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options (command, _("ID"), entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (_("“%s” needs the ID of one meeting."), command);
  if (!(meeting = find_meeting (db, argv[1], &error)) || !change (meeting, &error))
    return report (error);
  return QUORUM_EXIT_OK;
}

static int
cmd_hold (QuorumDatabase *db,
          int             argc,
          char          **argv)
{
  return change_meeting (db, argc, argv, "hold", quorum_meeting_hold);
}

static int
cmd_approve (QuorumDatabase *db,
             int             argc,
             char          **argv)
{
  int code = change_meeting (db, argc, argv, "approve", quorum_meeting_approve);
  if (code == QUORUM_EXIT_OK)
    {
      g_autoptr(QuorumMeeting) meeting = find_meeting (db, argv[1], NULL);
      g_print (_("Approved. Record hash %s\n"),
               quorum_record_get_string (QUORUM_RECORD (meeting), "record_hash"));
    }
  return code;
}

static int
cmd_addendum (QuorumDatabase *db,
              int             argc,
              char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(QuorumMeeting) addendum = NULL;
  int code = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("addendum", _("ID"), entries, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (_("“addendum” needs the ID of one approved meeting."));
  if (!(meeting = find_meeting (db, argv[1], &error)) ||
      !(addendum = quorum_meeting_create_addendum (meeting, &error)))
    return report (error);
  g_print ("%" G_GINT64_FORMAT "\n", quorum_record_get_id (QUORUM_RECORD (addendum)));
  return QUORUM_EXIT_OK;
}

static int
cmd_check (QuorumDatabase *db,
           int             argc,
           char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  int code = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("check", "", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return usage_error (_("“check” takes no arguments besides its options."));
  if (quorum_database_check_record_chain (db, &problems, &error))
    {
      g_print (_("Every approved record matches its hash, and the chain of records is "
                 "intact.\n"));
      return QUORUM_EXIT_OK;
    }
  if (error != NULL)
    return report (error);
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (char *) g_ptr_array_index (problems, i));
  return QUORUM_EXIT_ALTERED;
}

/* ---- export-pdf ------------------------------------------------------------ */

static int
cmd_export_pdf (QuorumDatabase *db,
                int             argc,
                char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *output = NULL;
  int code = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("export-pdf", _("ID"), entries, &argc, &argv, &code))
    return code;
  if (argc != 2 || output == NULL)
    return usage_error (_("“export-pdf” needs the ID of one meeting and -o FILE."));
  if (!(meeting = find_meeting (db, argv[1], &error)))
    return report (error);
  if (!quorum_minutes_export (meeting, output, &error))
    return report (error);
  return QUORUM_EXIT_OK;
}

/* ---- identities ------------------------------------------------------------ */

/* The first line of `path`, or the passphrase typed at the terminal without
 * echo.  Never printed, never stored. */
static char *
read_passphrase (const char  *path,
                 const char  *prompt,
                 gboolean     confirm,
                 GError     **error)
{
  FILE *tty;
  struct termios saved, quiet;
  char buffer[1024];
  g_autofree char *first = NULL;

  if (path != NULL)
    {
      g_autofree char *contents = NULL;
      char *newline;
      if (!g_file_get_contents (path, &contents, NULL, error))
        return NULL;
      if ((newline = strpbrk (contents, "\r\n")) != NULL)
        *newline = '\0';
      return g_steal_pointer (&contents);
    }

  tty = fopen ("/dev/tty", "r+");
  if (tty == NULL)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_PASSPHRASE,
                   _("A passphrase is needed: run this at a terminal, or give "
                     "--passphrase-file FILE."));
      return NULL;
    }
  for (int round = 0; round < (confirm ? 2 : 1); round++)
    {
      fputs (round == 0 ? prompt : _("Repeat the passphrase: "), tty);
      fflush (tty);
      tcgetattr (fileno (tty), &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
      if (fgets (buffer, sizeof buffer, tty) == NULL)
        buffer[0] = '\0';
      tcsetattr (fileno (tty), TCSAFLUSH, &saved);
      fputc ('\n', tty);
      buffer[strcspn (buffer, "\r\n")] = '\0';
      if (round == 0)
        first = g_strdup (buffer);
      else if (strcmp (first, buffer) != 0)
        {
          memset (buffer, 0, sizeof buffer);
          fclose (tty);
          g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_PASSPHRASE,
                       _("The two passphrases differ."));
          return NULL;
        }
    }
  memset (buffer, 0, sizeof buffer);
  fclose (tty);
  return g_steal_pointer (&first);
}

static void
forget (char *passphrase)
{
  if (passphrase != NULL)
    {
      memset (passphrase, 0, strlen (passphrase));
      g_free (passphrase);
    }
}

static void
print_identity (const QuorumIdentityInfo *info)
{
  g_print ("%s\n", info->name);
  g_print ("  %s: %s\n", _("Subject"), info->subject != NULL ? info->subject : "—");
  g_print ("  %s: %s\n", _("SHA-256 fingerprint"), info->fingerprint);
  g_print ("  %s: %s%s\n", _("Expires"), info->expires != NULL ? info->expires : "—",
           info->self_signed ? _(" (self-signed)") : "");
}

static int
cmd_identity (QuorumDatabase *db,
              int             argc,
              char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *email = NULL, *organization = NULL, *kind = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *dir = quorum_identity_dir ();
  int code = 0;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The signer’s name (create)"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The signer’s e-mail address (create)"),
      N_("ADDRESS") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &organization, N_("The organization (create)"),
      N_("ORGANIZATION") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &kind, N_("ecdsa (P-256, the default) or rsa (3072 bits)"),
      N_("KIND") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase from the first line of FILE"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("identity", "create|import FILE.p12|list", entries, &argc, &argv, &code))
    return code;
  if (argc < 2)
    return usage_error (_("“identity” needs create, import or list."));

  if (g_str_equal (argv[1], "list") && argc == 2)
    {
      g_autoptr(GPtrArray) list = quorum_identity_list (dir, &error);
      if (list == NULL)
        return report (error);
      if (list->len == 0)
        g_print (_("There are no identities yet. “quorum-cli identity create” makes one.\n"));
      for (guint i = 0; i < list->len; i++)
        print_identity (g_ptr_array_index (list, i));
      return QUORUM_EXIT_OK;
    }

  if (g_str_equal (argv[1], "create") && argc == 2)
    {
      QuorumKeyKind key_kind = QUORUM_KEY_ECDSA_P256;
      g_autoptr(QuorumIdentityInfo) info = NULL;
      char *passphrase;

      if (name == NULL)
        return usage_error (_("“identity create” needs --name."));
      if (kind != NULL && g_str_equal (kind, "rsa"))
        key_kind = QUORUM_KEY_RSA_3072;
      else if (kind != NULL && !g_str_equal (kind, "ecdsa"))
        return usage_error (_("--key is ecdsa or rsa, not “%s”."), kind);
      passphrase = read_passphrase (passphrase_file, _("Passphrase for the new identity: "), TRUE,
                                    &error);
      if (passphrase == NULL)
        return report (error);
      info = quorum_identity_create (dir, name, email, organization, key_kind, passphrase, &error);
      forget (passphrase);
      if (info == NULL)
        return report (error);
      print_identity (info);
      return QUORUM_EXIT_OK;
    }

  if (g_str_equal (argv[1], "import") && argc == 3)
    {
      g_autoptr(QuorumIdentityInfo) info = NULL;
      char *passphrase = read_passphrase (passphrase_file, _("Passphrase of the file: "), FALSE,
                                          &error);
      if (passphrase == NULL)
        return report (error);
      info = quorum_identity_import (dir, argv[2], passphrase, &error);
      forget (passphrase);
      if (info == NULL)
        return report (error);
      print_identity (info);
      return QUORUM_EXIT_OK;
    }

  return usage_error (_("“identity” needs create, import FILE.p12 or list."));
}

/* ---- sign, export-signed, verify --------------------------------------------- */

/* The role a signer signs in: as given, else the meeting's chair or secretary by name. */
static char *
signing_role (QuorumMeeting *meeting,
              QuorumSigner  *signer,
              const char    *given)
{
  if (given != NULL)
    {
      if (g_ascii_strcasecmp (given, "chair") == 0)
        return g_strdup (_("Chair"));
      if (g_ascii_strcasecmp (given, "secretary") == 0)
        return g_strdup (_("Secretary"));
      return g_strdup (given);
    }
  return g_strdup (quorum_signing_role_label (quorum_meeting_guess_signing_role (meeting,
                                                                                quorum_signer_get_name (signer))));
}

static int
cmd_sign (QuorumDatabase *db,
          int             argc,
          char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *identity = NULL, *passphrase_file = NULL, *output = NULL;
  g_autofree char *reason = NULL, *location = NULL, *role = NULL, *as_role = NULL;
  g_autofree char *dir = quorum_identity_dir ();
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(QuorumIdentityInfo) info = NULL;
  g_autoptr(QuorumSigner) signer = NULL;
  g_autoptr(GBytes) pdf = NULL;
  QuorumSignOptions options = { 0 };
  char *passphrase;
  int code = 0;
  GOptionEntry entries[] = {
    { "identity", 'i', 0, G_OPTION_ARG_STRING, &identity, N_("Sign with this identity"),
      N_("NAME") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase from the first line of FILE"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the signed PDF to FILE"),
      N_("FILE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("Sign as chair, secretary or another role (default: from the signer’s name)"),
      N_("ROLE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why you sign"), N_("TEXT") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Where you sign"), N_("PLACE") },
    { NULL }
  };

  if (!parse_options ("sign", _("ID"), entries, &argc, &argv, &code))
    return code;
  if (argc != 2 || identity == NULL || output == NULL)
    return usage_error (_("“sign” needs the ID of one meeting, --identity NAME and -o FILE."));
  if (!(meeting = find_meeting (db, argv[1], &error)) ||
      !(info = quorum_identity_find (dir, identity, &error)))
    return report (error);
  passphrase = read_passphrase (passphrase_file, _("Passphrase: "), FALSE, &error);
  if (passphrase == NULL)
    return report (error);
  signer = quorum_signer_open (info->path, passphrase, &error);
  forget (passphrase);
  if (signer == NULL)
    return report (error);

  as_role = signing_role (meeting, signer, role);
  options.role = as_role;
  options.reason = reason;
  options.location = location;
  pdf = quorum_meeting_sign (meeting, signer, &options, &error);
  if (pdf == NULL)
    return report (error);
  if (!g_file_set_contents (output, g_bytes_get_data (pdf, NULL),
                            (gssize) g_bytes_get_size (pdf), &error))
    return report (error);
  g_print (_("Signed by %s as %s. The signed minutes are in the database and in %s.\n"),
           quorum_signer_get_name (signer), as_role, output);
  return QUORUM_EXIT_OK;
}

static int
cmd_export_signed (QuorumDatabase *db,
                   int             argc,
                   char          **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *output = NULL;
  int code = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("export-signed", _("ID"), entries, &argc, &argv, &code))
    return code;
  if (argc != 2 || output == NULL)
    return usage_error (_("“export-signed” needs the ID of one meeting and -o FILE."));
  if (!(meeting = find_meeting (db, argv[1], &error)))
    return report (error);
  pdf = quorum_meeting_dup_signed_file (meeting);
  if (pdf == NULL)
    {
      g_printerr (_("quorum-cli: “%s” has not been signed yet.\n"), quorum_meeting_get_title (meeting));
      return QUORUM_EXIT_NOT_FOUND;
    }
  if (!g_file_set_contents (output, g_bytes_get_data (pdf, NULL),
                            (gssize) g_bytes_get_size (pdf), &error))
    return report (error);
  return QUORUM_EXIT_OK;
}

static int
verify_file (QuorumDatabase *db,
             const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(QuorumVerification) v = NULL;
  gsize size = 0;
  gboolean ok = TRUE;

  if (!g_file_get_contents (path, &data, &size, &error))
    return report (error);
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  v = quorum_pdf_verify (bytes, &error);
  if (v == NULL)
    {
      g_print (_("FAILED: %s\n"), error->message);
      return QUORUM_EXIT_ALTERED;
    }

  if (v->signatures->len == 0)
    {
      g_print (_("FAILED: the file has no signatures.\n"));
      ok = FALSE;
    }
  for (guint i = 0; i < v->signatures->len; i++)
    {
      QuorumSignatureCheck *c = g_ptr_array_index (v->signatures, i);
      g_print (_("Signature %u of %u: %s\n"), i + 1, v->signatures->len,
               c->field != NULL ? c->field : "—");
      g_print (_("  Signer: %s\n"), c->signer != NULL ? c->signer : "—");
      g_print (_("  Certificate SHA-256: %s%s\n"), c->fingerprint != NULL ? c->fingerprint : "—",
               c->self_signed ? _(" (self-signed: compare it with the signer’s)") : "");
      g_print (_("  Signed at: %s\n"), c->signed_at != NULL ? c->signed_at : "—");
      if (c->problem == NULL)
        g_print (_("  OK: the signature is valid and covers its whole revision.\n"));
      else
        {
          g_print (_("  FAILED: %s\n"), c->problem);
          ok = FALSE;
        }
    }
  if (v->appended)
    {
      g_print (_("FAILED: bytes were added after the last signature.\n"));
      ok = FALSE;
    }
  else if (v->signatures->len > 0)
    g_print (_("Nothing was added after the last signature.\n"));

  if (db != NULL)
    {
      GListModel *meetings = quorum_database_get_meetings (db);
      g_autoptr(QuorumMeeting) found = NULL;
      g_autoptr(GPtrArray) problems = NULL;

      if (v->record_hash == NULL)
        {
          g_print (_("FAILED: the file names no record hash.\n"));
          ok = FALSE;
        }
      for (guint i = 0; v->record_hash != NULL && found == NULL &&
                        i < g_list_model_get_n_items (meetings); i++)
        {
          g_autoptr(QuorumMeeting) m = g_list_model_get_item (meetings, i);
          if (g_strcmp0 (quorum_record_get_string (QUORUM_RECORD (m), "record_hash"),
                         v->record_hash) == 0)
            found = g_steal_pointer (&m);
        }
      if (v->record_hash != NULL && found == NULL)
        {
          g_print (_("FAILED: no approved meeting in the database has the record hash %s.\n"),
                   v->record_hash);
          ok = FALSE;
        }
      else if (found != NULL)
        {
          g_autofree char *now = quorum_meeting_compute_record_hash (found, &error);
          if (g_strcmp0 (now, v->record_hash) == 0)
            g_print (_("The record of “%s” in the database matches the signed minutes.\n"),
                     quorum_meeting_get_title (found));
          else
            {
              g_print (_("FAILED: the record of “%s” in the database was changed after "
                         "approval.\n"), quorum_meeting_get_title (found));
              ok = FALSE;
            }
        }
      if (quorum_database_check_record_chain (db, &problems, &error))
        g_print (_("The chain of approved records in the database is intact.\n"));
      else
        {
          for (guint i = 0; problems != NULL && i < problems->len; i++)
            g_print (_("FAILED: %s\n"), (char *) g_ptr_array_index (problems, i));
          ok = FALSE;
        }
    }
  return ok ? QUORUM_EXIT_OK : QUORUM_EXIT_ALTERED;
}

/* ---- demo ----------------------------------------------------------------- */

static int
cmd_demo (QuorumDatabase *db,
          int             argc,
          char          **argv)
{
  g_autoptr(GError) error = NULL;
  int years = 3;
  int seed = 27001;
  int code = 0;
  guint existing;
  GOptionEntry entries[] = {
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("How many years of quarterly reviews (1–200)"),
      N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed for the generator; the same seed gives "
                                                 "the same data"), N_("SEED") },
    { NULL }
  };

  if (!parse_options ("demo", "", entries, &argc, &argv, &code))
    return code;
  if (argc > 1)
    return usage_error (_("“demo” takes no arguments besides its options."));
  if (years < 1 || years > 200)
    return usage_error (_("--years must be between 1 and 200."));

  existing = g_list_model_get_n_items (quorum_database_get_meetings (db));
  if (existing > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "The database already holds %u meeting; no demo data was added.\n",
                            "The database already holds %u meetings; no demo data was added.\n",
                            existing), existing);
      return QUORUM_EXIT_OK;
    }

  if (!quorum_demo_fill (db, (guint) years, (guint32) seed, &error))
    return report (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u meeting of demo data.\n",
                        "Added %u meetings of demo data.\n", years * 4), years * 4);
  return QUORUM_EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------- */

static const Command commands[] = {
  { "list", "[--json]", N_("List the meetings: ID, date, status and title"), cmd_list },
  { "show", "ID", N_("Show one meeting’s minutes"), cmd_show },
  { "new", "[--template iso27001] [--title T] [--date D]", N_("Create a meeting; prints its ID"),
    cmd_new },
  { "hold", "ID", N_("Mark a meeting as held"), cmd_hold },
  { "approve", "ID", N_("Approve a held meeting’s minutes: freezes and hashes the record"),
    cmd_approve },
  { "addendum", "ID", N_("Start an addendum that corrects approved minutes; prints its ID"),
    cmd_addendum },
  { "check", "", N_("Check every approved record against its hash and the hash chain"),
    cmd_check },
  { "import", "FILE.json", N_("Add a meeting from an interchange file; prints its ID"),
    cmd_import },
  { "export-json", "ID [-o FILE]", N_("Write a meeting as an interchange file"), cmd_export_json },
  { "export-pdf", "ID -o FILE", N_("Write a meeting’s minutes as a PDF"), cmd_export_pdf },
  { "identity", "create|import|list", N_("Make, import or list signing identities"),
    cmd_identity },
  { "sign", "ID --identity NAME -o FILE", N_("Sign the approved minutes (again, for each signer)"),
    cmd_sign },
  { "export-signed", "ID -o FILE", N_("Write the newest signed minutes of a meeting"),
    cmd_export_signed },
  { "verify", "FILE.pdf [--db PATH]", N_("Check the signatures of minutes (and their record)"),
    NULL },
  { "demo", "[--years N] [--seed S]", N_("Fill an empty database with sample reviews"), cmd_demo },
};

static void
print_help (void)
{
  g_autofree char *path = quorum_database_default_path ();

  g_print (_("Usage: quorum-cli [--db PATH] COMMAND [ARGUMENTS]\n\n"));
  g_print (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %-44s %s\n", commands[i].name, commands[i].args, _(commands[i].summary));
  g_print ("  %-12s %-44s %s\n", "help", "", _("Show this help"));
  g_print (_("\nThe database is %s unless --db names another.\n"), path);
  g_print (_("Exit codes: 0 success, 1 failure, 2 wrong usage, 3 database unusable, "
             "4 not found, 5 input refused, 6 meeting approved and frozen, "
             "7 evidence changed after approval.\n"));
}

int
quorum_cli_run (int    argc,
                char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(QuorumDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const Command *command = NULL;

  quorum_init_i18n ();

  /* --db may stand anywhere; everything else is the command's. */
  for (int i = 0; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--db") == 0)
        {
          if (i + 1 >= argc)
            return usage_error (_("--db needs the path of a database."));
          g_free (path);
          path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (path);
          path = g_strdup (argv[i] + 5);
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }
  g_ptr_array_add (rest, NULL);

  if (rest->len < 3 || g_strcmp0 (g_ptr_array_index (rest, 1), "help") == 0 ||
      g_strcmp0 (g_ptr_array_index (rest, 1), "--help") == 0 ||
      g_strcmp0 (g_ptr_array_index (rest, 1), "-h") == 0)
    {
      print_help ();
      return rest->len < 3 ? QUORUM_EXIT_USAGE : QUORUM_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, g_ptr_array_index (rest, 1)) == 0)
      command = &commands[i];
  if (command == NULL)
    return usage_error (_("There is no command “%s”."), (char *) g_ptr_array_index (rest, 1));

  if (g_str_equal (command->name, "verify"))
    {
      if (rest->len != 4)
        return usage_error (_("“verify” needs one PDF file."));
      /* Without --db only the file is checked; with it, the record too. */
      if (path != NULL && !(db = quorum_database_open (path, FALSE, &error)))
        return report (error);
      return verify_file (db, g_ptr_array_index (rest, 2));
    }

  if (path == NULL)
    path = quorum_database_default_path ();
  db = quorum_database_open (path, TRUE, &error);
  if (db == NULL)
    return report (error);

  /* The command sees its own name as argv[0], then its arguments. */
  return command->run (db, (int) rest->len - 2, (char **) rest->pdata + 1);
}
