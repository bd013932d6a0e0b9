/* quorum-minutes.c: the minutes of one meeting as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "quorum-format.h"
#include "quorum-minutes.h"
#include "quorum-pdf-private.h"

G_DEFINE_QUARK (quorum-evidence-error-quark, quorum_evidence_error)

/* ---- the snapshot -------------------------------------------------------------
 *
 * Display-ready text for everything the minutes show: names instead of
 * references, labels in the user's language, dates and amounts in the
 * user's locale.  Rendering reads only this. */

typedef struct
{
  char *name, *role, *presence, *note;
  gboolean left_early;
} Attendee;

typedef struct
{
  gint64 id;
  char *title, *clauses, *presenter, *notes, *outcome, *deferral_reason;
  gint64 timebox, actual;
} Item;

typedef struct
{
  int item;  /* index into items, or -1 */
  char *text;
} Under;     /* something minuted under an agenda item */

typedef struct
{
  char *number, *text, *rationale, *vote, *item_title;
} Decision;

typedef struct
{
  char *kind, *description, *amount, *status, *requested_by;
} Approval;

typedef struct
{
  char *text, *owner, *due, *status, *origin, *note;
} Action;

typedef struct
{
  char *reference, *date, *severity, *status, *summary;
} Incident;

typedef struct
{
  char *name, *target, *value, *previous, *verdict;
  double *history;
  guint history_len;
  double target_value;
} Metric;

typedef struct
{
  char *clause, *requirement, *evidence;
  gboolean covered;
} Evidence;

typedef struct
{
  char *name, *role, *signed_text;
} Signer;

struct _QuorumMinutes
{
  char *document_id;
  char *record_hash;       /* of an approved meeting, printed on the last page */
  char *organization;
  GBytes *logo;
  char *title, *when, *location, *status, *chair, *secretary, *quorum_rule, *quorum_verdict;
  char *corrects;          /* for an addendum: the minutes it corrects */
  char *date_only;
  gboolean quorate;
  GPtrArray *attendees, *items, *under, *decisions, *approvals, *totals;
  GPtrArray *new_actions, *carried_actions, *incidents, *metrics, *policies, *roles;
  GPtrArray *evidence, *signers;
};

#define FREE_FIELDS(type, ...) \
  static void \
  type##_free (gpointer data) \
  { \
    type *x = data; \
    char **fields[] = { __VA_ARGS__ }; \
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++) \
      g_free (*fields[i]); \
    g_free (x); \
  }

FREE_FIELDS (Attendee, &x->name, &x->role, &x->presence, &x->note)
FREE_FIELDS (Item, &x->title, &x->clauses, &x->presenter, &x->notes, &x->outcome,
             &x->deferral_reason)
FREE_FIELDS (Under, &x->text)
FREE_FIELDS (Decision, &x->number, &x->text, &x->rationale, &x->vote, &x->item_title)
FREE_FIELDS (Approval, &x->kind, &x->description, &x->amount, &x->status, &x->requested_by)
FREE_FIELDS (Action, &x->text, &x->owner, &x->due, &x->status, &x->origin, &x->note)
FREE_FIELDS (Incident, &x->reference, &x->date, &x->severity, &x->status, &x->summary)
FREE_FIELDS (Evidence, &x->clause, &x->requirement, &x->evidence)
FREE_FIELDS (Signer, &x->name, &x->role, &x->signed_text)

static void
Metric_free (gpointer data)
{
  Metric *m = data;
  g_free (m->name);
  g_free (m->target);
  g_free (m->value);
  g_free (m->previous);
  g_free (m->verdict);
  g_free (m->history);
  g_free (m);
}

void
quorum_minutes_free (QuorumMinutes *m)
{
  if (m == NULL)
    return;
  g_free (m->document_id);
  g_free (m->record_hash);
  g_free (m->organization);
  g_clear_pointer (&m->logo, g_bytes_unref);
  g_free (m->title);
  g_free (m->corrects);
  g_free (m->when);
  g_free (m->date_only);
  g_free (m->location);
  g_free (m->status);
  g_free (m->chair);
  g_free (m->secretary);
  g_free (m->quorum_rule);
  g_free (m->quorum_verdict);
  g_ptr_array_unref (m->attendees);
  g_ptr_array_unref (m->items);
  g_ptr_array_unref (m->under);
  g_ptr_array_unref (m->decisions);
  g_ptr_array_unref (m->approvals);
  g_ptr_array_unref (m->totals);
  g_ptr_array_unref (m->new_actions);
  g_ptr_array_unref (m->carried_actions);
  g_ptr_array_unref (m->incidents);
  g_ptr_array_unref (m->metrics);
  g_ptr_array_unref (m->policies);
  g_ptr_array_unref (m->roles);
  g_ptr_array_unref (m->evidence);
  g_ptr_array_unref (m->signers);
  g_free (m);
}

const char *
quorum_minutes_get_document_id (QuorumMinutes *m)
{
  return m->document_id;
}

/* ---- words ------------------------------------------------------------------- */

static char *
name_of (QuorumRecord *record,
         const char   *column)
{
  g_autoptr(QuorumRecord) person = quorum_record_dup_ref (record, column);
  return g_strdup (person != NULL ? quorum_record_get_string (person, "name") : "—");
}

static char *
text_or_dash (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

static const char *
text_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static char *
format_day (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *noon = NULL;

  if (date == NULL || *date == '\0')
    return g_strdup ("—");
  noon = g_strconcat (date, "T12:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (noon, NULL);
  /* Translators: a date in the minutes, see strftime(3) */
  return dt != NULL ? g_date_time_format (dt, _("%x")) : g_strdup (date);
}

static char *
format_number (double value,
               const char *unit)
{
  g_autofree char *number = quorum_format_number (value);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  if (g_str_equal (unit, "%"))
    return g_strdup_printf ("%s %%", number);
  return g_strdup_printf ("%s %s", number, unit);
}

/* "QRM-2026-3F9AC21B": the year and a digest of the meeting's uid, the same
 * every time these minutes are rendered. */
static char *
document_id (QuorumMeeting *meeting)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           quorum_record_get_uid (QUORUM_RECORD (meeting)),
                                                           -1);
  g_autofree char *date = quorum_meeting_dup_date (meeting);
  g_autofree char *code = g_ascii_strup (digest, 8);
  return g_strdup_printf ("QRM-%.4s-%s", date, code);
}

