/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "oauth-callback.h"
#include "oauth-sign-in-view.h"

struct _OauthSignInView
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *security_icon;
  GtkWidget *host_label;
  GtkWidget *insecure_label;
  GtkWidget *progress_bar;
  GtkWidget *stack;

  /* The attempt in progress, or NULL, and its web views (borrowed). */
  GTask     *task;
  GPtrArray *web_views;
  GSource   *cancel_source;

  char      *host;
  gboolean   loading;
};

G_DEFINE_FINAL_TYPE (OauthSignInView, oauth_sign_in_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HOST,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The task data. The web views, the main one first and then its pop-ups,
 * live only as long as the attempt; the outcome waits in @code or @error
 * until WebKit has returned from the signal that brought it. */
typedef struct
{
  char      *redirect_uri;
  char      *state;
  GPtrArray *web_views;
  char      *code;
  GError    *error;
} Attempt;

static WebKitWebView *new_web_view (OauthSignInView *self,
                                    WebKitWebView   *opener);

static void
attempt_free (gpointer data)
{
  Attempt *attempt = data;

  g_free (attempt->redirect_uri);
  g_free (attempt->state);
  g_ptr_array_unref (attempt->web_views);
  g_free (attempt->code);
  g_clear_error (&attempt->error);
  g_free (attempt);
}

/* Shows what the page on top is and does. It runs on any change of any
 * page: finding out whether that page is on top costs as much. */
static void
update_bar (OauthSignInView *self)
{
  GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (self->stack));
  g_autoptr (GUri) uri = NULL;
  const char *host = NULL;
  gboolean secure = FALSE;
  gboolean loading = FALSE;
  double progress = 0.0;

  if (self->web_views != NULL &&
      g_ptr_array_find (self->web_views, shown, NULL))
    {
      WebKitWebView *web_view = WEBKIT_WEB_VIEW (shown);
      const char *address = webkit_web_view_get_uri (web_view);

      if (address != NULL)
        uri = g_uri_parse (address, G_URI_FLAGS_ENCODED, NULL);
      loading = webkit_web_view_is_loading (web_view);
      progress = webkit_web_view_get_estimated_load_progress (web_view);
    }

  /* A page that failed its certificate check is never shown, so https
   * here means a trusted connection. */
  if (uri != NULL)
    {
      host = g_uri_get_host (uri);
      secure = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
    }

  gtk_label_set_text (GTK_LABEL (self->host_label), host != NULL ? host : "");
  gtk_widget_set_visible (self->security_icon, host != NULL);
  gtk_widget_set_visible (self->insecure_label, host != NULL && !secure);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->security_icon),
                                secure ? "channel-secure-symbolic"
                                       : "channel-insecure-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->security_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  secure ? _("Secure connection")
                                         : _("Connection not secure"),
                                  -1);
  gtk_widget_set_visible (self->progress_bar, loading);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                 progress);

  if (g_strcmp0 (self->host, host) != 0)
    {
      g_free (self->host);
      self->host = g_strdup (host);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
    }

  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static gboolean
refuse_all_cb (WebKitWebView            *web_view,
               WebKitPolicyDecision     *decision,
               WebKitPolicyDecisionType  type,
               gpointer                  user_data)
{
  webkit_policy_decision_ignore (decision);
  return TRUE;
}

/* From here on the page cannot reach the widget, and whatever it still
 * tries to open is refused. */
static void
detach_web_view (OauthSignInView *self,
                 WebKitWebView   *web_view)
{
  g_signal_handlers_disconnect_by_data (web_view, self);
  g_signal_connect (web_view, "decide-policy",
                    G_CALLBACK (refuse_all_cb), NULL);
}

