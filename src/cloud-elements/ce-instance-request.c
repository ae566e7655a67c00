/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-error.h"
#include "ce-instance-request.h"

struct _CeInstanceRequest
{
  GObject    parent_instance;

  char      *element_key;
  char      *code;
  char      *client_id;
  char      *client_secret;
  char      *callback_url;
  char      *scopes;
  char      *name;
  GStrv      tags;
  gboolean   forward_events;
  char      *service_url;
};

G_DEFINE_FINAL_TYPE (CeInstanceRequest, ce_instance_request, G_TYPE_OBJECT)

static char *
dup_trimmed (const char *text)
{
  if (text == NULL)
    return NULL;

  return g_strstrip (g_strdup (text));
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Control and format characters (bidi overrides among them) cannot be seen
 * in an entry, yet they would travel to the provider; a value holding one is
 * refused rather than sent as something other than what the user sees.
 */
static gboolean
is_hidden_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT;
}

static gboolean
has_char (const char *text,
          gboolean  (*predicate) (gunichar c))
{
  if (text == NULL)
    return FALSE;

  /* Entries hand over UTF-8; anything else cannot be shown, so it counts. */
  if (!g_utf8_validate (text, -1, NULL))
    return predicate == is_hidden_char;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (predicate (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_line_break (const char *text)
{
  return has_char (text, is_line_break);
}

static gboolean
is_http_url (const char *text)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "http") == 0) &&
         host != NULL && *host != '\0';
}

static void
check_filled (GPtrArray  *missing,
              const char *value,
              const char *label)
{
  if (is_blank (value))
    g_ptr_array_add (missing, (gpointer) label);
}

static void
check_one_line (GPtrArray  *problems,
                const char *value,
                const char *label)
{
  if (has_line_break (value))
    {
      /* TRANSLATORS: %s is the label of an entry, such as "Client secret". */
      g_ptr_array_add (problems,
                       g_strdup_printf (_("“%s” contains a line break; enter "
                                          "it again on one line."),
                                        label));
    }
  else if (has_char (value, is_hidden_char))
    {
      /* TRANSLATORS: %s is the label of an entry, such as "Client secret". */
      g_ptr_array_add (problems,
                       g_strdup_printf (_("“%s” contains a control character; "
                                          "enter it again without it."),
                                        label));
    }
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *member,
                   const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* Collects every problem with the request into one message, the missing
 * entries first. The sign-in code is only looked at with @with_code, as the
 * rest is checked before the user signs in, when there is no code yet.
 */
static gboolean
check_request (CeInstanceRequest  *self,
               gboolean            with_code,
               GError            **error)
{
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *message = NULL;

  missing = g_ptr_array_new ();
  problems = g_ptr_array_new_with_free_func (g_free);

  if (with_code)
    check_filled (missing, self->code, _("Sign-in code"));
  check_filled (missing, self->client_id, _("Client ID"));
  check_filled (missing, self->client_secret, _("Client secret"));
  check_filled (missing, self->callback_url, _("Redirect URL"));
  check_filled (missing, self->scopes, _("Scopes"));
  check_filled (missing, self->name, _("Instance name"));
  if (self->forward_events)
    check_filled (missing, self->service_url, _("Service URL"));

  if (missing->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (missing, NULL);
      /* TRANSLATORS: Separates the labels of the entries that are missing. */
      list = g_strjoinv (_(", "), (char **) missing->pdata);
      /* TRANSLATORS: %s is a list of entry labels, such as
       * "Client ID, Scopes". */
      g_ptr_array_insert (problems, 0,
                          g_strdup_printf (_("These entries are missing: %s."),
                                           list));
    }

  if (with_code)
    check_one_line (problems, self->code, _("Sign-in code"));
  check_one_line (problems, self->client_id, _("Client ID"));
  check_one_line (problems, self->client_secret, _("Client secret"));
  check_one_line (problems, self->callback_url, _("Redirect URL"));
  check_one_line (problems, self->scopes, _("Scopes"));
  check_one_line (problems, self->name, _("Instance name"));

  /* One message for all the tags, however many hold a bad character. */
  for (gsize i = 0; self->tags != NULL && self->tags[i] != NULL; i++)
    {
      guint before = problems->len;

      check_one_line (problems, self->tags[i], _("Tags"));
      if (problems->len > before)
        break;
    }

  if (self->forward_events && !is_blank (self->service_url))
    {
      guint before = problems->len;

      check_one_line (problems, self->service_url, _("Service URL"));
      if (problems->len == before && !is_http_url (self->service_url))
        g_ptr_array_add (problems,
                         g_strdup (_("The Service URL must be an http:// or "
                                     "https:// address.")));
    }

  if (problems->len == 0)
    return TRUE;

  g_ptr_array_add (problems, NULL);
  message = g_strjoinv ("\n", (char **) problems->pdata);
  g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT, message);

  return FALSE;
}

