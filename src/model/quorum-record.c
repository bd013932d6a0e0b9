/* quorum-record.c: one row of the meeting record as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record keeps the row's values in memory, and every setter writes the row
 * through the store before it returns: there is no unsaved state.  Properties
 * are installed from the schema description, one per column, so that widgets
 * can bind to them; a REF column is an object property holding the record it
 * refers to.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "quorum-model-private.h"

typedef struct
{
  QuorumDatabase *db;  /* weak: the database owns lists that own records */
  gint64 id;
  char *uid;
  GValue *values;      /* one per column */
} QuorumRecordPrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_UID,
  N_FIXED_PROPS
};

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (QuorumRecord, quorum_record, G_TYPE_OBJECT)
G_DEFINE_QUARK (quorum-model-error-quark, quorum_model_error)

static const QuorumTable *
record_table (QuorumRecord *self)
{
  return quorum_schema_table (QUORUM_RECORD_GET_CLASS (self)->table);
}

GError *
_quorum_model_frozen_error (void)
{
  return g_error_new_literal (QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_FROZEN,
                              _("This meeting has been approved, so its minutes can no longer "
                                "be changed. Record corrections in an addendum."));
}

static void
quorum_record_dispose (GObject *object)
{
  QuorumRecord *self = QUORUM_RECORD (object);
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);

  if (priv->db != NULL)
    {
      _quorum_database_forget (priv->db, QUORUM_RECORD_GET_CLASS (self)->table, priv->id);
      g_object_remove_weak_pointer (G_OBJECT (priv->db), (gpointer *) &priv->db);
      priv->db = NULL;
    }

  G_OBJECT_CLASS (quorum_record_parent_class)->dispose (object);
}

static void
quorum_record_finalize (GObject *object)
{
  QuorumRecord *self = QUORUM_RECORD (object);
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  const QuorumTable *table = record_table (self);

  if (priv->values != NULL)
    {
      for (guint i = 0; i < table->n_columns; i++)
        if (G_IS_VALUE (&priv->values[i]))
          g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }
  g_free (priv->uid);

  G_OBJECT_CLASS (quorum_record_parent_class)->finalize (object);
}

static void
quorum_record_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  QuorumRecord *self = QUORUM_RECORD (object);
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  const QuorumTable *table = record_table (self);
  guint column;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      return;
    case PROP_UID:
      g_value_set_string (value, priv->uid);
      return;
    default:
      break;
    }

  column = prop_id - N_FIXED_PROPS;
  if (column >= table->n_columns)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (table->columns[column].type == QUORUM_COLUMN_REF)
    g_value_take_object (value, quorum_record_dup_ref (self, table->columns[column].name));
  else
    g_value_copy (&priv->values[column], value);
}

static void
quorum_record_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  QuorumRecord *self = QUORUM_RECORD (object);
  const QuorumTable *table = record_table (self);
  guint column = prop_id - N_FIXED_PROPS;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (prop_id < N_FIXED_PROPS || column >= table->n_columns)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (table->columns[column].type == QUORUM_COLUMN_REF)
    saved = quorum_record_set_ref (self, table->columns[column].name,
                                   g_value_get_object (value), &error);
  else
    saved = quorum_record_set_value (self, table->columns[column].name, value, &error);

  /* GObject properties cannot fail, so whoever bound to one hears of it here. */
  if (!saved)
    g_signal_emit (self, signals[SAVE_FAILED], 0, pspec->name, error);
}

