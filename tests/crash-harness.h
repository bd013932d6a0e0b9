/* crash-harness.h: kill a writer at random moments, then check the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by tests/test-crash.c (a short run in the suite) and
 * tests/bench/bench-crash.c (a long run that prints its figures).
 *
 * The writer is this same program started with QUORUM_CRASH_CHILD set: it
 * makes random edits through the model API and reports each on its standard
 * output, "B <edit>" before the call and "A" once the call has returned.
 * The parent reads the reports, kills the writer with SIGKILL after a
 * random delay, and checks the database: integrity, every acknowledged edit
 * present, the edit in flight either wholly there or wholly absent, and
 * nothing else changed.
 */
#pragma once

#include <glib.h>

typedef struct
{
  guint kills;
  guint edits;       /* acknowledged */
  guint in_flight;   /* edits under way when killed */
  guint applied;     /* ... of which the database holds */
  guint losses;      /* acknowledged edits missing, or unexpected changes */
} QuorumCrashReport;

/* Runs the writer when this process is one; returns TRUE if it was. */
gboolean quorum_crash_child_main    (void);

/* Kills `kills` writers in turn on a database in `dir`. */
void     quorum_crash_run           (const char        *program,
                                     const char        *dir,
                                     guint              kills,
                                     guint32            seed,
                                     QuorumCrashReport *report);
