/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-service-private.h"

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

void
fake_answer_error (SoupServerMessage *msg,
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

void
fake_answer_page (SoupServerMessage *msg,
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
      const char *secret;

      if (!g_str_has_prefix (parts[i], prefixes[kind]) || seen[kind])
        return FALSE;

      secret = parts[i] + strlen (prefixes[kind]);
      if (*secret == '\0' || g_ascii_isspace (secret[0]) ||
          g_ascii_isspace (secret[strlen (secret) - 1]))
        return FALSE;
      seen[kind] = TRUE;
    }

  return TRUE;
}

char *
fake_service_grant_code (FakeService *self,
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

void
fake_service_handle_oauth_url (FakeService       *self,
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
      fake_answer_error (msg, SOUP_STATUS_BAD_REQUEST,
                         "The query parameters apiKey, apiSecret and "
                         "callbackUrl are required", NULL);
      return;
    }

  add_param (url, "client_id", lookup (query, "apiKey"));
  add_param (url, "redirect_uri", callback_url);
  add_param (url, "scope", lookup (query, "scope"));
  add_param (url, "state", state);
  g_string_prepend (url, FAKE_AUTHORIZE_PATH "?");
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

void
fake_service_handle_authorize (FakeService       *self,
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
      code = fake_service_grant_code (self, issued_uri ? issued_uri
                                                       : redirect_uri);
      add_param (allow_params, "code", code);
      add_param (allow_params, "state", state);
      add_param (deny_params, "error", "access_denied");
      add_param (deny_params, "state", state);
      allow = build_redirect (redirect_uri, allow_params->str, in_fragment);
      deny = build_redirect (redirect_uri, deny_params->str, FALSE);
    }

  if (allow == NULL || deny == NULL)
    {
      fake_answer_page (msg, SOUP_STATUS_BAD_REQUEST, "Invalid sign-in link",
                        "The redirect_uri of this sign-in link is missing "
                        "or is not a URI.");
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
  JsonNode *root = NULL;
  JsonObject *body;
  const char *code;
  const char *callback_url;
  const char *issued_uri;
  const char *reason = NULL;

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL))
    root = json_parser_get_root (parser);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fake_answer_error (msg, SOUP_STATUS_BAD_REQUEST,
                         "The request body is not a JSON object", NULL);
      return NULL;
    }

  body = json_node_get_object (root);
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
      fake_answer_error (msg, SOUP_STATUS_BAD_REQUEST, missing->str, NULL);
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
      fake_answer_error (msg, SOUP_STATUS_BAD_REQUEST,
                         "Failed to get an OAuth token from the provider",
                         reason);
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

void
fake_service_handle_instances (FakeService       *self,
                               SoupServerMessage *msg,
                               const char        *method,
                               const char        *id_text)
{
  g_autoptr (JsonObject) body = NULL;
  JsonObject *instance = NULL;
  guint64 id = 0;

  if (!authorization_valid (msg))
    {
      fake_answer_error (msg, SOUP_STATUS_UNAUTHORIZED,
                         "Invalid Organization or User secret, or invalid "
                         "Element token provided.", NULL);
      return;
    }

  if (id_text != NULL)
    g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL);
  for (guint i = 0; id > 0 && i < self->instances->len; i++)
    {
      JsonObject *candidate = g_ptr_array_index (self->instances, i);

      if (json_object_get_int_member (candidate, "id") == (gint64) id)
        instance = candidate;
    }

  if (id_text == NULL && g_str_equal (method, "GET"))
    {
      g_autoptr (JsonArray) array = json_array_new ();
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < self->instances->len; i++)
        json_array_add_object_element (array, json_object_ref (
          g_ptr_array_index (self->instances, i)));
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
    fake_answer_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                       "Method not allowed", NULL);
  else if (instance == NULL)
    fake_answer_error (msg, SOUP_STATUS_NOT_FOUND, "No instance with this id",
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

