/* quorum-preferences-window.c: the organization, defaults for new reviews, identities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "quorum-field-row.h"
#include "quorum-file-chooser.h"
#include "quorum-evidence-loader.h"
#include "quorum-preferences-window.h"
#include "quorum-settings.h"
#include "quorum-window.h"

/* Large enough for any letterhead logo, small enough to keep the database light */
#define MAX_LOGO_BYTES (2 * 1024 * 1024)

struct _QuorumPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  QuorumDatabase *db;
  QuorumRecord *organization;
  GPtrArray *identities;        /* QuorumIdentityInfo* */
  GtkWidget *identity_list;
  gboolean updating;
  gboolean closed;              /* an identity made after this shows nothing here */

  AdwPreferencesGroup *organization_group;
  AdwActionRow *logo_row;
  GtkWidget *remove_logo_button;
  GtkWidget *logo_picture;
  GtkSwitch *chair_switch;
  GtkSpinButton *top_management_spin;
  GtkSpinButton *members_spin;
  AdwPreferencesGroup *identities_group;
  AdwComboRow *default_identity_row;
};

G_DEFINE_FINAL_TYPE (QuorumPreferencesWindow, quorum_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* A problem stays until it is read; news of what worked goes by itself */
static void
say (QuorumPreferencesWindow *self,
     const char              *message,
     gboolean                 problem)
{
  AdwToast *toast = quorum_toast_new (message);
  if (problem)
    adw_toast_set_timeout (toast, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* ---- the logo ---------------------------------------------------------------------------- */

static void
show_logo (QuorumPreferencesWindow *self)
{
  GBytes *logo = quorum_record_get_bytes (self->organization, "logo");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *size = NULL;

  if (logo != NULL)
    texture = gdk_texture_new_from_bytes (logo, NULL);
  if (texture != NULL)
    /* Translators: a picture's width and height in pixels */
    size = g_strdup_printf (_("PNG image, %d × %d pixels"), gdk_texture_get_width (texture),
                            gdk_texture_get_height (texture));
  adw_action_row_set_subtitle (self->logo_row, size != NULL ? size : _("None"));
  gtk_picture_set_paintable (GTK_PICTURE (self->logo_picture), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->logo_picture, texture != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-logo", logo != NULL);
}

gboolean
quorum_preferences_window_set_logo (QuorumPreferencesWindow *self,
                                    GFile                   *png)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = g_file_get_basename (png);
  g_autofree char *message = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gsize size;

  g_return_val_if_fail (QUORUM_IS_PREFERENCES_WINDOW (self), FALSE);

  bytes = g_file_load_bytes (png, NULL, NULL, &error);
  if (bytes == NULL)
    {
      say (self, error->message, TRUE);
      return FALSE;
    }
  size = g_bytes_get_size (bytes);
  /* What the minutes can print: a PNG that decodes, not too large */
  if (size < sizeof signature || memcmp (g_bytes_get_data (bytes, NULL), signature,
                                         sizeof signature) != 0 ||
      !(texture = gdk_texture_new_from_bytes (bytes, NULL)))
    message = g_strdup_printf (_("“%s” is not a PNG image Quorum can read."), name);
  else if (size > MAX_LOGO_BYTES)
    message = g_strdup_printf (_("“%s” is larger than 2 MB: please choose a smaller image."),
                               name);
  if (message != NULL)
    {
      say (self, message, TRUE);
      return FALSE;
    }

  g_value_init (&value, G_TYPE_BYTES);
  g_value_set_boxed (&value, bytes);
  if (!quorum_database_begin (self->db, &error) ||
      !quorum_record_set_value (self->organization, "logo", &value, &error) ||
      !quorum_record_set_string (self->organization, "logo_type", "image/png", &error) ||
      !quorum_database_commit (self->db, &error))
    {
      quorum_database_rollback (self->db);
      say (self, error->message, TRUE);
      return FALSE;
    }
  show_logo (self);
  return TRUE;
}

static void
logo_chosen_cb (GFile    *file,
                gpointer  user_data)
{
  quorum_preferences_window_set_logo (user_data, file);
}

static void
choose_logo_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  quorum_choose_open_file (GTK_WINDOW (widget), _("Choose a Logo"), _("_Choose"), filter,
                           logo_chosen_cb, g_object_ref (widget), g_object_unref);
}

static void
remove_logo_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QuorumPreferencesWindow *self = QUORUM_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BYTES);
  if (!quorum_database_begin (self->db, &error) ||
      !quorum_record_set_value (self->organization, "logo", &value, &error) ||
      !quorum_record_set_string (self->organization, "logo_type", NULL, &error) ||
      !quorum_database_commit (self->db, &error))
    {
      quorum_database_rollback (self->db);
      say (self, error->message, TRUE);
      return;
    }
  show_logo (self);
}

