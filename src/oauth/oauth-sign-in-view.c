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

  /* The attempt in progress, or NULL. Its web views (the main one first,
   * then pop-ups) live only as long as the attempt. */
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

typedef struct
{
  char *redirect_uri;
  char *state;
} Attempt;

/* What an ended attempt leaves to do once WebKit has returned from the
 * signal that ended it. */
typedef struct
{
  GTask     *task;
  GPtrArray *web_views;
  char      *code;
  GError    *error;
} Completion;

static void setup_web_view (OauthSignInView *self,
                            WebKitWebView   *web_view);

static void
attempt_free (gpointer data)
{
  Attempt *attempt = data;

  g_free (attempt->redirect_uri);
  g_free (attempt->state);
  g_free (attempt);
}

static void
completion_free (gpointer data)
{
  Completion *completion = data;

  g_clear_object (&completion->task);
  g_clear_pointer (&completion->web_views, g_ptr_array_unref);
  g_free (completion->code);
  g_clear_error (&completion->error);
  g_free (completion);
}

static gboolean
is_web_scheme (const char *scheme)
{
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "http") == 0);
}

/* The host of an http or https URI, or NULL for anything else. */
static char *
dup_web_host (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;
  const char *host;

  if (uri != NULL)
    parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL || !is_web_scheme (g_uri_get_scheme (parsed)))
    return NULL;

  host = g_uri_get_host (parsed);

  return host != NULL && *host != '\0' ? g_strdup (host) : NULL;
}

static WebKitWebView *
get_visible_web_view (OauthSignInView *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (GTK_STACK (self->stack));

  if (self->web_views == NULL || child == NULL)
    return NULL;

  if (!g_ptr_array_find (self->web_views, child, NULL))
    return NULL;

  return WEBKIT_WEB_VIEW (child);
}

static void
update_bar (OauthSignInView *self)
{
  WebKitWebView *web_view = get_visible_web_view (self);
  g_autoptr (GUri) uri = NULL;
  const char *host = NULL;
  gboolean secure = FALSE;
  gboolean loading = FALSE;

  if (web_view != NULL && webkit_web_view_get_uri (web_view) != NULL)
    uri = g_uri_parse (webkit_web_view_get_uri (web_view),
                       G_URI_FLAGS_ENCODED, NULL);

  /* A page that failed its certificate check is never shown, so https
   * here means a trusted connection. */
  if (uri != NULL)
    {
      host = g_uri_get_host (uri);
      secure = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
    }

  if (web_view != NULL)
    {
      loading = webkit_web_view_is_loading (web_view);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                     webkit_web_view_get_estimated_load_progress (web_view));
    }

  gtk_widget_set_visible (self->security_icon, host != NULL);
  gtk_widget_set_visible (self->insecure_label, host != NULL && !secure);
  gtk_widget_set_visible (self->progress_bar, loading);
  gtk_label_set_text (GTK_LABEL (self->host_label), host != NULL ? host : "");

  gtk_image_set_from_icon_name (GTK_IMAGE (self->security_icon),
                                secure ? "channel-secure-symbolic"
                                       : "channel-insecure-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->security_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  secure ? _("Secure connection")
                                         : _("Connection not secure"),
                                  -1);

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
  Completion *completion = user_data;

  /* The views go first, so the caller sees an empty view when told. */
  retire_cb (completion->web_views);

  if (completion->error != NULL)
    g_task_return_error (completion->task,
                         g_steal_pointer (&completion->error));
  else
    g_task_return_pointer (completion->task,
                           g_steal_pointer (&completion->code), g_free);

  return G_SOURCE_REMOVE;
}

/* Ends the attempt in progress with @code or @error, taking both.
 *
 * Nothing of the attempt can call back into the widget after this: signal
 * handlers are gone at once, and any navigation the pages still try is
 * refused. The views are removed and the task returned from an idle, because
 * this runs inside WebKit's signal emissions. */
static void
finish_attempt (OauthSignInView *self,
                char            *code,
                GError          *error)
{
  Completion *completion;
  guint i;

  g_assert (self->task != NULL);
  g_assert ((code == NULL) != (error == NULL));

  completion = g_new0 (Completion, 1);
  completion->task = g_steal_pointer (&self->task);
  completion->web_views = g_steal_pointer (&self->web_views);
  completion->code = code;
  completion->error = error;

  if (error != NULL)
    g_debug ("sign-in-view: attempt ended: %s", error->message);

  for (i = 0; i < completion->web_views->len; i++)
    {
      gpointer web_view = g_ptr_array_index (completion->web_views, i);

      g_signal_handlers_disconnect_by_data (web_view, self);
      g_signal_connect (web_view, "decide-policy",
                        G_CALLBACK (refuse_all_cb), NULL);
    }

  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }

  g_idle_add_full (G_PRIORITY_DEFAULT, complete_cb, completion,
                   completion_free);

  update_bar (self);
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
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);

  cancel_attempt (self);

  return G_SOURCE_REMOVE;
}

