/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HOOKLINE_TYPE_ACCOUNT_PAGE (hookline_account_page_get_type ())

G_DECLARE_FINAL_TYPE (HooklineAccountPage, hookline_account_page, HOOKLINE, ACCOUNT_PAGE, AdwBin)

void        hookline_account_page_bind_settings             (HooklineAccountPage *self,
                                                             GSettings           *settings);
gboolean    hookline_account_page_validate                  (HooklineAccountPage *self);
char       *hookline_account_page_dup_base_url              (HooklineAccountPage *self);
const char *hookline_account_page_get_user_secret           (HooklineAccountPage *self);
const char *hookline_account_page_get_organization_secret   (HooklineAccountPage *self);
void        hookline_account_page_show_error                (HooklineAccountPage *self,
                                                             const char          *message,
                                                             gboolean             secrets_refused);

G_END_DECLS
