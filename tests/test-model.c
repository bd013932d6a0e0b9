/* test-model.c: the meeting record through the model API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "quorum-demo.h"
#include "quorum-interchange.h"
#include "quorum-meeting.h"
#include "quorum-removal.h"
#include "quorum-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  QuorumDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = quorum_test_make_dir ();
  f->path = g_build_filename (f->dir, "quorum.db", NULL);
  f->db = quorum_database_open (f->path, TRUE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->db != NULL)
    g_assert_finalize_object (f->db);
  quorum_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Closes the database and opens the file again, as a restarted app would. */
static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (f->db);
  f->db = quorum_database_open (f->path, FALSE, &error);
  g_assert_no_error (error);
}

static QuorumMeeting *
new_meeting (Fixture    *f,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  QuorumMeeting *meeting = quorum_meeting_create (f->db, title, "2026-03-12T10:00:00+01:00",
                                                  &error);
  g_assert_no_error (error);
  return meeting;
}

static QuorumRecord *
new_person (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  QuorumRecord *person = quorum_database_add_person (f->db, name, "Director", NULL, &error);
  g_assert_no_error (error);
  return person;
}

static QuorumRecord *
item_at (QuorumMeeting *meeting,
         QuorumTableId  table,
         guint          position)
{
  return g_list_model_get_item (quorum_meeting_get_items (meeting, table), position);
}

static guint
count (QuorumMeeting *meeting,
       QuorumTableId  table)
{
  return g_list_model_get_n_items (quorum_meeting_get_items (meeting, table));
}

/* ---- every entity: create, read after reopening, update, delete ----------- */

static void
test_every_entity (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 meeting_id;

  {
    g_autoptr(QuorumMeeting) meeting = new_meeting (f, "Q1 review");
    g_autoptr(QuorumRecord) chair = new_person (f, "Margarethe Lindqvist");
    g_autoptr(QuorumRecord) cfo = new_person (f, "Jürgen Müller");
    g_autoptr(QuorumRecord) metric = quorum_database_add_metric (f->db, "MFA coverage", "%", 99,
                                                                 "higher", &error);
    g_autoptr(QuorumRecord) org = quorum_database_dup_organization (f->db, &error);
    g_autoptr(QuorumRecord) attendee = NULL, item = NULL, decision = NULL, action = NULL;
    g_autoptr(QuorumRecord) approval = NULL, incident = NULL, value = NULL, policy = NULL;
    g_autoptr(QuorumRecord) role = NULL;
    g_autoptr(GBytes) logo = g_bytes_new_static ("\x89PNG\r\n", 6);

    g_assert_no_error (error);
    meeting_id = quorum_record_get_id (QUORUM_RECORD (meeting));
    g_assert_true (quorum_record_set_string (org, "name", "Aster & Finch", &error));
    g_object_set (org, "logo", logo, NULL);
    g_assert_true (quorum_record_set_ref (QUORUM_RECORD (meeting), "chair", chair, &error));
    g_assert_true (quorum_record_set_string (QUORUM_RECORD (meeting), "location", "Room 4.01",
                                             &error));

    attendee = quorum_meeting_add_attendee (meeting, chair, "chair", "present", &error);
    g_assert_no_error (error);
    item = quorum_meeting_add_agenda_item (meeting, "Audit results", "9.3.2(d3)", 10, &error);
    g_assert_no_error (error);
    decision = quorum_meeting_add_decision (meeting, item, "Commission a penetration test",
                                            &error);
    g_assert_no_error (error);
    action = quorum_meeting_add_action (meeting, item, "Brief the auditors", cfo, "2026-06-30",
                                        &error);
    g_assert_no_error (error);
    approval = quorum_meeting_add_resource_approval (meeting, item, "budget", "Penetration test",
                                                     1850000, "EUR", &error);
    g_assert_no_error (error);
    incident = quorum_meeting_add_incident (meeting, "INC-2026-001", "2026-02-01", "high",
                                            "Phishing", &error);
    g_assert_no_error (error);
    value = quorum_meeting_set_metric_value (meeting, metric, 97.5, &error);
    g_assert_no_error (error);
    policy = quorum_meeting_add_policy_approval (meeting, item, "Information security policy",
                                                 "3.0", &error);
    g_assert_no_error (error);
    role = quorum_meeting_add_role_assignment (meeting, item, "ISMS owner", cfo, "Runs the ISMS",
                                               &error);
    g_assert_no_error (error);
  }

  reopen (f);
  {
    g_autoptr(QuorumRecord) record = quorum_database_lookup (f->db, QUORUM_TABLE_MEETINGS,
                                                             meeting_id, &error);
    QuorumMeeting *meeting = QUORUM_MEETING (record);
    g_autoptr(QuorumRecord) chair = quorum_record_dup_ref (record, "chair");
    g_autoptr(QuorumRecord) org = quorum_database_dup_organization (f->db, &error);
    g_autoptr(QuorumRecord) item = item_at (meeting, QUORUM_TABLE_AGENDA_ITEMS, 0);
    g_autoptr(QuorumRecord) decision = item_at (meeting, QUORUM_TABLE_DECISIONS, 0);
    g_autoptr(QuorumRecord) action = item_at (meeting, QUORUM_TABLE_ACTION_ITEMS, 0);
    g_autoptr(QuorumRecord) owner = quorum_record_dup_ref (action, "owner");
    g_autoptr(QuorumRecord) approval = item_at (meeting, QUORUM_TABLE_RESOURCE_APPROVALS, 0);
    g_autoptr(QuorumRecord) incident = item_at (meeting, QUORUM_TABLE_INCIDENTS, 0);
    g_autoptr(QuorumRecord) value = item_at (meeting, QUORUM_TABLE_METRIC_VALUES, 0);
    g_autoptr(QuorumRecord) policy = item_at (meeting, QUORUM_TABLE_POLICY_APPROVALS, 0);
    g_autoptr(QuorumRecord) role = item_at (meeting, QUORUM_TABLE_ROLE_ASSIGNMENTS, 0);
    g_autoptr(QuorumRecord) attendee = item_at (meeting, QUORUM_TABLE_ATTENDANCE, 0);

    g_assert_no_error (error);
    g_assert_cmpstr (quorum_meeting_get_title (meeting), ==, "Q1 review");
    g_assert_cmpstr (quorum_record_get_string (record, "location"), ==, "Room 4.01");
    g_assert_cmpstr (quorum_meeting_get_status (meeting), ==, "draft");
    g_assert_cmpstr (quorum_record_get_string (chair, "name"), ==, "Margarethe Lindqvist");
    g_assert_cmpstr (quorum_record_get_string (org, "name"), ==, "Aster & Finch");
    g_assert_cmpuint (g_bytes_get_size (quorum_record_get_bytes (org, "logo")), ==, 6);
    g_assert_cmpstr (quorum_record_get_string (attendee, "role"), ==, "chair");
    g_assert_cmpstr (quorum_record_get_string (item, "clauses"), ==, "9.3.2(d3)");
    g_assert_cmpint (quorum_record_get_int (item, "timebox_minutes"), ==, 10);
    g_assert_cmpint (quorum_record_get_int (decision, "number"), ==, 1);
    g_assert_cmpint (quorum_record_get_ref_id (decision, "agenda_item"), ==,
                     quorum_record_get_id (item));
    g_assert_cmpstr (quorum_record_get_string (owner, "name"), ==, "Jürgen Müller");
    g_assert_cmpstr (quorum_record_get_string (action, "due_on"), ==, "2026-06-30");
    g_assert_cmpint (quorum_record_get_int (approval, "amount_minor"), ==, 1850000);
    g_assert_cmpstr (quorum_record_get_string (approval, "currency"), ==, "EUR");
    g_assert_cmpstr (quorum_record_get_string (incident, "severity"), ==, "high");
    g_assert_cmpfloat (quorum_record_get_double (value, "value"), ==, 97.5);
    g_assert_cmpfloat (quorum_record_get_double (value, "target"), ==, 99);
    g_assert_cmpstr (quorum_record_get_string (policy, "version"), ==, "3.0");
    g_assert_cmpstr (quorum_record_get_string (role, "role"), ==, "ISMS owner");

    /* Update one field of each, then delete each. */
    {
      QuorumRecord *rows[] = { attendee, item, decision, action, approval, incident, value,
                               policy, role };
      const char *text_fields[] = { "note", "notes", "rationale", "text", "description",
                                    "lessons", "comment", "note", "responsibilities" };
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          g_assert_true (quorum_record_set_string (rows[i], text_fields[i], "Überarbeitet ✓",
                                                   &error));
          g_assert_no_error (error);
          g_assert_cmpstr (quorum_record_get_string (rows[i], text_fields[i]), ==,
                           "Überarbeitet ✓");
        }
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          /* Deleting the agenda item clears the references to it (SET NULL). */
          if (rows[i] == item)
            continue;
          g_assert_true (quorum_record_delete (rows[i], &error));
          g_assert_no_error (error);
        }
      g_assert_true (quorum_record_delete (item, &error));
      g_assert_no_error (error);
    }
    for (guint t = 0; t < QUORUM_N_TABLES; t++)
      if (quorum_schema_table (t)->parent_column >= 0)
        g_assert_cmpuint (count (meeting, t), ==, 0);
  }
}

