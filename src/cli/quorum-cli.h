/* quorum-cli.h: the commands of quorum-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes, documented in README.md */
typedef enum
{
  QUORUM_EXIT_OK = 0,
  QUORUM_EXIT_FAILED = 1,     /* anything not listed below */
  QUORUM_EXIT_USAGE = 2,      /* wrong command line */
  QUORUM_EXIT_DATABASE = 3,   /* database unusable: not Quorum's, damaged, newer, locked,
                                 read-only, disk full, I/O error */
  QUORUM_EXIT_NOT_FOUND = 4,  /* no such meeting or file */
  QUORUM_EXIT_INVALID = 5,    /* input refused: a bad value or interchange file */
  QUORUM_EXIT_FROZEN = 6,     /* the meeting is approved or signed */
  QUORUM_EXIT_ALTERED = 7,    /* a check found evidence changed after approval or signing */
} QuorumExitCode;

int quorum_cli_run (int    argc,
                    char **argv);

G_END_DECLS