static gboolean
catch_callback (OauthSignInView      *self,
                WebKitPolicyDecision *decision,
                const char           *uri)
{
  Attempt *attempt = g_task_get_task_data (self->task);
  g_autoptr (GError) error = NULL;
  char *code;

  if (!oauth_callback_matches (uri, attempt->redirect_uri))
    return FALSE;

  /* Refused before WebKit sends anything: the code stays on this machine,
   * and the redirect target never sees a request. */
  webkit_policy_decision_ignore (decision);

  g_debug ("sign-in-view: caught the callback");
  code = oauth_callback_parse (uri, attempt->state, &error);
  finish_attempt (self, code, g_steal_pointer (&error));

  return TRUE;
}

static gboolean
is_harmless_scheme (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  /* Frames may show blank, inline and script-made documents; anything else
   * (files, other programs' schemes) has no place in a sign-in. Which of
   * these may fill the main frame is decided when its response arrives. */
  if (scheme == NULL)
    return FALSE;

  return is_web_scheme (scheme) ||
         g_ascii_strcasecmp (scheme, "about") == 0 ||
         g_ascii_strcasecmp (scheme, "data") == 0 ||
         g_ascii_strcasecmp (scheme, "blob") == 0;
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION ||
      type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    {
      WebKitNavigationPolicyDecision *navigation;
      WebKitNavigationAction *action;
      const char *uri;

      navigation = WEBKIT_NAVIGATION_POLICY_DECISION (decision);
      action = webkit_navigation_policy_decision_get_navigation_action (navigation);
      uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

      if (uri == NULL || !is_harmless_scheme (uri))
        {
          g_debug ("sign-in-view: refused a navigation outside the web");
          webkit_policy_decision_ignore (decision);
          return TRUE;
        }

      return catch_callback (self, decision, uri);
    }

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      WebKitResponsePolicyDecision *response;
      g_autofree char *host = NULL;

      response = WEBKIT_RESPONSE_POLICY_DECISION (decision);
      host = dup_web_host (webkit_uri_response_get_uri (webkit_response_policy_decision_get_response (response)));

      /* A sign-in needs no downloads, and its pages come from the web. */
      if (!webkit_response_policy_decision_is_mime_type_supported (response) ||
          (webkit_response_policy_decision_is_main_frame_main_resource (response) &&
           host == NULL))
        {
          g_debug ("sign-in-view: refused a response");
          webkit_policy_decision_ignore (decision);
          return TRUE;
        }
    }

  return FALSE;
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
  g_autoptr (GPtrArray) closed = NULL;
  guint index;

  /* The main page closing itself would leave nothing to sign in with; it
   * stays until the attempt ends. */
  if (!g_ptr_array_find (self->web_views, web_view, &index) || index == 0)
    return;

  g_debug ("sign-in-view: pop-up closed");

  g_signal_handlers_disconnect_by_data (web_view, self);
  g_signal_connect (web_view, "decide-policy",
                    G_CALLBACK (refuse_all_cb), NULL);

  closed = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (closed, g_ptr_array_steal_index (self->web_views, index));

  /* Back to the newest view still shown, which is the opener at the latest. */
  for (index = self->web_views->len; index > 0; index--)
    {
      GtkWidget *shown = g_ptr_array_index (self->web_views, index - 1);

      if (gtk_widget_get_parent (shown) == self->stack)
        {
          gtk_stack_set_visible_child (GTK_STACK (self->stack), shown);
          break;
        }
    }

  g_idle_add_full (G_PRIORITY_DEFAULT, retire_cb, g_steal_pointer (&closed),
                   (GDestroyNotify) g_ptr_array_unref);
  update_bar (self);
}

static GtkWidget *
create_cb (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           gpointer                user_data)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);
  WebKitWebView *popup;

  g_debug ("sign-in-view: opening a pop-up");

  /* Related, so it shares the attempt's web process and ephemeral session. */
  popup = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                        "related-view", web_view,
                        "settings", webkit_web_view_get_settings (web_view),
                        NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (popup),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sign-in pop-up"),
                                  -1);
  setup_web_view (self, popup);

  return GTK_WIDGET (popup);
}

