/* bare-window.c: the smallest libadwaita window, for bench-startup to compare with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwApplicationWindow of Quorum's size with a header bar and an empty
 * status page; prints when it was first painted and quits, with the same
 * code as Quorum under QUORUM_BENCH_FIRST_FRAME.  Like Quorum it is a
 * single-instance application, registered on the session bus.
 */
#include "config.h"

#include <adwaita.h>

#include "quorum-first-frame.h"

static void
activate (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Bare window");
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  quorum_first_frame_watch (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.quorumapp.Quorum.BareWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
