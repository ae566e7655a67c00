/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-service.h"

#define API_PATH "/elements/api-v2"
#define REDIRECT_PATH "/callback"
#define AUTHORIZE_PATH "/oauth/authorize"
#define FIRST_INSTANCE_ID 20931

/* An instance as the platform shapes it; the fake only knows Slack. The
 * leading members are placeholders, so that they come first when printed.
 */
static const char instance_template[] =
  "{ \"id\": 0, \"name\": \"\", \"token\": \"\","
  "  \"element\": { \"id\": 2103, \"name\": \"Slack\", \"key\": \"slack\","
  "    \"description\": \"Slack element of the Hookline test service\","
  "    \"active\": true, \"deleted\": false, \"resources\": [],"
  "    \"authentication\": { \"type\": \"oauth2\" },"
  "    \"hub\": \"collaboration\", \"protocolType\": \"http\" },"
  "  \"provisionInteractions\": [], \"valid\": true, \"disabled\": false,"
  "  \"maxCacheSize\": 0, \"cacheTimeToLive\": 0,"
  "  \"traceLoggingEnabled\": false, \"cachingEnabled\": false,"
  "  \"externalAuthentication\": \"none\", \"user\": { \"id\": 372 } }";

#define CONSENT_PAGE \
  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" \
  "<title>Connect to Slack</title>\n<style>\n" \
  "body { margin: 0; background: #f6f5f4; color: #2e3436;\n" \
  "  font: 15px/1.5 Cantarell, 'Noto Sans', sans-serif; }\n" \
  "main { max-width: 460px; margin: 48px auto; padding: 28px 32px;\n" \
  "  background: #fff; border-radius: 12px;\n" \
  "  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); }\n" \
  "h1 { font-size: 20px; margin-top: 0; }\n" \
  "code { background: #f0f0f0; border-radius: 4px; padding: 0 4px; }\n" \
  "p.actions { display: flex; gap: 12px; justify-content: flex-end; }\n" \
  "a { padding: 8px 22px; border-radius: 6px; font-weight: bold;\n" \
  "  text-decoration: none; background: #e8e8e7; color: #2e3436; }\n" \
  "a#allow { background: #3584e4; color: #fff; }\n" \
  "</style>\n</head>\n<body>\n<main>\n" \
  "<h1>Hookline test service wants to connect to your Slack workspace</h1>\n" \
  "<p>App client ID: <code>%s</code></p>\n" \
  "<p>It asks for these permissions:</p>\n<ul>\n%s</ul>\n" \
  "<p class=\"actions\">\n" \
  "<a id=\"deny\" role=\"button\" href=\"%s\">Deny</a>\n" \
  "<a id=\"allow\" role=\"button\" href=\"%s\">Allow</a>\n" \
  "</p>\n</main>\n</body>\n</html>\n"

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

static char *
random_hex (guint n_bytes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (text, "%02x", g_random_int_range (0, 256));

  return g_string_free (text, FALSE);
}

static void
set_body (SoupServerMessage *msg,
          guint              status,
          const char        *content_type,
          char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE,
                                    body, strlen (body));
}

static void
answer_object (SoupServerMessage *msg,
               guint              status,
               JsonObject        *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (),
                                                     object);

  set_body (msg, status, "application/json", json_to_string (node, TRUE));
}

static void
answer_error (SoupServerMessage *msg,
              guint              status,
              const char        *message,
              const char        *provider_message)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autofree char *request_id = random_hex (12);

  json_object_set_string_member (object, "requestId", request_id);
  json_object_set_string_member (object, "message", message);
  if (provider_message != NULL)
    json_object_set_string_member (object, "providerMessage", provider_message);

  answer_object (msg, status, object);
}

static void
answer_page (SoupServerMessage *msg,
             guint              status,
             const char        *title,
             const char        *text)
{
  set_body (msg, status, "text/html; charset=utf-8", g_markup_printf_escaped (
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>%s</title></head>\n<body><h1>%s</h1>\n<p>%s</p></body></html>\n",
    title, title, text));
}

