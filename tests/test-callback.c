/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include <glib.h>

#include "oauth-callback.h"

#define REDIRECT "https://app.example/auth"
#define STATE "Zm9vYmFyLXN0YXRlLXZhbHVl"

typedef struct
{
  const char *uri;
  const char *redirect;
  gboolean    matches;
} MatchCase;

static const MatchCase match_cases[] = {
  /* The callback itself, with whatever the provider appended. */
  { "https://app.example/auth", REDIRECT, TRUE },
  { "https://app.example/auth?code=1&state=2", REDIRECT, TRUE },
  { "https://app.example/auth#code=1&state=2", REDIRECT, TRUE },
  { "https://app.example/auth?code=1#frag", REDIRECT, TRUE },
  { "https://app.example/auth?", REDIRECT, TRUE },

  /* Host case and default ports, written out or not, on either side. */
  { "https://APP.Example/auth", REDIRECT, TRUE },
  { "https://app.example/auth", "https://App.EXAMPLE/auth", TRUE },
  { "HTTPS://app.example/auth", REDIRECT, TRUE },
  { "https://app.example:443/auth", REDIRECT, TRUE },
  { "https://app.example/auth", "https://app.example:443/auth", TRUE },
  { "http://app.example:80/auth", "http://app.example/auth", TRUE },
  { "http://app.example/auth", "http://app.example:80/auth", TRUE },
  { "http://127.0.0.1:8080/cb?code=x", "http://127.0.0.1:8080/cb", TRUE },

  /* One trailing slash, either way; the empty path is the root. */
  { "https://app.example/auth/", REDIRECT, TRUE },
  { "https://app.example/auth", "https://app.example/auth/", TRUE },
  { "https://app.example/", "https://app.example", TRUE },
  { "https://app.example", "https://app.example/", TRUE },
  { "https://app.example?code=1", "https://app.example/", TRUE },

  /* Only one trailing slash is tolerated. */
  { "https://app.example/auth//", REDIRECT, FALSE },
  { "https://app.example//", "https://app.example", FALSE },
  { "https://app.example/auth", "https://app.example/auth//", FALSE },

  /* Look-alikes. */
  { "https://evil.example/https://app.example/auth", REDIRECT, FALSE },
  { "https://evil.example/auth?redirect=https://app.example/auth",
    REDIRECT, FALSE },
  { "https://app.example.evil.com/auth", REDIRECT, FALSE },
  { "https://evilapp.example/auth", REDIRECT, FALSE },
  { "https://app.example/authx", REDIRECT, FALSE },
  { "https://app.example/aut", REDIRECT, FALSE },
  { "https://app.example/auth/extra", REDIRECT, FALSE },
  { "https://app.example/Auth", REDIRECT, FALSE },
  { "https://app.example@evil.com/auth", REDIRECT, FALSE },
  { "https://app.example:443@evil.com/auth", REDIRECT, FALSE },
  { "https://user:pass@evil.com/auth", REDIRECT, FALSE },

  /* Other scheme or port. */
  { "http://app.example/auth", REDIRECT, FALSE },
  { "https://app.example/auth", "http://app.example/auth", FALSE },
  { "https://app.example:8443/auth", REDIRECT, FALSE },
  { "https://app.example:80/auth", REDIRECT, FALSE },
  { "http://app.example:443/auth", "http://app.example/auth", FALSE },
  { "http://127.0.0.1:8081/cb", "http://127.0.0.1:8080/cb", FALSE },
  { "ftp://app.example/auth", REDIRECT, FALSE },

  /* Nothing that cannot be parsed matches. */
  { "", REDIRECT, FALSE },
  { "/auth", REDIRECT, FALSE },
  { "app.example/auth", REDIRECT, FALSE },
  { "https://app.example/auth", "", FALSE },
  { "https://app.example/auth", "/auth", FALSE },
  { "https://[::1/auth", REDIRECT, FALSE },
  { "https://app.example:99999/auth", REDIRECT, FALSE },
  { "about:blank", REDIRECT, FALSE },
  { "data:text/html,https://app.example/auth", REDIRECT, FALSE },
};

