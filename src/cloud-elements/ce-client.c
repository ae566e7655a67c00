/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ce-base-url.h"
#include "ce-client.h"
#include "ce-error.h"
#include "ce-json.h"

#define SESSION_TIMEOUT_SECONDS 30

struct _CeClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *authorization;
};

G_DEFINE_FINAL_TYPE (CeClient, ce_client, G_TYPE_OBJECT)

/* Trims a secret or key the user typed. One that is empty or spans lines
 * is refused here, with the entry's label, rather than sent: a line break
 * would end the Authorization header early.
 */
static char *
dup_secret (const char *text,
            const char *label,
            GPtrArray  *problems)
{
  g_autofree char *secret = NULL;

  secret = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*secret == '\0')
    {
      /* TRANSLATORS: %s is the label of an entry, such as "User secret". */
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The %s is empty."), label));
      return NULL;
    }

  if (strpbrk (secret, "\r\n") != NULL)
    {
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The %s contains a line break; enter "
                                          "it again on one line."),
                                        label));
      return NULL;
    }

  for (const char *p = secret; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("The %s contains a control "
                                              "character."),
                                            label));
          return NULL;
        }
    }

  return g_steal_pointer (&secret);
}

/* The User and Organization secrets go into "User <u>, Organization <o>",
 * where a comma or a space would change where one ends, and where anything
 * but printable ASCII may be mangled on the way. Such a secret cannot be
 * right, so it is refused with the entry's label instead of being sent.
 */
static char *
dup_header_secret (const char *text,
                   const char *label,
                   GPtrArray  *problems)
{
  g_autofree char *secret = dup_secret (text, label, problems);

  if (secret == NULL)
    return NULL;

  if (strchr (secret, ',') != NULL)
    {
      /* TRANSLATORS: %s is the label of an entry, such as "User secret". */
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The %s must not contain a comma."),
                                        label));
      return NULL;
    }

  if (strchr (secret, ' ') != NULL)
    {
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The %s must not contain spaces."),
                                        label));
      return NULL;
    }

  for (const char *p = secret; *p != '\0'; p++)
    {
      if (!g_ascii_isgraph (*p))
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("The %s may only contain the "
                                              "letters A to Z, digits and "
                                              "punctuation."),
                                            label));
          return NULL;
        }
    }

  return g_steal_pointer (&secret);
}

static char *
join_lines (GPtrArray *problems)
{
  g_assert (problems->len > 0);

  g_ptr_array_add (problems, NULL);

  return g_strjoinv ("\n", (char **) problems->pdata);
}

static SoupMessage *
message_new (CeClient    *self,
             const char  *method,
             const char  *path,
             const char  *query,
             GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) local_error = NULL;
  SoupMessage *message;

  text = g_strconcat (self->base_url, path,
                      query != NULL ? "?" : NULL, query, NULL);
  uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT,
                   _("Could not make a request address: %s"),
                   local_error->message);
      return NULL;
    }

  message = soup_message_new_from_uri (method, uri);

  /* A redirect could carry the Authorization header to another host, so an
   * answer that asks for one is treated like any other error status. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");

  g_debug ("client: %s %s", method, g_uri_get_path (uri));

  return message;
}

static GError *
error_from_transport (SoupMessage  *message,
                      const GError *error)
{
  const char *host = g_uri_get_host (soup_message_get_uri (message));

  if (error->domain == G_TLS_ERROR)
    {
      if (error->code == G_TLS_ERROR_BAD_CERTIFICATE)
        return g_error_new (CE_ERROR, CE_ERROR_NETWORK,
                            _("The certificate of %s is not trusted, so "
                              "Hookline did not connect. There is no way to "
                              "continue with this server."),
                            host);

      return g_error_new (CE_ERROR, CE_ERROR_NETWORK,
                          _("The secure connection to %s failed, so the "
                            "server is not trusted and Hookline did not "
                            "connect: %s"),
                          host, error->message);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (CE_ERROR, CE_ERROR_NETWORK,
                        _("The request to %s timed out."), host);

  return g_error_new (CE_ERROR, CE_ERROR_NETWORK,
                      _("Could not reach %s: %s"), host, error->message);
}

/* Finishes a request and checks what came back: a transport error becomes a
 * network error (a cancelled request stays G_IO_ERROR_CANCELLED so callers
 * can tell it apart and stay quiet), an error status becomes an error made
 * from the answer, and a success answer must be a JSON object.
 */
