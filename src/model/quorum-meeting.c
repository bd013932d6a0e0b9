/* quorum-meeting.c: one management review and everything minuted in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "quorum-meeting.h"
#include "quorum-model-private.h"

struct _QuorumMeeting
{
  QuorumRecord parent_instance;

  GListModel *items[QUORUM_N_TABLES];
};

G_DEFINE_FINAL_TYPE (QuorumMeeting, quorum_meeting, QUORUM_TYPE_RECORD)

static void
quorum_meeting_dispose (GObject *object)
{
  QuorumMeeting *self = QUORUM_MEETING (object);

  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    g_clear_object (&self->items[t]);

  G_OBJECT_CLASS (quorum_meeting_parent_class)->dispose (object);
}

static void
quorum_meeting_class_init (QuorumMeetingClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = quorum_meeting_dispose;
  quorum_record_class_set_table (QUORUM_RECORD_CLASS (klass), QUORUM_TABLE_MEETINGS);
}

static void
quorum_meeting_init (QuorumMeeting *self)
{
}

/* ---- the ISO/IEC 27001:2022 management review template ------------------ */

typedef struct
{
  const char *title;
  const char *clauses;
  int timebox_minutes;
} TemplateItem;

static const TemplateItem iso27001_items[] = {
  { N_("Opening, attendance and quorum"), NULL, 5 },
  { N_("Status of actions from previous management reviews"), "9.3.2(a)", 10 },
  { N_("Changes in external and internal issues relevant to the ISMS"), "9.3.2(b)", 10 },
  { N_("Changes in the needs and expectations of interested parties"), "9.3.2(c)", 10 },
  { N_("Nonconformities and corrective actions"), "9.3.2(d1)", 10 },
  { N_("Monitoring and measurement results"), "9.3.2(d2)", 15 },
  { N_("Audit results"), "9.3.2(d3)", 10 },
  { N_("Fulfilment of information security objectives"), "9.3.2(d4)", 10 },
  { N_("Feedback from interested parties"), "9.3.2(e)", 10 },
  { N_("Risk assessment results and status of the risk treatment plan"), "9.3.2(f)", 15 },
  { N_("Opportunities for continual improvement"), "9.3.2(g)", 10 },
  { N_("Resources for the ISMS"), "5.1(c)", 10 },
  { N_("Information security policy review"), "5.2", 10 },
  { N_("Roles, responsibilities and authorities"), "5.3", 5 },
  { N_("Decisions on improvements and changes to the ISMS"), "9.3.3", 10 },
  { N_("Any other business and close"), NULL, 5 },
};

static const QuorumTemplateInfo templates[] = {
  { "iso27001", N_("ISO/IEC 27001:2022 management review") },
};

const QuorumTemplateInfo *
quorum_templates (guint *n_templates)
{
  *n_templates = G_N_ELEMENTS (templates);
  return templates;
}

QuorumMeeting *
quorum_meeting_create (QuorumDatabase  *db,
                       const char      *title,
                       const char      *starts_at,
                       GError         **error)
{
  g_autoptr(QuorumFields) fields = quorum_fields_new (QUORUM_TABLE_MEETINGS);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);

  quorum_fields_set_string (fields, "title", title);
  quorum_fields_set_string (fields, "starts_at", starts_at);
  quorum_fields_set_string (fields, "created_at", created);
  return QUORUM_MEETING (quorum_database_create (db, fields, error));
}

QuorumMeeting *
quorum_meeting_create_from_template (QuorumDatabase  *db,
                                     const char      *template_id,
                                     const char      *title,
                                     const char      *starts_at,
                                     GError         **error)
{
  g_autoptr(QuorumMeeting) meeting = NULL;

  if (g_strcmp0 (template_id, "iso27001") != 0)
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_NOT_FOUND,
                   _("There is no meeting template called “%s”. Available: %s."),
                   template_id, "iso27001");
      return NULL;
    }

  if (!quorum_database_begin (db, error))
    return NULL;

  meeting = quorum_meeting_create (db, title != NULL ? title : _(templates[0].name),
                                   starts_at, error);
  if (meeting == NULL)
    goto fail;
  if (!quorum_record_set_string (QUORUM_RECORD (meeting), "series",
                                 _("ISMS management review"), error))
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (iso27001_items); i++)
    {
      const TemplateItem *t = &iso27001_items[i];
      g_autoptr(QuorumRecord) item = NULL;

      item = quorum_meeting_add_agenda_item (meeting, _(t->title), t->clauses,
                                             t->timebox_minutes, error);
      if (item == NULL)
        goto fail;
    }

  if (!quorum_database_commit (db, error))
    goto fail;
  return g_steal_pointer (&meeting);

fail:
  quorum_database_rollback (db);
  return NULL;
}

