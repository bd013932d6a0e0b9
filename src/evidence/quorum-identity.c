/* quorum-identity.c: who signs: an X.509 certificate and its private key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs12.h>
#include <string.h>
#include <unistd.h>

#include "quorum-identity.h"

#define CERTIFICATE_YEARS 5

struct _QuorumSigner
{
  gnutls_x509_crt_t certificate;
  gnutls_privkey_t key;
  char *name;
  char *fingerprint;
};

void
quorum_identity_info_free (QuorumIdentityInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->subject);
  g_free (info->fingerprint);
  g_free (info->expires);
  g_free (info->path);
  g_free (info);
}

char *
quorum_identity_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "quorum", "identities", NULL);
}

static gboolean
fail_gnutls (GError     **error,
             int          code,
             int          rc,
             const char  *what)
{
  g_set_error (error, QUORUM_EVIDENCE_ERROR, code, "%s (%s)", what, gnutls_strerror (rc));
  return FALSE;
}

/* A file name from a person's name: letters and digits kept, in any script. */
static char *
file_stem (const char *name)
{
  GString *stem = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (stem, g_unichar_tolower (c));
      else if (stem->len > 0 && stem->str[stem->len - 1] != '-')
        g_string_append_c (stem, '-');
    }
  while (stem->len > 0 && stem->str[stem->len - 1] == '-')
    g_string_truncate (stem, stem->len - 1);
  if (stem->len == 0)
    g_string_append (stem, "identity");
  return g_string_free (stem, FALSE);
}

