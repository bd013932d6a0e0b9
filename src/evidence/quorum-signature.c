/* quorum-signature.c: PAdES signatures on the minutes, and their verification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A signature is added as an incremental update: new objects are appended
 * after the last byte of the file, so every earlier signature stays valid.
 * The update holds the signature dictionary (SubFilter ETSI.CAdES.detached,
 * a /ByteRange of fixed width and a zero-filled /Contents), the signature
 * field's widget with its appearance, the page and catalog rewritten to
 * refer to them, a cross-reference section and a trailer with /Prev.  Then
 * the /ByteRange is filled in, the two ranges are signed (CMS, SHA-256, with
 * the signer's certificate and the ESS signing-certificate-v2 attribute,
 * no signing time: that is /M), and the CMS is written into /Contents.
 *
 * The parser reads files from anywhere (verify): every read is bounds
 * checked, nesting is limited, and a malformed file is an error.
 */
#include "config.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H
#include <fontconfig/fontconfig.h>
#include <fribidi.h>
#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs7.h>
#include <hb.h>
#include <hb-subset.h>
#include <inttypes.h>
#include <string.h>

#include "quorum-minutes.h"
#include "quorum-pdf-private.h"
#include "quorum-signature.h"

#define CONTENTS_BYTES 16384     /* room for the CMS: certificate, signature, attributes */
#define MAX_DEPTH 32
#define MAX_XREF_SECTIONS 512
#define OID_SIGNING_CERTIFICATE_V2 "1.2.840.113549.1.9.16.2.47"

/* ---- objects ------------------------------------------------------------------ */

typedef enum
{
  PDF_NULL,
  PDF_BOOL,
  PDF_NUMBER,
  PDF_NAME,
  PDF_STRING,    /* text is the raw token with its delimiters, written back as read */
  PDF_ARRAY,
  PDF_DICT,
  PDF_REF,
} PdfType;

typedef struct _PdfObj PdfObj;
struct _PdfObj
{
  PdfType type;
  char *text;         /* NUMBER, NAME (without '/'), STRING (raw), BOOL */
  int num, gen;       /* REF */
  GPtrArray *items;   /* ARRAY and DICT values */
  GPtrArray *keys;    /* DICT keys, char* */
};

static void
pdf_obj_free (gpointer data)
{
  PdfObj *o = data;
  if (o == NULL)
    return;
  g_free (o->text);
  if (o->items != NULL)
    g_ptr_array_unref (o->items);
  if (o->keys != NULL)
    g_ptr_array_unref (o->keys);
  g_free (o);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfObj, pdf_obj_free)

static PdfObj *
pdf_new (PdfType type)
{
  PdfObj *o = g_new0 (PdfObj, 1);
  o->type = type;
  if (type == PDF_ARRAY || type == PDF_DICT)
    o->items = g_ptr_array_new_with_free_func (pdf_obj_free);
  if (type == PDF_DICT)
    o->keys = g_ptr_array_new_with_free_func (g_free);
  return o;
}

static PdfObj *
pdf_text (PdfType     type,
          const char *text)
{
  PdfObj *o = pdf_new (type);
  o->text = g_strdup (text);
  return o;
}

static PdfObj *
pdf_ref (int num)
{
  PdfObj *o = pdf_new (PDF_REF);
  o->num = num;
  return o;
}

static PdfObj *
dict_get (PdfObj     *dict,
          const char *key)
{
  if (dict == NULL || dict->type != PDF_DICT)
    return NULL;
  for (guint i = 0; i < dict->keys->len; i++)
    if (strcmp (g_ptr_array_index (dict->keys, i), key) == 0)
      return g_ptr_array_index (dict->items, i);
  return NULL;
}

/* Sets or replaces `key`; takes `value`. */
static void
dict_set (PdfObj     *dict,
          const char *key,
          PdfObj     *value)
{
  for (guint i = 0; i < dict->keys->len; i++)
    if (strcmp (g_ptr_array_index (dict->keys, i), key) == 0)
      {
        pdf_obj_free (dict->items->pdata[i]);
        dict->items->pdata[i] = value;
        return;
      }
  g_ptr_array_add (dict->keys, g_strdup (key));
  g_ptr_array_add (dict->items, value);
}

static PdfObj *
pdf_copy (const PdfObj *o)
{
  PdfObj *copy = pdf_new (o->type);
  copy->text = g_strdup (o->text);
  copy->num = o->num;
  copy->gen = o->gen;
  for (guint i = 0; o->items != NULL && i < o->items->len; i++)
    g_ptr_array_add (copy->items, pdf_copy (g_ptr_array_index (o->items, i)));
  for (guint i = 0; o->keys != NULL && i < o->keys->len; i++)
    g_ptr_array_add (copy->keys, g_strdup (g_ptr_array_index (o->keys, i)));
  return copy;
}

static void
pdf_write (GString      *out,
           const PdfObj *o)
{
  switch (o->type)
    {
    case PDF_NULL:
      g_string_append (out, "null");
      break;
    case PDF_BOOL:
    case PDF_NUMBER:
    case PDF_STRING:
      g_string_append (out, o->text);
      break;
    case PDF_NAME:
      g_string_append_printf (out, "/%s", o->text);
      break;
    case PDF_REF:
      g_string_append_printf (out, "%d %d R", o->num, o->gen);
      break;
    case PDF_ARRAY:
      g_string_append_c (out, '[');
      for (guint i = 0; i < o->items->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          pdf_write (out, g_ptr_array_index (o->items, i));
        }
      g_string_append_c (out, ']');
      break;
    case PDF_DICT:
    default:
      g_string_append (out, "<<");
      for (guint i = 0; i < o->keys->len; i++)
        {
          g_string_append_printf (out, " /%s ", (char *) g_ptr_array_index (o->keys, i));
          pdf_write (out, g_ptr_array_index (o->items, i));
        }
      g_string_append (out, " >>");
      break;
    }
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct
{
  const guint8 *data;
  gsize size;
  GHashTable *offsets;     /* object number → offset, newest revision first */
  PdfObj *trailer;         /* of the newest revision */
  int root;                /* its document catalog's object number */
  gsize startxref;         /* offset of the newest cross-reference section */
} PdfFile;

static void
pdf_file_clear (PdfFile *f)
{
  g_clear_pointer (&f->offsets, g_hash_table_unref);
  g_clear_pointer (&f->trailer, pdf_obj_free);
}

/* Keeps the first, innermost reason when a caller adds its own (found by fuzz-verify). */
static gboolean
broken (GError    **error,
        const char *what)
{
  if (error != NULL && *error != NULL)
    return FALSE;
  g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_FAILED,
               _("The PDF is malformed: %s."), what);
  return FALSE;
}

