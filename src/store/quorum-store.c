/* quorum-store.c: the SQLite database behind Quorum
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every piece of SQL in Quorum is in this file.  Table and column names come
 * from the schema description in quorum-schema.c, never from users; every
 * value is a bound parameter.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quorum-store.h"

/* Marks in RAISE() messages, recognised when turning errors into GErrors. */
#define FROZEN_MARK "quorum-frozen"
#define AUDIT_MARK  "quorum-audit-log"
#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* The background integrity check: the path it opens, and whether it is over */
typedef struct
{
  char *path;
  gint over;               /* atomic */
} CheckJob;

struct _QuorumStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  GHashTable *statements;  /* SQL text → sqlite3_stmt* */
  guint transaction_depth;
  dev_t device;            /* of the file opened, to notice it being replaced */
  ino_t inode;
  GThread *check_thread;   /* the integrity check, while it runs on its own */
  CheckJob *check_job;     /* what it works on; freed once joined */
  char *check_problem;     /* what it found wrong, once it is over */
};

G_DEFINE_FINAL_TYPE (QuorumStore, quorum_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (quorum-store-error-quark, quorum_store_error)

typedef enum
{
  OPERATION_READ,
  OPERATION_WRITE,
  OPERATION_DELETE,
} Operation;

void
quorum_audit_entry_free (QuorumAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->operation);
  g_free (entry->table_name);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

static void
quorum_store_finalize (GObject *object)
{
  QuorumStore *self = QUORUM_STORE (object);

  if (self->check_thread != NULL)
    g_free (g_thread_join (g_steal_pointer (&self->check_thread)));
  if (self->check_job != NULL)
    {
      g_free (self->check_job->path);
      g_free (self->check_job);
    }
  g_free (self->check_problem);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (quorum_store_parent_class)->finalize (object);
}

static void
quorum_store_class_init (QuorumStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
quorum_store_init (QuorumStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

/* "UNIQUE constraint failed: attendance.meeting, attendance.person" becomes
 * "Another attendee in this meeting has the same person." */
static char *
describe_unique_failure (const char *detail)
{
  const char *list = strstr (detail, ": ");
  g_auto(GStrv) parts = list != NULL ? g_strsplit (list + 2, ", ", -1) : NULL;
  const QuorumTable *table = NULL;
  gboolean in_meeting = FALSE;
  g_autoptr(GString) fields = g_string_new (NULL);

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      g_auto(GStrv) name = g_strsplit (parts[i], ".", 2);
      const QuorumColumn *column;

      if (name[0] == NULL || name[1] == NULL ||
          (table = quorum_schema_table_by_name (name[0])) == NULL)
        continue;
      if (g_str_equal (name[1], "uid"))
        {
          if (fields->len > 0)
            g_string_append (fields, _(" and "));
          g_string_append (fields, _("identifier (uid)"));
          continue;
        }
      column = quorum_table_column (table, name[1]);
      if (column == NULL)
        continue;
      if (column->flags & QUORUM_COLUMN_PARENT)
        {
          in_meeting = TRUE;
          continue;
        }
      if (fields->len > 0)
        g_string_append (fields, _(" and "));
      g_string_append (fields, g_dgettext (GETTEXT_PACKAGE, column->label));
    }

  if (table == NULL || fields->len == 0)
    return g_strdup_printf (_("This record already exists (%s)."), detail);
  if (in_meeting)
    /* Translators: "Another decision in this meeting has the same Number." */
    return g_strdup_printf (_("Another %s in this meeting has the same %s."),
                            g_dgettext (GETTEXT_PACKAGE, table->label), fields->str);
  return g_strdup_printf (_("Another %s has the same %s."),
                          g_dgettext (GETTEXT_PACKAGE, table->label), fields->str);
}

/* Turns an SQLite result code into a message for the person using Quorum. */
static gboolean
set_error (QuorumStore  *self,
           int           rc,
           Operation     operation,
           GError      **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  g_autofree char *name = g_filename_display_basename (self->path);

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      if (strstr (detail, FROZEN_MARK) != NULL)
        g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_FROZEN,
                     _("This meeting has been approved, so its minutes can no longer be "
                       "changed. Record corrections in an addendum."));
      else if (strstr (detail, AUDIT_MARK) != NULL)
        g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                     _("The audit log can only be added to, never changed."));
      else if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        {
          g_autofree char *what = describe_unique_failure (detail);
          g_set_error_literal (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_DUPLICATE, what);
        }
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY && operation == OPERATION_DELETE)
        g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_IN_USE,
                     _("This record is still used elsewhere in the minutes and cannot be "
                       "removed."));
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                     _("This refers to a record that does not exist."));
      else
        g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                     _("This value is not allowed here (%s)."), detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_LOCKED,
                   _("The database “%s” is in use by another program. Close the other "
                     "program or wait a moment, then try again."), name);
      break;

    case SQLITE_FULL:
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_FULL,
                   _("The disk holding “%s” is full. This change was not saved; free some "
                     "space and try again."), name);
      break;

    case SQLITE_READONLY:
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written to: the file or its folder is "
                     "read-only."), name);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). Restore it from a backup; Quorum "
                     "has not changed it."), name, detail);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Quorum database, or it is damaged beyond reading."), name);
      break;

    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_WRITE && errno == ENOSPC)
        return set_error (self, SQLITE_FULL, operation, error);
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_IO,
                   _("The computer could not read or write “%s” (%s). Nothing after the last "
                     "saved change was lost; check the disk and try again."), name, detail);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_IO,
                   _("The database “%s” cannot be opened (%s)."), name, detail);
      break;

    default:
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_FAILED,
                   _("The database “%s” reported an error: %s"), name, detail);
      break;
    }

  return FALSE;
}

