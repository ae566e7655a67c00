/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The whole flow as a user goes through it: the real window, the real web
 * view and the real HTTP stack, against the fake service on 127.0.0.1.
 */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <webkit/webkit.h>

#include "test-util.h"

#define OAUTH_URL_PATH "/elements/api-v2/elements/slack/oauth/url"
#define INSTANCES_PATH "/elements/api-v2/instances"

/* Everything logged while the tests run, debug messages included, so a
 * test can check that no secret ever reaches a log.
 */
static GString *logged;

static GLogWriterOutput
capture_log_cb (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        {
          g_string_append (logged, fields[i].value);
          g_string_append_c (logged, '\n');
        }
    }

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static char *
query_param (const char *query,
             const char *name)
{
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GError) error = NULL;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);

  return g_strdup (g_hash_table_lookup (params, name));
}

static const char *
config_string (JsonObject *configuration,
               const char *name)
{
  JsonNode *node = json_object_get_member (configuration, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);

  return json_node_get_string (node);
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr (GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_flow_allow (TestWindow    *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *window = fixture->window;
  const FakeRequest *oauth_request;
  const FakeRequest *create_request;
  g_autofree char *state = NULL;
  g_autofree char *callback_url = NULL;
  g_autofree char *expected_webhook = NULL;
  g_autofree char *clipboard_text = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gconstpointer body;
  gsize body_length;
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonObject *element;
  JsonObject *configuration;
  JsonArray *tags;
  GtkWidget *webhook_row;
  GdkClipboard *clipboard;
  GtkWidget *token_label;

  g_string_truncate (logged, 0);
  test_window_fill_form (fixture);
  test_click (window, "connect_button");

  test_window_press_consent_button (fixture, "allow");
  test_window_wait_for_page (fixture, "done");

  /* The OAuth URL request carried the form's values, each encoded once,
   * and a fresh state that is not the element key.
   */
  oauth_request = fake_service_find_request (fixture->service, "GET",
                                             OAUTH_URL_PATH);
  g_assert_nonnull (oauth_request);
  g_assert_null (oauth_request->authorization);
  callback_url = query_param (oauth_request->query, "callbackUrl");
  g_assert_cmpstr (callback_url, ==, fake_service_get_redirect_url (fixture->service));
  state = query_param (oauth_request->query, "state");
  g_assert_nonnull (state);
  g_assert_cmpuint (strlen (state), >=, 22);
  g_assert_cmpstr (state, !=, "slack");

  /* The create request: exactly one, with the secrets in the header and
   * the form in the body.
   */
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "POST", INSTANCES_PATH), ==, 1);
  create_request = fake_service_find_request (fixture->service, "POST", INSTANCES_PATH);
  g_assert_cmpstr (create_request->authorization, ==,
                   "User " TEST_USER_SECRET ", Organization " TEST_ORGANIZATION_SECRET);
  g_assert_cmpstr (create_request->content_type, ==, "application/json");
  g_assert_cmpstr (create_request->accept, ==, "application/json");

  body = g_bytes_get_data (create_request->body, &body_length);
  json_parser_load_from_data (parser, body, body_length, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  element = json_object_get_object_member (root, "element");
  g_assert_cmpstr (json_object_get_string_member (element, "key"), ==, "slack");
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, TEST_INSTANCE_NAME);
  configuration = json_object_get_object_member (root, "configuration");
  g_assert_cmpstr (config_string (configuration, "oauth.api.key"), ==, TEST_CLIENT_ID);
  g_assert_cmpstr (config_string (configuration, "oauth.api.secret"), ==, TEST_CLIENT_SECRET);
  g_assert_cmpstr (config_string (configuration, "oauth.callback.url"), ==, callback_url);
  g_assert_cmpstr (config_string (configuration, "oauth.scope"), ==, TEST_SCOPES);
  g_assert_false (json_object_has_member (configuration, "event.notification.enabled"));
  tags = json_object_get_array_member (root, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "events");
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "team a");

  /* The browser never reached the redirect URL: the window caught it. */
  g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, 0);

  /* The first instance the fake service creates has the id 20931. */
  expected_webhook = g_strconcat (fake_service_get_base_url (fixture->service),
                                  "/events/slack/MjA5MzE=", NULL);
  webhook_row = test_find_widget (window, "webhook_row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (webhook_row)),
                   ==, expected_webhook);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (test_find_widget (window, "id_label"))),
                   ==, "20931");

  test_click (window, "copy_button");
  clipboard = gtk_widget_get_clipboard (window);
  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &clipboard_text);
  test_wait_for (is_set, &clipboard_text, "the clipboard");
  g_assert_cmpstr (clipboard_text, ==, expected_webhook);

  /* The token stays hidden until asked for. */
  token_label = test_find_widget (window, "token_label");
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (token_label)), "="));
  test_click (window, "token_button");
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (token_label))), >, 8);
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (token_label)), "•"));

  /* The flow was logged, and none of the three secrets with it. */
  g_assert_nonnull (strstr (logged->str, "instance 20931 created"));
  g_assert_null (strstr (logged->str, TEST_USER_SECRET));
  g_assert_null (strstr (logged->str, TEST_ORGANIZATION_SECRET));
  g_assert_null (strstr (logged->str, TEST_CLIENT_SECRET));
}

