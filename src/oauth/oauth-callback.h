/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OAUTH_ERROR (oauth_error_quark ())

/**
 * OauthError:
 * @OAUTH_ERROR_DENIED: the user declined access (`error=access_denied`)
 * @OAUTH_ERROR_PROVIDER: the provider sent another `error`
 * @OAUTH_ERROR_STATE_MISMATCH: `state` was missing or not the one sent
 * @OAUTH_ERROR_NO_CODE: the callback carried neither `code` nor `error`
 * @OAUTH_ERROR_INVALID_REDIRECT: the redirect URL cannot be used
 * @OAUTH_ERROR_LOAD_FAILED: a sign-in page failed to load
 * @OAUTH_ERROR_WEB_PROCESS_CRASHED: the web content process ended
 *
 * Errors of the sign-in layer. Every message is translated.
 */
typedef enum
{
  OAUTH_ERROR_DENIED,
  OAUTH_ERROR_PROVIDER,
  OAUTH_ERROR_STATE_MISMATCH,
  OAUTH_ERROR_NO_CODE,
  OAUTH_ERROR_INVALID_REDIRECT,
  OAUTH_ERROR_LOAD_FAILED,
  OAUTH_ERROR_WEB_PROCESS_CRASHED,
} OauthError;

GQuark    oauth_error_quark         (void);

char     *oauth_state_new           (void);

gboolean  oauth_redirect_is_valid   (const char  *redirect_uri,
                                     GError     **error);
gboolean  oauth_callback_matches    (const char  *uri,
                                     const char  *redirect_uri);
char     *oauth_callback_parse      (const char  *uri,
                                     const char  *expected_state,
                                     GError     **error);

char     *oauth_uri_dup_web_host    (const char  *uri);
gboolean  oauth_uri_may_load        (const char  *uri);
gboolean  oauth_uri_check_encrypted (const char  *uri,
                                     GError     **error);

G_END_DECLS
