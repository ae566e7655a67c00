/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include <gtk/gtk.h>
#include <libsoup/soup.h>
#include <webkit/webkit.h>

#include "oauth-callback.h"
#include "oauth-sign-in-view.h"

/* Generous, so that a slow machine passes, yet a hang fails the test. */
#define WAIT_SECONDS 30

/* A consent page in the manner of a provider's: it reads where to send the
 * answer, and the state, from its own query. */
static const char consent_page[] =
  "<!DOCTYPE html><html><head><title>Consent</title></head><body>"
  "<button id='allow'>Allow</button>"
  "<button id='deny'>Deny</button>"
  "<button id='forge'>Forge</button>"
  "<button id='server'>Through the server</button>"
  "<button id='popup'>In a pop-up</button>"
  "<button id='app'>Open the app</button>"
  "<script>"
  "const p = new URLSearchParams (location.search);"
  "function back (q, state) {"
  "  location.href = p.get ('redirect_uri') + '?' + q +"
  "    '&state=' + encodeURIComponent (state);"
  "}"
  "document.getElementById ('allow').onclick ="
  "  () => back ('code=CODE-123', p.get ('state'));"
  "document.getElementById ('deny').onclick ="
  "  () => back ('error=access_denied', p.get ('state'));"
  "document.getElementById ('forge').onclick ="
  "  () => back ('code=CODE-123', 'forged');"
  "document.getElementById ('server').onclick ="
  "  () => { location.href = '/redirect' + location.search; };"
  "document.getElementById ('popup').onclick ="
  "  () => { window.open ('/popup' + location.search, 'signin',"
  "                       'width=400,height=400'); };"
  "document.getElementById ('app').onclick ="
  "  () => { location.href = 'slack://open?team=T1'; };"
  "</script></body></html>";

static const char popup_page[] =
  "<!DOCTYPE html><html><head><title>Pop-up</title></head><body>"
  "<p>Signing in</p>"
  "<script>"
  "const p = new URLSearchParams (location.search);"
  "setTimeout (() => {"
  "  location.href = p.get ('redirect_uri') + '?code=POPUP-CODE&state=' +"
  "    encodeURIComponent (p.get ('state'));"
  "}, 50);"
  "</script></body></html>";

typedef struct
{
  gboolean  done;
  char     *code;
  GError   *error;
} Result;

typedef struct
{
  SoupServer      *server;
  char            *base;
  char            *redirect_uri;
  char            *state;
  char            *oauth_url;
  guint            callback_hits;

  GtkWidget       *window;
  OauthSignInView *view;

  /* Here rather than on a test's stack, since an attempt still running
   * at the end of a test reports only during the tear-down. */
  Result           result;
  Result           other;

  guint            timeout_id;
  gboolean         timed_out;
} Fixture;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->code, g_free);
  g_clear_error (&result->error);
  result->done = FALSE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (path, "/callback"))
    {
      /* Reaching this means the code left the view: the test fails. */
      f->callback_hits++;
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "too late", 8);
    }
  else if (g_str_equal (path, "/authorize"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        consent_page, strlen (consent_page));
    }
  else if (g_str_equal (path, "/popup"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        popup_page, strlen (popup_page));
    }
  else if (g_str_equal (path, "/away"))
    {
      soup_server_message_set_redirect (msg, 302,
                                        "http://sign-in.invalid/authorize");
    }
  else if (g_str_equal (path, "/redirect") && query != NULL)
    {
      const char *state = g_hash_table_lookup (query, "state");
      g_autofree char *escaped = NULL;
      g_autofree char *location = NULL;

      escaped = g_uri_escape_string (state != NULL ? state : "", NULL, FALSE);
      location = g_strdup_printf ("%s?code=SERVER-CODE&state=%s",
                                  f->redirect_uri, escaped);
      soup_server_message_set_redirect (msg, 302, location);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
    }
}