static JsonObject *
finish_json_request (SoupSession   *session,
                     GAsyncResult  *result,
                     SoupMessage   *message,
                     GError       **error)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *reason;
  guint status;

  /* FIXME: the answer is read whole, with no limit on its size. A body of
   * many megabytes is held in memory, and a huge instance name makes the
   * window slow to lay it out; a cap needs a streamed read.
   */
  body = soup_session_send_and_read_finish (session, result, &local_error);
  if (body == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, error_from_transport (message, local_error));
      return NULL;
    }

  status = soup_message_get_status (message);
  g_debug ("client: %s %s answered %u",
           soup_message_get_method (message),
           g_uri_get_path (soup_message_get_uri (message)),
           status);

  reason = soup_message_get_reason_phrase (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_propagate_error (error,
                         ce_error_new_from_response (status, reason, body));
      return NULL;
    }

  return ce_json_parse_answer (body, status, reason, error);
}

static void
get_oauth_url_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessage *message = g_task_get_task_data (task);
  const char *oauth_url = NULL;
  const char *scheme;
  const char *host;

  answer = finish_json_request (SOUP_SESSION (object), result, message,
                                &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!ce_json_get_string (answer, "oauthUrl", &oauth_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  uri = g_uri_parse (oauth_url, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 &&
       g_ascii_strcasecmp (scheme, "http") != 0) ||
      host == NULL || *host == '\0')
    {
      g_task_return_new_error (task, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                               _("The sign-in address from Cloud Elements is "
                                 "not a web address."));
      return;
    }

  g_task_return_pointer (task, g_strdup (oauth_url), g_free);
}

