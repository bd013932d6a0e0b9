/* quorum-database.h: the meeting record of one organization
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "quorum-fields.h"
#include "quorum-record.h"
#include "quorum-store.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_DATABASE (quorum_database_get_type ())
G_DECLARE_FINAL_TYPE (QuorumDatabase, quorum_database, QUORUM, DATABASE, GObject)

char           *quorum_database_default_path     (void) G_GNUC_WARN_UNUSED_RESULT;
QuorumDatabase *quorum_database_open             (const char      *path,
                                                  gboolean         create,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same for a window that shows the file while its integrity check runs on a thread:
 * nothing is written before the check has passed, and finish_check() says whether it did
 * (QUORUM_STORE_ERROR_CORRUPT when the file is damaged). */
QuorumDatabase *quorum_database_open_check_later (const char   *path,
                                                  gboolean      create,
                                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean        quorum_database_finish_check     (QuorumDatabase *self,
                                                  GError        **error);
/* Whether finish_check() would return at once, for a main loop that must not wait */
gboolean        quorum_database_check_is_over    (QuorumDatabase *self);
QuorumDatabase *quorum_database_new_for_store    (QuorumStore     *store) G_GNUC_WARN_UNUSED_RESULT;
QuorumStore    *quorum_database_get_store        (QuorumDatabase  *self);

/* Several changes that must land together.  Nested calls are allowed;
 * rollback() undoes back to the matching begin(). */
gboolean        quorum_database_begin            (QuorumDatabase  *self,
                                                  GError         **error);
gboolean        quorum_database_commit           (QuorumDatabase  *self,
                                                  GError         **error);
void            quorum_database_rollback         (QuorumDatabase  *self);

/* Records, one object per row: looking a row up twice gives the same object. */
QuorumRecord   *quorum_database_lookup           (QuorumDatabase  *self,
                                                  QuorumTableId    table,
                                                  gint64           id,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord   *quorum_database_lookup_uid       (QuorumDatabase  *self,
                                                  QuorumTableId    table,
                                                  const char      *uid,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord   *quorum_database_create           (QuorumDatabase  *self,
                                                  QuorumFields    *fields,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* Lists, loaded lazily, that follow every change made through this object.
 * filter_column is a column of `table` (usually "meeting") or NULL for all rows. */
GListModel     *quorum_database_list             (QuorumDatabase  *self,
                                                  QuorumTableId    table,
                                                  const char      *filter_column,
                                                  gint64           filter_id,
                                                  gboolean         descending) G_GNUC_WARN_UNUSED_RESULT;
GListModel     *quorum_database_get_meetings     (QuorumDatabase  *self);
/* The same meetings, the most recent first, as the app's sidebar shows them. */
GListModel     *quorum_database_get_recent_meetings (QuorumDatabase *self);
GListModel     *quorum_database_get_people       (QuorumDatabase  *self);
GListModel     *quorum_database_get_metrics      (QuorumDatabase  *self);
QuorumRecord   *quorum_database_dup_organization (QuorumDatabase  *self,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;

QuorumRecord   *quorum_database_add_person       (QuorumDatabase  *self,
                                                  const char      *name,
                                                  const char      *title,
                                                  const char      *email,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumRecord   *quorum_database_add_metric       (QuorumDatabase  *self,
                                                  const char      *name,
                                                  const char      *unit,
                                                  double           target,
                                                  const char      *direction,
                                                  GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