static char *
certificate_fingerprint (gnutls_x509_crt_t certificate)
{
  guint8 digest[32];
  size_t size = sizeof digest;
  GString *hex = g_string_new (NULL);

  if (gnutls_x509_crt_get_fingerprint (certificate, GNUTLS_DIG_SHA256, digest, &size) < 0)
    return g_string_free (hex, FALSE);
  for (size_t i = 0; i < size; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

static char *
certificate_common_name (gnutls_x509_crt_t certificate)
{
  char buffer[512];
  size_t size = sizeof buffer;

  if (gnutls_x509_crt_get_dn_by_oid (certificate, GNUTLS_OID_X520_COMMON_NAME, 0, 0, buffer,
                                     &size) < 0)
    return NULL;
  return g_strndup (buffer, size);
}

static QuorumIdentityInfo *
describe (gnutls_x509_crt_t  certificate,
          const char        *name,
          const char        *path)
{
  QuorumIdentityInfo *info = g_new0 (QuorumIdentityInfo, 1);
  gnutls_datum_t dn = { NULL, 0 };
  g_autoptr(GDateTime) expires = g_date_time_new_from_unix_utc (
    gnutls_x509_crt_get_expiration_time (certificate));
  char issuer[1024], subject[1024];
  size_t issuer_size = sizeof issuer, subject_size = sizeof subject;

  info->name = g_strdup (name);
  if (gnutls_x509_crt_get_dn3 (certificate, &dn, 0) >= 0)
    {
      info->subject = g_strndup ((const char *) dn.data, dn.size);
      gnutls_free (dn.data);
    }
  info->fingerprint = certificate_fingerprint (certificate);
  info->expires = expires != NULL ? g_date_time_format_iso8601 (expires) : NULL;
  info->path = g_strdup (path);
  info->self_signed = gnutls_x509_crt_get_issuer_dn (certificate, issuer, &issuer_size) >= 0 &&
                      gnutls_x509_crt_get_dn (certificate, subject, &subject_size) >= 0 &&
                      issuer_size == subject_size && memcmp (issuer, subject, subject_size) == 0;
  return info;
}

/* Writes `data` to a new file `path` with mode 0600; never replaces a file. */
static gboolean
write_private_file (const char    *path,
                    const void    *data,
                    gsize          size,
                    GError       **error)
{
  g_autofree char *name = g_filename_display_name (path);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gssize written = 0;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, QUORUM_EVIDENCE_ERROR,
                   saved == EEXIST ? QUORUM_EVIDENCE_ERROR_EXISTS : QUORUM_EVIDENCE_ERROR_WRITE,
                   saved == EEXIST ? _("“%s” exists already.") : _("Cannot write “%s”: %s"),
                   name, g_strerror (saved));
      return FALSE;
    }
  while ((gsize) written < size)
    {
      gssize n = write (fd, (const char *) data + written, size - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          close (fd);
          g_unlink (path);
          g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_WRITE,
                       _("Cannot write “%s”: %s"), name, g_strerror (saved));
          return FALSE;
        }
      written += n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved = errno;
      g_unlink (path);
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Stores the .p12 and its description; both or neither. */
static QuorumIdentityInfo *
store (const char         *dir,
       const char         *name,
       gnutls_x509_crt_t   certificate,
       const void         *p12,
       gsize               p12_size,
       GError            **error)
{
  g_autofree char *stem = file_stem (name);
  g_autofree char *p12_name = g_strconcat (stem, ".p12", NULL);
  g_autofree char *info_name = g_strconcat (stem, ".identity", NULL);
  g_autofree char *p12_path = g_build_filename (dir, p12_name, NULL);
  g_autofree char *info_path = g_build_filename (dir, info_name, NULL);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *text = NULL;
  QuorumIdentityInfo *info;
  gsize text_size;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_WRITE,
                   _("Cannot create the folder for identities: %s"), g_strerror (errno));
      return NULL;
    }
  if (g_file_test (info_path, G_FILE_TEST_EXISTS) || g_file_test (p12_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_EXISTS,
                   _("There is already an identity called “%s”."), name);
      return NULL;
    }

  info = describe (certificate, name, p12_path);
  g_key_file_set_string (keys, "Identity", "Name", info->name);
  g_key_file_set_string (keys, "Identity", "Subject", info->subject != NULL ? info->subject : "");
  g_key_file_set_string (keys, "Identity", "Fingerprint", info->fingerprint);
  g_key_file_set_string (keys, "Identity", "Expires", info->expires != NULL ? info->expires : "");
  g_key_file_set_boolean (keys, "Identity", "SelfSigned", info->self_signed);
  g_key_file_set_string (keys, "Identity", "File", p12_name);
  text = g_key_file_to_data (keys, &text_size, NULL);

  if (!write_private_file (p12_path, p12, p12_size, error))
    {
      quorum_identity_info_free (info);
      return NULL;
    }
  if (!write_private_file (info_path, text, text_size, error))
    {
      g_unlink (p12_path);
      quorum_identity_info_free (info);
      return NULL;
    }
  return info;
}

