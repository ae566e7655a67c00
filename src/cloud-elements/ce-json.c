/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ce-error.h"
#include "ce-json.h"
#include "ce-webhook.h"

/* Looks a member up, treating JSON null like a missing member. */
static JsonNode *
lookup_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
holds_value_of_type (JsonNode *node,
                     GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == type;
}

static gboolean
set_missing_error (const char  *member,
                   GError     **error)
{
  g_set_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
               _("The answer from Cloud Elements has no “%s”."), member);
  return FALSE;
}

typedef enum
{
  EXPECT_STRING,
  EXPECT_BOOLEAN,
  EXPECT_OBJECT,
  EXPECT_INTEGER,
} Expected;

static gboolean
set_type_error (const char  *member,
                Expected     expected,
                GError     **error)
{
  /* Whole sentences, so that each can be translated on its own. */
  switch (expected)
    {
    case EXPECT_STRING:
      g_set_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                   _("In the answer from Cloud Elements, “%s” is not a text."),
                   member);
      break;

    case EXPECT_BOOLEAN:
      g_set_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                   _("In the answer from Cloud Elements, “%s” is not true or "
                     "false."),
                   member);
      break;

    case EXPECT_OBJECT:
      g_set_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                   _("In the answer from Cloud Elements, “%s” is not an "
                     "object."),
                   member);
      break;

    case EXPECT_INTEGER:
      g_set_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                   _("In the answer from Cloud Elements, “%s” is not a whole "
                     "number."),
                   member);
      break;

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* json-glib wraps integers that do not fit in 64 bits around without a word,
 * which could turn an id into another, valid-looking one. Looking at the
 * integers in the text itself is the only way to notice.
 */
static gboolean
has_oversized_integer (const char *data,
                       gsize       size)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      gsize end;
      gboolean integer = TRUE;

      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
          continue;
        }

      if (data[i] == '"')
        {
          in_string = TRUE;
          continue;
        }

      /* Outside strings, only numbers hold digits or a minus sign. */
      if (data[i] != '-' && !g_ascii_isdigit (data[i]))
        continue;

      for (end = i + 1; end < size; end++)
        {
          if (data[end] == '.' || data[end] == 'e' || data[end] == 'E' ||
              data[end] == '+' || data[end] == '-')
            integer = FALSE;
          else if (!g_ascii_isdigit (data[end]))
            break;
        }

      /* Anything shorter than "-9223372036854775808" fits. */
      if (integer && end - i >= 19)
        {
          g_autofree char *token = g_strndup (data + i, end - i);
          gint64 unused;

          if (!g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64,
                                         &unused, NULL))
            return TRUE;
        }

      i = end - 1;
    }

  return FALSE;
}

/* Parses @bytes, which must hold a JSON object. With a @status, a body that
 * is not JSON at all is reported the way the user is shown other unexpected
 * answers: by the status line and an excerpt, not by the parser's details.
 */
