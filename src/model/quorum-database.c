/* quorum-database.c: the meeting record of one organization
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "quorum-meeting.h"
#include "quorum-model-private.h"
#include "quorum-record-list.h"

struct _QuorumDatabase
{
  GObject parent_instance;

  QuorumStore *store;
  GHashTable *records[QUORUM_N_TABLES];  /* id → QuorumRecord*, not owned */
  GPtrArray *lists;                      /* QuorumRecordList*, not owned */
  GListModel *meetings;
  GListModel *recent_meetings;
  GListModel *people;
  GListModel *metrics;
};

G_DEFINE_FINAL_TYPE (QuorumDatabase, quorum_database, G_TYPE_OBJECT)

static void
quorum_database_dispose (GObject *object)
{
  QuorumDatabase *self = QUORUM_DATABASE (object);

  g_clear_object (&self->meetings);
  g_clear_object (&self->recent_meetings);
  g_clear_object (&self->people);
  g_clear_object (&self->metrics);

  G_OBJECT_CLASS (quorum_database_parent_class)->dispose (object);
}

static void
quorum_database_finalize (GObject *object)
{
  QuorumDatabase *self = QUORUM_DATABASE (object);

  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    g_hash_table_unref (self->records[t]);
  g_ptr_array_unref (self->lists);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (quorum_database_parent_class)->finalize (object);
}

static void
quorum_database_class_init (QuorumDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = quorum_database_dispose;
  G_OBJECT_CLASS (klass)->finalize = quorum_database_finalize;
}

static void
quorum_database_init (QuorumDatabase *self)
{
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    self->records[t] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->lists = g_ptr_array_new ();
}

/**
 * quorum_database_default_path:
 *
 * Returns: `$XDG_DATA_HOME/quorum/quorum.db`, where Quorum keeps the record
 * unless told otherwise.
 */
char *
quorum_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "quorum", "quorum.db", NULL);
}

QuorumDatabase *
quorum_database_new_for_store (QuorumStore *store)
{
  QuorumDatabase *self;

  g_return_val_if_fail (QUORUM_IS_STORE (store), NULL);
  self = g_object_new (QUORUM_TYPE_DATABASE, NULL);
  self->store = g_object_ref (store);
  return self;
}

QuorumDatabase *
quorum_database_open (const char  *path,
                      gboolean     create,
                      GError     **error)
{
  g_autoptr(QuorumStore) store = NULL;

  store = quorum_store_open (path, create ? QUORUM_STORE_OPEN_CREATE : QUORUM_STORE_OPEN_NONE,
                             error);
  if (store == NULL)
    return NULL;
  return quorum_database_new_for_store (store);
}

QuorumDatabase *
quorum_database_open_check_later (const char  *path,
                                  gboolean     create,
                                  GError     **error)
{
  g_autoptr(QuorumStore) store = NULL;

  store = quorum_store_open (path, QUORUM_STORE_OPEN_CHECK_LATER |
                                   (create ? QUORUM_STORE_OPEN_CREATE : QUORUM_STORE_OPEN_NONE),
                             error);
  if (store == NULL)
    return NULL;
  return quorum_database_new_for_store (store);
}

gboolean
quorum_database_finish_check (QuorumDatabase  *self,
                              GError         **error)
{
  g_return_val_if_fail (QUORUM_IS_DATABASE (self), FALSE);
  return quorum_store_finish_check (self->store, error);
}

gboolean
quorum_database_check_is_over (QuorumDatabase *self)
{
  g_return_val_if_fail (QUORUM_IS_DATABASE (self), TRUE);
  return quorum_store_check_is_over (self->store);
}

QuorumStore *
quorum_database_get_store (QuorumDatabase *self)
{
  g_return_val_if_fail (QUORUM_IS_DATABASE (self), NULL);
  return self->store;
}

gboolean
quorum_database_begin (QuorumDatabase  *self,
                       GError         **error)
{
  return quorum_store_begin (self->store, error);
}

