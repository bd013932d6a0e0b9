/* quorum-settings.h: the person's preferences (GSettings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "quorum-meeting.h"

G_BEGIN_DECLS

#define QUORUM_SETTINGS_SCHEMA "io.github.quorumapp.Quorum"

/* The preferences, or NULL when their schema is not installed (an uninstalled build run
 * without GSETTINGS_SCHEMA_DIR): then every preference has its default. */
GSettings *quorum_settings_get              (void);
/* Gives a new review the default quorum rule. */
gboolean   quorum_settings_apply_quorum_rule (QuorumMeeting  *meeting,
                                              GError        **error);
/* The identity the Sign dialog chooses first, or NULL */
char      *quorum_settings_dup_default_identity (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