static void
test_flow_deny (TestWindow    *fixture,
                gconstpointer  user_data)
{
  GtkWidget *window = fixture->window;
  GtkWidget *error_label;

  test_window_fill_form (fixture);
  test_click (window, "connect_button");

  test_window_press_consent_button (fixture, "deny");
  test_window_wait_for_page (fixture, "slack");

  error_label = test_find_widget (test_find_widget (window, "slack_page"),
                                  "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "declined"));

  g_assert_cmpuint (fake_service_count_requests (fixture->service, "POST",
                                                 INSTANCES_PATH), ==, 0);
  g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, 0);

  /* Everything the user typed is still there, secrets included. */
  g_assert_cmpstr (test_get_text (window, "user_secret_row"), ==, TEST_USER_SECRET);
  g_assert_cmpstr (test_get_text (window, "organization_secret_row"), ==, TEST_ORGANIZATION_SECRET);
  g_assert_cmpstr (test_get_text (window, "client_id_row"), ==, TEST_CLIENT_ID);
  g_assert_cmpstr (test_get_text (window, "client_secret_row"), ==, TEST_CLIENT_SECRET);
  g_assert_cmpstr (test_get_text (window, "instance_name_row"), ==, TEST_INSTANCE_NAME);

  /* And the user can go again straight away. */
  test_click (window, "connect_button");
  test_window_press_consent_button (fixture, "allow");
  test_window_wait_for_page (fixture, "done");
}

static const char *
shown_message (TestWindow *fixture,
               const char *page)
{
  GtkWidget *label = test_find_widget (test_find_widget (fixture->window, page),
                                       "error_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
test_flow_create_refused (TestWindow    *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *window = fixture->window;
  const char *message;

  fake_service_set_response (fixture->service, "POST", INSTANCES_PATH, 400,
                             "application/json",
                             "{\"requestId\": \"req-4242\","
                             " \"message\": \"Missing required configuration\","
                             " \"providerMessage\": \"invalid_team\"}");
  test_window_fill_form (fixture);
  test_click (window, "connect_button");
  test_window_press_consent_button (fixture, "allow");
  test_window_wait_for_page (fixture, "slack");

  message = shown_message (fixture, "slack_page");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Missing required configuration"));
  g_assert_nonnull (strstr (message, "invalid_team"));
  g_assert_nonnull (strstr (message, "req-4242"));
  g_assert_cmpstr (test_get_text (window, "client_secret_row"), ==, TEST_CLIENT_SECRET);
  g_assert_cmpstr (test_get_text (window, "user_secret_row"), ==, TEST_USER_SECRET);
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "POST",
                                                 INSTANCES_PATH), ==, 1);

  /* The code is spent: trying again means signing in again. */
  fake_service_reset (fixture->service);
  test_click (window, "connect_button");
  test_window_press_consent_button (fixture, "allow");
  test_window_wait_for_page (fixture, "done");
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "GET",
                                                 OAUTH_URL_PATH), ==, 1);
  g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, 0);
}

static void
test_flow_unauthorized (TestWindow    *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *window = fixture->window;
  const char *message;

  fake_service_set_response (fixture->service, "POST", INSTANCES_PATH, 401,
                             "application/json",
                             "{\"requestId\": \"req-401\","
                             " \"message\": \"Invalid Organization or User secret\"}");
  test_window_fill_form (fixture);
  test_click (window, "connect_button");
  test_window_press_consent_button (fixture, "allow");
  test_window_wait_for_page (fixture, "account");

  message = shown_message (fixture, "account_page");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "req-401"));
  g_assert_true (gtk_widget_has_css_class (test_find_widget (window, "user_secret_row"),
                                           "error"));
  g_assert_cmpstr (test_get_text (window, "organization_secret_row"), ==,
                   TEST_ORGANIZATION_SECRET);
}