static JsonObject *
parse_object (GBytes      *bytes,
              guint        status,
              const char  *reason_phrase,
              GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *data;
  JsonNode *root;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                           _("The answer from Cloud Elements is empty."));
      return NULL;
    }

  /* The parser needs text; checking first keeps stray bytes from
   * reaching it at all. */
  if (!g_utf8_validate_len (data, size, NULL))
    {
      if (status != 0)
        g_propagate_error (error, ce_error_new_not_json (status, reason_phrase,
                                                         bytes));
      else
        g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                             _("The answer from Cloud Elements is not text."));
      return NULL;
    }

  if (has_oversized_integer (data, size))
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                           _("The answer from Cloud Elements holds a number "
                             "too large to read."));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      if (status != 0)
        g_propagate_error (error, ce_error_new_not_json (status, reason_phrase,
                                                         bytes));
      else
        g_set_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                     _("The answer from Cloud Elements is not valid JSON: %s"),
                     local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                           _("The answer from Cloud Elements is not a JSON "
                             "object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * ce_json_parse_object:
 * @bytes: a JSON document
 * @error: return location for a #GError
 *
 * Parses @bytes, which must hold a JSON object.
 *
 * Returns: (transfer full) (nullable): the root object, or %NULL with
 *   %CE_ERROR_INVALID_RESPONSE
 */
JsonObject *
ce_json_parse_object (GBytes  *bytes,
                      GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_object (bytes, 0, NULL, error);
}

/**
 * ce_json_parse_answer:
 * @bytes: the body of a success answer
 * @status: its HTTP status code
 * @reason_phrase: (nullable): its HTTP reason phrase
 * @error: return location for a #GError
 *
 * Parses the body of a success answer, which must hold a JSON object. A body
 * that is not JSON is reported by ce_error_new_not_json().
 *
 * Returns: (transfer full) (nullable): the root object, or %NULL with
 *   %CE_ERROR_INVALID_RESPONSE
 */
JsonObject *
ce_json_parse_answer (GBytes      *bytes,
                      guint        status,
                      const char  *reason_phrase,
                      GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (status != 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_object (bytes, status, reason_phrase, error);
}

/**
 * ce_json_get_string:
 * @object: a #JsonObject
 * @member: the member name
 * @value: (out) (transfer none): the string, owned by @object
 * @error: return location for a #GError
 *
 * Reads a string member that must be there.
 *
 * Returns: %TRUE if @member holds a string
 */
gboolean
ce_json_get_string (JsonObject  *object,
                    const char  *member,
                    const char **value,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *value = NULL;

  node = lookup_member (object, member);
  if (node == NULL)
    return set_missing_error (member, error);

  if (!holds_value_of_type (node, G_TYPE_STRING))
    return set_type_error (member, EXPECT_STRING, error);

  *value = json_node_get_string (node);
  return TRUE;
}

/**
 * ce_json_get_string_opt:
 * @object: a #JsonObject
 * @member: the member name
 * @value: (out) (transfer none) (nullable): the string, owned by @object, or
 *   %NULL when @member is missing or null
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless @member holds something other than a string or null
 */
gboolean
ce_json_get_string_opt (JsonObject  *object,
                        const char  *member,
                        const char **value,
                        GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *value = NULL;

  node = lookup_member (object, member);
  if (node == NULL)
    return TRUE;

  if (!holds_value_of_type (node, G_TYPE_STRING))
    return set_type_error (member, EXPECT_STRING, error);

  *value = json_node_get_string (node);
  return TRUE;
}

/**
 * ce_json_get_boolean_opt:
 * @object: a #JsonObject
 * @member: the member name
 * @fallback: the value when @member is missing or null
 * @value: (out): the boolean
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless @member holds something other than a boolean or null
 */
gboolean
ce_json_get_boolean_opt (JsonObject  *object,
                         const char  *member,
                         gboolean     fallback,
                         gboolean    *value,
                         GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *value = fallback;

  node = lookup_member (object, member);
  if (node == NULL)
    return TRUE;

  if (!holds_value_of_type (node, G_TYPE_BOOLEAN))
    return set_type_error (member, EXPECT_BOOLEAN, error);

  *value = json_node_get_boolean (node);
  return TRUE;
}

/**
 * ce_json_get_object_opt:
 * @object: a #JsonObject
 * @member: the member name
 * @value: (out) (transfer none) (nullable): the object, owned by @object, or
 *   %NULL when @member is missing or null
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless @member holds something other than an object or null
 */
gboolean
ce_json_get_object_opt (JsonObject  *object,
                        const char  *member,
                        JsonObject **value,
                        GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *value = NULL;

  node = lookup_member (object, member);
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_type_error (member, EXPECT_OBJECT, error);

  *value = json_node_get_object (node);
  return TRUE;
}

/**
 * ce_json_get_instance_id:
 * @object: a #JsonObject
 * @member: the member name
 * @value: (out): the instance id, greater than zero
 * @error: return location for a #GError
 *
 * Reads an instance id: a JSON integer, read as 64 bits, or a string of
 * decimal digits. Anything else, zero and negative numbers included, is an
 * error rather than a zero.
 *
 * Returns: %TRUE if @member holds a usable instance id
 */
gboolean
ce_json_get_instance_id (JsonObject  *object,
                         const char  *member,
                         gint64      *value,
                         GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonNode *node;
  gint64 id;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *value = 0;

  node = lookup_member (object, member);
  if (node == NULL)
    return set_missing_error (member, error);

  if (holds_value_of_type (node, G_TYPE_INT64))
    {
      id = json_node_get_int (node);
      if (id <= 0)
        {
          g_set_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                       _("In the answer from Cloud Elements, “%s” is not "
                         "greater than zero."), member);
          return FALSE;
        }
    }
  else if (holds_value_of_type (node, G_TYPE_STRING))
    {
      if (!ce_instance_id_parse_digits (json_node_get_string (node), &id,
                                        &local_error))
        {
          g_set_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                       _("In the answer from Cloud Elements, “%s” is not "
                         "an instance ID: %s"),
                       member, local_error->message);
          return FALSE;
        }
    }
  else
    {
      return set_type_error (member, EXPECT_INTEGER, error);
    }

  *value = id;
  return TRUE;
}
