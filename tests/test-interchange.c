/* test-interchange.c: a meeting as JSON and back, and every kind of bad file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "quorum-demo.h"
#include "quorum-interchange.h"
#include "quorum-test-util.h"

typedef struct
{
  char *dir;
  QuorumDatabase *source;
  QuorumDatabase *target;
  char *base;  /* a valid export to break in many ways */
} Fixture;

static QuorumDatabase *
open_db (const char *dir,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  QuorumDatabase *db = quorum_database_open (path, TRUE, &error);
  g_assert_no_error (error);
  return db;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) first = NULL;

  f->dir = quorum_test_make_dir ();
  f->source = open_db (f->dir, "source.db");
  f->target = open_db (f->dir, "target.db");
  quorum_demo_fill (f->source, 1, 7, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (quorum_database_get_meetings (f->source), 0);
  f->base = quorum_meeting_export_json (first, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->source);
  g_assert_finalize_object (f->target);
  quorum_test_remove_tree (f->dir);
  g_free (f->base);
  g_free (f->dir);
}

static char *
export_at (QuorumDatabase *db,
           guint           position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = g_list_model_get_item (quorum_database_get_meetings (db),
                                                            position);
  char *json = quorum_meeting_export_json (meeting, &error);
  g_assert_no_error (error);
  return json;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *meetings = quorum_database_get_meetings (f->source);
  guint n = g_list_model_get_n_items (meetings);

  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *first = export_at (f->source, i);
      g_autoptr(QuorumMeeting) imported = quorum_database_import_json (f->target, first, -1, &error);
      g_autofree char *second = NULL;

      g_assert_no_error (error);
      second = quorum_meeting_export_json (imported, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (first, ==, second);
      g_assert_cmpstr (quorum_meeting_get_status (imported), ==,
                       i + 2 < n ? "approved" : i + 1 < n ? "held" : "draft");
    }
}

static void
test_round_trip_special_text (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumDatabase) db = open_db (f->dir, "special.db");
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create (db, "Tab\there, “quotes” \"and\" \\",
                                                            "2026-03-12T10:00:00+01:00", &error);
  g_autoptr(QuorumRecord) item = NULL;
  g_autoptr(QuorumMeeting) imported = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *notes = "Zeile 1\nΓραμμή 2\r\nСтрока 3 — 中文 日本語 한국어 עברית العربية 🔐\x01";

  item = quorum_meeting_add_agenda_item (meeting, "Notes", NULL, 5, &error);
  g_assert_true (quorum_record_set_string (item, "notes", notes, &error));
  g_assert_no_error (error);

  first = quorum_meeting_export_json (meeting, &error);
  imported = quorum_database_import_json (f->target, first, -1, &error);
  g_assert_no_error (error);
  second = quorum_meeting_export_json (imported, &error);
  g_assert_cmpstr (first, ==, second);
  {
    g_autoptr(QuorumRecord) copy = g_list_model_get_item (
      quorum_meeting_get_items (imported, QUORUM_TABLE_AGENDA_ITEMS), 0);
    g_assert_cmpstr (quorum_record_get_string (copy, "notes"), ==, notes);
  }
}

typedef struct
{
  const char *name;
  const char *find;      /* replaced once in the base export; NULL: use `document` */
  const char *replace;
  const char *document;
  const char *path;      /* the message must start with this JSON path */
} BadCase;

