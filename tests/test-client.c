/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "ce-client.h"
#include "ce-error.h"
#include "ce-json.h"
#include "fake-service.h"

#define USER_SECRET "user-secret-1"
#define ORGANIZATION_SECRET "organization/secret+2"
#define CLIENT_ID "4242.1717"
#define CLIENT_SECRET "client secret+&=%"
/* Characters a form encoder must escape, and that change meaning if they are
 * encoded twice or not at all. */
#define SCOPE "users:read, chat:write,files:write:user & more+%20 100%"
#define STATE "st+te/=&%41 x"
#define SERVICE_URL "https://example.com/hooks/slack"
#define OAUTH_URL_PATH "/elements/api-v2/elements/slack/oauth/url"
#define INSTANCES_PATH "/elements/api-v2/instances"

typedef struct
{
  FakeService *service;
  SoupSession *session;
  CeClient    *client;
  const char  *redirect_url;
  /* The redirect URL with a query that needs encoding. */
  char        *callback_url;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->service = fake_service_new (0, &error);
  g_assert_no_error (error);
  fixture->redirect_url = fake_service_get_redirect_url (fixture->service);
  fixture->callback_url = g_strconcat (fixture->redirect_url,
                                       "?next=/a b&plus=1+1&pct=100%25"
                                       "&colon=a:b,c", NULL);

  /* White space around the secrets must not reach the header. */
  fixture->session = ce_session_new ("Hookline-test/1");
  fixture->client = ce_client_new (fixture->session,
                                   fake_service_get_base_url (fixture->service),
                                   "  " USER_SECRET, ORGANIZATION_SECRET " ",
                                   &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->client);
  g_clear_object (&fixture->session);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_finalize_object (fixture->service);
  g_free (fixture->callback_url);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  /* Every operation reports exactly once. */
  g_assert_null (*out);
  *out = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
spin (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static char *
get_oauth_url (CeClient      *client,
               const char    *client_id,
               const char    *callback_url,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ce_client_get_oauth_url_async (client, "slack", client_id, CLIENT_SECRET,
                                 callback_url, SCOPE, STATE, cancellable,
                                 store_result_cb, &result);
  wait_for (&result);

  return ce_client_get_oauth_url_finish (client, result, error);
}

/* A complete request, with @code or else a fresh one for @callback_url. */
static CeInstanceRequest *
request_new (Fixture    *fixture,
             const char *callback_url,
             const char *code)
{
  const char * const tags[] = { "alpha", "beta gamma", NULL };
  g_autofree char *fresh_code = NULL;
  CeInstanceRequest *request = ce_instance_request_new ("slack");

  if (code == NULL)
    code = fresh_code = fake_service_issue_code (fixture->service,
                                                 callback_url);

  ce_instance_request_set_code (request, code);
  ce_instance_request_set_client_id (request, CLIENT_ID);
  ce_instance_request_set_client_secret (request, CLIENT_SECRET);
  ce_instance_request_set_callback_url (request, callback_url);
  ce_instance_request_set_scopes (request, SCOPE);
  ce_instance_request_set_name (request, "Team events");
  ce_instance_request_set_tags (request, tags);
  ce_instance_request_set_forward_events (request, TRUE, SERVICE_URL);

  return request;
}

static CeInstance *
create_instance (Fixture            *fixture,
                 CeInstanceRequest  *request,
                 GError            **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ce_client_create_instance_async (fixture->client, request, NULL,
                                   store_result_cb, &result);
  wait_for (&result);

  return ce_client_create_instance_finish (fixture->client, result, error);
}

/* Creates an instance with a valid request and expects it to fail. */
static GError *
create_expecting_error (Fixture *fixture)
{
  g_autoptr (CeInstanceRequest) request = NULL;
  g_autoptr (CeInstance) instance = NULL;
  GError *error = NULL;

  request = request_new (fixture, fixture->redirect_url, NULL);
  instance = create_instance (fixture, request, &error);
  g_assert_null (instance);
  g_assert_nonnull (error);

  return error;
}

static char *
fetch (Fixture    *fixture,
       const char *url,
       guint      *status)
{
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (message);
  soup_session_send_and_read_async (fixture->session, message,
                                    G_PRIORITY_DEFAULT, NULL,
                                    store_result_cb, &result);
  wait_for (&result);
  body = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Reads the address of the link with @id out of a page, undoing the HTML
 * escaping applied to it.
 */
static GUri *
find_link (const char *html,
           const char *id)
{
  g_autofree char *marker = g_strdup_printf ("id=\"%s\"", id);
  const char *tag = strstr (html, marker);
  const char *start = tag ? strstr (tag, "href=\"") : NULL;
  g_autoptr (GString) href = NULL;
  g_autoptr (GError) error = NULL;
  GUri *uri;

  g_assert_nonnull (start);
  g_assert_true (start < strchr (tag, '>'));
  start += strlen ("href=\"");
  g_assert_nonnull (strchr (start, '"'));
  href = g_string_new_len (start, strchr (start, '"') - start);

  /* Nothing in these addresses needs another entity than &amp;. */
  g_assert_null (strpbrk (href->str, "<>'\" "));
  g_string_replace (href, "&amp;", "&", 0);
  g_assert_null (strstr (href->str, "&amp;"));

  uri = g_uri_parse (href->str, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);

  return uri;
}

static GHashTable *
decode_query (const char *query)
{
  g_autoptr (GError) error = NULL;
  GHashTable *params;

  g_assert_nonnull (query);
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, &error);
  g_assert_no_error (error);

  return params;
}

static void
assert_json_string (JsonObject *object,
                    const char *member,
                    const char *expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static JsonObject *
assert_json_object (JsonObject *object,
                    const char *member,
                    guint       n_members)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpuint (json_object_get_size (json_node_get_object (node)), ==,
                    n_members);

  return json_node_get_object (node);
}

static void
test_oauth_url_request (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *answer = "https://slack.com/oauth/authorize?client_id=4242.1717"
                       "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&state=a%2Bb";
  g_autofree char *body = g_strdup_printf ("{\"oauthUrl\": \"%s\", "
                                           "\"element\": \"slack\"}", answer);
  g_autofree char *oauth_url = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_auto (GStrv) pairs = NULL;
  g_autoptr (GError) error = NULL;
  const FakeRequest *request;

  fake_service_set_response (fixture->service, "GET", OAUTH_URL_PATH, 200,
                             "application/json", body);
  oauth_url = get_oauth_url (fixture->client, CLIENT_ID,
                             fixture->callback_url, NULL, &error);
  g_assert_no_error (error);
  /* The address in the answer is handed back as it came. */
  g_assert_cmpstr (oauth_url, ==, answer);

  g_assert_cmpuint (fake_service_get_requests (fixture->service)->len, ==, 1);
  request = fake_service_find_request (fixture->service, NULL, NULL);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, OAUTH_URL_PATH);
  g_assert_null (request->authorization);
  g_assert_cmpuint (g_bytes_get_size (request->body), ==, 0);

  /* Each value decodes, once, to exactly what was given. */
  pairs = g_strsplit (request->query, "&", -1);
  g_assert_cmpuint (g_strv_length (pairs), ==, 5);
  params = decode_query (request->query);
  g_assert_cmpuint (g_hash_table_size (params), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (params, "apiKey"), ==, CLIENT_ID);
  g_assert_cmpstr (g_hash_table_lookup (params, "apiSecret"), ==,
                   CLIENT_SECRET);
  g_assert_cmpstr (g_hash_table_lookup (params, "callbackUrl"), ==,
                   fixture->callback_url);
  g_assert_cmpstr (g_hash_table_lookup (params, "scope"), ==, SCOPE);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, STATE);
}

