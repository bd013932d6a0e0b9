/* quorum-pdf-private.h: page layout over libharu, for the minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A flow of headings, paragraphs, tables and charts on A4 pages, with font
 * fallback by character, wrapping by measured width, right-to-left lines in
 * visual order, and a header and footer on every page.
 *
 * libharu reports errors through a handler that jumps back to the caller of
 * _quorum_pdf_try(); every function here may therefore not return.  Memory
 * that must survive such a jump is owned by the QuorumPdf (see
 * _quorum_pdf_keep()).
 */
#pragma once

#include <glib.h>
#include <setjmp.h>

G_BEGIN_DECLS

typedef struct _QuorumPdf QuorumPdf;

/* Where a signature line was drawn: page (0-based) and a box in points,
 * origin bottom left, to hold a signature's appearance. */
typedef struct
{
  guint page;
  double x, y, width, height;
} QuorumPdfSpot;

typedef enum
{
  QUORUM_PDF_BODY,
  QUORUM_PDF_BOLD,
  QUORUM_PDF_SMALL,
  QUORUM_PDF_SMALL_BOLD,
  QUORUM_PDF_TITLE,
  QUORUM_PDF_HEADING,
  QUORUM_PDF_SUBHEADING,
  QUORUM_PDF_N_STYLES
} QuorumPdfStyle;

typedef struct
{
  const char *title;     /* header row */
  double share;          /* fraction of the text width */
  gboolean right;        /* right-aligned (amounts, numbers) */
} QuorumPdfColumn;

/* A cell is text, or a small trend chart when `chart` is set. */
typedef struct
{
  const char *text;
  QuorumPdfStyle style;
  const double *chart;   /* values, oldest first */
  guint chart_len;
  double chart_target;
  gboolean chart_has_target;
} QuorumPdfCell;

/* A new document starts in a dry run: everything is laid out but nothing is
 * drawn, to learn which characters each font must hold.  Then
 * _quorum_pdf_end_dry_run() cuts the fonts down to those, and the same
 * calls are made again for real; _quorum_pdf_finish() returns NULL after
 * the dry run and the PDF after the real one. */
QuorumPdf  *_quorum_pdf_new            (GError        **error);
void        _quorum_pdf_end_dry_run    (QuorumPdf      *pdf);
void        _quorum_pdf_free           (QuorumPdf      *pdf);
/* The jump target for libharu errors: use as `if (setjmp (*_quorum_pdf_jmp (pdf)))`. */
jmp_buf    *_quorum_pdf_jmp            (QuorumPdf      *pdf);
/* After a jump: the error that caused it. */
GError     *_quorum_pdf_take_error     (QuorumPdf      *pdf);

/* Memory owned by the document until _quorum_pdf_free(). */
gpointer    _quorum_pdf_keep           (QuorumPdf      *pdf,
                                        gpointer        data,
                                        GDestroyNotify  destroy);
const char *_quorum_pdf_printf         (QuorumPdf      *pdf,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);

void        _quorum_pdf_set_info       (QuorumPdf      *pdf,
                                        const char     *title,
                                        const char     *author,
                                        const char     *subject,
                                        const char     *keywords);
void        _quorum_pdf_set_running    (QuorumPdf      *pdf,
                                        const char     *header_left,
                                        const char     *header_right,
                                        const char     *footer_left);

double      _quorum_pdf_text_width     (QuorumPdf      *pdf);
void        _quorum_pdf_space          (QuorumPdf      *pdf,
                                        double          points);
void        _quorum_pdf_new_page       (QuorumPdf      *pdf);
/* Starts a new page unless `points` fit below the cursor. */
void        _quorum_pdf_need           (QuorumPdf      *pdf,
                                        double          points);
void        _quorum_pdf_heading        (QuorumPdf      *pdf,
                                        QuorumPdfStyle  style,
                                        const char     *text);
void        _quorum_pdf_paragraph      (QuorumPdf      *pdf,
                                        QuorumPdfStyle  style,
                                        double          indent,
                                        const char     *text);
/* A logo (PNG), at most `height` points high.  An image that cannot be read
 * is left out; the minutes do not fail for it. */
gboolean    _quorum_pdf_image          (QuorumPdf      *pdf,
                                        GBytes         *image,
                                        double          height);
/* rows: a GPtrArray of QuorumPdfCell arrays, one cell per column. */
void        _quorum_pdf_table          (QuorumPdf             *pdf,
                                        const QuorumPdfColumn *columns,
                                        guint                  n_columns,
                                        GPtrArray             *rows);
/* A line to sign on, with the name and role under it; kept on one page. */
#define QUORUM_PDF_SIGNATURE_HEIGHT 62.0
void        _quorum_pdf_signature_line (QuorumPdf      *pdf,
                                        const char     *name,
                                        const char     *role,
                                        const char     *signed_text);
/* Drawn under the footer of the last page only (the record hash). */
void        _quorum_pdf_set_last_page_note (QuorumPdf  *pdf,
                                        const char     *note);
/* QuorumPdfSpot of each signature line, in order (valid after the real run) */
GArray     *_quorum_pdf_get_spots      (QuorumPdf      *pdf);
/* libharu's output with a ToUnicode for each of its fonts that viewers can use to copy and
 * search the text, as an incremental update (quorum-signature.c, which reads and updates
 * PDF files) */
GBytes     *_quorum_pdf_mend_to_unicode (GBytes        *pdf,
                                         GError       **error);
GBytes     *_quorum_pdf_finish         (QuorumPdf      *pdf,
                                        guint          *n_pages);

G_END_DECLS
