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
  char abi[64];   /* PACKAGE_VERSION "/" the revision above */
  gsize size;     /* sizeof (QuorumEvidenceCalls) */

  /* Each of the type of the function it names, so the compiler holds them alike */
  typeof (quorum_evidence_error_quark) *error_quark;

  typeof (quorum_identity_dir) *identity_dir;
  typeof (quorum_identity_list) *identity_list;
  typeof (quorum_identity_create_async) *identity_create_async;
  typeof (quorum_identity_import_async) *identity_import_async;
  typeof (quorum_identity_finish) *identity_finish;
  typeof (quorum_identity_info_free) *identity_info_free;

  typeof (quorum_minutes_collect) *minutes_collect;
  typeof (quorum_minutes_free) *minutes_free;
  typeof (quorum_minutes_get_n_evidence) *minutes_get_n_evidence;
  typeof (quorum_minutes_get_evidence) *minutes_get_evidence;
  typeof (quorum_minutes_export_async) *minutes_export_async;
  typeof (quorum_minutes_export_finish) *minutes_export_finish;

  typeof (quorum_meeting_guess_signing_role) *guess_signing_role;
  typeof (quorum_signing_role_label) *signing_role_label;
  typeof (quorum_meeting_sign_async) *meeting_sign_async;
  typeof (quorum_meeting_sign_finish) *meeting_sign_finish;
} QuorumEvidenceCalls;

/* What the module exports (QUORUM_EVIDENCE_MODULE_ENTRY) */
typedef const QuorumEvidenceCalls *(*QuorumEvidenceModuleEntry) (void);
const QuorumEvidenceCalls *quorum_evidence_module_calls (void);

/* The abi[] a program and a module of these sources agree on */
#define QUORUM_EVIDENCE_CALLS_ABI PACKAGE_VERSION "/" G_STRINGIFY (QUORUM_EVIDENCE_CALLS_REVISION)

G_END_DECLS