static sqlite3_stmt *
get_statement (QuorumStore  *self,
               const char   *sql,
               GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, OPERATION_READ, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static void
release_statement (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Runs SQL that returns no rows and takes no parameters (pragmas, DDL). */
static gboolean
exec (QuorumStore  *self,
      const char   *sql,
      GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, rc, OPERATION_WRITE, error);
  return TRUE;
}

static gboolean
query_int (QuorumStore  *self,
           const char   *sql,
           gint64       *out,
           GError      **error)
{
  sqlite3_stmt *stmt;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          *out = 0;
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    set_error (self, rc, OPERATION_READ, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/* ---- schema -------------------------------------------------------------- */

static void
append_column_definition (GString            *sql,
                          const QuorumColumn *column)
{
  const char *c = column->name;
  gboolean required = (column->flags & QUORUM_COLUMN_REQUIRED) != 0;

  g_string_append_printf (sql, "  %s ", c);
  switch (column->type)
    {
    case QUORUM_COLUMN_TEXT:
      g_string_append (sql, "TEXT");
      if (required)
        g_string_append_printf (sql, " NOT NULL CHECK (length(trim(%s)) > 0)", c);
      if (column->flags & QUORUM_COLUMN_CURRENCY)
        g_string_append_printf (sql, " CHECK (%s IS NULL OR (length(%s) = 3 AND %s GLOB "
                                "'[A-Z][A-Z][A-Z]'))", c, c, c);
      break;
    case QUORUM_COLUMN_INT:
      g_string_append_printf (sql, "INTEGER NOT NULL DEFAULT %s CHECK (%s >= 0)",
                              column->default_value, c);
      break;
    case QUORUM_COLUMN_REAL:
      g_string_append_printf (sql, "REAL NOT NULL DEFAULT %s", column->default_value);
      break;
    case QUORUM_COLUMN_BOOL:
      g_string_append_printf (sql, "INTEGER NOT NULL DEFAULT %s CHECK (%s IN (0, 1))",
                              column->default_value, c);
      break;
    case QUORUM_COLUMN_DATE:
      g_string_append_printf (sql, "TEXT CHECK (%s IS NULL OR (length(%s) = 10 AND "
                              "date(%s) IS %s))", c, c, c, c);
      break;
    case QUORUM_COLUMN_DATETIME:
      g_string_append_printf (sql, "TEXT%s CHECK (%s IS NULL OR datetime(%s) IS NOT NULL)",
                              required ? " NOT NULL" : "", c, c);
      break;
    case QUORUM_COLUMN_ENUM:
      g_string_append_printf (sql, "TEXT NOT NULL DEFAULT %s CHECK (%s IN (",
                              column->default_value, c);
      for (guint i = 0; column->choices[i] != NULL; i++)
        g_string_append_printf (sql, "%s'%s'", i ? ", " : "", column->choices[i]);
      g_string_append (sql, "))");
      break;
    case QUORUM_COLUMN_REF:
      g_string_append_printf (sql, "INTEGER%s REFERENCES %s (id) ON DELETE %s",
                              required ? " NOT NULL" : "",
                              quorum_schema_table (column->ref_table)->name,
                              (column->flags & QUORUM_COLUMN_CASCADE) ? "CASCADE" :
                              required ? "RESTRICT" : "SET NULL");
      break;
    case QUORUM_COLUMN_BLOB:
    default:
      g_string_append (sql, "BLOB");
      break;
    }
}

/* The value an audit row shows for a column: blobs by their size only. */
static char *
audit_expression (const QuorumColumn *column,
                  const char         *row)
{
  if (column->type == QUORUM_COLUMN_BLOB)
    return g_strdup_printf ("CASE WHEN %s.%s IS NULL THEN NULL ELSE length(%s.%s) || ' bytes' "
                            "END", row, column->name, row, column->name);
  return g_strdup_printf ("%s.%s", row, column->name);
}

/* Used inside printf formats, hence the doubled percent signs. */
#define NOW_SQL "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now')"
#define FROZEN_SQL "('approved', 'signed')"

/* One audit trigger: a single INSERT whose rows come from a list of (field, old value, new
 * value, whether to log it), one per column in the columns' order.  One statement per trigger
 * rather than one per column keeps the schema small, and SQLite parses the whole schema each
 * time a file is opened.  (The first row names the list's columns: SQLite 3.40 cannot name
 * the columns of a VALUES list inside a trigger.) */
static void
append_audit_trigger (GString           *sql,
                      const QuorumTable *table,
                      const char        *operation)
{
  const char *t = table->name;
  gboolean insert = g_str_equal (operation, "insert");
  gboolean update = g_str_equal (operation, "update");
  const char *row = insert || update ? "NEW" : "OLD";

  g_assert (table->n_columns > 0);
  g_string_append_printf (sql, "CREATE TRIGGER %s_audit_%s AFTER %s ON %s BEGIN\n"
                          "  INSERT INTO audit_log (at, operation, table_name, record_id, field, "
                          "old_value, new_value)\n"
                          "  SELECT " NOW_SQL ", '%s', '%s', %s.id, field, old, new FROM (\n",
                          t, operation, insert ? "INSERT" : update ? "UPDATE" : "DELETE", t,
                          operation, t, row);
  /* The uid is logged when a row is made or removed, whatever else it holds */
  if (update)
    g_string_append (sql, "    SELECT NULL AS field, NULL AS old, NULL AS new, 0 AS logged "
                     "UNION ALL VALUES\n");
  else
    g_string_append_printf (sql, "    SELECT 'uid' AS field, %s AS old, %s AS new, 1 AS logged "
                            "UNION ALL VALUES\n", insert ? "NULL" : "OLD.uid",
                            insert ? "NEW.uid" : "NULL");
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *c = table->columns[i].name;
      g_autofree char *old_value = audit_expression (&table->columns[i], "OLD");
      g_autofree char *new_value = audit_expression (&table->columns[i], "NEW");

      /* Set on insert, changed on update (a blob by its bytes, not its logged size), cleared
       * on delete */
      if (insert)
        g_string_append_printf (sql, "    ('%s', NULL, %s, NEW.%s IS NOT NULL)", c, new_value, c);
      else if (update)
        g_string_append_printf (sql, "    ('%s', %s, %s, OLD.%s IS NOT NEW.%s)", c, old_value,
                                new_value, c, c);
      else
        g_string_append_printf (sql, "    ('%s', %s, NULL, OLD.%s IS NOT NULL)", c, old_value, c);
      g_string_append (sql, i + 1 < table->n_columns ? ",\n" : "\n");
    }
  g_string_append (sql, "  ) WHERE logged;\nEND;\n");
}

static void
append_table_triggers (GString           *sql,
                       const QuorumTable *table)
{
  const char *t = table->name;

  /* Audit: one row per column set on insert, changed on update, cleared on delete. */
  append_audit_trigger (sql, table, "insert");
  append_audit_trigger (sql, table, "update");
  append_audit_trigger (sql, table, "delete");

  /* Freeze: an approved or signed meeting, and all under it, is read-only. */
  if (table->id == QUORUM_TABLE_MEETINGS)
    {
      g_string_append_printf (sql, "CREATE TRIGGER meetings_frozen_update BEFORE UPDATE ON "
                              "meetings WHEN OLD.status IN " FROZEN_SQL " AND NOT ("
                              "NEW.status = 'signed' AND OLD.id IS NEW.id AND "
                              "OLD.uid IS NEW.uid");
      for (guint i = 0; i < table->n_columns; i++)
        if (strcmp (table->columns[i].name, "status") != 0)
          g_string_append_printf (sql, " AND OLD.%s IS NEW.%s",
                                  table->columns[i].name, table->columns[i].name);
      g_string_append (sql, ") BEGIN SELECT RAISE(ABORT, '" FROZEN_MARK "'); END;\n");
      g_string_append (sql, "CREATE TRIGGER meetings_frozen_delete BEFORE DELETE ON meetings "
                       "WHEN OLD.status IN " FROZEN_SQL " BEGIN SELECT RAISE(ABORT, '"
                       FROZEN_MARK "'); END;\n");
    }
  else if (table->parent_column >= 0)
    {
      const char *p = table->columns[table->parent_column].name;
      /* Signing adds documents and signatures to a frozen meeting; nothing else may. */
      if (table->id != QUORUM_TABLE_SIGNED_DOCUMENTS && table->id != QUORUM_TABLE_SIGNATURES)
        g_string_append_printf (sql, "CREATE TRIGGER %s_frozen_insert BEFORE INSERT ON %s WHEN "
                                "(SELECT status FROM meetings WHERE id = NEW.%s) IN " FROZEN_SQL
                                " BEGIN SELECT RAISE(ABORT, '" FROZEN_MARK "'); END;\n", t, t, p);
      g_string_append_printf (sql, "CREATE TRIGGER %s_frozen_update BEFORE UPDATE ON %s WHEN "
                              "(SELECT status FROM meetings WHERE id = OLD.%s) IN " FROZEN_SQL
                              " OR (SELECT status FROM meetings WHERE id = NEW.%s) IN " FROZEN_SQL
                              " BEGIN SELECT RAISE(ABORT, '" FROZEN_MARK "'); END;\n", t, t, p, p);
      g_string_append_printf (sql, "CREATE TRIGGER %s_frozen_delete BEFORE DELETE ON %s WHEN "
                              "(SELECT status FROM meetings WHERE id = OLD.%s) IN " FROZEN_SQL
                              " BEGIN SELECT RAISE(ABORT, '" FROZEN_MARK "'); END;\n", t, t, p);
    }
}

/* Every trigger: the audit log's own, then each table's audit and freeze triggers */
static void
append_triggers (GString *sql)
{
  g_string_append (sql, "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                   "SELECT RAISE(ABORT, '" AUDIT_MARK "'); END;\n"
                   "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
                   "SELECT RAISE(ABORT, '" AUDIT_MARK "'); END;\n");
  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    append_table_triggers (sql, quorum_schema_table (t));
}

/* The whole current schema.  A new file gets this and the newest
 * user_version at once; older files are brought forward by the steps in
 * `migrations`.  Triggers are derived from the schema description, so every
 * migration drops and re-creates them (see src/DESIGN.md). */
static char *
current_schema_sql (void)
{
  GString *sql = g_string_new (NULL);

  g_string_append (sql,
                   "CREATE TABLE audit_log (\n"
                   "  id INTEGER PRIMARY KEY,\n"
                   "  at TEXT NOT NULL,\n"
                   "  operation TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),\n"
                   "  table_name TEXT NOT NULL,\n"
                   "  record_id INTEGER NOT NULL,\n"
                   "  field TEXT,\n"
                   "  old_value,\n"
                   "  new_value\n"
                   ");\n"
                   "CREATE INDEX audit_log_record ON audit_log (table_name, record_id);\n");

  for (guint t = 0; t < QUORUM_N_TABLES; t++)
    {
      const QuorumTable *table = quorum_schema_table (t);

      /* AUTOINCREMENT: an id is never given to a second row, so a record object
       * that outlives its row can never be mistaken for a newer one. */
      g_string_append_printf (sql, "CREATE TABLE %s (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                              "  uid TEXT NOT NULL UNIQUE CHECK (length(uid) > 0)", table->name);
      for (guint i = 0; i < table->n_columns; i++)
        {
          g_string_append (sql, ",\n");
          append_column_definition (sql, &table->columns[i]);
        }
      if (table->unique != NULL)
        g_string_append_printf (sql, ",\n  UNIQUE (%s)", table->unique);
      g_string_append (sql, "\n) STRICT;\n");

      for (guint i = 0; i < table->n_columns; i++)
        if (table->columns[i].type == QUORUM_COLUMN_REF)
          g_string_append_printf (sql, "CREATE INDEX %s_%s ON %s (%s);\n", table->name,
                                  table->columns[i].name, table->name, table->columns[i].name);

      /* A meeting's rows in their order, and the next position or number, without reading every
       * row of the meeting (10,000 agenda items would otherwise take seconds to add). Tables
       * whose UNIQUE starts with the meeting have this index already. */
      if (table->parent_column >= 0 && table->unique == NULL &&
          !g_str_equal (table->order_by, "id"))
        g_string_append_printf (sql, "CREATE INDEX %s_ordered ON %s (%s, %s);\n", table->name,
                                table->name, table->columns[table->parent_column].name,
                                table->order_by);
    }

  append_triggers (sql);
  return g_string_free (sql, FALSE);
}

/* Steps from one released schema version to the next: migrations[v - 1]
 * brings version v to v + 1 (NULL when only the triggers changed).  A file at
 * version 0 is new and gets current_schema_sql().  After the steps, every
 * trigger is dropped and made again from the schema description.
 *   1 → 2: the audit triggers log a row's columns in one statement each. */
static const char * const migrations[] = { NULL };
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == QUORUM_SCHEMA_VERSION - 1);

/* Drops every trigger of the file and makes the current ones */
static gboolean
remake_triggers (QuorumStore  *self,
                 GError      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        char *drop = sqlite3_mprintf ("DROP TRIGGER \"%w\";\n", sqlite3_column_text (stmt, 0));
        g_string_append (sql, drop);
        sqlite3_free (drop);
      }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_error (self, rc, OPERATION_READ, error);
  append_triggers (sql);
  return exec (self, sql->str, error);
}

static gboolean
migrate (QuorumStore  *self,
         gint64        version,
         GError      **error)
{
  g_autofree char *pragma = NULL;

  if (version == QUORUM_SCHEMA_VERSION)
    return TRUE;

  if (!quorum_store_begin (self, error))
    return FALSE;

  if (version == 0)
    {
      g_autofree char *sql = current_schema_sql ();
      if (!exec (self, sql, error))
        goto fail;
    }
  else
    {
      for (gint64 v = version; v < QUORUM_SCHEMA_VERSION; v++)
        if (migrations[v - 1] != NULL && !exec (self, migrations[v - 1], error))
          goto fail;
      if (!remake_triggers (self, error))
        goto fail;
    }

  pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                            QUORUM_APPLICATION_ID, QUORUM_SCHEMA_VERSION);
  if (!exec (self, pragma, error))
    goto fail;

  return quorum_store_commit (self, error);

fail:
  quorum_store_rollback (self);
  return FALSE;
}

