/* quorum-record.h: one row of the meeting record as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "quorum-schema.h"

G_BEGIN_DECLS

#define QUORUM_MODEL_ERROR (quorum_model_error_quark ())

typedef enum
{
  QUORUM_MODEL_ERROR_FAILED,
  QUORUM_MODEL_ERROR_FROZEN,      /* the meeting is approved or signed */
  QUORUM_MODEL_ERROR_INVALID,     /* a value or a step the model does not allow */
  QUORUM_MODEL_ERROR_NOT_FOUND,
  QUORUM_MODEL_ERROR_IMPORT,      /* an interchange file was refused; message names the JSON path */
} QuorumModelError;

GQuark quorum_model_error_quark (void);

typedef struct _QuorumDatabase QuorumDatabase;

#define QUORUM_TYPE_RECORD (quorum_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (QuorumRecord, quorum_record, QUORUM, RECORD, GObject)

struct _QuorumRecordClass
{
  GObjectClass parent_class;

  QuorumTableId table;
};

/* For subclasses: installs one property per column of `table` */
void            quorum_record_class_set_table   (QuorumRecordClass *klass,
                                                 QuorumTableId      table);

QuorumDatabase *quorum_record_get_database      (QuorumRecord      *self);
QuorumTableId   quorum_record_get_table         (QuorumRecord      *self);
gint64          quorum_record_get_id            (QuorumRecord      *self);
const char     *quorum_record_get_uid           (QuorumRecord      *self);

const GValue   *quorum_record_get_value         (QuorumRecord      *self,
                                                 const char        *column);
const char     *quorum_record_get_string        (QuorumRecord      *self,
                                                 const char        *column);
gint64          quorum_record_get_int           (QuorumRecord      *self,
                                                 const char        *column);
double          quorum_record_get_double        (QuorumRecord      *self,
                                                 const char        *column);
gboolean        quorum_record_get_boolean       (QuorumRecord      *self,
                                                 const char        *column);
GBytes         *quorum_record_get_bytes         (QuorumRecord      *self,
                                                 const char        *column);
gint64          quorum_record_get_ref_id        (QuorumRecord      *self,
                                                 const char        *column);
QuorumRecord   *quorum_record_dup_ref           (QuorumRecord      *self,
                                                 const char        *column) G_GNUC_WARN_UNUSED_RESULT;

/* Each setter saves at once; on failure the record keeps its old value. */
gboolean        quorum_record_set_value         (QuorumRecord      *self,
                                                 const char        *column,
                                                 const GValue      *value,
                                                 GError           **error);
gboolean        quorum_record_set_string        (QuorumRecord      *self,
                                                 const char        *column,
                                                 const char        *value,
                                                 GError           **error);
gboolean        quorum_record_set_int           (QuorumRecord      *self,
                                                 const char        *column,
                                                 gint64             value,
                                                 GError           **error);
gboolean        quorum_record_set_double        (QuorumRecord      *self,
                                                 const char        *column,
                                                 double             value,
                                                 GError           **error);
gboolean        quorum_record_set_boolean       (QuorumRecord      *self,
                                                 const char        *column,
                                                 gboolean           value,
                                                 GError           **error);
gboolean        quorum_record_set_ref           (QuorumRecord      *self,
                                                 const char        *column,
                                                 QuorumRecord      *value,
                                                 GError           **error);
/* Every value of the row and its uid, to create it again (undoing a delete). */
struct _QuorumFields *quorum_record_dup_fields  (QuorumRecord      *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean        quorum_record_delete            (QuorumRecord      *self,
                                                 GError           **error);

/* The meeting whose record this row is part of (itself for a meeting), or 0. */
gint64          quorum_record_get_meeting_id    (QuorumRecord      *self);
gboolean        quorum_record_is_frozen         (QuorumRecord      *self);

G_END_DECLS
