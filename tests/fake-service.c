/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-service-private.h"

#define API_PATH "/elements/api-v2"
#define REDIRECT_PATH "/callback"
#define FIRST_INSTANCE_ID 20931

/* What fake_service_set_response() and fake_service_set_delay() asked for
 * one method and path.
 */
typedef struct
{
  guint   status;
  char   *content_type;
  GBytes *body;
  guint   delay_ms;
} Rule;

typedef struct
{
  FakeService       *self;
  SoupServerMessage *msg;
  guint              source_id;
  gulong             disconnected_id;
} Pending;

G_DEFINE_FINAL_TYPE (FakeService, fake_service, G_TYPE_OBJECT)

static void
fake_request_free (FakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->authorization);
  g_free (request->content_type);
  g_free (request->accept);
  g_bytes_unref (request->body);
  g_free (request);
}

static void
rule_free (Rule *rule)
{
  g_free (rule->content_type);
  g_clear_pointer (&rule->body, g_bytes_unref);
  g_free (rule);
}

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->source_id, g_source_remove);
  g_clear_signal_handler (&pending->disconnected_id, pending->msg);
  g_object_unref (pending->msg);
  g_free (pending);
}

static gboolean
is_redirect_path (const char *path)
{
  return g_str_equal (path, REDIRECT_PATH) ||
         g_str_equal (path, REDIRECT_PATH "/");
}

static void
route (FakeService       *self,
       SoupServerMessage *msg,
       const char        *method,
       const char        *path,
       GHashTable        *query)
{
  const char *api = g_str_has_prefix (path, API_PATH "/")
                    ? path + strlen (API_PATH) : "";
  g_auto (GStrv) parts = g_strsplit (api, "/", -1);
  guint n_parts = g_strv_length (parts);
  gboolean is_get = g_str_equal (method, "GET");

  if (is_redirect_path (path))
    fake_answer_page (msg, SOUP_STATUS_OK, "Redirect URL reached",
                      "The application should have caught this navigation "
                      "before it was sent.");
  else if (g_str_equal (path, FAKE_AUTHORIZE_PATH) && is_get)
    fake_service_handle_authorize (self, msg, query);
  else if (n_parts == 5 && g_str_equal (parts[1], "elements") &&
           *parts[2] != '\0' && g_str_equal (parts[3], "oauth") &&
           g_str_equal (parts[4], "url") && is_get)
    fake_service_handle_oauth_url (self, msg, parts[2], query);
  else if (n_parts == 2 && g_str_equal (parts[1], "instances"))
    fake_service_handle_instances (self, msg, method, NULL);
  else if (n_parts == 3 && g_str_equal (parts[1], "instances"))
    fake_service_handle_instances (self, msg, method, parts[2]);
  else
    fake_answer_error (msg, SOUP_STATUS_NOT_FOUND, "No such resource", NULL);
}

static gboolean
delay_done_cb (gpointer user_data)
{
  Pending *pending = user_data;
  g_autoptr (SoupServerMessage) msg = g_object_ref (pending->msg);

  g_debug ("fake-service: sending a delayed answer");
  pending->source_id = 0;
  g_ptr_array_remove (pending->self->pending, pending);
  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

static void
pending_disconnected_cb (SoupServerMessage *msg,
                         Pending           *pending)
{
  g_debug ("fake-service: a delayed request went away");
  g_ptr_array_remove (pending->self->pending, pending);
}

static void
record (FakeService       *self,
        SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  FakeRequest *request = g_new0 (FakeRequest, 1);

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->authorization = g_strdup (
    soup_message_headers_get_one (headers, "Authorization"));
  request->content_type = g_strdup (
    soup_message_headers_get_one (headers, "Content-Type"));
  request->accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
  request->body = soup_message_body_flatten (body);
  g_ptr_array_add (self->requests, request);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FakeService *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);
  Rule *rule = g_hash_table_lookup (self->rules, key);

  g_debug ("fake-service: %s %s", method, path);
  record (self, msg);

  if (is_redirect_path (path))
    {
      /* Tests assert this stays zero: the app must stop the navigation. */
      self->redirect_hits++;
      g_debug ("fake-service: the redirect URL was reached");
    }

  if (rule != NULL && rule->body != NULL)
    {
      SoupMessageHeaders *headers;
      SoupMessageBody *body;

      headers = soup_server_message_get_response_headers (msg);
      body = soup_server_message_get_response_body (msg);
      soup_server_message_set_status (msg, rule->status, NULL);
      if (rule->content_type != NULL)
        soup_message_headers_replace (headers, "Content-Type",
                                      rule->content_type);
      if (g_bytes_get_size (rule->body) > 0)
        soup_message_body_append_bytes (body, rule->body);
    }
  else
    route (self, msg, method, path, query);

  if (rule != NULL && rule->delay_ms > 0)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->self = self;
      pending->msg = g_object_ref (msg);
      pending->source_id = g_timeout_add (rule->delay_ms, delay_done_cb,
                                          pending);
      pending->disconnected_id =
        g_signal_connect (msg, "disconnected",
                          G_CALLBACK (pending_disconnected_cb), pending);
      g_ptr_array_add (self->pending, pending);
      soup_server_message_pause (msg);
    }
}

static Rule *
ensure_rule (FakeService *self,
             const char  *method,
             const char  *path)
{
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);
  Rule *rule = g_hash_table_lookup (self->rules, key);

  if (rule == NULL)
    {
      rule = g_new0 (Rule, 1);
      g_hash_table_insert (self->rules, g_steal_pointer (&key), rule);
    }

  return rule;
}

