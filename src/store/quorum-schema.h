/* quorum-schema.h: the description of Quorum's record, shared by every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table of descriptors drives the SQL schema, the audit and freeze
 * triggers, the model's properties and the JSON interchange format, so that a
 * column is declared once.  Nothing here is SQL; the store turns it into SQL.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define QUORUM_SCHEMA_VERSION 2
/* "QRM1" in PRAGMA application_id marks a file as a Quorum database. */
#define QUORUM_APPLICATION_ID 0x51524d31

typedef enum
{
  QUORUM_TABLE_ORGANIZATION,
  QUORUM_TABLE_PEOPLE,
  QUORUM_TABLE_METRICS,
  QUORUM_TABLE_MEETINGS,
  QUORUM_TABLE_ATTENDANCE,
  QUORUM_TABLE_AGENDA_ITEMS,
  QUORUM_TABLE_METRIC_VALUES,
  QUORUM_TABLE_INCIDENTS,
  QUORUM_TABLE_DECISIONS,
  QUORUM_TABLE_RESOURCE_APPROVALS,
  QUORUM_TABLE_ACTION_ITEMS,
  QUORUM_TABLE_ACTION_UPDATES,
  QUORUM_TABLE_POLICY_APPROVALS,
  QUORUM_TABLE_ROLE_ASSIGNMENTS,
  QUORUM_TABLE_SIGNED_DOCUMENTS,
  QUORUM_TABLE_SIGNATURES,
  QUORUM_N_TABLES
} QuorumTableId;

typedef enum
{
  QUORUM_COLUMN_TEXT,      /* UTF-8 string, NULL allowed unless REQUIRED */
  QUORUM_COLUMN_INT,       /* 64-bit integer, NOT NULL */
  QUORUM_COLUMN_REAL,      /* double, NOT NULL */
  QUORUM_COLUMN_BOOL,      /* 0 or 1 */
  QUORUM_COLUMN_DATE,      /* "YYYY-MM-DD" or NULL */
  QUORUM_COLUMN_DATETIME,  /* ISO 8601 with a UTC offset, or NULL */
  QUORUM_COLUMN_ENUM,      /* one of `choices` */
  QUORUM_COLUMN_REF,       /* id of a row in `ref_table`; 0 in C is NULL */
  QUORUM_COLUMN_BLOB,      /* bytes or NULL */
} QuorumColumnType;

typedef enum
{
  QUORUM_COLUMN_REQUIRED  = 1 << 0,  /* text must not be empty, ref must be set */
  QUORUM_COLUMN_PARENT    = 1 << 1,  /* the meeting this row belongs to */
  QUORUM_COLUMN_MULTILINE = 1 << 2,  /* long free text (notes, rationale) */
  QUORUM_COLUMN_CASCADE   = 1 << 3,  /* deleting the referenced row deletes this one */
  QUORUM_COLUMN_SEALED    = 1 << 4,  /* set by Quorum itself (hashes), not by users */
  QUORUM_COLUMN_CURRENCY  = 1 << 5,  /* text: an ISO 4217 code, three capital letters */
} QuorumColumnFlags;

typedef struct
{
  const char *name;             /* SQL column, JSON member and GObject property */
  QuorumColumnType type;
  QuorumColumnFlags flags;
  const char *label;            /* translatable, for messages and the UI (N_()) */
  const char * const *choices;  /* ENUM: the allowed values, NULL-terminated */
  QuorumTableId ref_table;      /* REF: the table referred to */
  const char *default_value;    /* SQL literal used when a row is created without it */
} QuorumColumn;

typedef struct
{
  QuorumTableId id;
  const char *name;             /* SQL table and JSON member */
  const char *label;            /* translatable, singular ("decision") */
  const QuorumColumn *columns;  /* every table also has `id` and `uid` */
  guint n_columns;
  int parent_column;            /* index of the PARENT column, or -1 */
  const char *order_by;         /* column list, for lists shown to users */
  const char *unique;           /* comma-separated columns that are unique together, or NULL */
} QuorumTable;

const QuorumTable  *quorum_schema_table          (QuorumTableId       id);
const QuorumTable  *quorum_schema_table_by_name  (const char         *name);
int                 quorum_table_column_index    (const QuorumTable  *table,
                                                  const char         *name);
const QuorumColumn *quorum_table_column          (const QuorumTable  *table,
                                                  const char         *name);
gboolean            quorum_column_allows         (const QuorumColumn *column,
                                                  const char         *choice);
GType               quorum_column_gtype          (const QuorumColumn *column);

/* Meeting statuses after which a meeting and everything under it is frozen. */
gboolean            quorum_status_is_frozen      (const char         *status);

G_END_DECLS
