/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's forms and failures that need no sign-in page: what is
 * checked before any request, what persists, and what the user sees when
 * the platform or the network fails.
 */

#include "config.h"

#include "hookline-window.h"
#include "oauth-sign-in-view.h"
#include "test-util.h"

#define OAUTH_URL_PATH "/elements/api-v2/elements/slack/oauth/url"

static const char *
message_of (TestWindow *fixture,
            const char *page)
{
  GtkWidget *label = test_find_widget (test_find_widget (fixture->window, page),
                                       "error_label");

  if (!gtk_widget_get_visible (label))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
has_error_mark (TestWindow *fixture,
                const char *id)
{
  return gtk_widget_has_css_class (test_find_widget (fixture->window, id), "error");
}

static gboolean
message_shown (gpointer data)
{
  return message_of (data, "slack_page") != NULL;
}

static void
test_window_starts_without_web_view (TestWindow    *fixture,
                                     gconstpointer  user_data)
{
  g_assert_cmpstr (test_window_visible_page (fixture), ==, "account");
  g_assert_null (test_find_widget_type (fixture->window, OAUTH_TYPE_SIGN_IN_VIEW));
  g_assert_false (gtk_widget_get_visible (test_find_widget (fixture->window,
                                                            "back_button")));
}

static void
test_window_empty_account (TestWindow    *fixture,
                           gconstpointer  user_data)
{
  const char *message;

  test_set_text (fixture->window, "user_secret_row", "   ");
  test_click (fixture->window, "continue_button");

  g_assert_cmpstr (test_window_visible_page (fixture), ==, "account");
  message = message_of (fixture, "account_page");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "User secret"));
  g_assert_nonnull (strstr (message, "Organization secret"));
  g_assert_true (has_error_mark (fixture, "user_secret_row"));
  g_assert_true (has_error_mark (fixture, "organization_secret_row"));

  /* Typing into a marked field takes its mark away. */
  test_set_text (fixture->window, "user_secret_row", "secret");
  g_assert_false (has_error_mark (fixture, "user_secret_row"));
  g_assert_true (has_error_mark (fixture, "organization_secret_row"));
}

static void
test_window_plain_http_refused (TestWindow    *fixture,
                                gconstpointer  user_data)
{
  GtkWidget *environment = test_find_widget (fixture->window, "environment_row");

  adw_combo_row_set_selected (ADW_COMBO_ROW (environment), 3);
  test_set_text (fixture->window, "base_url_row",
                 "http://api.example.com/elements/api-v2");
  test_set_text (fixture->window, "user_secret_row", "u");
  test_set_text (fixture->window, "organization_secret_row", "o");
  test_click (fixture->window, "continue_button");

  g_assert_cmpstr (test_window_visible_page (fixture), ==, "account");
  g_assert_true (has_error_mark (fixture, "base_url_row"));
  g_assert_false (has_error_mark (fixture, "user_secret_row"));
  g_assert_nonnull (message_of (fixture, "account_page"));
}