/* ---- lists ------------------------------------------------------------------ */

typedef struct
{
  guint position, removed, added;
  guint calls;
} Change;

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static void
test_list_changes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = new_meeting (f, "Lists");
  GListModel *decisions = quorum_meeting_get_items (meeting, QUORUM_TABLE_DECISIONS);
  GListModel *agenda = quorum_meeting_get_items (meeting, QUORUM_TABLE_AGENDA_ITEMS);
  Change change = { 0 };
  g_autoptr(QuorumRecord) d1 = NULL, d2 = NULL, d3 = NULL, d4 = NULL;
  g_autoptr(QuorumRecord) a = NULL, b = NULL, c = NULL;

  g_signal_connect (decisions, "items-changed", G_CALLBACK (items_changed_cb), &change);

  d1 = quorum_meeting_add_decision (meeting, NULL, "First", &error);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  d2 = quorum_meeting_add_decision (meeting, NULL, "Second", &error);
  d3 = quorum_meeting_add_decision (meeting, NULL, "Third", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (decisions), ==, 3);

  /* Same row, same object. */
  {
    g_autoptr(QuorumRecord) again = g_list_model_get_item (decisions, 1);
    g_assert_true (again == d2);
  }

  g_assert_true (quorum_record_delete (d2, &error));
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (decisions), ==, 2);

  /* Numbers keep counting up: a deleted number is never reused. */
  d4 = quorum_meeting_add_decision (meeting, NULL, "Fourth", &error);
  g_assert_cmpint (quorum_record_get_int (d4, "number"), ==, 4);

  /* Reordering the agenda */
  a = quorum_meeting_add_agenda_item (meeting, "A", NULL, 5, &error);
  b = quorum_meeting_add_agenda_item (meeting, "B", NULL, 5, &error);
  c = quorum_meeting_add_agenda_item (meeting, "C", NULL, 5, &error);
  g_assert_true (quorum_agenda_item_move (QUORUM_AGENDA_ITEM (c), 0, &error));
  g_assert_no_error (error);
  {
    const char *expected[] = { "C", "A", "B" };
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(QuorumRecord) item = g_list_model_get_item (agenda, i);
        g_assert_cmpstr (quorum_record_get_string (item, "title"), ==, expected[i]);
      }
  }
  g_signal_handlers_disconnect_by_func (decisions, items_changed_cb, &change);
}

static void
test_meetings_list_follows_dates (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) later = new_meeting (f, "Later");
  g_autoptr(QuorumMeeting) earlier = new_meeting (f, "Earlier");
  GListModel *meetings = quorum_database_get_meetings (f->db);

  g_assert_true (quorum_record_set_string (QUORUM_RECORD (later), "starts_at",
                                           "2026-09-10T10:00:00+02:00", &error));
  g_assert_true (quorum_record_set_string (QUORUM_RECORD (earlier), "starts_at",
                                           "2026-01-10T10:00:00+01:00", &error));
  g_assert_no_error (error);
  {
    g_autoptr(QuorumMeeting) first = g_list_model_get_item (meetings, 0);
    g_assert_cmpstr (quorum_meeting_get_title (first), ==, "Earlier");
  }
}

/* ---- approval freezes ------------------------------------------------------- */

static void
save_failed_cb (QuorumRecord *record,
                const char   *property,
                GError       *error,
                int          *failures)
{
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_FROZEN);
  (*failures)++;
}

