/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "oauth-callback.h"

/* 256 bits, twice the minimum an OAuth state needs to be unguessable. */
#define STATE_BYTES 32

/* Enough for any real explanation, and short enough for a dialog. */
#define FOREIGN_TEXT_MAX_CHARS 200

G_DEFINE_QUARK (oauth-error-quark, oauth_error)

static gboolean
read_urandom (guint8 *buffer,
              gsize   length)
{
  gsize done = 0;
  int fd;

  fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;

  while (done < length)
    {
      gssize n = read (fd, buffer + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }

  close (fd);

  return done == length;
}

static gboolean
fill_random (guint8 *buffer,
             gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;

      /* Kernels older than 3.17 and some sandboxes lack the system call;
       * the device gives the same pool. */
      if (n < 0)
        return read_urandom (buffer + done, length - done);

      done += n;
    }

  return TRUE;
}

/* Base64url without padding keeps the value safe in a query string, so it
 * comes back from the provider exactly as it was sent. */
static char *
base64url_encode (const guint8 *data,
                  gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return text;
}

static gboolean
is_web_scheme (const char *scheme)
{
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "http") == 0);
}

static int
default_port (const char *scheme)
{
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return 443;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return 80;
  return -1;
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  return port > 0 ? port : default_port (g_uri_get_scheme (uri));
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* Only an address in its usual form counts; any other spelling is taken
   * for a name, which could point anywhere. */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
hosts_equal (const char *a,
             const char *b)
{
  g_autofree char *ascii_a = g_hostname_to_ascii (a);
  g_autofree char *ascii_b = g_hostname_to_ascii (b);

  /* Web engines hand over hosts in their ASCII form while a user may have
   * typed the Unicode one, so both are compared in ASCII when possible. */
  if (ascii_a != NULL && ascii_b != NULL)
    return g_ascii_strcasecmp (ascii_a, ascii_b) == 0;

  return g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
paths_equal (const char *a,
             const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);

  /* Only one trailing slash is forgiven, so that "" equals "/" and
   * "/auth" equals "/auth/", but "/auth//" stays a different path. */
  if (len_a > 0 && a[len_a - 1] == '/')
    len_a--;
  if (len_b > 0 && b[len_b - 1] == '/')
    len_b--;

  return len_a == len_b && memcmp (a, b, len_a) == 0;
}

static gboolean
strings_equal_constant_time (const char *a,
                             const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  guint8 diff = len_a != len_b;
  gsize i;

  /* The loop length depends only on the value this side chose. */
  for (i = 0; i < len_a; i++)
    diff |= (guint8) a[i] ^ (guint8) (i < len_b ? b[i] : 0);

  return diff == 0;
}

static GHashTable *
decode_params (const char *encoded)
{
  g_autoptr (GHashTable) part = NULL;
  g_autoptr (GError) error = NULL;
  GUriParamsIter iter;
  char *key;
  char *value;

  part = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (encoded == NULL || *encoded == '\0')
    return g_steal_pointer (&part);

  /* OAuth answers are form-encoded, so "+" is a space. The iterator decodes
   * each name and value exactly once. */
  g_uri_params_iter_init (&iter, encoded, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &key, &value, &error))
    {
      if (g_hash_table_contains (part, key))
        {
          g_free (key);
          g_free (value);
          continue;
        }

      g_hash_table_insert (part, key, value);
    }

  /* A part that cannot be decoded is not trusted for any parameter. */
  if (error != NULL)
    {
      g_debug ("oauth: ignoring undecodable callback parameters: %s",
               error->message);
      g_hash_table_remove_all (part);
    }

  return g_steal_pointer (&part);
}

static void
merge_params (GHashTable *params,
              GHashTable *part)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, part);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (params, key))
        g_hash_table_insert (params, g_strdup (key), g_strdup (value));
    }
}

static const char *
lookup_nonempty (GHashTable *params,
                 const char *name)
{
  const char *value = g_hash_table_lookup (params, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* Makes text from outside fit for a message. A provider's answer comes
 * from whoever built the callback URL, so line breaks, control characters
 * and invisible formatting such as direction overrides could disguise or
 * reorder the message around it. Those become spaces or go, white space is
 * collapsed, and the length is capped. Returns NULL when nothing visible is
 * left. */
static char *
clean_foreign_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr (GString) clean = NULL;
  gboolean pending_space = FALSE;
  const char *p;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  clean = g_string_new (NULL);

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_FORMAT)
        continue;

      if (type == G_UNICODE_CONTROL || g_unichar_isspace (c))
        {
          pending_space = clean->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (clean, ' ');
      pending_space = FALSE;
      g_string_append_unichar (clean, c);
    }

  if (clean->len == 0)
    return NULL;

  /* Cut on a character boundary, leaving room for the ellipsis. */
  if (g_utf8_strlen (clean->str, -1) > FOREIGN_TEXT_MAX_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (clean->str,
                                                  FOREIGN_TEXT_MAX_CHARS - 1);

      g_string_truncate (clean, end - clean->str);
      if (clean->str[clean->len - 1] == ' ')
        g_string_truncate (clean, clean->len - 1);
      g_string_append (clean, "…");
    }

  return g_string_free (g_steal_pointer (&clean), FALSE);
}

