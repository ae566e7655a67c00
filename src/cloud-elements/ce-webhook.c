/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-base-url.h"
#include "ce-error.h"
#include "ce-webhook.h"

/**
 * ce_instance_id_parse_digits:
 * @digits: an instance id as text
 * @id: (out): the instance id
 * @error: return location for a #GError
 *
 * Reads an instance id written in decimal digits and nothing else, not even
 * white space: this is for ids that a program wrote, such as the platform's
 * answers. The id must be between 1 and %G_MAXINT64.
 *
 * Returns: %TRUE if @digits holds an instance id
 */
gboolean
ce_instance_id_parse_digits (const char  *digits,
                             gint64      *id,
                             GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  gint64 value = 0;

  g_return_val_if_fail (digits != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *id = 0;

  if (*digits == '\0')
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The instance ID is empty."));
      return FALSE;
    }

  if (digits[0] == '-' && digits[1] != '\0' &&
      strspn (digits + 1, "0123456789") == strlen (digits + 1))
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The instance ID must be greater than zero."));
      return FALSE;
    }

  /* The number parser would also take a leading "+"; an id is digits only. */
  if (strspn (digits, "0123456789") != strlen (digits))
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The instance ID must contain only the digits 0 "
                             "to 9."));
      return FALSE;
    }

  if (!g_ascii_string_to_signed (digits, 10, 1, G_MAXINT64, &value,
                                 &local_error))
    {
      /* Digits only, so the number can only be out of bounds. */
      if (strspn (digits, "0") == strlen (digits))
        g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                             _("The instance ID must be greater than zero."));
      else
        g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                             _("The instance ID is too large."));
      return FALSE;
    }

  *id = value;
  return TRUE;
}

/**
 * ce_instance_id_parse:
 * @text: an instance id as the user typed it
 * @id: (out): the instance id
 * @error: return location for a #GError
 *
 * Reads an instance id written in decimal digits, with optional white space
 * around it, as ce_instance_id_parse_digits() does.
 *
 * Returns: %TRUE if @text holds an instance id
 */
gboolean
ce_instance_id_parse (const char  *text,
                      gint64      *id,
                      GError     **error)
{
  g_autofree char *digits = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  digits = g_strstrip (g_strdup (text));

  return ce_instance_id_parse_digits (digits, id, error);
}

/**
 * ce_webhook_url:
 * @base_url: the platform's base URL
 * @element_key: the element key, such as "slack"
 * @id: the instance id
 * @error: return location for a #GError
 *
 * Builds the address the provider must send its events to: the base URL,
 * "/events/", the element key and the standard base64 encoding of the id's
 * decimal digits.
 *
 * Returns: (transfer full) (nullable): the webhook URL, or %NULL with
 *   %CE_ERROR_INVALID_INPUT
 */
char *
ce_webhook_url (const char  *base_url,
                const char  *element_key,
                gint64       id,
                GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *key = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (element_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (id <= 0)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                           _("The instance ID must be greater than zero."));
      return NULL;
    }

  base = ce_base_url_normalize (base_url, error);
  if (base == NULL)
    return NULL;

  key = ce_element_key_escape (element_key, error);
  if (key == NULL)
    return NULL;

  digits = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  encoded = g_base64_encode ((const guchar *) digits, strlen (digits));

  return g_strconcat (base, "/events/", key, "/", encoded, NULL);
}