static void
test_frozen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = new_meeting (f, "To be approved");
  g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (meeting, "Audit", NULL, 5, &error);
  g_autoptr(QuorumRecord) person = new_person (f, "Amara Okafor");
  g_autoptr(QuorumRecord) added = NULL;
  int failures = 0;

  /* Only a held meeting can be approved. */
  g_assert_false (quorum_meeting_approve (meeting, &error));
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (quorum_meeting_hold (meeting, &error));
  g_assert_true (quorum_meeting_reopen (meeting, &error));
  g_assert_true (quorum_meeting_hold (meeting, &error));
  g_assert_true (quorum_meeting_approve (meeting, &error));
  g_assert_no_error (error);
  g_assert_true (quorum_meeting_is_frozen (meeting));
  g_assert_nonnull (quorum_record_get_string (QUORUM_RECORD (meeting), "approved_at"));

  g_assert_false (quorum_record_set_string (item, "notes", "Afterthought", &error));
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (quorum_record_set_string (QUORUM_RECORD (meeting), "title", "Renamed", &error));
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_FROZEN);
  g_clear_error (&error);
  added = quorum_meeting_add_attendee (meeting, person, "guest", "present", &error);
  g_assert_null (added);
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (quorum_record_delete (item, &error));
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (quorum_meeting_reopen (meeting, &error));
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_FROZEN);
  g_clear_error (&error);

  /* A property set by a widget cannot fail loudly: it reports and keeps the value. */
  g_signal_connect (item, "save-failed", G_CALLBACK (save_failed_cb), &failures);
  g_object_set (item, "notes", "Typed into a frozen record", NULL);
  g_assert_cmpint (failures, ==, 1);
  g_assert_null (quorum_record_get_string (item, "notes"));

  reopen (f);
  {
    g_autoptr(QuorumRecord) again = quorum_database_lookup (f->db, QUORUM_TABLE_MEETINGS, 1, &error);
    g_assert_cmpstr (quorum_record_get_string (again, "title"), ==, "To be approved");
    g_assert_cmpstr (quorum_record_get_string (again, "status"), ==, "approved");
  }
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = new_meeting (f, "Rules");
  QuorumRecord *m = QUORUM_RECORD (meeting);

  /* Status changes only through hold, reopen and approve. */
  g_assert_false (quorum_record_set_string (m, "status", "approved", &error));
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  /* Hashes are Quorum's to set. */
  g_assert_false (quorum_record_set_string (m, "record_hash", "forged", &error));
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  /* The store's rules reach the model caller. */
  g_assert_false (quorum_record_set_string (m, "starts_at", "next Tuesday", &error));
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (quorum_meeting_get_starts_at (meeting), ==, "2026-03-12T10:00:00+01:00");
}

/* ---- quorum ----------------------------------------------------------------- */

static void
test_quorum (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = new_meeting (f, "Quorum");
  QuorumRecord *m = QUORUM_RECORD (meeting);
  g_autoptr(QuorumRecord) chair = new_person (f, "Chair");
  g_autoptr(QuorumRecord) ceo = new_person (f, "CFO");
  g_autoptr(QuorumRecord) coo = new_person (f, "COO");
  g_autoptr(QuorumRecord) guest = new_person (f, "Guest");
  g_autoptr(QuorumRecord) a_chair = NULL, a_cfo = NULL, a_coo = NULL, a_guest = NULL;
  g_autofree char *why = NULL;
  g_autofree char *rule = NULL;

  g_assert_true (quorum_record_set_int (m, "quorum_top_management", 2, &error));
  rule = quorum_meeting_describe_quorum_rule (meeting);
  g_assert_cmpstr (rule, ==, "the chair and at least 2 top-management members");

  a_chair = quorum_meeting_add_attendee (meeting, chair, "chair", "present", &error);
  a_cfo = quorum_meeting_add_attendee (meeting, ceo, "top_management", "present", &error);
  a_coo = quorum_meeting_add_attendee (meeting, coo, "top_management", "apologies", &error);
  a_guest = quorum_meeting_add_attendee (meeting, guest, "guest", "present", &error);
  g_assert_no_error (error);

  g_assert_false (quorum_meeting_evaluate_quorum (meeting, &why));
  g_assert_cmpstr (why, ==, "Not quorate: the chair is present; 1 of 2 top-management members "
                            "present (at least 2 required)");
  g_clear_pointer (&why, g_free);

  g_assert_true (quorum_record_set_string (a_coo, "presence", "present", &error));
  g_assert_true (quorum_meeting_evaluate_quorum (meeting, &why));
  g_assert_cmpstr (why, ==, "Quorate: the chair is present; 2 of 2 top-management members "
                            "present (at least 2 required)");
  g_clear_pointer (&why, g_free);

  g_assert_true (quorum_record_set_string (a_chair, "presence", "absent", &error));
  g_assert_false (quorum_meeting_evaluate_quorum (meeting, NULL));

  /* The same person cannot attend twice. */
  {
    g_autoptr(QuorumRecord) twice = quorum_meeting_add_attendee (meeting, chair, "member", NULL,
                                                                 &error);
    g_assert_null (twice);
    g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_DUPLICATE);
  }
}

static void
test_template (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  const char *inputs[] = { "9.3.2(a)", "9.3.2(b)", "9.3.2(c)", "9.3.2(d1)", "9.3.2(d2)",
                           "9.3.2(d3)", "9.3.2(d4)", "9.3.2(e)", "9.3.2(f)", "9.3.2(g)",
                           "9.3.3", "5.1(c)", "5.2", "5.3" };
  GListModel *agenda;

  meeting = quorum_meeting_create_from_template (f->db, "iso27001", NULL,
                                                 "2026-05-14T10:00:00+02:00", &error);
  g_assert_no_error (error);
  agenda = quorum_meeting_get_items (meeting, QUORUM_TABLE_AGENDA_ITEMS);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      gboolean found = FALSE;
      for (guint j = 0; j < g_list_model_get_n_items (agenda); j++)
        {
          g_autoptr(QuorumRecord) item = g_list_model_get_item (agenda, j);
          found |= g_strcmp0 (quorum_record_get_string (item, "clauses"), inputs[i]) == 0;
        }
      if (!found)
        g_error ("The template has no agenda item for %s", inputs[i]);
    }

  /* An unknown template creates nothing. */
  {
    g_autoptr(QuorumMeeting) none = quorum_meeting_create_from_template (f->db, "iso9001", NULL,
                                                                         "2026-05-14T10:00:00Z",
                                                                         &error);
    g_assert_null (none);
    g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_NOT_FOUND);
    g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_meetings (f->db)), ==, 1);
  }
}

