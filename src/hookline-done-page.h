/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "ce-instance.h"

G_BEGIN_DECLS

#define HOOKLINE_TYPE_DONE_PAGE (hookline_done_page_get_type ())

G_DECLARE_FINAL_TYPE (HooklineDonePage, hookline_done_page, HOOKLINE, DONE_PAGE, AdwBin)

void        hookline_done_page_set_instance    (HooklineDonePage *self,
                                                CeInstance       *instance,
                                                const char       *webhook_url);
const char *hookline_done_page_get_webhook_url (HooklineDonePage *self);

G_END_DECLS