/* ---- opening ------------------------------------------------------------- */

/* The error code for a file operation that failed with `saved` (an errno). */
static QuorumStoreError
code_for_errno (int saved)
{
  if (saved == EROFS || saved == EACCES || saved == EPERM)
    return QUORUM_STORE_ERROR_READ_ONLY;
  if (saved == ENOSPC || saved == EDQUOT)
    return QUORUM_STORE_ERROR_FULL;
  return QUORUM_STORE_ERROR_IO;
}

static gboolean
create_new_file (const char  *path,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_filename_display_name (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, QUORUM_STORE_ERROR, code_for_errno (saved),
                   _("Cannot create the folder for “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, QUORUM_STORE_ERROR, code_for_errno (saved),
                   _("Cannot create the database “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
check_existing_file (const char  *path,
                     gboolean     create,
                     GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      if (saved == ENOENT && create)
        return create_new_file (path, error);
      g_set_error (error, QUORUM_STORE_ERROR,
                   saved == ENOENT ? QUORUM_STORE_ERROR_NOT_FOUND : QUORUM_STORE_ERROR_IO,
                   _("Cannot open the database “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a file, so it cannot be a Quorum database."), name);
      return FALSE;
    }

  if (g_access (path, R_OK | W_OK) != 0)
    {
      int saved = errno;
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written to (%s). Quorum saves every change "
                     "at once, so it needs a file it may write."), name, g_strerror (saved));
      return FALSE;
    }

  /* The write-ahead log lives beside the file. */
  if (g_access (dir, W_OK | X_OK) != 0)
    {
      int saved = errno;
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_READ_ONLY,
                   _("The folder of the database “%s” cannot be written to (%s). Quorum keeps "
                     "its journal beside the file, so the folder must be writable."),
                   name, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/* Reads the file's header and schema without writing anything, so a file
 * that is refused is left exactly as it was. */
/* PRAGMA quick_check: TRUE when it ran, with `problem` set to its first complaint, if any. */
static gboolean
quick_check (sqlite3  *db,
             char    **problem,
             int      *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0 && *problem == NULL)
        *problem = g_strdup (line);
    }
  sqlite3_finalize (stmt);
  *out_rc = rc;
  return rc == SQLITE_DONE || rc == SQLITE_OK;
}

static gboolean
set_damaged_error (QuorumStore  *self,
                   const char   *problem,
                   GError      **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_CORRUPT,
               _("The database “%s” is damaged (%s). Restore it from a backup; Quorum "
                 "has not changed it."), name, problem);
  return FALSE;
}

