/* quorum-interchange.c: a whole meeting as JSON, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is described with an example in README.md.  It follows the
 * schema description: every column of a table is a member of the same name,
 * references are the `uid` of the row referred to, and the rows minuted in a
 * meeting are arrays named after their tables inside "meeting".  Exporting,
 * importing into another database and exporting again gives the same bytes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "quorum-interchange.h"
#include "quorum-meeting.h"
#include "quorum-model-private.h"

#define FORMAT_NAME "quorum-meeting"
#define FORMAT_VERSION 1

/* ---- export ------------------------------------------------------------- */

/* The shortest decimal that reads back as the same double: 7.4, not
 * json-glib's 7.4000000000000004. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      /* Exponents only where a plain number would be unreadably long. */
      if (g_ascii_strtod (buffer, NULL) == value &&
          (strchr (buffer, 'e') == NULL || fabs (value) < 1e-4 || fabs (value) >= 1e15))
        break;
    }
  g_string_append (out, buffer);
  /* Keep it a number with a fraction, so that readers see a real number. */
  if (strpbrk (buffer, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append (out, "{\n");
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_string_append_printf (out, "%*s", (int) (depth + 1) * 2, "");
            write_string (out, l->data);
            g_string_append (out, ": ");
            write_node (out, json_object_get_member (object, l->data), depth + 1);
            g_string_append (out, l->next != NULL ? ",\n" : "\n");
          }
        g_string_append_printf (out, "%*s}", (int) depth * 2, "");
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append (out, "[\n");
        for (guint i = 0; i < n; i++)
          {
            g_string_append_printf (out, "%*s", (int) (depth + 1) * 2, "");
            write_node (out, json_array_get_element (array, i), depth + 1);
            g_string_append (out, i + 1 < n ? ",\n" : "\n");
          }
        g_string_append_printf (out, "%*s]", (int) depth * 2, "");
      }
      break;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          write_string (out, json_node_get_string (node));
          break;
        }
      break;
    }
}

static void
add_value (JsonBuilder        *builder,
           QuorumDatabase     *db,
           const QuorumColumn *column,
           const GValue       *value)
{
  json_builder_set_member_name (builder, column->name);
  switch (column->type)
    {
    case QUORUM_COLUMN_INT:
      json_builder_add_int_value (builder, g_value_get_int64 (value));
      break;
    case QUORUM_COLUMN_REAL:
      json_builder_add_double_value (builder, g_value_get_double (value));
      break;
    case QUORUM_COLUMN_BOOL:
      json_builder_add_boolean_value (builder, g_value_get_boolean (value));
      break;
    case QUORUM_COLUMN_REF:
      {
        g_autoptr(QuorumRecord) target = NULL;
        if (g_value_get_int64 (value) != 0)
          target = quorum_database_lookup (db, column->ref_table, g_value_get_int64 (value), NULL);
        if (target != NULL)
          json_builder_add_string_value (builder, quorum_record_get_uid (target));
        else
          json_builder_add_null_value (builder);
      }
      break;
    case QUORUM_COLUMN_BLOB:
      {
        GBytes *bytes = g_value_get_boxed (value);
        if (bytes != NULL)
          {
            gsize size;
            const guchar *data = g_bytes_get_data (bytes, &size);
            g_autofree char *encoded = g_base64_encode (data, size);
            json_builder_add_string_value (builder, encoded);
          }
        else
          json_builder_add_null_value (builder);
      }
      break;
    case QUORUM_COLUMN_TEXT:
    case QUORUM_COLUMN_DATE:
    case QUORUM_COLUMN_DATETIME:
    case QUORUM_COLUMN_ENUM:
    default:
      if (g_value_get_string (value) != NULL)
        json_builder_add_string_value (builder, g_value_get_string (value));
      else
        json_builder_add_null_value (builder);
      break;
    }
}

/* Adds the row's members; the parent column is left out (it is implied). */
static void
add_row_members (JsonBuilder  *builder,
                 QuorumRecord *record)
{
  const QuorumTable *table = quorum_schema_table (quorum_record_get_table (record));
  QuorumDatabase *db = quorum_record_get_database (record);

  json_builder_set_member_name (builder, "uid");
  json_builder_add_string_value (builder, quorum_record_get_uid (record));
  for (guint i = 0; i < table->n_columns; i++)
    if ((int) i != table->parent_column)
      add_value (builder, db, &table->columns[i],
                 quorum_record_get_value (record, table->columns[i].name));
}