static void
test_matches (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (match_cases); i++)
    {
      const MatchCase *c = &match_cases[i];
      gboolean result = oauth_callback_matches (c->uri, c->redirect);

      if (result != c->matches)
        g_test_message ("matching “%s” against “%s”", c->uri, c->redirect);
      g_assert_cmpint (result, ==, c->matches);
    }
}

typedef struct
{
  const char *redirect;
  gboolean    valid;
} RedirectCase;

static const RedirectCase redirect_cases[] = {
  { "https://app.example/auth", TRUE },
  { "http://localhost:8080/callback", TRUE },
  { "https://app.example", TRUE },
  { "HTTPS://app.example/auth?x=1", TRUE },
  { "", FALSE },
  { "app.example/auth", FALSE },
  { "/auth", FALSE },
  { "ftp://app.example/auth", FALSE },
  { "slack://oauth", FALSE },
  { "https:///auth", FALSE },
  { "https://user@app.example/auth", FALSE },
  { "https://app.example/auth#part", FALSE },
};

static void
test_redirect_valid (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (redirect_cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean valid;

      valid = oauth_redirect_is_valid (redirect_cases[i].redirect, &error);
      if (valid != redirect_cases[i].valid)
        g_test_message ("redirect “%s”", redirect_cases[i].redirect);
      g_assert_cmpint (valid, ==, redirect_cases[i].valid);

      if (valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, OAUTH_ERROR, OAUTH_ERROR_INVALID_REDIRECT);
    }

  g_assert_false (oauth_redirect_is_valid (NULL, NULL));
}

typedef struct
{
  const char *uri;
  const char *code;
  int         error_code;
  const char *message_part;
} ParseCase;

