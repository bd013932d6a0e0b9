/* quorum-signature.h: PAdES signatures on the minutes, and their verification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "quorum-identity.h"
#include "quorum-meeting.h"

G_BEGIN_DECLS

typedef struct
{
  const char *role;       /* "Chair", … shown under the name */
  const char *reason;     /* NULL: "Approval of the minutes" */
  const char *location;   /* or NULL */
  GDateTime *when;        /* NULL: now */
} QuorumSignOptions;

/* Signs the approved minutes of `meeting`: the first signature renders
 * them (with the record hash) and prepares a field for every required
 * signer; later ones sign the file kept in the database as a further
 * incremental update.  The signed file is kept in the database and returned. */
GBytes *quorum_meeting_sign          (QuorumMeeting           *meeting,
                                      QuorumSigner            *signer,
                                      const QuorumSignOptions *options,
                                      GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

/* Adds a signature to any PDF Quorum can read, in a field named `field`
 * (filling it if the document prepared one, else an invisible new one). */
GBytes *quorum_pdf_sign              (GBytes                  *pdf,
                                      QuorumSigner            *signer,
                                      const char              *field,
                                      const QuorumSignOptions *options,
                                      GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

typedef struct
{
  char *field;            /* the signature field's name */
  char *signer;           /* the certificate's common name */
  char *fingerprint;      /* SHA-256 of the certificate */
  char *signed_at;        /* /M of the signature dictionary */
  gboolean self_signed;
  gboolean intact;        /* the signed bytes hash to what the signature holds */
  gboolean valid;         /* the CMS signature checks out with the certificate */
  gboolean whole_revision;/* covers the file up to the end of its revision */
  char *problem;          /* what failed, for people; NULL when all holds */
} QuorumSignatureCheck;

typedef struct
{
  GPtrArray *signatures;  /* QuorumSignatureCheck* in the order they were made */
  gboolean appended;      /* bytes after the last signed revision */
  char *record_hash;      /* embedded in the document information, or NULL */
} QuorumVerification;

void                quorum_verification_free (QuorumVerification *verification);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumVerification, quorum_verification_free)

/* Reads an untrusted file: a malformed one is an error, never a crash. */
QuorumVerification *quorum_pdf_verify (GBytes   *pdf,
                                       GError  **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