static gboolean
retire_cb (gpointer user_data)
{
  GPtrArray *web_views = user_data;
  guint i;

  for (i = 0; i < web_views->len; i++)
    {
      GtkWidget *web_view = g_ptr_array_index (web_views, i);
      GtkWidget *parent = gtk_widget_get_parent (web_view);

      webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (web_view));
      if (GTK_IS_STACK (parent))
        gtk_stack_remove (GTK_STACK (parent), web_view);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
complete_cb (gpointer user_data)
{
  GTask *task = user_data;
  Attempt *attempt = g_task_get_task_data (task);

  /* The pages go first, so that the caller finds the view empty. */
  retire_cb (attempt->web_views);

  if (attempt->error != NULL)
    g_task_return_error (task, g_steal_pointer (&attempt->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&attempt->code), g_free);

  return G_SOURCE_REMOVE;
}

/* Ends the attempt in progress with @code or @error, taking either.
 *
 * This runs inside WebKit's signal emissions, so the views are removed and
 * the task returned from an idle; but nothing of the attempt can reach the
 * widget from this moment on. */
static void
finish_attempt (OauthSignInView *self,
                char            *code,
                GError          *error)
{
  Attempt *attempt;
  guint i;

  g_assert (self->task != NULL);
  g_assert ((code == NULL) != (error == NULL));

  if (error != NULL)
    g_debug ("sign-in-view: attempt ended: %s", error->message);

  attempt = g_task_get_task_data (self->task);
  attempt->code = code;
  attempt->error = error;

  for (i = 0; i < attempt->web_views->len; i++)
    detach_web_view (self, g_ptr_array_index (attempt->web_views, i));
  self->web_views = NULL;

  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }

  g_idle_add_full (G_PRIORITY_DEFAULT, complete_cb,
                   g_steal_pointer (&self->task), g_object_unref);
  update_bar (self);
}

static void
fail_attempt (OauthSignInView *self,
              OauthError       code,
              const char      *message)
{
  finish_attempt (self, NULL, g_error_new_literal (OAUTH_ERROR, code, message));
}

static void
cancel_attempt (OauthSignInView *self)
{
  if (self->task == NULL)
    return;

  finish_attempt (self, NULL,
                  g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("Sign-in was cancelled")));
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  cancel_attempt (OAUTH_SIGN_IN_VIEW (user_data));

  return G_SOURCE_REMOVE;
}

static gboolean
decide_navigation (OauthSignInView                *self,
                   WebKitNavigationPolicyDecision *decision)
{
  Attempt *attempt = g_task_get_task_data (self->task);
  g_autoptr (GError) error = NULL;
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;
  char *code;

  action = webkit_navigation_policy_decision_get_navigation_action (decision);
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* The callback comes first: it is never loaded, so it may be plain http
   * on any host. WebKit does not tell which frame a navigation is for, and
   * a password field in an unencrypted frame is as exposed as in an
   * unencrypted page, so such a navigation ends the attempt in any frame. */
  if (!oauth_callback_matches (uri, attempt->redirect_uri))
    {
      if (oauth_uri_may_load (uri))
        return FALSE;

      webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
      if (!oauth_uri_check_encrypted (uri, &error))
        finish_attempt (self, NULL, g_steal_pointer (&error));
      else
        g_debug ("sign-in-view: refused a navigation outside the web");
      return TRUE;
    }

  /* Refused before WebKit sends anything: the code stays on this machine,
   * and the redirect target never sees a request. */
  webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));

  g_debug ("sign-in-view: caught the callback");
  code = oauth_callback_parse (uri, attempt->state, &error);
  finish_attempt (self, code, g_steal_pointer (&error));

  return TRUE;
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  WebKitResponsePolicyDecision *response;
  g_autofree char *host = NULL;

  if (type != WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return decide_navigation (OAUTH_SIGN_IN_VIEW (user_data),
                              WEBKIT_NAVIGATION_POLICY_DECISION (decision));

  response = WEBKIT_RESPONSE_POLICY_DECISION (decision);
  host = oauth_uri_dup_web_host (webkit_uri_response_get_uri (
    webkit_response_policy_decision_get_response (response)));

  /* Decided here rather than by default, which would start a download for
   * an attachment: a sign-in needs none, and its pages come from the web. */
  if (webkit_response_policy_decision_is_mime_type_supported (response) &&
      (host != NULL ||
       !webkit_response_policy_decision_is_main_frame_main_resource (response)))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  g_debug ("sign-in-view: refused a response");
  webkit_policy_decision_ignore (decision);

  return TRUE;
}

