/* quorum-store.h: the SQLite database behind Quorum
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "quorum-schema.h"

G_BEGIN_DECLS

#define QUORUM_STORE_ERROR (quorum_store_error_quark ())

typedef enum
{
  QUORUM_STORE_ERROR_FAILED,
  QUORUM_STORE_ERROR_NOT_FOUND,       /* no such file, or no such row */
  QUORUM_STORE_ERROR_NOT_A_DATABASE,  /* not SQLite at all */
  QUORUM_STORE_ERROR_NOT_QUORUM,      /* SQLite, but another program's */
  QUORUM_STORE_ERROR_CORRUPT,         /* damaged or truncated */
  QUORUM_STORE_ERROR_TOO_NEW,         /* written by a newer Quorum */
  QUORUM_STORE_ERROR_LOCKED,          /* busy longer than the busy timeout */
  QUORUM_STORE_ERROR_READ_ONLY,       /* file, folder or medium not writable */
  QUORUM_STORE_ERROR_FULL,            /* disk full */
  QUORUM_STORE_ERROR_IO,              /* the operating system failed a read or write */
  QUORUM_STORE_ERROR_FROZEN,          /* the meeting is approved or signed */
  QUORUM_STORE_ERROR_INVALID,         /* a value breaks a rule of the schema */
  QUORUM_STORE_ERROR_DUPLICATE,       /* a value that must be unique is not */
  QUORUM_STORE_ERROR_IN_USE,          /* still referred to by other records */
  QUORUM_STORE_ERROR_GONE,            /* the file was deleted or replaced while open */
} QuorumStoreError;

typedef enum
{
  QUORUM_STORE_OPEN_NONE   = 0,
  QUORUM_STORE_OPEN_CREATE = 1 << 0,  /* create the file (mode 0600) and folders (0700) */
  /* Run the integrity check (PRAGMA quick_check) of a current-version file on a thread of
   * its own, so a window can open meanwhile.  Nothing is written until it has passed:
   * the first write waits for it, and fails as a damaged file when it did not pass. */
  QUORUM_STORE_OPEN_CHECK_LATER = 1 << 1,
} QuorumStoreOpenFlags;

typedef struct
{
  gint64 id;
  char *at;
  char *operation;    /* "insert", "update" or "delete" */
  char *table_name;
  gint64 record_id;
  char *field;        /* NULL for insert and delete */
  char *old_value;
  char *new_value;
} QuorumAuditEntry;

void quorum_audit_entry_free (QuorumAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumAuditEntry, quorum_audit_entry_free)

#define QUORUM_TYPE_STORE (quorum_store_get_type ())
G_DECLARE_FINAL_TYPE (QuorumStore, quorum_store, QUORUM, STORE, GObject)

GQuark       quorum_store_error_quark     (void);

QuorumStore *quorum_store_open            (const char           *path,
                                           QuorumStoreOpenFlags  flags,
                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;
const char  *quorum_store_get_path        (QuorumStore          *self);
/* Waits for the integrity check started by QUORUM_STORE_OPEN_CHECK_LATER (at once when
 * there is none); FALSE, with QUORUM_STORE_ERROR_CORRUPT, when the file is damaged. */
gboolean     quorum_store_finish_check    (QuorumStore          *self,
                                           GError              **error);
/* Whether finish_check() would return at once */
gboolean     quorum_store_check_is_over   (QuorumStore          *self);
void         quorum_store_set_busy_timeout (QuorumStore         *self,
                                           int                   milliseconds);
int          quorum_store_get_schema_version (QuorumStore       *self);

/* Writes everything the store holds to a new database file at `path`, even
 * when its own file was deleted or replaced while it was open. */
gboolean     quorum_store_save_copy       (QuorumStore          *self,
                                           const char           *path,
                                           GError              **error);

gboolean     quorum_store_begin           (QuorumStore          *self,
                                           GError              **error);
gboolean     quorum_store_commit          (QuorumStore          *self,
                                           GError              **error);
void         quorum_store_rollback        (QuorumStore          *self);

/* Rows.  `values` has one GValue per column of the table, of the column's
 * GType (quorum_column_gtype()); an unset GValue (G_TYPE_INVALID) leaves the
 * column at its default.  Every call commits before it returns unless a
 * transaction is open. */
gboolean     quorum_store_insert          (QuorumStore          *self,
                                           QuorumTableId         table,
                                           const char           *uid,
                                           const GValue         *values,
                                           gint64               *out_id,
                                           GError              **error);
gboolean     quorum_store_update          (QuorumStore          *self,
                                           QuorumTableId         table,
                                           gint64                id,
                                           guint                 column,
                                           const GValue         *value,
                                           GError              **error);
gboolean     quorum_store_delete          (QuorumStore          *self,
                                           QuorumTableId         table,
                                           gint64                id,
                                           GError              **error);
gboolean     quorum_store_load            (QuorumStore          *self,
                                           QuorumTableId         table,
                                           gint64                id,
                                           char                **out_uid,
                                           GValue               *values,
                                           GError              **error);
GArray      *quorum_store_list_ids        (QuorumStore          *self,
                                           QuorumTableId         table,
                                           int                   filter_column,
                                           gint64                filter_value,
                                           gboolean              descending,
                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     quorum_store_find_uid        (QuorumStore          *self,
                                           QuorumTableId         table,
                                           const char           *uid,
                                           gint64               *out_id,
                                           GError              **error);
gboolean     quorum_store_max_int         (QuorumStore          *self,
                                           QuorumTableId         table,
                                           guint                 column,
                                           int                   filter_column,
                                           gint64                filter_value,
                                           gint64               *out_max,
                                           GError              **error);
GPtrArray   *quorum_store_read_audit      (QuorumStore          *self,
                                           gint64                after_id,
                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean     quorum_store_validate_value  (const QuorumTable    *table,
                                           guint                 column,
                                           const GValue         *value,
                                           GError              **error);

G_END_DECLS
