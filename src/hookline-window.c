/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ce-error.h"
#include "ce-webhook.h"
#include "oauth-callback.h"

#include "hookline-window-private.h"

G_DEFINE_FINAL_TYPE (HooklineWindow, hookline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void authorize_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
stop_web_view (HooklineWindow *self)
{
  g_cancellable_cancel (self->view_cancellable);
  g_clear_object (&self->view_cancellable);
}

static void
end_attempt (HooklineWindow *self)
{
  stop_web_view (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->oauth_url, g_free);

  hookline_window_update_actions (self);
}

static void
show_form_error (HooklineWindow *self,
                 const GError   *error,
                 const char     *context)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf ("%s\n%s", context, error->message);

  if (g_error_matches (error, CE_ERROR, CE_ERROR_UNAUTHORIZED))
    {
      hookline_account_page_show_error (self->account_page, message, TRUE);
      hookline_window_show_page (self, "account");
    }
  else
    {
      hookline_slack_page_show_error (self->slack_page, message);
      hookline_window_show_page (self, "slack");
    }
}

static void
start_authorize (HooklineWindow *self)
{
  OauthSignInView *view;
  g_autofree char *redirect_url = NULL;

  g_assert (self->oauth_url != NULL);
  g_assert (self->state != NULL);

  redirect_url = hookline_slack_page_dup_redirect_url (self->slack_page);

  /* The web view can be stopped on its own, when the user goes on in a
   * browser instead, while the attempt itself carries on.
   */
  stop_web_view (self);
  self->view_cancellable = g_cancellable_new ();

  view = hookline_sign_in_page_show_web_view (self->sign_in_page);
  oauth_sign_in_view_authorize_async (view,
                                      self->oauth_url,
                                      redirect_url,
                                      self->state,
                                      self->view_cancellable,
                                      authorize_cb,
                                      g_object_ref (self));
  hookline_window_update_actions (self);
}

static void
create_instance_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (HooklineWindow) self = user_data;
  g_autoptr (CeInstance) instance = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *webhook_url = NULL;

  instance = ce_client_create_instance_finish (CE_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (instance != NULL)
    webhook_url = ce_webhook_url (ce_client_get_base_url (self->client),
                                  "slack",
                                  ce_instance_get_id (instance),
                                  &error);

  end_attempt (self);

  if (webhook_url == NULL)
    {
      g_debug ("window: creating the instance failed: %s", error->message);
      /* The code was spent on this attempt, so the way on is a new sign-in. */
      show_form_error (self, error,
                       _("Could not create the instance. Connect again to "
                         "sign in anew: each Slack sign-in can be used only "
                         "once."));
      return;
    }

  g_debug ("window: instance %" G_GINT64_FORMAT " created",
           ce_instance_get_id (instance));

  hookline_done_page_set_instance (self->done_page, instance, webhook_url);
  hookline_window_show_page (self, "done");
}

/* A sign-in that ended without a code: say why where it can be mended. */
static void
show_sign_in_error (HooklineWindow *self,
                    const GError   *error)
{
  g_debug ("window: sign-in failed: %s", error->message);

  if (g_error_matches (error, OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED)
      || g_error_matches (error, OAUTH_ERROR, OAUTH_ERROR_WEB_PROCESS_CRASHED))
    {
      hookline_sign_in_page_show_error (self->sign_in_page,
                                        _("The Sign-In Page Stopped"),
                                        error->message,
                                        TRUE);
      hookline_window_update_actions (self);
      return;
    }

  end_attempt (self);

  if (g_error_matches (error, OAUTH_ERROR, OAUTH_ERROR_DENIED))
    hookline_slack_page_show_error (self->slack_page, error->message);
  else
    show_form_error (self, error, _("Slack did not sign you in."));

  hookline_window_show_page (self, "slack");
}

static void
create_instance (HooklineWindow *self,
                 const char     *code)
{
  g_autoptr (CeInstanceRequest) request = NULL;

  /* Whichever way the code came, the web view and the sign-in link have
   * done their part: a code is used once, so there is no going back.
   */
  stop_web_view (self);
  g_clear_pointer (&self->oauth_url, g_free);

  request = hookline_slack_page_build_request (self->slack_page, code);

  hookline_sign_in_page_show_progress (self->sign_in_page,
                                       _("Creating the instance…"));
  ce_client_create_instance_async (self->client,
                                   request,
                                   self->cancellable,
                                   create_instance_cb,
                                   g_object_ref (self));
  hookline_window_update_actions (self);
}