QuorumMeeting *
quorum_meeting_create_addendum (QuorumMeeting  *self,
                                GError        **error)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (self));
  QuorumRecord *original = QUORUM_RECORD (self);
  g_autoptr(QuorumFields) fields = quorum_fields_new (QUORUM_TABLE_MEETINGS);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *starts_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *created = g_date_time_format_iso8601 (utc);
  g_autofree char *title = NULL;
  const char *columns[] = { "series", "chair", "secretary", "quorum_chair",
                            "quorum_top_management", "quorum_members", "location" };

  if (!quorum_meeting_is_frozen (self))
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("“%s” is not approved yet: change it directly instead of adding an "
                     "addendum."), quorum_meeting_get_title (self));
      return NULL;
    }

  /* Translators: the title of an addendum, then the title of what it corrects */
  title = g_strdup_printf (_("Addendum to %s"), quorum_meeting_get_title (self));
  quorum_fields_set_string (fields, "title", title);
  quorum_fields_set_string (fields, "starts_at", starts_at);
  quorum_fields_set_string (fields, "created_at", created);
  quorum_fields_set_ref (fields, "addendum_of", original);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    quorum_fields_set_value (fields, columns[i], quorum_record_get_value (original, columns[i]));
  return QUORUM_MEETING (quorum_database_create (db, fields, error));
}

/* ---- reading ------------------------------------------------------------ */

const char *
quorum_meeting_get_title (QuorumMeeting *self)
{
  return quorum_record_get_string (QUORUM_RECORD (self), "title");
}

const char *
quorum_meeting_get_status (QuorumMeeting *self)
{
  return quorum_record_get_string (QUORUM_RECORD (self), "status");
}

const char *
quorum_meeting_get_starts_at (QuorumMeeting *self)
{
  return quorum_record_get_string (QUORUM_RECORD (self), "starts_at");
}

char *
quorum_meeting_dup_date (QuorumMeeting *self)
{
  const char *starts_at = quorum_meeting_get_starts_at (self);
  /* Stored as ISO 8601 with the offset it was held at: the date is its first ten bytes. */
  return g_strndup (starts_at != NULL ? starts_at : "", 10);
}

GListModel *
quorum_meeting_get_items (QuorumMeeting *self,
                          QuorumTableId  table)
{
  g_return_val_if_fail (QUORUM_IS_MEETING (self), NULL);
  g_return_val_if_fail (quorum_schema_table (table)->parent_column >= 0, NULL);

  if (self->items[table] == NULL)
    self->items[table] = quorum_database_list (quorum_record_get_database (QUORUM_RECORD (self)),
                                               table, "meeting",
                                               quorum_record_get_id (QUORUM_RECORD (self)), FALSE);
  return self->items[table];
}

gboolean
quorum_meeting_is_frozen (QuorumMeeting *self)
{
  return quorum_status_is_frozen (quorum_meeting_get_status (self));
}

/* ---- adding to the minutes ---------------------------------------------- */

static QuorumFields *
child_fields (QuorumMeeting *self,
              QuorumTableId  table)
{
  QuorumFields *fields = quorum_fields_new (table);
  quorum_fields_set_ref (fields, "meeting", QUORUM_RECORD (self));
  return fields;
}

static QuorumRecord *
create (QuorumMeeting  *self,
        QuorumFields   *fields,
        GError        **error)
{
  return quorum_database_create (quorum_record_get_database (QUORUM_RECORD (self)), fields, error);
}

QuorumRecord *
quorum_meeting_add_attendee (QuorumMeeting  *self,
                             QuorumRecord   *person,
                             const char     *role,
                             const char     *presence,
                             GError        **error)
{
  g_autoptr(QuorumFields) fields = child_fields (self, QUORUM_TABLE_ATTENDANCE);

  quorum_fields_set_ref (fields, "person", person);
  quorum_fields_set_string (fields, "role", role != NULL ? role : "member");
  quorum_fields_set_string (fields, "presence", presence != NULL ? presence : "present");
  return create (self, fields, error);
}

static gboolean
next_number (QuorumMeeting  *self,
             QuorumTableId   table,
             const char     *column,
             gint64         *out,
             GError        **error)
{
  QuorumStore *store = quorum_database_get_store (quorum_record_get_database (QUORUM_RECORD (self)));
  const QuorumTable *t = quorum_schema_table (table);
  gint64 max = 0;

  if (!quorum_store_max_int (store, table, quorum_table_column_index (t, column),
                             t->parent_column, quorum_record_get_id (QUORUM_RECORD (self)),
                             &max, error))
    return FALSE;
  *out = max + 1;
  return TRUE;
}

QuorumRecord *
quorum_meeting_add_agenda_item (QuorumMeeting  *self,
                                const char     *title,
                                const char     *clauses,
                                gint64          timebox_minutes,
                                GError        **error)
{
  g_autoptr(QuorumFields) fields = child_fields (self, QUORUM_TABLE_AGENDA_ITEMS);
  gint64 position;

  if (!next_number (self, QUORUM_TABLE_AGENDA_ITEMS, "position", &position, error))
    return NULL;
  quorum_fields_set_int (fields, "position", position);
  quorum_fields_set_string (fields, "title", title);
  quorum_fields_set_string (fields, "clauses", clauses);
  quorum_fields_set_int (fields, "timebox_minutes", timebox_minutes);
  return create (self, fields, error);
}