static void
collect_reference (GHashTable   *set,
                   QuorumRecord *record,
                   QuorumTableId table)
{
  const QuorumTable *t = quorum_schema_table (quorum_record_get_table (record));

  for (guint i = 0; i < t->n_columns; i++)
    if (t->columns[i].type == QUORUM_COLUMN_REF && t->columns[i].ref_table == table)
      {
        gint64 id = quorum_record_get_ref_id (record, t->columns[i].name);
        if (id != 0)
          g_hash_table_add (set, g_memdup2 (&id, sizeof id));
      }
}

static int
compare_uid (gconstpointer a,
             gconstpointer b)
{
  QuorumRecord *x = *(QuorumRecord **) a;
  QuorumRecord *y = *(QuorumRecord **) b;
  return strcmp (quorum_record_get_uid (x), quorum_record_get_uid (y));
}

static gboolean
add_referenced (JsonBuilder    *builder,
                QuorumDatabase *db,
                const char     *member,
                QuorumTableId   table,
                GHashTable     *ids,
                GError        **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      QuorumRecord *record = quorum_database_lookup (db, table, *(gint64 *) key, error);
      if (record == NULL)
        return FALSE;
      g_ptr_array_add (records, record);
    }
  g_ptr_array_sort (records, compare_uid);

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      json_builder_begin_object (builder);
      add_row_members (builder, g_ptr_array_index (records, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return TRUE;
}

static JsonNode *
meeting_to_node (QuorumMeeting  *meeting,
                 GError        **error)
{
  QuorumDatabase *db = quorum_record_get_database (QUORUM_RECORD (meeting));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) metrics = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_val_if_fail (QUORUM_IS_MEETING (meeting), NULL);

  collect_reference (people, QUORUM_RECORD (meeting), QUORUM_TABLE_PEOPLE);
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    {
      GListModel *items;
      if (quorum_schema_table (t)->parent_column < 0)
        continue;
      items = quorum_meeting_get_items (meeting, t);
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(QuorumRecord) item = g_list_model_get_item (items, i);
          collect_reference (people, item, QUORUM_TABLE_PEOPLE);
          collect_reference (metrics, item, QUORUM_TABLE_METRICS);
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  if (!add_referenced (builder, db, "people", QUORUM_TABLE_PEOPLE, people, error) ||
      !add_referenced (builder, db, "metrics", QUORUM_TABLE_METRICS, metrics, error))
    return NULL;

  json_builder_set_member_name (builder, "meeting");
  json_builder_begin_object (builder);
  add_row_members (builder, QUORUM_RECORD (meeting));
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    {
      GListModel *items;
      if (quorum_schema_table (t)->parent_column < 0)
        continue;
      items = quorum_meeting_get_items (meeting, t);
      json_builder_set_member_name (builder, quorum_schema_table (t)->name);
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(QuorumRecord) item = g_list_model_get_item (items, i);
          json_builder_begin_object (builder);
          add_row_members (builder, item);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
quorum_meeting_export_json (QuorumMeeting  *meeting,
                            GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (QUORUM_IS_MEETING (meeting), NULL);

  root = meeting_to_node (meeting, error);
  if (root == NULL)
    return NULL;
  out = g_string_new (NULL);
  write_node (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ---- the record hash ------------------------------------------------------ */

static void
keep_only (JsonArray   *array,
           const char **members)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(GList) names = json_object_get_members (object);
      for (GList *l = names; l != NULL; l = l->next)
        if (!g_strv_contains (members, l->data))
          json_object_remove_member (object, l->data);
    }
}

/* The canonical form is the interchange export of the meeting, minus what
 * may change after approval: the status (approved → signed), the hash
 * itself, the signed files and their signatures.  People and metrics are
 * reduced to what the minutes say of them.  See README.md. */
char *
quorum_meeting_compute_record_hash (QuorumMeeting  *meeting,
                                    GError        **error)
{
  const char *person_members[] = { "uid", "name", NULL };
  const char *metric_members[] = { "uid", "name", "unit", "direction", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *record;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (QUORUM_IS_MEETING (meeting), NULL);

  root = meeting_to_node (meeting, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  keep_only (json_object_get_array_member (object, "people"), person_members);
  keep_only (json_object_get_array_member (object, "metrics"), metric_members);
  record = json_object_get_object_member (object, "meeting");
  json_object_remove_member (record, "status");
  json_object_remove_member (record, "record_hash");
  json_object_remove_member (record, "signed_documents");
  json_object_remove_member (record, "signatures");

  write_node (out, root, 0);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) out->str, out->len);
}

/* ---- import ------------------------------------------------------------- */

typedef struct
{
  QuorumDatabase *db;
  /* uid → id of rows created or found while importing, per table */
  GHashTable *known[QUORUM_N_TABLES];
} Import;

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_IMPORT, "%s: %s", path, message);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return _("a whole number");
        case G_TYPE_DOUBLE:
          return _("a number with a fraction");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        default:
          return _("text");
        }
    }
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
resolve_ref (Import        *import,
             QuorumTableId  table,
             const char    *uid,
             gint64        *out_id)
{
  gpointer id = g_hash_table_lookup (import->known[table], uid);

  if (id != NULL)
    {
      *out_id = *(gint64 *) id;
      return TRUE;
    }
  return quorum_store_find_uid (quorum_database_get_store (import->db), table, uid, out_id, NULL);
}