static gboolean
is_space (guint8 c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
is_delimiter (guint8 c)
{
  return strchr ("()<>[]{}/%", c) != NULL && c != '\0';
}

static void
skip_space (const PdfFile *f,
            gsize         *pos)
{
  while (*pos < f->size)
    {
      if (is_space (f->data[*pos]))
        (*pos)++;
      else if (f->data[*pos] == '%')
        {
          while (*pos < f->size && f->data[*pos] != '\n' && f->data[*pos] != '\r')
            (*pos)++;
        }
      else
        break;
    }
}

/* A run of regular characters (numbers, keywords) */
static char *
read_word (const PdfFile *f,
           gsize         *pos)
{
  gsize start = *pos;
  while (*pos < f->size && !is_space (f->data[*pos]) && !is_delimiter (f->data[*pos]) &&
         *pos - start < 64)
    (*pos)++;
  return g_strndup ((const char *) f->data + start, *pos - start);
}

static gboolean
is_integer (const char *word)
{
  const char *p = word;
  if (*p == '+' || *p == '-')
    p++;
  if (*p == '\0')
    return FALSE;
  for (; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static PdfObj *parse_object (const PdfFile *f, gsize *pos, int depth, GError **error);

static PdfObj *
parse_object (const PdfFile  *f,
              gsize          *pos,
              int             depth,
              GError        **error)
{
  guint8 c;

  if (depth > MAX_DEPTH)
    {
      broken (error, _("objects are nested too deeply"));
      return NULL;
    }
  skip_space (f, pos);
  if (*pos >= f->size)
    {
      broken (error, _("it ends in the middle of an object"));
      return NULL;
    }
  c = f->data[*pos];

  if (c == '<' && *pos + 1 < f->size && f->data[*pos + 1] == '<')
    {
      PdfObj *dict = pdf_new (PDF_DICT);
      *pos += 2;
      for (;;)
        {
          PdfObj *value;
          char *key;
          skip_space (f, pos);
          if (*pos + 1 < f->size && f->data[*pos] == '>' && f->data[*pos + 1] == '>')
            {
              *pos += 2;
              return dict;
            }
          if (*pos >= f->size || f->data[*pos] != '/')
            {
              pdf_obj_free (dict);
              broken (error, _("a dictionary key is not a name"));
              return NULL;
            }
          (*pos)++;
          key = read_word (f, pos);
          value = parse_object (f, pos, depth + 1, error);
          if (value == NULL)
            {
              g_free (key);
              pdf_obj_free (dict);
              return NULL;
            }
          g_ptr_array_add (dict->keys, key);
          g_ptr_array_add (dict->items, value);
        }
    }
  if (c == '[')
    {
      PdfObj *array = pdf_new (PDF_ARRAY);
      (*pos)++;
      for (;;)
        {
          PdfObj *item;
          skip_space (f, pos);
          if (*pos < f->size && f->data[*pos] == ']')
            {
              (*pos)++;
              return array;
            }
          if (*pos >= f->size)
            {
              pdf_obj_free (array);
              broken (error, _("an array is not closed"));
              return NULL;
            }
          item = parse_object (f, pos, depth + 1, error);
          if (item == NULL)
            {
              pdf_obj_free (array);
              return NULL;
            }
          g_ptr_array_add (array->items, item);
        }
    }
  if (c == '/')
    {
      g_autofree char *word = NULL;
      (*pos)++;
      word = read_word (f, pos);
      return pdf_text (PDF_NAME, word);
    }
  if (c == '(')
    {
      gsize start = *pos;
      int level = 0;
      for (; *pos < f->size; (*pos)++)
        {
          if (f->data[*pos] == '\\')
            {
              (*pos)++;
              continue;
            }
          if (f->data[*pos] == '(')
            level++;
          else if (f->data[*pos] == ')' && --level == 0)
            {
              g_autofree char *raw = NULL;
              (*pos)++;
              raw = g_strndup ((const char *) f->data + start, *pos - start);
              return pdf_text (PDF_STRING, raw);
            }
        }
      broken (error, _("a string is not closed"));
      return NULL;
    }
  if (c == '<')
    {
      gsize start = *pos;
      while (*pos < f->size && f->data[*pos] != '>')
        (*pos)++;
      if (*pos >= f->size)
        {
          broken (error, _("a hexadecimal string is not closed"));
          return NULL;
        }
      (*pos)++;
      {
        g_autofree char *raw = g_strndup ((const char *) f->data + start, *pos - start);
        return pdf_text (PDF_STRING, raw);
      }
    }
  if (is_delimiter (c))
    {
      broken (error, _("an unexpected character"));
      return NULL;
    }

  {
    g_autofree char *word = read_word (f, pos);
    if (g_str_equal (word, "true") || g_str_equal (word, "false"))
      return pdf_text (PDF_BOOL, word);
    if (g_str_equal (word, "null"))
      return pdf_new (PDF_NULL);
    if (is_integer (word))
      {
        /* Perhaps "num gen R" */
        gsize look = *pos;
        g_autofree char *second = NULL;
        skip_space (f, &look);
        second = read_word (f, &look);
        if (is_integer (second))
          {
            g_autofree char *third = NULL;
            skip_space (f, &look);
            third = read_word (f, &look);
            if (g_str_equal (third, "R"))
              {
                PdfObj *ref = pdf_new (PDF_REF);
                ref->num = (int) CLAMP (g_ascii_strtoll (word, NULL, 10), 0, G_MAXINT);
                ref->gen = (int) CLAMP (g_ascii_strtoll (second, NULL, 10), 0, G_MAXINT);
                *pos = look;
                return ref;
              }
          }
        return pdf_text (PDF_NUMBER, word);
      }
    if (*word != '\0' && strspn (word, "+-.0123456789") == strlen (word))
      return pdf_text (PDF_NUMBER, word);
    broken (error, _("an unknown keyword"));
    return NULL;
  }
}

static gint64
number_of (const PdfObj *o,
           gint64        fallback)
{
  if (o == NULL || o->type != PDF_NUMBER || !is_integer (o->text))
    return fallback;
  return g_ascii_strtoll (o->text, NULL, 10);
}

/* The cross-reference sections, newest first, following /Prev. */
static gboolean
read_xref (PdfFile  *f,
           GError  **error)
{
  gsize pos, tail;
  gint64 offset;
  int sections = 0;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  PdfObj *root;

  /* "startxref\n<offset>\n%%EOF" within the last kilobyte */
  if (f->size < 9)
    return broken (error, _("it has no startxref (it may be truncated)"));
  tail = f->size > 1024 ? f->size - 1024 : 0;
  pos = G_MAXSIZE;
  for (gsize i = f->size - 9; i + 1 > tail && i != G_MAXSIZE; i--)
    if (memcmp (f->data + i, "startxref", 9) == 0)
      {
        pos = i + 9;
        break;
      }
  if (pos == G_MAXSIZE)
    return broken (error, _("it has no startxref (it may be truncated)"));
  skip_space (f, &pos);
  {
    g_autofree char *word = read_word (f, &pos);
    if (!is_integer (word))
      return broken (error, _("startxref is not a number"));
    offset = g_ascii_strtoll (word, NULL, 10);
  }
  f->startxref = (gsize) offset;
  f->offsets = g_hash_table_new (NULL, NULL);

  while (offset >= 0)
    {
      PdfObj *trailer;
      if ((gsize) offset >= f->size || ++sections > MAX_XREF_SECTIONS ||
          g_hash_table_contains (seen, GSIZE_TO_POINTER ((gsize) offset + 1)))
        return broken (error, _("a cross-reference offset points outside the file"));
      g_hash_table_add (seen, GSIZE_TO_POINTER ((gsize) offset + 1));
      pos = (gsize) offset;
      if (pos + 4 > f->size || memcmp (f->data + pos, "xref", 4) != 0)
        return broken (error, _("no cross-reference table where startxref points (cross-reference "
                                "streams are not read)"));
      pos += 4;
      for (;;)
        {
          g_autofree char *first = NULL, *count = NULL;
          gint64 start, n;
          skip_space (f, &pos);
          if (pos + 7 <= f->size && memcmp (f->data + pos, "trailer", 7) == 0)
            break;
          first = read_word (f, &pos);
          skip_space (f, &pos);
          count = read_word (f, &pos);
          if (!is_integer (first) || !is_integer (count))
            return broken (error, _("a cross-reference section is damaged"));
          start = g_ascii_strtoll (first, NULL, 10);
          n = g_ascii_strtoll (count, NULL, 10);
          if (start < 0 || n < 0 || n > 10000000 || start > G_MAXINT - n)
            return broken (error, _("a cross-reference section is damaged"));
          while (pos < f->size && is_space (f->data[pos]))
            pos++;
          for (gint64 k = 0; k < n; k++)
            {
              char line[21];
              if (pos + 20 > f->size)
                return broken (error, _("a cross-reference section is cut short"));
              memcpy (line, f->data + pos, 20);
              line[20] = '\0';
              pos += 20;
              if (line[17] == 'n')
                {
                  gint64 object_offset = g_ascii_strtoll (line, NULL, 10);
                  gpointer key = GINT_TO_POINTER ((int) (start + k));
                  if (!g_hash_table_contains (f->offsets, key))
                    g_hash_table_insert (f->offsets, key, GSIZE_TO_POINTER ((gsize) object_offset));
                }
              else if (line[17] != 'f')
                return broken (error, _("a cross-reference entry is damaged"));
            }
        }
      pos += 7;
      trailer = parse_object (f, &pos, 0, error);
      if (trailer == NULL || trailer->type != PDF_DICT)
        {
          pdf_obj_free (trailer);
          return broken (error, _("the trailer is not a dictionary"));
        }
      offset = number_of (dict_get (trailer, "Prev"), -1);
      if (f->trailer == NULL)
        f->trailer = trailer;
      else
        pdf_obj_free (trailer);
    }
  root = dict_get (f->trailer, "Root");
  if (root == NULL || root->type != PDF_REF)
    return broken (error, _("the trailer names no document catalog"));
  f->root = root->num;
  return TRUE;
}

static PdfObj *
read_indirect (PdfFile  *f,
               int       num,
               GError  **error)
{
  gpointer value;
  gsize pos;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  if (!g_hash_table_lookup_extended (f->offsets, GINT_TO_POINTER (num), NULL, &value))
    {
      broken (error, _("an object it refers to does not exist"));
      return NULL;
    }
  pos = GPOINTER_TO_SIZE (value);
  if (pos >= f->size)
    {
      broken (error, _("an object offset points outside the file"));
      return NULL;
    }
  skip_space (f, &pos);
  a = read_word (f, &pos);
  skip_space (f, &pos);
  b = read_word (f, &pos);
  skip_space (f, &pos);
  c = read_word (f, &pos);
  if (!is_integer (a) || g_ascii_strtoll (a, NULL, 10) != num || !g_str_equal (c, "obj"))
    {
      broken (error, _("an object is not where the cross-reference table says"));
      return NULL;
    }
  return parse_object (f, &pos, 0, error);
}

static PdfObj *
resolve (PdfFile  *f,
         PdfObj   *o,
         PdfObj  **owned,
         GError  **error)
{
  *owned = NULL;
  if (o != NULL && o->type == PDF_REF)
    return *owned = read_indirect (f, o->num, error);
  return o;
}

/* The object number of page `index` (0-based) in the page tree. */
static int
find_page (PdfFile  *f,
           int       node,
           guint    *index,
           int       depth,
           GError  **error)
{
  g_autoptr(PdfObj) dict = NULL;
  PdfObj *type, *kids;

  if (depth > MAX_DEPTH)
    {
      broken (error, _("the page tree is too deep"));
      return -1;
    }
  dict = read_indirect (f, node, error);
  if (dict == NULL)
    return -1;
  type = dict_get (dict, "Type");
  if (type != NULL && type->type == PDF_NAME && g_str_equal (type->text, "Page"))
    {
      if (*index == 0)
        return node;
      (*index)--;
      return 0;
    }
  kids = dict_get (dict, "Kids");
  if (kids == NULL || kids->type != PDF_ARRAY)
    {
      broken (error, _("the page tree is damaged"));
      return -1;
    }
  for (guint i = 0; i < kids->items->len; i++)
    {
      PdfObj *kid = g_ptr_array_index (kids->items, i);
      int found;
      if (kid->type != PDF_REF)
        continue;
      found = find_page (f, kid->num, index, depth + 1, error);
      if (found != 0)
        return found;
    }
  return 0;
}

/* ---- writing ------------------------------------------------------------------- */

typedef struct
{
  int num;
  gsize offset;
} XrefEntry;

typedef struct
{
  GString *out;            /* the whole file: original bytes, then the update */
  GArray *entries;         /* XrefEntry */
  int next_num;
} Update;

static int
update_reserve (Update *u)
{
  return u->next_num++;
}

static void
update_begin_object (Update *u,
                     int     num)
{
  XrefEntry e = { num, 0 };
  if (u->out->len > 0 && u->out->str[u->out->len - 1] != '\n')
    g_string_append_c (u->out, '\n');
  e.offset = u->out->len;
  g_array_append_val (u->entries, e);
  g_string_append_printf (u->out, "%d 0 obj\n", num);
}

static void
update_object (Update *u,
               int     num,
               PdfObj *o)
{
  update_begin_object (u, num);
  pdf_write (u->out, o);
  g_string_append (u->out, "\nendobj\n");
}

static void
update_stream (Update       *u,
               int           num,
               PdfObj       *dict,
               const void   *data,
               gsize         size)
{
  g_autofree char *length = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
  dict_set (dict, "Length", pdf_text (PDF_NUMBER, length));
  update_begin_object (u, num);
  pdf_write (u->out, dict);
  g_string_append (u->out, "\nstream\n");
  g_string_append_len (u->out, data, (gssize) size);
  g_string_append (u->out, "\nendstream\nendobj\n");
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return ((const XrefEntry *) a)->num - ((const XrefEntry *) b)->num;
}

static void
update_finish (Update  *u,
               PdfObj  *old_trailer,
               gsize    prev_startxref)
{
  g_autoptr(PdfObj) trailer = pdf_new (PDF_DICT);
  g_autofree char *size = g_strdup_printf ("%d", u->next_num);
  g_autofree char *prev = g_strdup_printf ("%" G_GSIZE_FORMAT, prev_startxref);
  gsize xref = u->out->len;

  g_array_sort (u->entries, compare_entries);
  g_string_append (u->out, "xref\n0 1\n0000000000 65535 f \n");
  for (guint i = 0; i < u->entries->len; i++)
    {
      const XrefEntry *e = &g_array_index (u->entries, XrefEntry, i);
      g_string_append_printf (u->out, "%d 1\n%010" G_GSIZE_FORMAT " 00000 n \n", e->num, e->offset);
    }
  dict_set (trailer, "Size", pdf_text (PDF_NUMBER, size));
  dict_set (trailer, "Root", pdf_copy (dict_get (old_trailer, "Root")));
  if (dict_get (old_trailer, "Info") != NULL)
    dict_set (trailer, "Info", pdf_copy (dict_get (old_trailer, "Info")));
  if (dict_get (old_trailer, "ID") != NULL)
    dict_set (trailer, "ID", pdf_copy (dict_get (old_trailer, "ID")));
  dict_set (trailer, "Prev", pdf_text (PDF_NUMBER, prev));
  g_string_append (u->out, "trailer\n");
  pdf_write (u->out, trailer);
  g_string_append_printf (u->out, "\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
}

/* Text as a PDF string: UTF-16BE with a byte order mark, in hex. */
static PdfObj *
pdf_text_string (const char *text)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n = 0;
  GString *hex = g_string_new ("<FEFF");

  utf16 = g_utf8_to_utf16 (text != NULL ? text : "", -1, NULL, &n, NULL);
  for (glong i = 0; utf16 != NULL && i < n; i++)
    g_string_append_printf (hex, "%04X", utf16[i]);
  g_string_append_c (hex, '>');
  {
    PdfObj *o = pdf_text (PDF_STRING, hex->str);
    g_string_free (hex, TRUE);
    return o;
  }
}

static char *
pdf_date (GDateTime *when)
{
  int offset = (int) (g_date_time_get_utc_offset (when) / G_TIME_SPAN_MINUTE);
  g_autofree char *stamp = g_date_time_format (when, "%Y%m%d%H%M%S");
  return g_strdup_printf ("(D:%s%c%02d'%02d')", stamp, offset < 0 ? '-' : '+', ABS (offset) / 60,
                          ABS (offset) % 60);
}

/* ---- text that can be copied ---------------------------------------------------- */

static gboolean
is_name (PdfObj     *o,
         const char *name)
{
  return o != NULL && o->type == PDF_NAME && g_str_equal (o->text, name);
}

static GBytes *
deflate (const char *data,
         gsize       size)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (zlib));

  /* Into memory: nothing here can fail */
  g_output_stream_write_all (out, data, size, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* A ToUnicode CMap mapping each two-byte code to the character of that number: every code
 * but the surrogates, a range of 256 at a time (a range may not change the first byte),
 * at most 100 to a block */
static GString *
identity_to_unicode (void)
{
  GString *cmap = g_string_new ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
                                ">> def\n/CMapName /QRM-Identity-UCS def\n/CMapType 2 def\n"
                                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  guint high[256], n = 0;

  for (guint h = 0; h < 256; h++)
    if (h < 0xD8 || h > 0xDF)
      high[n++] = h;
  for (guint i = 0; i < n; i += 100)
    {
      guint block = MIN (100, n - i);
      g_string_append_printf (cmap, "%u beginbfrange\n", block);
      for (guint j = i; j < i + block; j++)
        g_string_append_printf (cmap, "<%02X00> <%02XFF> <%02X00>\n", high[j], high[j], high[j]);
      g_string_append (cmap, "endbfrange\n");
    }
  g_string_append (cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  return cmap;
}

GBytes *
_quorum_pdf_mend_to_unicode (GBytes  *pdf,
                             GError **error)
{
  PdfFile f = { 0 };
  Update u = { 0 };
  g_autoptr(GHashTable) streams = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) cmap = NULL;
  g_autoptr(GBytes) packed = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GBytes *result = NULL;

  f.data = g_bytes_get_data (pdf, &f.size);
  if (!read_xref (&f, error))
    goto out;

  /* libharu's fonts: Type0 over its UTF-8 encoder, whose codes are the characters' numbers */
  g_hash_table_iter_init (&iter, f.offsets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize at = GPOINTER_TO_SIZE (value);
      g_autoptr(PdfObj) font = NULL;
      PdfObj *to_unicode;

      /* Only objects that start as a Type0 font are worth parsing (pages are most of them) */
      if (at >= f.size || g_strstr_len ((const char *) f.data + at, (gssize) MIN (512, f.size - at),
                                        "/Type0") == NULL)
        continue;
      font = read_indirect (&f, GPOINTER_TO_INT (key), NULL);
      to_unicode = dict_get (font, "ToUnicode");

      if (is_name (dict_get (font, "Type"), "Font") && is_name (dict_get (font, "Subtype"), "Type0") &&
          is_name (dict_get (font, "Encoding"), "Identity-H") &&
          to_unicode != NULL && to_unicode->type == PDF_REF)
        g_hash_table_add (streams, GINT_TO_POINTER (to_unicode->num));
    }
  if (g_hash_table_size (streams) == 0)
    {
      result = g_bytes_ref (pdf);
      goto out;
    }

  u.out = g_string_new_len ((const char *) f.data, (gssize) f.size);
  u.entries = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  u.next_num = (int) number_of (dict_get (f.trailer, "Size"), 0);
  cmap = identity_to_unicode ();
  packed = deflate (cmap->str, cmap->len);
  g_hash_table_iter_init (&iter, streams);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(PdfObj) dict = pdf_new (PDF_DICT);
      dict_set (dict, "Filter", pdf_text (PDF_NAME, "FlateDecode"));
      update_stream (&u, GPOINTER_TO_INT (key), dict, g_bytes_get_data (packed, NULL),
                     g_bytes_get_size (packed));
    }
  update_finish (&u, f.trailer, f.startxref);
  result = g_string_free_to_bytes (g_steal_pointer (&u.out));

out:
  if (u.entries != NULL)
    g_array_unref (u.entries);
  if (u.out != NULL)
    g_string_free (u.out, TRUE);
  pdf_file_clear (&f);
  return result;
}

/* ---- the appearance of a signature --------------------------------------------- */

/* A subset of one font holding just the appearance's characters, as a CID
 * font with glyph ids as CIDs, so that every font stays embedded. */
typedef struct
{
  GBytes *font_file;
  char *name;              /* PostScript name, for /BaseFont */
  GHashTable *gids;        /* gunichar → gid */
  GHashTable *widths;      /* gid → width (1/1000 em) */
  double ascent, descent, cap_height;
  int bbox[4];             /* 1/1000 em */
} AppearanceFont;

static void
appearance_font_clear (AppearanceFont *a)
{
  g_clear_pointer (&a->font_file, g_bytes_unref);
  g_clear_pointer (&a->name, g_free);
  g_clear_pointer (&a->gids, g_hash_table_unref);
  g_clear_pointer (&a->widths, g_hash_table_unref);
}

/* The fonts the minutes use, in the order they are tried: the first that has every
 * character of the appearance draws it (a signer's name in Chinese or Korean too). */
static const char * const appearance_families[] = {
  "DejaVu Sans:style=Book", "AR PL UMing CN", "NanumGothic",
};

typedef struct
{
  char *path;              /* NULL: not installed */
  int index;               /* face in a collection */
} FontFile;

static FontFile
lookup_font (const char *name)
{
  FcPattern *pattern = FcNameParse ((const FcChar8 *) name);
  FcPattern *match;
  FcResult result;
  FcChar8 *file = NULL;
  FcChar8 *family = NULL;
  FontFile found = { NULL, 0 };
  g_autofree char *wanted = g_strndup (name, strcspn (name, ":"));

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  /* fontconfig answers with some font for any name: only the one asked for will do, under
   * any of its names */
  if (match != NULL && FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch)
    for (int i = 0; FcPatternGetString (match, FC_FAMILY, i, &family) == FcResultMatch; i++)
      if (g_ascii_strcasecmp ((const char *) family, wanted) == 0)
        {
          found.path = g_strdup ((const char *) file);
          if (FcPatternGetInteger (match, FC_INDEX, 0, &found.index) != FcResultMatch)
            found.index = 0;
          break;
        }
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  return found;
}

/* Fonts do not move while Quorum runs: ask fontconfig once. */
static const FontFile *
appearance_font_files (void)
{
  static gsize once = 0;
  static FontFile files[G_N_ELEMENTS (appearance_families)];

  if (g_once_init_enter (&once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (appearance_families); i++)
        files[i] = lookup_font (appearance_families[i]);
      g_once_init_leave (&once, 1);
    }
  return files;
}

/* How many characters of `text` the font has */
static guint
font_coverage (FT_Library      ft,
               const FontFile *file,
               const char     *text)
{
  FT_Face face = NULL;
  guint covered = 0;

  if (file->path == NULL || FT_New_Face (ft, file->path, file->index, &face) != 0)
    return 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    covered += FT_Get_Char_Index (face, g_utf8_get_char (p)) != 0;
  FT_Done_Face (face);
  return covered;
}

/* The line as it is drawn, left to right: right-to-left runs reversed and Arabic letters in
 * their joined forms, as the minutes draw them */
static char *
appearance_visual (const char *text)
{
  glong len = 0;
  g_autofree gunichar *logical = g_utf8_to_ucs4_fast (text, -1, &len);
  g_autofree FriBidiChar *visual = NULL;
  FriBidiParType direction = FRIBIDI_PAR_ON;
  gboolean rtl = FALSE;

  for (glong i = 0; i < len && !rtl; i++)
    rtl = FRIBIDI_IS_RTL (fribidi_get_bidi_type (logical[i]));
  if (!rtl)
    return g_strdup (text);
  visual = g_new0 (FriBidiChar, len + 1);
  if (!fribidi_log2vis (logical, (FriBidiStrIndex) len, &direction, visual, NULL, NULL, NULL))
    return g_strdup (text);
  return g_ucs4_to_utf8 (visual, len, NULL, NULL, NULL);
}

static gboolean
appearance_font_make (AppearanceFont  *a,
                      const char      *text,
                      GError         **error)
{
  const FontFile *files = appearance_font_files ();
  const FontFile *chosen = NULL;
  guint best = 0, wanted = (guint) g_utf8_strlen (text, -1);
  hb_blob_t *blob = NULL, *result = NULL;
  hb_face_t *face = NULL, *subset = NULL;
  hb_subset_input_t *input = NULL;
  FT_Library ft = NULL;
  FT_Face ft_face = NULL;
  gboolean ok = FALSE;
  const char *data;
  unsigned int length = 0;

  if (files[0].path == NULL)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_FONT_MISSING,
                   _("The font “%s” is not installed, so the signature cannot be shown. Install "
                     "it (Debian package %s)."), "DejaVu Sans", "fonts-dejavu-core");
      return FALSE;
    }
  if (FT_Init_FreeType (&ft) != 0)
    goto out;
  /* The first font that has it all, else the one that has most; DejaVu Sans if none has any */
  chosen = &files[0];
  for (guint i = 0; i < G_N_ELEMENTS (appearance_families) && best < wanted; i++)
    {
      guint covered = font_coverage (ft, &files[i], text);
      if (covered > best)
        {
          best = covered;
          chosen = &files[i];
        }
    }
  if ((blob = hb_blob_create_from_file_or_fail (chosen->path)) == NULL)
    goto out;
  face = hb_face_create (blob, (unsigned int) chosen->index);
  input = hb_subset_input_create_or_fail ();
  if (input == NULL)
    goto out;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    hb_set_add (hb_subset_input_unicode_set (input), g_utf8_get_char (p));
  hb_set_add (hb_subset_input_unicode_set (input), '?');
  subset = hb_subset_or_fail (face, input);
  if (subset == NULL)
    goto out;
  result = hb_face_reference_blob (subset);
  data = hb_blob_get_data (result, &length);
  a->font_file = g_bytes_new (data, length);

  if (FT_New_Memory_Face (ft, (const FT_Byte *) g_bytes_get_data (a->font_file, NULL),
                          (FT_Long) length, 0, &ft_face) != 0)
    goto out;
  {
    const char *postscript = FT_Get_Postscript_Name (ft_face);
    GString *name = g_string_new (NULL);

    /* A PDF name of plain letters and digits */
    for (const char *p = postscript != NULL ? postscript : "Font"; *p; p++)
      if (g_ascii_isalnum (*p) || *p == '-')
        g_string_append_c (name, *p);
    a->name = g_string_free (name, FALSE);
  }
  a->gids = g_hash_table_new (NULL, NULL);
  a->widths = g_hash_table_new (NULL, NULL);
  a->ascent = ft_face->ascender * 1000.0 / ft_face->units_per_EM;
  a->descent = ft_face->descender * 1000.0 / ft_face->units_per_EM;
  {
    TT_OS2 *os2 = FT_Get_Sfnt_Table (ft_face, FT_SFNT_OS2);
    /* Fonts older than OS/2 version 2 do not say: about 70 % of the ascent in most */
    a->cap_height = os2 != NULL && os2->version >= 2 && os2->sCapHeight > 0
                    ? os2->sCapHeight * 1000.0 / ft_face->units_per_EM : a->ascent * 0.7;
  }
  a->bbox[0] = (int) (ft_face->bbox.xMin * 1000 / ft_face->units_per_EM);
  a->bbox[1] = (int) (ft_face->bbox.yMin * 1000 / ft_face->units_per_EM);
  a->bbox[2] = (int) (ft_face->bbox.xMax * 1000 / ft_face->units_per_EM);
  a->bbox[3] = (int) (ft_face->bbox.yMax * 1000 / ft_face->units_per_EM);
  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : '?';
      FT_UInt gid = FT_Get_Char_Index (ft_face, c);
      FT_Fixed advance = 0;
      if (gid != 0)
        {
          FT_Get_Advance (ft_face, gid, FT_LOAD_NO_SCALE, &advance);
          g_hash_table_insert (a->gids, GUINT_TO_POINTER (c), GUINT_TO_POINTER (gid));
          g_hash_table_insert (a->widths, GUINT_TO_POINTER (gid),
                               GINT_TO_POINTER ((int) (advance * 1000 / ft_face->units_per_EM)));
        }
      if (*p == '\0')
        break;
    }
  ok = TRUE;

