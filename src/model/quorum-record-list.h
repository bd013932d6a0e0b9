/* quorum-record-list.h: a lazily loaded list of records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "quorum-record.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_RECORD_LIST (quorum_record_list_get_type ())
G_DECLARE_FINAL_TYPE (QuorumRecordList, quorum_record_list, QUORUM, RECORD_LIST, GObject)

QuorumRecordList *_quorum_record_list_new   (QuorumDatabase   *db,
                                             QuorumTableId     table,
                                             int               filter_column,
                                             gint64            filter_id,
                                             gboolean          descending);
QuorumTableId     quorum_record_list_get_table (QuorumRecordList *self);
/* Reads the row ids again and reports exactly what moved, came or went. */
void              _quorum_record_list_reload (QuorumRecordList *self);

G_END_DECLS
