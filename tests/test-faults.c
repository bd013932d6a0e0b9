/* test-faults.c: a full disk, a database deleted or replaced while open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "quorum-meeting.h"
#include "quorum-test-util.h"

typedef struct
{
  char *dir;
  char *mount_point;   /* a small tmpfs, when one could be mounted */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = quorum_test_make_dir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->mount_point != NULL)
    umount2 (f->mount_point, MNT_DETACH);
  quorum_test_remove_tree (f->dir);
  g_free (f->mount_point);
  g_free (f->dir);
}

static QuorumRecord *
add_person (QuorumDatabase *db,
            const char     *name,
            GError        **error)
{
  return quorum_database_add_person (db, name, NULL, NULL, error);
}

/* Fills the file system holding `dir` to the last byte. */
static void
fill (const char *dir)
{
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  int fd = g_open (filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  char block[4096] = { 0 };

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  while (write (fd, block, 1) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumDatabase) db = NULL;
  g_autoptr(QuorumRecord) before = NULL;
  g_autoptr(QuorumRecord) refused = NULL;
  g_autoptr(QuorumRecord) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *big = g_strnfill (300 * 1024, 'x');

  f->mount_point = g_build_filename (f->dir, "small-disk", NULL);
  g_mkdir (f->mount_point, 0700);
  if (mount ("tmpfs", f->mount_point, "tmpfs", 0, "size=2m,mode=0700") != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a small tmpfs here (%s); the disk-full "
                                              "test needs root", g_strerror (errno));
      g_clear_pointer (&f->mount_point, g_free);
      g_test_skip (why);
      return;
    }

  path = g_build_filename (f->mount_point, "quorum.db", NULL);
  db = quorum_database_open (path, TRUE, &error);
  g_assert_no_error (error);
  before = add_person (db, "Saved before the disk filled up", &error);
  g_assert_no_error (error);

  fill (f->mount_point);
  refused = add_person (db, big, &error);
  g_assert_null (refused);
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "is full"));
  g_clear_error (&error);

  /* Quorum goes on; what was saved is still there, and nothing half-written. */
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_people (db)), ==, 1);

  /* With room again, the same change saves. */
  filler = g_build_filename (f->mount_point, "filler", NULL);
  g_assert_cmpint (g_unlink (filler), ==, 0);
  after = add_person (db, big, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&before));
  g_assert_finalize_object (g_steal_pointer (&after));
  g_assert_finalize_object (g_steal_pointer (&db));

  db = quorum_database_open (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_people (db)), ==, 2);
}

static void
check_gone (Fixture    *f,
            gboolean    replace)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "quorum.db", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "rescued.db", NULL);
  g_autoptr(QuorumDatabase) db = quorum_database_open (path, TRUE, &error);
  g_autoptr(QuorumDatabase) rescued = NULL;
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(QuorumRecord) refused = NULL;

  g_assert_no_error (error);
  meeting = quorum_meeting_create_from_template (db, "iso27001", "Before the accident",
                                                 "2026-03-12T10:00:00+01:00", &error);
  g_assert_no_error (error);

  if (replace)
    {
      g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
      quorum_test_write (other, "another file", 12);
      g_assert_cmpint (g_rename (other, path), ==, 0);
    }
  else
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
      g_unlink (wal);
      g_unlink (shm);
    }

  /* A clear refusal instead of writing into a file no one will see again */
  g_assert_false (quorum_record_set_string (QUORUM_RECORD (meeting), "location", "Room 2",
                                            &error));
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_GONE);
  g_assert_nonnull (strstr (error->message, "deleted or replaced"));
  g_clear_error (&error);
  refused = add_person (db, "After the accident", &error);
  g_assert_null (refused);
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_GONE);
  g_clear_error (&error);

  /* Everything saved before is rescued into a new file. */
  g_assert_true (quorum_store_save_copy (quorum_database_get_store (db), copy, &error));
  g_assert_no_error (error);
  rescued = quorum_database_open (copy, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(QuorumMeeting) saved = g_list_model_get_item (quorum_database_get_meetings (rescued),
                                                            0);
    g_assert_cmpstr (quorum_meeting_get_title (saved), ==, "Before the accident");
    g_assert_cmpuint (g_list_model_get_n_items (quorum_meeting_get_items (saved,
                                                                          QUORUM_TABLE_AGENDA_ITEMS)),
                      ==, 16);
  }
}

static void
test_deleted_while_open (Fixture       *f,
                         gconstpointer  data)
{
  check_gone (f, FALSE);
}

static void
test_replaced_while_open (Fixture       *f,
                          gconstpointer  data)
{
  check_gone (f, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/faults/disk-full", test_disk_full);
  ADD ("/faults/deleted-while-open", test_deleted_while_open);
  ADD ("/faults/replaced-while-open", test_replaced_while_open);
#undef ADD

  return g_test_run ();
}
