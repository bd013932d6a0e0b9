/* quorum-model-private.h: what the model's files share among themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "quorum-database.h"

G_BEGIN_DECLS

GType         _quorum_record_type_for_table      (QuorumTableId   table);
QuorumRecord *_quorum_record_new                 (QuorumDatabase *db,
                                                  QuorumTableId   table,
                                                  gint64          id,
                                                  GError        **error);
gboolean      _quorum_record_reload              (QuorumRecord   *self,
                                                  GError        **error);
/* Writes without the model's rules (used by import and status changes). */
gboolean      _quorum_record_store_value         (QuorumRecord   *self,
                                                  guint           column,
                                                  const GValue   *value,
                                                  GError        **error);
void          _quorum_database_forget            (QuorumDatabase *self,
                                                  QuorumTableId   table,
                                                  gint64          id);
void          _quorum_database_rows_changed      (QuorumDatabase *self,
                                                  QuorumTableId   table);
void          _quorum_database_list_finalized    (QuorumDatabase *self,
                                                  GListModel     *list);
GError       *_quorum_model_frozen_error         (void);

G_END_DECLS
