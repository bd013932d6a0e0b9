/* quorum-evidence-loader.c: the evidence layer, loaded when first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "quorum-evidence-loader.h"

static gboolean
set_load_error (GError    **error,
                const char *detail)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Quorum cannot make or sign PDF minutes: a part of Quorum is missing or "
                 "damaged (%s). Installing Quorum again should mend this."), detail);
  return FALSE;
}

const QuorumEvidenceCalls *
quorum_evidence_load (GError **error)
{
  static const QuorumEvidenceCalls *loaded;
  const char *dir = g_getenv ("QUORUM_MODULEDIR");
  g_autofree char *path = NULL;
  g_autofree char *wrong = NULL;
  QuorumEvidenceModuleEntry entry = NULL;
  const QuorumEvidenceCalls *calls;
  GModule *module;

  if (loaded != NULL)
    return loaded;

  path = g_build_filename (dir != NULL && *dir != '\0' ? dir : MODULEDIR,
                           QUORUM_EVIDENCE_MODULE_NAME, NULL);
  /* Local: its libraries stay out of the program's symbol lookups */
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      set_load_error (error, g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (module, QUORUM_EVIDENCE_MODULE_ENTRY, (gpointer *) &entry) || entry == NULL)
    {
      set_load_error (error, g_module_error ());
      g_module_close (module);
      return NULL;
    }
  calls = entry ();
  if (calls == NULL || calls->size != sizeof (QuorumEvidenceCalls)
      || g_strcmp0 (calls->abi, QUORUM_EVIDENCE_CALLS_ABI) != 0)
    {
      wrong = g_strdup_printf ("%s is not from this version of Quorum", path);
      set_load_error (error, wrong);
      g_module_close (module);
      return NULL;
    }
  /* GTasks and identities made by the module may outlive any one use of it */
  g_module_make_resident (module);
  loaded = calls;
  return loaded;
}