static void
test_carry_actions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) first = new_meeting (f, "Q1");
  g_autoptr(QuorumMeeting) second = new_meeting (f, "Q2");
  g_autoptr(QuorumRecord) owner = new_person (f, "Owner");
  g_autoptr(QuorumRecord) action = quorum_meeting_add_action (first, NULL, "Patch the VPN", owner,
                                                              "2026-04-30", &error);
  g_autoptr(QuorumRecord) update = NULL;
  g_autoptr(QuorumRecord) again = NULL;

  g_assert_true (quorum_meeting_hold (first, &error));
  g_assert_true (quorum_meeting_approve (first, &error));
  g_assert_no_error (error);

  /* Progress is minuted in the later meeting; the frozen one stays as it was. */
  update = quorum_meeting_update_action (second, action, "done", "Patched on 2 April", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quorum_record_get_string (action, "status"), ==, "open");
  again = quorum_meeting_update_action (second, action, "open", "Reopened", &error);
  g_assert_true (again == update);
  g_assert_cmpuint (count (second, QUORUM_TABLE_ACTION_UPDATES), ==, 1);

  /* An action of this very meeting is changed in place, not through an update. */
  {
    g_autoptr(QuorumRecord) own = quorum_meeting_add_action (second, NULL, "Own action", owner,
                                                             NULL, &error);
    g_autoptr(QuorumRecord) refused = quorum_meeting_update_action (second, own, "done", "x",
                                                                    &error);
    g_assert_null (refused);
    g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* The next review: the agenda and rule come along, and so does every action still open. */
static void
test_continue_series (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumRecord) chair = new_person (f, "Chair");
  g_autoptr(QuorumRecord) owner = new_person (f, "Owner");
  g_autoptr(QuorumMeeting) q1 = new_meeting (f, "Q1");
  g_autoptr(QuorumMeeting) q2 = NULL;
  g_autoptr(QuorumMeeting) q3 = NULL;
  g_autoptr(QuorumRecord) open_action = NULL, done_action = NULL, item = NULL, copied = NULL;
  g_autoptr(QuorumRecord) first = NULL, second = NULL, update = NULL;

  g_assert_true (quorum_record_set_string (QUORUM_RECORD (q1), "series", "ISMS review", &error));
  g_assert_true (quorum_record_set_ref (QUORUM_RECORD (q1), "chair", chair, &error));
  g_assert_true (quorum_record_set_int (QUORUM_RECORD (q1), "quorum_members", 4, &error));
  item = quorum_meeting_add_agenda_item (q1, "Audit results", "9.3.2(d3)", 25, &error);
  g_assert_true (quorum_record_set_ref (item, "presenter", owner, &error));
  g_clear_object (&item);
  item = quorum_meeting_add_agenda_item (q1, "Close", NULL, 5, &error);
  open_action = quorum_meeting_add_action (q1, NULL, "Patch the VPN", owner, NULL, &error);
  done_action = quorum_meeting_add_action (q1, NULL, "Buy a shredder", owner, NULL, &error);
  g_assert_true (quorum_record_set_string (done_action, "status", "done", &error));
  g_assert_no_error (error);

  q2 = quorum_meeting_continue_series (q1, "2026-06-11T10:00:00+02:00", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quorum_meeting_get_title (q2), ==, "ISMS review");
  g_assert_cmpstr (quorum_meeting_get_status (q2), ==, "draft");
  g_assert_cmpint (quorum_record_get_ref_id (QUORUM_RECORD (q2), "chair"), ==,
                   quorum_record_get_id (chair));
  g_assert_cmpint (quorum_record_get_int (QUORUM_RECORD (q2), "quorum_members"), ==, 4);
  g_assert_cmpuint (count (q2, QUORUM_TABLE_AGENDA_ITEMS), ==, 2);
  copied = item_at (q2, QUORUM_TABLE_AGENDA_ITEMS, 0);
  g_assert_cmpstr (quorum_record_get_string (copied, "title"), ==, "Audit results");
  g_assert_cmpstr (quorum_record_get_string (copied, "clauses"), ==, "9.3.2(d3)");
  g_assert_cmpint (quorum_record_get_int (copied, "timebox_minutes"), ==, 25);
  g_assert_cmpint (quorum_record_get_ref_id (copied, "presenter"), ==, quorum_record_get_id (owner));
  g_assert_cmpstr (quorum_record_get_string (copied, "outcome"), ==, "pending");
  /* Only the open action is carried; the done one stays behind. */
  g_assert_cmpuint (count (q2, QUORUM_TABLE_ACTION_UPDATES), ==, 1);
  first = item_at (q2, QUORUM_TABLE_ACTION_UPDATES, 0);
  g_assert_cmpint (quorum_record_get_ref_id (first, "action"), ==, quorum_record_get_id (open_action));
  g_assert_cmpuint (count (q2, QUORUM_TABLE_ACTION_ITEMS), ==, 0);

  /* Still open in Q2, it travels on to Q3; once Q3 minutes it done, it goes no further. */
  q3 = quorum_meeting_continue_series (q2, "2026-09-10T10:00:00+02:00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (q3, QUORUM_TABLE_ACTION_UPDATES), ==, 1);
  second = item_at (q3, QUORUM_TABLE_ACTION_UPDATES, 0);
  g_assert_cmpint (quorum_record_get_ref_id (second, "action"), ==, quorum_record_get_id (open_action));
  update = quorum_meeting_update_action (q3, open_action, "done", "Patched", &error);
  g_assert_no_error (error);
  {
    g_autoptr(QuorumMeeting) q4 = quorum_meeting_continue_series (q3, "2026-12-10T10:00:00+01:00",
                                                                  &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count (q4, QUORUM_TABLE_ACTION_UPDATES), ==, 0);
  }
}

/* A 9.3.2 input counts as covered when an item discussed it, deferred it with a reason,
 * or a decision cites it. */
static void
test_unaddressed_inputs (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = quorum_meeting_create_from_template (f->db, "iso27001", NULL,
                                                                         "2026-05-14T10:00:00+02:00",
                                                                         &error);
  g_autoptr(GPtrArray) all = quorum_meeting_dup_unaddressed_inputs (meeting);
  g_autoptr(GPtrArray) later = NULL;
  GListModel *agenda = quorum_meeting_get_items (meeting, QUORUM_TABLE_AGENDA_ITEMS);

  g_assert_cmpuint (all->len, ==, 10);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (all, 1), "9.3.2(b) "));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (all, 1), ": not discussed"));

  /* Backwards, since one item is deleted on the way */
  for (guint i = g_list_model_get_n_items (agenda); i > 0; i--)
    {
      g_autoptr(QuorumRecord) item = g_list_model_get_item (agenda, i - 1);
      const char *clauses = quorum_record_get_string (item, "clauses");
      if (g_strcmp0 (clauses, "9.3.2(c)") == 0)
        g_assert_true (quorum_record_set_string (item, "outcome", "deferred", &error));
      else if (g_strcmp0 (clauses, "9.3.2(d1)") == 0)
        {
          g_assert_true (quorum_record_set_string (item, "outcome", "deferred", &error));
          g_assert_true (quorum_record_set_string (item, "deferral_reason",
                                                   "The auditor's report is late", &error));
        }
      else if (g_strcmp0 (clauses, "9.3.2(d2)") == 0)
        /* Moved away from the agenda altogether */
        g_assert_true (quorum_record_delete (item, &error));
      else if (clauses != NULL && g_str_has_prefix (clauses, "9.3.2(") &&
               g_strcmp0 (clauses, "9.3.2(g)") != 0)
        g_assert_true (quorum_record_set_string (item, "outcome", "discussed", &error));
    }
  {
    g_autoptr(QuorumRecord) d = quorum_meeting_add_decision (meeting, NULL, "Fund a bug bounty",
                                                             &error);
    g_assert_true (quorum_record_set_string (d, "clause", "9.3.2(g)", &error));
  }
  g_assert_no_error (error);

  later = quorum_meeting_dup_unaddressed_inputs (meeting);
  g_assert_cmpuint (later->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (later, 0), "9.3.2(c) "));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (later, 0), ": deferred without a reason"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (later, 1), "9.3.2(d2) "));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (later, 1), ": not on the agenda"));
}