static void
ce_instance_request_finalize (GObject *object)
{
  CeInstanceRequest *self = (CeInstanceRequest *)object;

  g_clear_pointer (&self->element_key, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->callback_url, g_free);
  g_clear_pointer (&self->scopes, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->service_url, g_free);

  G_OBJECT_CLASS (ce_instance_request_parent_class)->finalize (object);
}

static void
ce_instance_request_class_init (CeInstanceRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_instance_request_finalize;
}

static void
ce_instance_request_init (CeInstanceRequest *self)
{
}

/**
 * ce_instance_request_new:
 * @element_key: the element to make an instance of, such as "slack"
 *
 * Returns: (transfer full): a new, empty request
 */
CeInstanceRequest *
ce_instance_request_new (const char *element_key)
{
  CeInstanceRequest *self;

  g_return_val_if_fail (element_key != NULL && *element_key != '\0', NULL);

  self = g_object_new (CE_TYPE_INSTANCE_REQUEST, NULL);
  self->element_key = g_strdup (element_key);

  return self;
}

/**
 * ce_instance_request_get_element_key:
 * @self: a #CeInstanceRequest
 *
 * Returns: the element key given to ce_instance_request_new()
 */
const char *
ce_instance_request_get_element_key (CeInstanceRequest *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE_REQUEST (self), NULL);

  return self->element_key;
}

/**
 * ce_instance_request_set_code:
 * @self: a #CeInstanceRequest
 * @code: (nullable): the code the provider gave at sign-in
 */
void
ce_instance_request_set_code (CeInstanceRequest *self,
                              const char        *code)
{
  g_return_if_fail (CE_IS_INSTANCE_REQUEST (self));

  g_free (self->code);
  self->code = dup_trimmed (code);
}

/**
 * ce_instance_request_set_client_id:
 * @self: a #CeInstanceRequest
 * @client_id: (nullable): the provider app's client id
 */
void
ce_instance_request_set_client_id (CeInstanceRequest *self,
                                   const char        *client_id)
{
  g_return_if_fail (CE_IS_INSTANCE_REQUEST (self));

  g_free (self->client_id);
  self->client_id = dup_trimmed (client_id);
}

/**
 * ce_instance_request_set_client_secret:
 * @self: a #CeInstanceRequest
 * @client_secret: (nullable): the provider app's client secret
 *
 * Sets the client secret, without the white space around it.
 */
void
ce_instance_request_set_client_secret (CeInstanceRequest *self,
                                       const char        *client_secret)
{
  g_return_if_fail (CE_IS_INSTANCE_REQUEST (self));

  g_free (self->client_secret);
  self->client_secret = dup_trimmed (client_secret);
}

/**
 * ce_instance_request_set_callback_url:
 * @self: a #CeInstanceRequest
 * @callback_url: (nullable): the redirect URL
 *
 * Sets the redirect URL. It is sent exactly as given, because the provider
 * compares it with the one used to sign in, character by character.
 */
void
ce_instance_request_set_callback_url (CeInstanceRequest *self,
                                      const char        *callback_url)
{
  g_return_if_fail (CE_IS_INSTANCE_REQUEST (self));

  g_free (self->callback_url);
  self->callback_url = g_strdup (callback_url);
}

/**
 * ce_instance_request_set_scopes:
 * @self: a #CeInstanceRequest
 * @scopes: (nullable): the scopes, as sent to sign in
 */
void
ce_instance_request_set_scopes (CeInstanceRequest *self,
                                const char        *scopes)
{
  g_return_if_fail (CE_IS_INSTANCE_REQUEST (self));

  g_free (self->scopes);
  self->scopes = g_strdup (scopes);
}

/**
 * ce_instance_request_set_name:
 * @self: a #CeInstanceRequest
 * @name: (nullable): the instance name
 */
void
ce_instance_request_set_name (CeInstanceRequest *self,
                              const char        *name)
{
  g_return_if_fail (CE_IS_INSTANCE_REQUEST (self));

  g_free (self->name);
  self->name = dup_trimmed (name);
}