/* On its own thread and its own read-only connection: returns the problem found, or NULL */
static gpointer
background_check (gpointer data)
{
  CheckJob *job = data;
  sqlite3 *db = NULL;
  char *problem = NULL;
  int rc = sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, DEFAULT_BUSY_TIMEOUT_MS);
      if (!quick_check (db, &problem, &rc))
        {
          g_free (problem);
          problem = g_strdup (sqlite3_errstr (rc));
        }
    }
  else
    problem = g_strdup (sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  g_atomic_int_set (&job->over, 1);
  return problem;
}

gboolean
quorum_store_check_is_over (QuorumStore *self)
{
  g_return_val_if_fail (QUORUM_IS_STORE (self), TRUE);
  return self->check_thread == NULL || g_atomic_int_get (&self->check_job->over);
}

gboolean
quorum_store_finish_check (QuorumStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (QUORUM_IS_STORE (self), FALSE);

  if (self->check_thread != NULL)
    self->check_problem = g_thread_join (g_steal_pointer (&self->check_thread));
  if (self->check_problem != NULL)
    return set_damaged_error (self, self->check_problem, error);
  return TRUE;
}

static gboolean
check_contents (QuorumStore  *self,
                gboolean      defer_quick_check,
                gint64       *out_version,
                GError      **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  gint64 application_id = 0;
  gint64 version = 0;
  gint64 objects = 0;
  int rc;

  if (!query_int (self, "SELECT count(*) FROM sqlite_schema", &objects, error) ||
      !query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error))
    return FALSE;

  if (application_id != QUORUM_APPLICATION_ID && (objects > 0 || version > 0 ||
                                                  application_id != 0))
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_QUORUM,
                   _("“%s” is a database of another program, not a Quorum database. Quorum "
                     "has not changed it."), name);
      return FALSE;
    }

  if (version > QUORUM_SCHEMA_VERSION)
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Quorum (database version %d; "
                     "this version reads up to %d). Update Quorum to open it."),
                   name, (int) MIN (version, G_MAXINT), QUORUM_SCHEMA_VERSION);
      return FALSE;
    }

  if (!defer_quick_check || version < QUORUM_SCHEMA_VERSION || objects == 0)
    {
      g_autofree char *problem = NULL;

      if (!quick_check (self->db, &problem, &rc))
        return set_error (self, rc, OPERATION_READ, error);
      if (problem != NULL)
        return set_damaged_error (self, problem, error);
    }
  else
    {
      self->check_job = g_new0 (CheckJob, 1);
      self->check_job->path = g_strdup (self->path);
      self->check_thread = g_thread_new ("quorum-check", background_check, self->check_job);
    }

  *out_version = version;
  return TRUE;
}

