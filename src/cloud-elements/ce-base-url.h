/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CeEnvironment:
 * @id: the stable identifier stored in settings: "us", "eu" or "staging"
 * @base_url: the environment's API base URL
 *
 * One of the platform's public environments.
 */
typedef struct
{
  const char *id;
  const char *base_url;
} CeEnvironment;

const CeEnvironment *ce_environment_lookup  (const char  *id);

char                *ce_base_url_normalize  (const char  *text,
                                             GError     **error);
char                *ce_element_key_escape  (const char  *element_key,
                                             GError     **error);

G_END_DECLS