out:
  if (!ok)
    g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_FAILED,
                 _("The font for the signature’s appearance could not be prepared."));
  if (ft_face != NULL)
    FT_Done_Face (ft_face);
  if (ft != NULL)
    FT_Done_FreeType (ft);
  if (result != NULL)
    hb_blob_destroy (result);
  if (subset != NULL)
    hb_face_destroy (subset);
  if (input != NULL)
    hb_subset_input_destroy (input);
  if (face != NULL)
    hb_face_destroy (face);
  if (blob != NULL)
    hb_blob_destroy (blob);
  return ok;
}

/* Glyph ids of `text` as hex for Tj, and its width in 1/1000 em. */
static char *
appearance_glyphs (AppearanceFont *a,
                   const char     *text,
                   double         *width)
{
  GString *hex = g_string_new ("<");
  guint question = GPOINTER_TO_UINT (g_hash_table_lookup (a->gids, GUINT_TO_POINTER ('?')));

  *width = 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      guint gid = GPOINTER_TO_UINT (g_hash_table_lookup (a->gids,
                                                         GUINT_TO_POINTER (g_utf8_get_char (p))));
      if (gid == 0)
        gid = question;  /* a character DejaVu Sans does not have */
      g_string_append_printf (hex, "%04X", gid);
      *width += GPOINTER_TO_INT (g_hash_table_lookup (a->widths, GUINT_TO_POINTER (gid)));
    }
  g_string_append_c (hex, '>');
  return g_string_free (hex, FALSE);
}