/* ---- collecting ---------------------------------------------------------------- */

static GListModel *
items_of (QuorumMeeting *meeting,
          QuorumTableId  table)
{
  return quorum_meeting_get_items (meeting, table);
}

static int
item_index (QuorumMinutes *m,
            gint64         id)
{
  for (guint i = 0; i < m->items->len && id != 0; i++)
    if (((Item *) g_ptr_array_index (m->items, i))->id == id)
      return (int) i;
  return -1;
}

static void
add_under (QuorumMinutes *m,
           QuorumRecord  *record,
           char          *text)
{
  Under *u = g_new0 (Under, 1);
  u->item = item_index (m, quorum_record_get_ref_id (record, "agenda_item"));
  u->text = text;
  g_ptr_array_add (m->under, u);
}

static void
collect_metrics (QuorumMinutes *m,
                 QuorumMeeting *meeting)
{
  GListModel *values = items_of (meeting, QUORUM_TABLE_METRIC_VALUES);

  for (guint i = 0; i < g_list_model_get_n_items (values); i++)
    {
      g_autoptr(QuorumRecord) value = g_list_model_get_item (values, i);
      g_autoptr(QuorumRecord) metric = quorum_record_dup_ref (value, "metric");
      const char *unit = quorum_record_get_string (metric, "unit");
      gboolean lower = g_strcmp0 (quorum_record_get_string (metric, "direction"), "lower") == 0;
      double now = quorum_record_get_double (value, "value");
      double target = quorum_record_get_double (value, "target");
      /* The reviews before this one that measured it, at most seven */
      g_autoptr(GArray) history = quorum_meeting_dup_metric_history (meeting, metric, 7);
      Metric *row = g_new0 (Metric, 1);

      g_autofree char *target_text = format_number (target, unit);

      row->name = g_strdup (quorum_record_get_string (metric, "name"));
      row->target = g_strdup_printf ("%s %s", lower ? "≤" : "≥", target_text);
      row->value = format_number (now, unit);
      row->previous = history->len > 0
                      ? format_number (g_array_index (history, double, history->len - 1), unit)
                      : g_strdup ("—");
      row->verdict = g_strdup ((lower ? now <= target : now >= target) ? _("On target")
                                                                       : _("Off target"));
      g_array_append_val (history, now);
      row->history_len = history->len;
      row->history = (double *) g_array_free (g_steal_pointer (&history), FALSE);
      row->target_value = target;
      g_ptr_array_add (m->metrics, row);
    }
}

static void
collect_evidence (QuorumMinutes *m,
                  QuorumMeeting *meeting)
{
  guint n_carried = m->carried_actions->len;
  guint n_approvals = m->approvals->len;
  guint n_policies = m->policies->len;
  guint n_roles = m->roles->len;
  GListModel *decisions = items_of (meeting, QUORUM_TABLE_DECISIONS);

  guint n_requirements;
  const QuorumRequirement *requirements = quorum_iso27001_requirements (&n_requirements);

  for (guint r = 0; r < n_requirements; r++)
    {
      const char *clause = requirements[r].clause;
      g_autoptr(GPtrArray) where = g_ptr_array_new_with_free_func (g_free);
      Evidence *e = g_new0 (Evidence, 1);

      for (guint i = 0; i < m->items->len; i++)
        {
          Item *item = g_ptr_array_index (m->items, i);
          if (!quorum_references_cite (item->clauses, clause))
            continue;
          if (g_strcmp0 (item->outcome, quorum_choice_label ("discussed")) == 0)
            {
              g_ptr_array_add (where, g_strdup_printf (_("agenda item %u"), i + 1));
              e->covered = TRUE;
            }
          else if (g_strcmp0 (item->outcome, quorum_choice_label ("deferred")) == 0)
            g_ptr_array_add (where, g_strdup_printf (_("agenda item %u deferred: %s"), i + 1,
                                                     item->deferral_reason != NULL
                                                     ? item->deferral_reason : _("no reason given")));
          else
            g_ptr_array_add (where, g_strdup_printf (_("agenda item %u, not discussed"), i + 1));
        }
      for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
        {
          g_autoptr(QuorumRecord) d = g_list_model_get_item (decisions, i);
          if (quorum_references_cite (quorum_record_get_string (d, "clause"), clause))
            {
              g_ptr_array_add (where, g_strdup_printf (_("decision D%d"),
                                                       (int) quorum_record_get_int (d, "number")));
              e->covered = TRUE;
            }
        }
      if (g_str_equal (clause, "9.3.2(a)") && n_carried > 0)
        {
          g_ptr_array_add (where, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "progress on %u earlier action",
                                                                "progress on %u earlier actions",
                                                                n_carried), n_carried));
          e->covered = TRUE;
        }
      if (g_str_equal (clause, "9.3.2(d2)") && m->metrics->len > 0)
        {
          g_ptr_array_add (where, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "metrics table, %u measure",
                                                                "metrics table, %u measures",
                                                                m->metrics->len), m->metrics->len));
          e->covered = TRUE;
        }
      if (g_str_equal (clause, "5.1(c)") && n_approvals > 0)
        {
          g_ptr_array_add (where, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u resource approval",
                                                                "%u resource approvals",
                                                                n_approvals), n_approvals));
          e->covered = TRUE;
        }
      if (g_str_equal (clause, "5.2") && n_policies > 0)
        {
          g_ptr_array_add (where, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u policy approved",
                                                                "%u policies approved",
                                                                n_policies), n_policies));
          e->covered = TRUE;
        }
      if (g_str_equal (clause, "5.3") && n_roles > 0)
        {
          g_ptr_array_add (where, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u role assigned",
                                                                "%u roles assigned",
                                                                n_roles), n_roles));
          e->covered = TRUE;
        }

      g_ptr_array_add (where, NULL);
      e->clause = g_strdup (clause);
      e->requirement = g_strdup (_(requirements[r].requirement));
      if (!e->covered)
        {
          g_autofree char *also = g_strjoinv ("; ", (char **) where->pdata);
          e->evidence = *also != '\0' ? g_strdup_printf (_("NOT COVERED (%s)"), also)
                                      : g_strdup (_("NOT COVERED"));
        }
      else
        e->evidence = g_strjoinv ("; ", (char **) where->pdata);
      g_ptr_array_add (m->evidence, e);
    }
}

