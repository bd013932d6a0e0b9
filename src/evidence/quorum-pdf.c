/* quorum-pdf.c: page layout over libharu, for the minutes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libharu draws text in one font at a time and measures in bytes, so this
 * file does its own text handling: every character is given the first font
 * that has a glyph for it (FreeType answers that), widths come from the
 * fonts' advance widths, lines are broken by measured width, and lines with
 * right-to-left text are put in visual order with fribidi before drawing.
 * A character that no font can draw (emoji above U+FFFF, which libharu
 * would drop) is drawn as U+FFFD, visibly.
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include <fribidi.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <hb.h>
#include <hb-subset.h>
#include <hpdf.h>
#include <math.h>
#include <png.h>
#include <string.h>
#include <unistd.h>

#include "quorum-evidence.h"
#include "quorum-pdf-private.h"

/* A4 in points, and the frame the flow runs in */
#define PAGE_WIDTH    595.276
#define PAGE_HEIGHT   841.89
#define MARGIN_X      56.0
#define CONTENT_TOP   (PAGE_HEIGHT - 76.0)
#define CONTENT_BOTTOM 64.0
#define HEADER_BASELINE (PAGE_HEIGHT - 42.0)
#define FOOTER_BASELINE 38.0
#define CELL_PADDING  3.0
#define CHART_HEIGHT  22.0
#define REPLACEMENT   0xFFFD

typedef enum
{
  FONT_REGULAR,
  FONT_BOLD,
  FONT_HAN,       /* Chinese and Japanese */
  FONT_HANGUL,    /* Korean */
  N_FONTS
} FontSlot;

typedef struct
{
  const char *family;
  int weight;
  gboolean required;
  const char *package;   /* where Debian has it, for the error message */
} FontWanted;

static const FontWanted wanted_fonts[N_FONTS] = {
  [FONT_REGULAR] = { "DejaVu Sans", FC_WEIGHT_REGULAR, TRUE, "fonts-dejavu-core" },
  [FONT_BOLD] = { "DejaVu Sans", FC_WEIGHT_BOLD, TRUE, "fonts-dejavu-core" },
  [FONT_HAN] = { "AR PL UMing CN", FC_WEIGHT_REGULAR, FALSE, "fonts-arphic-uming" },
  [FONT_HANGUL] = { "NanumGothic", FC_WEIGHT_REGULAR, FALSE, "fonts-nanum" },
};

typedef struct
{
  char *path;            /* NULL: not installed */
  int index;             /* face in a collection (.ttc) */
  FT_Face face;          /* opened when first asked about a character */
  gboolean face_tried;
  HPDF_Font hpdf;        /* loaded into the document when first drawn */
  char *subset_path;     /* the font cut down to the characters drawn, or NULL */
  guint8 *used;          /* bitmap of the BMP characters drawn with this font */
} Font;

typedef struct
{
  double size;
  gboolean bold;
  double leading;
  double gray;           /* 0 black … 1 white */
} Style;

static const Style styles[QUORUM_PDF_N_STYLES] = {
  [QUORUM_PDF_BODY] = { 9.5, FALSE, 13.0, 0.0 },
  [QUORUM_PDF_BOLD] = { 9.5, TRUE, 13.0, 0.0 },
  [QUORUM_PDF_SMALL] = { 8.0, FALSE, 10.5, 0.25 },
  [QUORUM_PDF_SMALL_BOLD] = { 8.0, TRUE, 10.5, 0.0 },
  [QUORUM_PDF_TITLE] = { 18.0, TRUE, 23.0, 0.0 },
  [QUORUM_PDF_HEADING] = { 13.0, TRUE, 17.0, 0.1 },
  [QUORUM_PDF_SUBHEADING] = { 10.5, TRUE, 14.0, 0.0 },
};

/* One character ready to draw: its font and its width at the style's size. */
typedef struct
{
  gunichar c;
  gint8 font;
  float width;
} Glyph;

struct _QuorumPdf
{
  HPDF_Doc doc;
  jmp_buf jmp;
  GError *error;

  FT_Library ft;
  Font fonts[N_FONTS];
  GHashTable *advances;    /* font << 21 | c → advance in 1/1000 em */
  GHashTable *choices;     /* bold << 21 | c → font slot + 1, or -1 for none */

  GPtrArray *kept;         /* memory freed with the document */
  GString *run;            /* scratch: the UTF-8 of one run of a line */
  GArray *visual;          /* scratch: a right-to-left line in visual order */
  gboolean dry;            /* laying out only, to learn which characters are drawn */
  gboolean started;
  guint dry_pages;
  GPtrArray *pages;        /* HPDF_Page */
  HPDF_Page page;
  double y;                /* top of the next line */

  char *header_left;
  char *header_right;
  char *footer_left;
  char *last_page_note;
  GArray *spots;           /* QuorumPdfSpot */
};

typedef struct
{
  gpointer data;
  GDestroyNotify destroy;
} Kept;

/* ---- errors ---------------------------------------------------------------- */

static void
error_handler (HPDF_STATUS  error_no,
               HPDF_STATUS  detail_no,
               void        *user_data)
{
  QuorumPdf *pdf = user_data;

  if (pdf->error == NULL)
    {
      if (error_no == HPDF_FAILD_TO_ALLOC_MEM)
        pdf->error = g_error_new (QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_RENDER,
                                  _("There was not enough memory to make the PDF."));
      else
        pdf->error = g_error_new (QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_RENDER,
                                  _("The PDF library failed while making the minutes (error "
                                    "0x%04X, detail %u)."),
                                  (unsigned) error_no, (unsigned) detail_no);
    }
  longjmp (pdf->jmp, 1);
}

jmp_buf *
_quorum_pdf_jmp (QuorumPdf *pdf)
{
  return &pdf->jmp;
}

GError *
_quorum_pdf_take_error (QuorumPdf *pdf)
{
  GError *error = g_steal_pointer (&pdf->error);
  if (error == NULL)
    error = g_error_new (QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_RENDER,
                         _("The PDF library failed while making the minutes."));
  return error;
}

/* ---- fonts ------------------------------------------------------------------ */