/* Writes the font objects; returns the Type0 font's object number. */
static int
write_appearance_font (Update         *u,
                       AppearanceFont *a)
{
  int file = update_reserve (u), descriptor = update_reserve (u), cid = update_reserve (u);
  int unicode = update_reserve (u), type0 = update_reserve (u);
  g_autoptr(PdfObj) file_dict = pdf_new (PDF_DICT);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) widths = g_string_new ("[");
  g_autoptr(GString) cmap = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_autofree char *length1 = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (a->font_file));
  dict_set (file_dict, "Length1", pdf_text (PDF_NUMBER, length1));
  update_stream (u, file, file_dict, g_bytes_get_data (a->font_file, NULL),
                 g_bytes_get_size (a->font_file));

  update_begin_object (u, descriptor);
  g_string_append_printf (u->out, "<< /Type /FontDescriptor /FontName /QRMSIG+%s /Flags 32 "
                          "/FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d "
                          "/CapHeight %d /StemV 80 /FontFile2 %d 0 R >>\nendobj\n",
                          a->name, a->bbox[0], a->bbox[1], a->bbox[2], a->bbox[3],
                          (int) a->ascent, (int) a->descent, (int) a->cap_height, file);

  g_hash_table_iter_init (&iter, a->widths);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (widths, " %u [%d]", GPOINTER_TO_UINT (key), GPOINTER_TO_INT (value));
  g_string_append (widths, " ]");
  update_begin_object (u, cid);
  g_string_append_printf (u->out, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont "
                          "/QRMSIG+%s /CIDSystemInfo << /Registry (Adobe) /Ordering "
                          "(Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap "
                          "/Identity /DW 1000 /W %s >>\nendobj\n", a->name, descriptor,
                          widths->str);

  /* So that the signer's name can be copied and searched */
  g_hash_table_iter_init (&iter, a->gids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gunichar c = GPOINTER_TO_UINT (key);
      gunichar2 units[2];
      int count = c > 0xFFFF ? 2 : 1;
      if (count == 2)
        {
          units[0] = 0xD800 + ((c - 0x10000) >> 10);
          units[1] = 0xDC00 + ((c - 0x10000) & 0x3FF);
        }
      else
        units[0] = (gunichar2) c;
      g_string_append_printf (text, "<%04X> <%04X%s%s>\n", GPOINTER_TO_UINT (value), units[0],
                              count == 2 ? "" : "", "");
      if (count == 2)
        {
          g_string_truncate (text, text->len - 2);
          g_string_append_printf (text, "%04X>\n", units[1]);
        }
      n++;
    }
  g_string_append_printf (cmap, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
                          "def\n/CMapName /QRMSIG-UCS def\n/CMapType 2 def\n1 begincodespacerange\n"
                          "<0000> <FFFF>\nendcodespacerange\n%u beginbfchar\n%sendbfchar\n"
                          "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n",
                          n, text->str);
  {
    g_autoptr(PdfObj) dict = pdf_new (PDF_DICT);
    update_stream (u, unicode, dict, cmap->str, cmap->len);
  }

  update_begin_object (u, type0);
  g_string_append_printf (u->out, "<< /Type /Font /Subtype /Type0 /BaseFont /QRMSIG+%s "
                          "/Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\n"
                          "endobj\n", a->name, cid, unicode);
  return type0;
}

