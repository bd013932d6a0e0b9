/* test-signature.c: signed minutes, checked with pdfsig and mutool, and tampered with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gnutls/gnutls.h>
#include <gnutls/pkcs12.h>
#include <gnutls/x509.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "quorum-signature.h"
#include "quorum-test-util.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char *dir;
  char *db;
  char *passphrase;
  char *nss;
  char *out;
  char *err;
  gboolean debug;   /* run quorum-cli with G_MESSAGES_DEBUG=all */
} Fixture;

static int
run_in (Fixture     *f,
        const char  *program,
        const char  *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  va_list args;

  g_ptr_array_add (argv, (char *) program);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  {
    const char *debug_env[] = { "G_MESSAGES_DEBUG=all", NULL };
    return quorum_test_spawn_full ((const char * const *) argv->pdata, data_home, NULL,
                                   f->debug ? debug_env : NULL, &f->out, &f->err);
  }
}

#define CLI(f, ...) run_in (f, g_getenv ("QUORUM_CLI"), __VA_ARGS__, NULL)
#define TOOL(f, program, ...) run_in (f, program, __VA_ARGS__, NULL)

static void
assert_says (const char *text,
             const char *words)
{
  if (strstr (text, words) == NULL)
    g_error ("“%s” does not say “%s”", text, words);
}

static guint
count (const char *text,
       const char *words)
{
  guint n = 0;
  for (const char *p = strstr (text, words); p != NULL; p = strstr (p + 1, words))
    n++;
  return n;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = quorum_test_make_dir ();
  f->db = g_build_filename (f->dir, "quorum.db", NULL);
  f->passphrase = g_build_filename (f->dir, "passphrase", NULL);
  f->nss = g_build_filename (f->dir, "nss", NULL);
  quorum_test_write (f->passphrase, PASSPHRASE "\n", strlen (PASSPHRASE) + 1);

  /* Two people who sign: the demo's chair and secretary. */
  g_assert_cmpint (CLI (f, "--db", f->db, "demo", "--years", "1"), ==, 0);
  g_assert_cmpint (CLI (f, "identity", "create", "--name", "Margarethe Lindqvist", "--org",
                        "Aster & Finch Logistics AG", "--passphrase-file", f->passphrase), ==, 0);
  g_assert_cmpint (CLI (f, "identity", "create", "--name", "Siobhán O’Connor", "--key", "rsa",
                        "--passphrase-file", f->passphrase), ==, 0);

  /* pdfsig reads certificates from an NSS database */
  g_mkdir (f->nss, 0700);
  {
    g_autofree char *sql = g_strconcat ("sql:", f->nss, NULL);
    g_assert_cmpint (TOOL (f, "certutil", "-N", "-d", sql, "--empty-password"), ==, 0);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  quorum_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->passphrase);
  g_free (f->nss);
  g_free (f->out);
  g_free (f->err);
}

static char *
sign (Fixture    *f,
      const char *id,
      const char *identity,
      const char *name)
{
  char *path = g_build_filename (f->dir, name, NULL);
  int status = CLI (f, "--db", f->db, "sign", id, "--identity", identity, "--passphrase-file",
                    f->passphrase, "-o", path, "--location", "Zürich");
  if (status != 0)
    g_error ("sign failed (%d): %s", status, f->err);
  return path;
}

static char *
pdfsig (Fixture    *f,
        const char *path)
{
  g_autofree char *sql = g_strconcat ("sql:", f->nss, NULL);
  /* pdfsig exits 0 even on a digest mismatch: the lines tell. */
  TOOL (f, "pdfsig", "-nssdir", sql, path);
  return g_strdup (f->out);
}