static gboolean
find_font (const FontWanted  *wanted,
           Font              *font)
{
  FcPattern *pattern = FcPatternBuild (NULL, FC_FAMILY, FcTypeString, wanted->family,
                                       FC_WEIGHT, FcTypeInteger, wanted->weight,
                                       FC_SLANT, FcTypeInteger, FC_SLANT_ROMAN,
                                       (char *) NULL);
  FcPattern *match;
  FcResult result;
  FcChar8 *family = NULL, *file = NULL;
  int index = 0;
  gboolean found = FALSE;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  /* fontconfig always offers something; only the family asked for will do. */
  if (match != NULL &&
      FcPatternGetString (match, FC_FAMILY, 0, &family) == FcResultMatch &&
      g_ascii_strcasecmp ((const char *) family, wanted->family) == 0 &&
      FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch)
    {
      FcPatternGetInteger (match, FC_INDEX, 0, &index);
      font->path = g_strdup ((const char *) file);
      font->index = index;
      found = TRUE;
    }
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  return found;
}

static FT_Face
font_face (QuorumPdf *pdf,
           FontSlot   slot)
{
  Font *font = &pdf->fonts[slot];

  if (!font->face_tried && font->path != NULL)
    {
      font->face_tried = TRUE;
      if (FT_New_Face (pdf->ft, font->path, font->index, &font->face) != 0)
        font->face = NULL;
    }
  return font->face;
}

static gboolean
font_has (QuorumPdf *pdf,
          FontSlot   slot,
          gunichar   c)
{
  FT_Face face = font_face (pdf, slot);
  return face != NULL && FT_Get_Char_Index (face, c) != 0;
}

/* The font that draws `c`, or -1 when none can. */
static int
choose_font (QuorumPdf *pdf,
             gunichar   c,
             gboolean   bold)
{
  guint key = (bold ? 1u << 21 : 0) | c;
  int choice = GPOINTER_TO_INT (g_hash_table_lookup (pdf->choices, GUINT_TO_POINTER (key)));
  static const FontSlot fallbacks[] = { FONT_REGULAR, FONT_HAN, FONT_HANGUL };

  if (choice != 0)
    return choice > 0 ? choice - 1 : -1;

  choice = -1;
  /* libharu 2.3 encodes UTF-8 only in the Basic Multilingual Plane. */
  if (c <= 0xFFFF)
    {
      if (font_has (pdf, bold ? FONT_BOLD : FONT_REGULAR, c))
        choice = bold ? FONT_BOLD : FONT_REGULAR;
      for (guint i = 0; i < G_N_ELEMENTS (fallbacks) && choice < 0; i++)
        if (font_has (pdf, fallbacks[i], c))
          choice = fallbacks[i];
    }
  g_hash_table_insert (pdf->choices, GUINT_TO_POINTER (key),
                       GINT_TO_POINTER (choice >= 0 ? choice + 1 : -1));
  return choice;
}

/* Advance width in thousandths of an em, as libharu measures it. */
static double
advance (QuorumPdf *pdf,
         FontSlot   slot,
         gunichar   c)
{
  guint key = ((guint) slot << 21) | c;
  gpointer cached = g_hash_table_lookup (pdf->advances, GUINT_TO_POINTER (key));
  FT_Face face;
  FT_Fixed units = 0;
  double width;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;

  face = font_face (pdf, slot);
  if (face != NULL)
    FT_Get_Advance (face, FT_Get_Char_Index (face, c), FT_LOAD_NO_SCALE, &units);
  width = face != NULL && face->units_per_EM > 0 ? floor (units * 1000.0 / face->units_per_EM)
                                                 : 500;
  g_hash_table_insert (pdf->advances, GUINT_TO_POINTER (key), GINT_TO_POINTER ((int) width + 1));
  return width;
}

static HPDF_Font
hpdf_font (QuorumPdf *pdf,
           FontSlot   slot)
{
  Font *font = &pdf->fonts[slot];
  const char *name;

  if (font->hpdf == NULL)
    {
      if (font->subset_path != NULL)
        name = HPDF_LoadTTFontFromFile (pdf->doc, font->subset_path, HPDF_TRUE);
      else if (g_str_has_suffix (font->path, ".ttc"))
        name = HPDF_LoadTTFontFromFile2 (pdf->doc, font->path, font->index, HPDF_TRUE);
      else
        name = HPDF_LoadTTFontFromFile (pdf->doc, font->path, HPDF_TRUE);
      font->hpdf = HPDF_GetFont (pdf->doc, name, "UTF-8");
    }
  return font->hpdf;
}

/* ---- text ------------------------------------------------------------------- */

static GArray *
shape (QuorumPdf      *pdf,
       QuorumPdfStyle  style,
       const char     *text,
       gssize          length)
{
  const Style *s = &styles[style];
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  const char *end;

  _quorum_pdf_keep (pdf, glyphs, (GDestroyNotify) g_array_unref);
  /* The store only accepts UTF-8, but a file edited by other means may hold
   * anything; libharu would mangle it silently.  Bad bytes become U+FFFD. */
  if (!g_utf8_validate_len (text, length < 0 ? strlen (text) : (gsize) length, NULL))
    {
      text = _quorum_pdf_keep (pdf, g_utf8_make_valid (text, length), g_free);
      length = -1;
    }
  end = length < 0 ? text + strlen (text) : text + length;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      Glyph g;
      g.c = g_utf8_get_char (p);
      if (g.c == '\t')
        g.c = ' ';
      if (g.c == '\r')
        continue;
      if (g.c != '\n' && (g_unichar_iscntrl (g.c) || !g_unichar_isdefined (g.c)))
        g.c = REPLACEMENT;
      if (g.c == '\n')
        {
          g.font = FONT_REGULAR;
          g.width = 0;
          g_array_append_val (glyphs, g);
          continue;
        }
      /* Zero-width formatting characters have nothing to draw. */
      if (g.c == 0x200B || g.c == 0x200E || g.c == 0x200F || g.c == 0xFEFF)
        continue;
      g.font = choose_font (pdf, g.c, s->bold);
      if (g.font < 0)
        {
          g.c = REPLACEMENT;
          g.font = s->bold ? FONT_BOLD : FONT_REGULAR;
        }
      g.width = advance (pdf, g.font, g.c) * s->size / 1000.0;
      g_array_append_val (glyphs, g);
    }
  return glyphs;
}