QuorumRecord *
quorum_meeting_add_decision (QuorumMeeting  *self,
                             QuorumRecord   *agenda_item,
                             const char     *text,
                             GError        **error)
{
  g_autoptr(QuorumFields) fields = child_fields (self, QUORUM_TABLE_DECISIONS);
  gint64 number;

  if (!next_number (self, QUORUM_TABLE_DECISIONS, "number", &number, error))
    return NULL;
  quorum_fields_set_int (fields, "number", number);
  quorum_fields_set_ref (fields, "agenda_item", agenda_item);
  quorum_fields_set_string (fields, "text", text);
  return create (self, fields, error);
}

QuorumRecord *
quorum_meeting_add_action (QuorumMeeting  *self,
                           QuorumRecord   *agenda_item,
                           const char     *text,
                           QuorumRecord   *owner,
                           const char     *due_on,
                           GError        **error)
{
  g_autoptr(QuorumFields) fields = child_fields (self, QUORUM_TABLE_ACTION_ITEMS);

  quorum_fields_set_ref (fields, "agenda_item", agenda_item);
  quorum_fields_set_string (fields, "text", text);
  quorum_fields_set_ref (fields, "owner", owner);
  quorum_fields_set_string (fields, "due_on", due_on);
  return create (self, fields, error);
}

QuorumRecord *
quorum_meeting_add_resource_approval (QuorumMeeting  *self,
                                      QuorumRecord   *agenda_item,
                                      const char     *kind,
                                      const char     *description,
                                      gint64          amount_minor,
                                      const char     *currency,
                                      GError        **error)
{
  g_autoptr(QuorumFields) fields = child_fields (self, QUORUM_TABLE_RESOURCE_APPROVALS);

  quorum_fields_set_ref (fields, "agenda_item", agenda_item);
  quorum_fields_set_string (fields, "kind", kind != NULL ? kind : "budget");
  quorum_fields_set_string (fields, "description", description);
  quorum_fields_set_int (fields, "amount_minor", amount_minor);
  quorum_fields_set_string (fields, "currency", currency);
  return create (self, fields, error);
}

QuorumRecord *
quorum_meeting_add_incident (QuorumMeeting  *self,
                             const char     *reference,
                             const char     *occurred_on,
                             const char     *severity,
                             const char     *summary,
                             GError        **error)
{
  g_autoptr(QuorumFields) fields = child_fields (self, QUORUM_TABLE_INCIDENTS);

  quorum_fields_set_string (fields, "reference", reference);
  quorum_fields_set_string (fields, "occurred_on", occurred_on);
  quorum_fields_set_string (fields, "severity", severity != NULL ? severity : "medium");
  quorum_fields_set_string (fields, "summary", summary);
  return create (self, fields, error);
}

static QuorumRecord *
find_item (QuorumMeeting *self,
           QuorumTableId  table,
           const char    *column,
           QuorumRecord  *target)
{
  GListModel *items = quorum_meeting_get_items (self, table);
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumRecord) item = g_list_model_get_item (items, i);
      if (quorum_record_get_ref_id (item, column) == quorum_record_get_id (target))
        return g_steal_pointer (&item);
    }
  return NULL;
}

QuorumRecord *
quorum_meeting_set_metric_value (QuorumMeeting  *self,
                                 QuorumRecord   *metric,
                                 double          value,
                                 GError        **error)
{
  g_autoptr(QuorumRecord) existing = find_item (self, QUORUM_TABLE_METRIC_VALUES, "metric", metric);
  g_autoptr(QuorumFields) fields = NULL;

  if (existing != NULL)
    {
      if (!quorum_record_set_double (existing, "value", value, error))
        return NULL;
      return g_steal_pointer (&existing);
    }

  fields = child_fields (self, QUORUM_TABLE_METRIC_VALUES);
  quorum_fields_set_ref (fields, "metric", metric);
  quorum_fields_set_double (fields, "value", value);
  /* The target is kept with the value, so later changes of the target do not
   * rewrite what this meeting was measured against. */
  quorum_fields_set_double (fields, "target", quorum_record_get_double (metric, "target"));
  return create (self, fields, error);
}

QuorumRecord *
quorum_meeting_add_policy_approval (QuorumMeeting  *self,
                                    QuorumRecord   *agenda_item,
                                    const char     *policy,
                                    const char     *version,
                                    GError        **error)
{
  g_autoptr(QuorumFields) fields = child_fields (self, QUORUM_TABLE_POLICY_APPROVALS);

  quorum_fields_set_ref (fields, "agenda_item", agenda_item);
  quorum_fields_set_string (fields, "policy", policy);
  quorum_fields_set_string (fields, "version", version);
  return create (self, fields, error);
}