/* ---- signing ------------------------------------------------------------------- */

/* ESS SigningCertificateV2 with one ESSCertIDv2: SHA-256 (the default, so
 * the algorithm is left out) of the signer's certificate. */
static gboolean
signing_certificate_v2 (gnutls_x509_crt_t  certificate,
                        guint8             der[40])
{
  gnutls_datum_t raw = { NULL, 0 };
  guint8 digest[32];

  if (gnutls_x509_crt_export2 (certificate, GNUTLS_X509_FMT_DER, &raw) < 0)
    return FALSE;
  gnutls_hash_fast (GNUTLS_DIG_SHA256, raw.data, raw.size, digest);
  gnutls_free (raw.data);
  der[0] = 0x30; der[1] = 38;      /* SigningCertificateV2 */
  der[2] = 0x30; der[3] = 36;      /*   certs: SEQUENCE OF ESSCertIDv2 */
  der[4] = 0x30; der[5] = 34;      /*     ESSCertIDv2 */
  der[6] = 0x04; der[7] = 32;      /*       certHash: OCTET STRING */
  memcpy (der + 8, digest, 32);
  return TRUE;
}

static gboolean
sign_ranges (QuorumSigner   *signer,
             GString        *file,
             gsize           contents_start,
             gsize           contents_end,
             GError        **error)
{
  gnutls_pkcs7_t cms = NULL;
  gnutls_pkcs7_attrs_t attrs = NULL;
  gnutls_datum_t data, der = { NULL, 0 }, ess;
  guint8 ess_der[40];
  g_autofree guint8 *signed_bytes = NULL;
  gsize before = contents_start, after = file->len - contents_end;
  int rc;
  gboolean ok = FALSE;

  signed_bytes = g_malloc (before + after);
  memcpy (signed_bytes, file->str, before);
  memcpy (signed_bytes + before, file->str + contents_end, after);
  data.data = signed_bytes;
  data.size = (unsigned int) (before + after);

  if (!signing_certificate_v2 (quorum_signer_get_certificate (signer), ess_der))
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_FAILED,
                   _("The signer’s certificate cannot be read."));
      return FALSE;
    }
  ess.data = ess_der;
  ess.size = sizeof ess_der;

  if ((rc = gnutls_pkcs7_init (&cms)) < 0 ||
      (rc = gnutls_pkcs7_add_attr (&attrs, OID_SIGNING_CERTIFICATE_V2, &ess, 0)) < 0 ||
      (rc = gnutls_pkcs7_sign (cms, quorum_signer_get_certificate (signer),
                               quorum_signer_get_key (signer), &data, attrs, NULL,
                               GNUTLS_DIG_SHA256, GNUTLS_PKCS7_INCLUDE_CERT)) < 0 ||
      (rc = gnutls_pkcs7_export2 (cms, GNUTLS_X509_FMT_DER, &der)) < 0)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_FAILED,
                   _("The signature could not be made (%s)."), gnutls_strerror (rc));
      goto out;
    }
  if (der.size * 2 > contents_end - contents_start - 2)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_FAILED,
                   _("The signature is larger than the room kept for it."));
      goto out;
    }
  for (unsigned int i = 0; i < der.size; i++)
    {
      static const char digits[] = "0123456789ABCDEF";
      file->str[contents_start + 1 + 2 * i] = digits[der.data[i] >> 4];
      file->str[contents_start + 2 + 2 * i] = digits[der.data[i] & 15];
    }
  ok = TRUE;

out:
  if (der.data != NULL)
    gnutls_free (der.data);
  if (attrs != NULL)
    gnutls_pkcs7_attrs_deinit (attrs);
  if (cms != NULL)
    gnutls_pkcs7_deinit (cms);
  return ok;
}

typedef struct
{
  char *name;          /* field name */
  guint page;
  double rect[4];
} FieldSpec;

static void
field_spec_clear (gpointer data)
{
  g_free (((FieldSpec *) data)->name);
}

/* A new signature field's widget on page `page_num`, added to the page's
 * /Annots (the page is kept in `pages` to be written) and to `fields`. */
static PdfObj *
new_widget (Update      *u,
            PdfFile     *f,
            GHashTable  *pages,
            PdfObj      *fields,
            const char  *name,
            const char  *rect,
            int          page_num,
            int         *out_num,
            GError     **error)
{
  PdfObj *widget, *page, *annots;
  int num;

  if (!g_hash_table_contains (pages, GINT_TO_POINTER (page_num)))
    {
      PdfObj *read = read_indirect (f, page_num, error);
      if (read == NULL)
        return NULL;
      g_hash_table_insert (pages, GINT_TO_POINTER (page_num), read);
    }
  page = g_hash_table_lookup (pages, GINT_TO_POINTER (page_num));
  annots = dict_get (page, "Annots");
  if (annots == NULL || annots->type != PDF_ARRAY)
    {
      annots = pdf_new (PDF_ARRAY);
      dict_set (page, "Annots", annots);
    }

  num = update_reserve (u);
  widget = pdf_new (PDF_DICT);
  dict_set (widget, "Type", pdf_text (PDF_NAME, "Annot"));
  dict_set (widget, "Subtype", pdf_text (PDF_NAME, "Widget"));
  dict_set (widget, "FT", pdf_text (PDF_NAME, "Sig"));
  dict_set (widget, "T", pdf_text_string (name));
  dict_set (widget, "F", pdf_text (PDF_NUMBER, "132"));   /* print, locked */
  dict_set (widget, "Rect", pdf_text (PDF_NUMBER, rect));  /* written as is */
  dict_set (widget, "P", pdf_ref (page_num));
  g_ptr_array_add (annots->items, pdf_ref (num));
  g_ptr_array_add (fields->items, pdf_ref (num));
  *out_num = num;
  return widget;
}

/* Appends a signature to `original`: fills the field named `field`, first
 * creating `fields` when the document has none yet. */