static gboolean
can_break_after (gunichar c)
{
  /* Spaces, hyphens and the ideographic scripts, which use no spaces. */
  return c == ' ' || c == '-' || c == '/' || (c >= 0x2E80 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF);
}

typedef struct
{
  guint start;
  guint end;   /* exclusive; trailing spaces are left out */
} Line;

static gunichar
glyph_char (GArray *glyphs,
            guint   i)
{
  return g_array_index (glyphs, Glyph, i).c;
}

/* Greedy line breaking by measured width.  A word wider than the line is
 * broken between characters; every line holds at least one character, so
 * this always ends.  '\n' ends a line; an empty text is one empty line. */
static GArray *
wrap (QuorumPdf *pdf,
      GArray    *glyphs,
      double     max_width)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  guint i = 0, n = glyphs->len;

  _quorum_pdf_keep (pdf, lines, (GDestroyNotify) g_array_unref);
  for (;;)
    {
      guint start = i, j = i, last_break = G_MAXUINT;
      double width = 0;
      gboolean overflow;
      Line line;

      while (j < n && glyph_char (glyphs, j) != '\n')
        {
          const Glyph *g = &g_array_index (glyphs, Glyph, j);
          if (j > start && width + g->width > max_width)
            break;
          width += g->width;
          if (can_break_after (g->c))
            last_break = j;
          j++;
        }

      overflow = j < n && glyph_char (glyphs, j) != '\n';
      line.start = start;
      line.end = j;
      if (overflow && glyph_char (glyphs, j) != ' ' && last_break != G_MAXUINT)
        line.end = last_break + 1;
      i = line.end;
      while (line.end > line.start && glyph_char (glyphs, line.end - 1) == ' ')
        line.end--;
      g_array_append_val (lines, line);

      if (i < n && glyph_char (glyphs, i) == '\n')
        i++;
      else
        while (i < n && glyph_char (glyphs, i) == ' ')
          i++;
      if (i >= n)
        break;
    }
  return lines;
}

static double
line_width (GArray     *glyphs,
            const Line *line)
{
  double width = 0;
  for (guint i = line->start; i < line->end; i++)
    width += g_array_index (glyphs, Glyph, i).width;
  return width;
}

/* The line's glyphs in the order they are drawn, left to right: the line
 * itself, or for right-to-left text a reordered copy in pdf->visual. */
static const Glyph *
visual_order (QuorumPdf      *pdf,
              QuorumPdfStyle  style,
              GArray         *glyphs,
              const Line     *line)
{
  guint len = line->end - line->start;
  const Glyph *logical_glyphs;
  gboolean rtl = FALSE;
  FriBidiChar *logical, *shaped;
  FriBidiStrIndex *to_logical;
  FriBidiParType direction = FRIBIDI_PAR_ON;
  const Style *s = &styles[style];

  /* An empty line (an empty cell) has no glyph array to point into. */
  if (len == 0)
    return NULL;
  logical_glyphs = &g_array_index (glyphs, Glyph, line->start);
  for (guint i = 0; i < len && !rtl; i++)
    rtl = FRIBIDI_IS_RTL (fribidi_get_bidi_type (logical_glyphs[i].c));
  if (!rtl)
    return logical_glyphs;

  logical = _quorum_pdf_keep (pdf, g_new (FriBidiChar, len + 1), g_free);
  shaped = _quorum_pdf_keep (pdf, g_new (FriBidiChar, len + 1), g_free);
  to_logical = _quorum_pdf_keep (pdf, g_new (FriBidiStrIndex, len + 1), g_free);
  for (guint i = 0; i < len; i++)
    logical[i] = logical_glyphs[i].c;
  /* Reorders and, for Arabic, picks the joined presentation forms. */
  fribidi_log2vis (logical, (FriBidiStrIndex) len, &direction, shaped, NULL, to_logical, NULL);

  g_array_set_size (pdf->visual, 0);
  for (guint i = 0; i < len; i++)
    {
      Glyph g;
      g.c = shaped[i];
      g.font = choose_font (pdf, g.c, s->bold);
      if (g.font < 0)
        {
          /* No presentation form in any font: draw the letter as it was. */
          g.c = logical[to_logical[i]];
          g.font = choose_font (pdf, g.c, s->bold);
          if (g.font < 0)
            {
              g.c = REPLACEMENT;
              g.font = s->bold ? FONT_BOLD : FONT_REGULAR;
            }
        }
      g.width = advance (pdf, g.font, g.c) * s->size / 1000.0;
      g_array_append_val (pdf->visual, g);
    }
  return (const Glyph *) pdf->visual->data;
}

static void
set_gray (QuorumPdf *pdf,
          double     gray)
{
  if (!pdf->dry)
    HPDF_Page_SetGrayFill (pdf->page, gray);
}

/* A horizontal rule; nothing in a dry run. */
static void
rule (QuorumPdf *pdf,
      HPDF_Page  page,
      double     x0,
      double     x1,
      double     y,
      double     gray,
      double     width)
{
  if (pdf->dry)
    return;
  HPDF_Page_SetGrayStroke (page, gray);
  HPDF_Page_SetLineWidth (page, width);
  HPDF_Page_MoveTo (page, x0, y);
  HPDF_Page_LineTo (page, x1, y);
  HPDF_Page_Stroke (page);
  HPDF_Page_SetGrayStroke (page, 0);
}

/* Draws one line with its baseline at `baseline`, starting at `x`. */
static void
draw_line (QuorumPdf      *pdf,
           HPDF_Page       page,
           QuorumPdfStyle  style,
           GArray         *glyphs,
           const Line     *line,
           double          x,
           double          baseline)
{
  const Style *s = &styles[style];
  const Glyph *visual = visual_order (pdf, style, glyphs, line);
  guint len = line->end - line->start;
  guint i = 0;

  for (guint k = 0; k < len; k++)
    {
      const Glyph *g = &visual[k];
      if (pdf->fonts[g->font].used == NULL)
        pdf->fonts[g->font].used = g_malloc0 (0x10000 / 8);
      pdf->fonts[g->font].used[g->c >> 3] |= 1 << (g->c & 7);
    }
  if (len == 0 || pdf->dry)
    return;

  HPDF_Page_BeginText (page);
  while (i < len)
    {
      int font = visual[i].font;
      double run_width = 0;

      g_string_truncate (pdf->run, 0);
      for (; i < len && visual[i].font == font; i++)
        {
          g_string_append_unichar (pdf->run, visual[i].c);
          run_width += visual[i].width;
        }
      HPDF_Page_SetFontAndSize (page, hpdf_font (pdf, font), s->size);
      HPDF_Page_TextOut (page, x, baseline, pdf->run->str);
      x += run_width;
    }
  HPDF_Page_EndText (page);
}

