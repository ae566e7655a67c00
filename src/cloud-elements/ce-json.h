/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Type-checked readers: a member that is missing or of another type is
 * reported through @error and never read as a zero. The _opt variants
 * treat a missing member or JSON null as "not there" and succeed.
 */

JsonObject *ce_json_parse_object      (GBytes      *bytes,
                                       GError     **error);
JsonObject *ce_json_parse_answer      (GBytes      *bytes,
                                       guint        status,
                                       const char  *reason_phrase,
                                       GError     **error);

gboolean    ce_json_get_string        (JsonObject  *object,
                                       const char  *member,
                                       const char **value,
                                       GError     **error);
gboolean    ce_json_get_string_opt    (JsonObject  *object,
                                       const char  *member,
                                       const char **value,
                                       GError     **error);
gboolean    ce_json_get_boolean_opt   (JsonObject  *object,
                                       const char  *member,
                                       gboolean     fallback,
                                       gboolean    *value,
                                       GError     **error);
gboolean    ce_json_get_object_opt    (JsonObject  *object,
                                       const char  *member,
                                       JsonObject **value,
                                       GError     **error);
gboolean    ce_json_get_instance_id   (JsonObject  *object,
                                       const char  *member,
                                       gint64      *value,
                                       GError     **error);

G_END_DECLS