static const ParseCase parse_cases[] = {
  /* Code in the query, in the fragment, and in both. */
  { REDIRECT "?code=abc.123&state=" STATE, "abc.123", -1, NULL },
  { REDIRECT "#code=frag-code&state=" STATE, "frag-code", -1, NULL },
  { REDIRECT "?state=" STATE "#code=from-fragment", "from-fragment", -1,
    NULL },
  { REDIRECT "?code=query&state=" STATE "#code=fragment&state=other",
    "query", -1, NULL },

  /* The first occurrence wins. */
  { REDIRECT "?code=first&code=second&state=" STATE, "first", -1, NULL },
  { REDIRECT "?state=" STATE "&state=other&code=c", "c", -1, NULL },
  { REDIRECT "?state=other&state=" STATE "&code=c", NULL,
    OAUTH_ERROR_STATE_MISMATCH, NULL },

  /* Decoded exactly once. */
  { REDIRECT "?code=a%252Bb&state=" STATE, "a%2Bb", -1, NULL },
  { REDIRECT "?code=a%2Bb%2Fc&state=" STATE, "a+b/c", -1, NULL },
  { REDIRECT "?code=a+b&state=" STATE, "a b", -1, NULL },
  { REDIRECT "?code=x&state=%5A%6D9vYmFyLXN0YXRlLXZhbHVl", "x", -1, NULL },
  { REDIRECT "?code=x&state=Zm9vYmFyLXN0YXRlLXZhbHVl%2525", NULL,
    OAUTH_ERROR_STATE_MISMATCH, NULL },

  /* The state is checked before anything else. */
  { REDIRECT "?code=abc", NULL, OAUTH_ERROR_STATE_MISMATCH, NULL },
  { REDIRECT "?code=abc&state=", NULL, OAUTH_ERROR_STATE_MISMATCH, NULL },
  { REDIRECT "?code=abc&state=wrong", NULL, OAUTH_ERROR_STATE_MISMATCH,
    NULL },
  { REDIRECT "?code=abc&state=" STATE "x", NULL, OAUTH_ERROR_STATE_MISMATCH,
    NULL },
  { REDIRECT "?code=abc&state=Zm9vYmFyLXN0YXRlLXZhbHV", NULL,
    OAUTH_ERROR_STATE_MISMATCH, NULL },
  { REDIRECT "?code=abc&STATE=" STATE, NULL, OAUTH_ERROR_STATE_MISMATCH,
    NULL },
  { REDIRECT "?error=access_denied", NULL, OAUTH_ERROR_STATE_MISMATCH, NULL },
  { REDIRECT "?error=access_denied&state=bad", NULL,
    OAUTH_ERROR_STATE_MISMATCH, NULL },
  { "not a uri", NULL, OAUTH_ERROR_STATE_MISMATCH, NULL },

  /* Parameters that do not decode are not trusted, not even the state. */
  { REDIRECT "?state=" STATE "&code", NULL, OAUTH_ERROR_STATE_MISMATCH,
    NULL },
  { REDIRECT "?code=abc&state=" STATE "&x=%zz", NULL,
    OAUTH_ERROR_STATE_MISMATCH, NULL },
  { REDIRECT "?code=abc&state=" STATE "#x=%zz", NULL,
    OAUTH_ERROR_STATE_MISMATCH, NULL },

  /* The provider's answers. */
  { REDIRECT "?error=access_denied&state=" STATE, NULL, OAUTH_ERROR_DENIED,
    "declined" },
  { REDIRECT "#error=access_denied&state=" STATE, NULL, OAUTH_ERROR_DENIED,
    "declined" },
  { REDIRECT "?error=access_denied&code=abc&state=" STATE, NULL,
    OAUTH_ERROR_DENIED, NULL },
  { REDIRECT "?error=server_error&error_description=Try+again%21&state="
    STATE, NULL, OAUTH_ERROR_PROVIDER, "Try again!" },
  { REDIRECT "?error=server_error&error_description=Try+again&state=" STATE,
    NULL, OAUTH_ERROR_PROVIDER, "server_error" },
  { REDIRECT "?error=temporarily_unavailable&state=" STATE, NULL,
    OAUTH_ERROR_PROVIDER, "temporarily_unavailable" },
  { REDIRECT "?error=invalid_scope&state=" STATE, NULL,
    OAUTH_ERROR_PROVIDER, "classic" },
  { REDIRECT "?error=invalid_scope&error_description=Nope&state=" STATE,
    NULL, OAUTH_ERROR_PROVIDER, "Nope" },

  /* No code. */
  { REDIRECT "?state=" STATE, NULL, OAUTH_ERROR_NO_CODE, NULL },
  { REDIRECT "?state=" STATE "&code=", NULL, OAUTH_ERROR_NO_CODE, NULL },
  { REDIRECT "?state=" STATE "&error=", NULL, OAUTH_ERROR_NO_CODE, NULL },
  { REDIRECT "?state=" STATE "&Code=abc", NULL, OAUTH_ERROR_NO_CODE, NULL },
};

static void
test_parse (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *code = NULL;

      g_test_message ("parsing “%s”", c->uri);
      code = oauth_callback_parse (c->uri, STATE, &error);

      if (c->code != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (code, ==, c->code);
          continue;
        }

      g_assert_null (code);
      g_assert_error (error, OAUTH_ERROR, c->error_code);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      if (c->message_part != NULL)
        g_assert_nonnull (strstr (error->message, c->message_part));
    }
}

static void
test_parse_messages_differ (void)
{
  g_autoptr (GError) denied = NULL;
  g_autoptr (GError) scope = NULL;
  g_autoptr (GError) other = NULL;

  g_assert_null (oauth_callback_parse (REDIRECT "?error=access_denied&state="
                                       STATE, STATE, &denied));
  g_assert_null (oauth_callback_parse (REDIRECT "?error=invalid_scope&state="
                                       STATE, STATE, &scope));
  g_assert_null (oauth_callback_parse (REDIRECT "?error=other&state="
                                       STATE, STATE, &other));

  /* The invalid_scope explanation is its own text, not the generic one. */
  g_assert_cmpstr (scope->message, !=, other->message);
  g_assert_nonnull (strstr (scope->message, "invalid_scope"));
  g_assert_null (strstr (other->message, "classic"));
  g_assert_nonnull (strstr (other->message, "other"));
  g_assert_null (strstr (denied->message, "access_denied"));
}

