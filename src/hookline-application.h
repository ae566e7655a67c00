/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HOOKLINE_TYPE_APPLICATION (hookline_application_get_type ())

G_DECLARE_FINAL_TYPE (HooklineApplication, hookline_application,
                      HOOKLINE, APPLICATION, AdwApplication)

HooklineApplication *hookline_application_new (void);

G_END_DECLS