static void
authorize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (HooklineWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;

  code = oauth_sign_in_view_authorize_finish (OAUTH_SIGN_IN_VIEW (object),
                                              result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (code == NULL)
    show_sign_in_error (self, error);
  else
    create_instance (self, code);
}

static void
get_oauth_url_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (HooklineWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *oauth_url = NULL;

  oauth_url = ce_client_get_oauth_url_finish (CE_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (oauth_url == NULL)
    {
      g_debug ("window: no sign-in page: %s", error->message);
      end_attempt (self);
      show_form_error (self, error,
                       _("Could not get the Slack sign-in page from Cloud Elements."));
      return;
    }

  self->oauth_url = g_steal_pointer (&oauth_url);
  start_authorize (self);
}

static void
stack_changed_cb (HooklineWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  GtkStackPage *page = gtk_stack_get_page (self->stack, child);

  adw_window_title_set_title (self->window_title,
                              gtk_stack_page_get_title (page));
  hookline_window_update_actions (self);
}

static void
hookline_window_constructed (GObject *object)
{
  HooklineWindow *self = HOOKLINE_WINDOW (object);

  G_OBJECT_CLASS (hookline_window_parent_class)->constructed (object);

  g_assert (SOUP_IS_SESSION (self->session));

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);

  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);

  hookline_account_page_bind_settings (self->account_page, self->settings);
  hookline_slack_page_bind_settings (self->slack_page, self->settings);

  stack_changed_cb (self);
}

static void
hookline_window_dispose (GObject *object)
{
  HooklineWindow *self = HOOKLINE_WINDOW (object);

  g_cancellable_cancel (self->view_cancellable);
  g_clear_object (&self->view_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  gtk_widget_dispose_template (GTK_WIDGET (self), HOOKLINE_TYPE_WINDOW);

  G_OBJECT_CLASS (hookline_window_parent_class)->dispose (object);
}

static void
hookline_window_finalize (GObject *object)
{
  HooklineWindow *self = HOOKLINE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->oauth_url, g_free);

  G_OBJECT_CLASS (hookline_window_parent_class)->finalize (object);
}

static void
hookline_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HooklineWindow *self = HOOKLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hookline_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HooklineWindow *self = HOOKLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hookline_window_class_init (HooklineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hookline_window_constructed;
  object_class->dispose = hookline_window_dispose;
  object_class->finalize = hookline_window_finalize;
  object_class->get_property = hookline_window_get_property;
  object_class->set_property = hookline_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HOOKLINE_TYPE_ACCOUNT_PAGE);
  g_type_ensure (HOOKLINE_TYPE_SLACK_PAGE);
  g_type_ensure (HOOKLINE_TYPE_SIGN_IN_PAGE);
  g_type_ensure (HOOKLINE_TYPE_DONE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/hookline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HooklineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HooklineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HooklineWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, HooklineWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HooklineWindow, account_page);
  gtk_widget_class_bind_template_child (widget_class, HooklineWindow, slack_page);
  gtk_widget_class_bind_template_child (widget_class, HooklineWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, HooklineWindow, done_page);
  gtk_widget_class_bind_template_callback (widget_class, stack_changed_cb);

  hookline_window_class_install_actions (widget_class);
}