static const BadCase bad_cases[] = {
  { "not-json", NULL, NULL, "{ \"format\": ", "$: not valid JSON" },
  { "empty", NULL, NULL, "", "$: the file is empty" },
  { "array", NULL, NULL, "[1, 2, 3]", "$: expected an object" },
  { "not-utf8", NULL, NULL, "{\"format\": \"\xff\xfe\"}", "$: the file is not UTF-8" },
  { "no-format", "\"format\": \"quorum-meeting\"", "\"formats\": \"quorum-meeting\"", NULL,
    "$.format:" },
  { "wrong-format", "\"quorum-meeting\"", "\"minutes\"", NULL, "$.format:" },
  { "newer-version", "\"version\": 1", "\"version\": 2", NULL, "$.version: the file is in format version 2" },
  { "version-text", "\"version\": 1", "\"version\": \"1\"", NULL, "$.version:" },
  { "unknown-root-field", "\"version\": 1,", "\"version\": 1, \"extra\": true,", NULL,
    "$.extra: unknown field" },
  { "no-meeting", "\"meeting\": {", "\"meetings\": {", NULL, "$.meetings: unknown field" },
  { "meeting-not-object", NULL, NULL,
    "{\"format\": \"quorum-meeting\", \"version\": 1, \"meeting\": [] }",
    "$.meeting: expected an object, found a list" },
  { "meeting-missing", NULL, NULL, "{\"format\": \"quorum-meeting\", \"version\": 1}",
    "$.meeting: missing" },
  { "title-missing", "\"title\": \"ISMS", "\"titel\": \"ISMS", NULL, "$.meeting.titel: unknown field" },
  { "title-number", "\"title\": \"ISMS management review Q", "\"title\": 12, \"x\": \"", NULL,
    "$.meeting.title: expected text, found a whole number" },
  { "title-empty", "\"title\": \"ISMS management review Q", "\"title\": \" \", \"series2\": \"",
    NULL, "$.meeting.title: “Title” must not be empty" },
  { "start-not-a-date", "\"starts_at\": \"", "\"starts_at\": \"soon\", \"x\": \"", NULL,
    "$.meeting.starts_at:" },
  { "status-unknown", "\"status\": \"approved\"", "\"status\": \"finished\"", NULL,
    "$.meeting.status: “Status” cannot be “finished”" },
  { "quorum-bool-as-text", "\"quorum_chair\": true", "\"quorum_chair\": \"yes\"", NULL,
    "$.meeting.quorum_chair: expected true or false" },
  { "null-not-allowed", "\"quorum_top_management\": 3", "\"quorum_top_management\": null", NULL,
    "$.meeting.quorum_top_management: must have a value" },
  { "chair-unknown", "\"chair\": \"", "\"chair\": \"nobody-", NULL,
    "$.meeting.chair: refers to “nobody-" },
  { "list-not-array", NULL, NULL,
    "{\"format\": \"quorum-meeting\", \"version\": 1, \"meeting\": {\"uid\": \"m1\", "
    "\"title\": \"Q1\", \"starts_at\": \"2026-02-12T10:00:00+01:00\", \"decisions\": {}}}",
    "$.meeting.decisions: expected a list, found an object" },
  { "agenda-item-no-uid", "\"agenda_items\": [\n      {\n        \"uid\":",
    "\"agenda_items\": [\n      {\n        \"uuid\":", NULL,
    "$.meeting.agenda_items[0].uuid: unknown field" },
  { "timebox-text", "\"timebox_minutes\": 5", "\"timebox_minutes\": \"5\"", NULL,
    "$.meeting.agenda_items[0].timebox_minutes: expected a whole number, found text" },
  { "timebox-fraction", "\"timebox_minutes\": 5", "\"timebox_minutes\": 5.5", NULL,
    "$.meeting.agenda_items[0].timebox_minutes: expected a whole number, found a number with a "
    "fraction" },
  { "timebox-negative", "\"timebox_minutes\": 5", "\"timebox_minutes\": -5", NULL,
    "$.meeting.agenda_items[0].timebox_minutes: “Timebox (minutes)” must not be negative" },
  { "presence-unknown", "\"presence\": \"present\"", "\"presence\": \"maybe\"", NULL,
    "$.meeting.attendance[0].presence:" },
  { "attendee-twice", NULL, NULL, NULL, "$.meeting.attendance[1]:" },
  { "decision-agenda-unknown", "\"agenda_item\": \"", "\"agenda_item\": \"x-", NULL,
    "$.meeting.decisions[0].agenda_item: refers to “x-" },
  { "metric-value-text", "\"value\": ", "\"value\": \"high\", \"x\": ", NULL,
    "$.meeting.metric_values[0].value: expected a number, found text" },
  { "date-invalid", "\"due_on\": \"", "\"due_on\": \"2026-13-45\", \"x\": \"", NULL,
    "$.meeting.action_items[0].due_on: “Due date” must be a date" },
  { "unknown-child-field", "\"number\": 1,", "\"number\": 1, \"priority\": \"high\",", NULL,
    "$.meeting.decisions[0].priority: unknown field" },
};

static char *
replace_once (const char *text,
              const char *find,
              const char *replace)
{
  const char *at = strstr (text, find);
  if (at == NULL)
    g_error ("The base export has no “%s”", find);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, replace, at + strlen (find));
}