static void
test_one_signature (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = sign (f, "1", "Margarethe Lindqvist", "one.pdf");
  g_autofree char *report = pdfsig (f, pdf);

  assert_says (report, "Signature Field Name: Signature of the Chair");
  assert_says (report, "Signer Certificate Common Name: Margarethe Lindqvist");
  assert_says (report, "Signature Type: ETSI.CAdES.detached");
  assert_says (report, "Signing Hash Algorithm: SHA-256");
  assert_says (report, "Total document signed");
  assert_says (report, "Signature Validation: Signature is Valid.");
  /* The secretary's field waits for her. */
  assert_says (report, "Signature Field Name: Signature of the Secretary");
  assert_says (report, "The signature form field is not signed.");

  g_assert_cmpint (TOOL (f, "mutool", "sign", "-v", pdf), ==, 0);
  assert_says (f->out, "The document is unchanged since signing.");
  g_assert_cmpint (TOOL (f, "qpdf", "--check", pdf), ==, 0);
  TOOL (f, "pdffonts", pdf);
  g_assert_cmpuint (count (f->out, " no "), ==, 0);

  g_assert_cmpint (CLI (f, "verify", pdf, "--db", f->db), ==, 0);
  assert_says (f->out, "OK: the signature is valid and covers its whole revision.");
  assert_says (f->out, "Nothing was added after the last signature.");
  assert_says (f->out, "matches the signed minutes");
  g_assert_cmpint (CLI (f, "--db", f->db, "list"), ==, 0);
  assert_says (f->out, "\tsigned\t");
}

static void
test_two_signatures (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *one = sign (f, "1", "Margarethe Lindqvist", "one.pdf");
  g_autofree char *two = sign (f, "1", "Siobhán O’Connor", "two.pdf");
  g_autofree char *again = g_build_filename (f->dir, "again.pdf", NULL);
  g_autofree char *report = pdfsig (f, two);
  g_autoptr(GBytes) a = NULL, b = NULL, first = NULL;

  g_assert_cmpuint (count (report, "Signature Validation: Signature is Valid."), ==, 2);
  assert_says (report, "Signer Certificate Common Name: Siobhán O’Connor");
  g_assert_cmpint (TOOL (f, "mutool", "sign", "-v", two), ==, 0);
  assert_says (f->out, "The signature is valid but there have been edits since signing.");
  assert_says (f->out, "The document is unchanged since signing.");

  /* The second signature was added after the first, whose bytes are all still there. */
  first = quorum_test_read (one);
  b = quorum_test_read (two);
  g_assert_cmpuint (g_bytes_get_size (b), >, g_bytes_get_size (first));
  g_assert_cmpmem (g_bytes_get_data (b, NULL), g_bytes_get_size (first),
                   g_bytes_get_data (first, NULL), g_bytes_get_size (first));

  g_assert_cmpint (CLI (f, "--db", f->db, "export-signed", "1", "-o", again), ==, 0);
  a = quorum_test_read (again);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_cmpint (CLI (f, "verify", again), ==, 0);
  g_assert_cmpuint (count (f->out, "OK: the signature is valid"), ==, 2);
}

/* Signs `pdf` in `field` as the identity `name`, made here, and returns the result */
static GBytes *
sign_as (Fixture    *f,
         GBytes     *pdf,
         const char *name,
         const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "more-identities", NULL);
  g_autoptr(QuorumIdentityInfo) info = quorum_identity_create (dir, name, NULL, NULL,
                                                               QUORUM_KEY_ECDSA_P256, PASSPHRASE,
                                                               &error);
  g_autoptr(QuorumSigner) signer = NULL;
  QuorumSignOptions options = { .role = "Approver" };
  GBytes *signed_pdf;

  g_assert_no_error (error);
  signer = quorum_signer_open (info->path, PASSPHRASE, &error);
  g_assert_no_error (error);
  signed_pdf = quorum_pdf_sign (pdf, signer, field, &options, &error);
  g_assert_no_error (error);
  return signed_pdf;
}

/* The font objects of the last signature's appearance, as text */
static char *
last_appearance_font (GBytes *pdf)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  const char *needle = "/FontFile2";
  gsize n = strlen (needle);
  const char *last = NULL;

  /* The file holds NUL bytes and ends without one: compare, do not search strings */
  for (gsize at = 0; at + n <= size; at++)
    if (memcmp (data + at, needle, n) == 0)
      last = data + at;
  g_assert_nonnull (last);
  return g_strndup (last, size - (gsize) (last - data));
}