QuorumRecord *
quorum_meeting_add_role_assignment (QuorumMeeting  *self,
                                    QuorumRecord   *agenda_item,
                                    const char     *role,
                                    QuorumRecord   *holder,
                                    const char     *responsibilities,
                                    GError        **error)
{
  g_autoptr(QuorumFields) fields = child_fields (self, QUORUM_TABLE_ROLE_ASSIGNMENTS);

  quorum_fields_set_ref (fields, "agenda_item", agenda_item);
  quorum_fields_set_string (fields, "role", role);
  quorum_fields_set_ref (fields, "holder", holder);
  quorum_fields_set_string (fields, "responsibilities", responsibilities);
  return create (self, fields, error);
}

QuorumRecord *
quorum_meeting_update_action (QuorumMeeting  *self,
                              QuorumRecord   *action,
                              const char     *status,
                              const char     *note,
                              GError        **error)
{
  g_autoptr(QuorumRecord) existing = NULL;
  g_autoptr(QuorumFields) fields = NULL;

  if (quorum_record_get_meeting_id (action) == quorum_record_get_id (QUORUM_RECORD (self)))
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("This action item was minuted in this meeting; change its status there "
                     "instead of recording progress on it."));
      return NULL;
    }

  existing = find_item (self, QUORUM_TABLE_ACTION_UPDATES, "action", action);
  if (existing != NULL)
    {
      if (!quorum_record_set_string (existing, "status", status, error) ||
          !quorum_record_set_string (existing, "note", note, error))
        return NULL;
      return g_steal_pointer (&existing);
    }

  fields = child_fields (self, QUORUM_TABLE_ACTION_UPDATES);
  quorum_fields_set_ref (fields, "action", action);
  quorum_fields_set_string (fields, "status", status);
  quorum_fields_set_string (fields, "note", note);
  return create (self, fields, error);
}

/* ---- status --------------------------------------------------------------- */

static int
compare_approval (gconstpointer a,
                  gconstpointer b)
{
  QuorumRecord *x = *(QuorumRecord **) a, *y = *(QuorumRecord **) b;
  int order = g_strcmp0 (quorum_record_get_string (x, "approved_at"),
                         quorum_record_get_string (y, "approved_at"));
  if (order != 0)
    return order;
  return quorum_record_get_id (x) < quorum_record_get_id (y) ? -1 : 1;
}

static gboolean
change_status (QuorumMeeting  *self,
               const char     *from,
               const char     *to,
               GError        **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *status = quorum_meeting_get_status (self);

  if (quorum_meeting_is_frozen (self))
    {
      g_propagate_error (error, _quorum_model_frozen_error ());
      return FALSE;
    }
  if (g_strcmp0 (status, from) != 0)
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("“%s” is %s; only a meeting that is %s can become %s."),
                   quorum_meeting_get_title (self), status, from, to);
      return FALSE;
    }

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, to);
  return _quorum_record_store_value (QUORUM_RECORD (self),
                                     quorum_table_column_index (quorum_schema_table (QUORUM_TABLE_MEETINGS),
                                                                "status"),
                                     &value, error);
}

gboolean
quorum_meeting_hold (QuorumMeeting  *self,
                     GError        **error)
{
  return change_status (self, "draft", "held", error);
}

gboolean
quorum_meeting_reopen (QuorumMeeting  *self,
                       GError        **error)
{
  return change_status (self, "held", "draft", error);
}

/* Approved and signed meetings in the order they were approved. */
static GPtrArray *
frozen_meetings (QuorumDatabase *db)
{
  GListModel *meetings = quorum_database_get_meetings (db);
  GPtrArray *frozen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(QuorumMeeting) m = g_list_model_get_item (meetings, i);
      if (quorum_meeting_is_frozen (m))
        g_ptr_array_add (frozen, g_steal_pointer (&m));
    }
  g_ptr_array_sort (frozen, compare_approval);
  return frozen;
}

static gboolean
store_sealed (QuorumMeeting  *self,
              const char     *column,
              const char     *value,
              GError        **error)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  return _quorum_record_store_value (QUORUM_RECORD (self),
                                     quorum_table_column_index (quorum_schema_table (QUORUM_TABLE_MEETINGS),
                                                                column),
                                     &v, error);
}

gboolean
quorum_meeting_approve (QuorumMeeting  *self,
                        GError        **error)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *approved_at = g_date_time_format_iso8601 (now);
  g_autoptr(GPtrArray) frozen = NULL;
  g_autofree char *hash = NULL;
  const char *previous = NULL;

  if (quorum_meeting_is_frozen (self))
    {
      g_propagate_error (error, _quorum_model_frozen_error ());
      return FALSE;
    }
  if (g_strcmp0 (quorum_meeting_get_status (self), "held") != 0)
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("“%s” is %s; only a meeting that is %s can become %s."),
                   quorum_meeting_get_title (self), quorum_meeting_get_status (self), "held",
                   "approved");
      return FALSE;
    }

  if (!quorum_database_begin (db, error))
    return FALSE;

  /* The chain: this record's hash covers the hash of the one approved before. */
  frozen = frozen_meetings (db);
  if (frozen->len > 0)
    previous = quorum_record_get_string (g_ptr_array_index (frozen, frozen->len - 1),
                                         "record_hash");

  if (!store_sealed (self, "approved_at", approved_at, error) ||
      !store_sealed (self, "previous_hash", previous, error) ||
      !(hash = quorum_meeting_compute_record_hash (self, error)) ||
      !store_sealed (self, "record_hash", hash, error) ||
      !change_status (self, "held", "approved", error))
    goto fail;
  return quorum_database_commit (db, error);