QuorumIdentityInfo *
quorum_identity_create (const char     *dir,
                        const char     *name,
                        const char     *email,
                        const char     *organization,
                        QuorumKeyKind   kind,
                        const char     *passphrase,
                        GError        **error)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t certificate = NULL;
  gnutls_pkcs12_t p12 = NULL;
  gnutls_pkcs12_bag_t cert_bag = NULL, key_bag = NULL;
  gnutls_datum_t key_der = { NULL, 0 }, out = { NULL, 0 }, key_id_datum;
  guint8 serial[16], key_id[64];
  size_t key_id_size = sizeof key_id;
  time_t now = time (NULL);
  QuorumIdentityInfo *info = NULL;
  g_autofree char *stripped = NULL;
  int rc, index;

  g_return_val_if_fail (name != NULL && passphrase != NULL, NULL);

  stripped = g_strstrip (g_strdup (name));
  if (!g_utf8_validate (name, -1, NULL) || *stripped == '\0')
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_IDENTITY,
                   _("An identity needs the signer’s name."));
      return NULL;
    }
  if (strlen (passphrase) < 8)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_PASSPHRASE,
                   _("The passphrase must have at least 8 characters."));
      return NULL;
    }

  if ((rc = gnutls_x509_privkey_init (&key)) < 0 ||
      (rc = kind == QUORUM_KEY_RSA_3072
            ? gnutls_x509_privkey_generate2 (key, GNUTLS_PK_RSA, 3072, 0, NULL, 0)
            : gnutls_x509_privkey_generate2 (key, GNUTLS_PK_ECDSA,
                                             GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0,
                                             NULL, 0)) < 0)
    {
      fail_gnutls (error, QUORUM_EVIDENCE_ERROR_IDENTITY, rc, _("The key could not be made"));
      goto out;
    }

  gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial);
  serial[0] = (serial[0] & 0x7f) | 0x01;  /* positive and not zero */
  if ((rc = gnutls_x509_crt_init (&certificate)) < 0 ||
      (rc = gnutls_x509_crt_set_version (certificate, 3)) < 0 ||
      (rc = gnutls_x509_crt_set_serial (certificate, serial, sizeof serial)) < 0 ||
      (rc = gnutls_x509_crt_set_activation_time (certificate, now - 3600)) < 0 ||
      (rc = gnutls_x509_crt_set_expiration_time (certificate,
                                                 now + CERTIFICATE_YEARS * 365 * 24 * 3600)) < 0 ||
      (rc = gnutls_x509_crt_set_dn_by_oid (certificate, GNUTLS_OID_X520_COMMON_NAME, 0, name,
                                           strlen (name))) < 0 ||
      (organization != NULL && *organization != '\0' &&
       (rc = gnutls_x509_crt_set_dn_by_oid (certificate, GNUTLS_OID_X520_ORGANIZATION_NAME, 0,
                                            organization, strlen (organization))) < 0) ||
      (email != NULL && *email != '\0' &&
       (rc = gnutls_x509_crt_set_dn_by_oid (certificate, GNUTLS_OID_PKCS9_EMAIL, 0, email,
                                            strlen (email))) < 0) ||
      (rc = gnutls_x509_crt_set_key (certificate, key)) < 0 ||
      (rc = gnutls_x509_crt_set_key_usage (certificate, GNUTLS_KEY_DIGITAL_SIGNATURE |
                                                        GNUTLS_KEY_NON_REPUDIATION)) < 0 ||
      (rc = gnutls_x509_crt_set_basic_constraints (certificate, 0, -1)) < 0 ||
      (rc = gnutls_x509_crt_get_key_id (certificate, 0, key_id, &key_id_size)) < 0 ||
      (rc = gnutls_x509_crt_set_subject_key_id (certificate, key_id, key_id_size)) < 0 ||
      (rc = gnutls_x509_crt_sign2 (certificate, certificate, key, GNUTLS_DIG_SHA256, 0)) < 0)
    {
      fail_gnutls (error, QUORUM_EVIDENCE_ERROR_IDENTITY, rc,
                   _("The certificate could not be made"));
      goto out;
    }

  key_id_datum.data = key_id;
  key_id_datum.size = key_id_size;
  /* The certificate in the clear (it is public); the key encrypted with AES-256. */
  if ((rc = gnutls_pkcs12_init (&p12)) < 0 ||
      (rc = gnutls_pkcs12_bag_init (&cert_bag)) < 0 ||
      (index = rc = gnutls_pkcs12_bag_set_crt (cert_bag, certificate)) < 0 ||
      (rc = gnutls_pkcs12_bag_set_friendly_name (cert_bag, index, name)) < 0 ||
      (rc = gnutls_pkcs12_bag_set_key_id (cert_bag, index, &key_id_datum)) < 0 ||
      (rc = gnutls_pkcs12_set_bag (p12, cert_bag)) < 0 ||
      (rc = gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_DER, passphrase,
                                               GNUTLS_PKCS_PBES2_AES_256, &key_der)) < 0 ||
      (rc = gnutls_pkcs12_bag_init (&key_bag)) < 0 ||
      (index = rc = gnutls_pkcs12_bag_set_data (key_bag, GNUTLS_BAG_PKCS8_ENCRYPTED_KEY,
                                                &key_der)) < 0 ||
      (rc = gnutls_pkcs12_bag_set_friendly_name (key_bag, index, name)) < 0 ||
      (rc = gnutls_pkcs12_bag_set_key_id (key_bag, index, &key_id_datum)) < 0 ||
      (rc = gnutls_pkcs12_set_bag (p12, key_bag)) < 0 ||
      (rc = gnutls_pkcs12_generate_mac2 (p12, GNUTLS_MAC_SHA256, passphrase)) < 0 ||
      (rc = gnutls_pkcs12_export2 (p12, GNUTLS_X509_FMT_DER, &out)) < 0)
    {
      fail_gnutls (error, QUORUM_EVIDENCE_ERROR_IDENTITY, rc,
                   _("The identity file could not be made"));
      goto out;
    }

  info = store (dir, name, certificate, out.data, out.size, error);