/* Earlier values of a metric, oldest first, from meetings before this one only. */
static void
test_metric_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumRecord) metric = quorum_database_add_metric (f->db, "Patched in 14 days", "%",
                                                               95, "higher", &error);
  g_autoptr(QuorumRecord) other = quorum_database_add_metric (f->db, "Phishing clicks", "%", 5,
                                                              "lower", &error);
  const char *dates[] = { "2025-06-01T10:00:00Z", "2025-09-01T10:00:00Z", "2025-12-01T10:00:00Z",
                          "2026-03-01T10:00:00Z", "2026-06-01T10:00:00Z" };
  QuorumMeeting *meetings[G_N_ELEMENTS (dates)];
  g_autoptr(GArray) history = NULL;
  g_autoptr(GArray) none = NULL;

  /* Created out of date order, and the third review measured nothing */
  for (guint i = G_N_ELEMENTS (dates); i > 0; i--)
    {
      g_autoptr(QuorumRecord) value = NULL;
      meetings[i - 1] = quorum_meeting_create (f->db, "Review", dates[i - 1], &error);
      g_assert_no_error (error);
      if (i - 1 != 2)
        value = quorum_meeting_set_metric_value (meetings[i - 1], metric, 80.0 + i, &error);
    }
  history = quorum_meeting_dup_metric_history (meetings[4], metric, 7);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpfloat (g_array_index (history, double, 0), ==, 81.0);
  g_assert_cmpfloat (g_array_index (history, double, 1), ==, 82.0);
  g_assert_cmpfloat (g_array_index (history, double, 2), ==, 84.0);
  g_clear_pointer (&history, g_array_unref);
  history = quorum_meeting_dup_metric_history (meetings[4], metric, 2);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpfloat (g_array_index (history, double, 0), ==, 82.0);
  none = quorum_meeting_dup_metric_history (meetings[4], other, 7);
  g_assert_cmpuint (none->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_object_unref (meetings[i]);
}

/* What the app's Undo needs: a deleted row comes back with its values and uid. */
static void
test_undo_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = new_meeting (f, "Q1");
  g_autoptr(QuorumRecord) owner = new_person (f, "Owner");
  g_autoptr(QuorumRecord) action = quorum_meeting_add_action (meeting, NULL, "Rotate keys", owner,
                                                              "2026-07-01", &error);
  g_autoptr(QuorumFields) fields = quorum_record_dup_fields (action);
  g_autofree char *uid = g_strdup (quorum_record_get_uid (action));
  g_autoptr(QuorumRecord) back = NULL;

  g_assert_true (quorum_record_delete (action, &error));
  g_assert_cmpuint (count (meeting, QUORUM_TABLE_ACTION_ITEMS), ==, 0);
  back = quorum_database_create (f->db, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (meeting, QUORUM_TABLE_ACTION_ITEMS), ==, 1);
  g_assert_cmpstr (quorum_record_get_uid (back), ==, uid);
  g_assert_cmpstr (quorum_record_get_string (back, "text"), ==, "Rotate keys");
  g_assert_cmpstr (quorum_record_get_string (back, "due_on"), ==, "2026-07-01");
  g_assert_cmpint (quorum_record_get_ref_id (back, "owner"), ==, quorum_record_get_id (owner));
}

/* Undo brings back the whole of what a removal took: the rows that belonged to the removed
 * one, and the references other rows held to it, unless they were pointed elsewhere since. */