static void
quorum_record_class_init (QuorumRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = quorum_record_dispose;
  object_class->finalize = quorum_record_finalize;
  object_class->get_property = quorum_record_get_property;
  object_class->set_property = quorum_record_set_property;

  /**
   * QuorumRecord::save-failed:
   * @property: the property that was set
   * @error: why it could not be saved
   *
   * Emitted when setting a property could not be saved; the record keeps
   * its previous value.
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
quorum_record_init (QuorumRecord *self)
{
}

void
quorum_record_class_set_table (QuorumRecordClass *klass,
                               QuorumTableId      table_id)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const QuorumTable *table = quorum_schema_table (table_id);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  klass->table = table_id;
  /* GObject does not inherit these: each class that installs properties sets them. */
  object_class->get_property = quorum_record_get_property;
  object_class->set_property = quorum_record_set_property;

  g_object_class_install_property (object_class, PROP_ID,
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_UID,
    g_param_spec_string ("uid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  for (guint i = 0; i < table->n_columns; i++)
    {
      const QuorumColumn *c = &table->columns[i];
      g_autofree char *dashed = g_strdelimit (g_strdup (c->name), "_", '-');
      const char *name = g_intern_string (dashed);
      GParamSpec *pspec;

      switch (c->type)
        {
        case QUORUM_COLUMN_INT:
          pspec = g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0, flags);
          break;
        case QUORUM_COLUMN_REAL:
          pspec = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case QUORUM_COLUMN_BOOL:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case QUORUM_COLUMN_REF:
          pspec = g_param_spec_object (name, NULL, NULL, QUORUM_TYPE_RECORD, flags);
          break;
        case QUORUM_COLUMN_BLOB:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_BYTES, flags);
          break;
        case QUORUM_COLUMN_TEXT:
        case QUORUM_COLUMN_DATE:
        case QUORUM_COLUMN_DATETIME:
        case QUORUM_COLUMN_ENUM:
        default:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        }
      g_object_class_install_property (object_class, N_FIXED_PROPS + i, pspec);
    }
}

QuorumRecord *
_quorum_record_new (QuorumDatabase  *db,
                    QuorumTableId    table,
                    gint64           id,
                    GError         **error)
{
  g_autoptr(QuorumRecord) self = g_object_new (_quorum_record_type_for_table (table), NULL);
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);

  priv->id = id;
  priv->values = g_new0 (GValue, quorum_schema_table (table)->n_columns);
  if (!quorum_store_load (quorum_database_get_store (db), table, id, &priv->uid,
                          priv->values, error))
    return NULL;
  priv->db = db;
  g_object_add_weak_pointer (G_OBJECT (db), (gpointer *) &priv->db);
  return g_steal_pointer (&self);
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (G_VALUE_TYPE (a) != G_VALUE_TYPE (b))
    return FALSE;
  switch (G_VALUE_TYPE (a))
    {
    case G_TYPE_STRING:
      return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    case G_TYPE_INT64:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_DOUBLE:
      return g_value_get_double (a) == g_value_get_double (b);
    case G_TYPE_BOOLEAN:
      return !g_value_get_boolean (a) == !g_value_get_boolean (b);
    default:
      if (G_VALUE_TYPE (a) == G_TYPE_BYTES)
        {
          GBytes *x = g_value_get_boxed (a), *y = g_value_get_boxed (b);
          return x == y || (x != NULL && y != NULL && g_bytes_equal (x, y));
        }
      return FALSE;
    }
}

static void
notify_column (QuorumRecord       *self,
               const QuorumColumn *column)
{
  g_autofree char *dashed = g_strdelimit (g_strdup (column->name), "_", '-');
  g_object_notify (G_OBJECT (self), dashed);
}

gboolean
_quorum_record_reload (QuorumRecord  *self,
                       GError       **error)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  const QuorumTable *table = record_table (self);
  g_autofree GValue *values = g_new0 (GValue, table->n_columns);

  if (!quorum_store_load (quorum_database_get_store (priv->db), table->id, priv->id, NULL,
                          values, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < table->n_columns; i++)
    {
      gboolean changed = !values_equal (&values[i], &priv->values[i]);
      g_value_unset (&priv->values[i]);
      priv->values[i] = values[i];
      if (changed)
        notify_column (self, &table->columns[i]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

QuorumDatabase *
quorum_record_get_database (QuorumRecord *self)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  g_return_val_if_fail (QUORUM_IS_RECORD (self), NULL);
  return priv->db;
}

QuorumTableId
quorum_record_get_table (QuorumRecord *self)
{
  g_return_val_if_fail (QUORUM_IS_RECORD (self), 0);
  return QUORUM_RECORD_GET_CLASS (self)->table;
}

gint64
quorum_record_get_id (QuorumRecord *self)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  g_return_val_if_fail (QUORUM_IS_RECORD (self), 0);
  return priv->id;
}

const char *
quorum_record_get_uid (QuorumRecord *self)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  g_return_val_if_fail (QUORUM_IS_RECORD (self), NULL);
  return priv->uid;
}

static int
column_index (QuorumRecord *self,
              const char   *column)
{
  int index = quorum_table_column_index (record_table (self), column);
  if (index < 0)
    g_critical ("A %s has no field “%s”", record_table (self)->name, column);
  return index;
}