static void
test_window_empty_slack_form (TestWindow    *fixture,
                              gconstpointer  user_data)
{
  const char *ids[] = {
    "client_id_row", "client_secret_row", "redirect_url_row", "scopes_row",
    "instance_name_row",
  };
  g_auto (GStrv) lines = NULL;

  test_window_fill_form (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    test_set_text (fixture->window, ids[i], "");

  test_click (fixture->window, "connect_button");

  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");
  lines = g_strsplit (message_of (fixture, "slack_page"), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_true (has_error_mark (fixture, ids[i]));

  g_assert_cmpuint (fake_service_get_requests (fixture->service)->len, ==, 0);
}

static void
test_window_forward_needs_url (TestWindow    *fixture,
                               gconstpointer  user_data)
{
  GtkWidget *forward = test_find_widget (fixture->window, "forward_switch");

  test_window_fill_form (fixture);
  g_assert_false (gtk_widget_get_visible (test_find_widget (fixture->window,
                                                            "service_url_row")));

  gtk_switch_set_active (GTK_SWITCH (forward), TRUE);
  g_assert_true (gtk_widget_get_visible (test_find_widget (fixture->window,
                                                           "service_url_row")));
  test_set_text (fixture->window, "service_url_row", "ftp://example.com/events");
  test_click (fixture->window, "connect_button");

  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");
  g_assert_true (has_error_mark (fixture, "service_url_row"));
  g_assert_cmpuint (fake_service_get_requests (fixture->service)->len, ==, 0);
}

static void
test_window_line_break_refused (TestWindow    *fixture,
                                gconstpointer  user_data)
{
  const char *message;

  /* A pasted line break is kept by the entry; it must be caught before the
   * user spends a sign-in on a form the platform would refuse.
   */
  test_window_fill_form (fixture);
  test_set_text (fixture->window, "instance_name_row", "Team\nevents");
  test_click (fixture->window, "connect_button");

  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");
  message = message_of (fixture, "slack_page");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "nstance name"));
  g_assert_cmpuint (fake_service_get_requests (fixture->service)->len, ==, 0);
  g_assert_cmpstr (test_get_text (fixture->window, "instance_name_row"), ==,
                   "Team\nevents");
}

static void
test_window_enter_sends_form (TestWindow    *fixture,
                              gconstpointer  user_data)
{
  GtkWidget *secret = test_find_widget (fixture->window, "organization_secret_row");
  GtkWidget *environment = test_find_widget (fixture->window, "environment_row");

  adw_combo_row_set_selected (ADW_COMBO_ROW (environment), 0);
  test_set_text (fixture->window, "user_secret_row", "u");
  test_set_text (fixture->window, "organization_secret_row", "o");
  g_signal_emit_by_name (secret, "entry-activated");

  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");
}

static void
test_window_settings_without_secrets (TestWindow    *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *client_id = NULL;

  test_window_fill_form (fixture);

  base_url = g_settings_get_string (fixture->settings, "custom-base-url");
  g_assert_cmpstr (base_url, ==, fake_service_get_base_url (fixture->service));
  client_id = g_settings_get_string (fixture->settings, "client-id");
  g_assert_cmpstr (client_id, ==, TEST_CLIENT_ID);

  /* No key holds any of the three secrets, in any form. */
  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (fixture->settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, "secret"));
      g_assert_null (strstr (text, TEST_ORGANIZATION_SECRET));
    }
}

static void
test_window_settings_restored (TestWindow    *fixture,
                               gconstpointer  user_data)
{
  g_autoptr (GtkWidget) second = NULL;
  GtkWidget *environment;

  g_settings_set_string (fixture->settings, "environment", "eu");
  g_settings_set_string (fixture->settings, "redirect-url", "https://example.com/auth");
  g_settings_set_boolean (fixture->settings, "forward-events", TRUE);

  second = g_object_ref_sink (g_object_new (HOOKLINE_TYPE_WINDOW,
                                            "session", fixture->session,
                                            "settings", fixture->settings,
                                            NULL));

  environment = test_find_widget (second, "environment_row");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (environment)), ==, 1);
  g_assert_cmpstr (test_get_text (second, "redirect_url_row"), ==, "https://example.com/auth");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (test_find_widget (second, "forward_switch"))));
  g_assert_cmpstr (test_get_text (second, "user_secret_row"), ==, "");

  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_window_oauth_url_server_error (TestWindow    *fixture,
                                    gconstpointer  user_data)
{
  const char *message;

  fake_service_set_response (fixture->service, "GET", OAUTH_URL_PATH, 502,
                             "text/html", "<html><b>Bad gateway</b></html>");
  test_window_fill_form (fixture);
  test_click (fixture->window, "connect_button");

  test_wait_for (message_shown, fixture, "the error message");
  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");
  message = message_of (fixture, "slack_page");
  g_assert_nonnull (strstr (message, "502"));
  g_assert_cmpstr (test_get_text (fixture->window, "client_secret_row"), ==,
                   TEST_CLIENT_SECRET);
  g_assert_true (gtk_widget_is_sensitive (test_find_widget (fixture->window,
                                                            "connect_button")));
}