static gboolean
is_base64 (const char *text)
{
  gsize len = strlen (text);
  if (len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' &&
        !(text[i] == '=' && i >= len - 2))
      return FALSE;
  return TRUE;
}

static gboolean
read_value (Import             *import,
            const QuorumTable  *table,
            guint               index,
            JsonNode           *node,
            const char         *path,
            GValue             *out,
            GError            **error)
{
  const QuorumColumn *column = &table->columns[index];
  gboolean nullable = !(column->flags & QUORUM_COLUMN_REQUIRED) &&
                      (column->type == QUORUM_COLUMN_TEXT || column->type == QUORUM_COLUMN_DATE ||
                       column->type == QUORUM_COLUMN_DATETIME || column->type == QUORUM_COLUMN_REF ||
                       column->type == QUORUM_COLUMN_BLOB);
  g_autoptr(GError) invalid = NULL;

  g_value_init (out, quorum_column_gtype (column));

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        return fail (error, path, _("must have a value, not null"));
      return TRUE;
    }

  switch (column->type)
    {
    case QUORUM_COLUMN_INT:
      if (!node_is (node, G_TYPE_INT64))
        return fail (error, path, _("expected a whole number, found %s"), describe_node (node));
      g_value_set_int64 (out, json_node_get_int (node));
      break;

    case QUORUM_COLUMN_REAL:
      if (!node_is (node, G_TYPE_INT64) && !node_is (node, G_TYPE_DOUBLE))
        return fail (error, path, _("expected a number, found %s"), describe_node (node));
      g_value_set_double (out, json_node_get_double (node));
      break;

    case QUORUM_COLUMN_BOOL:
      if (!node_is (node, G_TYPE_BOOLEAN))
        return fail (error, path, _("expected true or false, found %s"), describe_node (node));
      g_value_set_boolean (out, json_node_get_boolean (node));
      break;

    case QUORUM_COLUMN_REF:
      {
        const char *uid;
        gint64 id = 0;
        if (!node_is (node, G_TYPE_STRING))
          return fail (error, path, _("expected the uid of a %s, found %s"),
                       g_dgettext (GETTEXT_PACKAGE, quorum_schema_table (column->ref_table)->label),
                       describe_node (node));
        uid = json_node_get_string (node);
        if (!resolve_ref (import, column->ref_table, uid, &id))
          {
            if (column->ref_table == QUORUM_TABLE_ACTION_ITEMS ||
                column->ref_table == QUORUM_TABLE_MEETINGS)
              return fail (error, path, _("refers to “%s” (%s) from an earlier meeting that is "
                                          "not in this database; import that meeting first"),
                           uid, g_dgettext (GETTEXT_PACKAGE,
                                            quorum_schema_table (column->ref_table)->label));
            return fail (error, path, _("refers to “%s”, but there is no %s with that uid in "
                                        "this file"),
                         uid, g_dgettext (GETTEXT_PACKAGE,
                                          quorum_schema_table (column->ref_table)->label));
          }
        g_value_set_int64 (out, id);
      }
      break;

    case QUORUM_COLUMN_BLOB:
      {
        const char *text;
        gsize size;
        guchar *data;
        if (!node_is (node, G_TYPE_STRING) || !is_base64 (json_node_get_string (node)))
          return fail (error, path, _("expected base64-encoded data"));
        text = json_node_get_string (node);
        data = g_base64_decode (text, &size);
        g_value_take_boxed (out, g_bytes_new_take (data, size));
      }
      break;

    case QUORUM_COLUMN_TEXT:
    case QUORUM_COLUMN_DATE:
    case QUORUM_COLUMN_DATETIME:
    case QUORUM_COLUMN_ENUM:
    default:
      if (!node_is (node, G_TYPE_STRING))
        return fail (error, path, _("expected text, found %s"), describe_node (node));
      g_value_set_string (out, json_node_get_string (node));
      break;
    }

  if (!quorum_store_validate_value (table, index, out, &invalid))
    return fail (error, path, "%s", invalid->message);
  return TRUE;
}

