/* quorum-settings.c: the person's preferences (GSettings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "quorum-settings.h"

GSettings *
quorum_settings_get (void)
{
  static GSettings *settings;
  static gsize looked_up;

  if (g_once_init_enter (&looked_up))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, QUORUM_SETTINGS_SCHEMA, TRUE);
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("The preferences schema %s is not installed: defaults apply",
                 QUORUM_SETTINGS_SCHEMA);
      g_once_init_leave (&looked_up, 1);
    }
  return settings;
}

gboolean
quorum_settings_apply_quorum_rule (QuorumMeeting  *meeting,
                                   GError        **error)
{
  GSettings *settings = quorum_settings_get ();
  QuorumRecord *record = QUORUM_RECORD (meeting);

  if (settings == NULL)
    return TRUE;
  return quorum_record_set_boolean (record, "quorum_chair",
                                    g_settings_get_boolean (settings, "default-quorum-chair"),
                                    error) &&
         quorum_record_set_int (record, "quorum_top_management",
                                g_settings_get_int (settings, "default-quorum-top-management"),
                                error) &&
         quorum_record_set_int (record, "quorum_members",
                                g_settings_get_int (settings, "default-quorum-members"), error);
}

char *
quorum_settings_dup_default_identity (void)
{
  GSettings *settings = quorum_settings_get ();
  g_autofree char *name = settings != NULL ? g_settings_get_string (settings, "default-identity")
                                           : NULL;
  return name != NULL && *name != '\0' ? g_steal_pointer (&name) : NULL;
}