static void
collect_approvals (QuorumMinutes *m,
                   QuorumMeeting *meeting)
{
  GListModel *approvals = items_of (meeting, QUORUM_TABLE_RESOURCE_APPROVALS);
  g_autoptr(GHashTable) approved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) requested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) currencies = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (approvals); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (approvals, i);
      const char *currency = quorum_record_get_string (a, "currency");
      const char *key = currency != NULL ? currency : "";
      gint64 amount = quorum_record_get_int (a, "amount_minor");
      Approval *row = g_new0 (Approval, 1);
      gint64 *sum;

      row->kind = g_strdup (quorum_choice_label (quorum_record_get_string (a, "kind")));
      row->description = g_strdup (quorum_record_get_string (a, "description"));
      row->amount = quorum_format_amount (amount, currency);
      row->status = g_strdup (quorum_choice_label (quorum_record_get_string (a, "status")));
      row->requested_by = name_of (a, "requested_by");
      g_ptr_array_add (m->approvals, row);

      add_under (m, a, g_strdup_printf (_("Resource approval (%s): %s, %s: %s"), row->kind,
                                        row->description, row->amount, row->status));

      if (!(sum = g_hash_table_lookup (requested, key)))
        g_hash_table_insert (requested, g_strdup (key), sum = g_new0 (gint64, 1));
      *sum += amount;
      if (g_strcmp0 (quorum_record_get_string (a, "status"), "approved") == 0)
        {
          if (!(sum = g_hash_table_lookup (approved, key)))
            g_hash_table_insert (approved, g_strdup (key), sum = g_new0 (gint64, 1));
          *sum += amount;
        }
    }

  currencies = g_list_sort (g_hash_table_get_keys (requested), (GCompareFunc) strcmp);
  for (GList *l = currencies; l != NULL; l = l->next)
    {
      gint64 *sum = g_hash_table_lookup (approved, l->data);
      g_autofree char *asked = quorum_format_amount (*(gint64 *) g_hash_table_lookup (requested,
                                                                                      l->data),
                                                     *(char *) l->data ? l->data : NULL);
      g_autofree char *given = quorum_format_amount (sum != NULL ? *sum : 0,
                                                     *(char *) l->data ? l->data : NULL);
      /* Translators: totals of resource approvals in one currency */
      g_ptr_array_add (m->totals, g_strdup_printf (_("Total approved %s of %s requested"), given,
                                                   asked));
    }
}

static void
collect_actions (QuorumMinutes *m,
                 QuorumMeeting *meeting)
{
  GListModel *actions = items_of (meeting, QUORUM_TABLE_ACTION_ITEMS);
  GListModel *updates = items_of (meeting, QUORUM_TABLE_ACTION_UPDATES);
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (meeting));

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (actions, i);
      Action *row = g_new0 (Action, 1);
      row->text = g_strdup (quorum_record_get_string (a, "text"));
      row->owner = name_of (a, "owner");
      row->due = format_day (quorum_record_get_string (a, "due_on"));
      row->status = g_strdup (quorum_choice_label (quorum_record_get_string (a, "status")));
      g_ptr_array_add (m->new_actions, row);
      add_under (m, a, g_strdup_printf (_("Action: %s (owner %s, due %s)"), row->text,
                                        row->owner, row->due));
    }

  for (guint i = 0; i < g_list_model_get_n_items (updates); i++)
    {
      g_autoptr(QuorumRecord) u = g_list_model_get_item (updates, i);
      g_autoptr(QuorumRecord) a = quorum_record_dup_ref (u, "action");
      g_autoptr(QuorumRecord) origin = NULL;
      Action *row = g_new0 (Action, 1);

      if (a == NULL)
        {
          g_free (row);
          continue;
        }
      origin = quorum_database_lookup (db, QUORUM_TABLE_MEETINGS, quorum_record_get_meeting_id (a),
                                       NULL);
      row->text = g_strdup (quorum_record_get_string (a, "text"));
      row->owner = name_of (a, "owner");
      row->due = format_day (quorum_record_get_string (a, "due_on"));
      row->status = g_strdup (quorum_choice_label (quorum_record_get_string (u, "status")));
      row->note = g_strdup (quorum_record_get_string (u, "note"));
      if (origin != NULL)
        {
          g_autofree char *date = quorum_meeting_dup_date (QUORUM_MEETING (origin));
          g_autofree char *day = format_day (date);
          row->origin = g_strdup_printf ("%s (%s)", quorum_meeting_get_title (QUORUM_MEETING (origin)),
                                         day);
        }
      else
        row->origin = g_strdup ("—");
      g_ptr_array_add (m->carried_actions, row);
    }
}