static GtkWidget *
create_cb (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           gpointer                user_data)
{
  g_debug ("sign-in-view: opening a pop-up");

  return GTK_WIDGET (new_web_view (OAUTH_SIGN_IN_VIEW (user_data), web_view));
}

static void
ready_to_show_cb (WebKitWebView *web_view,
                  gpointer       user_data)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);

  if (gtk_widget_get_parent (GTK_WIDGET (web_view)) != NULL)
    return;

  /* The pop-up takes the place of its opener until it closes. */
  gtk_stack_add_child (GTK_STACK (self->stack), GTK_WIDGET (web_view));
  gtk_stack_set_visible_child (GTK_STACK (self->stack), GTK_WIDGET (web_view));
  update_bar (self);
}

static void
close_cb (WebKitWebView *web_view,
          gpointer       user_data)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);
  GPtrArray *web_views = self->web_views;
  GPtrArray *closed;
  GtkWidget *shown;
  guint index;

  /* The main page stays until the attempt ends, or there would be nothing
   * left to sign in with. */
  if (!g_ptr_array_find (web_views, web_view, &index) || index == 0)
    return;

  g_debug ("sign-in-view: pop-up closed");
  detach_web_view (self, web_view);

  closed = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (closed, g_ptr_array_steal_index (web_views, index));
  g_idle_add_full (G_PRIORITY_DEFAULT, retire_cb, closed,
                   (GDestroyNotify) g_ptr_array_unref);

  /* Back to the newest page left, if it is shown, or else the main one. */
  shown = g_ptr_array_index (web_views, web_views->len - 1);
  if (gtk_widget_get_parent (shown) != self->stack)
    shown = g_ptr_array_index (web_views, 0);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), shown);
  update_bar (self);
}

/* FIXME: WebKit reports no failure for a port it blocks (such as 9 or 25):
 * it shows an empty page, so a sign-in link on such a port leaves the user
 * on a blank view with only Cancel. No signal tells that case apart.
 */
static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  load_event,
                const char      *failing_uri,
                GError          *error,
                gpointer         user_data)
{
  g_autofree char *host = NULL;
  g_autofree char *message = NULL;

  /* A stopped load, or one this view refused itself, is no failure. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR,
                       WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  host = oauth_uri_dup_web_host (failing_uri);
  message = g_strdup_printf (_("Could not load the page from %s: %s"),
                             host != NULL ? host : failing_uri,
                             error->message);
  fail_attempt (OAUTH_SIGN_IN_VIEW (user_data), OAUTH_ERROR_LOAD_FAILED,
                message);

  return TRUE;
}

static gboolean
load_failed_with_tls_errors_cb (WebKitWebView        *web_view,
                                const char           *failing_uri,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                gpointer              user_data)
{
  g_autofree char *host = oauth_uri_dup_web_host (failing_uri);
  g_autofree char *message = NULL;

  /* There is deliberately no way past this: a sign-in page on an untrusted
   * connection could be anyone's. */
  message = g_strdup_printf (_("The certificate of %s is not trusted, so "
                               "its page was not loaded."),
                             host != NULL ? host : failing_uri);
  fail_attempt (OAUTH_SIGN_IN_VIEW (user_data), OAUTH_ERROR_LOAD_FAILED,
                message);

  return TRUE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           user_data)
{
  fail_attempt (OAUTH_SIGN_IN_VIEW (user_data),
                OAUTH_ERROR_WEB_PROCESS_CRASHED,
                reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
                ? _("The sign-in page used too much memory and was stopped.")
                : _("The sign-in page stopped unexpectedly."));
}

