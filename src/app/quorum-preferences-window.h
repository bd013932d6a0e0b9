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
 * filled in: the file is decrypted or the key made on a worker thread, and the outcome is
 * shown in the window (the identity in the list, or why it was not added).  `callback`, if
 * any, is called then; quorum_preferences_window_identity_finish() says whether the identity
 * was added. */
void                     quorum_preferences_window_import_identity (QuorumPreferencesWindow *self,
                                                                    GFile                   *p12,
                                                                    const char              *passphrase,
                                                                    GAsyncReadyCallback      callback,
                                                                    gpointer                 user_data);
void                     quorum_preferences_window_create_identity (QuorumPreferencesWindow *self,
                                                                    const char              *name,
                                                                    const char              *email,
                                                                    const char              *passphrase,
                                                                    GAsyncReadyCallback      callback,
                                                                    gpointer                 user_data);
gboolean                 quorum_preferences_window_identity_finish (QuorumPreferencesWindow *self,
                                                                    GAsyncResult            *result);
/* What choosing a logo does: a PNG file, kept in the database for the minutes */
gboolean                 quorum_preferences_window_set_logo  (QuorumPreferencesWindow *self,
                                                              GFile                   *png);

G_END_DECLS