const GValue *
quorum_record_get_value (QuorumRecord *self,
                         const char   *column)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  int index;

  g_return_val_if_fail (QUORUM_IS_RECORD (self), NULL);
  if ((index = column_index (self, column)) < 0)
    return NULL;
  return &priv->values[index];
}

const char *
quorum_record_get_string (QuorumRecord *self,
                          const char   *column)
{
  const GValue *value = quorum_record_get_value (self, column);
  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS_STRING (value), NULL);
  return g_value_get_string (value);
}

gint64
quorum_record_get_int (QuorumRecord *self,
                       const char   *column)
{
  const GValue *value = quorum_record_get_value (self, column);
  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS_INT64 (value), 0);
  return g_value_get_int64 (value);
}

double
quorum_record_get_double (QuorumRecord *self,
                          const char   *column)
{
  const GValue *value = quorum_record_get_value (self, column);
  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS_DOUBLE (value), 0);
  return g_value_get_double (value);
}

gboolean
quorum_record_get_boolean (QuorumRecord *self,
                           const char   *column)
{
  const GValue *value = quorum_record_get_value (self, column);
  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS_BOOLEAN (value), FALSE);
  return g_value_get_boolean (value);
}

GBytes *
quorum_record_get_bytes (QuorumRecord *self,
                         const char   *column)
{
  const GValue *value = quorum_record_get_value (self, column);
  g_return_val_if_fail (value != NULL && G_VALUE_HOLDS (value, G_TYPE_BYTES), NULL);
  return g_value_get_boxed (value);
}

gint64
quorum_record_get_ref_id (QuorumRecord *self,
                          const char   *column)
{
  return quorum_record_get_int (self, column);
}

QuorumRecord *
quorum_record_dup_ref (QuorumRecord *self,
                       const char   *column)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  const QuorumColumn *c = quorum_table_column (record_table (self), column);
  gint64 id;

  g_return_val_if_fail (c != NULL && c->type == QUORUM_COLUMN_REF, NULL);
  id = quorum_record_get_ref_id (self, column);
  if (id == 0)
    return NULL;
  return quorum_database_lookup (priv->db, c->ref_table, id, NULL);
}

gint64
quorum_record_get_meeting_id (QuorumRecord *self)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  const QuorumTable *table = record_table (self);

  if (table->id == QUORUM_TABLE_MEETINGS)
    return priv->id;
  if (table->parent_column < 0)
    return 0;
  return g_value_get_int64 (&priv->values[table->parent_column]);
}

gboolean
quorum_record_is_frozen (QuorumRecord *self)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  g_autoptr(QuorumRecord) meeting = NULL;
  gint64 meeting_id;

  g_return_val_if_fail (QUORUM_IS_RECORD (self), FALSE);

  if (record_table (self)->id == QUORUM_TABLE_MEETINGS)
    return quorum_status_is_frozen (quorum_record_get_string (self, "status"));

  meeting_id = quorum_record_get_meeting_id (self);
  if (meeting_id == 0)
    return FALSE;
  meeting = quorum_database_lookup (priv->db, QUORUM_TABLE_MEETINGS, meeting_id, NULL);
  return meeting != NULL && quorum_record_is_frozen (meeting);
}

static gboolean
order_depends_on (const QuorumTable *table,
                  const char        *column)
{
  g_auto(GStrv) parts = g_strsplit (table->order_by, ", ", -1);
  return g_strv_contains ((const char * const *) parts, column);
}

gboolean
_quorum_record_store_value (QuorumRecord  *self,
                            guint          column,
                            const GValue  *value,
                            GError       **error)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  const QuorumTable *table = record_table (self);
  const QuorumColumn *c = &table->columns[column];
  g_auto(GValue) converted = G_VALUE_INIT;

  /* Accept any value that converts to the column's type (an int for an int64). */
  g_value_init (&converted, quorum_column_gtype (c));
  if (!g_value_transform (value, &converted))
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("“%s” got a value of the wrong kind."), g_dgettext (GETTEXT_PACKAGE, c->label));
      return FALSE;
    }

  if (values_equal (&converted, &priv->values[column]))
    return TRUE;

  if (!quorum_store_update (quorum_database_get_store (priv->db), table->id, priv->id, column,
                            &converted, error))
    return FALSE;

  g_value_unset (&priv->values[column]);
  g_value_init (&priv->values[column], quorum_column_gtype (c));
  g_value_copy (&converted, &priv->values[column]);
  notify_column (self, c);

  if (order_depends_on (table, c->name) || (int) column == table->parent_column)
    _quorum_database_rows_changed (priv->db, table->id);
  return TRUE;
}