static void
set_provider_error (GError     **error,
                    const char  *code,
                    const char  *description)
{
  g_autofree char *safe_code = clean_foreign_text (code);
  g_autofree char *safe_description = clean_foreign_text (description);

  if (safe_code == NULL)
    safe_code = g_strdup (_("unknown"));

  if (g_strcmp0 (code, "invalid_scope") == 0)
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_PROVIDER,
                   _("Slack refused the requested scopes (invalid_scope). "
                     "Slack apps created recently may not accept the classic "
                     "scopes this connection needs; use a Slack app that "
                     "accepts them, or change the scopes.%s%s"),
                   safe_description != NULL ? " " : "",
                   safe_description != NULL ? safe_description : "");
      return;
    }

  if (safe_description != NULL)
    g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_PROVIDER,
                 _("Slack refused the sign-in: %s (%s)"),
                 safe_description, safe_code);
  else
    g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_PROVIDER,
                 _("Slack refused the sign-in (%s)"), safe_code);
}

/**
 * oauth_state_new:
 *
 * Makes a fresh `state` value for one sign-in attempt: 256 bits from the
 * kernel's cryptographic generator, encoded as unpadded base64url.
 *
 * Returns: (transfer full): the new state
 */
char *
oauth_state_new (void)
{
  guint8 bytes[STATE_BYTES];
  char *state;

  /* Without a source of randomness no attempt can be made safely, and a
   * weaker value would be worse than stopping. */
  if (!fill_random (bytes, sizeof bytes))
    g_error ("oauth: no source of random bytes is available");

  state = base64url_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);

  return state;
}

/**
 * oauth_redirect_is_valid:
 * @redirect_uri: the redirect URL registered with the Slack app
 * @error: return location for a #GError
 *
 * Checks that @redirect_uri is an absolute http or https URL with a host,
 * without user information or a fragment, so that the callback can be
 * recognized.
 *
 * Returns: %TRUE if the URL can be used
 */
gboolean
oauth_redirect_is_valid (const char  *redirect_uri,
                         GError     **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (redirect_uri != NULL)
    uri = g_uri_parse (redirect_uri, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL)
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_INVALID_REDIRECT,
                   _("The redirect URL is not a valid web address."));
      return FALSE;
    }

  if (!is_web_scheme (g_uri_get_scheme (uri)))
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_INVALID_REDIRECT,
                   _("The redirect URL must start with https:// or http://."));
      return FALSE;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_INVALID_REDIRECT,
                   _("The redirect URL has no host name."));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_INVALID_REDIRECT,
                   _("The redirect URL must not contain a user name or "
                     "password."));
      return FALSE;
    }

  if (g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_INVALID_REDIRECT,
                   _("The redirect URL must not contain a “#” part."));
      return FALSE;
    }

  return TRUE;
}

/**
 * oauth_callback_matches:
 * @uri: the URL a page is about to navigate to
 * @redirect_uri: the redirect URL of the attempt
 *
 * Tells whether a navigation to @uri is the OAuth callback: scheme, host and
 * port are equal (case-insensitively, with the default ports of http and
 * https) and the paths are equal up to one trailing slash. The query and
 * fragment of @uri do not matter.
 *
 * Returns: %TRUE if @uri is the callback
 */
gboolean
oauth_callback_matches (const char *uri,
                        const char *redirect_uri)
{
  g_autoptr (GUri) nav = NULL;
  g_autoptr (GUri) redirect = NULL;
  const char *nav_host;
  const char *redirect_host;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (redirect_uri != NULL, FALSE);

  nav = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  redirect = g_uri_parse (redirect_uri, G_URI_FLAGS_ENCODED, NULL);
  if (nav == NULL || redirect == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (g_uri_get_scheme (nav),
                          g_uri_get_scheme (redirect)) != 0)
    return FALSE;

  nav_host = g_uri_get_host (nav);
  redirect_host = g_uri_get_host (redirect);
  if (nav_host == NULL || *nav_host == '\0' ||
      redirect_host == NULL || *redirect_host == '\0')
    return FALSE;

  if (!hosts_equal (nav_host, redirect_host))
    return FALSE;

  if (effective_port (nav) != effective_port (redirect))
    return FALSE;

  return paths_equal (g_uri_get_path (nav), g_uri_get_path (redirect));
}

/**
 * oauth_callback_parse:
 * @uri: the callback URL
 * @expected_state: the state sent with the attempt
 * @error: return location for a #GError
 *
 * Reads the OAuth answer from the callback URL. Parameters come from the
 * query, then from the fragment, each decoded once; the first occurrence of
 * a name wins. The state is checked before anything else.
 *
 * Returns: (transfer full): the authorization code, or %NULL with @error set
 */
