/* test-faults.c: a full disk, a database deleted or replaced while open, I/O errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
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
    quorum_test_delete_database (path);

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
  {
    struct stat st;
    g_assert_cmpint (g_stat (copy, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  /* Never over another file */
  g_assert_false (quorum_store_save_copy (quorum_database_get_store (db), copy, &error));
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
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

/* A VFS over the default one that fails every write and sync while `failing` is set, as a dying
 * disk or a dropped network share would: SQLite then reports SQLITE_IOERR. */
static gboolean failing;
static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;
static sqlite3_io_methods faulty_methods;

typedef struct
{
  sqlite3_file base;
  sqlite3_file *real;    /* points just after this struct */
} FaultyFile;

#define REAL(file) (((FaultyFile *) (file))->real)

static int
faulty_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
faulty_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buf, amount, offset);
}

static int
faulty_write (sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
  if (failing)
    {
      errno = EIO;
      return SQLITE_IOERR_WRITE;
    }
  return REAL (file)->pMethods->xWrite (REAL (file), buf, amount, offset);
}

static int
faulty_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return failing ? SQLITE_IOERR_TRUNCATE : REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
faulty_sync (sqlite3_file *file, int flags)
{
  return failing ? SQLITE_IOERR_FSYNC : REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
faulty_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
faulty_lock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
faulty_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
faulty_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
faulty_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
faulty_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
faulty_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
faulty_shm_map (sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), region, size, extend, out);
}

static int
faulty_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
faulty_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
faulty_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
faulty_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultyFile *faulty = (FaultyFile *) file;
  int rc;

  faulty->real = (sqlite3_file *) &faulty[1];
  rc = real_vfs->xOpen (real_vfs, name, faulty->real, flags, out_flags);
  /* The wrapper has no Fetch/Unfetch: SQLite then reads through xRead. */
  file->pMethods = faulty->real->pMethods != NULL ? &faulty_methods : NULL;
  return rc;
}

static void
install_faulty_vfs (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  faulty_vfs = *real_vfs;
  faulty_vfs.zName = "quorum-faulty";
  faulty_vfs.szOsFile = sizeof (FaultyFile) + real_vfs->szOsFile;
  faulty_vfs.xOpen = faulty_open;
  faulty_methods = (sqlite3_io_methods) {
    .iVersion = 2,
    .xClose = faulty_close,
    .xRead = faulty_read,
    .xWrite = faulty_write,
    .xTruncate = faulty_truncate,
    .xSync = faulty_sync,
    .xFileSize = faulty_file_size,
    .xLock = faulty_lock,
    .xUnlock = faulty_unlock,
    .xCheckReservedLock = faulty_check_reserved_lock,
    .xFileControl = faulty_file_control,
    .xSectorSize = faulty_sector_size,
    .xDeviceCharacteristics = faulty_device_characteristics,
    .xShmMap = faulty_shm_map,
    .xShmLock = faulty_shm_lock,
    .xShmBarrier = faulty_shm_barrier,
    .xShmUnmap = faulty_shm_unmap,
  };
  g_assert_cmpint (sqlite3_vfs_register (&faulty_vfs, 1), ==, SQLITE_OK);
}

static void
on_save_failed (QuorumRecord *record,
                const char   *property,
                GError       *error,
                gpointer      user_data)
{
  GError **heard = user_data;

  g_assert_null (*heard);
  *heard = g_error_copy (error);
}

static void
test_io_error (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) heard = NULL;
  g_autofree char *path = g_build_filename (f->dir, "quorum.db", NULL);
  g_autoptr(QuorumDatabase) db = quorum_database_open (path, TRUE, &error);
  g_autoptr(QuorumMeeting) meeting = NULL;
  g_autoptr(QuorumRecord) refused = NULL;
  g_autoptr(QuorumRecord) after = NULL;
  g_autoptr(QuorumRecord) before = NULL;

  g_assert_no_error (error);
  before = add_person (db, "Saved before the disk failed", &error);
  g_assert_no_error (error);
  meeting = quorum_meeting_create_from_template (db, "iso27001", "Q1 review",
                                                 "2026-03-12T10:00:00+01:00", &error);
  g_assert_no_error (error);

  failing = TRUE;
  refused = add_person (db, "Written while the disk failed", &error);
  g_assert_null (refused);
  g_assert_error (error, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "could not read or write"));
  g_assert_nonnull (strstr (error->message, "quorum.db"));
  g_clear_error (&error);

  /* An edit made through a property (as the window does) is reported, and the record keeps the
   * value that is really saved rather than pretend. */
  g_signal_connect (meeting, "save-failed", G_CALLBACK (on_save_failed), &heard);
  g_object_set (meeting, "location", "Board room", NULL);
  g_assert_error (heard, QUORUM_STORE_ERROR, QUORUM_STORE_ERROR_IO);
  g_assert_null (quorum_record_get_string (QUORUM_RECORD (meeting), "location"));
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_people (db)), ==, 1);

  /* The disk recovers: the same edits save, and nothing before was lost. */
  failing = FALSE;
  g_assert_true (quorum_record_set_string (QUORUM_RECORD (meeting), "location", "Board room",
                                           &error));
  g_assert_no_error (error);
  after = add_person (db, "Written after the disk recovered", &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&before));
  g_assert_finalize_object (g_steal_pointer (&after));
  g_clear_object (&meeting);
  g_assert_finalize_object (g_steal_pointer (&db));

  db = quorum_database_open (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (quorum_database_get_people (db)), ==, 2);
  meeting = g_list_model_get_item (quorum_database_get_meetings (db), 0);
  g_assert_cmpstr (quorum_record_get_string (QUORUM_RECORD (meeting), "location"), ==,
                   "Board room");
  g_assert_cmpuint (g_list_model_get_n_items (quorum_meeting_get_items (meeting,
                                                                        QUORUM_TABLE_AGENDA_ITEMS)),
                    ==, 16);
  {
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  install_faulty_vfs ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/faults/disk-full", test_disk_full);
  ADD ("/faults/deleted-while-open", test_deleted_while_open);
  ADD ("/faults/replaced-while-open", test_replaced_while_open);
  ADD ("/faults/io-error", test_io_error);
#undef ADD

  return g_test_run ();
}