/* Nothing in the message may move, hide or break the text around it. */
static void
assert_message_clean (const char *message)
{
  const char *p;

  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_null (strstr (message, "  "));

  for (p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (c != ' ' && g_unichar_isspace (c))
        g_test_message ("white space U+%04X in “%s”", c, message);
      g_assert_true (c == ' ' || !g_unichar_isspace (c));
      g_assert_cmpint (type, !=, G_UNICODE_CONTROL);
      g_assert_cmpint (type, !=, G_UNICODE_FORMAT);
    }
}

static char *
parse_provider_error (const char *query)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;

  uri = g_strconcat (REDIRECT "?state=" STATE "&", query, NULL);
  g_assert_null (oauth_callback_parse (uri, STATE, &error));
  g_assert_error (error, OAUTH_ERROR, OAUTH_ERROR_PROVIDER);
  g_test_message ("message: %s", error->message);
  assert_message_clean (error->message);

  return g_strdup (error->message);
}

static void
test_parse_provider_text (void)
{
  static const struct {
    const char *query;
    const char *shown;
  } cases[] = {
    /* A right-to-left override would turn the rest of the line around. */
    { "error=x&error_description=Call+%E2%80%AEtroppus+now",
      "Call troppus now" },
    { "error=x&error_description=Ring%07the%07%07bell", "Ring the bell" },
    { "error=x&error_description=%0D%0ALine+one%0D%0A%0ALine%09two%0A",
      "Line one Line two" },
    { "error=x&error_description=a%E2%80%A8b%E2%80%A9c%C2%A0d%0Be",
      "a b c d e" },
    { "error=x&error_description=%E2%81%A6in%E2%81%A9%E2%80%8Ep%EF%BB%BFq",
      "inpq" },
    { "error=x&error_description=%E2%80%AE%07%0A", "refused the sign-in (x)" },

    /* The code is the provider's text as much as the description. */
    { "error=bad%07code%E2%80%AE%0A", "(bad code)" },
    { "error=%E2%80%AE&error_description=d", "d (unknown)" },
    { "error=invalid_scope&error_description=No%0A%0Ascopes%E2%80%AE",
      "No scopes" },
  };
  g_autoptr (GString) query = g_string_new ("error=x&error_description=");
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autofree char *longest = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *over = NULL;
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = parse_provider_error (cases[i].query);

      g_assert_nonnull (strstr (message, cases[i].shown));
    }

  /* 6,000 characters are cut to 199 and an ellipsis. */
  for (i = 0; i < 6000; i++)
    g_string_append_c (query, "ab"[i % 2]);
  longest = parse_provider_error (query->str);
  for (i = 0; i < 199; i++)
    g_string_append_c (expected, "ab"[i % 2]);
  g_assert_nonnull (strstr (longest, expected->str));
  g_string_append (expected, "…");
  g_assert_nonnull (strstr (longest, expected->str));
  g_assert_cmpint (g_utf8_strlen (longest, -1), <, 300);

  /* Exactly 200 characters are kept whole; one more is not. */
  g_string_truncate (query, strlen ("error=x&error_description=") + 200);
  exact = parse_provider_error (query->str);
  g_assert_null (strstr (exact, "…"));
  g_string_truncate (expected, 199);
  g_string_append (expected, "b (x)");
  g_assert_nonnull (strstr (exact, expected->str));

  g_string_append (query, "Z");
  over = parse_provider_error (query->str);
  g_assert_nonnull (strstr (over, "…"));
  g_assert_null (strstr (over, "Z"));
}