static void
test_undo_remove_whole (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) q1 = new_meeting (f, "Q1");
  g_autoptr(QuorumMeeting) q2 = new_meeting (f, "Q2");
  g_autoptr(QuorumRecord) owner = new_person (f, "Owner");
  g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (q1, "Risk review", "6.1", 20,
                                                                 &error);
  g_autoptr(QuorumRecord) other = quorum_meeting_add_agenda_item (q1, "Audit", "9.2", 10, &error);
  g_autoptr(QuorumRecord) decision = quorum_meeting_add_decision (q1, item, "Accept risk R-4",
                                                                  &error);
  g_autoptr(QuorumRecord) kept = quorum_meeting_add_decision (q1, item, "Fund the SOC", &error);
  g_autoptr(QuorumRecord) action = quorum_meeting_add_action (q1, item, "Rotate keys", owner,
                                                              "2026-07-01", &error);
  g_autoptr(QuorumRecord) update = quorum_meeting_update_action (q2, action, "done",
                                                                 "Rotated in May", &error);
  g_autofree char *item_uid = g_strdup (quorum_record_get_uid (item));
  g_autofree char *action_uid = g_strdup (quorum_record_get_uid (action));
  g_autofree char *update_uid = g_strdup (quorum_record_get_uid (update));
  g_autoptr(QuorumRemoval) removal = NULL;
  g_autoptr(QuorumRecord) back = NULL;

  g_assert_no_error (error);

  /* The agenda item: its decisions and action stay, unlinked; Undo links them again, but
   * for a decision moved to another item meanwhile */
  removal = quorum_record_remove (item, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (q1, QUORUM_TABLE_AGENDA_ITEMS), ==, 1);
  g_assert_cmpint (quorum_record_get_ref_id (decision, "agenda_item"), ==, 0);
  g_assert_cmpint (quorum_record_get_ref_id (action, "agenda_item"), ==, 0);
  g_assert_true (quorum_record_set_ref (kept, "agenda_item", other, &error));
  back = quorum_removal_undo (removal, f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quorum_record_get_uid (back), ==, item_uid);
  g_assert_cmpstr (quorum_record_get_string (back, "title"), ==, "Risk review");
  g_assert_cmpuint (count (q1, QUORUM_TABLE_AGENDA_ITEMS), ==, 2);
  g_assert_cmpint (quorum_record_get_ref_id (decision, "agenda_item"), ==,
                   quorum_record_get_id (back));
  g_assert_cmpint (quorum_record_get_ref_id (action, "agenda_item"), ==,
                   quorum_record_get_id (back));
  g_assert_cmpint (quorum_record_get_ref_id (kept, "agenda_item"), ==,
                   quorum_record_get_id (other));
  g_clear_pointer (&removal, quorum_removal_free);
  g_clear_object (&back);

  /* The action: its progress minuted in the next meeting goes with it, and comes back */
  removal = quorum_record_remove (action, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (q1, QUORUM_TABLE_ACTION_ITEMS), ==, 0);
  g_assert_cmpuint (count (q2, QUORUM_TABLE_ACTION_UPDATES), ==, 0);
  back = quorum_removal_undo (removal, f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quorum_record_get_uid (back), ==, action_uid);
  g_assert_cmpint (quorum_record_get_ref_id (back, "owner"), ==, quorum_record_get_id (owner));
  g_assert_cmpuint (count (q2, QUORUM_TABLE_ACTION_UPDATES), ==, 1);
  {
    g_autoptr(QuorumRecord) progress = item_at (q2, QUORUM_TABLE_ACTION_UPDATES, 0);
    g_assert_cmpstr (quorum_record_get_uid (progress), ==, update_uid);
    g_assert_cmpint (quorum_record_get_ref_id (progress, "action"), ==,
                     quorum_record_get_id (back));
    g_assert_cmpstr (quorum_record_get_string (progress, "note"), ==, "Rotated in May");
  }

  /* All of it is still there in the file */
  reopen (f);
  {
    g_autoptr(QuorumRecord) again = NULL;
    gint64 id = 0;

    g_assert_true (quorum_store_find_uid (quorum_database_get_store (f->db),
                                          QUORUM_TABLE_ACTION_ITEMS, action_uid, &id, &error));
    again = quorum_database_lookup (f->db, QUORUM_TABLE_ACTION_ITEMS, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (quorum_record_get_string (again, "text"), ==, "Rotate keys");
    g_assert_cmpint (quorum_record_get_ref_id (again, "agenda_item"), !=, 0);
  }
}

/* A row id is never reused, so an object kept for a deleted row never stands
 * for a new one. */
static void
test_ids_not_reused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = new_meeting (f, "Ids");
  g_autoptr(QuorumRecord) first = quorum_meeting_add_decision (meeting, NULL, "First", &error);
  g_autoptr(QuorumRecord) second = NULL;
  gint64 first_id = quorum_record_get_id (first);

  g_assert_true (quorum_record_delete (first, &error));
  second = quorum_meeting_add_decision (meeting, NULL, "Second", &error);
  g_assert_no_error (error);
  g_assert_true (second != first);
  g_assert_cmpint (quorum_record_get_id (second), >, first_id);
  g_assert_cmpstr (quorum_record_get_string (second, "text"), ==, "Second");
}

/* ---- the record hash and its chain -------------------------------------------- */

static char *
hash_of (QuorumMeeting *meeting)
{
  g_autoptr(GError) error = NULL;
  char *hash = quorum_meeting_compute_record_hash (meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (hash), ==, 64);
  return hash;
}

static void
test_hash_follows_content (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = new_meeting (f, "Hashed");
  g_autoptr(QuorumRecord) person = new_person (f, "Amara Okafor");
  g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (meeting, "Audit", "9.3.2(d3)", 5,
                                                                 &error);
  g_autoptr(QuorumRecord) decision = quorum_meeting_add_decision (meeting, item, "Decide", &error);
  g_autoptr(QuorumRecord) attendee = quorum_meeting_add_attendee (meeting, person, "ciso", NULL,
                                                                  &error);
  g_autofree char *before = hash_of (meeting);
  struct { QuorumRecord *record; const char *column; const char *value; } changes[] = {
    { QUORUM_RECORD (meeting), "title", "Hashed, renamed" },
    { QUORUM_RECORD (meeting), "location", "Room 2" },
    { item, "notes", "A word" },
    { item, "clauses", "9.3.2(d4)" },
    { decision, "text", "Decide otherwise" },
    { attendee, "presence", "apologies" },
    { person, "name", "Amara Okafor-Smith" },
  };

  g_assert_no_error (error);
  {
    g_autofree char *again = hash_of (meeting);
    g_assert_cmpstr (before, ==, again);
  }
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *was = hash_of (meeting);
      g_autofree char *now = NULL;
      g_assert_true (quorum_record_set_string (changes[i].record, changes[i].column,
                                               changes[i].value, &error));
      g_assert_no_error (error);
      now = hash_of (meeting);
      if (g_strcmp0 (was, now) == 0)
        g_error ("Changing %s did not change the record hash", changes[i].column);
    }
  g_assert_true (quorum_record_set_int (decision, "votes_for", 5, &error));
  {
    g_autofree char *was = hash_of (meeting);
    g_autofree char *now = NULL;
    /* A person's e-mail is not part of the minutes. */
    g_assert_true (quorum_record_set_string (person, "email", "amara@example.com", &error));
    now = hash_of (meeting);
    g_assert_cmpstr (was, ==, now);
  }
}