QuorumStore *
quorum_store_open (const char            *path,
                   QuorumStoreOpenFlags   flags,
                   GError               **error)
{
  g_autoptr(QuorumStore) self = NULL;
  g_autofree char *journal = NULL;
  gint64 version = 0;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_existing_file (path, (flags & QUORUM_STORE_OPEN_CREATE) != 0, error))
    return NULL;

  self = g_object_new (QUORUM_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, OPERATION_READ, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);

  if (!check_contents (self, (flags & QUORUM_STORE_OPEN_CHECK_LATER) != 0, &version, error))
    return NULL;

  /* Only now may anything be written. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    journal = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error (self, rc, OPERATION_WRITE, error);
      return NULL;
    }
  if (g_strcmp0 (journal, "wal") != 0)
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_LOCKED,
                   _("The database is in use by another program that keeps it in a mode "
                     "Quorum cannot share (%s). Close the other program and try again."),
                   journal);
      return NULL;
    }

  /* Each commit is on the disk when it returns: it survives Quorum crashing and a power cut. */
  if (!exec (self, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  {
    struct stat st;
    if (g_stat (path, &st) == 0)
      {
        self->device = st.st_dev;
        self->inode = st.st_ino;
      }
  }
  return g_steal_pointer (&self);
}

/* SQLite keeps writing into a file that was deleted or replaced under it,
 * and what it writes then is lost when it closes: check before writing. */
static gboolean
check_still_there (QuorumStore  *self,
                   GError      **error)
{
  struct stat st;
  g_autofree char *name = NULL;

  /* Nothing is written into a file before its integrity check has passed */
  if (!quorum_store_finish_check (self, error))
    return FALSE;

  if (g_stat (self->path, &st) == 0 && st.st_dev == self->device && st.st_ino == self->inode)
    return TRUE;
  name = g_filename_display_basename (self->path);
  g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_GONE,
               _("The database “%s” was deleted or replaced by another program while Quorum "
                 "had it open. This change was not saved. Quorum still holds everything that "
                 "was saved before: save a copy of it before closing."), name);
  return FALSE;
}

