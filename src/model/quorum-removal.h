/* quorum-removal.h: removing a record so that it can be put back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deleting a row also deletes the rows that belong to it (an action item's
 * progress updates) and clears the references other rows held to it (the
 * decisions and actions of a removed agenda item).  A QuorumRemoval keeps all
 * of that, so that Undo brings back the whole, not the row alone.
 */
#pragma once

#include "quorum-database.h"
#include "quorum-record.h"

G_BEGIN_DECLS

typedef struct _QuorumRemoval QuorumRemoval;

/* Deletes `record` as quorum_record_delete() does, in one transaction with
 * reading what the deletion takes along. */
QuorumRemoval *quorum_record_remove   (QuorumRecord   *record,
                                       GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Puts it all back in one transaction: the rows with their uids and values
 * (under new ids, with references among them following), and the references
 * that were cleared, where they are still empty.  Returns the removed record,
 * back.  A removal can be undone once. */
QuorumRecord  *quorum_removal_undo    (QuorumRemoval  *removal,
                                       QuorumDatabase *db,
                                       GError        **error) G_GNUC_WARN_UNUSED_RESULT;
void           quorum_removal_free    (QuorumRemoval  *removal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumRemoval, quorum_removal_free)

G_END_DECLS
