/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

#include "ce-instance.h"
#include "ce-instance-request.h"

G_BEGIN_DECLS

#define CE_TYPE_CLIENT (ce_client_get_type ())

G_DECLARE_FINAL_TYPE (CeClient, ce_client, CE, CLIENT, GObject)

SoupSession *ce_session_new                   (const char          *user_agent);

CeClient    *ce_client_new                    (SoupSession         *session,
                                               const char          *base_url,
                                               const char          *user_secret,
                                               const char          *organization_secret,
                                               GError             **error);
const char  *ce_client_get_base_url           (CeClient            *self);
void         ce_client_get_oauth_url_async    (CeClient            *self,
                                               const char          *element_key,
                                               const char          *api_key,
                                               const char          *api_secret,
                                               const char          *callback_url,
                                               const char          *scope,
                                               const char          *state,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char        *ce_client_get_oauth_url_finish   (CeClient            *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void         ce_client_create_instance_async  (CeClient            *self,
                                               CeInstanceRequest   *request,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
CeInstance  *ce_client_create_instance_finish (CeClient            *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
