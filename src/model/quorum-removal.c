/* quorum-removal.c: removing a record so that it can be put back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "quorum-model-private.h"
#include "quorum-removal.h"

/* A cascade is at most meeting → item → update deep; this only stops a loop */
#define MAX_DEPTH 8

typedef struct
{
  QuorumTableId table;
  gint64 id;            /* before the removal */
  char *uid;
  GValue *values;       /* one per column */
} RemovedRow;

typedef struct
{
  QuorumTableId table;  /* a row that held a reference to a removed row */
  gint64 id;
  guint column;
  QuorumTableId target_table;
  gint64 target_id;     /* the removed row's id before the removal */
} ClearedRef;

struct _QuorumRemoval
{
  GArray *rows;         /* RemovedRow, each after the row it belongs to */
  GArray *cleared;      /* ClearedRef */
};

static void
removed_row_clear (gpointer data)
{
  RemovedRow *row = data;
  const QuorumTable *table = quorum_schema_table (row->table);

  for (guint i = 0; i < table->n_columns; i++)
    if (G_IS_VALUE (&row->values[i]))
      g_value_unset (&row->values[i]);
  g_free (row->values);
  g_free (row->uid);
}

void
quorum_removal_free (QuorumRemoval *removal)
{
  if (removal == NULL)
    return;
  g_array_unref (removal->rows);
  g_array_unref (removal->cleared);
  g_free (removal);
}

static gboolean
is_removed (QuorumRemoval *removal,
            QuorumTableId  table,
            gint64         id)
{
  for (guint i = 0; i < removal->rows->len; i++)
    {
      RemovedRow *row = &g_array_index (removal->rows, RemovedRow, i);
      if (row->table == table && row->id == id)
        return TRUE;
    }
  return FALSE;
}

/* Reads the row and, depth first, what deleting it takes along */
static gboolean
collect (QuorumRemoval *removal,
         QuorumStore   *store,
         QuorumTableId  table_id,
         gint64         id,
         guint          depth,
         GError       **error)
{
  const QuorumTable *table = quorum_schema_table (table_id);
  RemovedRow row = { table_id, id, NULL, g_new0 (GValue, table->n_columns) };

  if (depth > MAX_DEPTH || is_removed (removal, table_id, id))
    {
      g_free (row.values);
      return TRUE;
    }
  g_array_append_val (removal->rows, row);
  if (!quorum_store_load (store, table_id, id, &g_array_index (removal->rows, RemovedRow,
                                                               removal->rows->len - 1).uid,
                          g_array_index (removal->rows, RemovedRow,
                                         removal->rows->len - 1).values, error))
    return FALSE;

  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    {
      const QuorumTable *other = quorum_schema_table (t);

      for (guint c = 0; c < other->n_columns; c++)
        {
          const QuorumColumn *column = &other->columns[c];
          g_autoptr(GArray) ids = NULL;

          if (column->type != QUORUM_COLUMN_REF || column->ref_table != table_id)
            continue;
          /* A required reference without cascade refuses the deletion: nothing to keep */
          if (!(column->flags & QUORUM_COLUMN_CASCADE) && (column->flags & QUORUM_COLUMN_REQUIRED))
            continue;
          ids = quorum_store_list_ids (store, t, (int) c, id, FALSE, error);
          if (ids == NULL)
            return FALSE;
          for (guint i = 0; i < ids->len; i++)
            {
              gint64 other_id = g_array_index (ids, gint64, i);

              if (column->flags & QUORUM_COLUMN_CASCADE)
                {
                  if (!collect (removal, store, t, other_id, depth + 1, error))
                    return FALSE;
                }
              else
                {
                  ClearedRef ref = { t, other_id, c, table_id, id };
                  g_array_append_val (removal->cleared, ref);
                }
            }
        }
    }
  return TRUE;
}

/* Tells the lists and the records that held a reference: rows of several tables went or
 * came back, and references were cleared or set again */
static void
rows_changed (QuorumRemoval  *removal,
              QuorumDatabase *db)
{
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    _quorum_database_rows_changed (db, t);
  for (guint i = 0; i < removal->cleared->len; i++)
    {
      ClearedRef *ref = &g_array_index (removal->cleared, ClearedRef, i);
      g_autoptr(QuorumRecord) holder = quorum_database_lookup (db, ref->table, ref->id, NULL);
      if (holder != NULL)
        _quorum_record_reload (holder, NULL);
    }
}