/* ---- identities ---------------------------------------------------------------------------- */

static char *
describe_identity (QuorumIdentityInfo *info)
{
  g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 (info->expires, NULL);
  g_autofree char *day = expires != NULL ? g_date_time_format (expires, _("%x")) : NULL;
  g_autofree char *until = NULL;

  /* Translators: when a certificate stops being valid */
  until = g_strdup_printf (_("valid until %s"), day != NULL ? day : info->expires);
  if (info->self_signed)
    /* Translators: a certificate's subject, its expiry, and that it is self-signed */
    return g_strdup_printf (_("%s · %s · self-signed"), info->subject, until);
  return g_strdup_printf ("%s · %s", info->subject, until);
}

static void
default_identity_cb (QuorumPreferencesWindow *self)
{
  GSettings *settings = quorum_settings_get ();
  guint selected = adw_combo_row_get_selected (self->default_identity_row);
  QuorumIdentityInfo *info;

  if (self->updating || settings == NULL)
    return;
  info = selected >= 1 && selected - 1 < self->identities->len
         ? g_ptr_array_index (self->identities, selected - 1) : NULL;
  g_settings_set_string (settings, "default-identity", info != NULL ? info->name : "");
}

static void
refresh_identities (QuorumPreferencesWindow *self)
{
  g_autofree char *dir = NULL;
  g_autofree char *chosen = quorum_settings_dup_default_identity ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const QuorumEvidenceCalls *evidence = quorum_evidence_load (&error);
  GtkWidget *child;
  guint selected = 0;

  g_clear_pointer (&self->identities, g_ptr_array_unref);
  if (evidence != NULL)
    {
      dir = evidence->identity_dir ();
      self->identities = evidence->identity_list (dir, &error);
    }
  if (self->identities == NULL)
    {
      self->identities = g_ptr_array_new ();
      say (self, error->message, TRUE);
    }
  while ((child = gtk_widget_get_first_child (self->identity_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->identity_list), child);

  gtk_string_list_append (names, _("The first in the list"));
  for (guint i = 0; i < self->identities->len; i++)
    {
      QuorumIdentityInfo *info = g_ptr_array_index (self->identities, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe_identity (info);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_append (GTK_LIST_BOX (self->identity_list), row);
      gtk_string_list_append (names, info->name);
      if (g_strcmp0 (info->name, chosen) == 0)
        selected = i + 1;
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->default_identity_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->default_identity_row, selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_identity_row),
                            self->identities->len > 0 && quorum_settings_get () != NULL);
}

/* While an identity is made or imported on its worker thread, another cannot be started */
static void
set_identity_busy (QuorumPreferencesWindow *self,
                   gboolean                 busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.create-identity", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.import-identity", !busy);
}

