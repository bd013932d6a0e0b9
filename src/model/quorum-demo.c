/* quorum-demo.c: years of realistic quarterly reviews, for trying Quorum out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The content is sample data about a fictional company and is not
 * translated: it stands for what users type.  It is generated through the
 * model's public API only, exactly as a user would build it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "quorum-demo.h"

typedef struct
{
  const char *name;
  const char *title;
  const char *email;
  const char *role;  /* role in the forum */
} DemoPerson;

static const DemoPerson demo_people[] = {
  { "Margarethe Lindqvist", "Chief Executive Officer", "m.lindqvist@example.com", "chair" },
  { "Siobhán O’Connor", "Governance Officer", "s.oconnor@example.com", "secretary" },
  { "Jürgen Müller", "Chief Financial Officer", "j.mueller@example.com", "top_management" },
  { "Αλεξάνδρα Παπαδοπούλου", "Chief Operating Officer", "a.papadopoulou@example.com",
    "top_management" },
  { "王芳", "Chief Technology Officer", "wang.fang@example.com", "top_management" },
  { "Дмитро Коваленко", "Director of People", "d.kovalenko@example.com", "top_management" },
  { "Amara Okafor", "Chief Information Security Officer", "a.okafor@example.com", "ciso" },
  { "佐藤 花子", "Data Protection Officer", "h.sato@example.com", "member" },
  { "José Álvarez", "Head of IT Operations", "j.alvarez@example.com", "member" },
  { "김민준", "Internal Auditor", "minjun.kim@example.com", "guest" },
  { "فاطمة الزهراء", "General Counsel", "f.alzahra@example.com", "top_management" },
  { "Ingrid Halvorsen", "Chief Financial Officer", "i.halvorsen@example.com", "top_management" },
};
/* Jürgen Müller hands over to Ingrid Halvorsen halfway through the years. */
#define OUTGOING_CFO 2
#define INCOMING_CFO 11

typedef struct
{
  const char *name;
  const char *unit;
  double target;
  const char *direction;
  double start;  /* where the company stood at the first review */
  double noise;
} DemoMetric;

static const DemoMetric demo_metrics[] = {
  { "Phishing simulation click rate", "%", 5, "lower", 18, 1.5 },
  { "Critical vulnerabilities patched within SLA", "%", 95, "higher", 71, 3 },
  { "Security awareness training completion", "%", 98, "higher", 82, 2 },
  { "Mean time to contain incidents", "hours", 24, "lower", 60, 6 },
  { "Backup restore tests passed", "%", 100, "higher", 88, 3 },
  { "Supplier security assessments completed", "%", 90, "higher", 55, 5 },
  { "Open high risks", "count", 5, "lower", 14, 1.2 },
  { "MFA coverage of user accounts", "%", 99, "higher", 76, 2 },
};

static const char * const notes_by_clause[][3] = {
  { "9.3.2(a)", "All actions from the previous review were walked through; overdue items were "
    "discussed with their owners.", "Open actions were reviewed one by one. The forum asked owners "
    "of overdue actions for revised dates." },
  { "9.3.2(b)", "New regulatory requirements (NIS2 transposition) and the move of the payroll "
    "system to a cloud provider change the ISMS context.", "The acquisition of the Athens office "
    "brings a second data centre into scope. Η ομάδα της Αθήνας θα ενταχθεί στο ISMS." },
  { "9.3.2(c)", "Two key customers now require ISO 27001 certificates from their suppliers.",
    "The works council asked for a clearer monitoring policy. 東京の子会社は新しい要件を確認中。" },
  { "9.3.2(d1)", "Three minor nonconformities from the last internal audit are closed; one "
    "remains open pending evidence.", "A nonconformity in access reviews was raised; root cause: "
    "the joiner-mover-leaver process skipped contractors." },
  { "9.3.2(d2)", "KPIs were presented against targets; the trend charts are attached to these "
    "minutes.", "Monitoring results show improvement in patching; phishing click rate is still "
    "above target." },
  { "9.3.2(d3)", "The certification body’s surveillance audit found no major nonconformities.",
    "Internal audit covered supplier management and incident response. Результати аудиту "
    "задовільні." },
  { "9.3.2(d4)", "Four of six information security objectives are on track.", "Objectives for "
    "next year were drafted; MFA coverage objective is achieved." },
  { "9.3.2(e)", "Customer questionnaires show growing interest in our incident notification "
    "times.", "Feedback from the Seoul sales office: 고객 보안 설문이 증가하고 있습니다." },
  { "9.3.2(f)", "The risk register was updated; two risks were raised to high after the "
    "ransomware scenario workshop.", "Risk treatment plan is 80 % complete; remaining items depend "
    "on the network segmentation project." },
  { "9.3.2(g)", "Automating evidence collection for access reviews would save two days per "
    "quarter.", "Proposal to run a tabletop exercise with the executive team. اقتراح: تمرين محاكاة "
    "للإدارة." },
  { "5.1(c)", "Resource needs for the next quarter were discussed with Finance.", "The "
    "staffing plan for the security operations team was presented and discussed." },
  { "5.2", "The information security policy was reviewed for changes in context; no changes "
    "needed this quarter.", "Policy updated to reflect the cloud-first strategy." },
  { "5.3", "Roles and responsibilities were confirmed without change.", "Deputy roles for the "
    "CISO and the DPO were confirmed." },
  { "9.3.3", "Decisions on improvements are recorded in the decision log below.", "The forum "
    "agreed the improvement priorities for the next quarter." },
};

