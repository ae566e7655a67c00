/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ce-base-url.h"
#include "ce-error.h"

static const CeEnvironment environments[] = {
  { "us", "https://api.cloud-elements.com/elements/api-v2" },
  { "eu", "https://api.cloud-elements.co.uk/elements/api-v2" },
  { "staging", "https://staging.cloud-elements.com/elements/api-v2" },
};

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        return TRUE;
    }

  return FALSE;
}

/* Limits of DNS names, so that a pasted paragraph is refused here with a
 * clear word rather than by the resolver with a vague one.
 */
#define HOST_MAX_CHARS 253
#define LABEL_MAX_CHARS 63

static gboolean
check_host_length (const char  *host,
                   GError     **error)
{
  g_auto (GStrv) labels = NULL;

  if (strlen (host) > HOST_MAX_CHARS)
    {
      g_set_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                   _("The host name of the base URL is longer than %d "
                     "characters."),
                   HOST_MAX_CHARS);
      return FALSE;
    }

  /* An IPv6 address has no labels. */
  if (strchr (host, ':') != NULL)
    return TRUE;

  labels = g_strsplit (host, ".", -1);
  for (gsize i = 0; labels[i] != NULL; i++)
    {
      if (strlen (labels[i]) > LABEL_MAX_CHARS)
        {
          g_set_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                       _("A part of the host name of the base URL, between "
                         "dots, is longer than %d characters."),
                       LABEL_MAX_CHARS);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * ce_environment_lookup:
 * @id: an environment id: "us", "eu" or "staging"
 *
 * Returns: (nullable): the environment, or %NULL if @id is not one
 */
const CeEnvironment *
ce_environment_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (environments); i++)
    {
      if (g_str_equal (environments[i].id, id))
        return &environments[i];
    }

  return NULL;
}

/**
 * ce_base_url_normalize:
 * @text: a base URL as the user typed it
 * @error: return location for a #GError
 *
 * Checks a base URL and returns it without surrounding white space and
 * trailing slashes. It must be https://, or http:// on this computer, with a
 * host and without user name, query or fragment.
 *
 * Returns: (transfer full) (nullable): the normalized URL, or %NULL with
 *   %CE_ERROR_INVALID_INPUT
 */
char *
ce_base_url_normalize (const char  *text,
                       GError     **error)
{
  g_autofree char *url = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *scheme;
  const char *host;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = g_strstrip (g_strdup (text));
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  if (len == 0)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL is empty."));
      return NULL;
    }

  if (strpbrk (url, "\r\n") != NULL)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL contains a line break; enter it "
                             "again on one line."));
      return NULL;
    }

  if (has_control (url))
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL contains a control character."));
      return NULL;
    }

  if (strchr (url, ' ') != NULL)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL must not contain spaces."));
      return NULL;
    }

  /* Without a scheme, the parser's own complaint would not tell the user
   * what is missing. */
  if (g_uri_peek_scheme (url) == NULL)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL must start with https://."));
      return NULL;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                   _("The base URL is not a valid address: %s"),
                   local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL must start with https://."));
      return NULL;
    }

  if (host == NULL || *host == '\0')
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL has no host name."));
      return NULL;
    }

  if (!check_host_length (host, error))
    return NULL;

  /* Secrets travel in every request, so they may only go in the clear
   * when they never leave this computer. */
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("Plain http:// is only allowed for this computer "
                             "(localhost); use https://."));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL must not contain a user name or "
                             "password."));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The base URL must not contain a query (“?”) or "
                             "a fragment (“#”)."));
      return NULL;
    }

  return g_steal_pointer (&url);
}

/**
 * ce_element_key_escape:
 * @element_key: an element key, such as "slack"
 * @error: return location for a #GError
 *
 * Escapes @element_key so that it fills exactly one path segment.
 *
 * Returns: (transfer full) (nullable): the escaped key, or %NULL with
 *   %CE_ERROR_INVALID_INPUT
 */
char *
ce_element_key_escape (const char  *element_key,
                       GError     **error)
{
  g_return_val_if_fail (element_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Escaping cannot hide "." and "..": they would move up the path. */
  if (*element_key == '\0' ||
      g_str_equal (element_key, ".") ||
      g_str_equal (element_key, ".."))
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The element key is not valid."));
      return NULL;
    }

  return g_uri_escape_string (element_key, NULL, FALSE);
}
