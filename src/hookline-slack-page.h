/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "ce-instance-request.h"

G_BEGIN_DECLS

#define HOOKLINE_TYPE_SLACK_PAGE (hookline_slack_page_get_type ())

G_DECLARE_FINAL_TYPE (HooklineSlackPage, hookline_slack_page, HOOKLINE, SLACK_PAGE, AdwBin)

void               hookline_slack_page_bind_settings   (HooklineSlackPage *self,
                                                        GSettings         *settings);
gboolean           hookline_slack_page_validate        (HooklineSlackPage *self);
char              *hookline_slack_page_dup_client_id   (HooklineSlackPage *self);
char              *hookline_slack_page_dup_client_secret (HooklineSlackPage *self);
char              *hookline_slack_page_dup_redirect_url (HooklineSlackPage *self);
char              *hookline_slack_page_dup_scopes      (HooklineSlackPage *self);
CeInstanceRequest *hookline_slack_page_build_request   (HooklineSlackPage *self,
                                                        const char        *code);
void               hookline_slack_page_show_error      (HooklineSlackPage *self,
                                                        const char        *message);

G_END_DECLS