static void
test_create_request (Fixture       *fixture,
                     gconstpointer  user_data)
{
  for (guint forward = 0; forward < 2; forward++)
    {
      g_autoptr (CeInstanceRequest) request = NULL;
      g_autoptr (CeInstance) instance = NULL;
      g_autoptr (JsonObject) body = NULL;
      g_autoptr (GError) error = NULL;
      const FakeRequest *recorded;
      JsonObject *configuration;
      JsonArray *tags;
      g_autofree char *code = NULL;

      fake_service_reset (fixture->service);
      code = fake_service_issue_code (fixture->service, fixture->callback_url);
      request = request_new (fixture, fixture->callback_url, code);
      if (!forward)
        ce_instance_request_set_forward_events (request, FALSE, NULL);
      instance = create_instance (fixture, request, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (fake_service_get_requests (fixture->service)->len, ==,
                        1);
      recorded = fake_service_find_request (fixture->service, "POST",
                                            INSTANCES_PATH);
      g_assert_nonnull (recorded);
      g_assert_null (recorded->query);
      g_assert_cmpstr (recorded->authorization, ==,
                       "User " USER_SECRET ", Organization "
                       ORGANIZATION_SECRET);
      g_assert_cmpstr (recorded->content_type, ==, "application/json");
      g_assert_cmpstr (recorded->accept, ==, "application/json");

      body = ce_json_parse_object (recorded->body, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (json_object_get_size (body), ==, 5);

      assert_json_string (assert_json_object (body, "element", 1), "key",
                          "slack");
      assert_json_string (assert_json_object (body, "providerData", 1), "code",
                          code);
      assert_json_string (body, "name", "Team events");

      configuration = assert_json_object (body, "configuration",
                                          forward ? 6 : 4);
      assert_json_string (configuration, "oauth.api.key", CLIENT_ID);
      assert_json_string (configuration, "oauth.api.secret", CLIENT_SECRET);
      assert_json_string (configuration, "oauth.callback.url",
                          fixture->callback_url);
      assert_json_string (configuration, "oauth.scope", SCOPE);
      if (forward)
        {
          assert_json_string (configuration, "event.notification.enabled",
                              "true");
          assert_json_string (configuration, "event.notification.callback.url",
                              SERVICE_URL);
        }

      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (body,
                                                                    "tags")));
      tags = json_object_get_array_member (body, "tags");
      g_assert_cmpuint (json_array_get_length (tags), ==, 2);
      g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "alpha");
      g_assert_cmpstr (json_array_get_string_element (tags, 1), ==,
                       "beta gamma");
    }
}