out:
  if (out.data != NULL)
    gnutls_free (out.data);
  if (key_der.data != NULL)
    {
      gnutls_memset (key_der.data, 0, key_der.size);
      gnutls_free (key_der.data);
    }
  if (key_bag != NULL)
    gnutls_pkcs12_bag_deinit (key_bag);
  if (cert_bag != NULL)
    gnutls_pkcs12_bag_deinit (cert_bag);
  if (p12 != NULL)
    gnutls_pkcs12_deinit (p12);
  if (certificate != NULL)
    gnutls_x509_crt_deinit (certificate);
  if (key != NULL)
    gnutls_x509_privkey_deinit (key);
  return info;
}

void
quorum_signer_free (QuorumSigner *signer)
{
  if (signer == NULL)
    return;
  if (signer->certificate != NULL)
    gnutls_x509_crt_deinit (signer->certificate);
  if (signer->key != NULL)
    gnutls_privkey_deinit (signer->key);
  g_free (signer->name);
  g_free (signer->fingerprint);
  g_free (signer);
}

static QuorumSigner *
open_p12 (const guint8  *data,
          gsize          size,
          const char    *passphrase,
          const char    *display_name,
          GError       **error)
{
  gnutls_pkcs12_t p12 = NULL;
  gnutls_x509_privkey_t x509_key = NULL;
  gnutls_x509_crt_t *chain = NULL;
  unsigned int chain_len = 0;
  gnutls_datum_t datum = { (unsigned char *) data, (unsigned int) size };
  QuorumSigner *signer = NULL;
  unsigned int usage = 0;
  int rc;

  if ((rc = gnutls_pkcs12_init (&p12)) < 0 ||
      (rc = gnutls_pkcs12_import (p12, &datum, GNUTLS_X509_FMT_DER, 0)) < 0)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_IDENTITY,
                   _("“%s” is not a PKCS#12 identity file, or it is damaged."), display_name);
      goto out;
    }
  rc = gnutls_pkcs12_verify_mac (p12, passphrase);
  if (rc == GNUTLS_E_MAC_VERIFY_FAILED)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_PASSPHRASE,
                   _("The passphrase for “%s” is wrong."), display_name);
      goto out;
    }
  if (rc < 0 && rc != GNUTLS_E_UNKNOWN_HASH_ALGORITHM)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_IDENTITY,
                   _("“%s” is damaged: %s"), display_name, gnutls_strerror (rc));
      goto out;
    }
  rc = gnutls_pkcs12_simple_parse (p12, passphrase, &x509_key, &chain, &chain_len, NULL, NULL,
                                   NULL, 0);
  if (rc == GNUTLS_E_DECRYPTION_FAILED)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_PASSPHRASE,
                   _("The passphrase for “%s” is wrong."), display_name);
      goto out;
    }
  if (rc < 0 || x509_key == NULL || chain_len == 0)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_IDENTITY,
                   _("“%s” holds no certificate with its private key (%s)."), display_name,
                   rc < 0 ? gnutls_strerror (rc) : _("nothing found"));
      goto out;
    }
  if (gnutls_x509_crt_get_key_usage (chain[0], &usage, NULL) >= 0 &&
      !(usage & (GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION)))
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_IDENTITY,
                   _("The certificate in “%s” may not be used to sign documents."),
                   display_name);
      goto out;
    }

  signer = g_new0 (QuorumSigner, 1);
  signer->certificate = chain[0];
  chain[0] = NULL;
  if ((rc = gnutls_privkey_init (&signer->key)) < 0 ||
      (rc = gnutls_privkey_import_x509 (signer->key, x509_key,
                                        GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE)) < 0)
    {
      fail_gnutls (error, QUORUM_EVIDENCE_ERROR_IDENTITY, rc, _("The private key cannot be used"));
      quorum_signer_free (signer);
      signer = NULL;
      goto out;
    }
  x509_key = NULL;  /* owned by signer->key now */
  signer->name = certificate_common_name (signer->certificate);
  signer->fingerprint = certificate_fingerprint (signer->certificate);