typedef struct
{
  const char *uri;
  const char *web_host;
  gboolean    may_load;
} UriCase;

static const UriCase uri_cases[] = {
  { "https://slack.com/oauth/authorize?x=1", "slack.com", TRUE },
  { "HTTP://Example.COM:8080/", "Example.COM", FALSE },
  { "http://127.0.0.1:1/a", "127.0.0.1", TRUE },
  { "https://[::1]:8443/", "::1", TRUE },
  { "https://user@app.example/", "app.example", TRUE },
  { "about:blank", NULL, TRUE },
  { "about:srcdoc", NULL, TRUE },
  { "data:text/html,<p>hi</p>", NULL, TRUE },
  { "blob:https://slack.com/0b7c", NULL, TRUE },
  { "file:///etc/passwd", NULL, FALSE },
  { "slack://open?team=T1", NULL, FALSE },
  { "mailto:someone@example.com", NULL, FALSE },
  { "ftp://example.com/", NULL, FALSE },
  { "https:///nohost", NULL, TRUE },
  { "/relative/path", NULL, FALSE },
  { "", NULL, FALSE },
};

static void
test_uri_policy (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (uri_cases); i++)
    {
      g_autofree char *host = oauth_uri_dup_web_host (uri_cases[i].uri);

      g_test_message ("checking “%s”", uri_cases[i].uri);
      g_assert_cmpstr (host, ==, uri_cases[i].web_host);
      g_assert_cmpint (oauth_uri_may_load (uri_cases[i].uri), ==,
                       uri_cases[i].may_load);
    }

  g_assert_null (oauth_uri_dup_web_host (NULL));
  g_assert_false (oauth_uri_may_load (NULL));
}

typedef struct
{
  const char *uri;
  gboolean    encrypted;
} EncryptedCase;

static const EncryptedCase encrypted_cases[] = {
  /* Encrypted, anywhere. */
  { "https://slack.com/oauth/authorize", TRUE },
  { "HTTPS://example.com:8443/", TRUE },
  { "https://192.0.2.1/", TRUE },

  /* Plain, but never leaving this computer. */
  { "http://localhost/", TRUE },
  { "http://LocalHost:8080/a", TRUE },
  { "http://127.0.0.1:1/a", TRUE },
  { "http://127.0.0.2/", TRUE },
  { "http://127.255.255.254/", TRUE },
  { "HTTP://127.0.0.1/", TRUE },
  { "http://[::1]:8080/", TRUE },

  /* Plain, to another computer, however it is spelled. */
  { "http://slack.com/oauth/authorize", FALSE },
  { "http://Example.COM:8080/", FALSE },
  { "HTTP://example.com/", FALSE },
  { "http://192.0.2.1/", FALSE },
  { "http://10.0.0.1/", FALSE },
  { "http://128.0.0.1/", FALSE },
  { "http://0.0.0.0/", FALSE },
  { "http://[::]/", FALSE },
  { "http://[2001:db8::1]/", FALSE },
  { "http://[::ffff:192.0.2.1]/", FALSE },
  { "http://localhost.example.com/", FALSE },
  { "http://localhostx/", FALSE },
  { "http://127.0.0.1.example.com/", FALSE },
  { "http://127.0.0.1@example.com/", FALSE },
  { "http://localhost:pw@example.com/", FALSE },
  { "http://example.com/?host=127.0.0.1", FALSE },
  { "http://example.com#@localhost/", FALSE },
  { "http://127.1/", FALSE },
  { "http://0x7f.0.0.1/", FALSE },
  { "http://2130706433/", FALSE },
  { "http://127.0.0.%31/", FALSE },
  { "http:///nohost", FALSE },
  { "http://example.com/%zz", FALSE },
  { "http://[::1/", FALSE },

  /* Nothing sent over the network, or not a web address at all. */
  { "about:blank", TRUE },
  { "data:text/html,<p>hi</p>", TRUE },
  { "blob:http://example.com/0b7c", TRUE },
  { "slack://open?team=T1", TRUE },
  { "not a uri", TRUE },
};

