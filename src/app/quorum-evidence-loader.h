/* quorum-evidence-loader.h: the evidence layer, loaded when first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "quorum-evidence-module.h"

G_BEGIN_DECLS

/* The evidence layer's calls, loading quorum-evidence.so the first time (from
 * $QUORUM_MODULEDIR when set, as in a build tree, else where Quorum is
 * installed).  NULL with an error a user can read if it cannot be loaded.
 * Main thread only. */
const QuorumEvidenceCalls *quorum_evidence_load (GError **error);

G_END_DECLS