fail:
  quorum_database_rollback (db);
  return FALSE;
}

GBytes *
quorum_meeting_dup_signed_file (QuorumMeeting *self)
{
  GListModel *files = quorum_meeting_get_items (self, QUORUM_TABLE_SIGNED_DOCUMENTS);
  guint n = g_list_model_get_n_items (files);
  g_autoptr(QuorumRecord) newest = NULL;
  GBytes *pdf;

  if (n == 0)
    return NULL;
  newest = g_list_model_get_item (files, n - 1);  /* ordered by revision */
  pdf = quorum_record_get_bytes (newest, "pdf");
  return pdf != NULL ? g_bytes_ref (pdf) : NULL;
}

gboolean
quorum_meeting_add_signed_file (QuorumMeeting  *self,
                                GBytes         *pdf,
                                const char     *signer_name,
                                const char     *signer_role,
                                const char     *certificate_sha256,
                                const char     *signed_at,
                                GError        **error)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (self));
  g_autoptr(QuorumFields) file = quorum_fields_new (QUORUM_TABLE_SIGNED_DOCUMENTS);
  g_autoptr(QuorumFields) signature = quorum_fields_new (QUORUM_TABLE_SIGNATURES);
  g_autoptr(QuorumRecord) stored = NULL;
  g_autoptr(QuorumRecord) signed_by = NULL;
  g_autofree char *sha256 = NULL;
  gint64 revision;

  if (!quorum_meeting_is_frozen (self))
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("“%s” must be approved before its minutes are signed."),
                   quorum_meeting_get_title (self));
      return FALSE;
    }

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  if (!quorum_database_begin (db, error))
    return FALSE;
  if (!next_number (self, QUORUM_TABLE_SIGNED_DOCUMENTS, "revision", &revision, error))
    goto fail;

  quorum_fields_set_ref (file, "meeting", QUORUM_RECORD (self));
  quorum_fields_set_int (file, "revision", revision);
  quorum_fields_set_bytes (file, "pdf", pdf);
  quorum_fields_set_string (file, "sha256", sha256);
  quorum_fields_set_string (file, "created_at", signed_at);
  if (!(stored = quorum_database_create (db, file, error)))
    goto fail;

  quorum_fields_set_ref (signature, "meeting", QUORUM_RECORD (self));
  quorum_fields_set_ref (signature, "document", stored);
  quorum_fields_set_string (signature, "signer_name", signer_name);
  quorum_fields_set_string (signature, "signer_role", signer_role);
  quorum_fields_set_string (signature, "certificate_sha256", certificate_sha256);
  quorum_fields_set_string (signature, "signed_at", signed_at);
  quorum_fields_set_string (signature, "file_sha256", sha256);
  if (!(signed_by = quorum_database_create (db, signature, error)))
    goto fail;

  if (g_strcmp0 (quorum_meeting_get_status (self), "signed") != 0 &&
      !store_sealed (self, "status", "signed", error))
    goto fail;
  return quorum_database_commit (db, error);

fail:
  quorum_database_rollback (db);
  return FALSE;
}

struct _QuorumChainCheck
{
  GPtrArray *frozen;          /* in the order they were approved */
  guint next;
  char *expected_previous;
  GPtrArray *problems;
};

QuorumChainCheck *
quorum_chain_check_new (QuorumDatabase *db)
{
  QuorumChainCheck *check = g_new0 (QuorumChainCheck, 1);
  check->frozen = frozen_meetings (db);
  check->problems = g_ptr_array_new_with_free_func (g_free);
  return check;
}

void
quorum_chain_check_free (QuorumChainCheck *check)
{
  if (check == NULL)
    return;
  g_ptr_array_unref (check->frozen);
  g_ptr_array_unref (check->problems);
  g_free (check->expected_previous);
  g_free (check);
}

GPtrArray *
quorum_chain_check_get_problems (QuorumChainCheck *check)
{
  return check->problems;
}

