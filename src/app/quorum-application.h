/* quorum-application.h: the Quorum desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QUORUM_TYPE_APPLICATION (quorum_application_get_type ())
G_DECLARE_FINAL_TYPE (QuorumApplication, quorum_application, QUORUM, APPLICATION, AdwApplication)

QuorumApplication *quorum_application_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