static void
identity_added_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QuorumPreferencesWindow *self = g_task_get_source_object (task);
  gboolean imported = GPOINTER_TO_INT (g_task_get_task_data (task));
  /* Loaded: it started the call */
  const QuorumEvidenceCalls *evidence = quorum_evidence_load (NULL);
  QuorumIdentityInfo *info;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  info = evidence->identity_finish (result, &error);
  if (info != NULL)
    name = g_strdup (info->name);
  g_clear_pointer (&info, evidence->identity_info_free);
  /* The window was closed meanwhile: the identity is made all the same */
  if (self->closed)
    {
      g_task_return_boolean (task, name != NULL);
      return;
    }
  set_identity_busy (self, FALSE);
  if (name == NULL)
    {
      say (self, error->message, TRUE);
      g_task_return_boolean (task, FALSE);
      return;
    }
  refresh_identities (self);
  if (imported)
    /* Translators: after importing a PKCS#12 file */
    message = g_strdup_printf (_("Identity “%s” imported"), name);
  else
    /* Translators: after creating a signing identity */
    message = g_strdup_printf (_("Identity “%s” created. Keep its passphrase safe: it cannot be "
                                 "recovered."), name);
  say (self, message, FALSE);
  g_task_return_boolean (task, TRUE);
}

static GTask *
identity_task_new (QuorumPreferencesWindow *self,
                   gboolean                 imported,
                   GAsyncReadyCallback      callback,
                   gpointer                 user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, identity_task_new);
  g_task_set_task_data (task, GINT_TO_POINTER (imported), NULL);
  return task;
}

/* The identity cannot be made or imported: says why and ends the task */
static void
identity_refused (QuorumPreferencesWindow *self,
                  GTask                   *task,
                  const char              *message)
{
  say (self, message, TRUE);
  g_task_return_boolean (task, FALSE);
  g_object_unref (task);
}

void
quorum_preferences_window_import_identity (QuorumPreferencesWindow *self,
                                           GFile                   *p12,
                                           const char              *passphrase,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;
  const QuorumEvidenceCalls *evidence;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (QUORUM_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (p12));
  task = identity_task_new (self, TRUE, callback, user_data);
  evidence = quorum_evidence_load (&error);
  path = g_file_get_path (p12);
  if (evidence == NULL || path == NULL)
    {
      identity_refused (self, task, error != NULL ? error->message
                        /* Translators: an identity file chosen somewhere Quorum cannot read */
                        : _("The file is not on a disk Quorum can read from."));
      return;
    }
  set_identity_busy (self, TRUE);
  dir = evidence->identity_dir ();
  evidence->identity_import_async (dir, path, passphrase, NULL, identity_added_cb, task);
}

void
quorum_preferences_window_create_identity (QuorumPreferencesWindow *self,
                                           const char              *name,
                                           const char              *email,
                                           const char              *passphrase,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;
  const QuorumEvidenceCalls *evidence;
  g_autofree char *dir = NULL;
  const char *organization;
  GTask *task;

  g_return_if_fail (QUORUM_IS_PREFERENCES_WINDOW (self));
  organization = quorum_record_get_string (self->organization, "name");
  task = identity_task_new (self, FALSE, callback, user_data);
  evidence = quorum_evidence_load (&error);
  if (evidence == NULL)
    {
      identity_refused (self, task, error->message);
      return;
    }
  set_identity_busy (self, TRUE);
  dir = evidence->identity_dir ();
  evidence->identity_create_async (dir, name, email != NULL && *email != '\0' ? email : NULL,
                                   organization != NULL && *organization != '\0' ? organization
                                                                                  : NULL,
                                   QUORUM_KEY_ECDSA_P256, passphrase, NULL, identity_added_cb,
                                   task);
}

gboolean
quorum_preferences_window_identity_finish (QuorumPreferencesWindow *self,
                                           GAsyncResult            *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == identity_task_new, FALSE);
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

/* The dialogs that ask for what the identity needs */

typedef struct
{
  QuorumPreferencesWindow *self;  /* owned */
  GFile *file;                    /* import: the chosen file */
  GtkWidget *name, *email, *passphrase, *repeat;
} IdentityForm;

static void
identity_form_free (gpointer data)
{
  IdentityForm *form = data;
  g_object_unref (form->self);
  g_clear_object (&form->file);
  g_free (form);
}