gboolean
quorum_chain_check_step (QuorumChainCheck  *check,
                         gboolean          *done,
                         GError           **error)
{
  QuorumMeeting *m;
  QuorumRecord *r;
  const char *stored;
  g_autofree char *actual = NULL;
  g_autofree char *id = NULL;

  if (check->next >= check->frozen->len)
    {
      *done = TRUE;
      return TRUE;
    }
  m = g_ptr_array_index (check->frozen, check->next++);
  r = QUORUM_RECORD (m);
  stored = quorum_record_get_string (r, "record_hash");
  actual = quorum_meeting_compute_record_hash (m, error);
  if (actual == NULL)
    return FALSE;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, quorum_record_get_id (r));

  if (stored == NULL || *stored == '\0')
    g_ptr_array_add (check->problems,
                     g_strdup_printf (_("“%s” (ID %s) is approved but has no record hash, so "
                                        "nothing shows that it is as it was approved."),
                                      quorum_meeting_get_title (m), id));
  else if (g_strcmp0 (stored, actual) != 0)
    g_ptr_array_add (check->problems,
                     g_strdup_printf (_("“%s” (ID %s) was changed after it was approved: its "
                                        "record no longer matches the hash taken at approval."),
                                      quorum_meeting_get_title (m), id));
  if (g_strcmp0 (quorum_record_get_string (r, "previous_hash"), check->expected_previous) != 0)
    g_ptr_array_add (check->problems,
                     g_strdup_printf (_("The chain of approved records is broken at “%s” (ID %s): "
                                        "it does not follow the record approved before it."),
                                      quorum_meeting_get_title (m), id));
  g_free (check->expected_previous);
  check->expected_previous = g_strdup (stored);
  *done = check->next >= check->frozen->len;
  return TRUE;
}

gboolean
quorum_database_check_record_chain (QuorumDatabase  *db,
                                    GPtrArray      **problems,
                                    GError         **error)
{
  g_autoptr(QuorumChainCheck) check = quorum_chain_check_new (db);
  gboolean done = FALSE;
  gboolean intact;

  while (!done)
    if (!quorum_chain_check_step (check, &done, error))
      return FALSE;
  intact = check->problems->len == 0;
  if (problems != NULL)
    *problems = g_ptr_array_ref (check->problems);
  return intact;
}

/* ---- quorum ---------------------------------------------------------------- */

char *
quorum_meeting_describe_quorum_rule (QuorumMeeting *self)
{
  QuorumRecord *record = QUORUM_RECORD (self);
  gboolean chair = quorum_record_get_boolean (record, "quorum_chair");
  gint64 top = quorum_record_get_int (record, "quorum_top_management");
  gint64 members = quorum_record_get_int (record, "quorum_members");
  GString *rule = g_string_new (NULL);

  if (chair)
    g_string_append (rule, _("the chair"));
  if (top > 0)
    {
      if (rule->len > 0)
        g_string_append (rule, _(" and "));
      g_string_append_printf (rule, g_dngettext (GETTEXT_PACKAGE,
                                                 "at least %d top-management member",
                                                 "at least %d top-management members", top),
                              (int) top);
    }
  if (members > 0)
    {
      if (rule->len > 0)
        g_string_append (rule, _(" and "));
      g_string_append_printf (rule, g_dngettext (GETTEXT_PACKAGE,
                                                 "at least %d attendee in all",
                                                 "at least %d attendees in all", members),
                              (int) members);
    }
  if (rule->len == 0)
    g_string_append (rule, _("no minimum attendance"));
  return g_string_free (rule, FALSE);
}

gboolean
quorum_meeting_evaluate_quorum (QuorumMeeting  *self,
                                char          **explanation)
{
  QuorumRecord *record = QUORUM_RECORD (self);
  gboolean need_chair = quorum_record_get_boolean (record, "quorum_chair");
  gint64 need_top = quorum_record_get_int (record, "quorum_top_management");
  gint64 need_members = quorum_record_get_int (record, "quorum_members");
  GListModel *attendance = quorum_meeting_get_items (self, QUORUM_TABLE_ATTENDANCE);
  guint n = g_list_model_get_n_items (attendance);
  gboolean chair_present = FALSE;
  gint64 top_present = 0, top_total = 0, present = 0;
  gboolean quorate;
  GString *text;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumRecord) attendee = g_list_model_get_item (attendance, i);
      const char *role = quorum_record_get_string (attendee, "role");
      gboolean here = g_strcmp0 (quorum_record_get_string (attendee, "presence"), "present") == 0;

      if (g_strcmp0 (role, "guest") == 0)
        continue;  /* guests never count towards a quorum */
      if (here)
        present++;
      if (g_strcmp0 (role, "chair") == 0 && here)
        chair_present = TRUE;
      if (g_strcmp0 (role, "top_management") == 0)
        {
          top_total++;
          if (here)
            top_present++;
        }
    }

  quorate = (!need_chair || chair_present) && top_present >= need_top && present >= need_members;

  if (explanation == NULL)
    return quorate;

  text = g_string_new (quorate ? _("Quorate: ") : _("Not quorate: "));
  if (need_chair)
    g_string_append (text, chair_present ? _("the chair is present") : _("the chair is absent"));
  if (need_top > 0 || top_total > 0)
    {
      if (need_chair)
        g_string_append (text, _("; "));
      /* Translators: "3 of 5 top-management members present (at least 3 required)" */
      g_string_append_printf (text, _("%d of %d top-management members present (at least %d "
                                      "required)"),
                              (int) top_present, (int) top_total, (int) need_top);
    }
  if (need_members > 0)
    {
      g_string_append (text, _("; "));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%d attendee present (at least %d required)",
                                                 "%d attendees present (at least %d required)",
                                                 present),
                              (int) present, (int) need_members);
    }
  if (!need_chair && need_top == 0 && need_members == 0 && top_total == 0)
    g_string_append (text, _("the meeting has no quorum rule"));
  *explanation = g_string_free (text, FALSE);
  return quorate;
}