/* Reads one row object into `fields`.  `extra` names members that are
 * allowed but read elsewhere (the meeting's lists). */
static gboolean
read_row (Import        *import,
          JsonNode      *node,
          const char    *path,
          QuorumFields  *fields,
          GError       **error)
{
  const QuorumTable *table = quorum_schema_table (quorum_fields_get_table (fields));
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  JsonNode *uid;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, path, _("expected an object, found %s"), describe_node (node));
  object = json_node_get_object (node);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      int index = quorum_table_column_index (table, name);
      g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
      g_auto(GValue) value = G_VALUE_INIT;

      if (strcmp (name, "uid") == 0)
        continue;
      if (index < 0 || index == table->parent_column)
        {
          if (table->id == QUORUM_TABLE_MEETINGS && quorum_schema_table_by_name (name) != NULL &&
              quorum_schema_table_by_name (name)->parent_column >= 0)
            continue;
          return fail (error, member_path, _("unknown field"));
        }
      if (!read_value (import, table, (guint) index, json_object_get_member (object, name),
                       member_path, &value, error))
        return FALSE;
      quorum_fields_set_value (fields, name, &value);
    }

  uid = json_object_get_member (object, "uid");
  if (uid == NULL || !node_is (uid, G_TYPE_STRING) || *json_node_get_string (uid) == '\0')
    {
      g_autofree char *uid_path = g_strdup_printf ("%s.uid", path);
      return fail (error, uid_path, _("every record needs a non-empty uid"));
    }
  quorum_fields_set_uid (fields, json_node_get_string (uid));

  for (guint i = 0; i < table->n_columns; i++)
    if ((table->columns[i].flags & QUORUM_COLUMN_REQUIRED) && (int) i != table->parent_column &&
        quorum_fields_peek (fields, table->columns[i].name) == NULL)
      {
        g_autofree char *missing = g_strdup_printf ("%s.%s", path, table->columns[i].name);
        return fail (error, missing, _("missing; a %s needs it"),
                     g_dgettext (GETTEXT_PACKAGE, table->label));
      }
  return TRUE;
}

static gboolean
create_row (Import        *import,
            QuorumFields  *fields,
            const char    *path,
            GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(QuorumRecord) record = quorum_database_create (import->db, fields, &local);
  gint64 id;

  if (record == NULL)
    return fail (error, path, "%s", local->message);
  id = quorum_record_get_id (record);
  g_hash_table_insert (import->known[quorum_fields_get_table (fields)],
                       g_strdup (quorum_record_get_uid (record)), g_memdup2 (&id, sizeof id));
  return TRUE;
}

/* People and metrics are shared between meetings: a uid already in the
 * database is used as it is there. */
static gboolean
import_shared (Import         *import,
               JsonObject     *root,
               const char     *member,
               QuorumTableId   table,
               GError        **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = g_strdup_printf ("$.%s", member);
      return fail (error, path, _("expected a list, found %s"), describe_node (node));
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.%s[%u]", member, i);
      g_autoptr(QuorumFields) fields = quorum_fields_new (table);
      gint64 id;

      if (!read_row (import, json_array_get_element (array, i), path, fields, error))
        return FALSE;
      if (quorum_store_find_uid (quorum_database_get_store (import->db), table,
                                 quorum_fields_get_uid (fields), &id, NULL))
        {
          g_hash_table_insert (import->known[table], g_strdup (quorum_fields_get_uid (fields)),
                               g_memdup2 (&id, sizeof id));
          continue;
        }
      if (!create_row (import, fields, path, error))
        return FALSE;
    }
  return TRUE;
}