gboolean
quorum_database_commit (QuorumDatabase  *self,
                        GError         **error)
{
  return quorum_store_commit (self->store, error);
}

static void
reload_everything (QuorumDatabase *self)
{
  /* Objects whose rows came or went with the rollback follow the file again. */
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    {
      g_autoptr(GList) records = g_hash_table_get_values (self->records[t]);
      for (GList *l = records; l != NULL; l = l->next)
        _quorum_record_reload (l->data, NULL);
      _quorum_database_rows_changed (self, t);
    }
}

void
quorum_database_rollback (QuorumDatabase *self)
{
  quorum_store_rollback (self->store);
  reload_everything (self);
}

void
_quorum_database_forget (QuorumDatabase *self,
                         QuorumTableId   table,
                         gint64          id)
{
  g_hash_table_remove (self->records[table], &id);
}

void
_quorum_database_rows_changed (QuorumDatabase *self,
                               QuorumTableId   table)
{
  /* A reload can run handlers that make or drop lists: walk a copy. */
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->lists->len; i++)
    if (quorum_record_list_get_table (g_ptr_array_index (self->lists, i)) == table)
      g_ptr_array_add (lists, g_object_ref (g_ptr_array_index (self->lists, i)));
  for (guint i = 0; i < lists->len; i++)
    _quorum_record_list_reload (g_ptr_array_index (lists, i));
}

void
_quorum_database_list_finalized (QuorumDatabase *self,
                                 GListModel     *list)
{
  g_ptr_array_remove_fast (self->lists, list);
}

QuorumRecord *
quorum_database_lookup (QuorumDatabase  *self,
                        QuorumTableId    table,
                        gint64           id,
                        GError         **error)
{
  QuorumRecord *record;

  g_return_val_if_fail (QUORUM_IS_DATABASE (self), NULL);
  g_return_val_if_fail (table < QUORUM_N_TABLES, NULL);

  record = g_hash_table_lookup (self->records[table], &id);
  if (record != NULL)
    return g_object_ref (record);

  record = _quorum_record_new (self, table, id, error);
  if (record != NULL)
    g_hash_table_insert (self->records[table], g_memdup2 (&id, sizeof id), record);
  return record;
}

QuorumRecord *
quorum_database_lookup_uid (QuorumDatabase  *self,
                            QuorumTableId    table,
                            const char      *uid,
                            GError         **error)
{
  gint64 id;

  if (!quorum_store_find_uid (self->store, table, uid, &id, error))
    return NULL;
  return quorum_database_lookup (self, table, id, error);
}

QuorumRecord *
quorum_database_create (QuorumDatabase  *self,
                        QuorumFields    *fields,
                        GError         **error)
{
  QuorumTableId table_id = quorum_fields_get_table (fields);
  const QuorumTable *table = quorum_schema_table (table_id);
  QuorumRecord *record;
  gint64 id;

  g_return_val_if_fail (QUORUM_IS_DATABASE (self), NULL);

  if (table->parent_column >= 0)
    {
      const GValue *parent = &quorum_fields_get_values (fields)[table->parent_column];
      g_autoptr(QuorumRecord) meeting = NULL;

      if (!G_IS_VALUE (parent) || g_value_get_int64 (parent) == 0)
        {
          g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                       _("A %s must belong to a meeting."),
                       g_dgettext (GETTEXT_PACKAGE, table->label));
          return NULL;
        }
      meeting = quorum_database_lookup (self, QUORUM_TABLE_MEETINGS, g_value_get_int64 (parent),
                                        error);
      if (meeting == NULL)
        return NULL;
      if (quorum_record_is_frozen (meeting) && table_id != QUORUM_TABLE_SIGNED_DOCUMENTS &&
          table_id != QUORUM_TABLE_SIGNATURES)
        {
          g_propagate_error (error, _quorum_model_frozen_error ());
          return NULL;
        }
    }

  if (!quorum_store_insert (self->store, table_id, quorum_fields_get_uid (fields),
                            quorum_fields_get_values (fields), &id, error))
    return NULL;

  record = quorum_database_lookup (self, table_id, id, error);
  _quorum_database_rows_changed (self, table_id);
  return record;
}

