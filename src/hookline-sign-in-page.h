/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "oauth-sign-in-view.h"

G_BEGIN_DECLS

#define HOOKLINE_TYPE_SIGN_IN_PAGE (hookline_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (HooklineSignInPage, hookline_sign_in_page, HOOKLINE, SIGN_IN_PAGE, AdwBin)

void             hookline_sign_in_page_show_progress (HooklineSignInPage *self,
                                                      const char         *message);
OauthSignInView *hookline_sign_in_page_show_web_view (HooklineSignInPage *self);
void             hookline_sign_in_page_show_error    (HooklineSignInPage *self,
                                                      const char         *title,
                                                      const char         *description,
                                                      gboolean            can_retry);
void             hookline_sign_in_page_show_paste    (HooklineSignInPage *self);
void             hookline_sign_in_page_show_paste_error (HooklineSignInPage *self,
                                                         const char         *message);
char            *hookline_sign_in_page_dup_pasted_address (HooklineSignInPage *self);
void             hookline_sign_in_page_reset         (HooklineSignInPage *self);

G_END_DECLS
