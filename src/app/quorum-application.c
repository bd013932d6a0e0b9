/* quorum-application.c: the Quorum desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "quorum-application.h"
#include "quorum-first-frame.h"
#include "quorum-window.h"

struct _QuorumApplication
{
  AdwApplication parent_instance;

  char *database_path;  /* from --database, or NULL for the default */
};

G_DEFINE_FINAL_TYPE (QuorumApplication, quorum_application, ADW_TYPE_APPLICATION)

static void
quorum_application_activate (GApplication *application)
{
  QuorumApplication *self = QUORUM_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(QuorumDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;

  if (window == NULL)
    {
      const char *path = self->database_path;
      if (path == NULL)
        path = default_path = quorum_database_default_path ();
      /* The file's integrity check runs while the window opens; nothing is saved before it passed */
      db = quorum_database_open_check_later (path, TRUE, &error);
      window = GTK_WINDOW (quorum_window_new (GTK_APPLICATION (application), db, error));
      /* For tests/bench/bench-startup: print when the window is first painted, and quit */
      if (g_getenv ("QUORUM_BENCH_FIRST_FRAME") != NULL)
        quorum_first_frame_watch (window);
    }
  gtk_window_present (window);
}

static int
quorum_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  QuorumApplication *self = QUORUM_APPLICATION (application);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      self->database_path = g_file_get_path (file);
    }
  return -1;
}

static void
quorum_application_finalize (GObject *object)
{
  QuorumApplication *self = QUORUM_APPLICATION (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (quorum_application_parent_class)->finalize (object);
}

static void
quorum_application_class_init (QuorumApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = quorum_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = quorum_application_activate;
  G_APPLICATION_CLASS (klass)->handle_local_options = quorum_application_handle_local_options;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Quorum developers", NULL };
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  adw_about_window_set_application_name (about, _("Quorum"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Quorum developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("Management reviews of an ISO/IEC 27001 information "
                                          "security management system, from agenda to signed "
                                          "minutes."));
  adw_about_window_set_website (about, "https://github.com/quorumapp/quorum");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "quit", quit_activated },
};

static void
quorum_application_init (QuorumApplication *self)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *new_accels[] = { "<Control>n", NULL };
  const char *close_accels[] = { "<Control>w", NULL };
  const GOptionEntry options[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database instead of the usual one"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-review", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}

QuorumApplication *
quorum_application_new (void)
{
  return g_object_new (QUORUM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/quorumapp/Quorum",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