static void
test_hash_survives_interchange (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(QuorumDatabase) other = quorum_database_open (other_path, TRUE, &error);
  g_autoptr(QuorumMeeting) first = NULL;
  g_autoptr(QuorumMeeting) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *recomputed = NULL;

  g_assert_true (quorum_demo_fill (f->db, 1, 3, &error));
  first = g_list_model_get_item (quorum_database_get_meetings (f->db), 0);
  g_assert_cmpstr (quorum_meeting_get_status (first), ==, "approved");
  json = quorum_meeting_export_json (first, &error);
  copy = quorum_database_import_json (other, json, -1, &error);
  g_assert_no_error (error);
  recomputed = hash_of (copy);
  g_assert_cmpstr (recomputed, ==, quorum_record_get_string (QUORUM_RECORD (first), "record_hash"));
  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_chain (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *raw;

  g_assert_true (quorum_demo_fill (f->db, 2, 9, &error));
  g_assert_true (quorum_database_check_record_chain (f->db, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  {
    g_autoptr(QuorumMeeting) first = g_list_model_get_item (quorum_database_get_meetings (f->db), 0);
    g_autoptr(QuorumMeeting) second = g_list_model_get_item (quorum_database_get_meetings (f->db), 1);
    g_assert_null (quorum_record_get_string (QUORUM_RECORD (first), "previous_hash"));
    g_assert_cmpstr (quorum_record_get_string (QUORUM_RECORD (second), "previous_hash"), ==,
                     quorum_record_get_string (QUORUM_RECORD (first), "record_hash"));
  }
  g_assert_finalize_object (g_steal_pointer (&f->db));

  /* Someone with the sqlite3 shell drops the guard and rewrites history. */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER agenda_items_frozen_update; "
                                      "UPDATE agenda_items SET notes = 'Nothing was discussed.' "
                                      "WHERE meeting = 2 AND position = 2; "
                                      "DROP TRIGGER meetings_frozen_update; "
                                      "UPDATE meetings SET previous_hash = NULL WHERE id = 4",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  f->db = quorum_database_open (f->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (quorum_database_check_record_chain (f->db, &problems, &error));
  g_assert_no_error (error);
  /* Meeting 4's previous hash is part of its own record, so it is both
   * altered and off the chain. */
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (problems, 0),
                                   "(ID 2) was changed after it was approved: its record no longer "
                                   "matches the hash taken at approval."));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (problems, 1),
                                   "(ID 4) was changed after it was approved: its record no longer "
                                   "matches the hash taken at approval."));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 2),
                            "The chain of approved records is broken at"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 2), "(ID 4)"));
}

static void
test_addendum (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = new_meeting (f, "Q1 review");
  g_autoptr(QuorumRecord) chair = new_person (f, "Margarethe Lindqvist");
  g_autoptr(QuorumMeeting) early = NULL;
  g_autoptr(QuorumMeeting) addendum = NULL;
  g_autoptr(QuorumRecord) item = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (quorum_record_set_ref (QUORUM_RECORD (meeting), "chair", chair, &error));
  early = quorum_meeting_create_addendum (meeting, &error);
  g_assert_null (early);
  g_assert_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (quorum_meeting_hold (meeting, &error));
  g_assert_true (quorum_meeting_approve (meeting, &error));
  addendum = quorum_meeting_create_addendum (meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quorum_meeting_get_title (addendum), ==, "Addendum to Q1 review");
  g_assert_cmpstr (quorum_meeting_get_status (addendum), ==, "draft");
  g_assert_cmpint (quorum_record_get_ref_id (QUORUM_RECORD (addendum), "addendum_of"), ==,
                   quorum_record_get_id (QUORUM_RECORD (meeting)));
  g_assert_cmpint (quorum_record_get_ref_id (QUORUM_RECORD (addendum), "chair"), ==,
                   quorum_record_get_id (chair));

  /* The correction is minuted in the addendum, approved, and joins the chain. */
  item = quorum_meeting_add_agenda_item (addendum, "Correction of decision D2", "9.3.3", 5, &error);
  g_assert_no_error (error);
  g_assert_true (quorum_meeting_hold (addendum, &error));
  g_assert_true (quorum_meeting_approve (addendum, &error));
  g_assert_cmpstr (quorum_record_get_string (QUORUM_RECORD (addendum), "previous_hash"), ==,
                   quorum_record_get_string (QUORUM_RECORD (meeting), "record_hash"));
  g_assert_true (quorum_database_check_record_chain (f->db, &problems, &error));
}

/* ---- hostile and huge text -------------------------------------------------- */

static gboolean
is_free_text (const QuorumColumn *column)
{
  return column->type == QUORUM_COLUMN_TEXT &&
         (column->flags & (QUORUM_COLUMN_SEALED | QUORUM_COLUMN_CURRENCY)) == 0;
}

static char *
hostile_text (const QuorumTable  *table,
              const QuorumColumn *column,
              const char         *attach_path)
{
  return g_strdup_printf ("%s.%s'); DROP TABLE people; -- \" OR 1=1; ATTACH DATABASE '%s' AS "
                          "pwn; -- %%s%%n ?1 :name @p $v \\' \u202e\u05e9\u05dc\u05d5\u05dd "
                          "\U0001f510", table->name, column->name, attach_path);
}

/* Through every column that takes text from users, SQL and format strings are stored as the
 * text they are; columns with a format refuse them without changing anything. */