static gboolean
request_matches (const FakeRequest *request,
                 const char        *method,
                 const char        *path)
{
  return (method == NULL || g_str_equal (request->method, method)) &&
         (path == NULL || g_str_equal (request->path, path));
}

static void
fake_service_dispose (GObject *object)
{
  FakeService *self = FAKE_SERVICE (object);

  g_ptr_array_set_size (self->pending, 0);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (fake_service_parent_class)->dispose (object);
}

static void
fake_service_finalize (GObject *object)
{
  FakeService *self = FAKE_SERVICE (object);

  g_free (self->origin);
  g_free (self->base_url);
  g_free (self->redirect_url);
  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->rules);
  g_ptr_array_unref (self->pending);
  g_hash_table_unref (self->authorizations);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->used_codes);
  g_ptr_array_unref (self->instances);

  G_OBJECT_CLASS (fake_service_parent_class)->finalize (object);
}

static void
fake_service_class_init (FakeServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fake_service_dispose;
  object_class->finalize = fake_service_finalize;
}

static void
fake_service_init (FakeService *self)
{
  self->requests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) rule_free);
  self->pending =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  self->authorizations = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                g_free, g_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->used_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            NULL);
  self->instances =
    g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->next_id = FIRST_INSTANCE_ID;
}

FakeService *
fake_service_new (guint    port,
                  GError **error)
{
  g_autoptr (FakeService) self = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocketAddress) local = NULL;
  g_autoptr (GSList) listeners = NULL;

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FAKE_TYPE_SERVICE, NULL);
  self->server = soup_server_new ("server-header", "hookline-fake-service ",
                                  NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    return NULL;

  /* With port 0 the system picked one: ask the socket which. */
  listeners = soup_server_get_listeners (self->server);
  g_assert (listeners != NULL);
  local = g_socket_get_local_address (listeners->data, error);
  if (local == NULL)
    return NULL;

  self->origin = g_strdup_printf ("http://127.0.0.1:%u",
                                  g_inet_socket_address_get_port (
                                    G_INET_SOCKET_ADDRESS (local)));
  self->base_url = g_strconcat (self->origin, API_PATH, NULL);
  self->redirect_url = g_strconcat (self->origin, REDIRECT_PATH, NULL);
  g_debug ("fake-service: listening on %s", self->origin);

  return g_steal_pointer (&self);
}

const char *
fake_service_get_base_url (FakeService *self)
{
  g_return_val_if_fail (FAKE_IS_SERVICE (self), NULL);

  return self->base_url;
}

const char *
fake_service_get_redirect_url (FakeService *self)
{
  g_return_val_if_fail (FAKE_IS_SERVICE (self), NULL);

  return self->redirect_url;
}

guint
fake_service_get_redirect_hits (FakeService *self)
{
  g_return_val_if_fail (FAKE_IS_SERVICE (self), 0);

  return self->redirect_hits;
}

GPtrArray *
fake_service_get_requests (FakeService *self)
{
  g_return_val_if_fail (FAKE_IS_SERVICE (self), NULL);

  return self->requests;
}

const FakeRequest *
fake_service_find_request (FakeService *self,
                           const char  *method,
                           const char  *path)
{
  g_return_val_if_fail (FAKE_IS_SERVICE (self), NULL);

  for (guint i = self->requests->len; i > 0; i--)
    if (request_matches (self->requests->pdata[i - 1], method, path))
      return self->requests->pdata[i - 1];

  return NULL;
}

guint
fake_service_count_requests (FakeService *self,
                             const char  *method,
                             const char  *path)
{
  guint count = 0;

  g_return_val_if_fail (FAKE_IS_SERVICE (self), 0);

  for (guint i = 0; i < self->requests->len; i++)
    if (request_matches (self->requests->pdata[i], method, path))
      count++;

  return count;
}

void
fake_service_set_response (FakeService *self,
                           const char  *method,
                           const char  *path,
                           guint        status,
                           const char  *content_type,
                           const char  *body)
{
  Rule *rule;

  g_return_if_fail (FAKE_IS_SERVICE (self));
  g_return_if_fail (method != NULL && path != NULL);
  g_return_if_fail (status >= 100 && status < 600);

  rule = ensure_rule (self, method, path);
  rule->status = status;
  g_free (rule->content_type);
  rule->content_type = g_strdup (content_type);
  g_clear_pointer (&rule->body, g_bytes_unref);
  rule->body = g_bytes_new (body, body ? strlen (body) : 0);
}

void
fake_service_set_delay (FakeService *self,
                        const char  *method,
                        const char  *path,
                        guint        delay_ms)
{
  g_return_if_fail (FAKE_IS_SERVICE (self));
  g_return_if_fail (method != NULL && path != NULL);

  ensure_rule (self, method, path)->delay_ms = delay_ms;
}

char *
fake_service_issue_code (FakeService *self,
                         const char  *redirect_uri)
{
  g_return_val_if_fail (FAKE_IS_SERVICE (self), NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);

  return fake_service_grant_code (self, redirect_uri);
}

void
fake_service_reset (FakeService *self)
{
  g_return_if_fail (FAKE_IS_SERVICE (self));

  g_hash_table_remove_all (self->rules);
  g_ptr_array_set_size (self->requests, 0);
  self->redirect_hits = 0;
  g_hash_table_remove_all (self->authorizations);
  g_hash_table_remove_all (self->codes);
  g_hash_table_remove_all (self->used_codes);
  g_ptr_array_set_size (self->instances, 0);
  self->next_id = FIRST_INSTANCE_ID;
}
