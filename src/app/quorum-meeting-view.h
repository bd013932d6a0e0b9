/* quorum-meeting-view.h: the sections of one management review, for editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "quorum-meeting.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_MEETING_VIEW (quorum_meeting_view_get_type ())
G_DECLARE_FINAL_TYPE (QuorumMeetingView, quorum_meeting_view, QUORUM, MEETING_VIEW, AdwBin)

void           quorum_meeting_view_set_meeting  (QuorumMeetingView *self,
                                                 QuorumMeeting     *meeting);
QuorumMeeting *quorum_meeting_view_get_meeting  (QuorumMeetingView *self);
/* "overview", "attendance", "agenda", "metrics", "incidents", "decisions", "approvals",
 * "actions" or "minutes" */
void           quorum_meeting_view_show_section (QuorumMeetingView *self,
                                                 const char        *section);
/* For a narrow window: the sections are chosen from a drop-down instead of a sidebar */
void           quorum_meeting_view_set_compact  (QuorumMeetingView *self,
                                                 gboolean           compact);

/* Marks `meeting` held (the meeting is over); if some 9.3.2 input was neither discussed
 * nor deferred with a reason, first says which in a dialog that lets the person go back.
 * Errors go to the window of `widget`. */
void           quorum_meeting_hold_with_check   (GtkWidget         *widget,
                                                 QuorumMeeting     *meeting);

G_END_DECLS
