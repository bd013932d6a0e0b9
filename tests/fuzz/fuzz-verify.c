/* fuzz-verify.c: arbitrary bytes as a signed PDF for quorum-cli verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "quorum-signature.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(QuorumVerification) result = quorum_pdf_verify (bytes, &error);

  g_assert_true ((result != NULL) != (error != NULL));
  return 0;
}
