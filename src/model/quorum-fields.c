/* quorum-fields.c: the values of a row about to be created
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "quorum-fields.h"

struct _QuorumFields
{
  const QuorumTable *table;
  char *uid;
  GValue *values;  /* one per column; unset ones keep the column's default */
};

QuorumFields *
quorum_fields_new (QuorumTableId table)
{
  QuorumFields *self = g_new0 (QuorumFields, 1);
  self->table = quorum_schema_table (table);
  self->values = g_new0 (GValue, self->table->n_columns);
  return self;
}

void
quorum_fields_free (QuorumFields *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->table->n_columns; i++)
    if (G_IS_VALUE (&self->values[i]))
      g_value_unset (&self->values[i]);
  g_free (self->values);
  g_free (self->uid);
  g_free (self);
}

QuorumTableId
quorum_fields_get_table (QuorumFields *self)
{
  return self->table->id;
}

const char *
quorum_fields_get_uid (QuorumFields *self)
{
  return self->uid;
}

void
quorum_fields_set_uid (QuorumFields *self,
                       const char   *uid)
{
  g_free (self->uid);
  self->uid = g_strdup (uid);
}

static GValue *
slot (QuorumFields *self,
      const char   *column)
{
  int index = quorum_table_column_index (self->table, column);
  GValue *value;

  if (index < 0)
    return NULL;
  value = &self->values[index];
  if (G_IS_VALUE (value))
    g_value_unset (value);
  g_value_init (value, quorum_column_gtype (&self->table->columns[index]));
  return value;
}

gboolean
quorum_fields_set_value (QuorumFields *self,
                         const char   *column,
                         const GValue *value)
{
  GValue *target = slot (self, column);
  if (target == NULL)
    return FALSE;
  if (!g_value_transform (value, target))
    {
      g_value_unset (target);
      return FALSE;
    }
  return TRUE;
}

#define CHECKED_SLOT(self, column) \
  GValue *value_ = slot (self, column); \
  if (value_ == NULL) \
    { \
      g_critical ("A %s has no field “%s”", self->table->name, column); \
      return; \
    }

void
quorum_fields_set_string (QuorumFields *self,
                          const char   *column,
                          const char   *value)
{
  CHECKED_SLOT (self, column);
  g_return_if_fail (G_VALUE_HOLDS_STRING (value_));
  g_value_set_string (value_, value);
}

void
quorum_fields_set_int (QuorumFields *self,
                       const char   *column,
                       gint64        value)
{
  CHECKED_SLOT (self, column);
  g_return_if_fail (G_VALUE_HOLDS_INT64 (value_));
  g_value_set_int64 (value_, value);
}

void
quorum_fields_set_double (QuorumFields *self,
                          const char   *column,
                          double        value)
{
  CHECKED_SLOT (self, column);
  g_return_if_fail (G_VALUE_HOLDS_DOUBLE (value_));
  g_value_set_double (value_, value);
}

void
quorum_fields_set_boolean (QuorumFields *self,
                           const char   *column,
                           gboolean      value)
{
  CHECKED_SLOT (self, column);
  g_return_if_fail (G_VALUE_HOLDS_BOOLEAN (value_));
  g_value_set_boolean (value_, value);
}

void
quorum_fields_set_ref_id (QuorumFields *self,
                          const char   *column,
                          gint64        id)
{
  CHECKED_SLOT (self, column);
  g_return_if_fail (G_VALUE_HOLDS_INT64 (value_));
  g_value_set_int64 (value_, id);
}

void
quorum_fields_set_ref (QuorumFields *self,
                       const char   *column,
                       QuorumRecord *value)
{
  quorum_fields_set_ref_id (self, column, value != NULL ? quorum_record_get_id (value) : 0);
}

void
quorum_fields_set_bytes (QuorumFields *self,
                         const char   *column,
                         GBytes       *value)
{
  CHECKED_SLOT (self, column);
  g_return_if_fail (G_VALUE_HOLDS (value_, G_TYPE_BYTES));
  g_value_set_boxed (value_, value);
}

const GValue *
quorum_fields_get_values (QuorumFields *self)
{
  return self->values;
}

const GValue *
quorum_fields_peek (QuorumFields *self,
                    const char   *column)
{
  int index = quorum_table_column_index (self->table, column);
  if (index < 0 || !G_IS_VALUE (&self->values[index]))
    return NULL;
  return &self->values[index];
}