static GtkWidget *
form_row (GtkWidget  *list,
          GType       type,
          const char *title)
{
  GtkWidget *row = g_object_new (type, "title", title, NULL);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
check_create_form_cb (AdwMessageDialog *dialog)
{
  IdentityForm *form = g_object_get_data (G_OBJECT (dialog), "quorum-form");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name))));
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (form->passphrase));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (form->repeat));
  gboolean long_enough = g_utf8_strlen (passphrase, -1) >= 8;
  gboolean same = g_str_equal (passphrase, repeat);

  adw_message_dialog_set_response_enabled (dialog, "create",
                                           *name != '\0' && long_enough && same);
  if (*repeat != '\0' && !same)
    gtk_widget_add_css_class (form->repeat, "error");
  else
    gtk_widget_remove_css_class (form->repeat, "error");
}

static void
identity_form_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           IdentityForm     *form)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (form->passphrase));

  if (g_str_equal (response, "create"))
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name))));
      quorum_preferences_window_create_identity (form->self, name,
                                                 gtk_editable_get_text (GTK_EDITABLE (form->email)),
                                                 passphrase, NULL, NULL);
    }
  else if (g_str_equal (response, "import"))
    quorum_preferences_window_import_identity (form->self, form->file, passphrase, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (form->passphrase), "");
  if (form->repeat != NULL)
    gtk_editable_set_text (GTK_EDITABLE (form->repeat), "");
}

static AdwMessageDialog *
identity_dialog_new (QuorumPreferencesWindow *self,
                     IdentityForm            *form,
                     const char              *heading,
                     const char              *body,
                     const char              *response,
                     const char              *label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  form->self = g_object_ref (self);
  g_object_set_data_full (G_OBJECT (dialog), "quorum-form", form, identity_form_free);
  g_signal_connect (dialog, "response", G_CALLBACK (identity_form_response_cb), form);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
create_identity_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  QuorumPreferencesWindow *self = QUORUM_PREFERENCES_WINDOW (widget);
  IdentityForm *form = g_new0 (IdentityForm, 1);
  AdwMessageDialog *dialog;
  GtkWidget *list;

  dialog = identity_dialog_new (self, form, _("Create a Signing Identity"),
                                _("A new key and a self-signed certificate in your name. For "
                                  "signatures your organization recognizes, import the file it "
                                  "issued you instead."), "create", _("C_reate"));
  list = adw_message_dialog_get_extra_child (dialog);
  form->name = form_row (list, ADW_TYPE_ENTRY_ROW, _("Your Name"));
  form->email = form_row (list, ADW_TYPE_ENTRY_ROW, _("Email (optional)"));
  form->passphrase = form_row (list, ADW_TYPE_PASSWORD_ENTRY_ROW,
                               _("Passphrase (8 characters or more)"));
  form->repeat = form_row (list, ADW_TYPE_PASSWORD_ENTRY_ROW, _("Repeat the Passphrase"));
  for (GtkWidget *row = form->name; row != NULL; row = gtk_widget_get_next_sibling (row))
    g_signal_connect_swapped (row, "changed", G_CALLBACK (check_create_form_cb), dialog);
  check_create_form_cb (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
p12_chosen_cb (GFile    *file,
               gpointer  user_data)
{
  QuorumPreferencesWindow *self = user_data;
  IdentityForm *form = g_new0 (IdentityForm, 1);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a PKCS#12 file's name */
  body = g_strdup_printf (_("Enter the passphrase that protects “%s”. Quorum keeps a copy of "
                            "the file, still protected by it."), name);
  form->file = g_object_ref (file);
  dialog = identity_dialog_new (self, form, _("Import an Identity"), body, "import",
                                _("_Import"));
  form->passphrase = form_row (adw_message_dialog_get_extra_child (dialog),
                               ADW_TYPE_PASSWORD_ENTRY_ROW, _("Passphrase"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_identity_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PKCS#12 files"));
  gtk_file_filter_add_pattern (filter, "*.p12");
  gtk_file_filter_add_pattern (filter, "*.pfx");
  gtk_file_filter_add_mime_type (filter, "application/x-pkcs12");
  quorum_choose_open_file (GTK_WINDOW (widget), _("Import an Identity"), _("_Open"), filter,
                           p12_chosen_cb, g_object_ref (widget), g_object_unref);
}

/* ---- the window -------------------------------------------------------------------------- */

static void
quorum_preferences_window_dispose (GObject *object)
{
  QuorumPreferencesWindow *self = QUORUM_PREFERENCES_WINDOW (object);

  self->closed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->organization);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (quorum_preferences_window_parent_class)->dispose (object);
}

static void
quorum_preferences_window_finalize (GObject *object)
{
  QuorumPreferencesWindow *self = QUORUM_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->identities, g_ptr_array_unref);
  G_OBJECT_CLASS (quorum_preferences_window_parent_class)->finalize (object);
}

static void
quorum_preferences_window_class_init (QuorumPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_preferences_window_dispose;
  object_class->finalize = quorum_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quorumapp/Quorum/quorum-preferences-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, QuorumPreferencesWindow, name)
  BIND (organization_group);
  BIND (logo_row);
  BIND (remove_logo_button);
  BIND (chair_switch);
  BIND (top_management_spin);
  BIND (members_spin);
  BIND (identities_group);
  BIND (default_identity_row);
#undef BIND
  gtk_widget_class_install_action (widget_class, "prefs.choose-logo", NULL, choose_logo_activated);
  gtk_widget_class_install_action (widget_class, "prefs.remove-logo", NULL, remove_logo_activated);
  gtk_widget_class_install_action (widget_class, "prefs.create-identity", NULL,
                                   create_identity_activated);
  gtk_widget_class_install_action (widget_class, "prefs.import-identity", NULL,
                                   import_identity_activated);
}

static void
quorum_preferences_window_init (QuorumPreferencesWindow *self)
{
  GtkWidget *empty = gtk_label_new (_("No identities yet: create one or import yours."));

  gtk_widget_init_template (GTK_WIDGET (self));

  self->logo_picture = gtk_picture_new ();
  gtk_widget_set_size_request (self->logo_picture, 48, 32);
  gtk_picture_set_can_shrink (GTK_PICTURE (self->logo_picture), TRUE);
  gtk_widget_set_valign (self->logo_picture, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (self->logo_row, self->logo_picture);

  self->identity_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->identity_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->identity_list, "boxed-list");
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_add_css_class (empty, "list-placeholder");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->identity_list), empty);
  adw_preferences_group_add (self->identities_group, self->identity_list);
  g_signal_connect_swapped (self->default_identity_row, "notify::selected",
                            G_CALLBACK (default_identity_cb), self);
}

