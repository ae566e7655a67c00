/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "fake-service.h"

G_BEGIN_DECLS

/* What test_window_fill_form() types. The values carry characters that
 * must survive encoding: spaces, '+', '/', '=', '&' and '%'.
 */
#define TEST_USER_SECRET "user-secret+/="
#define TEST_ORGANIZATION_SECRET "org&secret"
#define TEST_CLIENT_ID "1234.5678"
#define TEST_CLIENT_SECRET "client secret %41"
#define TEST_SCOPES "users:read, channels:read"
#define TEST_INSTANCE_NAME "Events for #general"

/* A window on its own in-memory settings, talking to its own fake service. */
typedef struct
{
  FakeService *service;
  SoupSession *session;
  GSettings   *settings;
  GtkWidget   *window;
} TestWindow;

typedef gboolean (*TestCondition) (gpointer data);

GtkWidget *test_find_widget      (GtkWidget     *root,
                                  const char    *id);
GtkWidget *test_find_widget_type (GtkWidget     *root,
                                  GType          type);
void       test_wait_for         (TestCondition  condition,
                                  gpointer       data,
                                  const char    *what);
void       test_wait_idle        (void);
void       test_set_text         (GtkWidget     *root,
                                  const char    *id,
                                  const char    *text);
const char *test_get_text        (GtkWidget     *root,
                                  const char    *id);
void       test_click            (GtkWidget     *root,
                                  const char    *id);


void        test_window_set_up               (TestWindow    *fixture,
                                              gconstpointer  user_data);
void        test_window_tear_down            (TestWindow    *fixture,
                                              gconstpointer  user_data);
const char *test_window_visible_page         (TestWindow    *fixture);
void        test_window_wait_for_page        (TestWindow    *fixture,
                                              const char    *name);
void        test_window_fill_form            (TestWindow    *fixture);
void        test_window_wait_for_consent_page (TestWindow   *fixture);
void        test_window_press_consent_button (TestWindow    *fixture,
                                              const char    *button_id);

G_END_DECLS
