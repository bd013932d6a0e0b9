/* test-identity.c: signing identities: made, listed, opened, refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "quorum-identity.h"
#include "quorum-test-util.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char *dir;
  char *identities;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = quorum_test_make_dir ();
  f->identities = g_build_filename (f->dir, "identities", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  quorum_test_remove_tree (f->dir);
  g_free (f->identities);
  g_free (f->dir);
}

static void
test_create_and_open (Fixture       *f,
                      gconstpointer  data)
{
  QuorumKeyKind kind = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumIdentityInfo) info = NULL;
  g_autoptr(QuorumIdentityInfo) found = NULL;
  g_autoptr(QuorumSigner) signer = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) p12 = NULL;
  struct stat st;

  info = quorum_identity_create (f->identities, "Jürgen Müller", "j.mueller@example.com",
                                 "Aster & Finch", kind, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (info->self_signed);
  g_assert_cmpuint (strlen (info->fingerprint), ==, 64);
  g_assert_nonnull (strstr (info->subject, "CN=Jürgen Müller"));

  g_assert_cmpint (g_stat (info->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->identities, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The private key is encrypted at rest: the passphrase is not in the file in any form. */
  p12 = quorum_test_read (info->path);
  g_assert_null (g_strstr_len (g_bytes_get_data (p12, NULL), g_bytes_get_size (p12),
                               "correct horse"));

  list = quorum_identity_list (f->identities, &error);
  g_assert_cmpuint (list->len, ==, 1);
  found = quorum_identity_find (f->identities, "jürgen müller", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->fingerprint, ==, info->fingerprint);

  signer = quorum_signer_open (info->path, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (quorum_signer_get_name (signer), ==, "Jürgen Müller");
  g_assert_cmpstr (quorum_signer_get_fingerprint (signer), ==, info->fingerprint);

  /* A second identity of the same name is refused; the first is untouched. */
  {
    g_autoptr(QuorumIdentityInfo) again = quorum_identity_create (f->identities, "Jürgen Müller",
                                                                  NULL, NULL, kind, PASSPHRASE,
                                                                  &error);
    g_autoptr(GBytes) after = quorum_test_read (info->path);
    g_assert_null (again);
    g_assert_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_EXISTS);
    g_assert_true (g_bytes_equal (p12, after));
  }
}

/* The same on a worker thread: made, imported elsewhere, and a wrong passphrase said */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumIdentityInfo) made = NULL;
  g_autoptr(QuorumIdentityInfo) imported = NULL;
  g_autoptr(QuorumIdentityInfo) refused = NULL;
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere", NULL);
  GAsyncResult *result = NULL;
  char passphrase[] = PASSPHRASE;

  quorum_identity_create_async (f->identities, "Amara Okafor", NULL, "Aster & Finch",
                                QUORUM_KEY_ECDSA_P256, passphrase, NULL, quorum_test_keep_result, &result);
  /* The passphrase was copied: the caller may wipe its own at once */
  memset (passphrase, 0, sizeof passphrase);
  made = quorum_identity_finish (quorum_test_wait_for_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (made->subject, "O=Aster & Finch"));

  quorum_identity_import_async (elsewhere, made->path, "not the passphrase", NULL, quorum_test_keep_result,
                                &result);
  refused = quorum_identity_finish (quorum_test_wait_for_result (&result), &error);
  g_clear_object (&result);
  g_assert_null (refused);
  g_assert_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_PASSPHRASE);
  g_clear_error (&error);

  quorum_identity_import_async (elsewhere, made->path, PASSPHRASE, NULL, quorum_test_keep_result, &result);
  imported = quorum_identity_finish (quorum_test_wait_for_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (imported->fingerprint, ==, made->fingerprint);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumIdentityInfo) info = quorum_identity_create (f->identities, "Amara Okafor", NULL,
                                                               NULL, QUORUM_KEY_ECDSA_P256,
                                                               PASSPHRASE, &error);
  g_autoptr(QuorumSigner) signer = quorum_signer_open (info->path, "correct horse battery stapler",
                                                       &error);
  g_assert_null (signer);
  g_assert_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "passphrase"));
  g_assert_null (strstr (error->message, "stapler"));
}