/* ---- what ISO/IEC 27001:2022 asks a review to cover --------------------- */

static const QuorumRequirement requirements[] = {
  { "9.3.2(a)", N_("Status of actions from previous management reviews"), TRUE },
  { "9.3.2(b)", N_("Changes in external and internal issues relevant to the ISMS"), TRUE },
  { "9.3.2(c)", N_("Changes in needs and expectations of interested parties"), TRUE },
  { "9.3.2(d1)", N_("Nonconformities and corrective actions"), TRUE },
  { "9.3.2(d2)", N_("Monitoring and measurement results"), TRUE },
  { "9.3.2(d3)", N_("Audit results"), TRUE },
  { "9.3.2(d4)", N_("Fulfilment of information security objectives"), TRUE },
  { "9.3.2(e)", N_("Feedback from interested parties"), TRUE },
  { "9.3.2(f)", N_("Results of risk assessment and status of the risk treatment plan"), TRUE },
  { "9.3.2(g)", N_("Opportunities for continual improvement"), TRUE },
  { "9.3.3", N_("Decisions on continual improvement and needed changes to the ISMS"), FALSE },
  { "5.1(a)", N_("Information security policy and objectives established"), FALSE },
  { "5.1(b)", N_("ISMS requirements integrated into the organization’s processes"), FALSE },
  { "5.1(c)", N_("Resources needed for the ISMS available"), FALSE },
  { "5.1(d)", N_("Importance of information security management communicated"), FALSE },
  { "5.1(e)", N_("The ISMS achieves its intended outcomes"), FALSE },
  { "5.1(f)", N_("Persons directed and supported to contribute to the ISMS"), FALSE },
  { "5.1(g)", N_("Continual improvement promoted"), FALSE },
  { "5.1(h)", N_("Other relevant management roles supported"), FALSE },
  { "5.2", N_("Information security policy"), FALSE },
  { "5.3", N_("Organizational roles, responsibilities and authorities"), FALSE },
};

const QuorumRequirement *
quorum_iso27001_requirements (guint *n_requirements)
{
  *n_requirements = G_N_ELEMENTS (requirements);
  return requirements;
}

gboolean
quorum_references_cite (const char *references,
                        const char *clause)
{
  g_auto(GStrv) parts = NULL;

  if (references == NULL)
    return FALSE;
  parts = g_strsplit_set (references, ",; ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && g_ascii_strcasecmp (parts[i], clause) == 0)
      return TRUE;
  return FALSE;
}

GPtrArray *
quorum_meeting_dup_unaddressed_inputs (QuorumMeeting *self)
{
  GListModel *items = quorum_meeting_get_items (self, QUORUM_TABLE_AGENDA_ITEMS);
  GListModel *decisions = quorum_meeting_get_items (self, QUORUM_TABLE_DECISIONS);
  GPtrArray *unaddressed = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; r < G_N_ELEMENTS (requirements); r++)
    {
      const char *clause = requirements[r].clause;
      gboolean addressed = FALSE, cited = FALSE, deferred_without_reason = FALSE;

      if (!requirements[r].review_input)
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (items) && !addressed; i++)
        {
          g_autoptr(QuorumRecord) item = g_list_model_get_item (items, i);
          const char *outcome = quorum_record_get_string (item, "outcome");
          const char *reason = quorum_record_get_string (item, "deferral_reason");

          if (!quorum_references_cite (quorum_record_get_string (item, "clauses"), clause))
            continue;
          cited = TRUE;
          if (g_strcmp0 (outcome, "discussed") == 0)
            addressed = TRUE;
          else if (g_strcmp0 (outcome, "deferred") == 0)
            {
              g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
              if (*stripped != '\0')
                addressed = TRUE;
              else
                deferred_without_reason = TRUE;
            }
        }
      for (guint i = 0; i < g_list_model_get_n_items (decisions) && !addressed; i++)
        {
          g_autoptr(QuorumRecord) decision = g_list_model_get_item (decisions, i);
          if (quorum_references_cite (quorum_record_get_string (decision, "clause"), clause))
            addressed = TRUE;
        }
      if (addressed)
        continue;
      if (deferred_without_reason)
        /* Translators: a clause, its requirement; the meeting deferred it without saying why */
        g_ptr_array_add (unaddressed, g_strdup_printf (_("%s %s: deferred without a reason"),
                                                       clause, _(requirements[r].requirement)));
      else if (cited)
        g_ptr_array_add (unaddressed, g_strdup_printf (_("%s %s: not discussed"),
                                                       clause, _(requirements[r].requirement)));
      else
        g_ptr_array_add (unaddressed, g_strdup_printf (_("%s %s: not on the agenda"),
                                                       clause, _(requirements[r].requirement)));
    }
  return unaddressed;
}

/* ---- the next review in a series ---------------------------------------- */

