/* bench-pdf.c: how fast the minutes of a long meeting are rendered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a meeting of about a hundred pages from ten years of demo reviews
 * (the agenda items, decisions, actions and incidents of 48 reviews, in one
 * meeting), then renders its minutes N times and prints the median, minimum
 * and maximum time and the pages per second.  Run by hand:
 *
 *   build/tests/bench/bench-pdf [--runs N]
 *
 * It then signs those minutes with an ECDSA P-256 and an RSA-3072 identity
 * and prints the signing time beyond rendering; opening the identity (the
 * PKCS#12 key derivation, deliberately slow) is timed separately.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "quorum-demo.h"
#include "quorum-minutes.h"
#include "quorum-signature.h"
#include "quorum-test-util.h"

static void
copy_strings (QuorumRecord *from,
              QuorumRecord *to,
              const char   *first,
              ...)
{
  va_list args;
  va_start (args, first);
  for (const char *column = first; column != NULL; column = va_arg (args, const char *))
    {
      g_autoptr(GError) error = NULL;
      if (!quorum_record_set_string (to, column, quorum_record_get_string (from, column), &error))
        g_error ("%s", error->message);
    }
  va_end (args);
}

/* One meeting holding the minutes of `copies` demo reviews (cycling through them). */
static QuorumMeeting *
long_meeting (QuorumDatabase *db,
              guint           copies)
{
  g_autoptr(GError) error = NULL;
  GListModel *meetings = quorum_database_get_meetings (db);
  guint n = g_list_model_get_n_items (meetings);
  QuorumMeeting *big;

  big = quorum_meeting_create (db, "Ten years of reviews in one", "2026-12-10T10:00:00+01:00",
                               &error);
  if (big == NULL || !quorum_database_begin (db, &error))
    g_error ("%s", error->message);

  for (guint copy = 0; copy < copies; copy++)
      {
        guint round = copy / (n - 1);
        g_autoptr(QuorumMeeting) m = g_list_model_get_item (meetings, copy % (n - 1));
        GListModel *items, *decisions, *actions, *incidents;

        items = quorum_meeting_get_items (m, QUORUM_TABLE_AGENDA_ITEMS);
        decisions = quorum_meeting_get_items (m, QUORUM_TABLE_DECISIONS);
        actions = quorum_meeting_get_items (m, QUORUM_TABLE_ACTION_ITEMS);
        incidents = quorum_meeting_get_items (m, QUORUM_TABLE_INCIDENTS);

        for (guint k = 0; k < g_list_model_get_n_items (items); k++)
          {
            g_autoptr(QuorumRecord) from = g_list_model_get_item (items, k);
            g_autoptr(QuorumRecord) to = quorum_meeting_add_agenda_item (big,
              quorum_record_get_string (from, "title"), quorum_record_get_string (from, "clauses"),
              quorum_record_get_int (from, "timebox_minutes"), &error);
            if (to == NULL)
              g_error ("%s", error->message);
            copy_strings (from, to, "notes", "outcome", "deferral_reason", NULL);
          }
        for (guint k = 0; k < g_list_model_get_n_items (decisions); k++)
          {
            g_autoptr(QuorumRecord) from = g_list_model_get_item (decisions, k);
            g_autoptr(QuorumRecord) to = quorum_meeting_add_decision (big, NULL,
              quorum_record_get_string (from, "text"), &error);
            if (to == NULL)
              g_error ("%s", error->message);
          }
        for (guint k = 0; k < g_list_model_get_n_items (actions); k++)
          {
            g_autoptr(QuorumRecord) from = g_list_model_get_item (actions, k);
            g_autoptr(QuorumRecord) owner = quorum_record_dup_ref (from, "owner");
            g_autoptr(QuorumRecord) to = quorum_meeting_add_action (big, NULL,
              quorum_record_get_string (from, "text"), owner,
              quorum_record_get_string (from, "due_on"), &error);
            if (to == NULL)
              g_error ("%s", error->message);
          }
        for (guint k = 0; k < g_list_model_get_n_items (incidents); k++)
          {
            g_autoptr(QuorumRecord) from = g_list_model_get_item (incidents, k);
            g_autofree char *reference = g_strdup_printf ("%s-%u",
              quorum_record_get_string (from, "reference"), round);
            g_autoptr(QuorumRecord) to = quorum_meeting_add_incident (big, reference,
              quorum_record_get_string (from, "occurred_on"),
              quorum_record_get_string (from, "severity"),
              quorum_record_get_string (from, "summary"), &error);
            if (to == NULL)
              g_error ("%s", error->message);
          }
      }
  if (!quorum_database_commit (db, &error))
    g_error ("%s", error->message);
  return big;
}