QuorumMinutes *
quorum_minutes_collect (QuorumMeeting  *meeting,
                        GError        **error)
{
  QuorumRecord *record = QUORUM_RECORD (meeting);
  QuorumDatabase *db = quorum_record_get_database (record);
  g_autoptr(QuorumRecord) organization = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  QuorumMinutes *m;
  GListModel *list;

  g_return_val_if_fail (QUORUM_IS_MEETING (meeting), NULL);

  organization = quorum_database_dup_organization (db, error);
  if (organization == NULL)
    return NULL;

  m = g_new0 (QuorumMinutes, 1);
  m->attendees = g_ptr_array_new_with_free_func (Attendee_free);
  m->items = g_ptr_array_new_with_free_func (Item_free);
  m->under = g_ptr_array_new_with_free_func (Under_free);
  m->decisions = g_ptr_array_new_with_free_func (Decision_free);
  m->approvals = g_ptr_array_new_with_free_func (Approval_free);
  m->totals = g_ptr_array_new_with_free_func (g_free);
  m->new_actions = g_ptr_array_new_with_free_func (Action_free);
  m->carried_actions = g_ptr_array_new_with_free_func (Action_free);
  m->incidents = g_ptr_array_new_with_free_func (Incident_free);
  m->metrics = g_ptr_array_new_with_free_func (Metric_free);
  m->policies = g_ptr_array_new_with_free_func (g_free);
  m->roles = g_ptr_array_new_with_free_func (g_free);
  m->evidence = g_ptr_array_new_with_free_func (Evidence_free);
  m->signers = g_ptr_array_new_with_free_func (Signer_free);

  m->document_id = document_id (meeting);
  m->record_hash = g_strdup (quorum_record_get_string (record, "record_hash"));
  m->organization = g_strdup (quorum_record_get_string (organization, "name"));
  if (quorum_record_get_bytes (organization, "logo") != NULL)
    m->logo = g_bytes_ref (quorum_record_get_bytes (organization, "logo"));
  m->title = g_strdup (quorum_meeting_get_title (meeting));
  {
    g_autoptr(QuorumRecord) original = quorum_record_dup_ref (record, "addendum_of");
    if (original != NULL)
      {
        g_autofree char *date = quorum_meeting_dup_date (QUORUM_MEETING (original));
        g_autofree char *day = format_day (date);
        g_autofree char *id = document_id (QUORUM_MEETING (original));
        /* Translators: what an addendum corrects: title, date, document ID */
        m->corrects = g_strdup_printf (_("%s of %s (document %s)"),
                                       quorum_meeting_get_title (QUORUM_MEETING (original)), day,
                                       id);
      }
  }
  m->location = text_or_dash (quorum_record_get_string (record, "location"));
  m->status = g_strdup (quorum_choice_label (quorum_meeting_get_status (meeting)));
  m->chair = name_of (record, "chair");
  m->secretary = name_of (record, "secretary");
  m->quorum_rule = quorum_meeting_describe_quorum_rule (meeting);
  m->quorate = quorum_meeting_evaluate_quorum (meeting, &m->quorum_verdict);

  start = g_date_time_new_from_iso8601 (quorum_meeting_get_starts_at (meeting), NULL);
  if (quorum_record_get_string (record, "ends_at") != NULL)
    end = g_date_time_new_from_iso8601 (quorum_record_get_string (record, "ends_at"), NULL);
  if (start != NULL)
    {
      /* Translators: the meeting's date in the minutes' title block, see strftime(3) */
      g_autofree char *day = g_date_time_format (start, _("%A, %x"));
      g_autofree char *from = g_date_time_format (start, "%H:%M");
      g_autofree char *zone = g_date_time_format (start, "UTC%:z");
      g_autofree char *to = end != NULL ? g_date_time_format (end, "%H:%M") : NULL;
      m->when = to != NULL ? g_strdup_printf ("%s, %s–%s (%s)", day, from, to, zone)
                           : g_strdup_printf ("%s, %s (%s)", day, from, zone);
      m->date_only = g_date_time_format (start, _("%x"));
    }
  else
    {
      m->when = g_strdup (quorum_meeting_get_starts_at (meeting));
      m->date_only = g_strdup (m->when);
    }

  list = items_of (meeting, QUORUM_TABLE_ATTENDANCE);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (list, i);
      Attendee *row = g_new0 (Attendee, 1);
      row->name = name_of (a, "person");
      row->role = g_strdup (quorum_choice_label (quorum_record_get_string (a, "role")));
      row->presence = g_strdup (quorum_choice_label (quorum_record_get_string (a, "presence")));
      row->left_early = quorum_record_get_boolean (a, "left_early");
      row->note = g_strdup (quorum_record_get_string (a, "note"));
      g_ptr_array_add (m->attendees, row);
    }

  list = items_of (meeting, QUORUM_TABLE_AGENDA_ITEMS);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(QuorumRecord) a = g_list_model_get_item (list, i);
      Item *row = g_new0 (Item, 1);
      row->id = quorum_record_get_id (a);
      row->title = g_strdup (quorum_record_get_string (a, "title"));
      row->clauses = g_strdup (quorum_record_get_string (a, "clauses"));
      row->presenter = quorum_record_get_ref_id (a, "presenter") ? name_of (a, "presenter") : NULL;
      row->timebox = quorum_record_get_int (a, "timebox_minutes");
      row->actual = quorum_record_get_int (a, "actual_minutes");
      row->notes = g_strdup (quorum_record_get_string (a, "notes"));
      row->outcome = g_strdup (quorum_choice_label (quorum_record_get_string (a, "outcome")));
      row->deferral_reason = g_strdup (quorum_record_get_string (a, "deferral_reason"));
      g_ptr_array_add (m->items, row);
    }

  list = items_of (meeting, QUORUM_TABLE_DECISIONS);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(QuorumRecord) d = g_list_model_get_item (list, i);
      Decision *row = g_new0 (Decision, 1);
      int item = item_index (m, quorum_record_get_ref_id (d, "agenda_item"));

      row->number = g_strdup_printf ("D%d", (int) quorum_record_get_int (d, "number"));
      row->text = g_strdup (quorum_record_get_string (d, "text"));
      row->rationale = g_strdup (quorum_record_get_string (d, "rationale"));
      if (quorum_record_get_boolean (d, "consensus"))
        row->vote = g_strdup (_("By consensus"));
      else
        /* Translators: votes for, against and abstaining */
        row->vote = g_strdup_printf (_("For %d, against %d, abstaining %d"),
                                     (int) quorum_record_get_int (d, "votes_for"),
                                     (int) quorum_record_get_int (d, "votes_against"),
                                     (int) quorum_record_get_int (d, "votes_abstain"));
      row->item_title = item >= 0 ? g_strdup_printf ("%d. %s", item + 1,
                                                     ((Item *) g_ptr_array_index (m->items, item))->title)
                                  : g_strdup ("—");
      g_ptr_array_add (m->decisions, row);
      add_under (m, d, g_strdup_printf (_("Decision %s: %s (%s)"), row->number, row->text,
                                        row->vote));
    }

  collect_approvals (m, meeting);
  collect_actions (m, meeting);

  list = items_of (meeting, QUORUM_TABLE_INCIDENTS);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(QuorumRecord) x = g_list_model_get_item (list, i);
      Incident *row = g_new0 (Incident, 1);
      const char *lessons = quorum_record_get_string (x, "lessons");
      row->reference = g_strdup (quorum_record_get_string (x, "reference"));
      row->date = format_day (quorum_record_get_string (x, "occurred_on"));
      row->severity = g_strdup (quorum_choice_label (quorum_record_get_string (x, "severity")));
      row->status = g_strdup (quorum_choice_label (quorum_record_get_string (x, "status")));
      if (lessons != NULL && *lessons != '\0')
        /* Translators: an incident's summary, then its lessons learned */
        row->summary = g_strdup_printf (_("%s\nLessons learned: %s"),
                                        text_or_empty (quorum_record_get_string (x, "summary")), lessons);
      else
        row->summary = text_or_dash (quorum_record_get_string (x, "summary"));
      g_ptr_array_add (m->incidents, row);
    }

  collect_metrics (m, meeting);

  list = items_of (meeting, QUORUM_TABLE_POLICY_APPROVALS);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(QuorumRecord) p = g_list_model_get_item (list, i);
      const char *version = quorum_record_get_string (p, "version");
      char *text = version != NULL && *version != '\0'
                   ? g_strdup_printf (_("%s, version %s"), quorum_record_get_string (p, "policy"),
                                      version)
                   : g_strdup (quorum_record_get_string (p, "policy"));
      g_ptr_array_add (m->policies, text);
      add_under (m, p, g_strdup_printf (_("Policy approved: %s"), text));
    }

  list = items_of (meeting, QUORUM_TABLE_ROLE_ASSIGNMENTS);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(QuorumRecord) r = g_list_model_get_item (list, i);
      g_autofree char *holder = name_of (r, "holder");
      const char *duties = quorum_record_get_string (r, "responsibilities");
      char *text = duties != NULL && *duties != '\0'
                   ? g_strdup_printf (_("%s: %s. %s"), quorum_record_get_string (r, "role"), holder,
                                      duties)
                   : g_strdup_printf (_("%s: %s"), quorum_record_get_string (r, "role"), holder);
      g_ptr_array_add (m->roles, text);
      add_under (m, r, g_strdup_printf (_("Role assigned: %s"), text));
    }

  collect_evidence (m, meeting);

  /* Who signs: the chair, and the secretary who took the minutes. */
  {
    Signer *chair = g_new0 (Signer, 1);
    chair->name = g_strdup (m->chair);
    chair->role = g_strdup (_("Chair"));
    g_ptr_array_add (m->signers, chair);
    if (quorum_record_get_ref_id (record, "secretary") != 0)
      {
        Signer *secretary = g_new0 (Signer, 1);
        secretary->name = g_strdup (m->secretary);
        secretary->role = g_strdup (_("Secretary"));
        g_ptr_array_add (m->signers, secretary);
      }
  }
  return m;
}