gboolean
quorum_store_save_copy (QuorumStore  *self,
                        const char   *path,
                        GError      **error)
{
  sqlite3_stmt *stmt;
  int rc, fd;

  g_return_val_if_fail (QUORUM_IS_STORE (self), FALSE);

  /* Made empty and private first (VACUUM INTO takes an empty file), so the copy is never
   * readable by others, and never replaces a file. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);
      if (saved == EEXIST)
        g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_DUPLICATE,
                     _("“%s” exists already; choose another name for the copy."), name);
      else
        g_set_error (error, QUORUM_STORE_ERROR, code_for_errno (saved),
                     _("The copy cannot be saved as “%s”: %s."), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      g_unlink (path);
      return set_error (self, rc, OPERATION_WRITE, error);
    }
  return TRUE;
}

const char *
quorum_store_get_path (QuorumStore *self)
{
  g_return_val_if_fail (QUORUM_IS_STORE (self), NULL);
  return self->path;
}

void
quorum_store_set_busy_timeout (QuorumStore *self,
                               int          milliseconds)
{
  g_return_if_fail (QUORUM_IS_STORE (self));
  sqlite3_busy_timeout (self->db, milliseconds);
}

int
quorum_store_get_schema_version (QuorumStore *self)
{
  gint64 version = -1;
  g_return_val_if_fail (QUORUM_IS_STORE (self), -1);
  if (!query_int (self, "PRAGMA user_version", &version, NULL))
    return -1;
  return (int) version;
}

/* ---- transactions -------------------------------------------------------- */

gboolean
quorum_store_begin (QuorumStore  *self,
                    GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (QUORUM_IS_STORE (self), FALSE);

  if (self->transaction_depth == 0 && self->inode != 0 && !check_still_there (self, error))
    return FALSE;
  if (self->transaction_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT quorum_%u", self->transaction_depth);
  if (!exec (self, sql, error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

gboolean
quorum_store_commit (QuorumStore  *self,
                     GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (QUORUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE quorum_%u", self->transaction_depth - 1);
  if (!exec (self, sql, error))
    {
      /* A failed COMMIT may have ended the transaction already. */
      if (sqlite3_get_autocommit (self->db))
        self->transaction_depth = 0;
      return FALSE;
    }
  self->transaction_depth--;
  return TRUE;
}

/* Safe to call after a failed commit, which may have ended the transaction. */
void
quorum_store_rollback (QuorumStore *self)
{
  g_return_if_fail (QUORUM_IS_STORE (self));
  if (self->transaction_depth == 0)
    return;

  if (sqlite3_get_autocommit (self->db))
    {
      /* SQLite already rolled the whole transaction back (disk full, I/O error). */
      self->transaction_depth = 0;
      return;
    }
  if (self->transaction_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO quorum_%u; RELEASE quorum_%u",
                                              self->transaction_depth - 1,
                                              self->transaction_depth - 1);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  self->transaction_depth--;
}

/* ---- values -------------------------------------------------------------- */

static gboolean
parse_date (const char *text)
{
  unsigned year, month, day;
  char rest;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &rest) != 3)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

gboolean
quorum_store_validate_value (const QuorumTable  *table,
                             guint               column,
                             const GValue       *value,
                             GError            **error)
{
  const QuorumColumn *c = &table->columns[column];
  const char *label = g_dgettext (GETTEXT_PACKAGE, c->label);
  gboolean required = (c->flags & QUORUM_COLUMN_REQUIRED) != 0;

  if (!G_VALUE_HOLDS (value, quorum_column_gtype (c)))
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                   _("“%s” got a value of the wrong kind."), label);
      return FALSE;
    }

  switch (c->type)
    {
    case QUORUM_COLUMN_TEXT:
    case QUORUM_COLUMN_DATE:
    case QUORUM_COLUMN_DATETIME:
    case QUORUM_COLUMN_ENUM:
      {
        const char *text = g_value_get_string (value);
        if (text == NULL || *text == '\0')
          {
            if (required || c->type == QUORUM_COLUMN_ENUM)
              {
                g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                             _("“%s” must not be empty."), label);
                return FALSE;
              }
            return TRUE;
          }
        if (!g_utf8_validate (text, -1, NULL))
          {
            g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                         _("“%s” contains bytes that are not valid UTF-8 text."), label);
            return FALSE;
          }
        if (c->type == QUORUM_COLUMN_TEXT && required)
          {
            g_autofree char *stripped = g_strstrip (g_strdup (text));
            if (*stripped == '\0')
              {
                g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                             _("“%s” must not be empty."), label);
                return FALSE;
              }
          }
        if ((c->flags & QUORUM_COLUMN_CURRENCY) &&
            !(strlen (text) == 3 && g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) &&
              g_ascii_isupper (text[2])))
          {
            g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                         _("“%s” must be a three-letter ISO 4217 currency code such as EUR, "
                           "not “%s”."), label, text);
            return FALSE;
          }
        if (c->type == QUORUM_COLUMN_DATE && !parse_date (text))
          {
            g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                         _("“%s” must be a date written as YYYY-MM-DD, not “%s”."),
                         label, text);
            return FALSE;
          }
        if (c->type == QUORUM_COLUMN_DATETIME)
          {
            g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);
            if (dt == NULL || strchr (text, 'T') == NULL)
              {
                g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                             _("“%s” must be a date and time with its UTC offset, such as "
                               "2026-03-12T10:00:00+01:00, not “%s”."), label, text);
                return FALSE;
              }
          }
        if (c->type == QUORUM_COLUMN_ENUM && !quorum_column_allows (c, text))
          {
            g_autofree char *allowed = g_strjoinv (", ", (char **) c->choices);
            g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                         _("“%s” cannot be “%s”; it must be one of: %s."), label, text, allowed);
            return FALSE;
          }
      }
      return TRUE;

    case QUORUM_COLUMN_INT:
      if (g_value_get_int64 (value) < 0)
        {
          g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                       _("“%s” must not be negative."), label);
          return FALSE;
        }
      return TRUE;

    case QUORUM_COLUMN_REF:
      if (g_value_get_int64 (value) < 0 || (required && g_value_get_int64 (value) == 0))
        {
          g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                       _("“%s” must be chosen."), label);
          return FALSE;
        }
      return TRUE;

    case QUORUM_COLUMN_REAL:
      if (!isfinite (g_value_get_double (value)))
        {
          g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_INVALID,
                       _("“%s” must be a number."), label);
          return FALSE;
        }
      return TRUE;

    case QUORUM_COLUMN_BOOL:
    case QUORUM_COLUMN_BLOB:
    default:
      return TRUE;
    }
}