/* Reads a member only when it is a non-empty string, so that malformed
 * input becomes a "missing entry" answer instead of a json-glib critical.
 */
static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                               : NULL;
}

static const char *
lookup (GHashTable *query,
        const char *name)
{
  const char *value = query ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL && *value != '\0' ? value : NULL;
}

/* Accepts exactly "User X, Organization Y", in either order, with both
 * secrets non-empty and free of surrounding white space.
 */
static gboolean
authorization_valid (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  g_auto (GStrv) parts = g_strsplit (header ? header : "", ", ", -1);
  static const char * const prefixes[2] = { "User ", "Organization " };
  gboolean seen[2] = { FALSE, FALSE };

  if (g_strv_length (parts) != 2)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      guint kind = g_str_has_prefix (parts[i], prefixes[0]) ? 0 : 1;
      const char *secret = parts[i] + strlen (prefixes[kind]);

      if (!g_str_has_prefix (parts[i], prefixes[kind]) || seen[kind] ||
          *secret == '\0' || g_ascii_isspace (secret[0]) ||
          g_ascii_isspace (secret[strlen (secret) - 1]))
        return FALSE;
      seen[kind] = TRUE;
    }

  return TRUE;
}

static char *
issue_code (FakeService *self,
            const char  *redirect_uri)
{
  g_autofree char *hex = random_hex (10);
  char *code = g_strdup_printf ("fake-code-%s", hex);

  g_hash_table_insert (self->codes, g_strdup (code), g_strdup (redirect_uri));
  g_debug ("fake-service: issued a code");

  return code;
}

/* Encodes one parameter with the form encoder and adds it to @query. */
static void
add_param (GString    *query,
           const char *name,
           const char *value)
{
  g_autofree char *pair = value ? soup_form_encode (name, value, NULL) : NULL;

  if (pair != NULL)
    g_string_append_printf (query, "%s%s", query->len > 0 ? "&" : "", pair);
}

static void
handle_oauth_url (FakeService       *self,
                  SoupServerMessage *msg,
                  const char        *key,
                  GHashTable        *query)
{
  const char *callback_url = lookup (query, "callbackUrl");
  const char *state = lookup (query, "state");
  g_autoptr (GString) url = g_string_new (NULL);
  g_autoptr (JsonObject) object = json_object_new ();

  if (lookup (query, "apiKey") == NULL || lookup (query, "apiSecret") == NULL ||
      callback_url == NULL)
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST,
                    "The query parameters apiKey, apiSecret and callbackUrl "
                    "are required", NULL);
      return;
    }

  add_param (url, "client_id", lookup (query, "apiKey"));
  add_param (url, "redirect_uri", callback_url);
  add_param (url, "scope", lookup (query, "scope"));
  add_param (url, "state", state);
  g_string_prepend (url, AUTHORIZE_PATH "?");
  g_string_prepend (url, self->origin);
  g_hash_table_insert (self->authorizations, g_strdup (state ? state : ""),
                       g_strdup (callback_url));

  json_object_set_string_member (object, "oauthUrl", url->str);
  json_object_set_string_member (object, "element", key);
  answer_object (msg, SOUP_STATUS_OK, object);
}

/* Adds @params to the query or the fragment of @redirect_uri, leaving what
 * is already there encoded as it was. Returns %NULL if it is no URI.
 */
static char *
build_redirect (const char *redirect_uri,
                const char *params,
                gboolean    in_fragment)
{
  g_autoptr (GUri) uri = g_uri_parse (redirect_uri, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GUri) result = NULL;
  g_autofree char *query = NULL;
  const char *old_query = uri ? g_uri_get_query (uri) : NULL;

  if (uri == NULL)
    return NULL;

  if (in_fragment || old_query == NULL || *old_query == '\0')
    query = g_strdup (in_fragment ? old_query : params);
  else
    query = g_strdup_printf ("%s&%s", old_query, params);

  result = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri),
                        g_uri_get_userinfo (uri), g_uri_get_host (uri),
                        g_uri_get_port (uri), g_uri_get_path (uri), query,
                        in_fragment ? params : g_uri_get_fragment (uri));
  return g_uri_to_string (result);
}