static double
baseline_for (QuorumPdfStyle style,
              double         top)
{
  return top - styles[style].size * 0.93;
}

/* ---- document --------------------------------------------------------------- */

static void
free_kept (gpointer data)
{
  Kept *kept = data;
  if (kept->destroy != NULL)
    kept->destroy (kept->data);
  g_free (kept);
}

gpointer
_quorum_pdf_keep (QuorumPdf      *pdf,
                  gpointer        data,
                  GDestroyNotify  destroy)
{
  Kept *kept = g_new (Kept, 1);
  kept->data = data;
  kept->destroy = destroy;
  g_ptr_array_add (pdf->kept, kept);
  return data;
}

const char *
_quorum_pdf_printf (QuorumPdf  *pdf,
                    const char *format,
                    ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return _quorum_pdf_keep (pdf, text, g_free);
}

QuorumPdf *
_quorum_pdf_new (GError **error)
{
  QuorumPdf *pdf = g_new0 (QuorumPdf, 1);

  pdf->kept = g_ptr_array_new_with_free_func (free_kept);
  pdf->pages = g_ptr_array_new ();
  pdf->advances = g_hash_table_new (NULL, NULL);
  pdf->choices = g_hash_table_new (NULL, NULL);
  pdf->dry = TRUE;
  pdf->run = g_string_new (NULL);
  pdf->spots = g_array_new (FALSE, FALSE, sizeof (QuorumPdfSpot));
  pdf->visual = g_array_new (FALSE, FALSE, sizeof (Glyph));

  for (guint i = 0; i < N_FONTS; i++)
    if (!find_font (&wanted_fonts[i], &pdf->fonts[i]) && wanted_fonts[i].required)
      {
        g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_FONT_MISSING,
                     _("The font “%s” is not installed, so the minutes cannot be written. "
                       "Install it (Debian package %s)."),
                     wanted_fonts[i].family, wanted_fonts[i].package);
        _quorum_pdf_free (pdf);
        return NULL;
      }

  if (FT_Init_FreeType (&pdf->ft) != 0)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_RENDER,
                   _("The font engine could not be started."));
      _quorum_pdf_free (pdf);
      return NULL;
    }

  pdf->doc = HPDF_New (error_handler, pdf);
  if (pdf->doc == NULL)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_RENDER,
                   _("There was not enough memory to make the PDF."));
      _quorum_pdf_free (pdf);
      return NULL;
    }
  return pdf;
}

void
_quorum_pdf_free (QuorumPdf *pdf)
{
  if (pdf == NULL)
    return;
  if (pdf->doc != NULL)
    HPDF_Free (pdf->doc);
  for (guint i = 0; i < N_FONTS; i++)
    {
      if (pdf->fonts[i].face != NULL)
        FT_Done_Face (pdf->fonts[i].face);
      if (pdf->fonts[i].subset_path != NULL)
        g_unlink (pdf->fonts[i].subset_path);
      g_free (pdf->fonts[i].subset_path);
      g_free (pdf->fonts[i].used);
      g_free (pdf->fonts[i].path);
    }
  if (pdf->ft != NULL)
    FT_Done_FreeType (pdf->ft);
  g_ptr_array_unref (pdf->kept);
  g_ptr_array_unref (pdf->pages);
  if (pdf->run != NULL)
    g_string_free (pdf->run, TRUE);
  if (pdf->visual != NULL)
    g_array_unref (pdf->visual);
  g_hash_table_unref (pdf->advances);
  g_hash_table_unref (pdf->choices);
  g_clear_error (&pdf->error);
  g_free (pdf->header_left);
  g_free (pdf->header_right);
  g_free (pdf->footer_left);
  g_free (pdf->last_page_note);
  if (pdf->spots != NULL)
    g_array_unref (pdf->spots);
  g_free (pdf);
}

/* Starts the document proper: must run after the caller's setjmp(). */
static void
ensure_started (QuorumPdf *pdf)
{
  if (pdf->started)
    return;
  pdf->started = TRUE;
  if (pdf->dry)
    {
      _quorum_pdf_new_page (pdf);
      return;
    }
  HPDF_UseUTFEncodings (pdf->doc);
  HPDF_SetCurrentEncoder (pdf->doc, "UTF-8");
  HPDF_SetCompressionMode (pdf->doc, HPDF_COMP_ALL);
  HPDF_SetPageMode (pdf->doc, HPDF_PAGE_MODE_USE_NONE);
  _quorum_pdf_new_page (pdf);
}

void
_quorum_pdf_set_info (QuorumPdf  *pdf,
                      const char *title,
                      const char *author,
                      const char *subject,
                      const char *keywords)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int offset = (int) (g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE);
  HPDF_Date date = {
    g_date_time_get_year (now), g_date_time_get_month (now),
    g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
    g_date_time_get_minute (now), g_date_time_get_second (now),
    offset == 0 ? 'Z' : offset > 0 ? '+' : '-', ABS (offset) / 60, ABS (offset) % 60
  };

  ensure_started (pdf);
  if (pdf->dry)
    return;
  HPDF_SetInfoAttr (pdf->doc, HPDF_INFO_TITLE, title);
  if (author != NULL && *author != '\0')
    HPDF_SetInfoAttr (pdf->doc, HPDF_INFO_AUTHOR, author);
  HPDF_SetInfoAttr (pdf->doc, HPDF_INFO_SUBJECT, subject);
  HPDF_SetInfoAttr (pdf->doc, HPDF_INFO_KEYWORDS, keywords);
  HPDF_SetInfoAttr (pdf->doc, HPDF_INFO_CREATOR, "Quorum " PACKAGE_VERSION);
  HPDF_SetInfoDateAttr (pdf->doc, HPDF_INFO_CREATION_DATE, date);
}

