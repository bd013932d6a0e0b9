/* fuzz-layout.c: arbitrary bytes as text in every place the minutes put text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <string.h>

#include "quorum-pdf-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Only DejaVu Sans: loading and cutting the 21 MB CJK font for every input
 * would allow about one run a second.  Characters DejaVu lacks then take
 * the no-font path; CJK rendering itself is covered by tests/test-minutes.c. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  FcPattern *pattern = FcNameParse ((const FcChar8 *) "DejaVu Sans");
  FcResult result;
  FcPattern *match;
  FcChar8 *file = NULL;
  FcConfig *only_dejavu = FcConfigCreate ();

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  g_assert_nonnull (match);
  g_assert_true (FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch);
  {
    g_autofree char *dir = g_path_get_dirname ((const char *) file);
    FcConfigAppFontAddDir (only_dejavu, (const FcChar8 *) dir);
  }
  FcConfigSetCurrent (only_dejavu);
  FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);  /* stops at a NUL, as C text */
  static const QuorumPdfColumn columns[] = {
    { "A", 0.2, FALSE }, { "B", 0.5, FALSE }, { "C", 0.3, TRUE },
  };
  QuorumPdf *pdf = _quorum_pdf_new (&error);
  GBytes *volatile bytes = NULL;

  g_assert_no_error (error);
  if (setjmp (*_quorum_pdf_jmp (pdf)) != 0)
    {
      /* libharu refused something: that must come back as an error, not a crash */
      g_autoptr(GError) failure = _quorum_pdf_take_error (pdf);
      g_assert_nonnull (failure);
      _quorum_pdf_free (pdf);
      return 0;
    }
  for (int pass = 0; pass < 2; pass++)
    {
      GPtrArray *rows = _quorum_pdf_keep (pdf, g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
      QuorumPdfCell *cells = _quorum_pdf_keep (pdf, g_new0 (QuorumPdfCell, 3), g_free);

      if (pass == 1)
        _quorum_pdf_end_dry_run (pdf);
      _quorum_pdf_set_info (pdf, text, text, text, text);
      _quorum_pdf_set_running (pdf, text, text, text);
      _quorum_pdf_heading (pdf, QUORUM_PDF_HEADING, text);
      _quorum_pdf_paragraph (pdf, QUORUM_PDF_BODY, 12, text);
      cells[0].text = text;
      cells[1].text = text;
      cells[2].text = text;
      cells[1].style = QUORUM_PDF_BOLD;
      g_ptr_array_add (rows, cells);
      _quorum_pdf_table (pdf, columns, G_N_ELEMENTS (columns), rows);
      _quorum_pdf_signature_line (pdf, text, text, text);
      bytes = _quorum_pdf_finish (pdf, NULL);
    }
  g_assert_nonnull (bytes);
  g_bytes_unref (bytes);
  _quorum_pdf_free (pdf);
  return 0;
}
