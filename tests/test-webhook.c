/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "ce-base-url.h"
#include "ce-error.h"
#include "ce-webhook.h"

#define US_BASE "https://api.cloud-elements.com/elements/api-v2"

static void
assert_webhook (const char *base_url,
                const char *element_key,
                gint64      id,
                const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  url = ce_webhook_url (base_url, element_key, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, expected);
}

static void
assert_webhook_fails (const char *base_url,
                      const char *element_key,
                      gint64      id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  url = ce_webhook_url (base_url, element_key, id, &error);
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  g_assert_null (url);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_id_123 (void)
{
  assert_webhook (US_BASE, "slack", 123, US_BASE "/events/slack/MTIz");
}

static void
test_id_20931 (void)
{
  assert_webhook (US_BASE, "slack", 20931, US_BASE "/events/slack/MjA5MzE=");
}

static void
test_id_max (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree guchar *decoded = NULL;
  const char *encoded;
  gsize len = 0;

  url = ce_webhook_url (US_BASE, "slack", G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==,
                   US_BASE "/events/slack/OTIyMzM3MjAzNjg1NDc3NTgwNw==");

  /* The last segment must decode back to the id's digits. */
  encoded = strrchr (url, '/') + 1;
  decoded = g_base64_decode (encoded, &len);
  g_assert_cmpmem (decoded, len, "9223372036854775807", 19);
}

static void
test_trailing_slash (void)
{
  assert_webhook (US_BASE "/", "slack", 123, US_BASE "/events/slack/MTIz");
  assert_webhook (US_BASE "///", "slack", 123, US_BASE "/events/slack/MTIz");
}

static void
test_surrounding_space (void)
{
  assert_webhook ("  " US_BASE " \t\n", "slack", 123,
                  US_BASE "/events/slack/MTIz");
  assert_webhook ("\n" US_BASE "/  ", "slack", 20931,
                  US_BASE "/events/slack/MjA5MzE=");
}

static void
test_bad_id (void)
{
  assert_webhook_fails (US_BASE, "slack", 0);
  assert_webhook_fails (US_BASE, "slack", -1);
  assert_webhook_fails (US_BASE, "slack", G_MININT64);
}

static void
test_custom_key (void)
{
  assert_webhook (US_BASE, "hubspot", 123, US_BASE "/events/hubspot/MTIz");

  /* A key fills exactly one path segment, whatever it holds. */
  assert_webhook (US_BASE, "my key/../x?y#z", 123,
                  US_BASE "/events/my%20key%2F..%2Fx%3Fy%23z/MTIz");

  assert_webhook_fails (US_BASE, "", 123);
  assert_webhook_fails (US_BASE, ".", 123);
  assert_webhook_fails (US_BASE, "..", 123);
}

static void
test_http_refused (void)
{
  const char *refused[] = {
    "http://api.cloud-elements.com/elements/api-v2",
    "http://example.com",
    "http://127.0.0.1.example.com/elements/api-v2",
    "http://localhost.example.com",
    "http://10.0.0.1:8080",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *base = NULL;

      base = ce_base_url_normalize (refused[i], &error);
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
      g_assert_null (base);
      g_assert_nonnull (strstr (error->message, "https://"));

      assert_webhook_fails (refused[i], "slack", 123);
    }
}

static void
test_http_loopback (void)
{
  assert_webhook ("http://127.0.0.1:8080/elements/api-v2/", "slack", 123,
                  "http://127.0.0.1:8080/elements/api-v2/events/slack/MTIz");
  assert_webhook ("http://localhost:1234", "slack", 123,
                  "http://localhost:1234/events/slack/MTIz");
  assert_webhook ("http://LOCALHOST", "slack", 123,
                  "http://LOCALHOST/events/slack/MTIz");
  assert_webhook ("http://127.1.2.3/api", "slack", 123,
                  "http://127.1.2.3/api/events/slack/MTIz");
  assert_webhook ("http://[::1]:9000/api", "slack", 123,
                  "http://[::1]:9000/api/events/slack/MTIz");
}

static void
test_base_url_refused (void)
{
  const char *refused[] = {
    "",
    "   ",
    "/",
    "api.cloud-elements.com/elements/api-v2",
    "ftp://api.cloud-elements.com/elements/api-v2",
    "https:///elements/api-v2",
    "https://user:password@api.cloud-elements.com/elements/api-v2",
    "https://api.cloud-elements.com/elements/api-v2?x=1",
    "https://api.cloud-elements.com/elements/api-v2?",
    "https://api.cloud-elements.com/elements/api-v2#top",
    "https://api.cloud-elements.com/elements api-v2",
    "https://api.cloud-elements.com/elements\napi-v2",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *base = NULL;

      base = ce_base_url_normalize (refused[i], &error);
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
      g_assert_null (base);
    }
}

static void
test_environments (void)
{
  struct {
    const char *id;
    const char *base_url;
  } expected[] = {
    { "us", "https://api.cloud-elements.com/elements/api-v2" },
    { "eu", "https://api.cloud-elements.co.uk/elements/api-v2" },
    { "staging", "https://staging.cloud-elements.com/elements/api-v2" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CeEnvironment *environment;
      g_autoptr (GError) error = NULL;
      g_autofree char *base = NULL;

      environment = ce_environment_lookup (expected[i].id);
      g_assert_nonnull (environment);
      g_assert_cmpstr (environment->id, ==, expected[i].id);
      g_assert_cmpstr (environment->base_url, ==, expected[i].base_url);

      /* Every built-in environment passes its own check unchanged. */
      base = ce_base_url_normalize (environment->base_url, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (base, ==, environment->base_url);
    }

  g_assert_null (ce_environment_lookup ("US"));
  g_assert_null (ce_environment_lookup ("custom"));
  g_assert_null (ce_environment_lookup (""));
  g_assert_null (ce_environment_lookup (NULL));
}

static void
test_parse_good (void)
{
  struct {
    const char *text;
    gint64 id;
  } cases[] = {
    { "123", 123 },
    { "20931", 20931 },
    { "  42\t\n", 42 },
    { "007", 7 },
    { "1", 1 },
    { "9223372036854775807", G_MAXINT64 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 id = -5;

      g_assert_true (ce_instance_id_parse (cases[i].text, &id, &error));
      g_assert_no_error (error);
      g_assert_cmpint (id, ==, cases[i].id);
    }
}

static void
test_parse_bad (void)
{
  const char *cases[] = {
    "",
    "   ",
    "0",
    "000",
    "-1",
    "-0",
    "+5",
    "12a",
    "a12",
    "1.5",
    "1e3",
    "0x10",
    "1 2",
    "١٢٣",
    "9223372036854775808",
    "99999999999999999999999",
    "-9223372036854775808",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 id = -5;

      g_assert_false (ce_instance_id_parse (cases[i], &id, &error));
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (id, ==, 0);
    }
}

static void
test_parse_digits (void)
{
  const char *spaced[] = { " 42", "42 ", "\t42", "42\n", "4 2" };
  g_autoptr (GError) error = NULL;
  gint64 id = -5;

  /* Ids that a program wrote hold digits and nothing else. */
  for (gsize i = 0; i < G_N_ELEMENTS (spaced); i++)
    {
      g_assert_false (ce_instance_id_parse_digits (spaced[i], &id, &error));
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
      g_assert_cmpint (id, ==, 0);
      g_clear_error (&error);
    }

  g_assert_true (ce_instance_id_parse_digits ("0042", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 42);

  /* What the user typed may have white space around it. */
  g_assert_true (ce_instance_id_parse (" 42\n", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 42);
}

static void
test_base_url_messages (void)
{
  g_autofree char *label = g_strnfill (64, 'a');
  g_autofree char *fit_label = g_strnfill (63, 'a');
  g_autofree char *long_label = NULL;
  g_autofree char *long_host = NULL;
  g_autofree char *fit_host = NULL;
  g_autofree char *base = NULL;
  g_autoptr (GError) error = NULL;
  const struct
  {
    const char *url;
    const char *says;
    const char *not_says;
  } cases[] = {
    { "api.cloud-elements.com/elements/api-v2", "https://", "absolute" },
    { "localhost:8080/elements", "https://", NULL },
    { "https://api.cloud-elements.com/elements\napi-v2", "line break",
      "spaces" },
    { "https://api.cloud-elements.com/elements\r\napi-v2", "line break",
      "spaces" },
    { "https://api.cloud-elements.com/elements\x01", "control", "spaces" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      base = ce_base_url_normalize (cases[i].url, &error);
      g_assert_null (base);
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      if (cases[i].not_says != NULL)
        g_assert_null (strstr (error->message, cases[i].not_says));
      g_clear_error (&error);
    }

  long_label = g_strdup_printf ("https://%s.example.com/api", label);
  base = ce_base_url_normalize (long_label, &error);
  g_assert_null (base);
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "63"));
  g_clear_error (&error);

  /* Four labels of 63 and the dots between them make 255 characters. */
  long_host = g_strdup_printf ("https://%s.%s.%s.%s/api", fit_label,
                               fit_label, fit_label, fit_label);
  base = ce_base_url_normalize (long_host, &error);
  g_assert_null (base);
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "253"));
  g_clear_error (&error);

  fit_host = g_strdup_printf ("https://%s.%s.%s.a/api", fit_label, fit_label,
                              fit_label);
  base = ce_base_url_normalize (fit_host, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (base, ==, fit_host);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hookline/webhook/id-123", test_id_123);
  g_test_add_func ("/hookline/webhook/id-20931", test_id_20931);
  g_test_add_func ("/hookline/webhook/id-max", test_id_max);
  g_test_add_func ("/hookline/webhook/trailing-slash", test_trailing_slash);
  g_test_add_func ("/hookline/webhook/surrounding-space",
                   test_surrounding_space);
  g_test_add_func ("/hookline/webhook/bad-id", test_bad_id);
  g_test_add_func ("/hookline/webhook/custom-key", test_custom_key);
  g_test_add_func ("/hookline/webhook/http-refused", test_http_refused);
  g_test_add_func ("/hookline/webhook/http-loopback", test_http_loopback);
  g_test_add_func ("/hookline/webhook/base-url-refused",
                   test_base_url_refused);
  g_test_add_func ("/hookline/webhook/environments", test_environments);
  g_test_add_func ("/hookline/webhook/parse-good", test_parse_good);
  g_test_add_func ("/hookline/webhook/parse-bad", test_parse_bad);
  g_test_add_func ("/hookline/webhook/parse-digits", test_parse_digits);
  g_test_add_func ("/hookline/webhook/base-url-messages",
                   test_base_url_messages);

  return g_test_run ();
}