static void
handle_authorize (FakeService       *self,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *redirect_uri = lookup (query, "redirect_uri");
  const char *state = lookup (query, "state");
  const char *client_id = lookup (query, "client_id");
  const char *scope = lookup (query, "scope");
  gboolean in_fragment = g_strcmp0 (lookup (query, "fragment"), "1") == 0;
  const char *issued_uri;
  g_autofree char *code = NULL;
  g_autoptr (GString) allow_params = g_string_new (NULL);
  g_autoptr (GString) deny_params = g_string_new (NULL);
  g_autoptr (GString) scopes = g_string_new (NULL);
  g_auto (GStrv) scope_list = g_strsplit_set (scope ? scope : "", ", ", -1);
  g_autofree char *allow = NULL;
  g_autofree char *deny = NULL;
  g_autofree char *client_html = NULL;
  g_autofree char *allow_html = NULL;
  g_autofree char *deny_html = NULL;

  /* The code is tied to the callbackUrl the OAuth URL was made for, as the
   * provider does, so that another URL on create is caught.
   */
  issued_uri = g_hash_table_lookup (self->authorizations, state ? state : "");
  if (issued_uri == NULL)
    g_debug ("fake-service: consent page for an unknown authorization");

  if (redirect_uri != NULL)
    {
      code = issue_code (self, issued_uri ? issued_uri : redirect_uri);
      add_param (allow_params, "code", code);
      add_param (allow_params, "state", state);
      add_param (deny_params, "error", "access_denied");
      add_param (deny_params, "state", state);
      allow = build_redirect (redirect_uri, allow_params->str, in_fragment);
      deny = build_redirect (redirect_uri, deny_params->str, FALSE);
    }

  if (allow == NULL || deny == NULL)
    {
      answer_page (msg, SOUP_STATUS_BAD_REQUEST, "Invalid sign-in link",
                   "The redirect_uri of this sign-in link is missing or is "
                   "not a URI.");
      return;
    }

  for (guint i = 0; scope_list[i] != NULL; i++)
    {
      g_autofree char *item = g_markup_escape_text (scope_list[i], -1);

      if (*item != '\0')
        g_string_append_printf (scopes, "<li><code>%s</code></li>\n", item);
    }
  if (scopes->len == 0)
    g_string_append (scopes, "<li>None</li>\n");

  client_html = g_markup_escape_text (client_id ? client_id : "", -1);
  allow_html = g_markup_escape_text (allow, -1);
  deny_html = g_markup_escape_text (deny, -1);
  set_body (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
            g_strdup_printf (CONSENT_PAGE, client_html, scopes->str,
                             deny_html, allow_html));
}

/* Checks a create or update body and uses up its code. On failure, answers
 * @msg and returns %NULL; on success, returns the body.
 */