/* Goes through the consent page as a user would; returns *Allow*'s link. */
static GUri *
sign_in (Fixture    *fixture,
         const char *extra_query)
{
  g_autofree char *oauth_url = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *html = NULL;
  g_autoptr (GUri) deny = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GError) error = NULL;
  guint status = 0;

  oauth_url = get_oauth_url (fixture->client, CLIENT_ID,
                             fixture->callback_url, NULL, &error);
  g_assert_no_error (error);
  page_url = g_strconcat (oauth_url, extra_query, NULL);
  html = fetch (fixture, page_url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (html, "Hookline test service wants to connect "
                                  "to your Slack workspace"));
  g_assert_nonnull (strstr (html, "<code>files:write:user</code>"));
  g_assert_nonnull (strstr (html, "<code>&amp;</code>"));

  deny = find_link (html, "deny");
  params = decode_query (g_uri_get_query (deny));
  g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, "access_denied");
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, STATE);
  g_assert_false (g_hash_table_contains (params, "code"));

  return find_link (html, "allow");
}

static void
test_happy_path (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (GUri) callback = g_uri_parse (fixture->callback_url,
                                           G_URI_FLAGS_ENCODED, NULL);

  /* The second time the consent page answers in the fragment, as some
   * providers do. */
  for (guint fragment = 0; fragment < 2; fragment++)
    {
      g_autoptr (GUri) allow = sign_in (fixture, fragment ? "&fragment=1" : "");
      g_autoptr (GHashTable) query = decode_query (g_uri_get_query (allow));
      g_autoptr (GHashTable) params = NULL;
      const char *code;
      g_autoptr (CeInstanceRequest) request = NULL;
      g_autoptr (CeInstance) instance = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_cmpstr (g_uri_get_host (allow), ==, g_uri_get_host (callback));
      g_assert_cmpint (g_uri_get_port (allow), ==, g_uri_get_port (callback));
      g_assert_cmpstr (g_uri_get_path (allow), ==, g_uri_get_path (callback));
      g_assert_cmpstr (g_hash_table_lookup (query, "next"), ==, "/a b");
      g_assert_cmpstr (g_hash_table_lookup (query, "pct"), ==, "100%");
      g_assert_true (g_hash_table_contains (query, "code") == !fragment);
      params = fragment ? decode_query (g_uri_get_fragment (allow))
                        : g_hash_table_ref (query);
      g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, STATE);
      code = g_hash_table_lookup (params, "code");
      g_assert_nonnull (code);

      request = request_new (fixture, fixture->callback_url, code);
      instance = create_instance (fixture, request, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ce_instance_get_id (instance), ==, 20931 + fragment);
      g_assert_cmpstr (ce_instance_get_name (instance), ==, "Team events");
      g_assert_cmpuint (strlen (ce_instance_get_token (instance)), >, 16);
      g_assert_cmpstr (ce_instance_get_element_key (instance), ==, "slack");
      g_assert_cmpstr (ce_instance_get_element_name (instance), ==, "Slack");
      g_assert_true (ce_instance_get_valid (instance));
      g_assert_false (ce_instance_get_disabled (instance));
      g_assert_nonnull (ce_instance_get_created (instance));
    }

  g_assert_cmpuint (fake_service_count_requests (fixture->service, "POST",
                                                 INSTANCES_PATH), ==, 2);
  g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, 0);
}

