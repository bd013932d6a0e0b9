/* quorum-sign-dialog.h: signing approved minutes with a digital identity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "quorum-meeting.h"

G_BEGIN_DECLS

#define QUORUM_TYPE_SIGN_DIALOG (quorum_sign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QuorumSignDialog, quorum_sign_dialog, QUORUM, SIGN_DIALOG, AdwWindow)

/* Asks for the identity, the role and the passphrase, signs on a worker thread, keeps the
 * signed file with the meeting and writes it to `file`; then emits "signed" (with `file`)
 * and closes.  A wrong passphrase or any other failure is said in the dialog, which stays
 * open.  `default_identity` (a name, or NULL) is chosen first when it exists. */
QuorumSignDialog *quorum_sign_dialog_new (GtkWindow     *parent,
                                          QuorumMeeting *meeting,
                                          GFile         *file,
                                          const char    *default_identity);

G_END_DECLS
