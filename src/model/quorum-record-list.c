/* quorum-record-list.c: a lazily loaded list of records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list holds only row ids; a record object is made the first time a
 * view asks for its position, so a list of every meeting in a hundred years
 * costs one small query to open.
 */
#include "config.h"

#include "quorum-model-private.h"
#include "quorum-record-list.h"

struct _QuorumRecordList
{
  GObject parent_instance;

  QuorumDatabase *db;       /* weak: the database keeps its lists */
  QuorumTableId table;
  int filter_column;
  gint64 filter_id;
  gboolean descending;
  GArray *ids;              /* gint64 */
  GPtrArray *records;       /* QuorumRecord* or NULL, parallel to ids */
};

static void quorum_record_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QuorumRecordList, quorum_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      quorum_record_list_model_init))

static GType
quorum_record_list_get_item_type (GListModel *model)
{
  return _quorum_record_type_for_table (QUORUM_RECORD_LIST (model)->table);
}

static guint
quorum_record_list_get_n_items (GListModel *model)
{
  return QUORUM_RECORD_LIST (model)->ids->len;
}

static gpointer
quorum_record_list_get_item (GListModel *model,
                             guint       position)
{
  QuorumRecordList *self = QUORUM_RECORD_LIST (model);
  QuorumRecord *record;

  if (position >= self->ids->len)
    return NULL;

  record = g_ptr_array_index (self->records, position);
  if (record == NULL && self->db != NULL)
    {
      g_autoptr(GError) error = NULL;
      record = quorum_database_lookup (self->db, self->table,
                                       g_array_index (self->ids, gint64, position), &error);
      if (record == NULL)
        {
          g_warning ("Cannot read a %s: %s", quorum_schema_table (self->table)->name,
                     error->message);
          return NULL;
        }
      g_ptr_array_index (self->records, position) = record;
    }
  return record != NULL ? g_object_ref (record) : NULL;
}

static void
quorum_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = quorum_record_list_get_item_type;
  iface->get_n_items = quorum_record_list_get_n_items;
  iface->get_item = quorum_record_list_get_item;
}

static void
quorum_record_list_finalize (GObject *object)
{
  QuorumRecordList *self = QUORUM_RECORD_LIST (object);

  if (self->db != NULL)
    {
      _quorum_database_list_finalized (self->db, G_LIST_MODEL (self));
      g_object_remove_weak_pointer (G_OBJECT (self->db), (gpointer *) &self->db);
    }
  g_array_unref (self->ids);
  g_ptr_array_unref (self->records);

  G_OBJECT_CLASS (quorum_record_list_parent_class)->finalize (object);
}

static void
quorum_record_list_class_init (QuorumRecordListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_record_list_finalize;
}

static void
unref_record (gpointer record)
{
  if (record != NULL)
    g_object_unref (record);
}

static void
quorum_record_list_init (QuorumRecordList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->records = g_ptr_array_new_with_free_func (unref_record);
}

QuorumRecordList *
_quorum_record_list_new (QuorumDatabase *db,
                         QuorumTableId   table,
                         int             filter_column,
                         gint64          filter_id,
                         gboolean        descending)
{
  QuorumRecordList *self = g_object_new (QUORUM_TYPE_RECORD_LIST, NULL);

  self->db = db;
  g_object_add_weak_pointer (G_OBJECT (db), (gpointer *) &self->db);
  self->table = table;
  self->filter_column = filter_column;
  self->filter_id = filter_id;
  self->descending = descending;
  _quorum_record_list_reload (self);
  return self;
}

QuorumTableId
quorum_record_list_get_table (QuorumRecordList *self)
{
  g_return_val_if_fail (QUORUM_IS_RECORD_LIST (self), 0);
  return self->table;
}

void
_quorum_record_list_reload (QuorumRecordList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint old_len, new_len, prefix = 0, suffix = 0;

  if (self->db == NULL)
    return;

  ids = quorum_store_list_ids (quorum_database_get_store (self->db), self->table,
                               self->filter_column, self->filter_id, self->descending,
                               &error);
  if (ids == NULL)
    {
      g_warning ("Cannot list %s: %s", quorum_schema_table (self->table)->name, error->message);
      return;
    }

  old_len = self->ids->len;
  new_len = ids->len;
  while (prefix < old_len && prefix < new_len &&
         g_array_index (self->ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_array_index (self->ids, gint64, old_len - 1 - suffix) ==
         g_array_index (ids, gint64, new_len - 1 - suffix))
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return;

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  g_ptr_array_remove_range (self->records, prefix, old_len - prefix - suffix);
  for (guint i = 0; i < new_len - prefix - suffix; i++)
    g_ptr_array_insert (self->records, prefix, NULL);

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix - suffix,
                              new_len - prefix - suffix);
}