static int
bind_value (sqlite3_stmt       *stmt,
            int                 index,
            const QuorumColumn *column,
            const GValue       *value)
{
  switch (column->type)
    {
    case QUORUM_COLUMN_INT:
      return sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
    case QUORUM_COLUMN_REF:
      if (g_value_get_int64 (value) == 0)
        return sqlite3_bind_null (stmt, index);
      return sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
    case QUORUM_COLUMN_REAL:
      return sqlite3_bind_double (stmt, index, g_value_get_double (value));
    case QUORUM_COLUMN_BOOL:
      return sqlite3_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
    case QUORUM_COLUMN_BLOB:
      {
        GBytes *bytes = g_value_get_boxed (value);
        gsize size;
        gconstpointer data;
        if (bytes == NULL)
          return sqlite3_bind_null (stmt, index);
        data = g_bytes_get_data (bytes, &size);
        return sqlite3_bind_blob64 (stmt, index, size ? data : "", size, SQLITE_TRANSIENT);
      }
    case QUORUM_COLUMN_TEXT:
    case QUORUM_COLUMN_DATE:
    case QUORUM_COLUMN_DATETIME:
    case QUORUM_COLUMN_ENUM:
    default:
      {
        const char *text = g_value_get_string (value);
        if (text == NULL || (*text == '\0' && column->type != QUORUM_COLUMN_TEXT))
          return sqlite3_bind_null (stmt, index);
        return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
      }
    }
}

static void
read_value (sqlite3_stmt       *stmt,
            int                 index,
            const QuorumColumn *column,
            GValue             *value)
{
  g_value_init (value, quorum_column_gtype (column));
  switch (column->type)
    {
    case QUORUM_COLUMN_INT:
    case QUORUM_COLUMN_REF:
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, index));
      break;
    case QUORUM_COLUMN_REAL:
      g_value_set_double (value, sqlite3_column_double (stmt, index));
      break;
    case QUORUM_COLUMN_BOOL:
      g_value_set_boolean (value, sqlite3_column_int (stmt, index) != 0);
      break;
    case QUORUM_COLUMN_BLOB:
      if (sqlite3_column_type (stmt, index) != SQLITE_NULL)
        {
          const void *data = sqlite3_column_blob (stmt, index);
          int size = sqlite3_column_bytes (stmt, index);
          g_value_take_boxed (value, g_bytes_new (data, size));
        }
      break;
    case QUORUM_COLUMN_TEXT:
    case QUORUM_COLUMN_DATE:
    case QUORUM_COLUMN_DATETIME:
    case QUORUM_COLUMN_ENUM:
    default:
      g_value_set_string (value, (const char *) sqlite3_column_text (stmt, index));
      break;
    }
}

/* ---- rows ---------------------------------------------------------------- */

static int
step_write (QuorumStore  *self,
            sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Before a write outside a transaction (a transaction checked at its start). */
static gboolean
ready_to_write (QuorumStore  *self,
                GError      **error)
{
  return self->transaction_depth > 0 || self->inode == 0 || check_still_there (self, error);
}

static gboolean
set_gone_error (const QuorumTable  *table,
                GError            **error)
{
  g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_FOUND,
               _("This %s no longer exists; it may have been deleted elsewhere."),
               g_dgettext (GETTEXT_PACKAGE, table->label));
  return FALSE;
}

/* Runs a statement that changes exactly one row, given the result of binding it. */
static gboolean
change_one_row (QuorumStore        *self,
                const QuorumTable  *table,
                sqlite3_stmt       *stmt,
                int                 rc,
                Operation           operation,
                GError            **error)
{
  if (rc == SQLITE_OK)
    rc = step_write (self, stmt);
  release_statement (stmt);
  if (rc != SQLITE_OK)
    return set_error (self, rc, operation, error);
  if (sqlite3_changes (self->db) != 1)
    return set_gone_error (table, error);
  return TRUE;
}

gboolean
quorum_store_insert (QuorumStore   *self,
                     QuorumTableId  table_id,
                     const char    *uid,
                     const GValue  *values,
                     gint64        *out_id,
                     GError       **error)
{
  const QuorumTable *table = quorum_schema_table (table_id);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) params = g_string_new ("?");
  g_autofree char *generated_uid = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_OK;
  int index = 2;

  g_return_val_if_fail (QUORUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  for (guint i = 0; i < table->n_columns; i++)
    if (G_VALUE_TYPE (&values[i]) != G_TYPE_INVALID &&
        !quorum_store_validate_value (table, i, &values[i], error))
      return FALSE;
  if (!ready_to_write (self, error))
    return FALSE;

  if (uid == NULL || *uid == '\0')
    uid = generated_uid = g_uuid_string_random ();

  g_string_append_printf (sql, "INSERT INTO %s (uid", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    if (G_VALUE_TYPE (&values[i]) != G_TYPE_INVALID)
      {
        g_string_append_printf (sql, ", %s", table->columns[i].name);
        g_string_append (params, ", ?");
      }
  g_string_append_printf (sql, ") VALUES (%s)", params->str);

  if (!(stmt = get_statement (self, sql->str, error)))
    return FALSE;

  rc = sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < table->n_columns && rc == SQLITE_OK; i++)
    if (G_VALUE_TYPE (&values[i]) != G_TYPE_INVALID)
      rc = bind_value (stmt, index++, &table->columns[i], &values[i]);
  if (rc == SQLITE_OK)
    rc = step_write (self, stmt);
  release_statement (stmt);
  if (rc != SQLITE_OK)
    return set_error (self, rc, OPERATION_WRITE, error);

  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
quorum_store_update (QuorumStore   *self,
                     QuorumTableId  table_id,
                     gint64         id,
                     guint          column,
                     const GValue  *value,
                     GError       **error)
{
  const QuorumTable *table = quorum_schema_table (table_id);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (QUORUM_IS_STORE (self), FALSE);
  g_return_val_if_fail (column < table->n_columns, FALSE);

  if (!quorum_store_validate_value (table, column, value, error) ||
      !ready_to_write (self, error))
    return FALSE;

  sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table->name,
                         table->columns[column].name);
  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;

  rc = bind_value (stmt, 1, &table->columns[column], value);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 2, id);
  return change_one_row (self, table, stmt, rc, OPERATION_WRITE, error);
}