static void
test_short_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumIdentityInfo) info = quorum_identity_create (f->identities, "Amara Okafor", NULL,
                                                               NULL, QUORUM_KEY_ECDSA_P256,
                                                               "short", &error);
  g_assert_null (info);
  g_assert_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_PASSPHRASE);
  g_assert_false (g_file_test (f->identities, G_FILE_TEST_EXISTS));
}

static void
test_corrupt_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumIdentityInfo) info = quorum_identity_create (f->identities, "Amara Okafor", NULL,
                                                               NULL, QUORUM_KEY_ECDSA_P256,
                                                               PASSPHRASE, &error);
  g_autoptr(GBytes) whole = quorum_test_read (info->path);
  g_autofree char *broken = g_build_filename (f->dir, "broken.p12", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.p12", NULL);
  g_autoptr(QuorumSigner) signer = NULL;
  g_autoptr(QuorumIdentityInfo) imported = NULL;

  quorum_test_write (broken, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) / 2);
  signer = quorum_signer_open (broken, PASSPHRASE, &error);
  g_assert_null (signer);
  g_assert_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_IDENTITY);
  g_clear_error (&error);

  quorum_test_write (text, "not a certificate at all", 24);
  imported = quorum_identity_import (f->identities, text, PASSPHRASE, &error);
  g_assert_null (imported);
  g_assert_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_IDENTITY);
}

/* An identity issued elsewhere: a .p12 written by OpenSSL. */
static void
test_import_openssl (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *key = g_build_filename (f->dir, "key.pem", NULL);
  g_autofree char *crt = g_build_filename (f->dir, "crt.pem", NULL);
  g_autofree char *p12 = g_build_filename (f->dir, "issued.p12", NULL);
  g_autofree char *pass = g_strdup_printf ("pass:%s", PASSPHRASE);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumIdentityInfo) info = NULL;
  g_autoptr(QuorumSigner) signer = NULL;
  int status = 0;
  const char *make_cert[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                              "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", crt,
                              "-days", "30", "-subj", "/CN=Issued Signer/O=Aster & Finch",
                              "-addext", "keyUsage=critical,digitalSignature,nonRepudiation",
                              NULL };
  const char *make_p12[] = { "openssl", "pkcs12", "-export", "-inkey", key, "-in", crt, "-out",
                             p12, "-passout", pass, NULL };

  g_autofree char *openssl = g_find_program_in_path ("openssl");

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  g_spawn_sync (NULL, (char **) make_cert, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) make_p12, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);

  info = quorum_identity_import (f->identities, p12, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "Issued Signer");
  signer = quorum_signer_open (info->path, PASSPHRASE, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/identity/ecdsa", Fixture, GINT_TO_POINTER (QUORUM_KEY_ECDSA_P256),
              fixture_set_up, test_create_and_open, fixture_tear_down);
  g_test_add ("/identity/rsa", Fixture, GINT_TO_POINTER (QUORUM_KEY_RSA_3072), fixture_set_up,
              test_create_and_open, fixture_tear_down);
  g_test_add ("/identity/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);
  g_test_add ("/identity/wrong-passphrase", Fixture, NULL, fixture_set_up, test_wrong_passphrase,
              fixture_tear_down);
  g_test_add ("/identity/short-passphrase", Fixture, NULL, fixture_set_up, test_short_passphrase,
              fixture_tear_down);
  g_test_add ("/identity/corrupt-file", Fixture, NULL, fixture_set_up, test_corrupt_file,
              fixture_tear_down);
  g_test_add ("/identity/import-openssl", Fixture, NULL, fixture_set_up, test_import_openssl,
              fixture_tear_down);
  return g_test_run ();
}
