/* quorum-records.h: the kinds of record in a meeting's minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each is a QuorumRecord whose properties are the columns of its table in
 * quorum-schema.c; QuorumMeeting, which has behaviour of its own, is in
 * quorum-meeting.h.
 */
#pragma once

#include "quorum-record.h"

G_BEGIN_DECLS

#define QUORUM_DECLARE_RECORD(TypeName, type_name, TYPE) \
  G_DECLARE_FINAL_TYPE (TypeName, type_name, QUORUM, TYPE, QuorumRecord)

#define QUORUM_TYPE_ORGANIZATION (quorum_organization_get_type ())
QUORUM_DECLARE_RECORD (QuorumOrganization, quorum_organization, ORGANIZATION)
#define QUORUM_TYPE_PERSON (quorum_person_get_type ())
QUORUM_DECLARE_RECORD (QuorumPerson, quorum_person, PERSON)
#define QUORUM_TYPE_METRIC (quorum_metric_get_type ())
QUORUM_DECLARE_RECORD (QuorumMetric, quorum_metric, METRIC)
#define QUORUM_TYPE_ATTENDEE (quorum_attendee_get_type ())
QUORUM_DECLARE_RECORD (QuorumAttendee, quorum_attendee, ATTENDEE)
#define QUORUM_TYPE_AGENDA_ITEM (quorum_agenda_item_get_type ())
QUORUM_DECLARE_RECORD (QuorumAgendaItem, quorum_agenda_item, AGENDA_ITEM)
#define QUORUM_TYPE_METRIC_VALUE (quorum_metric_value_get_type ())
QUORUM_DECLARE_RECORD (QuorumMetricValue, quorum_metric_value, METRIC_VALUE)
#define QUORUM_TYPE_INCIDENT (quorum_incident_get_type ())
QUORUM_DECLARE_RECORD (QuorumIncident, quorum_incident, INCIDENT)
#define QUORUM_TYPE_DECISION (quorum_decision_get_type ())
QUORUM_DECLARE_RECORD (QuorumDecision, quorum_decision, DECISION)
#define QUORUM_TYPE_RESOURCE_APPROVAL (quorum_resource_approval_get_type ())
QUORUM_DECLARE_RECORD (QuorumResourceApproval, quorum_resource_approval, RESOURCE_APPROVAL)
#define QUORUM_TYPE_ACTION_ITEM (quorum_action_item_get_type ())
QUORUM_DECLARE_RECORD (QuorumActionItem, quorum_action_item, ACTION_ITEM)
#define QUORUM_TYPE_ACTION_UPDATE (quorum_action_update_get_type ())
QUORUM_DECLARE_RECORD (QuorumActionUpdate, quorum_action_update, ACTION_UPDATE)
#define QUORUM_TYPE_POLICY_APPROVAL (quorum_policy_approval_get_type ())
QUORUM_DECLARE_RECORD (QuorumPolicyApproval, quorum_policy_approval, POLICY_APPROVAL)
#define QUORUM_TYPE_ROLE_ASSIGNMENT (quorum_role_assignment_get_type ())
QUORUM_DECLARE_RECORD (QuorumRoleAssignment, quorum_role_assignment, ROLE_ASSIGNMENT)
#define QUORUM_TYPE_SIGNED_DOCUMENT (quorum_signed_document_get_type ())
QUORUM_DECLARE_RECORD (QuorumSignedDocument, quorum_signed_document, SIGNED_DOCUMENT)
#define QUORUM_TYPE_SIGNATURE (quorum_signature_get_type ())
QUORUM_DECLARE_RECORD (QuorumSignature, quorum_signature, SIGNATURE)

/* Moves an agenda item to `position` (0-based) among its meeting's items. */
gboolean quorum_agenda_item_move (QuorumAgendaItem *item,
                                  guint             position,
                                  GError          **error);

G_END_DECLS
