/* quorum-interchange.h: a whole meeting as JSON, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "quorum-meeting.h"

G_BEGIN_DECLS

char          *quorum_meeting_export_json  (QuorumMeeting   *meeting,
                                            GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* All or nothing: on error the database is as it was, and the message
 * starts with the JSON path of the problem ("$.meeting.decisions[2].number: …"). */
QuorumMeeting *quorum_database_import_json (QuorumDatabase  *db,
                                            const char      *data,
                                            gssize           length,
                                            GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