/* A signer's name in any script shows in the appearance: a font that has its characters,
 * right-to-left names in the order they are read */
static void
test_appearance_scripts (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *one = sign (f, "1", "Margarethe Lindqvist", "one.pdf");
  g_autoptr(GBytes) first = quorum_test_read (one);
  g_autoptr(GBytes) chinese = sign_as (f, first, "王芳", "Signature of the Secretary");
  g_autoptr(GBytes) arabic = sign_as (f, chinese, "فاطمة الزهراء", "Signature of an approver");
  g_autofree char *font = last_appearance_font (chinese);
  g_autofree char *out = g_build_filename (f->dir, "scripts.pdf", NULL);
  g_autofree char *report = NULL;

  /* AR PL UMing draws 王 (U+738B) and 芳 (U+82B3): both in the text the font maps back */
  assert_says (font, "/BaseFont /QRMSIG+UMing");
  assert_says (font, "<738B>");
  assert_says (font, "<82B3>");

  /* DejaVu Sans has the joined Arabic forms: initial fāʼ (U+FED3) among them */
  g_clear_pointer (&font, g_free);
  font = last_appearance_font (arabic);
  assert_says (font, "/BaseFont /QRMSIG+DejaVuSans");
  assert_says (font, "<FED3>");

  quorum_test_write (out, g_bytes_get_data (arabic, NULL), g_bytes_get_size (arabic));
  report = pdfsig (f, out);
  g_assert_cmpuint (count (report, "Signature Validation: Signature is Valid."), ==, 3);
  g_assert_cmpint (TOOL (f, "qpdf", "--check", out), ==, 0);
  TOOL (f, "pdffonts", out);
  g_assert_cmpuint (count (f->out, " no "), ==, 0);
}

static void
test_flipped_byte (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = sign (f, "1", "Margarethe Lindqvist", "one.pdf");
  g_autoptr(GBytes) bytes = quorum_test_read (pdf);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *report = NULL;

  copy[200] ^= 0x01;  /* inside the first signed range */
  quorum_test_write (pdf, copy, g_bytes_get_size (bytes));
  report = pdfsig (f, pdf);
  assert_says (report, "Digest Mismatch.");
  g_assert_cmpint (CLI (f, "verify", pdf), ==, 7);
  assert_says (f->out, "FAILED: the signed bytes were changed after signing");
}