QuorumPreferencesWindow *
quorum_preferences_window_new (GtkWindow      *parent,
                               QuorumDatabase *db)
{
  QuorumPreferencesWindow *self = g_object_new (QUORUM_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent, NULL);
  GSettings *settings = quorum_settings_get ();
  g_autoptr(GError) error = NULL;
  GtkWidget *name_row;

  self->db = g_object_ref (db);
  self->organization = quorum_database_dup_organization (db, &error);
  if (self->organization == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->organization_group), FALSE);
      say (self, error->message, TRUE);
    }
  else
    {
      /* The name first, above the logo */
      g_object_ref (self->logo_row);
      adw_preferences_group_remove (self->organization_group, GTK_WIDGET (self->logo_row));
      name_row = quorum_field_row_new (self->organization, "name");
      adw_preferences_group_add (self->organization_group, name_row);
      adw_preferences_group_add (self->organization_group, GTK_WIDGET (self->logo_row));
      g_object_unref (self->logo_row);
      show_logo (self);
    }

  if (settings != NULL)
    {
      g_settings_bind (settings, "default-quorum-chair", self->chair_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "default-quorum-top-management",
                       gtk_spin_button_get_adjustment (self->top_management_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "default-quorum-members",
                       gtk_spin_button_get_adjustment (self->members_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->chair_switch), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->top_management_spin), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->members_spin), FALSE);
    }
  refresh_identities (self);
  return self;
}
