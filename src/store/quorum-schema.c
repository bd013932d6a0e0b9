/* quorum-schema.c: Quorum's record, described once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "quorum-schema.h"

static const char * const kind_choices[] = { "objective", "kpi", NULL };
static const char * const direction_choices[] = { "higher", "lower", NULL };
static const char * const status_choices[] = { "draft", "held", "approved", "signed", NULL };
static const char * const role_choices[] =
  { "chair", "secretary", "top_management", "ciso", "member", "guest", NULL };
static const char * const presence_choices[] = { "present", "apologies", "absent", NULL };
static const char * const outcome_choices[] = { "pending", "discussed", "deferred", NULL };
static const char * const severity_choices[] = { "low", "medium", "high", "critical", NULL };
static const char * const incident_status_choices[] =
  { "open", "contained", "resolved", "closed", NULL };
static const char * const resource_choices[] = { "budget", "people", "tool", "other", NULL };
static const char * const approval_choices[] =
  { "proposed", "approved", "rejected", "deferred", NULL };
static const char * const action_choices[] = { "open", "done", "dropped", NULL };

#define TEXT(n, l)              { n, QUORUM_COLUMN_TEXT, 0, l, NULL, 0, NULL }
#define TEXT_F(n, f, l)         { n, QUORUM_COLUMN_TEXT, f, l, NULL, 0, NULL }
#define INT(n, l, d)            { n, QUORUM_COLUMN_INT, 0, l, NULL, 0, d }
#define REAL(n, l, d)           { n, QUORUM_COLUMN_REAL, 0, l, NULL, 0, d }
#define BOOL(n, l, d)           { n, QUORUM_COLUMN_BOOL, 0, l, NULL, 0, d }
#define DATE(n, l)              { n, QUORUM_COLUMN_DATE, 0, l, NULL, 0, NULL }
#define DATETIME(n, f, l)       { n, QUORUM_COLUMN_DATETIME, f, l, NULL, 0, NULL }
#define ENUM(n, c, l, d)        { n, QUORUM_COLUMN_ENUM, 0, l, c, 0, d }
#define REF(n, t, f, l)         { n, QUORUM_COLUMN_REF, f, l, NULL, t, NULL }
#define BLOB(n, f, l)           { n, QUORUM_COLUMN_BLOB, f, l, NULL, 0, NULL }
#define PARENT                  REF ("meeting", QUORUM_TABLE_MEETINGS, \
                                     QUORUM_COLUMN_PARENT | QUORUM_COLUMN_REQUIRED | \
                                     QUORUM_COLUMN_CASCADE, N_("Meeting"))
#define AGENDA_REF              REF ("agenda_item", QUORUM_TABLE_AGENDA_ITEMS, 0, N_("Agenda item"))

static const QuorumColumn organization_columns[] = {
  TEXT ("name", N_("Organization name")),
  BLOB ("logo", 0, N_("Logo")),
  TEXT ("logo_type", N_("Logo format")),
};

static const QuorumColumn people_columns[] = {
  TEXT_F ("name", QUORUM_COLUMN_REQUIRED, N_("Name")),
  TEXT ("title", N_("Job title")),
  TEXT ("email", N_("Email")),
};

static const QuorumColumn metrics_columns[] = {
  TEXT_F ("name", QUORUM_COLUMN_REQUIRED, N_("Name")),
  ENUM ("kind", kind_choices, N_("Kind"), "'kpi'"),
  TEXT ("unit", N_("Unit")),
  REAL ("target", N_("Target"), "0"),
  ENUM ("direction", direction_choices, N_("Better when"), "'higher'"),
  TEXT_F ("description", QUORUM_COLUMN_MULTILINE, N_("Description")),
};

static const QuorumColumn meetings_columns[] = {
  TEXT_F ("title", QUORUM_COLUMN_REQUIRED, N_("Title")),
  TEXT ("series", N_("Series")),
  DATETIME ("starts_at", QUORUM_COLUMN_REQUIRED, N_("Start")),
  DATETIME ("ends_at", 0, N_("End")),
  TEXT ("location", N_("Location")),
  ENUM ("status", status_choices, N_("Status"), "'draft'"),
  REF ("chair", QUORUM_TABLE_PEOPLE, 0, N_("Chair")),
  REF ("secretary", QUORUM_TABLE_PEOPLE, 0, N_("Secretary")),
  BOOL ("quorum_chair", N_("Chair must be present"), "1"),
  INT ("quorum_top_management", N_("Top-management members required"), "0"),
  INT ("quorum_members", N_("Attendees required in all"), "0"),
  REF ("addendum_of", QUORUM_TABLE_MEETINGS, 0, N_("Addendum to")),
  DATETIME ("created_at", 0, N_("Created")),
  DATETIME ("approved_at", QUORUM_COLUMN_SEALED, N_("Approved")),
  TEXT_F ("record_hash", QUORUM_COLUMN_SEALED, N_("Record hash")),
  TEXT_F ("previous_hash", QUORUM_COLUMN_SEALED, N_("Previous record hash")),
};

static const QuorumColumn attendance_columns[] = {
  PARENT,
  REF ("person", QUORUM_TABLE_PEOPLE, QUORUM_COLUMN_REQUIRED, N_("Person")),
  ENUM ("role", role_choices, N_("Role"), "'member'"),
  ENUM ("presence", presence_choices, N_("Attendance"), "'present'"),
  BOOL ("left_early", N_("Left early"), "0"),
  TEXT ("note", N_("Note")),
};

static const QuorumColumn agenda_columns[] = {
  PARENT,
  INT ("position", N_("Position"), "0"),
  TEXT_F ("title", QUORUM_COLUMN_REQUIRED, N_("Title")),
  TEXT ("clauses", N_("Clause references")),
  REF ("presenter", QUORUM_TABLE_PEOPLE, 0, N_("Presenter")),
  INT ("timebox_minutes", N_("Timebox (minutes)"), "0"),
  INT ("actual_minutes", N_("Actual minutes"), "0"),
  TEXT_F ("notes", QUORUM_COLUMN_MULTILINE, N_("Discussion notes")),
  ENUM ("outcome", outcome_choices, N_("Outcome"), "'pending'"),
  TEXT_F ("deferral_reason", QUORUM_COLUMN_MULTILINE, N_("Reason for deferral")),
};

static const QuorumColumn metric_value_columns[] = {
  PARENT,
  REF ("metric", QUORUM_TABLE_METRICS, QUORUM_COLUMN_REQUIRED, N_("Metric")),
  REAL ("value", N_("Value"), "0"),
  REAL ("target", N_("Target at the time"), "0"),
  TEXT_F ("comment", QUORUM_COLUMN_MULTILINE, N_("Comment")),
};

static const QuorumColumn incident_columns[] = {
  PARENT,
  TEXT_F ("reference", QUORUM_COLUMN_REQUIRED, N_("Reference")),
  DATE ("occurred_on", N_("Date")),
  ENUM ("severity", severity_choices, N_("Severity"), "'medium'"),
  ENUM ("status", incident_status_choices, N_("Status"), "'open'"),
  TEXT_F ("summary", QUORUM_COLUMN_MULTILINE, N_("Summary")),
  TEXT_F ("lessons", QUORUM_COLUMN_MULTILINE, N_("Lessons learned")),
};

static const QuorumColumn decision_columns[] = {
  PARENT,
  INT ("number", N_("Number"), "0"),
  AGENDA_REF,
  TEXT_F ("text", QUORUM_COLUMN_REQUIRED | QUORUM_COLUMN_MULTILINE, N_("Decision")),
  TEXT_F ("rationale", QUORUM_COLUMN_MULTILINE, N_("Rationale")),
  TEXT ("clause", N_("Clause")),
  BOOL ("consensus", N_("By consensus"), "1"),
  INT ("votes_for", N_("Votes for"), "0"),
  INT ("votes_against", N_("Votes against"), "0"),
  INT ("votes_abstain", N_("Abstentions"), "0"),
};

static const QuorumColumn approval_columns[] = {
  PARENT,
  AGENDA_REF,
  ENUM ("kind", resource_choices, N_("Kind"), "'budget'"),
  TEXT_F ("description", QUORUM_COLUMN_REQUIRED | QUORUM_COLUMN_MULTILINE, N_("Description")),
  INT ("amount_minor", N_("Amount"), "0"),
  TEXT_F ("currency", QUORUM_COLUMN_CURRENCY, N_("Currency")),
  REF ("requested_by", QUORUM_TABLE_PEOPLE, 0, N_("Requested by")),
  ENUM ("status", approval_choices, N_("Status"), "'proposed'"),
  REF ("decided_by", QUORUM_TABLE_PEOPLE, 0, N_("Decided by")),
};

static const QuorumColumn action_columns[] = {
  PARENT,
  AGENDA_REF,
  TEXT_F ("text", QUORUM_COLUMN_REQUIRED | QUORUM_COLUMN_MULTILINE, N_("Action")),
  REF ("owner", QUORUM_TABLE_PEOPLE, 0, N_("Owner")),
  DATE ("due_on", N_("Due date")),
  ENUM ("status", action_choices, N_("Status"), "'open'"),
};

static const QuorumColumn action_update_columns[] = {
  PARENT,
  REF ("action", QUORUM_TABLE_ACTION_ITEMS, QUORUM_COLUMN_REQUIRED | QUORUM_COLUMN_CASCADE,
       N_("Action item")),
  ENUM ("status", action_choices, N_("Status"), "'open'"),
  TEXT_F ("note", QUORUM_COLUMN_MULTILINE, N_("Progress note")),
};

static const QuorumColumn policy_columns[] = {
  PARENT,
  AGENDA_REF,
  TEXT_F ("policy", QUORUM_COLUMN_REQUIRED, N_("Policy")),
  TEXT ("version", N_("Version")),
  TEXT_F ("note", QUORUM_COLUMN_MULTILINE, N_("Note")),
};

static const QuorumColumn role_columns[] = {
  PARENT,
  AGENDA_REF,
  TEXT_F ("role", QUORUM_COLUMN_REQUIRED, N_("Role")),
  REF ("holder", QUORUM_TABLE_PEOPLE, 0, N_("Holder")),
  TEXT_F ("responsibilities", QUORUM_COLUMN_MULTILINE, N_("Responsibilities")),
};

static const QuorumColumn signed_document_columns[] = {
  PARENT,
  INT ("revision", N_("Revision"), "0"),
  BLOB ("pdf", QUORUM_COLUMN_SEALED, N_("Signed PDF")),
  TEXT_F ("sha256", QUORUM_COLUMN_SEALED, N_("SHA-256 of the file")),
  DATETIME ("created_at", QUORUM_COLUMN_SEALED, N_("Created")),
};

static const QuorumColumn signature_columns[] = {
  PARENT,
  REF ("document", QUORUM_TABLE_SIGNED_DOCUMENTS, QUORUM_COLUMN_REQUIRED | QUORUM_COLUMN_CASCADE,
       N_("Signed document")),
  TEXT_F ("signer_name", QUORUM_COLUMN_REQUIRED, N_("Signer")),
  TEXT ("signer_role", N_("Signer's role")),
  TEXT_F ("certificate_sha256", QUORUM_COLUMN_SEALED, N_("Certificate fingerprint")),
  DATETIME ("signed_at", QUORUM_COLUMN_SEALED, N_("Signed")),
  TEXT_F ("file_sha256", QUORUM_COLUMN_SEALED, N_("SHA-256 of the signed file")),
};

#define TABLE(id, name, label, cols, parent, order, uniq) \
  [id] = { id, name, label, cols, G_N_ELEMENTS (cols), parent, order, uniq }

static const QuorumTable tables[QUORUM_N_TABLES] = {
  TABLE (QUORUM_TABLE_ORGANIZATION, "organization", N_("organization"),
         organization_columns, -1, "id", NULL),
  TABLE (QUORUM_TABLE_PEOPLE, "people", N_("person"), people_columns, -1, "name, id", NULL),
  TABLE (QUORUM_TABLE_METRICS, "metrics", N_("metric"), metrics_columns, -1, "name, id", NULL),
  TABLE (QUORUM_TABLE_MEETINGS, "meetings", N_("meeting"), meetings_columns, -1,
         "starts_at, id", NULL),
  TABLE (QUORUM_TABLE_ATTENDANCE, "attendance", N_("attendee"), attendance_columns, 0,
         "id", "meeting, person"),
  TABLE (QUORUM_TABLE_AGENDA_ITEMS, "agenda_items", N_("agenda item"), agenda_columns, 0,
         "position, id", NULL),
  TABLE (QUORUM_TABLE_METRIC_VALUES, "metric_values", N_("metric value"), metric_value_columns,
         0, "id", "meeting, metric"),
  TABLE (QUORUM_TABLE_INCIDENTS, "incidents", N_("incident"), incident_columns, 0,
         "occurred_on, id", NULL),
  TABLE (QUORUM_TABLE_DECISIONS, "decisions", N_("decision"), decision_columns, 0,
         "number, id", "meeting, number"),
  TABLE (QUORUM_TABLE_RESOURCE_APPROVALS, "resource_approvals", N_("resource approval"),
         approval_columns, 0, "id", NULL),
  TABLE (QUORUM_TABLE_ACTION_ITEMS, "action_items", N_("action item"), action_columns, 0,
         "id", NULL),
  TABLE (QUORUM_TABLE_ACTION_UPDATES, "action_updates", N_("action update"),
         action_update_columns, 0, "id", "meeting, action"),
  TABLE (QUORUM_TABLE_POLICY_APPROVALS, "policy_approvals", N_("policy approval"),
         policy_columns, 0, "id", NULL),
  TABLE (QUORUM_TABLE_ROLE_ASSIGNMENTS, "role_assignments", N_("role assignment"),
         role_columns, 0, "id", NULL),
  TABLE (QUORUM_TABLE_SIGNED_DOCUMENTS, "signed_documents", N_("signed document"),
         signed_document_columns, 0, "revision, id", "meeting, revision"),
  TABLE (QUORUM_TABLE_SIGNATURES, "signatures", N_("signature"), signature_columns, 0,
         "id", NULL),
};

const QuorumTable *
quorum_schema_table (QuorumTableId id)
{
  g_return_val_if_fail (id < QUORUM_N_TABLES, NULL);
  return &tables[id];
}

const QuorumTable *
quorum_schema_table_by_name (const char *name)
{
  for (guint i = 0; i < QUORUM_N_TABLES; i++)
    if (g_strcmp0 (tables[i].name, name) == 0)
      return &tables[i];
  return NULL;
}

int
quorum_table_column_index (const QuorumTable *table,
                           const char        *name)
{
  for (guint i = 0; i < table->n_columns; i++)
    if (strcmp (table->columns[i].name, name) == 0)
      return (int) i;
  return -1;
}

const QuorumColumn *
quorum_table_column (const QuorumTable *table,
                     const char        *name)
{
  int i = quorum_table_column_index (table, name);
  return i < 0 ? NULL : &table->columns[i];
}

gboolean
quorum_column_allows (const QuorumColumn *column,
                      const char         *choice)
{
  if (column->type != QUORUM_COLUMN_ENUM || choice == NULL)
    return FALSE;
  for (guint i = 0; column->choices[i] != NULL; i++)
    if (strcmp (column->choices[i], choice) == 0)
      return TRUE;
  return FALSE;
}

GType
quorum_column_gtype (const QuorumColumn *column)
{
  switch (column->type)
    {
    case QUORUM_COLUMN_INT:
    case QUORUM_COLUMN_REF:
      return G_TYPE_INT64;
    case QUORUM_COLUMN_REAL:
      return G_TYPE_DOUBLE;
    case QUORUM_COLUMN_BOOL:
      return G_TYPE_BOOLEAN;
    case QUORUM_COLUMN_BLOB:
      return G_TYPE_BYTES;
    case QUORUM_COLUMN_TEXT:
    case QUORUM_COLUMN_DATE:
    case QUORUM_COLUMN_DATETIME:
    case QUORUM_COLUMN_ENUM:
    default:
      return G_TYPE_STRING;
    }
}

gboolean
quorum_status_is_frozen (const char *status)
{
  return g_strcmp0 (status, "approved") == 0 || g_strcmp0 (status, "signed") == 0;
}