/* What the sign-in page shows: progress, web, error or paste. */
static const char *
sign_in_child (TestWindow *fixture)
{
  GtkWidget *page = test_find_widget (fixture->window, "sign_in_page");
  GtkWidget *stack = test_find_widget (page, "stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
sign_in_error_shown (gpointer data)
{
  return g_strcmp0 (sign_in_child (data), "error") == 0;
}

static void
test_flow_page_fails_to_load (TestWindow    *fixture,
                              gconstpointer  user_data)
{
  GtkWidget *window = fixture->window;
  GtkWidget *status;
  g_autoptr (FakeService) gone = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *answer = NULL;

  /* The sign-in page is on a port where nothing listens any more. */
  gone = fake_service_new (0, &error);
  g_assert_no_error (error);
  answer = g_strdup_printf ("{\"oauthUrl\": \"%s/oauth/authorize\", \"element\": \"slack\"}",
                            fake_service_get_base_url (gone));
  g_clear_object (&gone);

  fake_service_set_response (fixture->service, "GET", OAUTH_URL_PATH, 200,
                             "application/json", answer);
  test_window_fill_form (fixture);
  test_click (window, "connect_button");

  test_wait_for (sign_in_error_shown, fixture, "the sign-in error");
  status = test_find_widget (window, "error_status");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "127.0.0.1"));

  /* Trying again loads the same page again, and fails the same way. */
  test_click (window, "retry_button");
  g_assert_false (sign_in_error_shown (fixture));
  test_wait_for (sign_in_error_shown, fixture, "the sign-in error again");

  test_click (window, "back_to_form_button");
  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");
  g_assert_null (shown_message (fixture, "slack_page"));
  g_assert_cmpstr (test_get_text (window, "client_id_row"), ==, TEST_CLIENT_ID);
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "POST",
                                                 INSTANCES_PATH), ==, 0);
}

static gboolean
sign_in_child_is_paste (gpointer data)
{
  return g_strcmp0 (sign_in_child (data), "paste") == 0;
}

static void
paste_address (TestWindow *fixture,
               const char *address)
{
  test_set_text (fixture->window, "pasted_address_row", address);
  test_click (fixture->window, "use_address_button");
}

static const char *
paste_message (TestWindow *fixture)
{
  GtkWidget *label = test_find_widget (fixture->window, "paste_error_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
test_flow_browser_fallback (TestWindow    *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *window = fixture->window;
  const char *redirect_url = fake_service_get_redirect_url (fixture->service);
  const FakeRequest *request;
  g_autofree char *state = NULL;
  g_autofree char *code = NULL;
  g_autofree char *query = NULL;
  g_autofree char *address = NULL;
  g_autofree char *wrong_state = NULL;
  g_autofree char *link = NULL;
  g_autofree char *body = NULL;

  test_window_fill_form (fixture);
  test_click (window, "connect_button");
  test_window_wait_for_consent_page (fixture);

  /* No browser can be started here; the paste page comes all the same. */
  test_click (window, "open_in_browser_button");
  test_wait_for (sign_in_child_is_paste, fixture, "the paste page");

  test_click (window, "copy_link_button");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL,
                                 read_text_cb, &link);
  test_wait_for (is_set, &link, "the clipboard");
  g_assert_true (g_str_has_prefix (link, "http://127.0.0.1:"));
  g_assert_nonnull (strstr (link, "/oauth/authorize?"));

  request = fake_service_find_request (fixture->service, "GET", OAUTH_URL_PATH);
  state = query_param (request->query, "state");
  code = fake_service_issue_code (fixture->service, redirect_url);

  /* An address elsewhere, and one from another attempt, are refused. */
  paste_address (fixture, "https://example.com/callback?code=x&state=y");
  g_assert_nonnull (paste_message (fixture));
  wrong_state = g_strconcat (redirect_url, "?code=", code, "&state=other", NULL);
  paste_address (fixture, wrong_state);
  g_assert_nonnull (paste_message (fixture));
  g_assert_true (sign_in_child_is_paste (fixture));
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "POST",
                                                 INSTANCES_PATH), ==, 0);

  query = soup_form_encode ("code", code, "state", state, NULL);
  address = g_strconcat ("  ", redirect_url, "?", query, "  ", NULL);
  paste_address (fixture, address);
  test_window_wait_for_page (fixture, "done");

  request = fake_service_find_request (fixture->service, "POST", INSTANCES_PATH);
  body = g_strndup (g_bytes_get_data (request->body, NULL),
                    g_bytes_get_size (request->body));
  g_assert_nonnull (strstr (body, code));
  g_assert_cmpuint (fake_service_count_requests (fixture->service, "POST",
                                                 INSTANCES_PATH), ==, 1);
  g_assert_cmpuint (fake_service_get_redirect_hits (fixture->service), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  logged = g_string_new (NULL);
  g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (capture_log_cb, NULL, NULL);

  g_test_add ("/hookline/flow/allow", TestWindow, NULL,
              test_window_set_up, test_flow_allow, test_window_tear_down);
  g_test_add ("/hookline/flow/deny", TestWindow, NULL,
              test_window_set_up, test_flow_deny, test_window_tear_down);
  g_test_add ("/hookline/flow/create-refused", TestWindow, NULL,
              test_window_set_up, test_flow_create_refused, test_window_tear_down);
  g_test_add ("/hookline/flow/unauthorized", TestWindow, NULL,
              test_window_set_up, test_flow_unauthorized, test_window_tear_down);
  g_test_add ("/hookline/flow/browser-fallback", TestWindow, NULL,
              test_window_set_up, test_flow_browser_fallback, test_window_tear_down);
  g_test_add ("/hookline/flow/page-fails-to-load", TestWindow, NULL,
              test_window_set_up, test_flow_page_fails_to_load, test_window_tear_down);

  return g_test_run ();
}