static char *
duplicate_attendee (const char *base)
{
  /* The first attendee object, repeated with a new uid: same person twice. */
  const char *list = strstr (base, "\"attendance\": [");
  const char *start = strchr (list, '{');
  const char *end = strstr (start, "}");
  g_autofree char *object = g_strndup (start, end - start + 1);
  g_autofree char *renamed = replace_once (object, "\"uid\": \"", "\"uid\": \"copy-");
  g_autofree char *insert = g_strdup_printf ("%s,\n      %s", object, renamed);
  return replace_once (base, object, insert);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(GPtrArray) audit_before = NULL;
  g_autoptr(GPtrArray) audit_after = NULL;
  QuorumStore *store = quorum_database_get_store (f->target);

  if (c->document != NULL)
    document = g_strdup (c->document);
  else if (c->find != NULL)
    document = replace_once (f->base, c->find, c->replace);
  else
    document = duplicate_attendee (f->base);

  audit_before = quorum_store_read_audit (store, 0, &error);
  meeting = quorum_database_import_json (f->target, document, -1, &error);
  g_assert_null (meeting);
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_IMPORT);
  if (!g_str_has_prefix (error->message, c->path))
    g_error ("%s: “%s” does not start with “%s”", c->name, error->message, c->path);
  g_test_message ("%s → %s", c->name, error->message);
  g_clear_error (&error);

  /* Nothing half-imported remains. */
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_meetings (f->target)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_people (f->target)), ==, 0);
  audit_after = quorum_store_read_audit (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit_after->len, ==, audit_before->len);
}

static void
test_already_present (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) first = quorum_database_import_json (f->target, f->base, -1, &error);
  g_autoptr(QuorumMeeting) second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first);
  second = quorum_database_import_json (f->target, f->base, -1, &error);
  g_assert_null (second);
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_IMPORT);
  g_assert_true (g_str_has_prefix (error->message, "$.meeting.uid: this meeting is already"));
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_meetings (f->target)), ==, 1);
}

static void
test_needs_earlier_meeting (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *second = export_at (f->source, 1);
  g_autoptr(QuorumMeeting) meeting = quorum_database_import_json (f->target, second, -1, &error);

  /* The second review updates actions of the first: it must come first. */
  g_assert_null (meeting);
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_IMPORT);
  g_assert_true (g_str_has_prefix (error->message, "$.meeting.action_updates[0].action:"));
  g_assert_nonnull (strstr (error->message, "import that meeting first"));
}

/* The example in README.md is a real file that imports and comes back unchanged. */
static void
test_documented_example (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "example-meeting.json", NULL);
  g_autoptr(GBytes) example = quorum_test_read (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *again = NULL;
  g_autofree char *why = NULL;

  meeting = quorum_database_import_json (f->target, g_bytes_get_data (example, NULL),
                                         (gssize) g_bytes_get_size (example), &error);
  g_assert_no_error (error);
  again = quorum_meeting_export_json (meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (again, strlen (again), g_bytes_get_data (example, NULL),
                   g_bytes_get_size (example));

  g_assert_cmpstr (quorum_meeting_get_status (meeting), ==, "held");
  g_assert_true (quorum_meeting_evaluate_quorum (meeting, &why));
  g_assert_cmpstr (why, ==, "Quorate: the chair is present; 1 of 2 top-management members "
                            "present (at least 1 required)");
}

/* So is the shortened example printed in README.md. */
static void
test_readme_example (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autoptr(GBytes) readme = quorum_test_read (path);
  const char *text = g_bytes_get_data (readme, NULL);
  const char *start = strstr (text, "```json\n");
  const char *end = start != NULL ? strstr (start + 8, "```") : NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;

  g_assert_nonnull (end);
  json = g_strndup (start + 8, end - start - 8);
  meeting = quorum_database_import_json (f->target, json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quorum_meeting_get_title (meeting), ==, "ISMS management review Q2 2026");
  g_assert_cmpuint (g_list_model_get_n_items (quorum_meeting_get_items (meeting,
                                                                        QUORUM_TABLE_DECISIONS)),
                    ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/interchange/documented-example", Fixture, NULL, fixture_set_up,
              test_documented_example, fixture_tear_down);
  g_test_add ("/interchange/readme-example", Fixture, NULL, fixture_set_up,
              test_readme_example, fixture_tear_down);
  g_test_add ("/interchange/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/interchange/round-trip-special-text", Fixture, NULL, fixture_set_up,
              test_round_trip_special_text, fixture_tear_down);
  g_test_add ("/interchange/already-present", Fixture, NULL, fixture_set_up,
              test_already_present, fixture_tear_down);
  g_test_add ("/interchange/needs-earlier-meeting", Fixture, NULL, fixture_set_up,
              test_needs_earlier_meeting, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/interchange/bad/%s", bad_cases[i].name);
      g_test_add (path, Fixture, &bad_cases[i], fixture_set_up, test_bad_input,
                  fixture_tear_down);
    }

  return g_test_run ();
}