static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  load_event,
                const char      *failing_uri,
                GError          *error,
                gpointer         user_data)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);
  g_autofree char *host = NULL;

  /* A stopped load, or one this view refused itself, is no failure. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR,
                       WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  host = dup_web_host (failing_uri);
  finish_attempt (self, NULL,
                  g_error_new (OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED,
                               _("Could not load the page from %s: %s"),
                               host != NULL ? host : failing_uri,
                               error->message));

  return TRUE;
}

static gboolean
load_failed_with_tls_errors_cb (WebKitWebView        *web_view,
                                const char           *failing_uri,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                gpointer              user_data)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);
  g_autofree char *host = dup_web_host (failing_uri);

  /* There is deliberately no way past this: a sign-in page on an untrusted
   * connection could be anyone's. */
  finish_attempt (self, NULL,
                  g_error_new (OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED,
                               _("The certificate of %s is not trusted, so "
                                 "its page was not loaded. Check the date "
                                 "and time of this computer and the network "
                                 "you are on."),
                               host != NULL ? host : failing_uri));

  return TRUE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           user_data)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);
  const char *message;

  if (reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT)
    message = _("The sign-in page used too much memory and was stopped.");
  else
    message = _("The sign-in page stopped unexpectedly.");

  finish_attempt (self, NULL,
                  g_error_new_literal (OAUTH_ERROR,
                                       OAUTH_ERROR_WEB_PROCESS_CRASHED,
                                       message));
}

static void
page_changed_cb (WebKitWebView *web_view,
                 GParamSpec    *pspec,
                 gpointer       user_data)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (user_data);

  if (get_visible_web_view (self) == web_view)
    update_bar (self);
}

static void
setup_web_view (OauthSignInView *self,
                WebKitWebView   *web_view)
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
  guint i;

  g_ptr_array_add (self->web_views, g_object_ref_sink (web_view));

  gtk_widget_set_hexpand (GTK_WIDGET (web_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (web_view), TRUE);

  for (i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_connect (web_view, handlers[i].signal, handlers[i].callback,
                      self);
}

static WebKitWebView *
create_main_web_view (void)
{
  g_autoptr (WebKitNetworkSession) session = NULL;
  WebKitWebView *web_view;

  /* A new ephemeral session per attempt: no cookie or login survives it,
   * so every attempt may pick another Slack account. */
  session = webkit_network_session_new_ephemeral ();
  webkit_network_session_set_tls_errors_policy (session,
                                                WEBKIT_TLS_ERRORS_POLICY_FAIL);

  web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                           "network-session", session,
                           NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (web_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sign-in page"),
                                  -1);

  return web_view;
}

static void
oauth_sign_in_view_unroot (GtkWidget *widget)
{
  OauthSignInView *self = OAUTH_SIGN_IN_VIEW (widget);

  /* The task holds the view, so only the end of the attempt can release
   * it; a view taken out of its window has no one left to sign in. */
  cancel_attempt (self);

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

  /**
   * OauthSignInView:host:
   *
   * The host of the page shown, or %NULL when there is none.
   */
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * OauthSignInView:loading:
   *
   * Whether the page shown is loading.
   */
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Page address"),
                                  -1);
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

  /* Only the stack is made here: web views are created per attempt, so
   * that nothing of WebKit is loaded before a sign-in starts. */
  self->stack = gtk_stack_new ();
  gtk_widget_set_hexpand (self->stack, TRUE);
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
 * @redirect_uri: the redirect URL the provider sends the answer to
 * @state: the state sent in @oauth_url
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the attempt ends
 * @user_data: data for @callback
 *
 * Shows @oauth_url in a fresh web view on a fresh ephemeral session and
 * waits for a navigation to @redirect_uri, which is refused before it is
 * sent and read for the code. Starting another attempt cancels this one.
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

  host = dup_web_host (oauth_url);
  if (host == NULL)
    {
      g_task_return_new_error (task, OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED,
                               _("The sign-in address is not a web address."));
      return;
    }

  attempt = g_new0 (Attempt, 1);
  attempt->redirect_uri = g_strdup (redirect_uri);
  attempt->state = g_strdup (state);
  g_task_set_task_data (task, attempt, attempt_free);

  self->task = g_steal_pointer (&task);
  self->web_views = g_ptr_array_new_with_free_func (g_object_unref);

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb),
                             self, NULL);
      g_source_attach (self->cancel_source,
                       g_main_context_get_thread_default ());
    }

  g_debug ("sign-in-view: starting an attempt");

  web_view = create_main_web_view ();
  setup_web_view (self, web_view);
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
 * Returns: (transfer full): the authorization code, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when cancelled or superseded, otherwise an
 *   #OauthError)
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