static JsonObject *
check_instance_body (FakeService       *self,
                     SoupServerMessage *msg)
{
  static const char * const required[][2] = {
    { "element", "key" }, { "providerData", "code" },
    { "configuration", "oauth.api.key" },
    { "configuration", "oauth.api.secret" },
    { "configuration", "oauth.callback.url" }, { NULL, "name" },
  };
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (request_body);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) missing = g_string_new (NULL);
  JsonObject *body;
  const char *code;
  const char *callback_url;
  const char *issued_uri;
  const char *reason = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST,
                    "The request body is not a JSON object", NULL);
      return NULL;
    }

  body = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *parent = required[i][0];
      const char *member = required[i][1];
      JsonObject *object = parent ? get_object (body, parent) : body;
      /* Configuration entries are named as the platform names them. */
      gboolean qualify = parent && !g_str_equal (parent, "configuration");

      if (get_string (object, member) == NULL)
        g_string_append_printf (missing, "%s%s%s%s",
                                missing->len > 0 ? ", " : "",
                                qualify ? parent : "", qualify ? "." : "",
                                member);
    }

  if (missing->len > 0)
    {
      g_string_prepend (missing, "Missing required entries: ");
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, missing->str, NULL);
      return NULL;
    }

  /* As with the provider, any exchange uses the code up, even one that
   * fails.
   */
  code = get_string (get_object (body, "providerData"), "code");
  callback_url = get_string (get_object (body, "configuration"),
                             "oauth.callback.url");
  issued_uri = g_hash_table_lookup (self->codes, code);
  if (g_hash_table_contains (self->used_codes, code))
    reason = "code_already_used";
  else if (issued_uri == NULL)
    reason = "invalid_code";
  else if (!g_str_equal (issued_uri, callback_url))
    reason = "bad_redirect_uri";

  if (issued_uri != NULL)
    g_hash_table_add (self->used_codes, g_strdup (code));

  if (reason != NULL)
    {
      g_debug ("fake-service: refused a code: %s", reason);
      answer_error (msg, SOUP_STATUS_BAD_REQUEST,
                    "Failed to get an OAuth token from the provider", reason);
      return NULL;
    }

  return json_object_ref (body);
}

/* Copies what the caller sent into @instance, leaving the secret out. */
static void
fill_instance (JsonObject *instance,
               JsonObject *body)
{
  JsonObject *sent = get_object (body, "configuration");
  JsonObject *configuration = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (sent);
  const char *events = get_string (sent, "event.notification.enabled");
  const char *events_url = get_string (sent,
                                       "event.notification.callback.url");
  JsonNode *tags = json_object_get_member (body, "tags");

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (sent, l->data);

      if (!g_str_equal (l->data, "oauth.api.secret"))
        json_object_set_member (configuration, l->data, json_node_copy (value));
    }

  json_object_set_string_member (instance, "name", get_string (body, "name"));
  json_object_set_object_member (instance, "configuration", configuration);
  json_object_set_boolean_member (instance, "eventsEnabled",
                                  g_strcmp0 (events, "true") == 0);
  json_object_set_string_member (instance, "eventsNotificationCallbackUrl",
                                 events_url ? events_url : "false");
  if (tags != NULL && JSON_NODE_HOLDS_ARRAY (tags))
    json_object_set_member (instance, "tags", json_node_copy (tags));
  else
    json_object_set_array_member (instance, "tags", json_array_new ());
}

static JsonObject *
create_instance (FakeService *self,
                 JsonObject  *body)
{
  g_autoptr (JsonNode) node = json_from_string (instance_template, NULL);
  JsonObject *instance = json_node_dup_object (node);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%FT%TZ");
  g_autofree char *token = NULL;
  guchar bytes[24];

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    bytes[i] = g_random_int_range (0, 256);
  token = g_base64_encode (bytes, sizeof bytes);

  json_object_set_int_member (instance, "id", self->next_id++);
  json_object_set_string_member (instance, "token", token);
  json_object_set_string_member (instance, "createdDate", created);
  fill_instance (instance, body);
  g_ptr_array_add (self->instances, instance);
  g_debug ("fake-service: created instance %" G_GINT64_FORMAT,
           json_object_get_int_member (instance, "id"));

  return instance;
}

