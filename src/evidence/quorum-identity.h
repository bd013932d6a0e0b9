/* quorum-identity.h: who signs: an X.509 certificate and its private key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An identity is a PKCS#12 file in $XDG_DATA_HOME/quorum/identities (mode
 * 0600, folder 0700) whose private key is encrypted with the signer's
 * passphrase, and a small description of its certificate beside it (no
 * secrets) so identities can be listed without the passphrase.  Quorum never
 * stores or logs a passphrase.
 */
#pragma once

#include <gio/gio.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

#include "quorum-evidence.h"

G_BEGIN_DECLS

typedef enum
{
  QUORUM_KEY_ECDSA_P256,
  QUORUM_KEY_RSA_3072,
} QuorumKeyKind;

typedef struct
{
  char *name;          /* what `--identity NAME` refers to */
  char *subject;       /* the certificate's subject, as text */
  char *fingerprint;   /* SHA-256 of the certificate, hex */
  char *expires;       /* ISO 8601 */
  char *path;          /* the .p12 file */
  gboolean self_signed;
} QuorumIdentityInfo;

void                quorum_identity_info_free   (QuorumIdentityInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumIdentityInfo, quorum_identity_info_free)

/* A loaded identity: certificate and key, ready to sign. */
typedef struct _QuorumSigner QuorumSigner;

char               *quorum_identity_dir         (void) G_GNUC_WARN_UNUSED_RESULT;

QuorumIdentityInfo *quorum_identity_create      (const char     *dir,
                                                 const char     *name,
                                                 const char     *email,
                                                 const char     *organization,
                                                 QuorumKeyKind   kind,
                                                 const char     *passphrase,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumIdentityInfo *quorum_identity_import      (const char     *dir,
                                                 const char     *p12_path,
                                                 const char     *passphrase,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same two on a worker thread, for a window that must not wait while the key is made or
 * the file decrypted (about 100 ms); the passphrase is copied and the copy wiped when done.
 * quorum_identity_finish() gives the identity, or the error the call would have given. */
void                quorum_identity_create_async (const char          *dir,
                                                  const char          *name,
                                                  const char          *email,
                                                  const char          *organization,
                                                  QuorumKeyKind        kind,
                                                  const char          *passphrase,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void                quorum_identity_import_async (const char          *dir,
                                                  const char          *p12_path,
                                                  const char          *passphrase,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
QuorumIdentityInfo *quorum_identity_finish      (GAsyncResult   *result,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* QuorumIdentityInfo*, sorted by name */
GPtrArray          *quorum_identity_list        (const char     *dir,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
QuorumIdentityInfo *quorum_identity_find        (const char     *dir,
                                                 const char     *name,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;

QuorumSigner       *quorum_signer_open          (const char     *p12_path,
                                                 const char     *passphrase,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
void                quorum_signer_free          (QuorumSigner   *signer);
gnutls_x509_crt_t   quorum_signer_get_certificate (QuorumSigner *signer);
gnutls_privkey_t    quorum_signer_get_key       (QuorumSigner   *signer);
/* The common name of the certificate's subject, e.g. "Jürgen Müller" */
const char         *quorum_signer_get_name      (QuorumSigner   *signer);
const char         *quorum_signer_get_fingerprint (QuorumSigner *signer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuorumSigner, quorum_signer_free)

G_END_DECLS
