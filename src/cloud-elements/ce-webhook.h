/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  ce_instance_id_parse        (const char  *text,
                                       gint64      *id,
                                       GError     **error);
gboolean  ce_instance_id_parse_digits (const char  *digits,
                                       gint64      *id,
                                       GError     **error);

char     *ce_webhook_url              (const char  *base_url,
                                       const char  *element_key,
                                       gint64       id,
                                       GError     **error);

G_END_DECLS