static void
test_error_answers (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const struct
  {
    guint       status;
    const char *content_type;
    const char *body;
    int         code;
    const char *server_message;
    const char *provider_message;
    const char *request_id;
  } cases[] = {
    { 401, "application/json",
      "{\"requestId\": \"req-401\", \"message\": \"Invalid secret\"}",
      CE_ERROR_UNAUTHORIZED, "Invalid secret", NULL, "req-401" },
    { 400, "application/json",
      "{\"requestId\": \"7c1e-19\", \"message\": \"Bad request\", "
      "\"providerMessage\": \"invalid_scope\"}",
      CE_ERROR_SERVER, "Bad request", "invalid_scope", "7c1e-19" },
    { 500, "text/html", "<html><body><h1>Internal Server Error</h1>"
      "<script>alert(1)</script></body></html>",
      CE_ERROR_SERVER, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("answer %u: %s", i, cases[i].body);
      fake_service_set_response (fixture->service, "POST", INSTANCES_PATH,
                                 cases[i].status, cases[i].content_type,
                                 cases[i].body);
      error = create_expecting_error (fixture);
      g_assert_error (error, CE_ERROR, cases[i].code);
      g_assert_cmpuint (ce_error_get_status (error), ==, cases[i].status);
      g_assert_cmpstr (ce_error_get_server_message (error), ==,
                       cases[i].server_message);
      g_assert_cmpstr (ce_error_get_provider_message (error), ==,
                       cases[i].provider_message);
      g_assert_cmpstr (ce_error_get_request_id (error), ==,
                       cases[i].request_id);

      /* The message shows all of it, a page as it came. */
      g_assert_nonnull (strstr (error->message, cases[i].server_message
                                                ? cases[i].server_message
                                                : "Internal Server Error"));
      g_assert_true (!cases[i].provider_message ||
                     strstr (error->message, cases[i].provider_message));
      g_assert_true (!cases[i].request_id ||
                     strstr (error->message, cases[i].request_id));
      g_assert_true (cases[i].server_message != NULL ||
                     strstr (error->message, "<h1>Internal Server Error</h1>"));
    }
}

static void
test_success_bodies (Fixture       *fixture,
                     gconstpointer  user_data)
{
  /* An id of 0 means the answer must be refused as unusable. */
  const struct
  {
    const char *content_type;
    const char *body;
    gint64      id;
  } cases[] = {
    { "application/json", "", 0 },
    { NULL, NULL, 0 },
    { "text/plain", "Service is up", 0 },
    { "text/html", "<html><body>OK</body></html>", 0 },
    { "application/json", "[20931]", 0 },
    { "application/json", "{\"id\": 20931", 0 },
    { "application/json", "{\"name\": \"No id\"}", 0 },
    { "application/json", "{\"id\": null}", 0 },
    { "application/json", "{\"id\": 0}", 0 },
    { "application/json", "{\"id\": -20931}", 0 },
    { "application/json", "{\"id\": 20931.5}", 0 },
    { "application/json", "{\"id\": 2.0931e4}", 0 },
    { "application/json", "{\"id\": true}", 0 },
    { "application/json", "{\"id\": \"20931x\"}", 0 },
    { "application/json", "{\"id\": {\"value\": 20931}}", 0 },
    { "application/json", "{\"id\": \"20931\"}", 20931 },
    /* Past 2^53, where a double would round. */
    { "application/json", "{\"id\": 9007199254740993}",
      G_GINT64_CONSTANT (9007199254740993) },
    { "application/json", "{\"id\": 9223372036854775807}", G_MAXINT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CeInstanceRequest) request = NULL;
      g_autoptr (CeInstance) instance = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("answer %u: %s", i, cases[i].body);
      fake_service_set_response (fixture->service, "POST", INSTANCES_PATH, 200,
                                 cases[i].content_type, cases[i].body);
      request = request_new (fixture, fixture->redirect_url, NULL);
      instance = create_instance (fixture, request, &error);
      if (cases[i].id == 0)
        {
          g_assert_null (instance);
          g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
          /* A page is shown as the status line and what came, as it is. */
          if (g_strcmp0 (cases[i].content_type, "text/plain") == 0 ||
              g_strcmp0 (cases[i].content_type, "text/html") == 0)
            g_assert_true (strstr (error->message, "200 OK with something "
                                   "that is not JSON: “") &&
                           strstr (error->message, cases[i].body));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpint (ce_instance_get_id (instance), ==, cases[i].id);
        }
    }
}

/* The service's own answers to codes, as the provider gives them. */
static void
test_code_errors (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (CeInstanceRequest) request = NULL;
  g_autoptr (CeInstance) instance = NULL;
  g_autoptr (GError) error = NULL;
  const char *request_id;

  request = request_new (fixture, fixture->redirect_url, NULL);
  instance = create_instance (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ce_instance_get_id (instance), ==, 20931);
  g_clear_object (&instance);

  instance = create_instance (fixture, request, &error);
  g_assert_null (instance);
  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpuint (ce_error_get_status (error), ==, 400);
  g_assert_nonnull (ce_error_get_server_message (error));
  g_assert_cmpstr (ce_error_get_provider_message (error), ==,
                   "code_already_used");
  request_id = ce_error_get_request_id (error);
  g_assert_nonnull (request_id);
  g_assert_cmpuint (strspn (request_id, "0123456789abcdef"), ==, 24);
  g_assert_nonnull (strstr (error->message, request_id));
  g_clear_error (&error);

  ce_instance_request_set_code (request, "never-issued");
  g_assert_null (create_instance (fixture, request, &error));
  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpstr (ce_error_get_provider_message (error), ==, "invalid_code");
  g_clear_error (&error);

  /* A code issued for another redirect URL. */
  g_clear_object (&request);
  request = request_new (fixture, fixture->redirect_url, NULL);
  ce_instance_request_set_callback_url (request, fixture->callback_url);
  g_assert_null (create_instance (fixture, request, &error));
  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpstr (ce_error_get_provider_message (error), ==,
                   "bad_redirect_uri");

  /* Each attempt went out exactly once: nothing is retried. */
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "POST",
                                                 INSTANCES_PATH), ==, 4);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  soup_session_set_timeout (fixture->session, 1);
  fake_service_set_delay (fixture->service, "POST", INSTANCES_PATH, 3000);

  error = create_expecting_error (fixture);
  g_assert_error (error, CE_ERROR, CE_ERROR_NETWORK);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2900 * 1000);

  /* Let the held-back answer go to the closed connection. */
  spin (2500);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (CeInstanceRequest) request = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  request = request_new (fixture, fixture->redirect_url, NULL);
  fake_service_set_delay (fixture->service, "POST", INSTANCES_PATH, 1000);
  ce_client_create_instance_async (fixture->client, request, cancellable,
                                   store_result_cb, &result);
  while (fake_service_count_requests (fixture->service, NULL, NULL) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);
  g_cancellable_cancel (cancellable);
  wait_for (&result);

  g_assert_null (ce_client_create_instance_finish (fixture->client, result,
                                                   &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The late answer must not be reported a second time. */
  spin (1500);

  /* Cancelled before it starts: nothing is sent. */
  g_assert_null (get_oauth_url (fixture->client, CLIENT_ID,
                                fixture->redirect_url, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "GET",
                                                 NULL), ==, 0);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (CeClient) client = NULL;
  g_autofree char *base_url = NULL;
  g_autoptr (GError) error = NULL;
  guint16 port;

  /* A port that was free a moment ago, and that nothing listens on now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  base_url = g_strdup_printf ("http://127.0.0.1:%u/elements/api-v2", port);
  client = ce_client_new (fixture->session, base_url, USER_SECRET,
                          ORGANIZATION_SECRET, &error);
  g_assert_no_error (error);

  g_assert_null (get_oauth_url (client, CLIENT_ID, fixture->redirect_url, NULL,
                                &error));
  g_assert_error (error, CE_ERROR, CE_ERROR_NETWORK);
}

static void
test_bad_secrets (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *base_url = fake_service_get_base_url (fixture->service);
  /* Each is refused by the label of its entry, before any request. */
  const char *secrets[][3] = {
    { "user\nsecret", ORGANIZATION_SECRET, "User secret" },
    { USER_SECRET, "organization\r\nsecret", "Organization secret" },
    { "user\rsecret", ORGANIZATION_SECRET, "User secret" },
    { "user,secret", ORGANIZATION_SECRET, "User secret" },
    { USER_SECRET, "organization secret", "Organization secret" },
    { "usér-secret", ORGANIZATION_SECRET, "User secret" },
    { USER_SECRET, "organization\u00a0secret", "Organization secret" },
  };
  g_autoptr (CeInstanceRequest) request = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autoptr (CeClient) client = NULL;

      client = ce_client_new (fixture->session, base_url, secrets[i][0],
                              secrets[i][1], &error);
      g_assert_null (client);
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, secrets[i][2]));
      g_clear_error (&error);
    }

  g_assert_null (get_oauth_url (fixture->client, "client\nid",
                                fixture->redirect_url, NULL, &error));
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  request = request_new (fixture, fixture->redirect_url, "code");
  ce_instance_request_set_client_secret (request, "client\nsecret");
  g_assert_null (create_instance (fixture, request, &error));
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);

  g_assert_cmpuint (fake_service_get_requests (fixture->service)->len, ==, 0);
}

