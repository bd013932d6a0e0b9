/* quorum-file-chooser.c: asking where to save, or which file to open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "quorum-file-chooser.h"

typedef struct
{
  QuorumFileChosen chosen;
  gpointer user_data;
  GDestroyNotify destroy;
} Request;

static void
request_finish (Request *request,
                GFile   *file)
{
  if (file != NULL)
    request->chosen (file, request->user_data);
  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_free (request);
}

static Request *
request_new (QuorumFileChosen chosen,
             gpointer         user_data,
             GDestroyNotify   destroy)
{
  Request *request = g_new0 (Request, 1);
  request->chosen = chosen;
  request->user_data = user_data;
  request->destroy = destroy;
  return request;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);
  request_finish (user_data, file);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);
  request_finish (user_data, file);
}

static GtkFileDialog *
dialog_new (const char    *title,
            const char    *accept_label,
            GtkFileFilter *filter)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_default_filter (dialog, filter);
  return dialog;
}
#else
static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  request_finish (user_data, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileChooserNative *
dialog_new (GtkWindow            *parent,
            GtkFileChooserAction  action,
            const char           *title,
            const char           *accept_label,
            GtkFileFilter        *filter)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, parent, action, accept_label,
                                                              _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  return dialog;
}
#endif

void
quorum_choose_save_file (GtkWindow        *parent,
                         const char       *title,
                         const char       *accept_label,
                         const char       *initial_name,
                         GtkFileFilter    *filter,
                         QuorumFileChosen  chosen,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  Request *request = request_new (chosen, user_data, destroy);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = dialog_new (title, accept_label, filter);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, parent, NULL, saved_cb, request);
#else
  GtkFileChooserNative *dialog = dialog_new (parent, GTK_FILE_CHOOSER_ACTION_SAVE, title,
                                             accept_label, filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), initial_name);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

void
quorum_choose_open_file (GtkWindow        *parent,
                         const char       *title,
                         const char       *accept_label,
                         GtkFileFilter    *filter,
                         QuorumFileChosen  chosen,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  Request *request = request_new (chosen, user_data, destroy);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = dialog_new (title, accept_label, filter);
  gtk_file_dialog_open (dialog, parent, NULL, opened_cb, request);
#else
  GtkFileChooserNative *dialog = dialog_new (parent, GTK_FILE_CHOOSER_ACTION_OPEN, title,
                                             accept_label, filter);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}
