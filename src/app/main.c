/* main.c: quorum, the desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "quorum-application.h"
#include "quorum-format.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(QuorumApplication) app = NULL;

  quorum_init_i18n ();
  app = quorum_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
