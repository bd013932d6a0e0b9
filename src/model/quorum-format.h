/* quorum-format.h: numbers and amounts as the user's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds Quorum's translations: from
 * $QUORUM_LOCALEDIR when set (a build tree's po/ folder), else the installed ones. */
void  quorum_init_i18n         (void);

guint quorum_currency_exponent (const char *currency);
/* 1850000 EUR → "18,500.00 EUR" (separators from LC_NUMERIC). */
char *quorum_format_amount     (gint64      amount_minor,
                                const char *currency) G_GNUC_WARN_UNUSED_RESULT;
char *quorum_format_number     (double      value) G_GNUC_WARN_UNUSED_RESULT;

/* The words a person reads for a stored choice: "top_management" → "Top management";
 * a value it does not know comes back as it is. */
const char *quorum_choice_label (const char *value);

G_END_DECLS