gboolean
quorum_record_set_value (QuorumRecord  *self,
                         const char    *column,
                         const GValue  *value,
                         GError       **error)
{
  const QuorumTable *table;
  int index;

  g_return_val_if_fail (QUORUM_IS_RECORD (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  table = record_table (self);
  if ((index = column_index (self, column)) < 0)
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   "A %s has no field “%s”", table->name, column);
      return FALSE;
    }

  if (quorum_record_is_frozen (self))
    {
      g_propagate_error (error, _quorum_model_frozen_error ());
      return FALSE;
    }

  if (table->columns[index].flags & QUORUM_COLUMN_SEALED)
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("“%s” is set by Quorum itself and cannot be edited."),
                   g_dgettext (GETTEXT_PACKAGE, table->columns[index].label));
      return FALSE;
    }

  if (table->id == QUORUM_TABLE_MEETINGS && strcmp (column, "status") == 0)
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("A meeting’s status changes only by holding, reopening or approving it."));
      return FALSE;
    }

  return _quorum_record_store_value (self, (guint) index, value, error);
}

gboolean
quorum_record_set_string (QuorumRecord  *self,
                          const char    *column,
                          const char    *value,
                          GError       **error)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  return quorum_record_set_value (self, column, &v, error);
}

gboolean
quorum_record_set_int (QuorumRecord  *self,
                       const char    *column,
                       gint64         value,
                       GError       **error)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, value);
  return quorum_record_set_value (self, column, &v, error);
}

gboolean
quorum_record_set_double (QuorumRecord  *self,
                          const char    *column,
                          double         value,
                          GError       **error)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  return quorum_record_set_value (self, column, &v, error);
}

gboolean
quorum_record_set_boolean (QuorumRecord  *self,
                           const char    *column,
                           gboolean       value,
                           GError       **error)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  return quorum_record_set_value (self, column, &v, error);
}

gboolean
quorum_record_set_ref (QuorumRecord  *self,
                       const char    *column,
                       QuorumRecord  *value,
                       GError       **error)
{
  const QuorumColumn *c = quorum_table_column (record_table (self), column);
  g_auto(GValue) v = G_VALUE_INIT;

  g_return_val_if_fail (c != NULL && c->type == QUORUM_COLUMN_REF, FALSE);
  if (value != NULL && quorum_record_get_table (value) != c->ref_table)
    {
      g_set_error (error, QUORUM_MODEL_ERROR, QUORUM_MODEL_ERROR_INVALID,
                   _("“%s” cannot refer to a %s."), g_dgettext (GETTEXT_PACKAGE, c->label),
                   g_dgettext (GETTEXT_PACKAGE,
                               quorum_schema_table (quorum_record_get_table (value))->label));
      return FALSE;
    }
  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, value != NULL ? quorum_record_get_id (value) : 0);
  return quorum_record_set_value (self, column, &v, error);
}

QuorumFields *
quorum_record_dup_fields (QuorumRecord *self)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  const QuorumTable *table;
  QuorumFields *fields;

  g_return_val_if_fail (QUORUM_IS_RECORD (self), NULL);
  table = record_table (self);
  fields = quorum_fields_new (table->id);
  quorum_fields_set_uid (fields, priv->uid);
  for (guint i = 0; i < table->n_columns; i++)
    quorum_fields_set_value (fields, table->columns[i].name, &priv->values[i]);
  return fields;
}

gboolean
quorum_record_delete (QuorumRecord  *self,
                      GError       **error)
{
  QuorumRecordPrivate *priv = quorum_record_get_instance_private (self);
  const QuorumTable *table;

  g_return_val_if_fail (QUORUM_IS_RECORD (self), FALSE);
  table = record_table (self);

  if (quorum_record_is_frozen (self))
    {
      g_propagate_error (error, _quorum_model_frozen_error ());
      return FALSE;
    }

  if (!quorum_store_delete (quorum_database_get_store (priv->db), table->id, priv->id, error))
    return FALSE;

  /* Cascades may have removed rows of other tables too. */
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    _quorum_database_rows_changed (priv->db, t);
  return TRUE;
}