static QuorumMeeting *
import_meeting (Import      *import,
                JsonObject  *root,
                GError     **error)
{
  JsonNode *node = json_object_get_member (root, "meeting");
  g_autoptr(QuorumFields) fields = quorum_fields_new (QUORUM_TABLE_MEETINGS);
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autofree char *status = NULL;
  JsonObject *object;
  gint64 existing;
  gint64 id;

  if (node == NULL)
    {
      fail (error, "$.meeting", _("missing; the file holds no meeting"));
      return NULL;
    }
  if (!read_row (import, node, "$.meeting", fields, error))
    return NULL;
  if (quorum_store_find_uid (quorum_database_get_store (import->db), QUORUM_TABLE_MEETINGS,
                             quorum_fields_get_uid (fields), &existing, NULL))
    {
      fail (error, "$.meeting.uid", _("this meeting is already in the database"));
      return NULL;
    }

  /* Rows are added to a draft; the meeting takes its real status last. */
  if (quorum_fields_peek (fields, "status") != NULL)
    status = g_value_dup_string (quorum_fields_peek (fields, "status"));
  quorum_fields_set_string (fields, "status", "draft");
  if (!create_row (import, fields, "$.meeting", error))
    return NULL;
  id = *(gint64 *) g_hash_table_lookup (import->known[QUORUM_TABLE_MEETINGS],
                                        quorum_fields_get_uid (fields));
  meeting = QUORUM_MEETING (quorum_database_lookup (import->db, QUORUM_TABLE_MEETINGS, id, error));
  if (meeting == NULL)
    return NULL;

  object = json_node_get_object (node);
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    {
      const QuorumTable *table = quorum_schema_table (t);
      JsonNode *list = json_object_get_member (object, table->name);
      g_autofree char *list_path = g_strdup_printf ("$.meeting.%s", table->name);
      JsonArray *array;

      if (table->parent_column < 0 || list == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          fail (error, list_path, _("expected a list, found %s"), describe_node (list));
          return NULL;
        }
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", list_path, i);
          g_autoptr(QuorumFields) row = quorum_fields_new (t);

          if (!read_row (import, json_array_get_element (array, i), path, row, error))
            return NULL;
          quorum_fields_set_ref (row, "meeting", QUORUM_RECORD (meeting));
          if (!create_row (import, row, path, error))
            return NULL;
        }
    }

  if (status != NULL && strcmp (status, "draft") != 0)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, status);
      if (!_quorum_record_store_value (QUORUM_RECORD (meeting),
                                       quorum_table_column_index (quorum_schema_table (QUORUM_TABLE_MEETINGS),
                                                                  "status"),
                                       &value, error))
        return NULL;
    }
  return g_steal_pointer (&meeting);
}

QuorumMeeting *
quorum_database_import_json (QuorumDatabase  *db,
                             const char      *data,
                             gssize           length,
                             GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  Import import = { db, { NULL } };
  JsonNode *root;
  JsonObject *object;
  JsonNode *format, *version;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (QUORUM_IS_DATABASE (db), NULL);

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate_len (data, length, NULL))
    {
      fail (error, "$", _("the file is not UTF-8 text"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      fail (error, "$", _("not valid JSON (%s)"), parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      fail (error, "$", _("the file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, "$", _("expected an object, found %s"), describe_node (root));
      return NULL;
    }
  object = json_node_get_object (root);

  format = json_object_get_member (object, "format");
  if (format == NULL || !node_is (format, G_TYPE_STRING) ||
      strcmp (json_node_get_string (format), FORMAT_NAME) != 0)
    {
      fail (error, "$.format", _("expected “%s”; this is not a Quorum meeting file"), FORMAT_NAME);
      return NULL;
    }
  version = json_object_get_member (object, "version");
  if (version == NULL || !node_is (version, G_TYPE_INT64) || json_node_get_int (version) < 1)
    {
      fail (error, "$.version", _("expected the format version, a whole number"));
      return NULL;
    }
  if (json_node_get_int (version) > FORMAT_VERSION)
    {
      fail (error, "$.version", _("the file is in format version %d, written by a newer Quorum; "
                                  "this version reads up to %d"),
            (int) MIN (json_node_get_int (version), G_MAXINT), FORMAT_VERSION);
      return NULL;
    }
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains ((const char *[]) { "format", "version", "people", "metrics", "meeting",
                                             NULL }, l->data))
      {
        g_autofree char *path = g_strdup_printf ("$.%s", (char *) l->data);
        fail (error, path, _("unknown field"));
        return NULL;
      }

  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    import.known[t] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!quorum_database_begin (db, error))
    goto out;
  if (!import_shared (&import, object, "people", QUORUM_TABLE_PEOPLE, error) ||
      !import_shared (&import, object, "metrics", QUORUM_TABLE_METRICS, error) ||
      !(meeting = import_meeting (&import, object, error)))
    {
      g_clear_object (&meeting);
      quorum_database_rollback (db);
      goto out;
    }
  if (!quorum_database_commit (db, error))
    {
      g_clear_object (&meeting);
      quorum_database_rollback (db);
    }

out:
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    g_clear_pointer (&import.known[t], g_hash_table_unref);
  return g_steal_pointer (&meeting);
}