static void
hookline_window_init (HooklineWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hookline_window_new:
 * @application: (nullable): a #GtkApplication
 * @session: the session every platform request goes through
 *
 * Returns: (transfer full): a new #HooklineWindow
 */
HooklineWindow *
hookline_window_new (GtkApplication *application,
                     SoupSession    *session)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  return g_object_new (HOOKLINE_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

void
hookline_window_show_page (HooklineWindow *self,
                           const char     *name)
{
  g_return_if_fail (HOOKLINE_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->stack, name);
}

/**
 * hookline_window_connect:
 * @self: a #HooklineWindow
 *
 * Starts a sign-in attempt: checks both forms, asks the platform for the
 * Slack sign-in page and shows it. Nothing is sent while a form has a
 * problem.
 */
void
hookline_window_connect (HooklineWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *redirect_url = NULL;
  g_autofree char *scopes = NULL;

  g_return_if_fail (HOOKLINE_IS_WINDOW (self));

  if (self->cancellable != NULL)
    return;

  if (!hookline_account_page_validate (self->account_page))
    {
      hookline_window_show_page (self, "account");
      return;
    }

  hookline_slack_page_show_error (self->slack_page, NULL);
  if (!hookline_slack_page_validate (self->slack_page))
    {
      hookline_window_show_page (self, "slack");
      return;
    }

  base_url = hookline_account_page_dup_base_url (self->account_page);
  self->client = ce_client_new (self->session, base_url,
                                hookline_account_page_get_user_secret (self->account_page),
                                hookline_account_page_get_organization_secret (self->account_page),
                                &error);
  if (self->client == NULL)
    {
      hookline_account_page_show_error (self->account_page, error->message, FALSE);
      hookline_window_show_page (self, "account");
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->state = oauth_state_new ();

  client_id = hookline_slack_page_dup_client_id (self->slack_page);
  client_secret = hookline_slack_page_dup_client_secret (self->slack_page);
  redirect_url = hookline_slack_page_dup_redirect_url (self->slack_page);
  scopes = hookline_slack_page_dup_scopes (self->slack_page);

  g_debug ("window: asking for the sign-in page");

  hookline_sign_in_page_reset (self->sign_in_page);
  hookline_sign_in_page_show_progress (self->sign_in_page,
                                       _("Asking Cloud Elements for the Slack sign-in page…"));
  hookline_window_show_page (self, "sign-in");

  ce_client_get_oauth_url_async (self->client,
                                 "slack",
                                 client_id,
                                 client_secret,
                                 redirect_url,
                                 scopes,
                                 self->state,
                                 self->cancellable,
                                 get_oauth_url_cb,
                                 g_object_ref (self));

  hookline_window_update_actions (self);
}

/**
 * hookline_window_cancel:
 * @self: a #HooklineWindow
 *
 * Stops the current attempt, whatever step it is at, and goes back to the
 * form with everything in it as it was.
 */
void
hookline_window_cancel (HooklineWindow *self)
{
  g_return_if_fail (HOOKLINE_IS_WINDOW (self));

  end_attempt (self);
  hookline_window_show_page (self, "slack");
}

void
hookline_window_retry_sign_in (HooklineWindow *self)
{
  g_return_if_fail (HOOKLINE_IS_WINDOW (self));

  if (self->oauth_url == NULL)
    return;

  start_authorize (self);
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (HooklineWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("window: no browser: %s", error->message);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Could not open a web browser")));
}

void
hookline_window_show_uri (HooklineWindow *self,
                          const char     *uri)
{
  g_return_if_fail (HOOKLINE_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME,
                     NULL, show_uri_cb, g_object_ref (self));
}

/**
 * hookline_window_open_in_browser:
 * @self: a #HooklineWindow
 *
 * Goes on with the sign-in in the user's own browser, for sign-in pages
 * that refuse to run in an embedded view, such as Sign in with Google.
 * The user then pastes the address the browser ends on.
 */
void
hookline_window_open_in_browser (HooklineWindow *self)
{
  g_return_if_fail (HOOKLINE_IS_WINDOW (self));

  if (self->oauth_url == NULL)
    return;

  stop_web_view (self);
  hookline_sign_in_page_show_paste (self->sign_in_page);
  hookline_window_update_actions (self);

  hookline_window_show_uri (self, self->oauth_url);
}

void
hookline_window_use_pasted_address (HooklineWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *redirect_url = NULL;
  g_autofree char *code = NULL;

  g_return_if_fail (HOOKLINE_IS_WINDOW (self));

  if (self->state == NULL)
    return;

  address = hookline_sign_in_page_dup_pasted_address (self->sign_in_page);
  redirect_url = hookline_slack_page_dup_redirect_url (self->slack_page);

  if (!oauth_callback_matches (address, redirect_url))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Paste the address that starts with your "
                                   "redirect URL, %s."),
                                 redirect_url);
      hookline_sign_in_page_show_paste_error (self->sign_in_page, message);
      return;
    }

  code = oauth_callback_parse (address, self->state, &error);
  if (code == NULL)
    {
      /* A denial ends the attempt; anything else may be a wrong paste. */
      if (g_error_matches (error, OAUTH_ERROR, OAUTH_ERROR_DENIED))
        show_sign_in_error (self, error);
      else
        hookline_sign_in_page_show_paste_error (self->sign_in_page,
                                                error->message);
      return;
    }

  hookline_sign_in_page_show_paste_error (self->sign_in_page, NULL);
  create_instance (self, code);
}