QuorumRemoval *
quorum_record_remove (QuorumRecord  *record,
                      GError       **error)
{
  g_autoptr(QuorumRemoval) removal = NULL;
  QuorumDatabase *db;
  QuorumStore *store;

  g_return_val_if_fail (QUORUM_IS_RECORD (record), NULL);

  if (quorum_record_is_frozen (record))
    {
      g_propagate_error (error, _quorum_model_frozen_error ());
      return NULL;
    }
  db = quorum_record_get_database (record);
  g_return_val_if_fail (db != NULL, NULL);
  store = quorum_database_get_store (db);

  removal = g_new0 (QuorumRemoval, 1);
  removal->rows = g_array_new (FALSE, FALSE, sizeof (RemovedRow));
  g_array_set_clear_func (removal->rows, removed_row_clear);
  removal->cleared = g_array_new (FALSE, FALSE, sizeof (ClearedRef));

  if (!quorum_store_begin (store, error))
    return NULL;
  if (!collect (removal, store, quorum_record_get_table (record), quorum_record_get_id (record),
                0, error) ||
      !quorum_store_delete (store, quorum_record_get_table (record),
                            quorum_record_get_id (record), error) ||
      !quorum_store_commit (store, error))
    {
      quorum_store_rollback (store);
      return NULL;
    }

  rows_changed (removal, db);
  return g_steal_pointer (&removal);
}

/* The id a removed row has now, or 0 */
static gint64
new_id_of (GHashTable    *ids,
           QuorumTableId  table,
           gint64         old_id)
{
  g_autofree char *key = g_strdup_printf ("%u:%" G_GINT64_FORMAT, table, old_id);
  gpointer value = g_hash_table_lookup (ids, key);
  return value != NULL ? *(gint64 *) value : 0;
}

static gboolean
restore (QuorumRemoval *removal,
         QuorumStore   *store,
         gint64        *out_root_id,
         GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < removal->rows->len; i++)
    {
      RemovedRow *row = &g_array_index (removal->rows, RemovedRow, i);
      const QuorumTable *table = quorum_schema_table (row->table);
      gint64 *id = g_new (gint64, 1);

      /* References to rows put back before it follow them to their new ids */
      for (guint c = 0; c < table->n_columns; c++)
        if (table->columns[c].type == QUORUM_COLUMN_REF)
          {
            gint64 moved = new_id_of (ids, table->columns[c].ref_table,
                                      g_value_get_int64 (&row->values[c]));
            if (moved != 0)
              g_value_set_int64 (&row->values[c], moved);
          }
      if (!quorum_store_insert (store, row->table, row->uid, row->values, id, error))
        {
          g_free (id);
          return FALSE;
        }
      if (i == 0)
        *out_root_id = *id;
      g_hash_table_insert (ids, g_strdup_printf ("%u:%" G_GINT64_FORMAT, row->table, row->id), id);
    }

  for (guint i = 0; i < removal->cleared->len; i++)
    {
      ClearedRef *ref = &g_array_index (removal->cleared, ClearedRef, i);
      const QuorumTable *table = quorum_schema_table (ref->table);
      g_autofree GValue *values = g_new0 (GValue, table->n_columns);
      g_autoptr(GError) gone = NULL;
      GValue target = G_VALUE_INIT;
      gboolean still_empty;

      if (!quorum_store_load (store, ref->table, ref->id, NULL, values, &gone))
        {
          /* Removed since: nothing to point back */
          if (g_error_matches (gone, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&gone));
          return FALSE;
        }
      /* Pointed elsewhere since: the later choice stands */
      still_empty = g_value_get_int64 (&values[ref->column]) == 0;
      for (guint c = 0; c < table->n_columns; c++)
        if (G_IS_VALUE (&values[c]))
          g_value_unset (&values[c]);
      if (!still_empty)
        continue;
      g_value_init (&target, G_TYPE_INT64);
      g_value_set_int64 (&target, new_id_of (ids, ref->target_table, ref->target_id));
      if (!quorum_store_update (store, ref->table, ref->id, ref->column, &target, error))
        return FALSE;
    }
  return TRUE;
}

QuorumRecord *
quorum_removal_undo (QuorumRemoval   *removal,
                     QuorumDatabase  *db,
                     GError         **error)
{
  QuorumStore *store;
  QuorumTableId root_table;
  gint64 root_id = 0;

  g_return_val_if_fail (removal != NULL, NULL);
  g_return_val_if_fail (QUORUM_IS_DATABASE (db), NULL);
  g_return_val_if_fail (removal->rows->len > 0, NULL);

  store = quorum_database_get_store (db);
  root_table = g_array_index (removal->rows, RemovedRow, 0).table;
  if (!quorum_store_begin (store, error))
    return NULL;
  if (!restore (removal, store, &root_id, error) || !quorum_store_commit (store, error))
    {
      quorum_store_rollback (store);
      return NULL;
    }

  rows_changed (removal, db);
  /* Once: the rows are back, and their ids have moved on */
  g_array_set_size (removal->rows, 0);
  g_array_set_size (removal->cleared, 0);
  return quorum_database_lookup (db, root_table, root_id, error);
}