void
_quorum_pdf_set_running (QuorumPdf  *pdf,
                         const char *header_left,
                         const char *header_right,
                         const char *footer_left)
{
  g_free (pdf->header_left);
  g_free (pdf->header_right);
  g_free (pdf->footer_left);
  pdf->header_left = g_strdup (header_left);
  pdf->header_right = g_strdup (header_right);
  pdf->footer_left = g_strdup (footer_left);
}

double
_quorum_pdf_text_width (QuorumPdf *pdf)
{
  return PAGE_WIDTH - 2 * MARGIN_X;
}

void
_quorum_pdf_new_page (QuorumPdf *pdf)
{
  pdf->y = CONTENT_TOP;
  if (pdf->dry)
    {
      pdf->dry_pages++;
      return;
    }
  pdf->page = HPDF_AddPage (pdf->doc);
  HPDF_Page_SetWidth (pdf->page, PAGE_WIDTH);
  HPDF_Page_SetHeight (pdf->page, PAGE_HEIGHT);
  g_ptr_array_add (pdf->pages, pdf->page);
  pdf->y = CONTENT_TOP;
}

void
_quorum_pdf_need (QuorumPdf *pdf,
                  double     points)
{
  ensure_started (pdf);
  if (pdf->y - points < CONTENT_BOTTOM && pdf->y < CONTENT_TOP)
    _quorum_pdf_new_page (pdf);
}

void
_quorum_pdf_space (QuorumPdf *pdf,
                   double     points)
{
  ensure_started (pdf);
  pdf->y -= points;
  if (pdf->y < CONTENT_BOTTOM)
    _quorum_pdf_new_page (pdf);
}

static void
flow_lines (QuorumPdf      *pdf,
            QuorumPdfStyle  style,
            double          indent,
            const char     *text)
{
  const Style *s = &styles[style];
  GArray *glyphs = shape (pdf, style, text, -1);
  GArray *lines = wrap (pdf, glyphs, _quorum_pdf_text_width (pdf) - indent);

  for (guint i = 0; i < lines->len; i++)
    {
      if (pdf->y - s->leading < CONTENT_BOTTOM)
        _quorum_pdf_new_page (pdf);
      set_gray (pdf, s->gray);
      draw_line (pdf, pdf->page, style, glyphs, &g_array_index (lines, Line, i),
                 MARGIN_X + indent, baseline_for (style, pdf->y));
      pdf->y -= s->leading;
    }
  set_gray (pdf, 0);
}

void
_quorum_pdf_heading (QuorumPdf      *pdf,
                     QuorumPdfStyle  style,
                     const char     *text)
{
  ensure_started (pdf);
  /* Never a heading alone at the foot of a page: keep room for it and
   * three lines of what follows. */
  if (pdf->y < CONTENT_TOP)
    pdf->y -= styles[style].leading * 0.5;
  _quorum_pdf_need (pdf, styles[style].leading * 2 + 3 * styles[QUORUM_PDF_BODY].leading);
  flow_lines (pdf, style, 0, text);
  pdf->y -= 2;
}

void
_quorum_pdf_paragraph (QuorumPdf      *pdf,
                       QuorumPdfStyle  style,
                       double          indent,
                       const char     *text)
{
  ensure_started (pdf);
  if (text == NULL || *text == '\0')
    return;
  flow_lines (pdf, style, indent, text);
  pdf->y -= 3;
}

/* Decodes a PNG to 8-bit RGB on white.  libpng's simplified API reports
 * errors instead of jumping, which libharu's own PNG loader does not guard. */
static guint8 *
decode_png (const guint8 *data,
            gsize         size,
            guint        *width,
            guint        *height)
{
  png_image image = { 0 };
  png_color white = { 255, 255, 255 };
  guint8 *pixels;

  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory (&image, data, size))
    return NULL;
  /* A logo, not a poster: refuse what would take more than 64 MB. */
  if (image.width == 0 || image.height == 0 || (guint64) image.width * image.height > 16000000)
    {
      png_image_free (&image);
      return NULL;
    }
  image.format = PNG_FORMAT_RGB;
  pixels = g_malloc (PNG_IMAGE_SIZE (image));
  if (!png_image_finish_read (&image, &white, pixels, 0, NULL))
    {
      png_image_free (&image);
      g_free (pixels);
      return NULL;
    }
  *width = image.width;
  *height = image.height;
  return pixels;
}

gboolean
_quorum_pdf_image (QuorumPdf *pdf,
                   GBytes    *image,
                   double     height)
{
  gsize size = 0;
  const guint8 *data = image != NULL ? g_bytes_get_data (image, &size) : NULL;
  guint pixels_wide = 0, pixels_high = 0;
  guint8 *pixels;
  HPDF_Image picture;
  double width;

  ensure_started (pdf);
  if (data == NULL || size < 8 || memcmp (data, "\x89PNG\r\n\x1a\n", 8) != 0)
    return FALSE;
  pixels = decode_png (data, size, &pixels_wide, &pixels_high);
  if (pixels == NULL)
    return FALSE;  /* a logo that cannot be read must not cost the minutes */
  _quorum_pdf_keep (pdf, pixels, g_free);

  width = height * pixels_wide / pixels_high;
  if (width > _quorum_pdf_text_width (pdf) / 3)
    {
      width = _quorum_pdf_text_width (pdf) / 3;
      height = width * pixels_high / pixels_wide;
    }
  _quorum_pdf_need (pdf, height);
  if (!pdf->dry)
    {
      picture = HPDF_LoadRawImageFromMem (pdf->doc, pixels, pixels_wide, pixels_high,
                                          HPDF_CS_DEVICE_RGB, 8);
      HPDF_Page_DrawImage (pdf->page, picture, MARGIN_X, pdf->y - height, width, height);
    }
  pdf->y -= height + 8;
  return TRUE;
}

/* ---- tables ------------------------------------------------------------------ */

typedef struct
{
  GArray *glyphs;
  GArray *lines;
  const QuorumPdfCell *cell;
} CellLayout;

