/* quorum-format.c: numbers and amounts as the user's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "quorum-format.h"

void
quorum_init_i18n (void)
{
  const char *dir = g_getenv ("QUORUM_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* ISO 4217 minor-unit exponents that are not 2. */
static const struct { const char code[4]; guint exponent; } exponents[] = {
  { "BHD", 3 }, { "BIF", 0 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 }, { "IQD", 3 },
  { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 }, { "KMF", 0 }, { "KRW", 0 }, { "KWD", 3 },
  { "LYD", 3 }, { "OMR", 3 }, { "PYG", 0 }, { "RWF", 0 }, { "TND", 3 }, { "UGX", 0 },
  { "UYI", 0 }, { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 },
};

guint
quorum_currency_exponent (const char *currency)
{
  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (exponents); i++)
    if (strcmp (exponents[i].code, currency) == 0)
      return exponents[i].exponent;
  return 2;
}

char *
quorum_format_amount (gint64      amount_minor,
                      const char *currency)
{
  guint exponent = quorum_currency_exponent (currency);
  gint64 scale = 1;
  gint64 major, minor;
  char whole[64];
  const char *point;
  const struct lconv *conv = localeconv ();

  for (guint i = 0; i < exponent; i++)
    scale *= 10;
  major = amount_minor / scale;
  minor = amount_minor % scale;
  if (minor < 0)
    minor = -minor;

  /* The ' flag groups thousands as LC_NUMERIC does. */
  snprintf (whole, sizeof whole, "%'" PRId64, major);
  point = conv->decimal_point != NULL && *conv->decimal_point ? conv->decimal_point : ".";

  if (exponent == 0)
    return g_strdup_printf ("%s %s", whole, currency != NULL ? currency : "");
  return g_strdup_printf ("%s%s%0*" PRId64 " %s", whole, point, (int) exponent, minor,
                          currency != NULL ? currency : "");
}

char *
quorum_format_number (double value)
{
  char buffer[64];
  /* One decimal is what KPIs are measured in; the locale picks the separators. */
  snprintf (buffer, sizeof buffer, "%'.1f", value);
  return g_strdup (buffer);
}

/* The word shown for a stored choice ("top_management" → "Top management"). */
const char *
quorum_choice_label (const char *value)
{
  static const struct { const char *value; const char *label; } labels[] = {
    { "draft", N_("Draft") }, { "held", N_("Held") }, { "approved", N_("Approved") },
    { "signed", N_("Signed") }, { "chair", N_("Chair") }, { "secretary", N_("Secretary") },
    { "top_management", N_("Top management") }, { "ciso", N_("CISO") },
    { "member", N_("Member") }, { "guest", N_("Guest") }, { "present", N_("Present") },
    { "apologies", N_("Apologies") }, { "absent", N_("Absent") },
    { "pending", N_("Not discussed") }, { "discussed", N_("Discussed") },
    { "deferred", N_("Deferred") }, { "low", N_("Low") }, { "medium", N_("Medium") },
    { "high", N_("High") }, { "critical", N_("Critical") }, { "open", N_("Open") },
    { "contained", N_("Contained") }, { "resolved", N_("Resolved") }, { "closed", N_("Closed") },
    { "budget", N_("Budget") }, { "people", N_("People") }, { "tool", N_("Tool") },
    { "other", N_("Other") }, { "proposed", N_("Proposed") }, { "rejected", N_("Rejected") },
    { "done", N_("Done") }, { "dropped", N_("Dropped") },
    { "objective", N_("Security objective") }, { "kpi", N_("KPI") },
    { "higher", N_("Higher") }, { "lower", N_("Lower") },
  };
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].value, value) == 0)
      return _(labels[i].label);
  return value != NULL ? value : "";
}
