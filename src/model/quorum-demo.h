/* quorum-demo.h: years of realistic quarterly reviews, for trying Quorum out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "quorum-meeting.h"

G_BEGIN_DECLS

/* Adds `years` × 4 quarterly reviews, the last one the next review from
 * today (a draft), the one before it held, all earlier ones approved.  The
 * same seed gives the same content.  All or nothing. */
gboolean quorum_demo_fill (QuorumDatabase  *db,
                           guint            years,
                           guint32          seed,
                           GError         **error);

G_END_DECLS
