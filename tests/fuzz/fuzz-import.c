/* fuzz-import.c: arbitrary bytes as an interchange file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is imported inside a transaction that is then rolled back,
 * so the database stays small and each input starts from the same state.
 */
#include "config.h"

#include <stdint.h>

#include "quorum-interchange.h"

static QuorumDatabase *db;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("quorum-fuzz-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "fuzz.db", NULL);

  db = quorum_database_open (path, TRUE, &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;

  if (!quorum_database_begin (db, &error))
    g_error ("%s", error->message);
  meeting = quorum_database_import_json (db, (const char *) data, (gssize) size, &error);
  if (meeting != NULL)
    {
      g_autofree char *json = quorum_meeting_export_json (meeting, NULL);
      g_assert_nonnull (json);
    }
  else
    g_assert_nonnull (error);
  g_clear_object (&meeting);
  quorum_database_rollback (db);
  return 0;
}