static void
test_appended_bytes (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pdf = sign (f, "1", "Margarethe Lindqvist", "one.pdf");
  g_autoptr(GBytes) bytes = quorum_test_read (pdf);
  g_autoptr(GByteArray) longer = g_byte_array_new ();
  g_autofree char *report = NULL;

  g_byte_array_append (longer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_byte_array_append (longer, (const guint8 *) "% a late addition\n", 18);
  quorum_test_write (pdf, longer->data, longer->len);
  report = pdfsig (f, pdf);
  assert_says (report, "Not total document signed");
  g_assert_cmpint (CLI (f, "verify", pdf), ==, 7);
  assert_says (f->out, "FAILED: bytes were added after the last signature.");
}

static void
test_record_altered (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pdf = sign (f, "1", "Margarethe Lindqvist", "one.pdf");
  sqlite3 *raw;

  g_assert_cmpint (sqlite3_open (f->db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER decisions_frozen_update; "
                                      "UPDATE decisions SET text = 'Something else' WHERE meeting = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  /* The file itself is still as signed; the record behind it is not. */
  g_assert_cmpint (CLI (f, "verify", pdf), ==, 0);
  g_assert_cmpint (CLI (f, "verify", pdf, "--db", f->db), ==, 7);
  assert_says (f->out, "was changed after approval");
  g_assert_cmpint (CLI (f, "--db", f->db, "check"), ==, 7);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "never.pdf", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "wrong", NULL);

  /* A wrong passphrase: a clear message, nothing written or stored. */
  quorum_test_write (wrong, "not the passphrase\n", 19);
  g_assert_cmpint (CLI (f, "--db", f->db, "sign", "1", "--identity", "Margarethe Lindqvist",
                        "--passphrase-file", wrong, "-o", pdf), ==, 5);
  assert_says (f->err, "passphrase");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpint (CLI (f, "--db", f->db, "export-signed", "1", "-o", pdf), ==, 4);

  /* Minutes that are not approved cannot be signed. */
  g_assert_cmpint (CLI (f, "--db", f->db, "sign", "3", "--identity", "Margarethe Lindqvist",
                        "--passphrase-file", f->passphrase, "-o", pdf), ==, 5);
  assert_says (f->err, "must be approved");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* No such identity */
  g_assert_cmpint (CLI (f, "--db", f->db, "sign", "1", "--identity", "Nobody",
                        "--passphrase-file", f->passphrase, "-o", pdf), ==, 4);
}

/* The last place of `needle` in binary `data` (PDFs hold NUL bytes). */
static gsize
find_last (const char *data,
           gsize       size,
           const char *needle)
{
  gsize n = strlen (needle);
  for (gsize i = size - n; i + 1 > 0 && i != G_MAXSIZE; i--)
    if (memcmp (data + i, needle, n) == 0)
      return i;
  g_error ("“%s” is not in the file", needle);
  return 0;
}

/* A small PDF with one signature field whose /Contents is `contents_bytes` long (hex digits
 * between < and >), its /ByteRange leaving out exactly that string, and a correct xref. */
static GString *
pdf_with_contents (gsize contents_bytes)
{
  GString *pdf = g_string_new ("%PDF-1.7\n");
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
    ("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature of the Chair) /Rect [0 0 0 0] "
     "/P 3 0 R /V 5 0 R >>"),
  };
  gsize offsets[6];
  gsize range_at, open_at, close_at, xref_at;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i + 1] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  offsets[5] = pdf->len;
  g_string_append (pdf, "5 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter "
                        "/ETSI.CAdES.detached /ByteRange ");
  range_at = pdf->len;
  g_string_append (pdf, "[0000000000 0000000000 0000000000 0000000000] /Contents ");
  open_at = pdf->len;
  g_string_append_c (pdf, '<');
  for (gsize i = 0; i < contents_bytes; i++)
    g_string_append_c (pdf, "30"[i % 2]);
  g_string_append_c (pdf, '>');
  close_at = pdf->len;
  g_string_append (pdf, " >>\nendobj\n");
  xref_at = pdf->len;
  g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (guint i = 1; i <= 5; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT
                          "\n%%%%EOF\n", xref_at);
  {
    g_autofree char *range = g_strdup_printf ("[0 %010" G_GSIZE_FORMAT " %010" G_GSIZE_FORMAT
                                              " %010" G_GSIZE_FORMAT "]", open_at, close_at,
                                              pdf->len - close_at);
    /* Same width as the placeholder, so no offset moves */
    gsize width = strlen ("[0000000000 0000000000 0000000000 0000000000]");
    g_assert_cmpuint (strlen (range), <=, width);
    memset (pdf->str + range_at, ' ', width);
    memcpy (pdf->str + range_at, range, strlen (range));
  }
  return pdf;
}