static void
handle_instances (FakeService       *self,
                  SoupServerMessage *msg,
                  const char        *method,
                  const char        *id_text)
{
  g_autoptr (JsonObject) body = NULL;
  JsonObject *instance = NULL;
  guint64 id = 0;

  if (!authorization_valid (msg))
    {
      answer_error (msg, SOUP_STATUS_UNAUTHORIZED,
                    "Invalid Organization or User secret, or invalid Element "
                    "token provided.", NULL);
      return;
    }

  if (id_text != NULL)
    g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL);
  for (guint i = 0; id > 0 && i < self->instances->len; i++)
    if (json_object_get_int_member (self->instances->pdata[i], "id") == (gint64) id)
      instance = self->instances->pdata[i];

  if (id_text == NULL && g_str_equal (method, "GET"))
    {
      g_autoptr (JsonArray) array = json_array_new ();
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < self->instances->len; i++)
        json_array_add_object_element (array,
                                       json_object_ref (self->instances->pdata[i]));
      json_node_set_array (node, array);
      set_body (msg, SOUP_STATUS_OK, "application/json",
                json_to_string (node, TRUE));
    }
  else if (id_text == NULL && g_str_equal (method, "POST"))
    {
      if ((body = check_instance_body (self, msg)) != NULL)
        answer_object (msg, SOUP_STATUS_OK, create_instance (self, body));
    }
  else if (id_text == NULL || !(g_str_equal (method, "GET") ||
                                g_str_equal (method, "PUT") ||
                                g_str_equal (method, "DELETE")))
    answer_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed",
                  NULL);
  else if (instance == NULL)
    answer_error (msg, SOUP_STATUS_NOT_FOUND, "No instance with this id",
                  NULL);
  else if (g_str_equal (method, "GET"))
    answer_object (msg, SOUP_STATUS_OK, instance);
  else if (g_str_equal (method, "DELETE"))
    {
      g_debug ("fake-service: deleted instance %s", id_text);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      g_ptr_array_remove (self->instances, instance);
    }
  else if ((body = check_instance_body (self, msg)) != NULL)
    {
      g_debug ("fake-service: re-authorized instance %s", id_text);
      fill_instance (instance, body);
      answer_object (msg, SOUP_STATUS_OK, instance);
    }
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
    answer_page (msg, SOUP_STATUS_OK, "Redirect URL reached",
                 "The application should have caught this navigation "
                 "before it was sent.");
  else if (g_str_equal (path, AUTHORIZE_PATH) && is_get)
    handle_authorize (self, msg, query);
  else if (n_parts == 5 && g_str_equal (parts[1], "elements") &&
           *parts[2] != '\0' && g_str_equal (parts[3], "oauth") &&
           g_str_equal (parts[4], "url") && is_get)
    handle_oauth_url (self, msg, parts[2], query);
  else if (n_parts == 2 && g_str_equal (parts[1], "instances"))
    handle_instances (self, msg, method, NULL);
  else if (n_parts == 3 && g_str_equal (parts[1], "instances"))
    handle_instances (self, msg, method, parts[2]);
  else
    answer_error (msg, SOUP_STATUS_NOT_FOUND, "No such resource", NULL);
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
  request->authorization = g_strdup (soup_message_headers_get_one (headers,
                                                                   "Authorization"));
  request->content_type = g_strdup (soup_message_headers_get_one (headers,
                                                                  "Content-Type"));
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
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_server_message_set_status (msg, rule->status, NULL);
      if (rule->content_type != NULL)
        soup_message_headers_replace (headers, "Content-Type",
                                      rule->content_type);
      if (g_bytes_get_size (rule->body) > 0)
        soup_message_body_append_bytes (soup_server_message_get_response_body (msg),
                                        rule->body);
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
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) rule_free);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  self->authorizations = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                g_free, g_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->used_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            NULL);
  self->instances = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->next_id = FIRST_INSTANCE_ID;
}

FakeService *
fake_service_new (guint    port,
                  GError **error)
{
  g_autoptr (FakeService) self = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoslist (GUri) uris = NULL;

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

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->origin = g_strdup_printf ("http://127.0.0.1:%d",
                                  g_uri_get_port (uris->data));
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

  return issue_code (self, redirect_uri);
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
