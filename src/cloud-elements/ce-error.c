/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <libsoup/soup.h>

#include "ce-error.h"
#include "ce-json.h"

/* Longest excerpt of a body that is not an error report, in characters. */
#define EXCERPT_MAX_CHARS 200
/* Server and provider messages are kept whole unless they are absurdly long. */
#define MESSAGE_MAX_CHARS 1000
#define REQUEST_ID_MAX_CHARS 100
#define REASON_MAX_CHARS 100

typedef struct
{
  guint  status;
  char  *server_message;
  char  *provider_message;
  char  *request_id;
} CeErrorPrivate;

static void
ce_error_private_init (CeErrorPrivate *priv)
{
  priv->status = 0;
  priv->server_message = NULL;
  priv->provider_message = NULL;
  priv->request_id = NULL;
}

static void
ce_error_private_copy (const CeErrorPrivate *src,
                       CeErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->server_message = g_strdup (src->server_message);
  dest->provider_message = g_strdup (src->provider_message);
  dest->request_id = g_strdup (src->request_id);
}

static void
ce_error_private_clear (CeErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->provider_message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (CeError, ce_error)

/* Control characters could start a line of their own, and format characters
 * (bidi overrides, zero-width marks) could reorder or hide the text around
 * them; neither is visible, so both are written out as \uXXXX instead.
 */
static gboolean
is_hidden_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT;
}

/* Turns text from the network into one line that is safe to show as plain
 * text: valid UTF-8, every run of white space (line breaks included) folded
 * into one space, and hidden characters written out. Markup characters stay
 * as they are, so an HTML page reads as one; every place that shows these
 * messages does so with markup turned off or escapes them itself.
 */
static char *
sanitize_line (const char *text,
               gssize      length,
               gsize       max_chars)
{
  g_autofree char *valid = NULL;
  g_autoptr (GString) out = NULL;
  gboolean pending_space = FALSE;
  gboolean truncated = FALSE;
  gsize n_chars = 0;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, length);
  out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char piece[16];
      gsize piece_chars;

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (is_hidden_char (c))
        {
          g_snprintf (piece, sizeof piece, "\\u%04x", c);
          piece_chars = strlen (piece);
        }
      else
        {
          gsize len = g_utf8_next_char (p) - p;

          memcpy (piece, p, len);
          piece[len] = '\0';
          piece_chars = 1;
        }

      if (n_chars + (pending_space ? 1 : 0) + piece_chars > max_chars)
        {
          truncated = TRUE;
          break;
        }

      if (pending_space)
        {
          g_string_append_c (out, ' ');
          n_chars++;
          pending_space = FALSE;
        }

      g_string_append (out, piece);
      n_chars += piece_chars;
    }

  if (truncated)
    g_string_append (out, "…");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
status_line (guint       status,
             const char *reason_phrase)
{
  g_autofree char *reason = NULL;

  /* HTTP/2 has no reason phrase, so fall back to the standard one. */
  reason = sanitize_line (reason_phrase, -1, REASON_MAX_CHARS);
  if (*reason == '\0')
    return g_strdup_printf ("%u %s", status, soup_status_get_phrase (status));

  return g_strdup_printf ("%u %s", status, reason);
}

/* Reads an optional string member of an error report, keeping only text that
 * is worth showing. A member of another type is ignored: the report is only
 * there to explain an error, so it is read as leniently as it can be.
 */
static char *
dup_report_member (JsonObject *object,
                   const char *member,
                   gsize       max_chars)
{
  const char *value = NULL;
  char *line;

  if (object == NULL ||
      !ce_json_get_string_opt (object, member, &value, NULL) ||
      value == NULL)
    return NULL;

  line = sanitize_line (value, -1, max_chars);
  if (*line == '\0')
    g_clear_pointer (&line, g_free);

  return line;
}

/**
 * ce_error_new_from_response:
 * @status: the HTTP status code
 * @reason_phrase: (nullable): the HTTP reason phrase
 * @body: (nullable): the body of the answer
 *
 * Creates the error for an answer with an error status. The message is
 * translated, fit to be shown as it is with markup turned off, and names the
 * server's message, the provider's message and the request id when the body
 * is an error report; otherwise it quotes a short excerpt, on one line with
 * hidden characters written out.
 *
 * Returns: (transfer full): a new #GError in the %CE_ERROR domain
 */