static GBytes *
sign_pdf (GBytes        *original,
          QuorumSigner  *signer,
          GArray        *fields,
          const char    *field,
          const char    *signer_label,
          const char    *reason,
          const char    *location,
          GDateTime     *when,
          GError       **error)
{
  PdfFile f = { 0 };
  Update u = { 0 };
  g_autoptr(PdfObj) catalog = NULL, form_owned = NULL, fields_owned = NULL;
  PdfObj *form, *existing;
  g_autoptr(GHashTable) pages = g_hash_table_new_full (NULL, NULL, NULL, pdf_obj_free);
  g_autoptr(PdfObj) all_fields = pdf_new (PDF_ARRAY);
  g_autofree char *date = pdf_date (when);
  g_autofree char *contents = NULL;
  AppearanceFont font = { 0 };
  GBytes *result = NULL;
  int target_num = -1, sig_num, font_num;
  gsize byterange_at, contents_start, contents_end;
  PdfObj *target_widget = NULL;

  f.data = g_bytes_get_data (original, &f.size);
  if (!read_xref (&f, error))
    goto out;
  if ((catalog = read_indirect (&f, f.root, error)) == NULL || catalog->type != PDF_DICT)
    {
      if (catalog != NULL)
        broken (error, _("the catalog is not a dictionary"));
      goto out;
    }

  u.out = g_string_new_len ((const char *) f.data, (gssize) f.size);
  u.entries = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  u.next_num = (int) number_of (dict_get (f.trailer, "Size"), 0);
  if (u.next_num <= 0)
    {
      broken (error, _("the trailer has no /Size"));
      goto out;
    }

  /* The fields there are already */
  form = resolve (&f, dict_get (catalog, "AcroForm"), &form_owned, error);
  existing = form != NULL ? resolve (&f, dict_get (form, "Fields"), &fields_owned, error) : NULL;
  if (existing != NULL && existing->type == PDF_ARRAY)
    for (guint i = 0; i < existing->items->len; i++)
      {
        PdfObj *ref = g_ptr_array_index (existing->items, i);
        g_autoptr(PdfObj) widget = NULL;
        PdfObj *name;
        if (ref->type != PDF_REF)
          continue;
        g_ptr_array_add (all_fields->items, pdf_copy (ref));
        widget = read_indirect (&f, ref->num, error);
        if (widget == NULL)
          goto out;
        name = dict_get (widget, "T");
        /* A prepared field of this signer's role, not signed yet (compared as we write it) */
        if (target_num < 0 && name != NULL && name->type == PDF_STRING &&
            dict_get (widget, "V") == NULL)
          {
            PdfObj *candidate = pdf_text_string (field);
            if (g_str_equal (candidate->text, name->text))
              {
                target_num = ref->num;
                target_widget = g_steal_pointer (&widget);
              }
            pdf_obj_free (candidate);
          }
      }

  /* First signature: a field for every required signer, on the signature page. */
  if (all_fields->items->len == 0 && fields != NULL)
    for (guint i = 0; i < fields->len; i++)
      {
        FieldSpec *spec = &g_array_index (fields, FieldSpec, i);
        guint index = spec->page;
        int page_num = find_page (&f, dict_get (catalog, "Pages") != NULL &&
                                      dict_get (catalog, "Pages")->type == PDF_REF
                                      ? dict_get (catalog, "Pages")->num : -1,
                                  &index, 0, error);
        g_autoptr(PdfObj) widget = NULL;
        g_autofree char *rect = g_strdup_printf ("[%.2f %.2f %.2f %.2f]", spec->rect[0],
                                                 spec->rect[1], spec->rect[2], spec->rect[3]);
        int num;

        if (page_num <= 0)
          {
            if (page_num == 0)
              broken (error, _("the signature page is missing"));
            goto out;
          }
        widget = new_widget (&u, &f, pages, all_fields, spec->name, rect, page_num, &num, error);
        if (widget == NULL)
          goto out;
        if (g_str_equal (spec->name, field))
          {
            target_num = num;
            target_widget = g_steal_pointer (&widget);
          }
        else
          update_object (&u, num, widget);
      }

  /* A signer with no prepared field gets an invisible one on the last page. */
  if (target_num < 0)
    {
      int page_num = -1;
      guint index;
      PdfObj *pages_ref = dict_get (catalog, "Pages");
      g_autoptr(PdfObj) pages_root = NULL;
      if (pages_ref == NULL || pages_ref->type != PDF_REF ||
          (pages_root = read_indirect (&f, pages_ref->num, error)) == NULL)
        {
          if (pages_root == NULL && error != NULL && *error == NULL)
            broken (error, _("the page tree is missing"));
          goto out;
        }
      index = (guint) CLAMP (number_of (dict_get (pages_root, "Count"), 1) - 1, 0, G_MAXINT);
      page_num = find_page (&f, pages_ref->num, &index, 0, error);
      if (page_num <= 0)
        {
          if (page_num == 0)
            broken (error, _("the last page is missing"));
          goto out;
        }
      target_widget = new_widget (&u, &f, pages, all_fields, field, "[0 0 0 0]", page_num,
                                  &target_num, error);
      if (target_widget == NULL)
        goto out;
    }

  /* The appearance: who signed, as what, and when */
  {
    g_autofree char *said = g_strdup_printf (_("Digitally signed by %s"), signer_label);
    g_autofree char *line1 = appearance_visual (said);
    g_autofree char *line2 = g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC%:z");
    g_autofree char *both = g_strconcat (line1, line2, NULL);
    g_autofree char *glyphs1 = NULL, *glyphs2 = NULL;
    g_autoptr(GString) stream = g_string_new (NULL);
    PdfObj *rect = dict_get (target_widget, "Rect");
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0, w1, w2, size = 8;
    int ap_num = update_reserve (&u);

    if (rect != NULL && rect->type == PDF_NUMBER)
      sscanf (rect->text, "[%lf %lf %lf %lf]", &x0, &y0, &x1, &y1);
    else if (rect != NULL && rect->type == PDF_ARRAY && rect->items->len == 4)
      {
        x0 = g_ascii_strtod (((PdfObj *) rect->items->pdata[0])->text, NULL);
        y0 = g_ascii_strtod (((PdfObj *) rect->items->pdata[1])->text, NULL);
        x1 = g_ascii_strtod (((PdfObj *) rect->items->pdata[2])->text, NULL);
        y1 = g_ascii_strtod (((PdfObj *) rect->items->pdata[3])->text, NULL);
      }
    if (!appearance_font_make (&font, both, error))
      goto out;
    font_num = write_appearance_font (&u, &font);
    glyphs1 = appearance_glyphs (&font, line1, &w1);
    glyphs2 = appearance_glyphs (&font, line2, &w2);
    if (x1 - x0 > 1 && y1 - y0 > 1)
      g_string_append_printf (stream, "q 0.1 0.37 0.71 rg BT /F1 %.1f Tf 2 %.2f Td %s Tj ET "
                              "BT /F1 %.1f Tf 2 %.2f Td %s Tj ET Q",
                              size, (y1 - y0) - size - 2, glyphs1, size, 3.0, glyphs2);
    {
      g_autoptr(PdfObj) xobject = pdf_new (PDF_DICT);
      g_autofree char *bbox = g_strdup_printf ("[0 0 %.2f %.2f]", MAX (x1 - x0, 0),
                                               MAX (y1 - y0, 0));
      g_autofree char *resources = g_strdup_printf ("<< /Font << /F1 %d 0 R >> >>", font_num);
      dict_set (xobject, "Type", pdf_text (PDF_NAME, "XObject"));
      dict_set (xobject, "Subtype", pdf_text (PDF_NAME, "Form"));
      dict_set (xobject, "BBox", pdf_text (PDF_NUMBER, bbox));
      dict_set (xobject, "Resources", pdf_text (PDF_NUMBER, resources));
      update_stream (&u, ap_num, xobject, stream->str, stream->len);
    }
    {
      g_autofree char *ap = g_strdup_printf ("<< /N %d 0 R >>", ap_num);
      dict_set (target_widget, "AP", pdf_text (PDF_NUMBER, ap));
    }
  }

  /* The signature dictionary, with room for the CMS */
  sig_num = update_reserve (&u);
  update_begin_object (&u, sig_num);
  g_string_append (u.out, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
                          "/ByteRange ");
  byterange_at = u.out->len;
  g_string_append (u.out, "[0000000000 0000000000 0000000000 0000000000] /Contents ");
  contents_start = u.out->len;
  contents = g_strnfill (CONTENTS_BYTES * 2, '0');
  g_string_append_printf (u.out, "<%s>", contents);
  contents_end = u.out->len;
  g_string_append_printf (u.out, " /M %s /Name ", date);
  {
    g_autoptr(PdfObj) name = pdf_text_string (quorum_signer_get_name (signer));
    g_autoptr(PdfObj) why = pdf_text_string (reason);
    pdf_write (u.out, name);
    g_string_append (u.out, " /Reason ");
    pdf_write (u.out, why);
    if (location != NULL && *location != '\0')
      {
        g_autoptr(PdfObj) where = pdf_text_string (location);
        g_string_append (u.out, " /Location ");
        pdf_write (u.out, where);
      }
  }
  g_string_append (u.out, " >>\nendobj\n");

  dict_set (target_widget, "V", pdf_ref (sig_num));
  update_object (&u, target_num, target_widget);

  /* Pages that got annotations, and the catalog with the form */
  {
    GHashTableIter iter;
    gpointer key, value;
    g_autoptr(PdfObj) acroform = pdf_new (PDF_DICT);
    g_hash_table_iter_init (&iter, pages);
    while (g_hash_table_iter_next (&iter, &key, &value))
      update_object (&u, GPOINTER_TO_INT (key), value);
    dict_set (acroform, "Fields", g_steal_pointer (&all_fields));
    dict_set (acroform, "SigFlags", pdf_text (PDF_NUMBER, "3"));
    dict_set (catalog, "AcroForm", g_steal_pointer (&acroform));
    /* Extension level for CAdES signatures (ISO 32000-1 with PAdES) */
    dict_set (catalog, "Extensions",
              pdf_text (PDF_NUMBER, "<< /ESIC << /BaseVersion /1.7 /ExtensionLevel 2 >> >>"));
    update_object (&u, f.root, catalog);
  }
  update_finish (&u, f.trailer, f.startxref);

  /* Fill in the byte range, then sign it */
  {
    g_autofree char *range = g_strdup_printf ("[0000000000 %010" G_GSIZE_FORMAT " %010"
                                              G_GSIZE_FORMAT " %010" G_GSIZE_FORMAT "]",
                                              contents_start, contents_end,
                                              u.out->len - contents_end);
    memcpy (u.out->str + byterange_at, range, strlen (range));
  }
  if (!sign_ranges (signer, u.out, contents_start, contents_end, error))
    goto out;
  result = g_bytes_new (u.out->str, u.out->len);

out:
  if (target_widget != NULL)
    pdf_obj_free (target_widget);
  appearance_font_clear (&font);
  if (u.out != NULL)
    g_string_free (u.out, TRUE);
  if (u.entries != NULL)
    g_array_unref (u.entries);
  pdf_file_clear (&f);
  return result;
}

GBytes *
quorum_pdf_sign (GBytes                   *pdf,
                 QuorumSigner             *signer,
                 const char               *field,
                 const QuorumSignOptions  *options,
                 GError                  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *role = options->role != NULL ? options->role : _("Approver");
  g_autofree char *label = g_strdup_printf ("%s, %s", quorum_signer_get_name (signer) != NULL
                                                      ? quorum_signer_get_name (signer) : "?",
                                            role);

  return sign_pdf (pdf, signer, NULL, field, label,
                   options->reason != NULL ? options->reason : _("Approval of the minutes"),
                   options->location, options->when != NULL ? options->when : now, error);
}

QuorumSigningRole
quorum_meeting_guess_signing_role (QuorumMeeting *meeting,
                                   const char    *signer_name)
{
  g_autoptr(QuorumRecord) chair = quorum_record_dup_ref (QUORUM_RECORD (meeting), "chair");
  g_autoptr(QuorumRecord) secretary = quorum_record_dup_ref (QUORUM_RECORD (meeting), "secretary");

  if (chair != NULL && g_strcmp0 (quorum_record_get_string (chair, "name"), signer_name) == 0)
    return QUORUM_SIGNING_ROLE_CHAIR;
  if (secretary != NULL && g_strcmp0 (quorum_record_get_string (secretary, "name"), signer_name) == 0)
    return QUORUM_SIGNING_ROLE_SECRETARY;
  return QUORUM_SIGNING_ROLE_APPROVER;
}

const char *
quorum_signing_role_label (QuorumSigningRole role)
{
  switch (role)
    {
    case QUORUM_SIGNING_ROLE_CHAIR:
      return _("Chair");
    case QUORUM_SIGNING_ROLE_SECRETARY:
      return _("Secretary");
    case QUORUM_SIGNING_ROLE_APPROVER:
    default:
      return _("Approver");
    }
}

/* Signing a meeting's minutes in three steps: what the model says is read on the thread
 * that owns it (prepare), the rendering and signing touch only that snapshot (run, on any
 * thread), and the signed file is stored through the model again (store). */
typedef struct
{
  GBytes *current;            /* the signed file so far, or NULL for the first signature */
  QuorumMinutes *minutes;     /* for the first signature: what to render */
  gboolean has_secretary;
  char *role, *field, *reason, *location, *signed_at;
  GDateTime *when;
  /* For signing on a worker thread: the identity is opened there */
  char *p12_path;
  char *passphrase;
  QuorumSigner *signer;       /* owned when opened by the job */
  gboolean owns_signer;
} SignJob;

