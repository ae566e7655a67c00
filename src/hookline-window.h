/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define HOOKLINE_TYPE_WINDOW (hookline_window_get_type ())

G_DECLARE_FINAL_TYPE (HooklineWindow, hookline_window, HOOKLINE, WINDOW, AdwApplicationWindow)

HooklineWindow *hookline_window_new (GtkApplication *application,
                                     SoupSession    *session);

G_END_DECLS
