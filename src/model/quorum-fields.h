/* quorum-fields.h: the values of a row about to be created
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "quorum-record.h"

G_BEGIN_DECLS

typedef struct _QuorumFields QuorumFields;

QuorumFields *quorum_fields_new         (QuorumTableId  table);
void          quorum_fields_free        (QuorumFields  *fields);
QuorumTableId quorum_fields_get_table   (QuorumFields  *fields);
const char   *quorum_fields_get_uid     (QuorumFields  *fields);
void          quorum_fields_set_uid     (QuorumFields  *fields,
                                         const char    *uid);
/* Returns FALSE (and sets nothing) for a column the table does not have. */
gboolean      quorum_fields_set_value   (QuorumFields  *fields,
                                         const char    *column,
                                         const GValue  *value);
void          quorum_fields_set_string  (QuorumFields  *fields,
                                         const char    *column,
                                         const char    *value);
void          quorum_fields_set_int     (QuorumFields  *fields,
                                         const char    *column,
                                         gint64         value);
void          quorum_fields_set_double  (QuorumFields  *fields,
                                         const char    *column,
                                         double         value);
void          quorum_fields_set_boolean (QuorumFields  *fields,
                                         const char    *column,
                                         gboolean       value);
void          quorum_fields_set_ref     (QuorumFields  *fields,
                                         const char    *column,
                                         QuorumRecord  *value);
void          quorum_fields_set_ref_id  (QuorumFields  *fields,
                                         const char    *column,
                                         gint64         id);
void          quorum_fields_set_bytes   (QuorumFields  *fields,
                                         const char    *column,
                                         GBytes        *value);
const GValue *quorum_fields_get_values  (QuorumFields  *fields);
const GValue *quorum_fields_peek        (QuorumFields  *fields,
                                         const char    *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumFields, quorum_fields_free)

G_END_DECLS
