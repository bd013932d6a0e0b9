/* quorum-records.c: the kinds of record in a meeting's minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "quorum-meeting.h"
#include "quorum-model-private.h"
#include "quorum-records.h"

#define QUORUM_DEFINE_RECORD(TypeName, type_name, TABLE) \
  struct _##TypeName { QuorumRecord parent_instance; }; \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, QUORUM_TYPE_RECORD) \
  static void \
  type_name##_class_init (TypeName##Class *klass) \
  { \
    quorum_record_class_set_table (QUORUM_RECORD_CLASS (klass), TABLE); \
  } \
  static void \
  type_name##_init (TypeName *self) \
  { \
  }

QUORUM_DEFINE_RECORD (QuorumOrganization, quorum_organization, QUORUM_TABLE_ORGANIZATION)
QUORUM_DEFINE_RECORD (QuorumPerson, quorum_person, QUORUM_TABLE_PEOPLE)
QUORUM_DEFINE_RECORD (QuorumMetric, quorum_metric, QUORUM_TABLE_METRICS)
QUORUM_DEFINE_RECORD (QuorumAttendee, quorum_attendee, QUORUM_TABLE_ATTENDANCE)
QUORUM_DEFINE_RECORD (QuorumAgendaItem, quorum_agenda_item, QUORUM_TABLE_AGENDA_ITEMS)
QUORUM_DEFINE_RECORD (QuorumMetricValue, quorum_metric_value, QUORUM_TABLE_METRIC_VALUES)
QUORUM_DEFINE_RECORD (QuorumIncident, quorum_incident, QUORUM_TABLE_INCIDENTS)
QUORUM_DEFINE_RECORD (QuorumDecision, quorum_decision, QUORUM_TABLE_DECISIONS)
QUORUM_DEFINE_RECORD (QuorumResourceApproval, quorum_resource_approval,
                      QUORUM_TABLE_RESOURCE_APPROVALS)
QUORUM_DEFINE_RECORD (QuorumActionItem, quorum_action_item, QUORUM_TABLE_ACTION_ITEMS)
QUORUM_DEFINE_RECORD (QuorumActionUpdate, quorum_action_update, QUORUM_TABLE_ACTION_UPDATES)
QUORUM_DEFINE_RECORD (QuorumPolicyApproval, quorum_policy_approval,
                      QUORUM_TABLE_POLICY_APPROVALS)
QUORUM_DEFINE_RECORD (QuorumRoleAssignment, quorum_role_assignment,
                      QUORUM_TABLE_ROLE_ASSIGNMENTS)
QUORUM_DEFINE_RECORD (QuorumSignedDocument, quorum_signed_document,
                      QUORUM_TABLE_SIGNED_DOCUMENTS)
QUORUM_DEFINE_RECORD (QuorumSignature, quorum_signature, QUORUM_TABLE_SIGNATURES)

GType
_quorum_record_type_for_table (QuorumTableId table)
{
  switch (table)
    {
    case QUORUM_TABLE_ORGANIZATION:       return QUORUM_TYPE_ORGANIZATION;
    case QUORUM_TABLE_PEOPLE:             return QUORUM_TYPE_PERSON;
    case QUORUM_TABLE_METRICS:            return QUORUM_TYPE_METRIC;
    case QUORUM_TABLE_MEETINGS:           return QUORUM_TYPE_MEETING;
    case QUORUM_TABLE_ATTENDANCE:         return QUORUM_TYPE_ATTENDEE;
    case QUORUM_TABLE_AGENDA_ITEMS:       return QUORUM_TYPE_AGENDA_ITEM;
    case QUORUM_TABLE_METRIC_VALUES:      return QUORUM_TYPE_METRIC_VALUE;
    case QUORUM_TABLE_INCIDENTS:          return QUORUM_TYPE_INCIDENT;
    case QUORUM_TABLE_DECISIONS:          return QUORUM_TYPE_DECISION;
    case QUORUM_TABLE_RESOURCE_APPROVALS: return QUORUM_TYPE_RESOURCE_APPROVAL;
    case QUORUM_TABLE_ACTION_ITEMS:       return QUORUM_TYPE_ACTION_ITEM;
    case QUORUM_TABLE_ACTION_UPDATES:     return QUORUM_TYPE_ACTION_UPDATE;
    case QUORUM_TABLE_POLICY_APPROVALS:   return QUORUM_TYPE_POLICY_APPROVAL;
    case QUORUM_TABLE_ROLE_ASSIGNMENTS:   return QUORUM_TYPE_ROLE_ASSIGNMENT;
    case QUORUM_TABLE_SIGNED_DOCUMENTS:   return QUORUM_TYPE_SIGNED_DOCUMENT;
    case QUORUM_TABLE_SIGNATURES:         return QUORUM_TYPE_SIGNATURE;
    case QUORUM_N_TABLES:
    default:
      g_return_val_if_reached (QUORUM_TYPE_RECORD);
    }
}

gboolean
quorum_agenda_item_move (QuorumAgendaItem  *item,
                         guint              position,
                         GError           **error)
{
  QuorumRecord *record = QUORUM_RECORD (item);
  QuorumDatabase *db = quorum_record_get_database (record);
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *items;
  guint n;

  meeting = QUORUM_MEETING (quorum_database_lookup (db, QUORUM_TABLE_MEETINGS,
                                                    quorum_record_get_meeting_id (record), error));
  if (meeting == NULL)
    return FALSE;

  items = quorum_meeting_get_items (meeting, QUORUM_TABLE_AGENDA_ITEMS);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QuorumRecord) other = g_list_model_get_item (items, i);
      if (other != record)
        g_ptr_array_add (order, g_steal_pointer (&other));
    }
  g_ptr_array_insert (order, MIN (position, order->len), g_object_ref (record));

  if (!quorum_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    if (!quorum_record_set_int (g_ptr_array_index (order, i), "position", i + 1, error))
      {
        quorum_database_rollback (db);
        return FALSE;
      }
  return quorum_database_commit (db, error);
}