static void
test_window_unreachable (TestWindow    *fixture,
                         gconstpointer  user_data)
{
  /* Port 9 (discard) on loopback has nothing listening here. */
  test_window_fill_form (fixture);
  test_click (fixture->window, "back_button");
  test_set_text (fixture->window, "base_url_row",
                 "http://127.0.0.1:9/elements/api-v2");
  test_click (fixture->window, "continue_button");
  test_click (fixture->window, "connect_button");

  test_wait_for (message_shown, fixture, "the error message");
  g_assert_nonnull (strstr (message_of (fixture, "slack_page"), "127.0.0.1"));
}

static gboolean
request_arrived (gpointer data)
{
  TestWindow *fixture = data;

  return fake_service_count_requests (fixture->service, "GET", OAUTH_URL_PATH) > 0;
}

static gboolean
delay_passed (gpointer data)
{
  return g_get_monotonic_time () > *(gint64 *) data;
}

static void
test_window_cancel (TestWindow    *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *connect;
  gint64 until;

  fake_service_set_delay (fixture->service, "GET", OAUTH_URL_PATH, 1500);
  test_window_fill_form (fixture);
  connect = test_find_widget (fixture->window, "connect_button");
  test_click (fixture->window, "connect_button");

  test_wait_for (request_arrived, fixture, "the request");
  g_assert_cmpstr (test_window_visible_page (fixture), ==, "sign-in");
  g_assert_false (gtk_widget_is_sensitive (connect));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (test_find_widget (fixture->window,
                                                                          "spinner"))));

  g_assert_true (gtk_widget_activate_action (fixture->window, "win.cancel", NULL));
  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");
  g_assert_true (gtk_widget_is_sensitive (connect));

  /* The late answer is dropped: a cancelled request is never reported. */
  until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  test_wait_for (delay_passed, &until, "the delayed answer");
  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");
  g_assert_null (message_of (fixture, "slack_page"));
}

/* The metainfo promises a window that works 360 pixels wide, the width of
 * a phone; no page may ask for more.
 */
static void
test_window_fits_narrow_screens (TestWindow    *fixture,
                                 gconstpointer  user_data)
{
  const char *pages[] = { "account", "slack", "sign-in", "done" };
  GtkWidget *stack = test_find_widget (fixture->window, "stack");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      int minimum;

      gtk_stack_set_visible_child_name (GTK_STACK (stack), pages[i]);
      gtk_widget_measure (fixture->window, GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_test_message ("window on the %s page: at least %d pixels wide",
                      pages[i], minimum);
      g_assert_cmpint (minimum, <=, 360);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/hookline/window/" path, TestWindow, NULL, \
              test_window_set_up, func, test_window_tear_down)

  ADD ("starts-without-web-view", test_window_starts_without_web_view);
  ADD ("empty-account", test_window_empty_account);
  ADD ("plain-http-refused", test_window_plain_http_refused);
  ADD ("empty-slack-form", test_window_empty_slack_form);
  ADD ("forward-needs-url", test_window_forward_needs_url);
  ADD ("line-break-refused", test_window_line_break_refused);
  ADD ("enter-sends-form", test_window_enter_sends_form);
  ADD ("settings-without-secrets", test_window_settings_without_secrets);
  ADD ("settings-restored", test_window_settings_restored);
  ADD ("oauth-url-server-error", test_window_oauth_url_server_error);
  ADD ("unreachable", test_window_unreachable);
  ADD ("cancel", test_window_cancel);
  ADD ("fits-narrow-screens", test_window_fits_narrow_screens);

#undef ADD

  return g_test_run ();
}
