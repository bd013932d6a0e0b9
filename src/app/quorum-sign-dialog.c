/* quorum-sign-dialog.c: signing approved minutes with a digital identity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "quorum-evidence-loader.h"
#include "quorum-sign-dialog.h"

struct _QuorumSignDialog
{
  AdwWindow parent_instance;

  QuorumMeeting *meeting;
  QuorumDatabase *db;        /* kept open until the signature is stored, even if the window closes */
  GFile *file;
  const QuorumEvidenceCalls *evidence;  /* NULL: it could not be loaded */
  GPtrArray *identities;     /* QuorumIdentityInfo* */
  GCancellable *cancellable;
  gboolean busy;

  GtkStack *stack;
  GtkWidget *cancel_button;
  GtkSpinner *spinner;
  AdwComboRow *identity_row;
  AdwComboRow *role_row;
  AdwPasswordEntryRow *passphrase_row;
  GtkLabel *error_label;
  GtkWidget *form_group;
};

G_DEFINE_FINAL_TYPE (QuorumSignDialog, quorum_sign_dialog, ADW_TYPE_WINDOW)

enum { SIGNED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_busy (QuorumSignDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  /* Focus leaves the form first: a focused entry made insensitive misses its focus-out */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->form_group, !busy);
  gtk_widget_set_sensitive (self->cancel_button, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.sign", !busy && self->identities->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
show_problem (QuorumSignDialog *self,
              const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static QuorumIdentityInfo *
chosen_identity (QuorumSignDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->identity_row);
  return selected < self->identities->len ? g_ptr_array_index (self->identities, selected) : NULL;
}

/* Whoever the identity names: the meeting's chair or secretary, else an approver */
static void
identity_selected_cb (QuorumSignDialog *self)
{
  QuorumIdentityInfo *info = chosen_identity (self);
  g_autofree char *name = NULL;

  if (info == NULL)
    return;
  /* The subject reads "CN=Name,O=…": the common name is the person */
  if (g_str_has_prefix (info->subject, "CN="))
    {
      const char *start = info->subject + 3;
      const char *end = strchr (start, ',');
      name = end != NULL ? g_strndup (start, end - start) : g_strdup (start);
    }
  adw_combo_row_set_selected (self->role_row,
                              self->evidence->guess_signing_role (self->meeting,
                                                                  name != NULL ? name
                                                                               : info->name));
}

static void
sign_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(QuorumSignDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = self->evidence->meeting_sign_finish (QUORUM_MEETING (source), result,
                                                               &error);

  set_busy (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  if (pdf != NULL &&
      !g_file_replace_contents (self->file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                &error))
    {
      g_autofree char *name = g_file_get_parse_name (self->file);
      g_autofree char *message = NULL;
      /* Translators: the minutes were signed (and kept in the database), but the copy could
       * not be written; the second %s says why */
      message = g_strdup_printf (_("The minutes are signed and kept in the database, but “%s” "
                                   "could not be written: %s"), name, error->message);
      show_problem (self, message);
      return;
    }
  if (pdf == NULL)
    {
      show_problem (self, error->message);
      if (g_error_matches (error, self->evidence->error_quark (),
                           QUORUM_EVIDENCE_ERROR_PASSPHRASE))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
          gtk_editable_select_region (GTK_EDITABLE (self->passphrase_row), 0, -1);
        }
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  g_signal_emit (self, signals[SIGNED], 0, self->file);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sign_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QuorumSignDialog *self = QUORUM_SIGN_DIALOG (widget);
  QuorumIdentityInfo *info = chosen_identity (self);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  QuorumSignOptions options = { 0 };

  if (info == NULL || self->busy)
    return;
  show_problem (self, NULL);
  set_busy (self, TRUE);
  options.role = self->evidence->signing_role_label (adw_combo_row_get_selected (self->role_row));
  self->evidence->meeting_sign_async (self->meeting, info->path, passphrase, &options,
                                      self->cancellable, sign_done_cb, g_object_ref (self));
}

static void
passphrase_activated_cb (QuorumSignDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign.sign", NULL);
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.preferences", NULL);
  gtk_window_destroy (GTK_WINDOW (widget));
}

static gboolean
quorum_sign_dialog_close_request (GtkWindow *window)
{
  /* Not while the signature is being made: it would be kept without the file written */
  return QUORUM_SIGN_DIALOG (window)->busy;
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

static void
quorum_sign_dialog_dispose (GObject *object)
{
  QuorumSignDialog *self = QUORUM_SIGN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), QUORUM_TYPE_SIGN_DIALOG);
  G_OBJECT_CLASS (quorum_sign_dialog_parent_class)->dispose (object);
}

static void
quorum_sign_dialog_finalize (GObject *object)
{
  QuorumSignDialog *self = QUORUM_SIGN_DIALOG (object);

  g_clear_object (&self->meeting);
  g_clear_object (&self->db);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->identities, g_ptr_array_unref);
  G_OBJECT_CLASS (quorum_sign_dialog_parent_class)->finalize (object);
}

static void
quorum_sign_dialog_class_init (QuorumSignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = quorum_sign_dialog_dispose;
  object_class->finalize = quorum_sign_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = quorum_sign_dialog_close_request;

  /**
   * QuorumSignDialog::signed:
   * @file: where the signed minutes were written
   */
  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quorumapp/Quorum/quorum-sign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QuorumSignDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignDialog, identity_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, QuorumSignDialog, form_group);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);
  gtk_widget_class_install_action (widget_class, "sign.sign", NULL, sign_activated);
  gtk_widget_class_install_action (widget_class, "sign.preferences", NULL, preferences_activated);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
quorum_sign_dialog_init (QuorumSignDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

QuorumSignDialog *
quorum_sign_dialog_new (GtkWindow     *parent,
                        QuorumMeeting *meeting,
                        GFile         *file,
                        const char    *default_identity)
{
  QuorumSignDialog *self = g_object_new (QUORUM_TYPE_SIGN_DIALOG, "transient-for", parent, NULL);
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint chosen = 0;

  self->meeting = g_object_ref (meeting);
  self->db = g_object_ref (quorum_record_get_database (QUORUM_RECORD (meeting)));
  self->file = g_object_ref (file);
  self->evidence = quorum_evidence_load (&error);
  if (self->evidence != NULL)
    {
      dir = self->evidence->identity_dir ();
      self->identities = self->evidence->identity_list (dir, &error);
    }
  if (self->identities == NULL)
    {
      self->identities = g_ptr_array_new ();
      show_problem (self, error->message);
    }
  for (guint i = 0; i < self->identities->len; i++)
    {
      QuorumIdentityInfo *info = g_ptr_array_index (self->identities, i);
      gtk_string_list_append (names, info->name);
      if (g_strcmp0 (info->name, default_identity) == 0)
        chosen = i;
    }
  adw_combo_row_set_model (self->identity_row, G_LIST_MODEL (names));
  g_signal_connect_swapped (self->identity_row, "notify::selected",
                            G_CALLBACK (identity_selected_cb), self);
  if (self->identities->len > 0)
    {
      adw_combo_row_set_selected (self->identity_row, chosen);
      identity_selected_cb (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
    }
  else if (error == NULL)
    gtk_stack_set_visible_child_name (self->stack, "no-identity");
  set_busy (self, FALSE);
  return self;
}