/* ---- rendering ---------------------------------------------------------------- */

static GPtrArray *
new_rows (QuorumPdf *pdf)
{
  return _quorum_pdf_keep (pdf, g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
}

/* Adds a row of `n` text cells in the body style. */
static QuorumPdfCell *
add_row (QuorumPdf *pdf,
         GPtrArray *rows,
         guint      n,
         ...)
{
  QuorumPdfCell *cells = _quorum_pdf_keep (pdf, g_new0 (QuorumPdfCell, n), g_free);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      cells[i].text = va_arg (args, const char *);
      cells[i].style = QUORUM_PDF_BODY;
    }
  va_end (args);
  g_ptr_array_add (rows, cells);
  return cells;
}

static void
empty_section (QuorumPdf  *pdf,
               const char *text)
{
  _quorum_pdf_paragraph (pdf, QUORUM_PDF_SMALL, 0, text);
  _quorum_pdf_space (pdf, 6);
}

static void
render_title (QuorumPdf     *pdf,
              QuorumMinutes *m)
{
  static const QuorumPdfColumn columns[] = { { NULL, 0.22, FALSE }, { NULL, 0.78, FALSE } };
  GPtrArray *rows = new_rows (pdf);
  QuorumPdfCell *cells;

  if (m->logo != NULL)
    _quorum_pdf_image (pdf, m->logo, 40);
  if (m->organization != NULL && *m->organization != '\0')
    _quorum_pdf_paragraph (pdf, QUORUM_PDF_SUBHEADING, 0, m->organization);
  _quorum_pdf_paragraph (pdf, QUORUM_PDF_TITLE, 0, m->title);
  _quorum_pdf_paragraph (pdf, QUORUM_PDF_SMALL, 0, _("Minutes of the information security "
                                                     "management review"));
  _quorum_pdf_space (pdf, 6);

#define LABELLED(label, value) \
  cells = add_row (pdf, rows, 2, label, value); \
  cells[0].style = QUORUM_PDF_SMALL_BOLD
  if (m->corrects != NULL)
    {
      LABELLED (_("Addendum to"), m->corrects);
    }
  LABELLED (_("Date and time"), m->when);
  LABELLED (_("Location"), m->location);
  LABELLED (_("Chair"), m->chair);
  LABELLED (_("Secretary"), m->secretary);
  LABELLED (_("Status of these minutes"), m->status);
  LABELLED (_("Document ID"), m->document_id);
#undef LABELLED
  _quorum_pdf_table (pdf, columns, G_N_ELEMENTS (columns), rows);
}

static void
render_attendance (QuorumPdf     *pdf,
                   QuorumMinutes *m)
{
  const QuorumPdfColumn columns[] = {
    { _("Name"), 0.34, FALSE }, { _("Role"), 0.22, FALSE }, { _("Attendance"), 0.2, FALSE },
    { _("Note"), 0.24, FALSE },
  };
  GPtrArray *rows = new_rows (pdf);

  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Attendance and quorum"));
  for (guint i = 0; i < m->attendees->len; i++)
    {
      Attendee *a = g_ptr_array_index (m->attendees, i);
      const char *presence = a->left_early ? _quorum_pdf_printf (pdf, _("%s, left early"),
                                                                   a->presence)
                                           : a->presence;
      add_row (pdf, rows, 4, a->name, a->role, presence, text_or_empty (a->note));
    }
  if (rows->len > 0)
    _quorum_pdf_table (pdf, columns, G_N_ELEMENTS (columns), rows);
  else
    empty_section (pdf, _("No attendance was recorded."));

  _quorum_pdf_paragraph (pdf, QUORUM_PDF_SMALL, 0,
                         _quorum_pdf_printf (pdf, _("Quorum rule: %s."), m->quorum_rule));
  _quorum_pdf_paragraph (pdf, QUORUM_PDF_BOLD, 0, m->quorum_verdict);
  _quorum_pdf_space (pdf, 6);
}