static void
page_changed_cb (WebKitWebView *web_view,
                 GParamSpec    *pspec,
                 gpointer       user_data)
{
  update_bar (OAUTH_SIGN_IN_VIEW (user_data));
}

/* Makes the main page of an attempt, or a pop-up of @opener, and keeps it
 * in the attempt's list. */
static WebKitWebView *
new_web_view (OauthSignInView *self,
              WebKitWebView   *opener)
{
  static const struct {
    const char *signal;
    GCallback   callback;
  } handlers[] = {
    { "decide-policy", G_CALLBACK (decide_policy_cb) },
    { "create", G_CALLBACK (create_cb) },
    { "ready-to-show", G_CALLBACK (ready_to_show_cb) },
    { "close", G_CALLBACK (close_cb) },
    { "load-failed", G_CALLBACK (load_failed_cb) },
    { "load-failed-with-tls-errors",
      G_CALLBACK (load_failed_with_tls_errors_cb) },
    { "web-process-terminated", G_CALLBACK (web_process_terminated_cb) },
    { "notify::uri", G_CALLBACK (page_changed_cb) },
    { "notify::is-loading", G_CALLBACK (page_changed_cb) },
    { "notify::estimated-load-progress", G_CALLBACK (page_changed_cb) },
  };
  WebKitWebView *web_view;
  guint i;

  if (opener == NULL)
    {
      g_autoptr (WebKitNetworkSession) session = NULL;

      /* A new ephemeral session per attempt: no cookie or login outlives
       * it, so each attempt may pick another Slack account. */
      session = webkit_network_session_new_ephemeral ();
      webkit_network_session_set_tls_errors_policy (
        session, WEBKIT_TLS_ERRORS_POLICY_FAIL);
      web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                               "network-session", session,
                               NULL);
    }
  else
    {
      /* Related, to share the opener's web process and session. */
      WebKitSettings *settings = webkit_web_view_get_settings (opener);

      web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                               "related-view", opener,
                               "settings", settings,
                               NULL);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (web_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  opener == NULL ? _("Sign-in page")
                                                 : _("Sign-in pop-up"),
                                  -1);

  for (i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_connect (web_view, handlers[i].signal, handlers[i].callback,
                      self);

  g_ptr_array_add (self->web_views, g_object_ref_sink (web_view));

  return web_view;
}

static void
oauth_sign_in_view_unroot (GtkWidget *widget)
{
  /* The task holds the view, so only the end of the attempt can let it
   * go; and a view taken out of its window has no one left to sign in. */
  cancel_attempt (OAUTH_SIGN_IN_VIEW (widget));

  GTK_WIDGET_CLASS (oauth_sign_in_view_parent_class)->unroot (widget);
}

static void
oauth_sign_in_view_dispose (GObject *object)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (object);

  cancel_attempt (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (oauth_sign_in_view_parent_class)->dispose (object);
}

static void
oauth_sign_in_view_finalize (GObject *object)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (object);

  g_free (self->host);

  G_OBJECT_CLASS (oauth_sign_in_view_parent_class)->finalize (object);
}

static void
oauth_sign_in_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oauth_sign_in_view_class_init (OauthSignInViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oauth_sign_in_view_dispose;
  object_class->finalize = oauth_sign_in_view_finalize;
  object_class->get_property = oauth_sign_in_view_get_property;

  widget_class->unroot = oauth_sign_in_view_unroot;

  /* The host of the page shown, or NULL when there is none. */
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /* Whether the page shown is loading. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "oauthsigninview");
}

static void
oauth_sign_in_view_init (OauthSignInView *self)
{
  GtkWidget *bar;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (bar, "toolbar");
  gtk_box_append (GTK_BOX (self->box), bar);

  self->security_icon = gtk_image_new ();
  gtk_widget_set_visible (self->security_icon, FALSE);
  gtk_box_append (GTK_BOX (bar), self->security_icon);

  self->host_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->host_label), PANGO_ELLIPSIZE_START);
  gtk_label_set_xalign (GTK_LABEL (self->host_label), 0.0);
  gtk_widget_set_hexpand (self->host_label, TRUE);
  gtk_box_append (GTK_BOX (bar), self->host_label);

  self->insecure_label = gtk_label_new (_("Not secure"));
  gtk_widget_add_css_class (self->insecure_label, "warning");
  gtk_widget_set_visible (self->insecure_label, FALSE);
  gtk_box_append (GTK_BOX (bar), self->insecure_label);

  self->progress_bar = gtk_progress_bar_new ();
  gtk_widget_set_visible (self->progress_bar, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Page loading progress"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->progress_bar);

  /* Web views come with each attempt, so that nothing of WebKit is loaded
   * before a sign-in starts. */
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->stack);
}