static void
test_uri_encrypted (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (encrypted_cases); i++)
    {
      const EncryptedCase *c = &encrypted_cases[i];
      g_autoptr (GError) error = NULL;
      gboolean encrypted;

      g_test_message ("checking “%s”", c->uri);
      encrypted = oauth_uri_check_encrypted (c->uri, &error);
      g_assert_cmpint (encrypted, ==, c->encrypted);

      if (encrypted)
        {
          g_assert_no_error (error);
          continue;
        }

      g_assert_error (error, OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED);
      g_assert_nonnull (strstr (error->message, "unencrypted"));

      /* Plain http to another computer is never a page a frame loads. */
      g_assert_false (oauth_uri_may_load (c->uri));
    }

  g_assert_true (oauth_uri_check_encrypted (NULL, NULL));
  g_assert_false (oauth_uri_check_encrypted ("http://example.com/", NULL));
}

static void
test_uri_encrypted_message (void)
{
  static const struct {
    const char *uri;
    const char *shown;
  } cases[] = {
    { "http://slack.com/oauth/authorize?x=1", "http://slack.com." },
    { "http://Example.COM:8080/", "http://Example.COM." },
    { "http://[2001:db8::1]/", "http://[2001:db8::1]." },
    { "http:///nohost", "http:///nohost." },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (oauth_uri_check_encrypted (cases[i].uri, &error));
      g_assert_error (error, OAUTH_ERROR, OAUTH_ERROR_LOAD_FAILED);
      g_test_message ("message: %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].shown));
      g_assert_nonnull (strstr (error->message, "https://"));
    }
}

static gboolean
is_base64url (const char *text)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static void
test_state_new (void)
{
  g_autoptr (GHashTable) seen = NULL;
  guint i;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (i = 0; i < 200; i++)
    {
      char *state = oauth_state_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *uri = NULL;
      g_autofree char *code = NULL;

      g_assert_nonnull (state);

      /* At least 128 bits: 22 base64 characters, or 32 hex ones. */
      g_assert_cmpuint (strlen (state), >=, 22);
      g_assert_true (is_base64url (state));
      g_assert_false (g_hash_table_contains (seen, state));

      /* A state travels through a URL and comes back unchanged. */
      uri = g_strdup_printf (REDIRECT "?code=c&state=%s", state);
      code = oauth_callback_parse (uri, state, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, "c");

      g_hash_table_add (seen, state);
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 200);
}

static void
test_state_spread (void)
{
  guint counts[256] = { 0 };
  guint distinct = 0;
  guint i;

  /* A constant or low-entropy source would leave most characters unused. */
  for (i = 0; i < 64; i++)
    {
      g_autofree char *state = oauth_state_new ();
      const char *p;

      for (p = state; *p != '\0'; p++)
        counts[(guchar) *p]++;
    }

  for (i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      if (counts[i] > 0)
        distinct++;
    }

  g_assert_cmpuint (distinct, >=, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hookline/callback/matches", test_matches);
  g_test_add_func ("/hookline/callback/redirect-valid", test_redirect_valid);
  g_test_add_func ("/hookline/callback/parse", test_parse);
  g_test_add_func ("/hookline/callback/parse-messages",
                   test_parse_messages_differ);
  g_test_add_func ("/hookline/callback/parse-provider-text",
                   test_parse_provider_text);
  g_test_add_func ("/hookline/callback/uri-policy", test_uri_policy);
  g_test_add_func ("/hookline/callback/uri-encrypted", test_uri_encrypted);
  g_test_add_func ("/hookline/callback/uri-encrypted-message",
                   test_uri_encrypted_message);
  g_test_add_func ("/hookline/callback/state-new", test_state_new);
  g_test_add_func ("/hookline/callback/state-spread", test_state_spread);

  return g_test_run ();
}
