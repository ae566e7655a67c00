/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CE_TYPE_INSTANCE_REQUEST (ce_instance_request_get_type ())

G_DECLARE_FINAL_TYPE (CeInstanceRequest, ce_instance_request, CE, INSTANCE_REQUEST, GObject)

CeInstanceRequest *ce_instance_request_new                    (const char         *element_key);
const char        *ce_instance_request_get_element_key        (CeInstanceRequest  *self);
void               ce_instance_request_set_code               (CeInstanceRequest  *self,
                                                               const char         *code);
void               ce_instance_request_set_client_id          (CeInstanceRequest  *self,
                                                               const char         *client_id);
void               ce_instance_request_set_client_secret      (CeInstanceRequest  *self,
                                                               const char         *client_secret);
void               ce_instance_request_set_callback_url       (CeInstanceRequest  *self,
                                                               const char         *callback_url);
void               ce_instance_request_set_scopes             (CeInstanceRequest  *self,
                                                               const char         *scopes);
void               ce_instance_request_set_name               (CeInstanceRequest  *self,
                                                               const char         *name);
void               ce_instance_request_set_tags               (CeInstanceRequest  *self,
                                                               const char * const *tags);
void               ce_instance_request_set_forward_events     (CeInstanceRequest  *self,
                                                               gboolean            forward_events,
                                                               const char         *service_url);
gboolean           ce_instance_request_validate               (CeInstanceRequest  *self,
                                                               GError            **error);
gboolean           ce_instance_request_validate_configuration (CeInstanceRequest  *self,
                                                               GError            **error);
JsonNode          *ce_instance_request_to_json                (CeInstanceRequest  *self,
                                                               GError            **error);

G_END_DECLS
