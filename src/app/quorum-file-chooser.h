/* quorum-file-chooser.h: asking where to save, or which file to open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkFileDialog on GTK 4.10 and later, GtkFileChooserNative on 4.8: both go through the
 * file chooser portal inside the Flatpak.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the chosen file, unless the person cancelled. */
typedef void (*QuorumFileChosen) (GFile    *file,
                                  gpointer  user_data);

void quorum_choose_save_file (GtkWindow        *parent,
                              const char       *title,
                              const char       *accept_label,
                              const char       *initial_name,
                              GtkFileFilter    *filter,
                              QuorumFileChosen  chosen,
                              gpointer          user_data,
                              GDestroyNotify    destroy);
void quorum_choose_open_file (GtkWindow        *parent,
                              const char       *title,
                              const char       *accept_label,
                              GtkFileFilter    *filter,
                              QuorumFileChosen  chosen,
                              gpointer          user_data,
                              GDestroyNotify    destroy);

G_END_DECLS
