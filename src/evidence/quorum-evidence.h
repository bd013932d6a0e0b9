/* quorum-evidence.h: errors of the evidence layer (minutes PDF, signatures)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QUORUM_EVIDENCE_ERROR (quorum_evidence_error_quark ())

typedef enum
{
  QUORUM_EVIDENCE_ERROR_FAILED,
  QUORUM_EVIDENCE_ERROR_FONT_MISSING,  /* a required font is not installed */
  QUORUM_EVIDENCE_ERROR_RENDER,        /* libharu failed while making the PDF */
  QUORUM_EVIDENCE_ERROR_WRITE,         /* the file could not be written */
  QUORUM_EVIDENCE_ERROR_PASSPHRASE,    /* the passphrase does not open the identity */
  QUORUM_EVIDENCE_ERROR_IDENTITY,      /* not a usable identity (.p12, certificate, key) */
  QUORUM_EVIDENCE_ERROR_EXISTS,        /* an identity of that name exists already */
  QUORUM_EVIDENCE_ERROR_NOT_FOUND,     /* no identity of that name */
} QuorumEvidenceError;

GQuark quorum_evidence_error_quark (void);

G_END_DECLS
