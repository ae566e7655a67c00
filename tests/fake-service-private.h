/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "fake-service.h"

G_BEGIN_DECLS

#define FAKE_AUTHORIZE_PATH "/oauth/authorize"

struct _FakeService
{
  GObject     parent_instance;

  SoupServer *server;
  char       *origin;
  char       *base_url;
  char       *redirect_url;

  GPtrArray  *requests;
  GHashTable *rules;
  GPtrArray  *pending;
  guint       redirect_hits;

  /* state -> callbackUrl, for each OAuth URL handed out */
  GHashTable *authorizations;
  /* code -> the redirect URL it was issued for */
  GHashTable *codes;
  GHashTable *used_codes;
  GPtrArray  *instances;
  gint64      next_id;
};

/* The request plumbing lives in fake-service.c and the platform's endpoints
 * in fake-service-platform.c; these are what the one needs from the other.
 *
 * fake_answer_error() answers in the platform's error shape and
 * fake_answer_page() with a small HTML page. fake_service_grant_code()
 * issues a code for @redirect_uri without checking its arguments (transfer
 * full). The handlers answer @msg themselves.
 */
void  fake_answer_error             (SoupServerMessage *msg,
                                     guint              status,
                                     const char        *message,
                                     const char        *provider_message);
void  fake_answer_page              (SoupServerMessage *msg,
                                     guint              status,
                                     const char        *title,
                                     const char        *text);
char *fake_service_grant_code       (FakeService       *self,
                                     const char        *redirect_uri);
void  fake_service_handle_oauth_url (FakeService       *self,
                                     SoupServerMessage *msg,
                                     const char        *key,
                                     GHashTable        *query);
void  fake_service_handle_authorize (FakeService       *self,
                                     SoupServerMessage *msg,
                                     GHashTable        *query);
void  fake_service_handle_instances (FakeService       *self,
                                     SoupServerMessage *msg,
                                     const char        *method,
                                     const char        *id_text);

G_END_DECLS