static gboolean
timeout_cb (gpointer user_data)
{
  Fixture *f = user_data;

  f->timed_out = TRUE;
  f->timeout_id = 0;

  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
spin_until (Fixture   *f,
            Condition  condition,
            gpointer   data)
{
  f->timed_out = FALSE;
  f->timeout_id = g_timeout_add_seconds (WAIT_SECONDS, timeout_cb, f);

  while (!condition (data) && !f->timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_clear_handle_id (&f->timeout_id, g_source_remove);
  g_assert_false (f->timed_out);
}

static gboolean
wakeup_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Gives a request that escaped the view the time to reach the server. */
static void
spin_for (Fixture *f,
          guint    milliseconds)
{
  gboolean woken = FALSE;

  g_timeout_add (milliseconds, wakeup_cb, &woken);
  spin_until (f, flag_is_set, &woken);
}

/* The last match in tree order, which is the newest page of a stack. */
static GtkWidget *
find_descendant (GtkWidget  *widget,
                 const char *type_name)
{
  GtkWidget *child;

  /* By name, so that looking does not load the type it looks for. */
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), type_name))
    return widget;

  for (child = gtk_widget_get_last_child (widget);
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  GtkWidget *child;

  if (GTK_IS_LABEL (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static WebKitWebView *
get_web_view (Fixture *f)
{
  GtkWidget *web_view = find_descendant (GTK_WIDGET (f->view),
                                         "WebKitWebView");

  g_assert_nonnull (web_view);

  return WEBKIT_WEB_VIEW (web_view);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *escaped_redirect = NULL;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  f->base = g_strdup_printf ("http://127.0.0.1:%d",
                             g_uri_get_port (uris->data));
  f->redirect_uri = g_strconcat (f->base, "/callback", NULL);
  f->state = oauth_state_new ();

  escaped_redirect = g_uri_escape_string (f->redirect_uri, NULL, FALSE);
  f->oauth_url = g_strdup_printf ("%s/authorize?redirect_uri=%s&state=%s",
                                  f->base, escaped_redirect, f->state);

  f->view = OAUTH_SIGN_IN_VIEW (oauth_sign_in_view_new ());
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
}

static gboolean
view_is_gone (gpointer data)
{
  Fixture *f = data;

  return f->view == NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));

  /* Nothing may keep the view alive once its window is gone. */
  spin_until (f, view_is_gone, f);

  /* A request that escaped at the very end would show up here. */
  g_assert_cmpuint (f->callback_hits, ==, 0);

  result_clear (&f->result);
  result_clear (&f->other);

  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base);
  g_free (f->redirect_uri);
  g_free (f->state);
  g_free (f->oauth_url);
}

static void
authorize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Result *r = user_data;

  r->code = oauth_sign_in_view_authorize_finish (OAUTH_SIGN_IN_VIEW (object),
                                                 result, &r->error);
  r->done = TRUE;
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  load_event,
                 gpointer         user_data)
{
  if (load_event == WEBKIT_LOAD_FINISHED)
    *(gboolean *) user_data = TRUE;
}

/* Starts an attempt on the fixture's consent page and waits for the page. */
static void
start_and_load (Fixture      *f,
                GCancellable *cancellable,
                Result       *result)
{
  WebKitWebView *web_view;
  gboolean loaded = FALSE;
  gulong handler;

  oauth_sign_in_view_authorize_async (f->view, f->oauth_url, f->redirect_uri,
                                      f->state, cancellable, authorize_cb,
                                      result);

  web_view = get_web_view (f);
  handler = g_signal_connect (web_view, "load-changed",
                              G_CALLBACK (load_changed_cb), &loaded);
  spin_until (f, flag_is_set, &loaded);
  g_signal_handler_disconnect (web_view, handler);

  g_assert_false (result->done);
  g_assert_true (g_str_has_prefix (webkit_web_view_get_uri (web_view),
                                   f->base));
}

static void
click (Fixture    *f,
       const char *button)
{
  g_autofree char *script = NULL;

  script = g_strdup_printf ("document.getElementById ('%s').click ();",
                            button);
  webkit_web_view_evaluate_javascript (get_web_view (f), script, -1,
                                       NULL, NULL, NULL, NULL, NULL);
}

/* After an attempt the view holds no page any more. */
static void
assert_attempt_released (Fixture *f)
{
  g_assert_null (find_descendant (GTK_WIDGET (f->view), "WebKitWebView"));
  g_assert_null (oauth_sign_in_view_get_host (f->view));
  g_assert_false (oauth_sign_in_view_get_loading (f->view));
}

static void
test_no_webkit_before_authorize (Fixture       *f,
                                 gconstpointer  data)
{
  gboolean registered = g_type_from_name ("WebKitWebView") != 0;
  Result *result = &f->result;

  /* The fixture built and showed the view already. */
  spin_for (f, 100);
  g_assert_null (find_descendant (GTK_WIDGET (f->view), "WebKit"));
  if (!registered)
    {
      g_assert_cmpuint (g_type_from_name ("WebKitWebView"), ==, 0);
      g_assert_cmpuint (g_type_from_name ("WebKitNetworkSession"), ==, 0);
    }
  g_assert_null (oauth_sign_in_view_get_host (f->view));
  g_assert_false (oauth_sign_in_view_get_loading (f->view));

  /* A refused redirect URL does not start WebKit either. */
  oauth_sign_in_view_authorize_async (f->view, f->oauth_url, "ftp://x/cb",
                                      f->state, NULL, authorize_cb, result);
  spin_until (f, flag_is_set, &result->done);
  g_assert_error (result->error, OAUTH_ERROR, OAUTH_ERROR_INVALID_REDIRECT);
  g_assert_null (find_descendant (GTK_WIDGET (f->view), "WebKit"));
  if (!registered)
    g_assert_cmpuint (g_type_from_name ("WebKitWebView"), ==, 0);
  result_clear (result);

  /* Authorizing is what makes the web view. */
  start_and_load (f, NULL, result);
  g_assert_nonnull (find_descendant (GTK_WIDGET (f->view), "WebKitWebView"));
}