static void
sign_job_free (SignJob *job)
{
  g_clear_pointer (&job->current, g_bytes_unref);
  g_clear_pointer (&job->minutes, quorum_minutes_free);
  g_free (job->role);
  g_free (job->field);
  g_free (job->reason);
  g_free (job->location);
  g_free (job->signed_at);
  g_clear_pointer (&job->when, g_date_time_unref);
  g_free (job->p12_path);
  if (job->passphrase != NULL)
    {
      explicit_bzero (job->passphrase, strlen (job->passphrase));
      g_free (job->passphrase);
    }
  if (job->owns_signer)
    g_clear_pointer (&job->signer, quorum_signer_free);
  g_free (job);
}

static SignJob *
sign_job_prepare (QuorumMeeting            *meeting,
                  const QuorumSignOptions  *options,
                  GError                  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  SignJob *job;

  if (!quorum_meeting_is_frozen (meeting))
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("“%s” must be approved before its minutes are signed."),
                   quorum_meeting_get_title (meeting));
      return NULL;
    }

  job = g_new0 (SignJob, 1);
  job->when = g_date_time_ref (options->when != NULL ? options->when : now);
  job->signed_at = g_date_time_format_iso8601 (job->when);
  job->role = g_strdup (options->role != NULL ? options->role : _("Approver"));
  /* Translators: the name of a signature field, e.g. "Signature of the Chair" */
  job->field = g_strdup_printf (_("Signature of the %s"), job->role);
  job->reason = g_strdup (options->reason != NULL ? options->reason
                                                  : _("Approval of the minutes"));
  job->location = g_strdup (options->location);
  job->current = quorum_meeting_dup_signed_file (meeting);
  if (job->current == NULL)
    {
      /* The first signature: the minutes as approved, with a field per signer. */
      job->minutes = quorum_minutes_collect (meeting, error);
      if (job->minutes == NULL)
        {
          sign_job_free (job);
          return NULL;
        }
      job->has_secretary = quorum_record_get_ref_id (QUORUM_RECORD (meeting), "secretary") != 0;
    }
  return job;
}

/* Touches no GObject of the model: safe on a worker thread. */
static GBytes *
sign_job_run (SignJob  *job,
              GError  **error)
{
  g_autoptr(GBytes) rendered = NULL;
  g_autoptr(GArray) fields = NULL;
  g_autofree char *label = NULL;
  GBytes *original = job->current;

  if (job->signer == NULL)
    {
      job->signer = quorum_signer_open (job->p12_path, job->passphrase, error);
      explicit_bzero (job->passphrase, strlen (job->passphrase));
      if (job->signer == NULL)
        return NULL;
      job->owns_signer = TRUE;
    }
  if (original == NULL)
    {
      g_autoptr(GArray) spots = NULL;
      const char *roles[2] = { _("Chair"), _("Secretary") };

      rendered = quorum_minutes_render_for_signing (job->minutes, NULL, &spots, error);
      if (rendered == NULL)
        return NULL;
      fields = g_array_new (FALSE, TRUE, sizeof (FieldSpec));
      g_array_set_clear_func (fields, field_spec_clear);
      for (guint i = 0; i < spots->len && i < 2; i++)
        {
          QuorumPdfSpot *spot = &g_array_index (spots, QuorumPdfSpot, i);
          FieldSpec spec = { NULL, spot->page,
                             { spot->x, spot->y, spot->x + spot->width, spot->y + spot->height } };
          if (i == 1 && !job->has_secretary)
            continue;
          spec.name = g_strdup_printf (_("Signature of the %s"), roles[i]);
          g_array_append_val (fields, spec);
        }
      original = rendered;
    }
  label = g_strdup_printf ("%s, %s", quorum_signer_get_name (job->signer) != NULL
                                     ? quorum_signer_get_name (job->signer) : "?", job->role);
  return sign_pdf (original, job->signer, fields, job->field, label, job->reason, job->location,
                   job->when, error);
}

static gboolean
sign_job_store (SignJob        *job,
                QuorumMeeting  *meeting,
                GBytes         *signed_pdf,
                GError        **error)
{
  return quorum_meeting_add_signed_file (meeting, signed_pdf,
                                         quorum_signer_get_name (job->signer), job->role,
                                         quorum_signer_get_fingerprint (job->signer),
                                         job->signed_at, error);
}

GBytes *
quorum_meeting_sign (QuorumMeeting            *meeting,
                     QuorumSigner             *signer,
                     const QuorumSignOptions  *options,
                     GError                  **error)
{
  SignJob *job = sign_job_prepare (meeting, options, error);
  g_autoptr(GBytes) signed_pdf = NULL;
  gboolean stored;

  if (job == NULL)
    return NULL;
  job->signer = signer;
  signed_pdf = sign_job_run (job, error);
  stored = signed_pdf != NULL && sign_job_store (job, meeting, signed_pdf, error);
  sign_job_free (job);
  return stored ? g_steal_pointer (&signed_pdf) : NULL;
}

static void
sign_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *signed_pdf = sign_job_run (task_data, &error);

  if (signed_pdf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, signed_pdf, (GDestroyNotify) g_bytes_unref);
}