static void
test_redirect_hits (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *with_slash = g_strconcat (fixture->redirect_url, "/", NULL);
  g_autofree char *instances_url = NULL;
  const char *urls[] = { fixture->redirect_url, with_slash,
                         fixture->callback_url };
  guint status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, i);
      g_free (fetch (fixture, urls[i], &status));
      g_assert_cmpuint (status, ==, 200);
    }
  g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, 3);

  /* Other paths do not count. */
  instances_url = g_strconcat (fake_service_get_base_url (fixture->service),
                               "/instances", NULL);
  g_free (fetch (fixture, instances_url, &status));
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, 3);
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "GET",
                                                 "/callback"), ==, 2);

  fake_service_reset (fixture->service);
  g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/hookline/client/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("oauth-url-request", test_oauth_url_request);
  ADD ("create-request", test_create_request);
  ADD ("happy-path", test_happy_path);
  ADD ("error-answers", test_error_answers);
  ADD ("success-bodies", test_success_bodies);
  ADD ("code-errors", test_code_errors);
  ADD ("timeout", test_timeout);
  ADD ("cancel", test_cancel);
  ADD ("connection-refused", test_connection_refused);
  ADD ("bad-secrets", test_bad_secrets);
  ADD ("redirect-hits", test_redirect_hits);

  return g_test_run ();
}
