/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "ce-client.h"

#include "hookline-account-page.h"
#include "hookline-done-page.h"
#include "hookline-sign-in-page.h"
#include "hookline-slack-page.h"
#include "hookline-window.h"

G_BEGIN_DECLS

struct _HooklineWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  SoupSession          *session;

  /* One sign-in attempt: what was sent, so a failed page load can be
   * retried and the code can be matched to the attempt that asked for it.
   */
  CeClient             *client;
  GCancellable         *cancellable;
  GCancellable         *view_cancellable;
  char                 *state;
  char                 *oauth_url;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkStack             *stack;
  HooklineAccountPage  *account_page;
  HooklineSlackPage    *slack_page;
  HooklineSignInPage   *sign_in_page;
  HooklineDonePage     *done_page;
};

void hookline_window_class_install_actions (GtkWidgetClass *widget_class);
void hookline_window_update_actions        (HooklineWindow *self);
void hookline_window_show_page             (HooklineWindow *self,
                                            const char     *name);
void hookline_window_connect               (HooklineWindow *self);
void hookline_window_cancel                (HooklineWindow *self);
void hookline_window_retry_sign_in         (HooklineWindow *self);
void hookline_window_show_uri              (HooklineWindow *self,
                                            const char     *uri);
void hookline_window_open_in_browser       (HooklineWindow *self);
void hookline_window_use_pasted_address    (HooklineWindow *self);

G_END_DECLS
