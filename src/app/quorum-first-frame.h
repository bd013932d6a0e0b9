/* quorum-first-frame.h: report when a window is first painted, for bench-startup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only, so that tests/bench/bare-window, the window Quorum is
 * measured against, can use it without linking any of Quorum.
 */
#pragma once

#include <gtk/gtk.h>

static inline void
quorum_first_frame_painted (GdkFrameClock *clock,
                            GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, quorum_first_frame_painted, window);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static inline void
quorum_first_frame_realized (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (quorum_first_frame_painted), window);
}

/* Once `window` has been painted for the first time, prints "first-frame T"
 * (CLOCK_MONOTONIC, microseconds) and quits its application.  Call before
 * presenting the window. */
static inline void
quorum_first_frame_watch (GtkWindow *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (quorum_first_frame_realized), NULL);
}
