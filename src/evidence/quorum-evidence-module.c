/* quorum-evidence-module.c: the one entry of quorum-evidence.so
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gmodule.h>

#include "quorum-evidence-module.h"

static const QuorumEvidenceCalls calls = {
  .abi = QUORUM_EVIDENCE_CALLS_ABI,
  .size = sizeof (QuorumEvidenceCalls),

  .error_quark = quorum_evidence_error_quark,

  .identity_dir = quorum_identity_dir,
  .identity_list = quorum_identity_list,
  .identity_create_async = quorum_identity_create_async,
  .identity_import_async = quorum_identity_import_async,
  .identity_finish = quorum_identity_finish,
  .identity_info_free = quorum_identity_info_free,

  .minutes_collect = quorum_minutes_collect,
  .minutes_free = quorum_minutes_free,
  .minutes_get_n_evidence = quorum_minutes_get_n_evidence,
  .minutes_get_evidence = quorum_minutes_get_evidence,
  .minutes_export_async = quorum_minutes_export_async,
  .minutes_export_finish = quorum_minutes_export_finish,

  .guess_signing_role = quorum_meeting_guess_signing_role,
  .signing_role_label = quorum_signing_role_label,
  .meeting_sign_async = quorum_meeting_sign_async,
  .meeting_sign_finish = quorum_meeting_sign_finish,
};

G_MODULE_EXPORT const QuorumEvidenceCalls *
quorum_evidence_module_calls (void)
{
  return &calls;
}
