/* main.c: quorum-cli, Quorum without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "quorum-cli.h"

int
main (int   argc,
      char *argv[])
{
  return quorum_cli_run (argc, argv);
}
