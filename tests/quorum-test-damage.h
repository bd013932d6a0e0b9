/* quorum-test-damage.h: damaging a database file on purpose, as a failing disk would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "quorum-test-util.h"

/* Flips the bits of bytes `from` to `to` (exclusive) of the root page of `table` in the
 * database at `path`, after writing its log back into it; returns the damaged file. */
static inline GBytes *
quorum_test_garble_root_page (const char *path,
                              const char *table,
                              gsize       from,
                              gsize       to)
{
  g_autoptr(GBytes) whole = NULL;
  guint8 *copy;
  gsize size;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page_size, root;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT (SELECT page_size FROM pragma_page_size), "
                                            "rootpage FROM sqlite_schema WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  root = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  whole = quorum_test_read (path);
  copy = g_memdup2 (g_bytes_get_data (whole, &size), g_bytes_get_size (whole));
  for (gsize i = from; i < to; i++)
    copy[(root - 1) * page_size + i] ^= 0x5a;
  quorum_test_write (path, copy, size);
  return g_bytes_new_take (copy, size);
}