out:
  for (unsigned int i = 0; i < chain_len; i++)
    if (chain[i] != NULL)
      gnutls_x509_crt_deinit (chain[i]);
  gnutls_free (chain);
  if (x509_key != NULL)
    gnutls_x509_privkey_deinit (x509_key);
  if (p12 != NULL)
    gnutls_pkcs12_deinit (p12);
  return signer;
}

QuorumSigner *
quorum_signer_open (const char  *p12_path,
                    const char  *passphrase,
                    GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = g_filename_display_basename (p12_path);
  gsize size = 0;

  if (!g_file_get_contents (p12_path, &data, &size, error))
    return NULL;
  return open_p12 ((const guint8 *) data, size, passphrase, name, error);
}

gnutls_x509_crt_t
quorum_signer_get_certificate (QuorumSigner *signer)
{
  return signer->certificate;
}

gnutls_privkey_t
quorum_signer_get_key (QuorumSigner *signer)
{
  return signer->key;
}

const char *
quorum_signer_get_name (QuorumSigner *signer)
{
  return signer->name;
}

const char *
quorum_signer_get_fingerprint (QuorumSigner *signer)
{
  return signer->fingerprint;
}

QuorumIdentityInfo *
quorum_identity_import (const char  *dir,
                        const char  *p12_path,
                        const char  *passphrase,
                        GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_basename (p12_path);
  g_autoptr(QuorumSigner) signer = NULL;
  gsize size = 0;

  if (!g_file_get_contents (p12_path, &data, &size, error))
    return NULL;
  /* Opening it proves the passphrase and that it can sign. */
  signer = open_p12 ((const guint8 *) data, size, passphrase, display, error);
  if (signer == NULL)
    return NULL;
  return store (dir, signer->name != NULL ? signer->name : display, signer->certificate, data,
                size, error);
}

static QuorumIdentityInfo *
read_info (const char  *dir,
           const char  *info_path,
           GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *file = NULL;
  QuorumIdentityInfo *info;

  if (!g_key_file_load_from_file (keys, info_path, G_KEY_FILE_NONE, error))
    return NULL;
  info = g_new0 (QuorumIdentityInfo, 1);
  info->name = g_key_file_get_string (keys, "Identity", "Name", NULL);
  info->subject = g_key_file_get_string (keys, "Identity", "Subject", NULL);
  info->fingerprint = g_key_file_get_string (keys, "Identity", "Fingerprint", NULL);
  info->expires = g_key_file_get_string (keys, "Identity", "Expires", NULL);
  info->self_signed = g_key_file_get_boolean (keys, "Identity", "SelfSigned", NULL);
  file = g_key_file_get_string (keys, "Identity", "File", NULL);
  if (info->name == NULL || file == NULL || strchr (file, '/') != NULL)
    {
      g_autofree char *shown = g_filename_display_name (info_path);
      quorum_identity_info_free (info);
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_IDENTITY,
                   _("“%s” does not describe an identity."), shown);
      return NULL;
    }
  info->path = g_build_filename (dir, file, NULL);
  return info;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const QuorumIdentityInfo *x = *(QuorumIdentityInfo **) a, *y = *(QuorumIdentityInfo **) b;
  return g_utf8_collate (x->name, y->name);
}

