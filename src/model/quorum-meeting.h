/* quorum-meeting.h: one management review and everything minuted in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "quorum-database.h"
#include "quorum-records.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_MEETING (quorum_meeting_get_type ())
G_DECLARE_FINAL_TYPE (QuorumMeeting, quorum_meeting, QUORUM, MEETING, QuorumRecord)

typedef struct
{
  const char *id;           /* "iso27001" */
  const char *name;         /* translatable */
} QuorumTemplateInfo;

const QuorumTemplateInfo *quorum_templates              (guint           *n_templates);

/* What ISO/IEC 27001:2022 asks a management review to cover (9.3.2 inputs, 9.3.3 outputs,
 * clause 5 leadership), in the order the minutes' evidence index lists them. */
typedef struct
{
  const char *clause;       /* "9.3.2(d2)" */
  const char *requirement;  /* translatable */
  gboolean review_input;    /* one of the 9.3.2 inputs a meeting must discuss or defer */
} QuorumRequirement;

const QuorumRequirement *quorum_iso27001_requirements (guint *n_requirements);
/* Whether a list of clause references ("9.3.2(d2), 5.1(c)") names `clause`. */
gboolean       quorum_references_cite            (const char       *references,
                                                  const char       *clause);

QuorumMeeting *quorum_meeting_create             (QuorumDatabase   *db,
                                                  const char       *title,
                                                  const char       *starts_at,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumMeeting *quorum_meeting_create_from_template (QuorumDatabase *db,
                                                  const char       *template_id,
                                                  const char       *title,
                                                  const char       *starts_at,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;

const char    *quorum_meeting_get_title          (QuorumMeeting    *self);
const char    *quorum_meeting_get_status         (QuorumMeeting    *self);
const char    *quorum_meeting_get_starts_at      (QuorumMeeting    *self);
/* The date of the meeting as YYYY-MM-DD, in the time zone it was held in. */
char          *quorum_meeting_dup_date           (QuorumMeeting    *self) G_GNUC_WARN_UNUSED_RESULT;

/* The rows of one child table (attendance, agenda items, decisions, ...)
 * in the order they are minuted.  The list follows every change. */
GListModel    *quorum_meeting_get_items          (QuorumMeeting    *self,
                                                  QuorumTableId     table);

QuorumRecord  *quorum_meeting_add_attendee       (QuorumMeeting    *self,
                                                  QuorumRecord     *person,
                                                  const char       *role,
                                                  const char       *presence,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord  *quorum_meeting_add_agenda_item    (QuorumMeeting    *self,
                                                  const char       *title,
                                                  const char       *clauses,
                                                  gint64            timebox_minutes,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord  *quorum_meeting_add_decision       (QuorumMeeting    *self,
                                                  QuorumRecord     *agenda_item,
                                                  const char       *text,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord  *quorum_meeting_add_action         (QuorumMeeting    *self,
                                                  QuorumRecord     *agenda_item,
                                                  const char       *text,
                                                  QuorumRecord     *owner,
                                                  const char       *due_on,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord  *quorum_meeting_add_resource_approval (QuorumMeeting *self,
                                                  QuorumRecord     *agenda_item,
                                                  const char       *kind,
                                                  const char       *description,
                                                  gint64            amount_minor,
                                                  const char       *currency,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord  *quorum_meeting_add_incident       (QuorumMeeting    *self,
                                                  const char       *reference,
                                                  const char       *occurred_on,
                                                  const char       *severity,
                                                  const char       *summary,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord  *quorum_meeting_set_metric_value   (QuorumMeeting    *self,
                                                  QuorumRecord     *metric,
                                                  double            value,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord  *quorum_meeting_add_policy_approval (QuorumMeeting   *self,
                                                  QuorumRecord     *agenda_item,
                                                  const char       *policy,
                                                  const char       *version,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord  *quorum_meeting_add_role_assignment (QuorumMeeting   *self,
                                                  QuorumRecord     *agenda_item,
                                                  const char       *role,
                                                  QuorumRecord     *holder,
                                                  const char       *responsibilities,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;
/* Minutes the progress of an action item from an earlier meeting (calling it
 * again updates the same record).  An action minuted in this meeting itself is
 * refused: change its own status. */
QuorumRecord  *quorum_meeting_update_action      (QuorumMeeting    *self,
                                                  QuorumRecord     *action,
                                                  const char       *status,
                                                  const char       *note,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* The next review of the same series: the agenda of `previous` (titles, clauses,
 * timeboxes, presenters), its chair, secretary, location and quorum rule, and a
 * progress record ("open") for each action it left open, its own or carried. */
QuorumMeeting *quorum_meeting_continue_series    (QuorumMeeting    *previous,
                                                  const char       *starts_at,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* The values `metric` had in up to `max` earlier meetings (by date), the oldest first. */
GArray        *quorum_meeting_dup_metric_history (QuorumMeeting    *self,
                                                  QuorumRecord     *metric,
                                                  guint             max) G_GNUC_WARN_UNUSED_RESULT;

/* The 9.3.2 inputs that no agenda item has discussed, or deferred with a reason: one
 * sentence each ("9.3.2(b) Changes in … : not discussed"). Empty when all are addressed. */
GPtrArray     *quorum_meeting_dup_unaddressed_inputs (QuorumMeeting *self) G_GNUC_WARN_UNUSED_RESULT;

/* The currency a new resource request starts in: that of this review's last request,
 * else the locale's, else euros. */
char          *quorum_meeting_dup_default_currency (QuorumMeeting *self) G_GNUC_WARN_UNUSED_RESULT;

/* Corrections to approved minutes: a new meeting record linked to `self`
 * (addendum_of), a draft with the same chair, secretary and quorum rule,
 * which is then held, approved and signed like any other. */
QuorumMeeting *quorum_meeting_create_addendum    (QuorumMeeting    *self,
                                                  GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* Status: draft → held → approved (→ signed, by the evidence layer). */
gboolean       quorum_meeting_hold               (QuorumMeeting    *self,
                                                  GError          **error);
gboolean       quorum_meeting_reopen             (QuorumMeeting    *self,
                                                  GError          **error);
gboolean       quorum_meeting_approve            (QuorumMeeting    *self,
                                                  GError          **error);
gboolean       quorum_meeting_is_frozen          (QuorumMeeting    *self);

/* Keeps a signed file of the approved minutes with the signature just added
 * to it, and marks the meeting signed.  All or nothing. */
gboolean       quorum_meeting_add_signed_file    (QuorumMeeting    *self,
                                                  GBytes           *pdf,
                                                  const char       *signer_name,
                                                  const char       *signer_role,
                                                  const char       *certificate_sha256,
                                                  const char       *signed_at,
                                                  GError          **error);
/* The newest signed file, or NULL when the minutes have not been signed. */
GBytes        *quorum_meeting_dup_signed_file    (QuorumMeeting    *self) G_GNUC_WARN_UNUSED_RESULT;

/* SHA-256 (hex) of the meeting's canonical form: see README.md. */
char          *quorum_meeting_compute_record_hash (QuorumMeeting   *self,
                                                   GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* Recomputes the hash of every approved or signed meeting and follows the
 * chain of hashes in the order they were approved.  Returns TRUE when all
 * holds; otherwise `problems` (if given) gets one sentence per problem. */
gboolean       quorum_database_check_record_chain (QuorumDatabase  *db,
                                                   GPtrArray      **problems,
                                                   GError         **error);

/* The same check a meeting at a time, for a main loop that must stay
 * responsive: call step() until it sets `done`. */
typedef struct _QuorumChainCheck QuorumChainCheck;
QuorumChainCheck *quorum_chain_check_new          (QuorumDatabase   *db);
gboolean          quorum_chain_check_step         (QuorumChainCheck *check,
                                                   gboolean         *done,
                                                   GError          **error);
GPtrArray        *quorum_chain_check_get_problems (QuorumChainCheck *check);
void              quorum_chain_check_free         (QuorumChainCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumChainCheck, quorum_chain_check_free)

/* Whether the attendance meets the meeting's quorum rule, with a sentence
 * saying why ("Quorate: the chair and 4 of 3 required top-management members
 * present"). */
gboolean       quorum_meeting_evaluate_quorum    (QuorumMeeting    *self,
                                                  char            **explanation);
char          *quorum_meeting_describe_quorum_rule (QuorumMeeting  *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