GError *
ce_error_new_from_response (guint       status,
                            const char *reason_phrase,
                            GBytes     *body)
{
  g_autoptr (JsonObject) report = NULL;
  g_autofree char *line = NULL;
  g_autofree char *server_message = NULL;
  g_autofree char *provider_message = NULL;
  g_autofree char *request_id = NULL;
  g_autoptr (GString) text = NULL;
  CeErrorPrivate *priv;
  const char *data = NULL;
  gsize size = 0;
  GError *error;
  int code;

  if (body != NULL)
    data = g_bytes_get_data (body, &size);

  if (size > 0)
    report = ce_json_parse_object (body, NULL);

  server_message = dup_report_member (report, "message", MESSAGE_MAX_CHARS);
  provider_message = dup_report_member (report, "providerMessage",
                                        MESSAGE_MAX_CHARS);
  request_id = dup_report_member (report, "requestId", REQUEST_ID_MAX_CHARS);

  line = status_line (status, reason_phrase);
  text = g_string_new (NULL);

  if (server_message != NULL)
    {
      g_string_append_printf (text, _("Cloud Elements answered %s: %s"),
                              line, server_message);
      if (provider_message != NULL)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("The provider said: %s"),
                                  provider_message);
        }
    }
  else
    {
      g_autofree char *excerpt = NULL;

      excerpt = sanitize_line (data, size, EXCERPT_MAX_CHARS);
      if (*excerpt != '\0')
        g_string_append_printf (text,
                                _("Cloud Elements answered %s with an "
                                  "unexpected page: “%s”"),
                                line, excerpt);
      else
        g_string_append_printf (text, _("Cloud Elements answered %s."), line);
    }

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      code = CE_ERROR_UNAUTHORIZED;
      g_string_append_c (text, '\n');
      g_string_append (text,
                       _("Check the User secret and the Organization secret "
                         "of your account."));
    }
  else
    {
      code = CE_ERROR_SERVER;
    }

  if (request_id != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Request ID: %s"), request_id);
    }

  error = g_error_new_literal (CE_ERROR, code, text->str);

  priv = ce_error_get_private (error);
  priv->status = status;
  priv->server_message = g_steal_pointer (&server_message);
  priv->provider_message = g_steal_pointer (&provider_message);
  priv->request_id = g_steal_pointer (&request_id);

  return error;
}

/**
 * ce_error_new_not_json:
 * @status: the HTTP status code of a success answer
 * @reason_phrase: (nullable): the HTTP reason phrase
 * @body: (nullable): the body of the answer
 *
 * Creates the error for a success answer whose body is not JSON. Like
 * ce_error_new_from_response(), the message names the status line and
 * quotes a short excerpt of the body.
 *
 * Returns: (transfer full): a new #GError with %CE_ERROR_INVALID_RESPONSE
 */
GError *
ce_error_new_not_json (guint       status,
                       const char *reason_phrase,
                       GBytes     *body)
{
  g_autofree char *line = NULL;
  g_autofree char *excerpt = NULL;
  const char *data = NULL;
  gsize size = 0;
  GError *error;

  if (body != NULL)
    data = g_bytes_get_data (body, &size);

  line = status_line (status, reason_phrase);
  excerpt = sanitize_line (data, size, EXCERPT_MAX_CHARS);

  if (*excerpt != '\0')
    {
      /* TRANSLATORS: The first %s is an HTTP status line, such as "200 OK";
       * the second is the start of what came instead of JSON. */
      error = g_error_new (CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                           _("Cloud Elements answered %s with something that "
                             "is not JSON: “%s”"),
                           line, excerpt);
    }
  else
    {
      /* TRANSLATORS: %s is an HTTP status line, such as "200 OK". */
      error = g_error_new (CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                           _("Cloud Elements answered %s with something that "
                             "is not JSON."),
                           line);
    }

  ce_error_get_private (error)->status = status;

  return error;
}

static const CeErrorPrivate *
lookup_private (const GError *error)
{
  if (error == NULL || error->domain != CE_ERROR)
    return NULL;

  return ce_error_get_private (error);
}

/**
 * ce_error_get_status:
 * @error: a #GError
 *
 * Returns: the HTTP status of the answer @error was made from, or 0
 */
guint
ce_error_get_status (const GError *error)
{
  const CeErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->status : 0;
}

/**
 * ce_error_get_server_message:
 * @error: a #GError
 *
 * Returns: (nullable): the server's message, on one line, or %NULL
 */
const char *
ce_error_get_server_message (const GError *error)
{
  const CeErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->server_message : NULL;
}

/**
 * ce_error_get_provider_message:
 * @error: a #GError
 *
 * Returns: (nullable): the provider's message, on one line, or %NULL
 */
const char *
ce_error_get_provider_message (const GError *error)
{
  const CeErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->provider_message : NULL;
}

/**
 * ce_error_get_request_id:
 * @error: a #GError
 *
 * Returns: (nullable): the request id the server gave, or %NULL
 */
const char *
ce_error_get_request_id (const GError *error)
{
  const CeErrorPrivate *priv = lookup_private (error);

  return priv != NULL ? priv->request_id : NULL;
}