static void
test_hostile_text_every_field (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *attach_path = g_build_filename (f->dir, "pwned.db", NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) rows_before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  guint n_free = 0, n_refused = 0;

  g_assert_true (quorum_demo_fill (f->db, 1, 5, &error));
  g_assert_no_error (error);
  /* The demo approves policies and assigns roles only in approved meetings. */
  {
    GListModel *meetings = quorum_database_get_meetings (f->db);
    g_autoptr(QuorumMeeting) draft = g_list_model_get_item (meetings,
                                                            g_list_model_get_n_items (meetings) - 1);
    g_autoptr(QuorumRecord) holder = new_person (f, "Ada Okafor");
    g_autoptr(QuorumRecord) policy = NULL;
    g_autoptr(QuorumRecord) role = NULL;

    policy = quorum_meeting_add_policy_approval (draft, NULL, "Access control policy", "2.1",
                                                 &error);
    g_assert_no_error (error);
    role = quorum_meeting_add_role_assignment (draft, NULL, "Risk owner", holder,
                                               "Owns the risk register", &error);
    g_assert_no_error (error);
  }

  for (QuorumTableId t = 0; t < QUORUM_N_TABLES; t++)
    {
      const QuorumTable *table = quorum_schema_table (t);
      g_autoptr(GListModel) rows = quorum_database_list (f->db, t, NULL, 0, FALSE);
      guint n_rows = g_list_model_get_n_items (rows);
      g_autoptr(QuorumRecord) row = NULL;

      g_hash_table_insert (rows_before, (gpointer) table->name, GUINT_TO_POINTER (n_rows));
      /* The last rows belong to the meetings not yet approved, which can still be edited. */
      for (guint i = n_rows; i > 0 && row == NULL; i--)
        {
          g_autoptr(QuorumRecord) candidate = g_list_model_get_item (rows, i - 1);
          g_autoptr(QuorumMeeting) meeting = NULL;

          if (table->parent_column >= 0)
            meeting = QUORUM_MEETING (quorum_record_dup_ref (candidate,
                                        table->columns[table->parent_column].name));
          if (meeting == NULL ||
              !quorum_status_is_frozen (quorum_meeting_get_status (meeting)))
            row = g_steal_pointer (&candidate);
        }
      if (row == NULL)
        {
          /* Only signing creates these; the demo signs nothing. */
          if (!(t == QUORUM_TABLE_SIGNED_DOCUMENTS || t == QUORUM_TABLE_SIGNATURES))
            g_error ("The demo has no editable %s", table->name);
          continue;
        }

      for (guint c = 0; c < table->n_columns; c++)
        {
          const QuorumColumn *column = &table->columns[c];
          g_autofree char *text = NULL;

          if (column->type == QUORUM_COLUMN_TEXT && (column->flags & QUORUM_COLUMN_SEALED))
            continue;
          if (!is_free_text (column) && column->type != QUORUM_COLUMN_DATE &&
              column->type != QUORUM_COLUMN_DATETIME && column->type != QUORUM_COLUMN_ENUM &&
              column->type != QUORUM_COLUMN_TEXT)
            continue;

          text = hostile_text (table, column, attach_path);
          if (is_free_text (column))
            {
              g_assert_true (quorum_record_set_string (row, column->name, text, &error));
              g_assert_no_error (error);
              g_hash_table_insert (expected,
                                   g_strdup_printf ("%d/%" G_GINT64_FORMAT "/%s", t,
                                                    quorum_record_get_id (row), column->name),
                                   g_steal_pointer (&text));
              n_free++;
            }
          else
            {
              g_autofree char *before = g_strdup (quorum_record_get_string (row, column->name));

              g_assert_false (quorum_record_set_string (row, column->name, text, &error));
              /* Refused as a wrong value, or (a meeting's status) as a change made otherwise */
              g_assert_nonnull (error);
              g_assert_true (g_error_matches (error, QUORUM_STORE_ERROR,
                                              QUORUM_STORE_ERROR_INVALID) ||
                             error->domain == QUORUM_MODEL_ERROR);
              g_clear_error (&error);
              g_assert_cmpstr (quorum_record_get_string (row, column->name), ==, before);
              n_refused++;
            }
        }
    }
  g_test_message ("%u free-text columns stored, %u formatted columns refused", n_free,
                  n_refused);
  g_assert_cmpuint (n_free, >=, 30);
  g_assert_cmpuint (n_refused, >=, 15);

  reopen (f);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_auto(GStrv) parts = g_strsplit (key, "/", 3);
        g_autoptr(QuorumRecord) row = quorum_database_lookup (f->db, atoi (parts[0]),
                                                              g_ascii_strtoll (parts[1], NULL, 10),
                                                              &error);
        g_assert_no_error (error);
        g_assert_cmpstr (quorum_record_get_string (row, parts[2]), ==, value);
      }
    for (QuorumTableId t = 0; t < QUORUM_N_TABLES; t++)
      {
        const QuorumTable *table = quorum_schema_table (t);
        g_autoptr(GListModel) rows = quorum_database_list (f->db, t, NULL, 0, FALSE);

        g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                          GPOINTER_TO_UINT (g_hash_table_lookup (rows_before, table->name)));
      }
  }
  g_assert_false (g_file_test (attach_path, G_FILE_TEST_EXISTS));
}

/* A megabyte in one field, in several scripts, is saved whole and travels through JSON. */
static void
test_megabyte_field (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *json = NULL;
  gint64 item_id;

  while (text->len < 1024 * 1024)
    g_string_append (text, "The forum reviewed the risk treatment plan. راجع المنتدى خطة "
                           "معالجة المخاطر. 论坛审查了风险处理计划。 위험 처리 계획을 검토했다. "
                           "😀 \n");
  g_string_append (text, "End of the megabyte.");

  {
    g_autoptr(QuorumMeeting) meeting = new_meeting (f, "A long discussion");
    g_autoptr(QuorumRecord) item = quorum_meeting_add_agenda_item (meeting, "Risk treatment",
                                                                   "9.3.2(e)", 30, &error);
    g_assert_no_error (error);
    g_assert_true (quorum_record_set_string (item, "notes", text->str, &error));
    g_assert_no_error (error);
    item_id = quorum_record_get_id (item);
  }

  reopen (f);
  {
    g_autoptr(QuorumRecord) item = quorum_database_lookup (f->db, QUORUM_TABLE_AGENDA_ITEMS,
                                                           item_id, &error);
    g_autoptr(QuorumMeeting) meeting = QUORUM_MEETING (quorum_record_dup_ref (item, "meeting"));

    g_assert_no_error (error);
    g_assert_cmpstr (quorum_record_get_string (item, "notes"), ==, text->str);
    json = quorum_meeting_export_json (meeting, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (json), >, text->len);
  }

  /* Into a second database, and back out the same. */
  {
    g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
    g_autoptr(QuorumDatabase) other = quorum_database_open (other_path, TRUE, &error);
    g_autoptr(QuorumMeeting) copy = NULL;
    g_autoptr(QuorumRecord) item = NULL;
    g_autofree char *again = NULL;

    g_assert_no_error (error);
    copy = quorum_database_import_json (other, json, -1, &error);
    g_assert_no_error (error);
    item = item_at (copy, QUORUM_TABLE_AGENDA_ITEMS, 0);
    g_assert_cmpstr (quorum_record_get_string (item, "notes"), ==, text->str);
    again = quorum_meeting_export_json (copy, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again, ==, json);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/model/every-entity", test_every_entity);
  ADD ("/model/list-changes", test_list_changes);
  ADD ("/model/meetings-follow-dates", test_meetings_list_follows_dates);
  ADD ("/model/frozen", test_frozen);
  ADD ("/model/rules", test_rules);
  ADD ("/model/quorum", test_quorum);
  ADD ("/model/template", test_template);
  ADD ("/model/carry-actions", test_carry_actions);
  ADD ("/model/continue-series", test_continue_series);
  ADD ("/model/unaddressed-inputs", test_unaddressed_inputs);
  ADD ("/model/metric-history", test_metric_history);
  ADD ("/model/undo-delete", test_undo_delete);
  ADD ("/model/undo-remove-whole", test_undo_remove_whole);
  ADD ("/model/ids-not-reused", test_ids_not_reused);
  ADD ("/model/hash-follows-content", test_hash_follows_content);
  ADD ("/model/hash-survives-interchange", test_hash_survives_interchange);
  ADD ("/model/chain", test_chain);
  ADD ("/model/addendum", test_addendum);
  ADD ("/model/hostile-text-every-field", test_hostile_text_every_field);
  ADD ("/model/megabyte-field", test_megabyte_field);
#undef ADD

  return g_test_run ();
}