static void
test_code (Fixture       *f,
           gconstpointer  data)
{
  Result *result = &f->result;

  start_and_load (f, NULL, result);
  click (f, "allow");
  spin_until (f, flag_is_set, &result->done);

  g_assert_no_error (result->error);
  g_assert_cmpstr (result->code, ==, "CODE-123");
  assert_attempt_released (f);

  spin_for (f, 250);
  g_assert_cmpuint (f->callback_hits, ==, 0);
  result_clear (result);
}

static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  Result *result = &f->result;

  start_and_load (f, NULL, result);
  click (f, "deny");
  spin_until (f, flag_is_set, &result->done);

  g_assert_null (result->code);
  g_assert_error (result->error, OAUTH_ERROR, OAUTH_ERROR_DENIED);

  spin_for (f, 250);
  g_assert_cmpuint (f->callback_hits, ==, 0);
  result_clear (result);
}

static void
test_server_redirect (Fixture       *f,
                      gconstpointer  data)
{
  Result *result = &f->result;

  start_and_load (f, NULL, result);
  click (f, "server");
  spin_until (f, flag_is_set, &result->done);

  g_assert_no_error (result->error);
  g_assert_cmpstr (result->code, ==, "SERVER-CODE");

  spin_for (f, 250);
  g_assert_cmpuint (f->callback_hits, ==, 0);
  result_clear (result);
}

static void
test_state_mismatch (Fixture       *f,
                     gconstpointer  data)
{
  Result *result = &f->result;

  start_and_load (f, NULL, result);
  click (f, "forge");
  spin_until (f, flag_is_set, &result->done);

  g_assert_null (result->code);
  g_assert_error (result->error, OAUTH_ERROR, OAUTH_ERROR_STATE_MISMATCH);

  spin_for (f, 250);
  g_assert_cmpuint (f->callback_hits, ==, 0);
  result_clear (result);
}

static void
test_popup (Fixture       *f,
            gconstpointer  data)
{
  Result *result = &f->result;

  start_and_load (f, NULL, result);
  click (f, "popup");
  spin_until (f, flag_is_set, &result->done);

  g_assert_no_error (result->error);
  g_assert_cmpstr (result->code, ==, "POPUP-CODE");
  assert_attempt_released (f);

  spin_for (f, 250);
  g_assert_cmpuint (f->callback_hits, ==, 0);
  result_clear (result);
}

static void
test_other_scheme (Fixture       *f,
                   gconstpointer  data)
{
  Result *result = &f->result;
  g_autofree char *uri = NULL;

  /* Refused quietly: the page stays, and the attempt goes on. */
  start_and_load (f, NULL, result);
  uri = g_strdup (webkit_web_view_get_uri (get_web_view (f)));
  click (f, "app");
  spin_for (f, 500);
  g_assert_false (result->done);
  g_assert_cmpstr (webkit_web_view_get_uri (get_web_view (f)), ==, uri);

  click (f, "allow");
  spin_until (f, flag_is_set, &result->done);
  g_assert_no_error (result->error);
  g_assert_cmpstr (result->code, ==, "CODE-123");
  result_clear (result);
}

static guint16
closed_port (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  guint16 port;

  /* Bound and never listened on, then closed: connections are refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

static void
test_load_failed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *url = NULL;
  Result *result = &f->result;

  url = g_strdup_printf ("http://127.0.0.1:%u/authorize", closed_port ());
  oauth_sign_in_view_authorize_async (f->view, url, f->redirect_uri,
                                      f->state, NULL, authorize_cb, result);
  spin_until (f, flag_is_set, &result->done);

  g_assert_null (result->code);
  g_assert_error (result->error, OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED);
  g_assert_nonnull (strstr (result->error->message, "127.0.0.1"));
  assert_attempt_released (f);
  result_clear (result);
}

static void
test_unencrypted (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *away = g_strconcat (f->base, "/away", NULL);
  const char *urls[] = { "http://sign-in.invalid/authorize", away };
  Result *result = &f->result;
  gsize i;

  /* Asked for directly, then reached through a redirect from this
   * computer, which is allowed plain http. */
  for (i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      oauth_sign_in_view_authorize_async (f->view, urls[i], f->redirect_uri,
                                          f->state, NULL, authorize_cb,
                                          result);
      spin_until (f, flag_is_set, &result->done);

      g_assert_null (result->code);
      g_assert_error (result->error, OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED);
      g_assert_nonnull (strstr (result->error->message, "unencrypted"));
      g_assert_nonnull (strstr (result->error->message,
                                "http://sign-in.invalid"));
      assert_attempt_released (f);
      result_clear (result);
    }
}

