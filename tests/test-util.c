/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <webkit/webkit.h>

#include "ce-client.h"
#include "hookline-window.h"
#include "test-util.h"

/* How long a test waits for something a user would see happen. Generous,
 * because the web process starts cold on a loaded machine; a hang still
 * fails the test instead of blocking the suite.
 */
#define WAIT_SECONDS 60

/**
 * test_find_widget:
 * @root: where to start
 * @id: the object id the widget has in its .ui template
 *
 * Returns: (transfer none): the first widget below @root with that id
 */
GtkWidget *
test_find_widget (GtkWidget  *root,
                  const char *id)
{
  const char *root_id = NULL;

  if (GTK_IS_BUILDABLE (root))
    root_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (root_id, id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_widget (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
test_find_widget_type (GtkWidget *root,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_widget_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
test_wait_for (TestCondition  condition,
               gpointer       data,
               const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);

      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
test_wait_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
test_set_text (GtkWidget  *root,
               const char *id,
               const char *text)
{
  GtkWidget *widget = test_find_widget (root, id);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

const char *
test_get_text (GtkWidget  *root,
               const char *id)
{
  GtkWidget *widget = test_find_widget (root, id);

  g_assert_true (GTK_IS_EDITABLE (widget));

  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
clicked_cb (GtkButton *button,
            gpointer   user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Clicks as a user would: a button that is hidden or insensitive does
 * nothing, so the test checks that it can be clicked at all. A realized
 * button shows itself pressed for a moment before it reports the click.
 */
void
test_click (GtkWidget  *root,
            const char *id)
{
  GtkWidget *widget = test_find_widget (root, id);
  gboolean clicked = FALSE;
  gulong handler;

  g_assert_true (GTK_IS_BUTTON (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_is_visible (widget));

  handler = g_signal_connect (widget, "clicked", G_CALLBACK (clicked_cb), &clicked);
  gtk_widget_activate (widget);
  test_wait_for (is_true, &clicked, id);
  g_signal_handler_disconnect (widget, handler);
}

void
test_window_set_up (TestWindow    *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr (GError) error = NULL;

  fixture->service = fake_service_new (0, &error);
  g_assert_no_error (error);

  fixture->session = ce_session_new ("Hookline-test");
  fixture->settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  fixture->window = g_object_new (HOOKLINE_TYPE_WINDOW,
                                  "session", fixture->session,
                                  "settings", fixture->settings,
                                  NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_wait_idle ();
}

void
test_window_tear_down (TestWindow    *fixture,
                       gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  test_wait_idle ();

  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->service);
}

const char *
test_window_visible_page (TestWindow *fixture)
{
  GtkWidget *stack = test_find_widget (fixture->window, "stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
page_is (gpointer data)
{
  const char **args = data;

  return g_strcmp0 (test_window_visible_page ((TestWindow *) args[0]), args[1]) == 0;
}

void
test_window_wait_for_page (TestWindow *fixture,
                           const char *name)
{
  const char *args[] = { (const char *) fixture, name };

  test_wait_for (page_is, args, name);
}

void
test_window_fill_form (TestWindow *fixture)
{
  GtkWidget *window = fixture->window;
  GtkWidget *environment = test_find_widget (window, "environment_row");

  g_assert_cmpstr (test_window_visible_page (fixture), ==, "account");

  adw_combo_row_set_selected (ADW_COMBO_ROW (environment), 3);
  test_set_text (window, "base_url_row",
                 fake_service_get_base_url (fixture->service));
  test_set_text (window, "user_secret_row", TEST_USER_SECRET);
  test_set_text (window, "organization_secret_row", TEST_ORGANIZATION_SECRET);
  test_click (window, "continue_button");
  g_assert_cmpstr (test_window_visible_page (fixture), ==, "slack");

  test_set_text (window, "client_id_row", TEST_CLIENT_ID);
  test_set_text (window, "client_secret_row", TEST_CLIENT_SECRET);
  test_set_text (window, "redirect_url_row",
                 fake_service_get_redirect_url (fixture->service));
  test_set_text (window, "scopes_row", TEST_SCOPES);
  test_set_text (window, "instance_name_row", TEST_INSTANCE_NAME);
  test_set_text (window, "tags_row", "events, , team a ");
}

static gboolean
consent_page_loaded (gpointer data)
{
  TestWindow *fixture = data;
  GtkWidget *web_view = test_find_widget_type (fixture->window,
                                               WEBKIT_TYPE_WEB_VIEW);
  const char *uri;

  if (web_view == NULL || webkit_web_view_is_loading (WEBKIT_WEB_VIEW (web_view)))
    return FALSE;

  uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (web_view));

  return uri != NULL && strstr (uri, "/oauth/authorize") != NULL;
}

void
test_window_wait_for_consent_page (TestWindow *fixture)
{
  test_wait_for (consent_page_loaded, fixture, "the consent page");
}

/* Presses a button of the consent page the way a user's click would. */
void
test_window_press_consent_button (TestWindow *fixture,
                                  const char *button_id)
{
  GtkWidget *web_view;
  g_autofree char *script = NULL;

  test_window_wait_for_consent_page (fixture);

  web_view = test_find_widget_type (fixture->window, WEBKIT_TYPE_WEB_VIEW);
  script = g_strdup_printf ("document.getElementById('%s').click();", button_id);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (web_view),
                                       script, -1, NULL, NULL,
                                       NULL, NULL, NULL);
}