/* Files that are not what they claim: a message, never a crash. */
static void
test_malformed_files (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *pdf = sign (f, "1", "Margarethe Lindqvist", "one.pdf");
  g_autoptr(GBytes) bytes = quorum_test_read (pdf);
  const char *text = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);
  g_autofree char *bad = g_build_filename (f->dir, "bad.pdf", NULL);
  gsize range = find_last (text, size, "/ByteRange [");
  gsize xref = find_last (text, size, "\nxref\n");
  struct { gsize cut; const char *says; } truncated[] = {
    { size / 2, "it has no startxref (it may be truncated)" },
    { size - 7, "its /ByteRange points outside the file" },
    { 0, "This is not a PDF file." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (truncated); i++)
    {
      quorum_test_write (bad, text, truncated[i].cut);
      g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
      assert_says (f->out, "FAILED");
      assert_says (f->out, truncated[i].says);
    }

  /* Damaged cross-reference tables */
  {
    g_autofree char *copy = g_memdup2 (text, size);
    gsize at = xref + 11;  /* the first entry's digits, inside the signed bytes */
    memcpy (copy + at, "ZZZZZZ", 6);
    quorum_test_write (bad, copy, size);
    g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
    assert_says (f->out, "FAILED: the signed bytes were changed after signing");
  }
  {
    g_autoptr(GString) copy = g_string_new_len (text, (gssize) size);
    gsize old_header = xref + 6 + strlen ("0 9999999999\n");

    /* A subsection that claims ten billion entries instead of its own count */
    g_string_insert (copy, (gssize) xref + 6, "0 9999999999\n");
    g_string_erase (copy, (gssize) old_header,
                    (gssize) strcspn (copy->str + old_header, "\n") + 1);
    quorum_test_write (bad, copy->str, copy->len);
    g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
    assert_says (f->out, "The PDF is malformed: a cross-reference section is damaged.");
  }
  {
    g_autofree char *copy = g_memdup2 (text, size);
    gsize at = find_last (text, size, "startxref\n") + strlen ("startxref\n");
    gsize digits = strspn (copy + at, "0123456789");
    /* Somewhere in the first page, padded to the same width so nothing moves */
    g_assert_cmpuint (digits, >=, 4);
    memset (copy + at, ' ', digits - 4);
    memcpy (copy + at + digits - 4, "1234", 4);
    quorum_test_write (bad, copy, size);
    g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
    assert_says (f->out, "no cross-reference table where startxref points");
  }

  /* A /ByteRange that points outside the file */
  {
    g_autofree char *copy = g_memdup2 (text, size);
    gsize at = range + strlen ("/ByteRange [0000000000 ");
    memcpy (copy + at, "9999999999", 10);
    quorum_test_write (bad, copy, size);
    g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
    assert_says (f->out, "points outside the file");
  }

  /* The signature's algorithm changed to one that does not exist (ecdsa-with-SHA256 is
   * 1.2.840.10045.4.3.2; its last use in the CMS is the signer's). Outside the signed bytes, so
   * only the algorithm check can object. Found by fuzz-verify: GnuTLS leaked on such input. */
  {
    g_autofree char *copy = g_memdup2 (text, size);
    gsize at = find_last (text, size, "2A8648CE3D040302");
    copy[at + 15] = '9';
    quorum_test_write (bad, copy, size);
    g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
    assert_says (f->out, "Signer: Margarethe Lindqvist");
    assert_says (f->out, "FAILED: its signature algorithm does not fit the signer’s key");
  }

  /* A huge /Contents: refused before anything is decoded; a small one is read as a signature */
  {
    g_autoptr(GString) huge = pdf_with_contents (3 * 1024 * 1024);
    g_autoptr(GString) small = pdf_with_contents (64);
    quorum_test_write (bad, huge->str, huge->len);
    g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
    assert_says (f->out, "Signature of the Chair");
    assert_says (f->out, "FAILED: its /Contents is too large to be a signature");
    quorum_test_write (bad, small->str, small->len);
    g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
    assert_says (f->out, "FAILED: its /Contents holds no CMS signature");
  }

  /* Shorter than "startxref" itself (found by tests/fuzz/fuzz-verify) */
  quorum_test_write (bad, "%PDF-1.4", 8);
  g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
  assert_says (f->out, "FAILED");

  /* Not a PDF at all */
  quorum_test_write (bad, "%!PS-Adobe-3.0\n", 15);
  g_assert_cmpint (CLI (f, "verify", bad), ==, 7);
  assert_says (f->out, "This is not a PDF file.");
}

/* ---- secrets ------------------------------------------------------------------ */

static gboolean
contains (const void *data,
          gsize       size,
          const void *needle,
          gsize       needle_size)
{
  const guint8 *bytes = data;

  g_assert_cmpuint (needle_size, >, 0);
  for (gsize i = 0; i + needle_size <= size; i++)
    if (bytes[i] == *(const guint8 *) needle && memcmp (bytes + i, needle, needle_size) == 0)
      return TRUE;
  return FALSE;
}