static void
create_instance_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessage *message = g_task_get_task_data (task);
  CeInstance *instance;

  answer = finish_json_request (SOUP_SESSION (object), result, message,
                                &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  node = json_node_init_object (json_node_alloc (), answer);
  instance = ce_instance_new_from_json (node, &error);
  if (instance == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("client: created instance %" G_GINT64_FORMAT,
           ce_instance_get_id (instance));
  g_task_return_pointer (task, instance, g_object_unref);
}

static void
ce_client_dispose (GObject *object)
{
  CeClient *self = (CeClient *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (ce_client_parent_class)->dispose (object);
}

static void
ce_client_finalize (GObject *object)
{
  CeClient *self = (CeClient *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->authorization, g_free);

  G_OBJECT_CLASS (ce_client_parent_class)->finalize (object);
}

static void
ce_client_class_init (CeClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ce_client_dispose;
  object_class->finalize = ce_client_finalize;
}

static void
ce_client_init (CeClient *self)
{
}

/**
 * ce_session_new:
 * @user_agent: the User-Agent to send
 *
 * Creates the session the application shares between all its requests, with
 * a timeout so that no request waits forever.
 *
 * Returns: (transfer full): a new #SoupSession
 */
SoupSession *
ce_session_new (const char *user_agent)
{
  g_return_val_if_fail (user_agent != NULL, NULL);

  return soup_session_new_with_options ("user-agent", user_agent,
                                        "timeout", SESSION_TIMEOUT_SECONDS,
                                        NULL);
}

/**
 * ce_client_new:
 * @session: the #SoupSession to send requests with
 * @base_url: the platform's base URL
 * @user_secret: the User secret
 * @organization_secret: the Organization secret
 * @error: return location for a #GError
 *
 * Creates a client for one account. The base URL and both secrets are
 * checked here, so that a bad value is refused before any request.
 *
 * Returns: (transfer full) (nullable): a new #CeClient, or %NULL with
 *   %CE_ERROR_INVALID_INPUT
 */
CeClient *
ce_client_new (SoupSession  *session,
               const char   *base_url,
               const char   *user_secret,
               const char   *organization_secret,
               GError      **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *user = NULL;
  g_autofree char *organization = NULL;
  CeClient *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problems = g_ptr_array_new_with_free_func (g_free);

  base = ce_base_url_normalize (base_url, &local_error);
  if (base == NULL)
    g_ptr_array_add (problems, g_strdup (local_error->message));

  user = dup_header_secret (user_secret, _("User secret"), problems);
  organization = dup_header_secret (organization_secret,
                                    _("Organization secret"), problems);

  if (problems->len > 0)
    {
      g_autofree char *message = join_lines (problems);

      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_INPUT, message);
      return NULL;
    }

  self = g_object_new (CE_TYPE_CLIENT, NULL);
  self->session = g_object_ref (session);
  self->base_url = g_steal_pointer (&base);
  self->authorization = g_strdup_printf ("User %s, Organization %s",
                                         user, organization);

  return self;
}

/**
 * ce_client_get_base_url:
 * @self: a #CeClient
 *
 * Returns: the normalized base URL
 */
const char *
ce_client_get_base_url (CeClient *self)
{
  g_return_val_if_fail (CE_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * ce_client_get_oauth_url_async:
 * @self: a #CeClient
 * @element_key: the element, such as "slack"
 * @api_key: the provider app's client id
 * @api_secret: the provider app's client secret
 * @callback_url: the redirect URL
 * @scope: the scopes to ask for
 * @state: a fresh random value for this attempt
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Asks the platform for the address where the user signs in to the provider.
 */
void
ce_client_get_oauth_url_async (CeClient            *self,
                               const char          *element_key,
                               const char          *api_key,
                               const char          *api_secret,
                               const char          *callback_url,
                               const char          *scope,
                               const char          *state,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *key = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (CE_IS_CLIENT (self));
  g_return_if_fail (element_key != NULL);
  g_return_if_fail (api_key != NULL);
  g_return_if_fail (api_secret != NULL);
  g_return_if_fail (callback_url != NULL);
  g_return_if_fail (scope != NULL);
  g_return_if_fail (state != NULL && *state != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ce_client_get_oauth_url_async);

  key = ce_element_key_escape (element_key, &error);
  if (key == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The same trimmed values go into the instance later, so the provider
   * sees one client id and secret throughout. */
  problems = g_ptr_array_new_with_free_func (g_free);
  client_id = dup_secret (api_key, _("Client ID"), problems);
  client_secret = dup_secret (api_secret, _("Client secret"), problems);
  if (problems->len > 0)
    {
      g_autofree char *text = join_lines (problems);

      g_task_return_new_error (task, CE_ERROR, CE_ERROR_INVALID_INPUT, "%s",
                               text);
      return;
    }

  path = g_strconcat ("/elements/", key, "/oauth/url", NULL);
  query = soup_form_encode ("apiKey", client_id,
                            "apiSecret", client_secret,
                            "callbackUrl", callback_url,
                            "scope", scope,
                            "state", state,
                            NULL);

  message = message_new (self, SOUP_METHOD_GET, path, query, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  soup_session_send_and_read_async (self->session, message,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    get_oauth_url_cb,
                                    g_steal_pointer (&task));
}

/**
 * ce_client_get_oauth_url_finish:
 * @self: a #CeClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the sign-in address, or %NULL with
 *   an error in the %CE_ERROR domain, or %G_IO_ERROR_CANCELLED
 */
char *
ce_client_get_oauth_url_finish (CeClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ce_client_get_oauth_url_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ce_client_create_instance_async:
 * @self: a #CeClient
 * @request: the instance to create
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Creates an instance. A request that does not validate is refused without
 * sending anything.
 */
void
ce_client_create_instance_async (CeClient            *self,
                                 CeInstanceRequest   *request,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  char *text;

  g_return_if_fail (CE_IS_CLIENT (self));
  g_return_if_fail (CE_IS_INSTANCE_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ce_client_create_instance_async);

  json = ce_instance_request_to_json (request, &error);
  if (json == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  message = message_new (self, SOUP_METHOD_POST, "/instances", NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", self->authorization);

  text = json_to_string (json, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (message, "application/json",
                                            body);

  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  soup_session_send_and_read_async (self->session, message,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    create_instance_cb,
                                    g_steal_pointer (&task));
}

/**
 * ce_client_create_instance_finish:
 * @self: a #CeClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new instance, or %NULL with an
 *   error in the %CE_ERROR domain, or %G_IO_ERROR_CANCELLED
 */
CeInstance *
ce_client_create_instance_finish (CeClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ce_client_create_instance_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