static const char * const decision_texts[] = {
  "Adopt the updated information security objectives for the coming year.",
  "Approve the risk treatment plan with the revised dates.",
  "Extend phishing simulations to contractors and temporary staff.",
  "Make MFA mandatory for all remote access by the end of the quarter.",
  "Accept the residual risk of the legacy warehouse system until its replacement.",
  "Commission an external penetration test of the customer portal.",
  "Include the Athens office in the ISMS scope from the next audit cycle.",
  "Require security assessments for all new suppliers handling personal data.",
  "Run an executive ransomware tabletop exercise before the next review.",
  "Move the annual policy review to the first review of each year.",
};

static const char * const action_texts[] = {
  "Update the supplier security questionnaire to cover cloud services",
  "Close the open access-review nonconformity with evidence",
  "Prepare the business case for a security information and event management service",
  "Report phishing click rates per department",
  "Test restore of the ERP database from off-site backups",
  "Brief the works council on the monitoring policy",
  "Define the scope extension for the Athens data centre",
  "Review privileged accounts on the payroll system",
  "Organise the executive tabletop exercise",
  "Refresh the incident response contact list",
  "Map NIS2 obligations to existing controls",
  "Complete awareness training for the warehouse staff",
};

typedef struct
{
  const char *kind;
  const char *description;
  gint64 amount_minor;
  const char *currency;
} DemoApproval;

static const DemoApproval demo_approvals[] = {
  { "budget", "External penetration test of the customer portal", 1850000, "EUR" },
  { "tool", "Email security gateway licences for two years", 4200000, "EUR" },
  { "people", "One additional security analyst (full-time)", 8500000, "EUR" },
  { "budget", "ISO 27001 surveillance audit fees", 1290000, "CHF" },
  { "tool", "Privileged access management for the payroll system", 2675050, "EUR" },
  { "other", "Cyber insurance premium increase", 950000, "USD" },
  { "budget", "Security awareness programme for the Tokyo subsidiary", 180000000, "JPY" },
};

static const char * const incident_summaries[] = {
  "Phishing email led to one compromised mailbox; password reset and sessions revoked.",
  "Laptop with encrypted disk stolen from a car; no data exposure.",
  "Misconfigured storage bucket exposed marketing material publicly for two days.",
  "Ransomware blocked by endpoint protection on a warehouse terminal.",
  "Supplier reported a breach affecting our contact data (names and business emails).",
  "Denial-of-service attack on the customer portal; mitigated by the provider.",
};

static const char * const incident_lessons[] = {
  "Extend MFA to all mail clients; repeat awareness on reporting suspicious emails.",
  "Remind staff of the travel security guideline.",
  "Add storage configuration checks to the deployment pipeline.",
  "Segment warehouse terminals from the office network.",
  "Review the supplier’s notification obligations in the contract.",
  "Agree escalation contacts with the hosting provider.",
};

static const char * const severities[] = { "low", "medium", "medium", "high", "critical" };