/* Every file under `dir`, each checked to hold none of `secrets`; key files are checked for
 * their mode. Returns how many files were read. */
static guint
assert_no_secret_in_tree (const char *dir,
                          GPtrArray  *secrets,
                          const char *except)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      struct stat st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        {
          n += assert_no_secret_in_tree (path, secrets, except);
          continue;
        }
      if (g_strcmp0 (path, except) == 0)
        continue;
      if (g_str_has_suffix (name, ".p12") || g_str_has_suffix (name, ".identity"))
        {
          g_autofree char *parent = g_path_get_dirname (path);
          struct stat dir_st;
          g_assert_cmpint (st.st_mode & 0777, ==, 0600);
          g_assert_cmpint (g_stat (parent, &dir_st), ==, 0);
          g_assert_cmpint (dir_st.st_mode & 0777, ==, 0700);
        }
      bytes = quorum_test_read (path);
      for (guint i = 0; i < secrets->len; i++)
        if (contains (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                      g_bytes_get_data (secrets->pdata[i], NULL),
                      g_bytes_get_size (secrets->pdata[i])))
          g_error ("%s holds secret number %u", path, i);
      n++;
    }
  return n;
}

/* The secret parts of the private key in a `.p12`, opened with the passphrase: the whole key
 * unencrypted (DER) and its secret number (ECDSA k, RSA d). */
static void
add_key_secrets (const char *p12_path,
                 GPtrArray  *secrets)
{
  g_autoptr(GBytes) file = quorum_test_read (p12_path);
  gnutls_datum_t data = { (unsigned char *) g_bytes_get_data (file, NULL),
                          (unsigned) g_bytes_get_size (file) };
  gnutls_pkcs12_t p12;
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t *chain = NULL;
  unsigned chain_len = 0;
  gnutls_datum_t der = { 0 }, secret = { 0 };

  g_assert_cmpint (gnutls_pkcs12_init (&p12), ==, 0);
  g_assert_cmpint (gnutls_pkcs12_import (p12, &data, GNUTLS_X509_FMT_DER, 0), ==, 0);
  g_assert_cmpint (gnutls_pkcs12_simple_parse (p12, PASSPHRASE, &key, &chain, &chain_len, NULL,
                                               NULL, NULL, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_DER, &der), ==, 0);
  if (gnutls_x509_privkey_get_pk_algorithm (key) == GNUTLS_PK_ECDSA)
    {
      gnutls_ecc_curve_t curve;
      gnutls_datum_t x, y;
      g_assert_cmpint (gnutls_x509_privkey_export_ecc_raw (key, &curve, &x, &y, &secret), ==, 0);
      gnutls_free (x.data);
      gnutls_free (y.data);
    }
  else
    {
      gnutls_datum_t m, e, p, q, u;
      g_assert_cmpint (gnutls_x509_privkey_export_rsa_raw (key, &m, &e, &secret, &p, &q, &u), ==,
                       0);
      gnutls_free (m.data);
      gnutls_free (e.data);
      gnutls_free (p.data);
      gnutls_free (q.data);
      gnutls_free (u.data);
    }
  g_assert_cmpuint (secret.size, >=, 32);
  g_ptr_array_add (secrets, g_bytes_new (der.data, der.size));
  /* Skip a leading zero byte that only keeps the number positive */
  g_ptr_array_add (secrets, g_bytes_new (secret.data + (secret.data[0] == 0),
                                         secret.size - (secret.data[0] == 0)));
  gnutls_free (der.data);
  gnutls_free (secret.data);
  for (unsigned i = 0; i < chain_len; i++)
    gnutls_x509_crt_deinit (chain[i]);
  gnutls_free (chain);
  gnutls_x509_privkey_deinit (key);
  gnutls_pkcs12_deinit (p12);
}

static void
find_p12 (const char *dir,
          GPtrArray  *found)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        find_p12 (path, found);
      else if (g_str_has_suffix (name, ".p12"))
        g_ptr_array_add (found, g_steal_pointer (&path));
    }
}