void
quorum_meeting_sign_async (QuorumMeeting           *meeting,
                           const char              *p12_path,
                           const char              *passphrase,
                           const QuorumSignOptions *options,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (meeting, cancellable, callback, user_data);
  GError *error = NULL;
  SignJob *job;

  g_task_set_source_tag (task, quorum_meeting_sign_async);
  job = sign_job_prepare (meeting, options, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->p12_path = g_strdup (p12_path);
  job->passphrase = g_strdup (passphrase);
  g_task_set_task_data (task, job, (GDestroyNotify) sign_job_free);
  g_task_run_in_thread (task, sign_thread);
}

GBytes *
quorum_meeting_sign_finish (QuorumMeeting  *meeting,
                            GAsyncResult   *result,
                            GError        **error)
{
  GTask *task = G_TASK (result);
  g_autoptr(GBytes) signed_pdf = NULL;

  g_return_val_if_fail (g_task_is_valid (result, meeting), NULL);
  signed_pdf = g_task_propagate_pointer (task, error);
  if (signed_pdf == NULL)
    return NULL;
  /* Back on the thread that owns the meeting: keep the signed file with it */
  if (!sign_job_store (g_task_get_task_data (task), meeting, signed_pdf, error))
    return NULL;
  return g_steal_pointer (&signed_pdf);
}

/* ---- verifying ------------------------------------------------------------------ */

static void
check_free (gpointer data)
{
  QuorumSignatureCheck *c = data;
  g_free (c->field);
  g_free (c->signer);
  g_free (c->fingerprint);
  g_free (c->signed_at);
  g_free (c->problem);
  g_free (c);
}

void
quorum_verification_free (QuorumVerification *v)
{
  if (v == NULL)
    return;
  g_clear_pointer (&v->signatures, g_ptr_array_unref);
  g_free (v->record_hash);
  g_free (v);
}

/* The length of the DER element at `data`, or 0 when it does not fit. */
static gsize
der_length (const guint8 *data,
            gsize         size)
{
  gsize length, header = 2;
  if (size < 2 || data[0] != 0x30)
    return 0;
  if (data[1] < 0x80)
    length = data[1];
  else
    {
      guint n = data[1] & 0x7f;
      if (n == 0 || n > 4 || size < 2 + n)
        return 0;
      length = 0;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | data[2 + i];
      header += n;
    }
  return header + length <= size ? header + length : 0;
}

static char *
text_of_string (const PdfObj *o)
{
  /* Literal ( ) or hex < > strings; UTF-16BE with BOM or PDFDocEncoding (ASCII here) */
  GByteArray *bytes = g_byte_array_new ();
  const char *t;
  char *text;

  if (o == NULL || o->type != PDF_STRING)
    {
      g_byte_array_unref (bytes);
      return NULL;
    }
  t = o->text;
  if (t[0] == '<')
    {
      for (const char *p = t + 1; p[0] && p[1] && p[0] != '>'; )
        {
          if (!g_ascii_isxdigit (p[0]))
            {
              p++;
              continue;
            }
          {
            guint8 b = (guint8) (g_ascii_xdigit_value (p[0]) * 16 +
                                 (g_ascii_isxdigit (p[1]) ? g_ascii_xdigit_value (p[1]) : 0));
            g_byte_array_append (bytes, &b, 1);
          }
          p += 2;
        }
    }
  else
    for (const char *p = t + 1; *p && p[1]; p++)
      {
        guint8 b = (guint8) *p;
        if (*p == '\\' && p[1])
          {
            p++;
            b = *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p == 't' ? '\t' : (guint8) *p;
          }
        g_byte_array_append (bytes, &b, 1);
      }
  if (bytes->len >= 2 && bytes->data[0] == 0xFE && bytes->data[1] == 0xFF)
    text = g_convert ((const char *) bytes->data + 2, bytes->len - 2, "UTF-8", "UTF-16BE", NULL,
                      NULL, NULL);
  else
    text = g_utf8_make_valid ((const char *) bytes->data, bytes->len);
  g_byte_array_unref (bytes);
  return text;
}

static QuorumSignatureCheck *
check_signature (PdfFile  *f,
                 PdfObj   *widget,
                 PdfObj   *sig)
{
  QuorumSignatureCheck *c = g_new0 (QuorumSignatureCheck, 1);
  PdfObj *range = dict_get (sig, "ByteRange");
  PdfObj *contents = dict_get (sig, "Contents");
  gint64 r[4];
  g_autofree guint8 *der = NULL;
  gsize hex_len, der_size = 0, der_used;
  gnutls_pkcs7_t cms = NULL;
  gnutls_x509_crt_t certificate = NULL;
  gnutls_datum_t raw = { NULL, 0 }, cms_datum, data;
  g_autofree guint8 *signed_bytes = NULL;
  int rc;

  c->field = text_of_string (dict_get (widget, "T"));
  c->signed_at = text_of_string (dict_get (sig, "M"));
  if (range == NULL || range->type != PDF_ARRAY || range->items->len != 4 || contents == NULL ||
      contents->type != PDF_STRING || contents->text[0] != '<')
    {
      c->problem = g_strdup (_("the signature has no usable /ByteRange or /Contents"));
      return c;
    }
  for (guint i = 0; i < 4; i++)
    r[i] = number_of (g_ptr_array_index (range->items, i), -1);
  if (r[0] != 0 || r[1] < 0 || r[2] < r[1] || r[3] < 0 || (guint64) r[2] > f->size ||
      (guint64) r[3] > f->size - (gsize) r[2])
    {
      c->problem = g_strdup (_("its /ByteRange points outside the file"));
      return c;
    }

  /* The gap must be exactly the /Contents string */
  hex_len = (gsize) (r[2] - r[1]);
  if (hex_len < 2 || f->data[r[1]] != '<' || f->data[r[2] - 1] != '>')
    {
      c->problem = g_strdup (_("its /ByteRange does not leave out exactly its /Contents"));
      return c;
    }
  if (hex_len > 2 * 1024 * 1024)
    {
      c->problem = g_strdup (_("its /Contents is too large to be a signature"));
      return c;
    }
  der = g_malloc ((hex_len - 2) / 2 + 1);
  for (gsize i = (gsize) r[1] + 1; i + 1 < (gsize) r[2] - 0 && f->data[i] != '>'; i += 2)
    {
      if (!g_ascii_isxdigit (f->data[i]) || !g_ascii_isxdigit (f->data[i + 1]))
        {
          c->problem = g_strdup (_("its /Contents is not hexadecimal"));
          return c;
        }
      der[der_size++] = (guint8) (g_ascii_xdigit_value (f->data[i]) * 16 +
                                  g_ascii_xdigit_value (f->data[i + 1]));
    }
  der_used = der_length (der, der_size);
  if (der_used == 0)
    {
      c->problem = g_strdup (_("its /Contents holds no CMS signature"));
      return c;
    }

  /* Covers its whole revision: the range ends at an end-of-file marker */
  {
    gsize end = (gsize) (r[2] + r[3]);
    gsize back = end;
    while (back > 0 && is_space (f->data[back - 1]))
      back--;
    c->whole_revision = back >= 5 && memcmp (f->data + back - 5, "%%EOF", 5) == 0;
  }

  cms_datum.data = der;
  cms_datum.size = (unsigned int) der_used;
  signed_bytes = g_malloc ((gsize) (r[1] + r[3]) + 1);
  memcpy (signed_bytes, f->data, (gsize) r[1]);
  memcpy (signed_bytes + r[1], f->data + r[2], (gsize) r[3]);
  data.data = signed_bytes;
  data.size = (unsigned int) (r[1] + r[3]);

  if ((rc = gnutls_pkcs7_init (&cms)) < 0 ||
      (rc = gnutls_pkcs7_import (cms, &cms_datum, GNUTLS_X509_FMT_DER)) < 0 ||
      (rc = gnutls_pkcs7_get_crt_raw2 (cms, 0, &raw)) < 0 ||
      (rc = gnutls_x509_crt_init (&certificate)) < 0 ||
      (rc = gnutls_x509_crt_import (certificate, &raw, GNUTLS_X509_FMT_DER)) < 0)
    {
      c->problem = g_strdup_printf (_("its CMS signature cannot be read (%s)"), gnutls_strerror (rc));
      goto out;
    }
  {
    char name[512], issuer[1024], subject[1024];
    size_t size = sizeof name, issuer_size = sizeof issuer, subject_size = sizeof subject;
    guint8 digest[32];
    size_t digest_size = sizeof digest;
    if (gnutls_x509_crt_get_dn_by_oid (certificate, GNUTLS_OID_X520_COMMON_NAME, 0, 0, name,
                                       &size) >= 0)
      c->signer = g_strndup (name, size);
    if (gnutls_x509_crt_get_fingerprint (certificate, GNUTLS_DIG_SHA256, digest, &digest_size) >= 0)
      {
        GString *hex = g_string_new (NULL);
        for (size_t i = 0; i < digest_size; i++)
          g_string_append_printf (hex, "%02x", digest[i]);
        c->fingerprint = g_string_free (hex, FALSE);
      }
    c->self_signed = gnutls_x509_crt_get_issuer_dn (certificate, issuer, &issuer_size) >= 0 &&
                     gnutls_x509_crt_get_dn (certificate, subject, &subject_size) >= 0 &&
                     issuer_size == subject_size && memcmp (issuer, subject, subject_size) == 0;
  }

  /* Only a signature algorithm that fits the certificate's key goes to GnuTLS: with others,
   * GnuTLS 3.7 refuses but leaks the public key it made (found by tests/fuzz/fuzz-verify). */
  {
    gnutls_pkcs7_signature_info_st info;
    unsigned int bits = 0;
    int key_algorithm = gnutls_x509_crt_get_pk_algorithm (certificate, &bits);
    gnutls_sign_algorithm_t algorithm = GNUTLS_SIGN_UNKNOWN;
    gnutls_pk_algorithm_t signed_with;

    if (gnutls_pkcs7_get_signature_info (cms, 0, &info) >= 0)
      {
        algorithm = info.algo;
        gnutls_pkcs7_signature_info_deinit (&info);
      }
    signed_with = gnutls_sign_get_pk_algorithm (algorithm);

    /* (An RSA key may sign with RSA-PSS.) */
    if (algorithm == GNUTLS_SIGN_UNKNOWN || key_algorithm < 0 ||
        (signed_with != (gnutls_pk_algorithm_t) key_algorithm &&
         !(signed_with == GNUTLS_PK_RSA_PSS && key_algorithm == GNUTLS_PK_RSA)))
      {
        c->problem = g_strdup (_("its signature algorithm does not fit the signer’s key, or is "
                                 "not one Quorum accepts"));
        goto out;
      }
  }

  rc = gnutls_pkcs7_verify_direct (cms, certificate, 0, &data, 0);
  if (rc == 0)
    c->intact = c->valid = TRUE;
  else if (rc == GNUTLS_E_PK_SIG_VERIFY_FAILED || rc == GNUTLS_E_HASH_FAILED)
    c->problem = g_strdup (_("the signed bytes were changed after signing (digest mismatch)"));
  else
    c->problem = g_strdup_printf (_("the signature does not check out (%s)"), gnutls_strerror (rc));
  if (c->problem == NULL && !c->whole_revision)
    c->problem = g_strdup (_("it does not cover the whole revision it belongs to"));

out:
  if (raw.data != NULL)
    gnutls_free (raw.data);
  if (certificate != NULL)
    gnutls_x509_crt_deinit (certificate);
  if (cms != NULL)
    gnutls_pkcs7_deinit (cms);
  return c;
}

static int
compare_checks (gconstpointer a,
                gconstpointer b)
{
  /* Earlier signatures end earlier in the file; keep the order they were made. */
  const QuorumSignatureCheck *x = *(QuorumSignatureCheck **) a;
  const QuorumSignatureCheck *y = *(QuorumSignatureCheck **) b;
  return g_strcmp0 (x->signed_at, y->signed_at);
}

QuorumVerification *
quorum_pdf_verify (GBytes  *pdf,
                   GError **error)
{
  PdfFile f = { 0 };
  g_autoptr(QuorumVerification) v = g_new0 (QuorumVerification, 1);
  g_autoptr(PdfObj) catalog = NULL, form_owned = NULL, fields_owned = NULL, info = NULL;
  PdfObj *form, *fields, *info_ref;
  gint64 last_end = 0;

  v->signatures = g_ptr_array_new_with_free_func (check_free);
  f.data = g_bytes_get_data (pdf, &f.size);
  if (f.size < 8 || memcmp (f.data, "%PDF-", 5) != 0)
    {
      g_set_error (error, QUORUM_EVIDENCE_ERROR, QUORUM_EVIDENCE_ERROR_FAILED,
                   _("This is not a PDF file."));
      return NULL;
    }
  if (!read_xref (&f, error))
    {
      pdf_file_clear (&f);
      return NULL;
    }

  info_ref = dict_get (f.trailer, "Info");
  if (info_ref != NULL && info_ref->type == PDF_REF &&
      (info = read_indirect (&f, info_ref->num, NULL)) != NULL)
    {
      g_autofree char *keywords = text_of_string (dict_get (info, "Keywords"));
      const char *mark = keywords != NULL ? strstr (keywords, "record-sha256:") : NULL;
      if (mark != NULL && strlen (mark + 14) >= 64)
        v->record_hash = g_strndup (mark + 14, 64);
    }

  catalog = read_indirect (&f, f.root, error);
  if (catalog == NULL)
    {
      pdf_file_clear (&f);
      return NULL;
    }
  form = resolve (&f, dict_get (catalog, "AcroForm"), &form_owned, NULL);
  fields = form != NULL ? resolve (&f, dict_get (form, "Fields"), &fields_owned, NULL) : NULL;
  for (guint i = 0; fields != NULL && fields->type == PDF_ARRAY && i < fields->items->len; i++)
    {
      PdfObj *ref = g_ptr_array_index (fields->items, i);
      g_autoptr(PdfObj) widget = NULL, sig_owned = NULL;
      PdfObj *sig;
      QuorumSignatureCheck *c;
      if (ref->type != PDF_REF || (widget = read_indirect (&f, ref->num, NULL)) == NULL)
        continue;
      sig = resolve (&f, dict_get (widget, "V"), &sig_owned, NULL);
      if (sig == NULL || sig->type != PDF_DICT)
        continue;  /* a field still waiting for its signer */
      c = check_signature (&f, widget, sig);
      {
        PdfObj *range = dict_get (sig, "ByteRange");
        if (range != NULL && range->type == PDF_ARRAY && range->items->len == 4)
          last_end = MAX (last_end, number_of (g_ptr_array_index (range->items, 2), 0) +
                                    number_of (g_ptr_array_index (range->items, 3), 0));
      }
      g_ptr_array_add (v->signatures, c);
    }
  g_ptr_array_sort (v->signatures, compare_checks);
  v->appended = v->signatures->len > 0 && (gsize) last_end < f.size;
  pdf_file_clear (&f);
  return g_steal_pointer (&v);
}
