/* quorum-evidence-module.h: the evidence layer as the desktop app loads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desktop app does not link the evidence layer: it loads it from the
 * module quorum-evidence.so the first time it makes a PDF, signs, or lists
 * identities, so that GnuTLS, libharu and HarfBuzz's subsetter (ten
 * libraries) are not loaded, and not searched for every symbol the graphics
 * driver looks up, while the window opens (DESIGN.md).  The module takes the
 * model and the store from the program that loads it, so there is one copy of
 * each GObject type; it exports one function, which gives the calls below.
 * quorum-cli and the tests link the static library as before.
 */
#pragma once

#include "quorum-identity.h"
#include "quorum-minutes.h"
#include "quorum-signature.h"

G_BEGIN_DECLS

#define QUORUM_EVIDENCE_MODULE_NAME "quorum-evidence.so"
#define QUORUM_EVIDENCE_MODULE_ENTRY "quorum_evidence_module_calls"

/* Change it with any change below, so that a program never uses a module
 * built from other sources. */
#define QUORUM_EVIDENCE_CALLS_REVISION 1

typedef struct
{
  char                abi[64];   /* PACKAGE_VERSION "/" the revision above */
  gsize               size;      /* sizeof (QuorumEvidenceCalls) */

  GQuark              (*error_quark)          (void);

  char               *(*identity_dir)         (void);
  GPtrArray          *(*identity_list)        (const char          *dir,
                                               GError             **error);
  void                (*identity_create_async) (const char         *dir,
                                               const char          *name,
                                               const char          *email,
                                               const char          *organization,
                                               QuorumKeyKind        kind,
                                               const char          *passphrase,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
  void                (*identity_import_async) (const char         *dir,
                                               const char          *p12_path,
                                               const char          *passphrase,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
  QuorumIdentityInfo *(*identity_finish)      (GAsyncResult        *result,
                                               GError             **error);
  void                (*identity_info_free)   (QuorumIdentityInfo  *info);

  QuorumMinutes      *(*minutes_collect)      (QuorumMeeting       *meeting,
                                               GError             **error);
  void                (*minutes_free)         (QuorumMinutes       *minutes);
  guint               (*minutes_get_n_evidence) (QuorumMinutes     *minutes);
  gboolean            (*minutes_get_evidence) (QuorumMinutes       *minutes,
                                               guint                index,
                                               const char         **clause,
                                               const char         **requirement,
                                               const char         **where);
  void                (*minutes_export_async) (QuorumMeeting       *meeting,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
  gboolean            (*minutes_export_finish) (QuorumMeeting      *meeting,
                                               GAsyncResult        *result,
                                               GError             **error);

  QuorumSigningRole   (*guess_signing_role)   (QuorumMeeting       *meeting,
                                               const char          *signer_name);
  const char         *(*signing_role_label)   (QuorumSigningRole    role);
  void                (*meeting_sign_async)   (QuorumMeeting           *meeting,
                                               const char              *p12_path,
                                               const char              *passphrase,
                                               const QuorumSignOptions *options,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
  GBytes             *(*meeting_sign_finish)  (QuorumMeeting       *meeting,
                                               GAsyncResult        *result,
                                               GError             **error);
} QuorumEvidenceCalls;

/* What the module exports (QUORUM_EVIDENCE_MODULE_ENTRY) */
typedef const QuorumEvidenceCalls *(*QuorumEvidenceModuleEntry) (void);
const QuorumEvidenceCalls *quorum_evidence_module_calls (void);

/* The abi[] a program and a module of these sources agree on */
#define QUORUM_EVIDENCE_CALLS_ABI PACKAGE_VERSION "/" G_STRINGIFY (QUORUM_EVIDENCE_CALLS_REVISION)

G_END_DECLS
