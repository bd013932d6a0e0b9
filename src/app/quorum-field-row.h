/* quorum-field-row.h: one editable value of a record, as a row of a boxed list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "quorum-record.h"

G_BEGIN_DECLS

/* A row that shows `column` of `record` and saves each change at once: an entry for text,
 * a text area for long text, a spin button for numbers (amounts in their currency's
 * units), a switch, a drop-down for choices and people, a calendar for dates.  It follows
 * changes made elsewhere.  A change that cannot be saved stays in the row, marked, and is
 * reported to the window; a frozen record's rows are read-only. */
GtkWidget *quorum_field_row_new      (QuorumRecord *record,
                                      const char   *column);

/* The same rows for several columns, added to `group` (an AdwPreferencesGroup or an
 * AdwExpanderRow) in the order given; the list ends with NULL. */
void       quorum_field_rows_add     (GtkWidget    *group,
                                      QuorumRecord *record,
                                      const char   *first_column,
                                      ...) G_GNUC_NULL_TERMINATED;

/* The name a person reads for a record shown in a drop-down: a person's name, an
 * agenda item's title. */
char      *quorum_record_dup_display_name (QuorumRecord *record) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