static void
bench_signing (const char    *dir,
               GBytes        *pdf,
               QuorumKeyKind  kind,
               const char    *label,
               int            runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *identities = g_build_filename (dir, "identities", NULL);
  g_autoptr(QuorumIdentityInfo) info = NULL;
  g_autoptr(GArray) open_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sign_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(QuorumSigner) signer = NULL;
  QuorumSignOptions options = { "Chair", NULL, NULL, NULL };

  info = quorum_identity_create (identities, label, NULL, NULL, kind, "benchmark passphrase",
                                 &error);
  if (info == NULL)
    g_error ("%s", error->message);
  for (int i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;
      g_clear_pointer (&signer, quorum_signer_free);
      signer = quorum_signer_open (info->path, "benchmark passphrase", &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (signer == NULL)
        g_error ("%s", error->message);
      g_array_append_val (open_times, ms);
    }
  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) signed_pdf = quorum_pdf_sign (pdf, signer, "Signature of the Chair",
                                                      &options, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      if (signed_pdf == NULL)
        g_error ("%s", error->message);
      g_array_append_val (sign_times, ms);
    }
  {
    double sign_ms = quorum_bench_percentile (sign_times, 0.5);
    printf ("  sign (%s)%*s median %.2f ms beyond rendering; opening the identity %.0f ms\n",
            label, (int) (12 - strlen (label)), "", sign_ms,
            quorum_bench_percentile (open_times, 0.5));
    printf ("figure\tPDF sign, %s (beyond rendering)\t%.2f ms\n", label, sign_ms);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("quorum-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(QuorumDatabase) db = NULL;
  g_autoptr(QuorumMeeting) big = NULL;
  g_autoptr(QuorumMinutes) minutes = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = 20;
  guint pages = 0;
  gsize size = 0;
  gint64 start;
  double collect_ms;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "How many renders to time", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the minutes PDF");

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--runs must be at least 1");
      return 2;
    }

  path = g_build_filename (dir, "bench.db", NULL);
  db = quorum_database_open (path, TRUE, &error);
  if (db == NULL || !quorum_demo_fill (db, 10, 27001, &error))
    g_error ("%s", error->message);
  big = long_meeting (db, 48);

  start = g_get_monotonic_time ();
  minutes = quorum_minutes_collect (big, &error);
  collect_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (minutes == NULL)
    g_error ("%s", error->message);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GBytes) pdf = NULL;
      double ms;
      start = g_get_monotonic_time ();
      pdf = quorum_minutes_render (minutes, &pages, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (pdf == NULL)
        g_error ("%s", error->message);
      size = g_bytes_get_size (pdf);
      g_array_append_val (times, ms);
    }
  {
    double render_median = quorum_bench_percentile (times, 0.5);
    printf ("PDF minutes benchmark (%u cores)\n", g_get_num_processors ());
    printf ("  pages            %u\n", pages);
    printf ("  file size        %.0f KiB\n", size / 1024.0);
    printf ("  collect (once)   %.1f ms\n", collect_ms);
    printf ("  render, %d runs  median %.1f ms, min %.1f ms, max %.1f ms\n", runs, render_median,
            g_array_index (times, double, 0), g_array_index (times, double, times->len - 1));
    printf ("  pages per second %.0f\n", pages / (render_median / 1000.0));
    printf ("figure\tPDF render, %u pages\t%.1f ms\n", pages, render_median);
  }

  {
    g_autoptr(GBytes) pdf = quorum_minutes_render (minutes, NULL, &error);
    if (pdf == NULL)
      g_error ("%s", error->message);
    bench_signing (dir, pdf, QUORUM_KEY_ECDSA_P256, "ECDSA P-256", runs);
    bench_signing (dir, pdf, QUORUM_KEY_RSA_3072, "RSA-3072", runs);
  }

  g_clear_pointer (&minutes, quorum_minutes_free);
  g_clear_object (&big);
  g_clear_object (&db);
  quorum_test_remove_tree (dir);
  return 0;
}