/**
 * ce_instance_request_set_tags:
 * @self: a #CeInstanceRequest
 * @tags: (nullable) (array zero-terminated=1): the tags
 *
 * Sets the tags. Each is trimmed, and empty ones are left out.
 */
void
ce_instance_request_set_tags (CeInstanceRequest  *self,
                              const char * const *tags)
{
  g_autoptr (GStrvBuilder) builder = NULL;

  g_return_if_fail (CE_IS_INSTANCE_REQUEST (self));

  builder = g_strv_builder_new ();
  for (gsize i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = dup_trimmed (tags[i]);

      if (*tag != '\0')
        g_strv_builder_add (builder, tag);
    }

  g_clear_pointer (&self->tags, g_strfreev);
  self->tags = g_strv_builder_end (builder);
}

/**
 * ce_instance_request_set_forward_events:
 * @self: a #CeInstanceRequest
 * @forward_events: whether the platform passes events on to @service_url
 * @service_url: (nullable): the user's service URL
 */
void
ce_instance_request_set_forward_events (CeInstanceRequest *self,
                                        gboolean           forward_events,
                                        const char        *service_url)
{
  g_return_if_fail (CE_IS_INSTANCE_REQUEST (self));

  self->forward_events = !!forward_events;
  g_free (self->service_url);
  self->service_url = dup_trimmed (service_url);
}

/**
 * ce_instance_request_validate_configuration:
 * @self: a #CeInstanceRequest
 * @error: return location for a #GError
 *
 * Checks everything ce_instance_request_validate() checks except the sign-in
 * code, so that a bad entry is refused before the user signs in. One message
 * names every missing entry and every other problem, by the labels the user
 * sees.
 *
 * Returns: %TRUE if the configuration is complete, or %FALSE with
 *   %CE_ERROR_INVALID_INPUT
 */
gboolean
ce_instance_request_validate_configuration (CeInstanceRequest  *self,
                                            GError            **error)
{
  g_return_val_if_fail (CE_IS_INSTANCE_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_request (self, FALSE, error);
}

/**
 * ce_instance_request_validate:
 * @self: a #CeInstanceRequest
 * @error: return location for a #GError
 *
 * Checks that the request can be sent: the sign-in code, and everything
 * ce_instance_request_validate_configuration() checks. One message names
 * every missing entry and every other problem, by the labels the user sees.
 *
 * Returns: %TRUE if the request is complete, or %FALSE with
 *   %CE_ERROR_INVALID_INPUT
 */
gboolean
ce_instance_request_validate (CeInstanceRequest  *self,
                              GError            **error)
{
  g_return_val_if_fail (CE_IS_INSTANCE_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_request (self, TRUE, error);
}

/**
 * ce_instance_request_to_json:
 * @self: a #CeInstanceRequest
 * @error: return location for a #GError
 *
 * Builds the body of the request that creates the instance, after checking
 * it with ce_instance_request_validate().
 *
 * Returns: (transfer full) (nullable): the body, or %NULL with
 *   %CE_ERROR_INVALID_INPUT
 */
JsonNode *
ce_instance_request_to_json (CeInstanceRequest  *self,
                             GError            **error)
{
  g_autoptr (JsonBuilder) builder = NULL;

  g_return_val_if_fail (CE_IS_INSTANCE_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ce_instance_request_validate (self, error))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "element");
  json_builder_begin_object (builder);
  add_string_member (builder, "key", self->element_key);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "providerData");
  json_builder_begin_object (builder);
  add_string_member (builder, "code", self->code);
  json_builder_end_object (builder);

  /* Every configuration value is a string, flags included: the platform
   * expects "true", not true. */
  json_builder_set_member_name (builder, "configuration");
  json_builder_begin_object (builder);
  add_string_member (builder, "oauth.api.key", self->client_id);
  add_string_member (builder, "oauth.api.secret", self->client_secret);
  add_string_member (builder, "oauth.callback.url", self->callback_url);
  add_string_member (builder, "oauth.scope", self->scopes);
  if (self->forward_events)
    {
      add_string_member (builder, "event.notification.enabled", "true");
      add_string_member (builder, "event.notification.callback.url",
                         self->service_url);
    }
  json_builder_end_object (builder);

  if (self->tags != NULL && self->tags[0] != NULL)
    {
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (gsize i = 0; self->tags[i] != NULL; i++)
        json_builder_add_string_value (builder, self->tags[i]);
      json_builder_end_array (builder);
    }

  add_string_member (builder, "name", self->name);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
