/* quorum-evidence-module-stale.c: a quorum-evidence.so built from other sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its table names another version: the app must refuse it rather than call through it
 * (tests/test-window.c, /window/evidence-missing).
 */
#include "config.h"

#include <gmodule.h>

#include "quorum-evidence-module.h"

static const QuorumEvidenceCalls calls = {
  .abi = "0.0.0/0",
  .size = sizeof (QuorumEvidenceCalls),
};

G_MODULE_EXPORT const QuorumEvidenceCalls *
quorum_evidence_module_calls (void)
{
  return &calls;
}