gboolean
quorum_store_delete (QuorumStore   *self,
                     QuorumTableId  table_id,
                     gint64         id,
                     GError       **error)
{
  const QuorumTable *table = quorum_schema_table (table_id);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (QUORUM_IS_STORE (self), FALSE);
  if (!ready_to_write (self, error))
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table->name);
  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;
  rc = sqlite3_bind_int64 (stmt, 1, id);
  return change_one_row (self, table, stmt, rc, OPERATION_DELETE, error);
}

gboolean
quorum_store_load (QuorumStore   *self,
                   QuorumTableId  table_id,
                   gint64         id,
                   char         **out_uid,
                   GValue        *values,
                   GError       **error)
{
  const QuorumTable *table = quorum_schema_table (table_id);
  g_autoptr(GString) sql = g_string_new ("SELECT uid");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (QUORUM_IS_STORE (self), FALSE);

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", %s", table->columns[i].name);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", table->name);

  if (!(stmt = get_statement (self, sql->str, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_uid != NULL)
        *out_uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      for (guint i = 0; i < table->n_columns; i++)
        read_value (stmt, (int) i + 1, &table->columns[i], &values[i]);
    }
  release_statement (stmt);

  if (rc == SQLITE_DONE)
    return set_gone_error (table, error);
  if (rc != SQLITE_ROW)
    return set_error (self, rc, OPERATION_READ, error);
  return TRUE;
}

GArray *
quorum_store_list_ids (QuorumStore   *self,
                       QuorumTableId  table_id,
                       int            filter_column,
                       gint64         filter_value,
                       gboolean       descending,
                       GError       **error)
{
  const QuorumTable *table = quorum_schema_table (table_id);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = NULL;
  g_autofree char *order = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (QUORUM_IS_STORE (self), NULL);
  g_return_val_if_fail (filter_column < (int) table->n_columns, NULL);

  if (descending)
    {
      g_auto(GStrv) terms = g_strsplit (table->order_by, ", ", -1);
      g_autofree char *joined = g_strjoinv (" DESC, ", terms);
      order = g_strconcat (joined, " DESC", NULL);
    }
  else
    order = g_strdup (table->order_by);

  if (filter_column >= 0)
    sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? ORDER BY %s", table->name,
                           table->columns[filter_column].name, order);
  else
    sql = g_strdup_printf ("SELECT id FROM %s ORDER BY %s", table->name, order);

  if (!(stmt = get_statement (self, sql, error)))
    return NULL;
  if (filter_column >= 0)
    sqlite3_bind_int64 (stmt, 1, filter_value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, OPERATION_READ, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
quorum_store_find_uid (QuorumStore   *self,
                       QuorumTableId  table_id,
                       const char    *uid,
                       gint64        *out_id,
                       GError       **error)
{
  const QuorumTable *table = quorum_schema_table (table_id);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE uid = ?", table->name);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = sqlite3_column_int64 (stmt, 0);
  release_statement (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with the identifier “%s”."),
                   g_dgettext (GETTEXT_PACKAGE, table->label), uid);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return set_error (self, rc, OPERATION_READ, error);
  return TRUE;
}

gboolean
quorum_store_max_int (QuorumStore   *self,
                      QuorumTableId  table_id,
                      guint          column,
                      int            filter_column,
                      gint64         filter_value,
                      gint64        *out_max,
                      GError       **error)
{
  const QuorumTable *table = quorum_schema_table (table_id);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (column < table->n_columns, FALSE);

  if (filter_column >= 0)
    sql = g_strdup_printf ("SELECT coalesce(max(%s), 0) FROM %s WHERE %s = ?",
                           table->columns[column].name, table->name,
                           table->columns[filter_column].name);
  else
    sql = g_strdup_printf ("SELECT coalesce(max(%s), 0) FROM %s",
                           table->columns[column].name, table->name);
  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;
  if (filter_column >= 0)
    sqlite3_bind_int64 (stmt, 1, filter_value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_max = sqlite3_column_int64 (stmt, 0);
  release_statement (stmt);
  if (rc != SQLITE_ROW)
    return set_error (self, rc, OPERATION_READ, error);
  return TRUE;
}

GPtrArray *
quorum_store_read_audit (QuorumStore  *self,
                         gint64        after_id,
                         GError      **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 quorum_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_statement (self, "SELECT id, at, operation, table_name, record_id, field, "
                        "old_value, new_value FROM audit_log WHERE id > ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QuorumAuditEntry *entry = g_new0 (QuorumAuditEntry, 1);
      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->operation = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->table_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->record_id = sqlite3_column_int64 (stmt, 4);
      entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      entry->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (entries, entry);
    }
  release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, OPERATION_READ, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