GPtrArray *
quorum_identity_list (const char  *dir,
                      GError     **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) quorum_identity_info_free);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *entry;

  if (folder == NULL)
    return list;  /* no identities yet */
  while ((entry = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      QuorumIdentityInfo *info;
      if (!g_str_has_suffix (entry, ".identity"))
        continue;
      path = g_build_filename (dir, entry, NULL);
      if ((info = read_info (dir, path, NULL)) != NULL)
        g_ptr_array_add (list, info);
    }
  g_ptr_array_sort (list, compare_names);
  return list;
}

QuorumIdentityInfo *
quorum_identity_find (const char  *dir,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = quorum_identity_list (dir, error);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      QuorumIdentityInfo *info = g_ptr_array_index (list, i);
      g_autofree char *a = g_utf8_casefold (info->name, -1);
      g_autofree char *b = g_utf8_casefold (name, -1);
      if (g_strcmp0 (a, b) == 0)
        return g_ptr_array_steal_index (list, i);
    }
  g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_NOT_FOUND,
               _("There is no identity called “%s”. “quorum-cli identity list” shows them."),
               name);
  return NULL;
}

/* ---- on a worker thread ------------------------------------------------------------- */

/* What a worker thread makes or imports an identity from */
typedef struct
{
  char *dir;
  char *name;          /* create */
  char *email;
  char *organization;
  QuorumKeyKind kind;
  char *p12_path;      /* import */
  char *passphrase;    /* a copy, wiped when done */
} IdentityJob;

static void
identity_job_free (gpointer data)
{
  IdentityJob *job = data;

  if (job->passphrase != NULL)
    explicit_bzero (job->passphrase, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job->dir);
  g_free (job->name);
  g_free (job->email);
  g_free (job->organization);
  g_free (job->p12_path);
  g_free (job);
}

static void
identity_job_run (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  IdentityJob *job = task_data;
  GError *error = NULL;
  QuorumIdentityInfo *info;

  if (job->p12_path != NULL)
    info = quorum_identity_import (job->dir, job->p12_path, job->passphrase, &error);
  else
    info = quorum_identity_create (job->dir, job->name, job->email, job->organization, job->kind,
                                   job->passphrase, &error);
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) quorum_identity_info_free);
}

static void
identity_job_start (IdentityJob         *job,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, identity_job_start);
  g_task_set_task_data (task, job, identity_job_free);
  g_task_run_in_thread (task, identity_job_run);
  g_object_unref (task);
}

void
quorum_identity_create_async (const char          *dir,
                              const char          *name,
                              const char          *email,
                              const char          *organization,
                              QuorumKeyKind        kind,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  IdentityJob *job = g_new0 (IdentityJob, 1);

  g_return_if_fail (dir != NULL && name != NULL && passphrase != NULL);
  job->dir = g_strdup (dir);
  job->name = g_strdup (name);
  job->email = g_strdup (email);
  job->organization = g_strdup (organization);
  job->kind = kind;
  job->passphrase = g_strdup (passphrase);
  identity_job_start (job, cancellable, callback, user_data);
}

void
quorum_identity_import_async (const char          *dir,
                              const char          *p12_path,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  IdentityJob *job = g_new0 (IdentityJob, 1);

  g_return_if_fail (dir != NULL && p12_path != NULL && passphrase != NULL);
  job->dir = g_strdup (dir);
  job->p12_path = g_strdup (p12_path);
  job->passphrase = g_strdup (passphrase);
  identity_job_start (job, cancellable, callback, user_data);
}

QuorumIdentityInfo *
quorum_identity_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == identity_job_start, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
