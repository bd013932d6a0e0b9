/* quorum-preferences-window.h: the organization, defaults for new reviews, identities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "quorum-database.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_PREFERENCES_WINDOW (quorum_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (QuorumPreferencesWindow, quorum_preferences_window, QUORUM,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

QuorumPreferencesWindow *quorum_preferences_window_new      (GtkWindow               *parent,
                                                             QuorumDatabase          *db);
/* What "Import…" does once a file is chosen and what "Create…" does once its dialog is
 * filled in; errors are shown in the window.  TRUE when the identity was added. */
gboolean                 quorum_preferences_window_import_identity (QuorumPreferencesWindow *self,
                                                                    GFile                   *p12,
                                                                    const char              *passphrase);
gboolean                 quorum_preferences_window_create_identity (QuorumPreferencesWindow *self,
                                                                    const char              *name,
                                                                    const char              *email,
                                                                    const char              *passphrase);
/* What choosing a logo does: a PNG file, kept in the database for the minutes */
gboolean                 quorum_preferences_window_set_logo  (QuorumPreferencesWindow *self,
                                                              GFile                   *png);

G_END_DECLS
