/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CE_TYPE_INSTANCE (ce_instance_get_type ())

G_DECLARE_FINAL_TYPE (CeInstance, ce_instance, CE, INSTANCE, GObject)

CeInstance *ce_instance_new_from_json     (JsonNode   *node,
                                           GError    **error);
gint64      ce_instance_get_id            (CeInstance *self);
const char *ce_instance_get_name          (CeInstance *self);
const char *ce_instance_get_token         (CeInstance *self);
const char *ce_instance_get_element_key   (CeInstance *self);
const char *ce_instance_get_element_name  (CeInstance *self);
gboolean    ce_instance_get_valid         (CeInstance *self);
gboolean    ce_instance_get_disabled      (CeInstance *self);
GDateTime  *ce_instance_get_created       (CeInstance *self);

G_END_DECLS