static CellLayout *
layout_row (QuorumPdf             *pdf,
            const QuorumPdfColumn *columns,
            guint                  n_columns,
            const QuorumPdfCell   *cells,
            const double          *widths,
            guint                 *n_lines)
{
  CellLayout *layout = g_new0 (CellLayout, n_columns);

  _quorum_pdf_keep (pdf, layout, g_free);
  *n_lines = 1;
  for (guint c = 0; c < n_columns; c++)
    {
      layout[c].cell = &cells[c];
      if (cells[c].chart != NULL)
        continue;
      layout[c].glyphs = shape (pdf, cells[c].style, cells[c].text != NULL ? cells[c].text : "",
                                -1);
      layout[c].lines = wrap (pdf, layout[c].glyphs, widths[c] - 2 * CELL_PADDING);
      *n_lines = MAX (*n_lines, layout[c].lines->len);
    }
  return layout;
}

static void
draw_chart (QuorumPdf           *pdf,
            const QuorumPdfCell *cell,
            double               x,
            double               top,
            double               width)
{
  HPDF_Page page = pdf->page;
  double low = G_MAXDOUBLE, high = -G_MAXDOUBLE;
  double left = x + CELL_PADDING, right = x + width - CELL_PADDING;
  double bottom_y = top - CHART_HEIGHT + CELL_PADDING, top_y = top - CELL_PADDING;

  if (cell->chart_len == 0 || pdf->dry)
    return;
  for (guint i = 0; i < cell->chart_len; i++)
    {
      low = MIN (low, cell->chart[i]);
      high = MAX (high, cell->chart[i]);
    }
  if (cell->chart_has_target)
    {
      low = MIN (low, cell->chart_target);
      high = MAX (high, cell->chart_target);
    }
  if (high - low < 1e-9)
    {
      high += 1;
      low -= 1;
    }
#define CHART_X(i) (cell->chart_len > 1 ? left + (right - left) * (i) / (cell->chart_len - 1) \
                                        : (left + right) / 2)
#define CHART_Y(v) (bottom_y + (top_y - bottom_y) * ((v) - low) / (high - low))

  if (cell->chart_has_target)
    {
      const HPDF_UINT16 dash[] = { 2, 2 };
      HPDF_Page_SetLineWidth (page, 0.6);
      HPDF_Page_SetRGBStroke (page, 0.55, 0.55, 0.55);
      HPDF_Page_SetDash (page, dash, 2, 0);
      HPDF_Page_MoveTo (page, left, CHART_Y (cell->chart_target));
      HPDF_Page_LineTo (page, right, CHART_Y (cell->chart_target));
      HPDF_Page_Stroke (page);
      HPDF_Page_SetDash (page, NULL, 0, 0);
    }

  HPDF_Page_SetLineWidth (page, 1.1);
  HPDF_Page_SetRGBStroke (page, 0.10, 0.37, 0.71);
  HPDF_Page_MoveTo (page, CHART_X (0), CHART_Y (cell->chart[0]));
  for (guint i = 1; i < cell->chart_len; i++)
    HPDF_Page_LineTo (page, CHART_X (i), CHART_Y (cell->chart[i]));
  if (cell->chart_len > 1)
    HPDF_Page_Stroke (page);
  else
    HPDF_Page_EndPath (page);

  HPDF_Page_SetRGBFill (page, 0.10, 0.37, 0.71);
  HPDF_Page_Circle (page, CHART_X (cell->chart_len - 1), CHART_Y (cell->chart[cell->chart_len - 1]),
                    1.8);
  HPDF_Page_Fill (page);
  HPDF_Page_SetGrayFill (page, 0);
  HPDF_Page_SetGrayStroke (page, 0);
  HPDF_Page_SetLineWidth (page, 1);
#undef CHART_X
#undef CHART_Y
}

static void draw_row (QuorumPdf *pdf, const QuorumPdfColumn *columns, guint n_columns,
                      CellLayout *layout, const double *widths, guint from, guint count,
                      gboolean header);

static void
draw_header (QuorumPdf             *pdf,
             const QuorumPdfColumn *columns,
             guint                  n_columns,
             CellLayout            *layout,
             const double          *widths,
             guint                  n_lines)
{
  if (columns[0].title != NULL)
    draw_row (pdf, columns, n_columns, layout, widths, 0, n_lines, TRUE);
}

static double
row_height (CellLayout *layout,
            guint       n_columns,
            guint       from,
            guint       count)
{
  double lines = 0;
  for (guint c = 0; c < n_columns; c++)
    {
      if (layout[c].lines == NULL)
        lines = MAX (lines, from == 0 ? CHART_HEIGHT : 0);
      else if (layout[c].lines->len > from)
        lines = MAX (lines, MIN (count, layout[c].lines->len - from) *
                            styles[layout[c].cell->style].leading);
    }
  return lines + 2 * CELL_PADDING;
}

/* Draws lines [from, from + count) of a row's cells with their top at pdf->y;
 * charts only with the first line of their row. */
static void
draw_row (QuorumPdf             *pdf,
          const QuorumPdfColumn *columns,
          guint                  n_columns,
          CellLayout            *layout,
          const double          *widths,
          guint                  from,
          guint                  count,
          gboolean               header)
{
  double height = row_height (layout, n_columns, from, count);
  double x = MARGIN_X;

  if (header && !pdf->dry)
    {
      HPDF_Page_SetGrayFill (pdf->page, 0.92);
      HPDF_Page_Rectangle (pdf->page, MARGIN_X, pdf->y - height, _quorum_pdf_text_width (pdf),
                           height);
      HPDF_Page_Fill (pdf->page);
    }

  for (guint c = 0; c < n_columns; c++)
    {
      const QuorumPdfStyle style = layout[c].cell->style;
      const Style *s = &styles[style];
      double top = pdf->y - CELL_PADDING;

      if (layout[c].lines == NULL)
        {
          if (from == 0)
            draw_chart (pdf, layout[c].cell, x, pdf->y, widths[c]);
        }
      else
        for (guint l = from; l < from + count && l < layout[c].lines->len; l++)
          {
            const Line *line = &g_array_index (layout[c].lines, Line, l);
            double lx = x + CELL_PADDING;
            if (columns[c].right)
              lx = x + widths[c] - CELL_PADDING - line_width (layout[c].glyphs, line);
            set_gray (pdf, s->gray);
            draw_line (pdf, pdf->page, style, layout[c].glyphs, line, lx, baseline_for (style, top));
            top -= s->leading;
          }
      x += widths[c];
    }
  set_gray (pdf, 0);

  /* A hairline under the row */
  rule (pdf, pdf->page, MARGIN_X, MARGIN_X + _quorum_pdf_text_width (pdf), pdf->y - height,
        header ? 0.6 : 0.82, header ? 0.8 : 0.4);

  pdf->y -= height;
}

