/* quorum-window.h: the main window: the reviews and the one selected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "quorum-meeting.h"
#include "quorum-sign-dialog.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_WINDOW (quorum_window_get_type ())
G_DECLARE_FINAL_TYPE (QuorumWindow, quorum_window, QUORUM, WINDOW, AdwApplicationWindow)

/* With a database, the window shows its reviews; without one it explains
 * `open_error`, why the database could not be opened. */
QuorumWindow   *quorum_window_new          (GtkApplication *application,
                                            QuorumDatabase *db,
                                            const GError   *open_error) G_GNUC_WARN_UNUSED_RESULT;
QuorumDatabase *quorum_window_get_database (QuorumWindow   *self);
void            quorum_window_show_meeting (QuorumWindow   *self,
                                            QuorumMeeting  *meeting);
/* What the Export button does after its file dialog: writes the shown
 * meeting's minutes on a worker thread and reports with a toast. */
void            quorum_window_export_minutes (QuorumWindow *self,
                                              GFile        *file);
/* What "Sign…" does after its file dialog: asks for the identity and passphrase in a
 * dialog (returned, owned by GTK) and says where the signed minutes went. */
QuorumSignDialog *quorum_window_sign_minutes (QuorumWindow *self,
                                              GFile        *file);
/* What "Save a Copy of the Database…" does after its file dialog. */
void            quorum_window_save_copy    (QuorumWindow   *self,
                                            GFile          *file);

/* A refused change is a toast; a failure of the database file itself is a dialog. */
void            quorum_window_show_error   (QuorumWindow   *self,
                                            const GError   *error);
/* A toast saying `text` as it is (names may hold "&" or "<"; toast titles are markup), shown
 * at once before older ones: it answers what the person just did */
AdwToast       *quorum_toast_new           (const char     *text);
/* The same, for a widget inside a window (or a dialog of one): to its window */
void            quorum_window_show_error_for (GtkWidget    *widget,
                                              const GError *error);
/* An editor saved a change (error NULL) or could not: updates the "Saved" indicator. */
void            quorum_window_report_save  (QuorumWindow   *self,
                                            const GError   *error);
/* Deletes `record` and offers to undo it in a toast naming `title`. */
void            quorum_window_remove_record (QuorumWindow  *self,
                                             QuorumRecord  *record,
                                             const char    *title);

G_END_DECLS
