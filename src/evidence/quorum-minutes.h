/* quorum-minutes.h: the minutes of one meeting as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * quorum_minutes_collect() reads everything the minutes show from the model,
 * on the thread that owns the model; the result is plain data that
 * quorum_minutes_render() turns into PDF bytes on any thread.
 */
#pragma once

#include <gio/gio.h>

#include "quorum-evidence.h"
#include "quorum-meeting.h"

G_BEGIN_DECLS

typedef struct _QuorumMinutes QuorumMinutes;

QuorumMinutes *quorum_minutes_collect        (QuorumMeeting        *meeting,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void           quorum_minutes_free           (QuorumMinutes        *minutes);
const char    *quorum_minutes_get_document_id (QuorumMinutes       *minutes);

/* The record hash of an approved meeting, or NULL */
/* The evidence index: for each ISO/IEC 27001:2022 requirement, where the minutes show it
 * was covered ("agenda item 3; decision D2", or "NOT COVERED (…)"); TRUE when covered. */
guint          quorum_minutes_get_n_evidence (QuorumMinutes        *minutes);
gboolean       quorum_minutes_get_evidence   (QuorumMinutes        *minutes,
                                              guint                 index,
                                              const char          **clause,
                                              const char          **requirement,
                                              const char          **where);
const char    *quorum_minutes_get_record_hash (QuorumMinutes       *minutes);

/* Thread-safe: reads only `minutes`. */
GBytes        *quorum_minutes_render         (QuorumMinutes        *minutes,
                                              guint                *n_pages,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same, and where each signer's line is (QuorumPdfSpot, one per
 * signer in the order of the signature block). */
GBytes        *quorum_minutes_render_for_signing (QuorumMinutes    *minutes,
                                              guint                *n_pages,
                                              GArray              **signature_spots,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Collects, renders and writes `path` through a temporary file, so a failed
 * export leaves nothing at `path`. */
gboolean       quorum_minutes_export         (QuorumMeeting        *meeting,
                                              const char           *path,
                                              GError              **error);
/* The same, rendering and writing on a worker thread. */
void           quorum_minutes_export_async   (QuorumMeeting        *meeting,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       quorum_minutes_export_finish  (QuorumMeeting        *meeting,
                                              GAsyncResult         *result,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumMinutes, quorum_minutes_free)

G_END_DECLS