/* Fills `picks` with `n` different indices below `size`. */
static void
pick_distinct (GRand *rand,
               guint  size,
               guint  n,
               guint *picks)
{
  guint order[32];

  g_assert (size <= G_N_ELEMENTS (order) && n <= size);
  for (guint i = 0; i < size; i++)
    order[i] = i;
  for (guint i = 0; i < n; i++)
    {
      guint j = g_rand_int_range (rand, i, size);
      guint swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      picks[i] = order[i];
    }
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

static char *
meeting_start (GDate *date)
{
  int month = g_date_get_month (date);
  /* Quarterly reviews in February, May, August and November: winter or summer time. */
  const char *offset = (month >= 4 && month <= 10) ? "+02:00" : "+01:00";
  return g_strdup_printf ("%04d-%02d-%02dT10:00:00%s", g_date_get_year (date), month,
                          g_date_get_day (date), offset);
}

static char *
meeting_end (GDate *date)
{
  int month = g_date_get_month (date);
  const char *offset = (month >= 4 && month <= 10) ? "+02:00" : "+01:00";
  return g_strdup_printf ("%04d-%02d-%02dT12:30:00%s", g_date_get_year (date), month,
                          g_date_get_day (date), offset);
}

/* The second Thursday of the given month. */
static void
review_date (GDate *date,
             int    year,
             int    month)
{
  g_date_set_dmy (date, 1, month, year);
  while (g_date_get_weekday (date) != G_DATE_THURSDAY)
    g_date_add_days (date, 1);
  g_date_add_days (date, 7);
}

static char *
date_string (GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

typedef struct
{
  QuorumDatabase *db;
  GRand *rand;
  QuorumRecord *people[G_N_ELEMENTS (demo_people)];
  QuorumRecord *metrics[G_N_ELEMENTS (demo_metrics)];
  double metric_level[G_N_ELEMENTS (demo_metrics)];
  GPtrArray *open_actions;  /* QuorumRecord* of actions not yet done or dropped */
  guint incident_counter;
} Demo;

static gboolean
fill_meeting (Demo           *demo,
              QuorumMeeting  *meeting,
              GDate          *date,
              guint           index,
              guint           count,
              GError        **error)
{
  QuorumRecord *record = QUORUM_RECORD (meeting);
  GListModel *agenda = quorum_meeting_get_items (meeting, QUORUM_TABLE_AGENDA_ITEMS);
  gboolean upcoming = index == count - 1;
  gboolean new_cfo = index >= count / 2;
  guint n_agenda = g_list_model_get_n_items (agenda);
  g_autoptr(GPtrArray) still_open = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *due = NULL;
  GDate due_date = *date;
  GRand *r = demo->rand;

  if (!quorum_record_set_string (record, "location",
                                 index % 4 == 2 ? "Athens office, Board room" :
                                 "Head office, Board room 4.01", error) ||
      !quorum_record_set_ref (record, "chair", demo->people[0], error) ||
      !quorum_record_set_ref (record, "secretary", demo->people[1], error) ||
      !quorum_record_set_int (record, "quorum_top_management", 3, error))
    return FALSE;
  {
    g_autofree char *end = meeting_end (date);
    if (!quorum_record_set_string (record, "ends_at", end, error))
      return FALSE;
  }

  /* Attendance */
  for (guint p = 0; p < G_N_ELEMENTS (demo_people); p++)
    {
      g_autoptr(QuorumRecord) attendee = NULL;
      const char *presence = "present";
      double roll = g_rand_double (r);

      if ((p == OUTGOING_CFO && new_cfo) || (p == INCOMING_CFO && !new_cfo))
        continue;
      if (g_strcmp0 (demo_people[p].role, "guest") == 0 && index % 2 == 1)
        continue;
      if (!upcoming && p > 1)
        presence = roll < 0.1 ? "apologies" : roll < 0.13 ? "absent" : "present";
      attendee = quorum_meeting_add_attendee (meeting, demo->people[p], demo_people[p].role,
                                              presence, error);
      if (attendee == NULL)
        return FALSE;
      if (!upcoming && g_strcmp0 (presence, "present") == 0 && g_rand_double (r) < 0.05 &&
          !quorum_record_set_boolean (attendee, "left_early", TRUE, error))
        return FALSE;
    }

  /* A forum that is not quorate cannot decide: someone dials in. */
  if (!upcoming)
    {
      GListModel *attendance = quorum_meeting_get_items (meeting, QUORUM_TABLE_ATTENDANCE);
      for (guint i = 0; i < g_list_model_get_n_items (attendance) &&
                        !quorum_meeting_evaluate_quorum (meeting, NULL); i++)
        {
          g_autoptr(QuorumRecord) attendee = g_list_model_get_item (attendance, i);
          if (g_strcmp0 (quorum_record_get_string (attendee, "presence"), "present") != 0 &&
              g_strcmp0 (quorum_record_get_string (attendee, "role"), "guest") != 0 &&
              (!quorum_record_set_string (attendee, "presence", "present", error) ||
               !quorum_record_set_string (attendee, "note", "Joined by video call.", error)))
            return FALSE;
        }
    }

  /* Agenda: presenters, notes and outcomes */
  for (guint i = 0; i < n_agenda && !upcoming; i++)
    {
      g_autoptr(QuorumRecord) item = g_list_model_get_item (agenda, i);
      const char *clauses = quorum_record_get_string (item, "clauses");
      const char *notes = NULL;

      for (guint c = 0; c < G_N_ELEMENTS (notes_by_clause); c++)
        if (g_strcmp0 (notes_by_clause[c][0], clauses) == 0)
          notes = notes_by_clause[c][1 + g_rand_int_range (r, 0, 2)];

      if (!quorum_record_set_ref (item, "presenter",
                                  demo->people[g_strcmp0 (clauses, "5.1(c)") == 0 ? 2 + (new_cfo ? 9 : 0)
                                               : clauses != NULL ? 6 : 0], error) ||
          !quorum_record_set_int (item, "actual_minutes",
                                  MAX (1, quorum_record_get_int (item, "timebox_minutes") +
                                          g_rand_int_range (r, -3, 6)), error))
        return FALSE;

      if (g_strcmp0 (clauses, "9.3.2(e)") == 0 && index % 5 == 3)
        {
          if (!quorum_record_set_string (item, "outcome", "deferred", error) ||
              !quorum_record_set_string (item, "deferral_reason", "The customer survey results "
                                         "were not yet available; deferred to the next review.",
                                         error))
            return FALSE;
        }
      else if (!quorum_record_set_string (item, "outcome", "discussed", error) ||
               (notes != NULL && !quorum_record_set_string (item, "notes", notes, error)))
        return FALSE;
    }

  if (upcoming)
    return TRUE;

  /* Metrics drift towards their targets. */
  for (guint m = 0; m < G_N_ELEMENTS (demo_metrics); m++)
    {
      const DemoMetric *dm = &demo_metrics[m];
      g_autoptr(QuorumRecord) value = NULL;
      double step = (dm->target - demo->metric_level[m]) * 0.12;
      double level = demo->metric_level[m] + step + g_rand_double_range (r, -dm->noise, dm->noise);

      if (g_strcmp0 (dm->unit, "%") == 0)
        level = CLAMP (level, 0, 100);
      level = MAX (level, 0);
      demo->metric_level[m] = level;
      value = quorum_meeting_set_metric_value (meeting, demo->metrics[m], round (level * 10) / 10,
                                               error);
      if (value == NULL)
        return FALSE;
    }

  /* Incidents of the past quarter, numbered in the order they happened */
  {
    int n_incidents = g_rand_int_range (r, 0, 4);
    int days_before[4];

    for (int n = 0; n < n_incidents; n++)
      days_before[n] = g_rand_int_range (r, 5, 85);
    qsort (days_before, n_incidents, sizeof (int), compare_days);
    for (int n = 0; n < n_incidents; n++)
      {
        g_autoptr(QuorumRecord) incident = NULL;
        GDate when = *date;
        g_autofree char *day = NULL;
        g_autofree char *reference = NULL;
        guint pick = g_rand_int_range (r, 0, G_N_ELEMENTS (incident_summaries));

        g_date_subtract_days (&when, days_before[n]);
        day = date_string (&when);
        reference = g_strdup_printf ("INC-%04d-%03u", g_date_get_year (&when),
                                     ++demo->incident_counter);
        incident = quorum_meeting_add_incident (meeting, reference, day,
                                                severities[g_rand_int_range (r, 0, 5)],
                                                incident_summaries[pick], error);
        if (incident == NULL ||
            !quorum_record_set_string (incident, "lessons", incident_lessons[pick], error) ||
            !quorum_record_set_string (incident, "status",
                                       g_rand_boolean (r) ? "closed" : "resolved", error))
          return FALSE;
      }
  }

  /* Progress on earlier actions */
  for (guint a = 0; a < demo->open_actions->len; a++)
    {
      QuorumRecord *action = g_ptr_array_index (demo->open_actions, a);
      g_autoptr(QuorumRecord) update = NULL;
      double roll = g_rand_double (r);
      const char *status = roll < 0.6 ? "done" : roll < 0.68 ? "dropped" : "open";
      const char *note = g_str_equal (status, "done") ? "Completed; evidence filed in the ISMS "
                         "document library." : g_str_equal (status, "dropped") ?
                         "No longer needed after the change of scope." :
                         "In progress; new date agreed with the owner.";

      update = quorum_meeting_update_action (meeting, action, status, note, error);
      if (update == NULL)
        return FALSE;
      if (g_str_equal (status, "open"))
        g_ptr_array_add (still_open, g_object_ref (action));
    }
  g_ptr_array_set_size (demo->open_actions, 0);
  for (guint a = 0; a < still_open->len; a++)
    g_ptr_array_add (demo->open_actions, g_object_ref (g_ptr_array_index (still_open, a)));

  /* Decisions, approvals and new actions under the matching agenda items */
  {
    g_autoptr(QuorumRecord) improvements = g_list_model_get_item (agenda, 14);
    g_autoptr(QuorumRecord) resources = g_list_model_get_item (agenda, 11);
    g_autoptr(QuorumRecord) policy = g_list_model_get_item (agenda, 12);
    g_autoptr(QuorumRecord) roles = g_list_model_get_item (agenda, 13);

    guint picks[G_N_ELEMENTS (action_texts)];
    guint n_picks = g_rand_int_range (r, 2, 5);

    pick_distinct (r, G_N_ELEMENTS (decision_texts), n_picks, picks);
    for (guint n = 0; n < n_picks; n++)
      {
        g_autoptr(QuorumRecord) decision = NULL;
        decision = quorum_meeting_add_decision (meeting, improvements, decision_texts[picks[n]],
                                                error);
        if (decision == NULL ||
            !quorum_record_set_string (decision, "clause", "9.3.3", error))
          return FALSE;
        if (g_rand_double (r) < 0.25 &&
            (!quorum_record_set_boolean (decision, "consensus", FALSE, error) ||
             !quorum_record_set_int (decision, "votes_for", 4, error) ||
             !quorum_record_set_int (decision, "votes_against", 1, error) ||
             !quorum_record_set_int (decision, "votes_abstain", 1, error)))
          return FALSE;
      }

    for (int n = g_rand_int_range (r, 0, 3); n > 0; n--)
      {
        const DemoApproval *da = &demo_approvals[g_rand_int_range (r, 0, G_N_ELEMENTS (demo_approvals))];
        g_autoptr(QuorumRecord) approval = NULL;
        double roll = g_rand_double (r);

        approval = quorum_meeting_add_resource_approval (meeting, resources, da->kind,
                                                         da->description, da->amount_minor,
                                                         da->currency, error);
        if (approval == NULL ||
            !quorum_record_set_ref (approval, "requested_by", demo->people[6], error) ||
            !quorum_record_set_ref (approval, "decided_by", demo->people[0], error) ||
            !quorum_record_set_string (approval, "status", roll < 0.7 ? "approved" :
                                       roll < 0.85 ? "deferred" : "rejected", error))
          return FALSE;
      }

    if (index % 4 == 0)
      {
        g_autofree char *version = g_strdup_printf ("%u.0", index / 4 + 1);
        g_autoptr(QuorumRecord) approval = NULL;
        approval = quorum_meeting_add_policy_approval (meeting, policy,
                                                       "Information security policy", version,
                                                       error);
        if (approval == NULL)
          return FALSE;
      }

    if (index == 0 || index == count / 2)
      {
        g_autoptr(QuorumRecord) a = NULL;
        g_autoptr(QuorumRecord) b = NULL;
        a = quorum_meeting_add_role_assignment (meeting, roles, "ISMS owner", demo->people[6],
                                                "Runs the ISMS and reports on its performance to "
                                                "this forum.", error);
        if (a == NULL)
          return FALSE;
        b = quorum_meeting_add_role_assignment (meeting, roles, "Budget holder for security",
                                                demo->people[new_cfo ? INCOMING_CFO : OUTGOING_CFO],
                                                "Approves security spending within the annual "
                                                "budget.", error);
        if (b == NULL)
          return FALSE;
      }

    g_date_add_months (&due_date, 3);
    due = date_string (&due_date);
    n_picks = g_rand_int_range (r, 2, 5);
    pick_distinct (r, G_N_ELEMENTS (action_texts), n_picks, picks);
    for (guint n = 0; n < n_picks; n++)
      {
        g_autoptr(QuorumRecord) action = NULL;
        guint owner = 2 + g_rand_int_range (r, 0, 7);
        if (owner == OUTGOING_CFO && new_cfo)
          owner = INCOMING_CFO;
        action = quorum_meeting_add_action (meeting, improvements, action_texts[picks[n]],
                                            demo->people[owner], due, error);
        if (action == NULL)
          return FALSE;
        g_ptr_array_add (demo->open_actions, g_steal_pointer (&action));
      }
  }
  return TRUE;
}

gboolean
quorum_demo_fill (QuorumDatabase  *db,
                  guint            years,
                  guint32          seed,
                  GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Demo demo = { db, g_rand_new_with_seed (seed), { NULL }, { NULL }, { 0 }, NULL, 0 };
  g_autoptr(QuorumRecord) organization = NULL;
  GDate first;
  int year, quarter;
  guint count = years * 4;
  gboolean ok = FALSE;

  g_return_val_if_fail (years >= 1 && years <= 200, FALSE);

  demo.open_actions = g_ptr_array_new_with_free_func (g_object_unref);

  /* The last review is the next one from today on: count back from there. */
  {
    GDate today, next;
    year = g_date_time_get_year (now);
    quarter = -1;
    g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), year);
    for (int q = 0; q < 4 && quarter < 0; q++)
      {
        review_date (&next, year, q * 3 + 2);  /* reviews in months 2, 5, 8, 11 */
        if (g_date_compare (&next, &today) >= 0)
          quarter = q;
      }
    if (quarter < 0)
      {
        year++;
        quarter = 0;
      }
  }
  /* Step back count - 1 quarters. */
  {
    int total = year * 4 + quarter - (int) (count - 1);
    year = total / 4;
    quarter = total % 4;
  }
  review_date (&first, year, quarter * 3 + 2);

  if (!quorum_database_begin (db, error))
    goto out;

  organization = quorum_database_dup_organization (db, error);
  if (organization == NULL ||
      !quorum_record_set_string (organization, "name", "Aster & Finch Logistics AG", error))
    goto fail;

  for (guint p = 0; p < G_N_ELEMENTS (demo_people); p++)
    if (!(demo.people[p] = quorum_database_add_person (db, demo_people[p].name,
                                                       demo_people[p].title,
                                                       demo_people[p].email, error)))
      goto fail;

  for (guint m = 0; m < G_N_ELEMENTS (demo_metrics); m++)
    {
      demo.metrics[m] = quorum_database_add_metric (db, demo_metrics[m].name, demo_metrics[m].unit,
                                                    demo_metrics[m].target,
                                                    demo_metrics[m].direction, error);
      if (demo.metrics[m] == NULL)
        goto fail;
      demo.metric_level[m] = demo_metrics[m].start;
    }

  for (guint i = 0; i < count; i++)
    {
      GDate date;
      int total = year * 4 + quarter + (int) i;
      g_autofree char *starts = NULL;
      g_autofree char *title = NULL;
      g_autoptr(QuorumMeeting) meeting = NULL;

      review_date (&date, total / 4, (total % 4) * 3 + 2);
      starts = meeting_start (&date);
      title = g_strdup_printf ("ISMS management review Q%d %d", total % 4 + 1, total / 4);
      meeting = quorum_meeting_create_from_template (db, "iso27001", title, starts, error);
      if (meeting == NULL || !fill_meeting (&demo, meeting, &date, i, count, error))
        goto fail;

      if (i + 1 < count && !quorum_meeting_hold (meeting, error))
        goto fail;
      if (i + 2 < count && !quorum_meeting_approve (meeting, error))
        goto fail;
    }

  ok = quorum_database_commit (db, error);
  if (!ok)
    goto fail;
  goto out;

fail:
  quorum_database_rollback (db);
out:
  for (guint p = 0; p < G_N_ELEMENTS (demo_people); p++)
    g_clear_object (&demo.people[p]);
  for (guint m = 0; m < G_N_ELEMENTS (demo_metrics); m++)
    g_clear_object (&demo.metrics[m]);
  g_ptr_array_unref (demo.open_actions);
  g_rand_free (demo.rand);
  return ok;
}
