/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hookline-window-private.h"

#define SLACK_APPS_URL "https://api.slack.com/apps"

static const char *
visible_page (HooklineWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
hookline_window_actions_next (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  HooklineWindow *self = HOOKLINE_WINDOW (widget);

  if (hookline_account_page_validate (self->account_page))
    hookline_window_show_page (self, "slack");
}

static void
hookline_window_actions_back (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  HooklineWindow *self = HOOKLINE_WINDOW (widget);
  const char *page = visible_page (self);

  if (g_strcmp0 (page, "slack") == 0)
    hookline_window_show_page (self, "account");
  else if (g_strcmp0 (page, "sign-in") == 0)
    hookline_window_cancel (self);
  else if (g_strcmp0 (page, "done") == 0)
    hookline_window_show_page (self, "slack");
}

static void
hookline_window_actions_connect (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  hookline_window_connect (HOOKLINE_WINDOW (widget));
}

static void
hookline_window_actions_cancel (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  hookline_window_cancel (HOOKLINE_WINDOW (widget));
}

static void
hookline_window_actions_retry (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  hookline_window_retry_sign_in (HOOKLINE_WINDOW (widget));
}

static void
hookline_window_actions_open_in_browser (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  hookline_window_open_in_browser (HOOKLINE_WINDOW (widget));
}

static void
hookline_window_actions_copy_sign_in_link (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  HooklineWindow *self = HOOKLINE_WINDOW (widget);

  if (self->oauth_url == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->oauth_url);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Sign-in link copied")));
}

static void
hookline_window_actions_use_pasted_address (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  hookline_window_use_pasted_address (HOOKLINE_WINDOW (widget));
}

static void
hookline_window_actions_copy_webhook_url (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  HooklineWindow *self = HOOKLINE_WINDOW (widget);
  const char *url = hookline_done_page_get_webhook_url (self->done_page);

  if (url == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Webhook URL copied")));
}

static void
hookline_window_actions_open_slack_settings (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param)
{
  hookline_window_show_uri (HOOKLINE_WINDOW (widget), SLACK_APPS_URL);
}

static void
hookline_window_actions_set_up_another (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  hookline_window_show_page (HOOKLINE_WINDOW (widget), "slack");
}

void
hookline_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next", NULL,
                                   hookline_window_actions_next);
  gtk_widget_class_install_action (widget_class, "win.back", NULL,
                                   hookline_window_actions_back);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL,
                                   hookline_window_actions_connect);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL,
                                   hookline_window_actions_cancel);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL,
                                   hookline_window_actions_retry);
  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL,
                                   hookline_window_actions_open_in_browser);
  gtk_widget_class_install_action (widget_class, "win.copy-sign-in-link", NULL,
                                   hookline_window_actions_copy_sign_in_link);
  gtk_widget_class_install_action (widget_class, "win.use-pasted-address", NULL,
                                   hookline_window_actions_use_pasted_address);
  gtk_widget_class_install_action (widget_class, "win.copy-webhook-url", NULL,
                                   hookline_window_actions_copy_webhook_url);
  gtk_widget_class_install_action (widget_class, "win.open-slack-settings", NULL,
                                   hookline_window_actions_open_slack_settings);
  gtk_widget_class_install_action (widget_class, "win.set-up-another", NULL,
                                   hookline_window_actions_set_up_another);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.connect", NULL);
}

/**
 * hookline_window_update_actions:
 * @self: a #HooklineWindow
 *
 * Enables what makes sense on the visible page. While a request is under
 * way nothing may send it again, and it can always be cancelled.
 */
void
hookline_window_update_actions (HooklineWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *page = visible_page (self);
  gboolean busy = self->cancellable != NULL;
  /* Between getting the sign-in link and having a code: the link is
   * forgotten as soon as a code is in. */
  gboolean signing_in = busy && self->oauth_url != NULL;
  gboolean on_done = g_strcmp0 (page, "done") == 0;

  gtk_widget_action_set_enabled (widget, "win.connect", !busy);
  gtk_widget_action_set_enabled (widget, "win.next", !busy);
  gtk_widget_action_set_enabled (widget, "win.cancel", busy);
  gtk_widget_action_set_enabled (widget, "win.retry", signing_in);
  gtk_widget_action_set_enabled (widget, "win.open-in-browser", signing_in);
  gtk_widget_action_set_enabled (widget, "win.copy-sign-in-link", signing_in);
  gtk_widget_action_set_enabled (widget, "win.use-pasted-address", signing_in);
  gtk_widget_action_set_enabled (widget, "win.back",
                                 g_strcmp0 (page, "account") != 0);
  gtk_widget_action_set_enabled (widget, "win.copy-webhook-url", on_done);
  gtk_widget_action_set_enabled (widget, "win.open-slack-settings", on_done);
  gtk_widget_action_set_enabled (widget, "win.set-up-another", on_done);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          g_strcmp0 (page, "account") != 0);
}