GtkWidget *
oauth_sign_in_view_new (void)
{
  return g_object_new (OAUTH_TYPE_SIGN_IN_VIEW, NULL);
}

/* Returns: (nullable): the host of the page shown */
const char *
oauth_sign_in_view_get_host (OauthSignInView *self)
{
  g_return_val_if_fail (OAUTH_IS_SIGN_IN_VIEW (self), NULL);

  return self->host;
}

gboolean
oauth_sign_in_view_get_loading (OauthSignInView *self)
{
  g_return_val_if_fail (OAUTH_IS_SIGN_IN_VIEW (self), FALSE);

  return self->loading;
}

/**
 * oauth_sign_in_view_authorize_async:
 * @self: a #OauthSignInView
 * @oauth_url: the provider's authorization URL
 * @redirect_uri: the redirect URL the provider answers to
 * @state: the state sent in @oauth_url
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the attempt ends
 * @user_data: data for @callback
 *
 * Shows @oauth_url in a new web view on a new ephemeral session, and waits
 * for a navigation to @redirect_uri, which is refused before it is sent and
 * read for the code. A new call cancels the attempt in progress, as does
 * taking the view out of its window.
 */
void
oauth_sign_in_view_authorize_async (OauthSignInView     *self,
                                    const char          *oauth_url,
                                    const char          *redirect_uri,
                                    const char          *state,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *host = NULL;
  WebKitWebView *web_view;
  Attempt *attempt;

  g_return_if_fail (OAUTH_IS_SIGN_IN_VIEW (self));
  g_return_if_fail (oauth_url != NULL);
  g_return_if_fail (redirect_uri != NULL);
  g_return_if_fail (state != NULL && *state != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  cancel_attempt (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oauth_sign_in_view_authorize_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!oauth_redirect_is_valid (redirect_uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  host = oauth_uri_dup_web_host (oauth_url);
  if (host == NULL)
    {
      g_task_return_new_error (task, OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED,
                               _("The sign-in address is not a web address."));
      return;
    }

  attempt = g_new0 (Attempt, 1);
  attempt->redirect_uri = g_strdup (redirect_uri);
  attempt->state = g_strdup (state);
  attempt->web_views = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, attempt, attempt_free);

  g_debug ("sign-in-view: starting an attempt on %s", host);
  self->task = g_steal_pointer (&task);
  self->web_views = attempt->web_views;

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb),
                             self, NULL);
      g_source_attach (self->cancel_source,
                       g_main_context_get_thread_default ());
    }

  web_view = new_web_view (self, NULL);
  gtk_stack_add_child (GTK_STACK (self->stack), GTK_WIDGET (web_view));
  gtk_stack_set_visible_child (GTK_STACK (self->stack), GTK_WIDGET (web_view));
  webkit_web_view_load_uri (web_view, oauth_url);
  update_bar (self);
}

/**
 * oauth_sign_in_view_authorize_finish:
 * @self: a #OauthSignInView
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the code, or %NULL with @error set to
 *   %G_IO_ERROR_CANCELLED when cancelled or replaced, or to an #OauthError
 */
char *
oauth_sign_in_view_authorize_finish (OauthSignInView  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (OAUTH_IS_SIGN_IN_VIEW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        oauth_sign_in_view_authorize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