static void
render_agenda (QuorumPdf     *pdf,
               QuorumMinutes *m)
{
  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Agenda and discussion"));
  if (m->items->len == 0)
    empty_section (pdf, _("The meeting had no agenda items."));

  for (guint i = 0; i < m->items->len; i++)
    {
      Item *item = g_ptr_array_index (m->items, i);
      const char *facts = _quorum_pdf_printf (pdf, _("timebox %d min, actual %d min"),
                                              (int) item->timebox, (int) item->actual);

      _quorum_pdf_heading (pdf, QUORUM_PDF_SUBHEADING,
                           _quorum_pdf_printf (pdf, "%u. %s", i + 1, item->title));
      if (item->presenter != NULL)
        facts = _quorum_pdf_printf (pdf, "%s · %s",
                                    _quorum_pdf_printf (pdf, _("presented by %s"), item->presenter),
                                    facts);
      if (item->clauses != NULL && *item->clauses != '\0')
        facts = _quorum_pdf_printf (pdf, "%s · %s",
                                    _quorum_pdf_printf (pdf, _("Clauses %s"), item->clauses), facts);
      _quorum_pdf_paragraph (pdf, QUORUM_PDF_SMALL, 0,
                             _quorum_pdf_printf (pdf, "%s · %s", facts, item->outcome));
      if (item->notes != NULL && *item->notes != '\0')
        _quorum_pdf_paragraph (pdf, QUORUM_PDF_BODY, 0, item->notes);
      if (item->deferral_reason != NULL && *item->deferral_reason != '\0')
        _quorum_pdf_paragraph (pdf, QUORUM_PDF_BODY, 0,
                               _quorum_pdf_printf (pdf, _("Deferred: %s"), item->deferral_reason));
      for (guint u = 0; u < m->under->len; u++)
        {
          Under *under = g_ptr_array_index (m->under, u);
          if (under->item == (int) i)
            _quorum_pdf_paragraph (pdf, QUORUM_PDF_BODY, 12,
                                   _quorum_pdf_printf (pdf, "• %s", under->text));
        }
      _quorum_pdf_space (pdf, 4);
    }

  /* Recorded without an agenda item */
  {
    gboolean any = FALSE;
    for (guint u = 0; u < m->under->len; u++)
      {
        Under *under = g_ptr_array_index (m->under, u);
        if (under->item >= 0)
          continue;
        if (!any)
          _quorum_pdf_heading (pdf, QUORUM_PDF_SUBHEADING, _("Recorded outside the agenda"));
        any = TRUE;
        _quorum_pdf_paragraph (pdf, QUORUM_PDF_BODY, 12,
                               _quorum_pdf_printf (pdf, "• %s", under->text));
      }
  }
}

static void
render_metrics (QuorumPdf     *pdf,
                QuorumMinutes *m)
{
  const QuorumPdfColumn columns[] = {
    { _("Objective or KPI"), 0.33, FALSE }, { _("Target"), 0.12, TRUE },
    { _("This review"), 0.12, TRUE }, { _("Previous"), 0.12, TRUE },
    { _("Status"), 0.13, FALSE }, { _("Trend"), 0.18, FALSE },
  };
  GPtrArray *rows = new_rows (pdf);

  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Security objectives and measures"));
  for (guint i = 0; i < m->metrics->len; i++)
    {
      Metric *x = g_ptr_array_index (m->metrics, i);
      QuorumPdfCell *cells = add_row (pdf, rows, 6, x->name, x->target, x->value, x->previous,
                                      x->verdict, NULL);
      cells[5].chart = x->history;
      cells[5].chart_len = x->history_len;
      cells[5].chart_target = x->target_value;
      cells[5].chart_has_target = TRUE;
    }
  if (rows->len > 0)
    {
      _quorum_pdf_table (pdf, columns, G_N_ELEMENTS (columns), rows);
      _quorum_pdf_paragraph (pdf, QUORUM_PDF_SMALL, 0,
                             _("Trend: the values of up to eight reviews, this one last; the dashed "
                               "line is the target."));
    }
  else
    empty_section (pdf, _("No measurements were recorded for this review."));
}

static void
render_incidents (QuorumPdf     *pdf,
                  QuorumMinutes *m)
{
  const QuorumPdfColumn columns[] = {
    { _("Reference"), 0.15, FALSE }, { _("Date"), 0.13, FALSE }, { _("Severity"), 0.11, FALSE },
    { _("Status"), 0.11, FALSE }, { _("Summary"), 0.50, FALSE },
  };
  GPtrArray *rows = new_rows (pdf);

  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Information security incidents"));
  for (guint i = 0; i < m->incidents->len; i++)
    {
      Incident *x = g_ptr_array_index (m->incidents, i);
      add_row (pdf, rows, 5, x->reference, x->date, x->severity, x->status, x->summary);
    }
  if (rows->len > 0)
    _quorum_pdf_table (pdf, columns, G_N_ELEMENTS (columns), rows);
  else
    empty_section (pdf, _("No incidents were reported for this review."));
}

