/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define FAKE_TYPE_SERVICE (fake_service_get_type ())

G_DECLARE_FINAL_TYPE (FakeService, fake_service, FAKE, SERVICE, GObject)

/**
 * FakeRequest:
 * @method: the HTTP method
 * @path: the path, without the query
 * @query: the raw query, or %NULL
 * @authorization: the Authorization header, or %NULL
 * @content_type: the Content-Type header, or %NULL
 * @accept: the Accept header, or %NULL
 * @body: the request body, possibly empty
 *
 * One request the fake service received, recorded in arrival order.
 */
typedef struct
{
  char   *method;
  char   *path;
  char   *query;
  char   *authorization;
  char   *content_type;
  char   *accept;
  GBytes *body;
} FakeRequest;

/* fake_service_new() listens on 127.0.0.1 (@port 0 picks a free port) and
 * serves from the thread-default main context; it returns %NULL and sets
 * @error if it cannot listen.
 *
 * fake_service_get_requests() returns every request since creation or the
 * last reset, oldest first (transfer none). fake_service_find_request()
 * returns the most recent match and fake_service_count_requests() counts the
 * matches; a %NULL @method or @path matches any.
 *
 * fake_service_set_response() makes @method on @path (exact, without query)
 * answer exactly @status, @content_type (may be %NULL) and @body (may be
 * %NULL) until the next reset. fake_service_set_delay() holds the answer back
 * for @delay_ms milliseconds without blocking; 0 removes the delay.
 *
 * fake_service_issue_code() hands out a fresh code for @redirect_uri, as
 * pressing *Allow* on the consent page does (transfer full).
 *
 * fake_service_reset() forgets overrides, delays, recorded requests, the
 * redirect hit count, issued codes and instances, as if the service had just
 * started. Answers already held back by a delay are still sent.
 */
FakeService       *fake_service_new               (guint         port,
                                                   GError      **error);
const char        *fake_service_get_base_url      (FakeService  *self);
const char        *fake_service_get_redirect_url  (FakeService  *self);
guint              fake_service_get_redirect_hits (FakeService  *self);
GPtrArray         *fake_service_get_requests      (FakeService  *self);
const FakeRequest *fake_service_find_request      (FakeService  *self,
                                                   const char   *method,
                                                   const char   *path);
guint              fake_service_count_requests    (FakeService  *self,
                                                   const char   *method,
                                                   const char   *path);
void               fake_service_set_response      (FakeService  *self,
                                                   const char   *method,
                                                   const char   *path,
                                                   guint         status,
                                                   const char   *content_type,
                                                   const char   *body);
void               fake_service_set_delay         (FakeService  *self,
                                                   const char   *method,
                                                   const char   *path,
                                                   guint         delay_ms);
char              *fake_service_issue_code        (FakeService  *self,
                                                   const char   *redirect_uri);
void               fake_service_reset             (FakeService  *self);

G_END_DECLS
