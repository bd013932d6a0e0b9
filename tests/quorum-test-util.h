/* quorum-test-util.h: temporary folders and files for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

static inline void
quorum_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);
          g_chmod (child, 0700);
          quorum_test_remove_tree (child);
          g_object_unref (info);
        }
    }
  g_remove (path);
}

/* Deletes a database file as another program would, with its write-ahead log and index. */
static inline void
quorum_test_delete_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_unlink (wal);
  g_unlink (shm);
}

/* A fresh folder for one test, removed by quorum_test_remove_tree(). */
static inline char *
quorum_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("quorum-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline GBytes *
quorum_test_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static inline void
quorum_test_write (const char *path,
                   const void *data,
                   gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

/* Runs `argv` with XDG_DATA_HOME set to `data_home`, LANGUAGE to `language`
 * (unset when NULL) and the NAME=VALUE pairs of `extra_env` (may be NULL);
 * returns the exit status and what it printed. */
static inline int
quorum_test_spawn_full (const char * const  *argv,
                        const char          *data_home,
                        const char          *language,
                        const char * const  *extra_env,
                        char               **out,
                        char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  if (language != NULL)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (extra_env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static inline int
quorum_test_spawn (const char * const  *argv,
                   const char          *data_home,
                   const char          *language,
                   char               **out,
                   char               **err)
{
  return quorum_test_spawn_full (argv, data_home, language, NULL, out, err);
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult* `user_data` points to */
static inline void
quorum_test_keep_result (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the thread-default main loop until `*slot` holds a result, and returns it */
static inline GAsyncResult *
quorum_test_wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}