static void
render_decisions (QuorumPdf     *pdf,
                  QuorumMinutes *m)
{
  const QuorumPdfColumn columns[] = {
    { _("No."), 0.07, FALSE }, { _("Decision"), 0.5, FALSE }, { _("Vote"), 0.18, FALSE },
    { _("Agenda item"), 0.25, FALSE },
  };
  GPtrArray *rows = new_rows (pdf);

  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Decision log"));
  for (guint i = 0; i < m->decisions->len; i++)
    {
      Decision *d = g_ptr_array_index (m->decisions, i);
      const char *text = d->rationale != NULL && *d->rationale != '\0'
                         ? _quorum_pdf_printf (pdf, _("%s\nRationale: %s"), d->text, d->rationale)
                         : d->text;
      add_row (pdf, rows, 4, d->number, text, d->vote, d->item_title);
    }
  if (rows->len > 0)
    _quorum_pdf_table (pdf, columns, G_N_ELEMENTS (columns), rows);
  else
    empty_section (pdf, _("No decisions were recorded."));
}

static void
render_approvals (QuorumPdf     *pdf,
                  QuorumMinutes *m)
{
  const QuorumPdfColumn columns[] = {
    { _("Kind"), 0.11, FALSE }, { _("Description"), 0.39, FALSE },
    { _("Amount"), 0.18, TRUE }, { _("Decision"), 0.12, FALSE },
    { _("Requested by"), 0.20, FALSE },
  };
  GPtrArray *rows = new_rows (pdf);

  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Resource approvals"));
  for (guint i = 0; i < m->approvals->len; i++)
    {
      Approval *a = g_ptr_array_index (m->approvals, i);
      add_row (pdf, rows, 5, a->kind, a->description, a->amount, a->status, a->requested_by);
    }
  if (rows->len == 0)
    {
      empty_section (pdf, _("No resources were requested or approved."));
      return;
    }
  _quorum_pdf_table (pdf, columns, G_N_ELEMENTS (columns), rows);
  for (guint i = 0; i < m->totals->len; i++)
    _quorum_pdf_paragraph (pdf, QUORUM_PDF_BOLD, 0, g_ptr_array_index (m->totals, i));
  _quorum_pdf_space (pdf, 6);
}

static void
render_actions (QuorumPdf     *pdf,
                QuorumMinutes *m)
{
  const QuorumPdfColumn carried_columns[] = {
    { _("Action"), 0.34, FALSE }, { _("Owner"), 0.16, FALSE }, { _("Due"), 0.11, FALSE },
    { _("Status now"), 0.12, FALSE }, { _("From the review"), 0.27, FALSE },
  };
  const QuorumPdfColumn new_columns[] = {
    { _("Action"), 0.5, FALSE }, { _("Owner"), 0.22, FALSE }, { _("Due"), 0.14, FALSE },
    { _("Status"), 0.14, FALSE },
  };
  GPtrArray *carried = new_rows (pdf);
  GPtrArray *fresh = new_rows (pdf);

  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Action items"));
  _quorum_pdf_heading (pdf, QUORUM_PDF_SUBHEADING, _("Carried from earlier reviews"));
  for (guint i = 0; i < m->carried_actions->len; i++)
    {
      Action *a = g_ptr_array_index (m->carried_actions, i);
      const char *text = a->note != NULL && *a->note != '\0'
                         ? _quorum_pdf_printf (pdf, "%s\n%s", a->text, a->note) : a->text;
      add_row (pdf, carried, 5, text, a->owner, a->due, a->status, a->origin);
    }
  if (carried->len > 0)
    _quorum_pdf_table (pdf, carried_columns, G_N_ELEMENTS (carried_columns), carried);
  else
    empty_section (pdf, _("No actions were open from earlier reviews."));

  _quorum_pdf_heading (pdf, QUORUM_PDF_SUBHEADING, _("New in this review"));
  for (guint i = 0; i < m->new_actions->len; i++)
    {
      Action *a = g_ptr_array_index (m->new_actions, i);
      add_row (pdf, fresh, 4, a->text, a->owner, a->due, a->status);
    }
  if (fresh->len > 0)
    _quorum_pdf_table (pdf, new_columns, G_N_ELEMENTS (new_columns), fresh);
  else
    empty_section (pdf, _("No new actions were agreed."));
}

static void
render_governance (QuorumPdf     *pdf,
                   QuorumMinutes *m)
{
  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Policies and roles"));
  _quorum_pdf_heading (pdf, QUORUM_PDF_SUBHEADING, _("Policies approved (5.2)"));
  if (m->policies->len == 0)
    empty_section (pdf, _("No policy was approved in this review."));
  for (guint i = 0; i < m->policies->len; i++)
    _quorum_pdf_paragraph (pdf, QUORUM_PDF_BODY, 12,
                           _quorum_pdf_printf (pdf, "• %s", (char *) g_ptr_array_index (m->policies, i)));
  _quorum_pdf_heading (pdf, QUORUM_PDF_SUBHEADING, _("Roles assigned (5.3)"));
  if (m->roles->len == 0)
    empty_section (pdf, _("No roles were assigned in this review."));
  for (guint i = 0; i < m->roles->len; i++)
    _quorum_pdf_paragraph (pdf, QUORUM_PDF_BODY, 12,
                           _quorum_pdf_printf (pdf, "• %s", (char *) g_ptr_array_index (m->roles, i)));
}

static void
render_evidence (QuorumPdf     *pdf,
                 QuorumMinutes *m)
{
  const QuorumPdfColumn columns[] = {
    { _("Clause"), 0.12, FALSE }, { _("Requirement"), 0.43, FALSE },
    { _("Where these minutes evidence it"), 0.45, FALSE },
  };
  GPtrArray *rows = new_rows (pdf);

  _quorum_pdf_new_page (pdf);
  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Appendix: ISO/IEC 27001 evidence index"));
  _quorum_pdf_paragraph (pdf, QUORUM_PDF_SMALL, 0,
                         _("For each input and output of the management review (clause 9.3) and "
                           "each leadership requirement (clause 5), where these minutes show it "
                           "was addressed."));
  for (guint i = 0; i < m->evidence->len; i++)
    {
      Evidence *e = g_ptr_array_index (m->evidence, i);
      QuorumPdfCell *cells = add_row (pdf, rows, 3, e->clause, e->requirement, e->evidence);
      if (!e->covered)
        cells[2].style = QUORUM_PDF_BOLD;
    }
  _quorum_pdf_table (pdf, columns, G_N_ELEMENTS (columns), rows);
}