GListModel *
quorum_database_list (QuorumDatabase *self,
                      QuorumTableId   table,
                      const char     *filter_column,
                      gint64          filter_id,
                      gboolean        descending)
{
  int column = -1;
  QuorumRecordList *list;

  g_return_val_if_fail (QUORUM_IS_DATABASE (self), NULL);

  if (filter_column != NULL)
    {
      column = quorum_table_column_index (quorum_schema_table (table), filter_column);
      g_return_val_if_fail (column >= 0, NULL);
    }
  list = _quorum_record_list_new (self, table, column, filter_id, descending);
  g_ptr_array_add (self->lists, list);
  return G_LIST_MODEL (list);
}

GListModel *
quorum_database_get_meetings (QuorumDatabase *self)
{
  g_return_val_if_fail (QUORUM_IS_DATABASE (self), NULL);
  if (self->meetings == NULL)
    self->meetings = quorum_database_list (self, QUORUM_TABLE_MEETINGS, NULL, 0, FALSE);
  return self->meetings;
}

GListModel *
quorum_database_get_recent_meetings (QuorumDatabase *self)
{
  g_return_val_if_fail (QUORUM_IS_DATABASE (self), NULL);
  if (self->recent_meetings == NULL)
    self->recent_meetings = quorum_database_list (self, QUORUM_TABLE_MEETINGS, NULL, 0, TRUE);
  return self->recent_meetings;
}

GListModel *
quorum_database_get_people (QuorumDatabase *self)
{
  g_return_val_if_fail (QUORUM_IS_DATABASE (self), NULL);
  if (self->people == NULL)
    self->people = quorum_database_list (self, QUORUM_TABLE_PEOPLE, NULL, 0, FALSE);
  return self->people;
}

GListModel *
quorum_database_get_metrics (QuorumDatabase *self)
{
  g_return_val_if_fail (QUORUM_IS_DATABASE (self), NULL);
  if (self->metrics == NULL)
    self->metrics = quorum_database_list (self, QUORUM_TABLE_METRICS, NULL, 0, FALSE);
  return self->metrics;
}

QuorumRecord *
quorum_database_dup_organization (QuorumDatabase  *self,
                                  GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(QuorumFields) fields = NULL;

  ids = quorum_store_list_ids (self->store, QUORUM_TABLE_ORGANIZATION, -1, 0, FALSE, error);
  if (ids == NULL)
    return NULL;
  if (ids->len > 0)
    return quorum_database_lookup (self, QUORUM_TABLE_ORGANIZATION,
                                   g_array_index (ids, gint64, 0), error);

  fields = quorum_fields_new (QUORUM_TABLE_ORGANIZATION);
  quorum_fields_set_string (fields, "name", "");
  return quorum_database_create (self, fields, error);
}

QuorumRecord *
quorum_database_add_person (QuorumDatabase  *self,
                            const char      *name,
                            const char      *title,
                            const char      *email,
                            GError         **error)
{
  g_autoptr(QuorumFields) fields = quorum_fields_new (QUORUM_TABLE_PEOPLE);

  quorum_fields_set_string (fields, "name", name);
  quorum_fields_set_string (fields, "title", title);
  quorum_fields_set_string (fields, "email", email);
  return quorum_database_create (self, fields, error);
}

QuorumRecord *
quorum_database_add_metric (QuorumDatabase  *self,
                            const char      *name,
                            const char      *unit,
                            double           target,
                            const char      *direction,
                            GError         **error)
{
  g_autoptr(QuorumFields) fields = quorum_fields_new (QUORUM_TABLE_METRICS);

  quorum_fields_set_string (fields, "name", name);
  quorum_fields_set_string (fields, "unit", unit);
  quorum_fields_set_double (fields, "target", target);
  quorum_fields_set_string (fields, "direction", direction);
  return quorum_database_create (self, fields, error);
}