void
_quorum_pdf_table (QuorumPdf             *pdf,
                   const QuorumPdfColumn *columns,
                   guint                  n_columns,
                   GPtrArray             *rows)
{
  double *widths = g_new (double, n_columns);
  QuorumPdfCell *head = g_new0 (QuorumPdfCell, n_columns);
  CellLayout *head_layout;
  guint head_lines;
  double head_height;

  ensure_started (pdf);
  _quorum_pdf_keep (pdf, widths, g_free);
  _quorum_pdf_keep (pdf, head, g_free);
  for (guint c = 0; c < n_columns; c++)
    {
      widths[c] = columns[c].share * _quorum_pdf_text_width (pdf);
      head[c].text = columns[c].title;
      head[c].style = QUORUM_PDF_SMALL_BOLD;
    }
  head_layout = layout_row (pdf, columns, n_columns, head, widths, &head_lines);
  /* Columns without titles: a table with no header row. */
  head_height = columns[0].title != NULL ? row_height (head_layout, n_columns, 0, head_lines) : 0;

  /* The header and at least the first row stay together. */
  {
    guint first_lines = 1;
    double first = 0;
    if (rows->len > 0)
      {
        CellLayout *l = layout_row (pdf, columns, n_columns, g_ptr_array_index (rows, 0), widths,
                                    &first_lines);
        first = row_height (l, n_columns, 0, MIN (first_lines, 3));
      }
    _quorum_pdf_need (pdf, head_height + first);
  }
  draw_header (pdf, columns, n_columns, head_layout, widths, head_lines);

  for (guint r = 0; r < rows->len; r++)
    {
      guint n_lines, done = 0;
      CellLayout *layout = layout_row (pdf, columns, n_columns, g_ptr_array_index (rows, r),
                                       widths, &n_lines);
      double whole = row_height (layout, n_columns, 0, n_lines);
      double page_room = CONTENT_TOP - CONTENT_BOTTOM - head_height;

      /* A row that would fit on a page of its own is not split. */
      if (pdf->y - whole < CONTENT_BOTTOM && whole <= page_room)
        {
          _quorum_pdf_new_page (pdf);
          draw_header (pdf, columns, n_columns, head_layout, widths, head_lines);
        }

      while (done < n_lines || (done == 0 && n_lines == 0))
        {
          double leading = 0;
          guint fit;
          for (guint c = 0; c < n_columns; c++)
            leading = MAX (leading, styles[layout[c].cell->style].leading);
          fit = (guint) MAX (0.0, floor ((pdf->y - CONTENT_BOTTOM - 2 * CELL_PADDING) / leading));
          if (done == 0 && pdf->y - whole >= CONTENT_BOTTOM)
            fit = n_lines;
          if (fit == 0)
            {
              _quorum_pdf_new_page (pdf);
              draw_header (pdf, columns, n_columns, head_layout, widths, head_lines);
              continue;
            }
          fit = MIN (fit, n_lines - done);
          draw_row (pdf, columns, n_columns, layout, widths, done, fit, FALSE);
          done += fit;
          if (done < n_lines)
            {
              _quorum_pdf_new_page (pdf);
              draw_header (pdf, columns, n_columns, head_layout, widths, head_lines);
            }
        }
    }
  pdf->y -= 8;
}

void
_quorum_pdf_signature_line (QuorumPdf  *pdf,
                            const char *name,
                            const char *role,
                            const char *signed_text)
{
  double height = QUORUM_PDF_SIGNATURE_HEIGHT;
  double line_y;

  ensure_started (pdf);
  _quorum_pdf_need (pdf, height);
  line_y = pdf->y - 28;
  if (!pdf->dry)
    {
      QuorumPdfSpot spot = { pdf->pages->len - 1, MARGIN_X, line_y + 1,
                             _quorum_pdf_text_width (pdf) * 0.6, 26 };
      g_array_append_val (pdf->spots, spot);
    }
  if (signed_text != NULL)
    {
      GArray *glyphs = shape (pdf, QUORUM_PDF_BODY, signed_text, -1);
      GArray *lines = wrap (pdf, glyphs, _quorum_pdf_text_width (pdf) * 0.6);
      if (lines->len > 0)
        draw_line (pdf, pdf->page, QUORUM_PDF_BODY, glyphs, &g_array_index (lines, Line, 0),
                   MARGIN_X + 4, line_y + 6);
    }
  rule (pdf, pdf->page, MARGIN_X, MARGIN_X + _quorum_pdf_text_width (pdf) * 0.6, line_y, 0, 0.7);
  pdf->y = line_y - 4;
  flow_lines (pdf, QUORUM_PDF_BOLD, 0, name);
  flow_lines (pdf, QUORUM_PDF_SMALL, 0, role);
  pdf->y -= 10;
}

/* ---- header, footer, output ---------------------------------------------------- */

/* Draws `text` on one line no wider than `max_width`, cut with an ellipsis. */
static void
draw_fitted (QuorumPdf      *pdf,
             HPDF_Page       page,
             QuorumPdfStyle  style,
             const char     *text,
             double          x,
             double          baseline,
             double          max_width,
             gboolean        right)
{
  GArray *glyphs = shape (pdf, style, text != NULL ? text : "", -1);
  Line line = { 0, glyphs->len };
  double width;

  for (guint i = 0; i < glyphs->len; i++)
    if (g_array_index (glyphs, Glyph, i).c == '\n')
      g_array_index (glyphs, Glyph, i).c = ' ';
  width = line_width (glyphs, &line);
  if (width > max_width)
    {
      GArray *ellipsis = shape (pdf, style, "…", -1);
      double room = max_width - g_array_index (ellipsis, Glyph, 0).width;
      width = 0;
      line.end = 0;
      while (line.end < glyphs->len && width + g_array_index (glyphs, Glyph, line.end).width <= room)
        width += g_array_index (glyphs, Glyph, line.end++).width;
      g_array_set_size (glyphs, line.end);
      g_array_append_val (glyphs, g_array_index (ellipsis, Glyph, 0));
      line.end++;
      width += g_array_index (ellipsis, Glyph, 0).width;
    }
  draw_line (pdf, page, style, glyphs, &line, right ? x - width : x, baseline);
}