static void
render_signatures (QuorumPdf     *pdf,
                   QuorumMinutes *m)
{
  /* The heading, the sentence and every signature line on one page. */
  _quorum_pdf_need (pdf, 60 + m->signers->len * QUORUM_PDF_SIGNATURE_HEIGHT);
  _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, _("Approval of the minutes"));
  _quorum_pdf_paragraph (pdf, QUORUM_PDF_SMALL, 0,
                         _("The signatories confirm that these minutes are a true record of the "
                           "meeting."));
  _quorum_pdf_space (pdf, 8);
  for (guint i = 0; i < m->signers->len; i++)
    {
      Signer *s = g_ptr_array_index (m->signers, i);
      _quorum_pdf_signature_line (pdf, s->name, s->role, s->signed_text);
    }
}

guint
quorum_minutes_get_n_evidence (QuorumMinutes *m)
{
  return m->evidence->len;
}

gboolean
quorum_minutes_get_evidence (QuorumMinutes  *m,
                             guint           index,
                             const char    **clause,
                             const char    **requirement,
                             const char    **where)
{
  Evidence *e;

  g_return_val_if_fail (index < m->evidence->len, FALSE);
  e = g_ptr_array_index (m->evidence, index);
  *clause = e->clause;
  *requirement = e->requirement;
  *where = e->evidence;
  return e->covered;
}

const char *
quorum_minutes_get_record_hash (QuorumMinutes *m)
{
  return m->record_hash;
}

GBytes *
quorum_minutes_render (QuorumMinutes  *m,
                       guint          *n_pages,
                       GError        **error)
{
  return quorum_minutes_render_for_signing (m, n_pages, NULL, error);
}

GBytes *
quorum_minutes_render_for_signing (QuorumMinutes  *m,
                                   guint          *n_pages,
                                   GArray        **signature_spots,
                                   GError        **error)
{
  QuorumPdf *pdf;
  GBytes *volatile bytes = NULL;

  g_return_val_if_fail (m != NULL, NULL);

  pdf = _quorum_pdf_new (error);
  if (pdf == NULL)
    return NULL;

  if (setjmp (*_quorum_pdf_jmp (pdf)) != 0)
    {
      /* libharu failed somewhere below; everything is owned by `pdf`. */
      g_propagate_error (error, _quorum_pdf_take_error (pdf));
      _quorum_pdf_free (pdf);
      return NULL;
    }

  /* Twice: a dry run learns which characters each font must hold. */
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        _quorum_pdf_end_dry_run (pdf);
      _quorum_pdf_set_info (pdf, m->title, m->secretary,
                            _quorum_pdf_printf (pdf, _("Minutes of the ISMS management review of "
                                                       "%s"), m->date_only),
                            m->record_hash != NULL
                            ? _quorum_pdf_printf (pdf, "ISO/IEC 27001, %s, %s, record-sha256:%s",
                                                  _("management review"), m->document_id,
                                                  m->record_hash)
                            : _quorum_pdf_printf (pdf, "ISO/IEC 27001, %s, %s",
                                                  _("management review"), m->document_id));
      if (m->record_hash != NULL)
        _quorum_pdf_set_last_page_note (pdf, _quorum_pdf_printf (pdf, _("Record hash (SHA-256): "
                                                                        "%s"), m->record_hash));
      _quorum_pdf_set_running (pdf, m->organization != NULL && *m->organization
                                    ? m->organization : _("Minutes"),
                               m->title,
                               _quorum_pdf_printf (pdf, _("Document ID %s"), m->document_id));
      render_title (pdf, m);
      render_attendance (pdf, m);
      render_agenda (pdf, m);
      render_metrics (pdf, m);
      render_incidents (pdf, m);
      render_decisions (pdf, m);
      render_approvals (pdf, m);
      render_actions (pdf, m);
      render_governance (pdf, m);
      render_signatures (pdf, m);
      render_evidence (pdf, m);
      bytes = _quorum_pdf_finish (pdf, n_pages);
    }
  if (signature_spots != NULL)
    *signature_spots = g_array_ref (_quorum_pdf_get_spots (pdf));
  _quorum_pdf_free (pdf);
  if (bytes != NULL)
    {
      g_autoptr(GBytes) drawn = bytes;
      return _quorum_pdf_mend_to_unicode (drawn, error);
    }
  return bytes;
}

/* ---- files ----------------------------------------------------------------------- */

static gboolean
write_atomically (const char  *path,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autoptr(GError) local = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* g_file_set_contents() writes a temporary file beside `path` and renames it. */
  if (!g_file_set_contents (path, data, (gssize) size, &local))
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_WRITE,
                   _("The minutes could not be saved: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
quorum_minutes_export (QuorumMeeting  *meeting,
                       const char     *path,
                       GError        **error)
{
  g_autoptr(QuorumMinutes) minutes = quorum_minutes_collect (meeting, error);
  g_autoptr(GBytes) bytes = NULL;

  if (minutes == NULL)
    return FALSE;
  bytes = quorum_minutes_render (minutes, NULL, error);
  if (bytes == NULL)
    return FALSE;
  return write_atomically (path, bytes, error);
}

typedef struct
{
  QuorumMinutes *minutes;
  char *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;
  quorum_minutes_free (job->minutes);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = quorum_minutes_render (job->minutes, NULL, &error);
  if (bytes == NULL || g_task_return_error_if_cancelled (task))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      return;
    }
  if (!write_atomically (job->path, bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
quorum_minutes_export_async (QuorumMeeting       *meeting,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (meeting, cancellable, callback, user_data);
  GError *error = NULL;
  ExportJob *job;

  g_task_set_source_tag (task, quorum_minutes_export_async);
  job = g_new0 (ExportJob, 1);
  job->path = g_file_get_path (file);
  g_task_set_task_data (task, job, export_job_free);

  if (job->path == NULL)
    {
      g_task_return_new_error (task, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_WRITE,
                               _("The minutes can only be saved to a local file."));
      return;
    }
  /* The model belongs to this thread: read it here, render there. */
  job->minutes = quorum_minutes_collect (meeting, &error);
  if (job->minutes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

gboolean
quorum_minutes_export_finish (QuorumMeeting  *meeting,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, meeting), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == quorum_minutes_export_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