GArray *
quorum_meeting_dup_metric_history (QuorumMeeting *self,
                                   QuorumRecord  *metric,
                                   guint          max)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (self));
  GListModel *meetings = quorum_database_get_meetings (db);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (quorum_meeting_get_starts_at (self),
                                                           NULL);
  GArray *history = g_array_new (FALSE, FALSE, sizeof (double));

  /* Meetings are listed by date: walk back from the newest. */
  for (guint i = g_list_model_get_n_items (meetings); i > 0 && history->len < max; i--)
    {
      g_autoptr(QuorumMeeting) other = g_list_model_get_item (meetings, i - 1);
      g_autoptr(GDateTime) then = g_date_time_new_from_iso8601 (quorum_meeting_get_starts_at (other),
                                                                NULL);
      g_autoptr(QuorumRecord) value = NULL;

      if (other == self || now == NULL || then == NULL || g_date_time_compare (then, now) >= 0)
        continue;
      value = find_item (other, QUORUM_TABLE_METRIC_VALUES, "metric", metric);
      if (value != NULL)
        {
          double v = quorum_record_get_double (value, "value");
          g_array_prepend_val (history, v);
        }
    }
  return history;
}

QuorumMeeting *
quorum_meeting_continue_series (QuorumMeeting  *previous,
                                const char     *starts_at,
                                GError        **error)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (previous));
  QuorumRecord *old = QUORUM_RECORD (previous);
  const char *copied[] = { "series", "location", "chair", "secretary", "quorum_chair",
                           "quorum_top_management", "quorum_members" };
  const char *series = quorum_record_get_string (old, "series");
  GListModel *items = quorum_meeting_get_items (previous, QUORUM_TABLE_AGENDA_ITEMS);
  GListModel *actions = quorum_meeting_get_items (previous, QUORUM_TABLE_ACTION_ITEMS);
  GListModel *updates = quorum_meeting_get_items (previous, QUORUM_TABLE_ACTION_UPDATES);
  g_autoptr(QuorumMeeting) meeting = NULL;

  if (!quorum_database_begin (db, error))
    return NULL;
  meeting = quorum_meeting_create (db, series != NULL && *series != '\0'
                                       ? series : quorum_meeting_get_title (previous),
                                   starts_at, error);
  if (meeting == NULL)
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    if (!quorum_record_set_value (QUORUM_RECORD (meeting), copied[i],
                                  quorum_record_get_value (old, copied[i]), error))
      goto fail;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(QuorumRecord) item = g_list_model_get_item (items, i);
      g_autoptr(QuorumRecord) copy = NULL;
      g_autoptr(QuorumRecord) presenter = quorum_record_dup_ref (item, "presenter");

      copy = quorum_meeting_add_agenda_item (meeting, quorum_record_get_string (item, "title"),
                                             quorum_record_get_string (item, "clauses"),
                                             quorum_record_get_int (item, "timebox_minutes"),
                                             error);
      if (copy == NULL ||
          (presenter != NULL && !quorum_record_set_ref (copy, "presenter", presenter, error)))
        goto fail;
    }

  /* Open actions come along: those minuted last time, then those it carried itself. */
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(QuorumRecord) action = g_list_model_get_item (actions, i);
      g_autoptr(QuorumRecord) update = NULL;

      if (g_strcmp0 (quorum_record_get_string (action, "status"), "open") != 0)
        continue;
      if (!(update = quorum_meeting_update_action (meeting, action, "open", NULL, error)))
        goto fail;
    }
  for (guint i = 0; i < g_list_model_get_n_items (updates); i++)
    {
      g_autoptr(QuorumRecord) carried = g_list_model_get_item (updates, i);
      g_autoptr(QuorumRecord) action = quorum_record_dup_ref (carried, "action");
      g_autoptr(QuorumRecord) update = NULL;

      if (action == NULL || g_strcmp0 (quorum_record_get_string (carried, "status"), "open") != 0)
        continue;
      if (!(update = quorum_meeting_update_action (meeting, action, "open", NULL, error)))
        goto fail;
    }

  if (!quorum_database_commit (db, error))
    goto fail;
  return g_steal_pointer (&meeting);

fail:
  quorum_database_rollback (db);
  return NULL;
}

char *
quorum_meeting_dup_default_currency (QuorumMeeting *self)
{
  GListModel *approvals = quorum_meeting_get_items (self, QUORUM_TABLE_RESOURCE_APPROVALS);
  guint n = g_list_model_get_n_items (approvals);
  /* "EUR " in a German locale, empty in C */
  const char *local = localeconv ()->int_curr_symbol;

  if (n > 0)
    {
      g_autoptr(QuorumRecord) last = g_list_model_get_item (approvals, n - 1);
      if (quorum_record_get_string (last, "currency") != NULL)
        return g_strdup (quorum_record_get_string (last, "currency"));
    }
  if (local != NULL && g_ascii_isupper (local[0]) && g_ascii_isupper (local[1]) &&
      g_ascii_isupper (local[2]))
    return g_strndup (local, 3);
  return g_strdup ("EUR");
}
