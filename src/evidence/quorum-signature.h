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
typedef enum
{
  QUORUM_SIGNING_ROLE_CHAIR,
  QUORUM_SIGNING_ROLE_SECRETARY,
  QUORUM_SIGNING_ROLE_APPROVER,
} QuorumSigningRole;

/* The role someone of that name signs the meeting's minutes in: its chair, its
 * secretary, or else an approver. */
QuorumSigningRole quorum_meeting_guess_signing_role (QuorumMeeting     *meeting,
                                                     const char        *signer_name);
/* "Chair", "Secretary", "Approver", translated */
const char       *quorum_signing_role_label         (QuorumSigningRole  role);

GBytes *quorum_meeting_sign          (QuorumMeeting           *meeting,
                                      QuorumSigner            *signer,
                                      const QuorumSignOptions *options,
                                      GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

/* Adds a signature to any PDF Quorum can read, in a field named `field`
 * (filling it if the document prepared one, else an invisible new one). */
/* The same on a worker thread, which also opens the identity in `p12_path` (the passphrase
 * is copied and wiped after use).  The signed file is stored with the meeting when
 * finish() is called, on the thread that owns it. */
void    quorum_meeting_sign_async    (QuorumMeeting           *meeting,
                                      const char              *p12_path,
                                      const char              *passphrase,
                                      const QuorumSignOptions *options,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
GBytes *quorum_meeting_sign_finish   (QuorumMeeting           *meeting,
                                      GAsyncResult            *result,
                                      GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

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