void
_quorum_pdf_set_last_page_note (QuorumPdf  *pdf,
                                const char *note)
{
  g_free (pdf->last_page_note);
  pdf->last_page_note = g_strdup (note);
}

GArray *
_quorum_pdf_get_spots (QuorumPdf *pdf)
{
  return pdf->spots;
}

static void
draw_running (QuorumPdf *pdf,
              HPDF_Page  page,
              guint      number,
              guint      total)
{
  double half = _quorum_pdf_text_width (pdf) / 2 - 6;
  const char *label = _quorum_pdf_printf (pdf, _("Page %u of %u"), number, total);

  if (!pdf->dry)
    HPDF_Page_SetGrayFill (page, 0.35);
  draw_fitted (pdf, page, QUORUM_PDF_SMALL, pdf->header_left, MARGIN_X, HEADER_BASELINE, half,
               FALSE);
  draw_fitted (pdf, page, QUORUM_PDF_SMALL, pdf->header_right, PAGE_WIDTH - MARGIN_X,
               HEADER_BASELINE, half, TRUE);
  draw_fitted (pdf, page, QUORUM_PDF_SMALL, pdf->footer_left, MARGIN_X, FOOTER_BASELINE, half,
               FALSE);
  draw_fitted (pdf, page, QUORUM_PDF_SMALL, label, PAGE_WIDTH - MARGIN_X, FOOTER_BASELINE, half,
               TRUE);
  rule (pdf, page, MARGIN_X, PAGE_WIDTH - MARGIN_X, HEADER_BASELINE - 6, 0.75, 0.5);
  rule (pdf, page, MARGIN_X, PAGE_WIDTH - MARGIN_X, FOOTER_BASELINE + 11, 0.75, 0.5);
  if (number == total && pdf->last_page_note != NULL)
    draw_fitted (pdf, page, QUORUM_PDF_SMALL, pdf->last_page_note, MARGIN_X, FOOTER_BASELINE - 12,
                 _quorum_pdf_text_width (pdf), FALSE);
  if (!pdf->dry)
    HPDF_Page_SetGrayFill (page, 0);
}

GBytes *
_quorum_pdf_finish (QuorumPdf *pdf,
                    guint     *n_pages)
{
  HPDF_UINT32 size;
  guint8 *buffer;

  ensure_started (pdf);
  if (pdf->dry)
    {
      /* The running header and footer are drawn last: learn their characters too. */
      draw_running (pdf, NULL, pdf->dry_pages, pdf->dry_pages);
      if (n_pages != NULL)
        *n_pages = pdf->dry_pages;
      return NULL;
    }

  for (guint i = 0; i < pdf->pages->len; i++)
    draw_running (pdf, g_ptr_array_index (pdf->pages, i), i + 1, pdf->pages->len);

  HPDF_SaveToStream (pdf->doc);
  size = HPDF_GetStreamSize (pdf->doc);
  buffer = _quorum_pdf_keep (pdf, g_malloc (size), g_free);
  HPDF_ReadFromStream (pdf->doc, buffer, &size);
  if (n_pages != NULL)
    *n_pages = pdf->pages->len;
  return g_bytes_new (buffer, size);
}

/* ---- subsetting --------------------------------------------------------------- */

/* libharu 2.3 walks all 65,536 BMP characters through a linear cmap search
 * for every font it loads, which costs a tenth of a second for a CJK font.
 * A copy of the font cut down to the characters drawn makes that cheap.
 * On any failure the font is used whole, as before. */
static char *
subset_font (const Font *font)
{
  hb_blob_t *blob = hb_blob_create_from_file_or_fail (font->path);
  hb_face_t *face = NULL, *subset = NULL;
  hb_subset_input_t *input = NULL;
  hb_blob_t *result = NULL;
  char *path = NULL;
  unsigned int length = 0;
  const char *data;
  int fd;

  if (blob == NULL)
    return NULL;
  face = hb_face_create (blob, (unsigned int) font->index);
  input = hb_subset_input_create_or_fail ();
  if (input == NULL)
    goto out;
  for (guint c = 0; c < 0x10000; c++)
    if (font->used[c >> 3] & (1 << (c & 7)))
      hb_set_add (hb_subset_input_unicode_set (input), c);
  subset = hb_subset_or_fail (face, input);
  if (subset == NULL)
    goto out;
  result = hb_face_reference_blob (subset);
  data = hb_blob_get_data (result, &length);
  if (length == 0)
    goto out;

  fd = g_file_open_tmp ("quorum-font-XXXXXX.ttf", &path, NULL);
  if (fd < 0)
    goto out;
  if (write (fd, data, length) != (gssize) length)
    {
      g_unlink (path);
      g_clear_pointer (&path, g_free);
    }
  close (fd);

out:
  if (result != NULL)
    hb_blob_destroy (result);
  if (subset != NULL)
    hb_face_destroy (subset);
  if (input != NULL)
    hb_subset_input_destroy (input);
  hb_face_destroy (face);
  hb_blob_destroy (blob);
  return path;
}

void
_quorum_pdf_end_dry_run (QuorumPdf *pdf)
{
  g_return_if_fail (pdf->dry);

  /* Page numbers of the real run may differ in their digits. */
  for (guint slot = FONT_REGULAR; slot <= FONT_BOLD; slot++)
    {
      if (pdf->fonts[slot].used == NULL)
        pdf->fonts[slot].used = g_malloc0 (0x10000 / 8);
      for (gunichar c = '0'; c <= '9'; c++)
        pdf->fonts[slot].used[c >> 3] |= 1 << (c & 7);
    }
  for (guint slot = 0; slot < N_FONTS; slot++)
    if (pdf->fonts[slot].used != NULL && pdf->fonts[slot].path != NULL)
      pdf->fonts[slot].subset_path = subset_font (&pdf->fonts[slot]);

  pdf->dry = FALSE;
  pdf->started = FALSE;
  pdf->page = NULL;
  pdf->dry_pages = 0;
}