/* The passphrase and the private keys appear nowhere but encrypted in the key files: not in
 * the database, its audit log, the PDFs, or anything Quorum prints, even with debug output. */
static void
test_secrets_stay_secret (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) printed = g_string_new (NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "wrong", NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *never = g_build_filename (f->dir, "never.pdf", NULL);
  const char *wrong_passphrase = "Tr0ub4dor&3 wrong";
  guint n_files;

  f->debug = TRUE;
  pdf = sign (f, "1", "Margarethe Lindqvist", "one.pdf");
  g_string_append (printed, f->out);
  g_string_append (printed, f->err);
  g_free (sign (f, "1", "Siobhán O’Connor", "two.pdf"));
  g_string_append (printed, f->out);
  g_string_append (printed, f->err);

  quorum_test_write (wrong, wrong_passphrase, strlen (wrong_passphrase));
  g_assert_cmpint (CLI (f, "--db", f->db, "sign", "2", "--identity", "Margarethe Lindqvist",
                        "--passphrase-file", wrong, "-o", never), ==, 5);
  g_string_append (printed, f->out);
  g_string_append (printed, f->err);
  g_assert_cmpint (g_unlink (wrong), ==, 0);
  g_assert_cmpint (CLI (f, "identity", "list"), ==, 0);
  g_string_append (printed, f->out);
  g_string_append (printed, f->err);
  g_assert_cmpint (CLI (f, "verify", pdf, "--db", f->db), ==, 0);
  g_string_append (printed, f->out);
  g_string_append (printed, f->err);
  f->debug = FALSE;
  g_assert_nonnull (strstr (printed->str, "passphrase"));   /* the wrong one was refused */

  g_ptr_array_add (secrets, g_bytes_new_static (PASSPHRASE, strlen (PASSPHRASE)));
  g_ptr_array_add (secrets, g_bytes_new_static (wrong_passphrase, strlen (wrong_passphrase)));
  find_p12 (f->dir, keys);
  g_assert_cmpuint (keys->len, ==, 2);
  for (guint i = 0; i < keys->len; i++)
    add_key_secrets (keys->pdata[i], secrets);

  /* The keys at rest are encrypted: the .p12 files hold none of the secrets either. */
  n_files = assert_no_secret_in_tree (f->dir, secrets, f->passphrase);
  g_test_message ("%u files checked for %u secrets", n_files, secrets->len);
  g_assert_cmpuint (n_files, >=, 7);   /* database, two PDFs, two keys and their sidecars */
  for (guint i = 0; i < secrets->len; i++)
    if (contains (printed->str, printed->len, g_bytes_get_data (secrets->pdata[i], NULL),
                  g_bytes_get_size (secrets->pdata[i])))
      g_error ("Quorum printed secret number %u", i);

  /* The audit log, as text */
  {
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;
    guint rows = 0;

    g_assert_cmpint (sqlite3_open_v2 (f->db, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT coalesce(old_value, '') || '|' || "
                                         "coalesce(new_value, '') FROM audit_log", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *entry = (const char *) sqlite3_column_text (stmt, 0);
        g_assert_null (strstr (entry, PASSPHRASE));
        g_assert_null (strstr (entry, wrong_passphrase));
        rows++;
      }
    g_assert_cmpuint (rows, >, 100);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("QUORUM_CLI") == NULL)
    {
      g_printerr ("Set QUORUM_CLI to the quorum-cli to test (meson test does).\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signature/one", test_one_signature);
  ADD ("/signature/two", test_two_signatures);
  ADD ("/signature/appearance-scripts", test_appearance_scripts);
  ADD ("/signature/flipped-byte", test_flipped_byte);
  ADD ("/signature/appended-bytes", test_appended_bytes);
  ADD ("/signature/record-altered", test_record_altered);
  ADD ("/signature/refusals", test_refusals);
  ADD ("/signature/malformed-files", test_malformed_files);
  ADD ("/signature/secrets-stay-secret", test_secrets_stay_secret);
#undef ADD

  return g_test_run ();
}
