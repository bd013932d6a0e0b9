/* quorum-run-view.h: running a meeting, one agenda item at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "quorum-meeting.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_RUN_VIEW (quorum_run_view_get_type ())
G_DECLARE_FINAL_TYPE (QuorumRunView, quorum_run_view, QUORUM, RUN_VIEW, AdwBin)

/* Starts at the first agenda item not yet discussed or deferred.  The view emits
 * "leave" when the chair goes back to editing or the meeting has been closed. */
void           quorum_run_view_set_meeting  (QuorumRunView *self,
                                             QuorumMeeting *meeting);
QuorumMeeting *quorum_run_view_get_meeting  (QuorumRunView *self);
/* The agenda item shown (0-based) */
guint          quorum_run_view_get_position (QuorumRunView *self);

G_END_DECLS
