/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CE_ERROR (ce_error_quark ())

/**
 * CeError:
 * @CE_ERROR_INVALID_INPUT: a value was refused before any request was sent
 * @CE_ERROR_UNAUTHORIZED: the platform refused the User or Organization secret
 * @CE_ERROR_SERVER: the platform answered with another error status
 * @CE_ERROR_INVALID_RESPONSE: the platform answered success with a body that
 *   cannot be used
 * @CE_ERROR_NETWORK: the platform could not be reached, or the connection
 *   failed, timed out or was not trusted
 *
 * Errors of the platform client. Every message is translated and can be shown
 * to the user as it is; the server's own message, provider message, request
 * id and HTTP status are also kept apart for callers that lay them out.
 */
typedef enum
{
  CE_ERROR_INVALID_INPUT,
  CE_ERROR_UNAUTHORIZED,
  CE_ERROR_SERVER,
  CE_ERROR_INVALID_RESPONSE,
  CE_ERROR_NETWORK,
} CeError;

GQuark      ce_error_quark                (void);

GError     *ce_error_new_from_response    (guint         status,
                                           const char   *reason_phrase,
                                           GBytes       *body);
GError     *ce_error_new_not_json         (guint         status,
                                           const char   *reason_phrase,
                                           GBytes       *body);
guint       ce_error_get_status           (const GError *error);
const char *ce_error_get_server_message   (const GError *error);
const char *ce_error_get_provider_message (const GError *error);
const char *ce_error_get_request_id       (const GError *error);

G_END_DECLS