char *
oauth_callback_parse (const char  *uri,
                      const char  *expected_state,
                      GError     **error)
{
  g_autoptr (GUri) parsed = NULL;
  g_autoptr (GHashTable) params = NULL;
  const char *state;
  const char *provider_error;
  const char *code;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (expected_state != NULL && *expected_state != '\0',
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The query is read first, so its parameters win over the fragment's. */
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  params = decode_params (parsed != NULL ? g_uri_get_query (parsed) : NULL);
  if (parsed != NULL)
    {
      g_autoptr (GHashTable) fragment = NULL;

      fragment = decode_params (g_uri_get_fragment (parsed));
      merge_params (params, fragment);
    }

  state = g_hash_table_lookup (params, "state");
  if (state == NULL || !strings_equal_constant_time (expected_state, state))
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_STATE_MISMATCH,
                   _("The answer from Slack does not belong to this sign-in "
                     "attempt. Please sign in again."));
      return NULL;
    }

  provider_error = lookup_nonempty (params, "error");
  if (g_strcmp0 (provider_error, "access_denied") == 0)
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_DENIED,
                   _("You declined access in Slack."));
      return NULL;
    }

  if (provider_error != NULL)
    {
      set_provider_error (error, provider_error,
                          lookup_nonempty (params, "error_description"));
      return NULL;
    }

  code = lookup_nonempty (params, "code");
  if (code == NULL)
    {
      g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_NO_CODE,
                   _("Slack sent no authorization code. Please sign in "
                     "again."));
      return NULL;
    }

  return g_strdup (code);
}

/**
 * oauth_uri_dup_web_host:
 * @uri: (nullable): a URI
 *
 * Returns: (transfer full) (nullable): the host of @uri if it is an http or
 *   https URI with a host, or %NULL for anything else
 */
char *
oauth_uri_dup_web_host (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;
  const char *host;

  if (uri != NULL)
    parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL || !is_web_scheme (g_uri_get_scheme (parsed)))
    return NULL;

  host = g_uri_get_host (parsed);

  return host != NULL && *host != '\0' ? g_strdup (host) : NULL;
}

/**
 * oauth_uri_may_load:
 * @uri: (nullable): a URI a sign-in page navigates to
 *
 * Tells whether a frame of a sign-in page may load @uri. Besides web pages,
 * over https or, as oauth_uri_check_encrypted() demands, over plain http
 * from this computer only, frames may hold blank, inline and script-made
 * documents; files and other programs' schemes have no place in a sign-in.
 * Which of these may fill the main frame is a further question, answered by
 * oauth_uri_dup_web_host().
 *
 * Returns: %TRUE if @uri may be loaded
 */
gboolean
oauth_uri_may_load (const char *uri)
{
  g_autofree char *scheme = NULL;

  if (uri != NULL)
    scheme = g_uri_parse_scheme (uri);

  if (!oauth_uri_check_encrypted (uri, NULL))
    return FALSE;

  return scheme != NULL &&
         (is_web_scheme (scheme) ||
          g_ascii_strcasecmp (scheme, "about") == 0 ||
          g_ascii_strcasecmp (scheme, "data") == 0 ||
          g_ascii_strcasecmp (scheme, "blob") == 0);
}

/**
 * oauth_uri_check_encrypted:
 * @uri: (nullable): a URI a sign-in page navigates to
 * @error: return location for a #GError
 *
 * Checks that loading @uri sends nothing unencrypted over the network: a
 * plain http URI is refused unless its host is a loopback one (`localhost`,
 * 127.0.0.0/8 or ::1), since a password typed into such a page could be read
 * or changed on the way. Any other URI passes this check.
 *
 * Returns: %FALSE with @error set to %OAUTH_ERROR_LOAD_FAILED if @uri is
 *   plain http to another computer, %TRUE otherwise
 */
gboolean
oauth_uri_check_encrypted (const char  *uri,
                           GError     **error)
{
  g_autoptr (GUri) parsed = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (uri != NULL)
    scheme = g_uri_parse_scheme (uri);
  if (scheme == NULL || g_ascii_strcasecmp (scheme, "http") != 0)
    return TRUE;

  /* An address that cannot be read is refused rather than guessed at. */
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed != NULL && is_loopback_host (g_uri_get_host (parsed)))
    return TRUE;

  if (parsed != NULL)
    host = clean_foreign_text (g_uri_get_host (parsed));
  if (host == NULL)
    shown = clean_foreign_text (uri);
  else if (strchr (host, ':') != NULL)
    shown = g_strdup_printf ("http://[%s]", host);
  else
    shown = g_strdup_printf ("http://%s", host);

  g_set_error (error, OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED,
               _("Hookline refuses to show a sign-in page over an unencrypted "
                 "connection: %s. Sign-in pages must use https://."),
               shown != NULL ? shown : "http://");
  return FALSE;
}