static void
test_web_process_ended (Fixture       *f,
                        gconstpointer  data)
{
  Result *result = &f->result;

  start_and_load (f, NULL, result);
  webkit_web_view_terminate_web_process (get_web_view (f));
  spin_until (f, flag_is_set, &result->done);

  g_assert_null (result->code);
  g_assert_error (result->error, OAUTH_ERROR, OAUTH_ERROR_WEB_PROCESS_CRASHED);
  result_clear (result);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Result *result = &f->result;

  start_and_load (f, cancellable, result);
  g_cancellable_cancel (cancellable);

  /* Never synchronously from inside the cancellation. */
  g_assert_false (result->done);
  spin_until (f, flag_is_set, &result->done);

  g_assert_null (result->code);
  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_attempt_released (f);
  result_clear (result);

  /* An already cancelled attempt makes no web view at all. */
  oauth_sign_in_view_authorize_async (f->view, f->oauth_url, f->redirect_uri,
                                      f->state, cancellable, authorize_cb,
                                      result);
  g_assert_null (find_descendant (GTK_WIDGET (f->view), "WebKitWebView"));
  spin_until (f, flag_is_set, &result->done);
  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (result);
}

static void
test_superseded (Fixture       *f,
                 gconstpointer  data)
{
  Result *first = &f->result;
  Result *second = &f->other;

  start_and_load (f, NULL, first);
  start_and_load (f, NULL, second);

  g_assert_true (first->done);
  g_assert_error (first->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  click (f, "allow");
  spin_until (f, flag_is_set, &second->done);
  g_assert_no_error (second->error);
  g_assert_cmpstr (second->code, ==, "CODE-123");

  result_clear (first);
  result_clear (second);
}

static void
test_dispose_cancels (Fixture       *f,
                      gconstpointer  data)
{
  Result *result = &f->result;

  start_and_load (f, NULL, result);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;

  spin_until (f, flag_is_set, &result->done);
  g_assert_null (result->code);
  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (result);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_host (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *host = NULL;
  GtkWidget *insecure;
  Result *result = &f->result;
  guint host_changes = 0;
  guint loading_changes = 0;
  gboolean loading;

  g_signal_connect (f->view, "notify::host",
                    G_CALLBACK (count_notify_cb), &host_changes);
  g_signal_connect (f->view, "notify::loading",
                    G_CALLBACK (count_notify_cb), &loading_changes);

  start_and_load (f, NULL, result);
  spin_for (f, 100);

  g_assert_cmpstr (oauth_sign_in_view_get_host (f->view), ==, "127.0.0.1");
  g_object_get (f->view, "host", &host, "loading", &loading, NULL);
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_false (loading);
  g_assert_cmpuint (host_changes, >=, 1);

  /* It loaded, then stopped: at least two changes. */
  g_assert_cmpuint (loading_changes, >=, 2);

  /* The test server speaks plain http, which the bar points out. */
  insecure = find_label (GTK_WIDGET (f->view), "Not secure");
  g_assert_nonnull (insecure);
  g_assert_true (gtk_widget_get_visible (insecure));

  g_signal_handlers_disconnect_by_data (f->view, &host_changes);
  g_signal_handlers_disconnect_by_data (f->view, &loading_changes);

  click (f, "allow");
  spin_until (f, flag_is_set, &result->done);
  g_assert_cmpstr (result->code, ==, "CODE-123");
  g_assert_false (gtk_widget_get_visible (insecure));
  result_clear (result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  gtk_init ();

#define ADD(path, func) \
  g_test_add ("/hookline/sign-in-view/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  /* First, while no other test has loaded WebKit. */
  ADD ("no-webkit-before-authorize", test_no_webkit_before_authorize);
  ADD ("code", test_code);
  ADD ("denied", test_denied);
  ADD ("server-redirect", test_server_redirect);
  ADD ("state-mismatch", test_state_mismatch);
  ADD ("popup", test_popup);
  ADD ("other-scheme", test_other_scheme);
  ADD ("load-failed", test_load_failed);
  ADD ("unencrypted", test_unencrypted);
  ADD ("web-process-ended", test_web_process_ended);
  ADD ("cancel", test_cancel);
  ADD ("superseded", test_superseded);
  ADD ("dispose-cancels", test_dispose_cancels);
  ADD ("host", test_host);

#undef ADD

  return g_test_run ();
}
