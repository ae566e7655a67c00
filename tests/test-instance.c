/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "ce-error.h"
#include "ce-instance.h"

/* The create answer as the platform documents it. */
static const char reference_answer[] =
  "{"
  "  \"id\": 123,"
  "  \"name\": \"Test\","
  "  \"token\": \"5MOr3Sl/E4kww6mTjmjBYV/hAUAzz1g=\","
  "  \"element\": {"
  "    \"id\": 2103,"
  "    \"name\": \"Slack\","
  "    \"key\": \"slack\","
  "    \"description\": \"Slack brings all your communication together.\","
  "    \"image\": \"https://a.slack-edge.com/0180/img/icons/app-256.png\","
  "    \"active\": true,"
  "    \"deleted\": false,"
  "    \"typeOauth\": false,"
  "    \"trialAccount\": false,"
  "    \"resources\": [],"
  "    \"transformationsEnabled\": true,"
  "    \"bulkDownloadEnabled\": false,"
  "    \"bulkUploadEnabled\": false,"
  "    \"cloneable\": true,"
  "    \"authentication\": { \"type\": \"oauth2\" },"
  "    \"hub\": \"collaboration\","
  "    \"protocolType\": \"http\","
  "    \"private\": false"
  "  },"
  "  \"provisionInteractions\": [],"
  "  \"valid\": true,"
  "  \"disabled\": false,"
  "  \"maxCacheSize\": 0,"
  "  \"cacheTimeToLive\": 0,"
  "  \"configuration\": {"
  "    \"base.url\": \"https://slack.com/api\","
  "    \"event.notification.subscription.id\": null,"
  "    \"pagination.max\": \"100\","
  "    \"event.vendor.type\": \"webhooks\","
  "    \"event.notification.callback.url\": \"false\","
  "    \"oauth.callback.url\": \"https://www.mycoolapp.com/auth\","
  "    \"oauth.user.refresh_token\": null,"
  "    \"event.notification.enabled\": \"false\""
  "  },"
  "  \"eventsEnabled\": false,"
  "  \"eventsNotificationCallbackUrl\": \"false\","
  "  \"traceLoggingEnabled\": false,"
  "  \"cachingEnabled\": false,"
  "  \"externalAuthentication\": \"none\","
  "  \"user\": { \"id\": 372 }"
  "}";

static JsonNode *
parse_node (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static CeInstance *
instance_from_text (const char *text)
{
  g_autoptr (JsonNode) node = parse_node (text);
  g_autoptr (GError) error = NULL;
  CeInstance *instance;

  instance = ce_instance_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (instance);

  return instance;
}

static void
assert_refused (const char *text)
{
  g_autoptr (JsonNode) node = parse_node (text);
  g_autoptr (GError) error = NULL;
  g_autoptr (CeInstance) instance = NULL;

  instance = ce_instance_new_from_json (node, &error);
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
  g_assert_null (instance);
}

static void
test_reference_answer (void)
{
  CeInstance *instance = instance_from_text (reference_answer);
  g_autofree char *name = NULL;
  g_autofree char *token = NULL;
  g_autofree char *element_key = NULL;
  g_autofree char *element_name = NULL;
  g_autoptr (GDateTime) created = NULL;
  gint64 id = 0;
  gboolean valid = FALSE;
  gboolean disabled = TRUE;

  g_assert_cmpint (ce_instance_get_id (instance), ==, 123);
  g_assert_cmpstr (ce_instance_get_name (instance), ==, "Test");
  g_assert_cmpstr (ce_instance_get_token (instance), ==,
                   "5MOr3Sl/E4kww6mTjmjBYV/hAUAzz1g=");
  g_assert_cmpstr (ce_instance_get_element_key (instance), ==, "slack");
  g_assert_cmpstr (ce_instance_get_element_name (instance), ==, "Slack");
  g_assert_true (ce_instance_get_valid (instance));
  g_assert_false (ce_instance_get_disabled (instance));
  g_assert_null (ce_instance_get_created (instance));

  /* The properties tell the same as the getters. */
  g_object_get (instance,
                "id", &id,
                "name", &name,
                "token", &token,
                "element-key", &element_key,
                "element-name", &element_name,
                "valid", &valid,
                "disabled", &disabled,
                "created", &created,
                NULL);
  g_assert_cmpint (id, ==, 123);
  g_assert_cmpstr (name, ==, "Test");
  g_assert_cmpstr (token, ==, "5MOr3Sl/E4kww6mTjmjBYV/hAUAzz1g=");
  g_assert_cmpstr (element_key, ==, "slack");
  g_assert_cmpstr (element_name, ==, "Slack");
  g_assert_true (valid);
  g_assert_false (disabled);
  g_assert_null (created);

  g_assert_finalize_object (instance);
}

static void
test_minimal (void)
{
  CeInstance *instance = instance_from_text ("{\"id\": 7}");

  g_assert_cmpint (ce_instance_get_id (instance), ==, 7);
  g_assert_null (ce_instance_get_name (instance));
  g_assert_null (ce_instance_get_token (instance));
  g_assert_null (ce_instance_get_element_key (instance));
  g_assert_null (ce_instance_get_element_name (instance));
  g_assert_false (ce_instance_get_valid (instance));
  g_assert_false (ce_instance_get_disabled (instance));
  g_assert_null (ce_instance_get_created (instance));

  g_assert_finalize_object (instance);
}

static void
test_id_as_string (void)
{
  CeInstance *instance;

  instance = instance_from_text ("{\"id\": \"20931\", \"name\": \"Test\"}");
  g_assert_cmpint (ce_instance_get_id (instance), ==, 20931);
  g_assert_cmpstr (ce_instance_get_name (instance), ==, "Test");
  g_assert_finalize_object (instance);
}

static void
test_id_max (void)
{
  CeInstance *instance;

  instance = instance_from_text ("{\"id\": 9223372036854775807}");
  g_assert_cmpint (ce_instance_get_id (instance), ==, G_MAXINT64);
  g_assert_finalize_object (instance);

  instance = instance_from_text ("{\"id\": \"9223372036854775807\"}");
  g_assert_cmpint (ce_instance_get_id (instance), ==, G_MAXINT64);
  g_assert_finalize_object (instance);
}

static void
test_id_refused (void)
{
  const char *documents[] = {
    "{\"name\": \"Test\"}",
    "{\"id\": null}",
    "{\"id\": 1.5}",
    "{\"id\": 123.0}",
    "{\"id\": 0}",
    "{\"id\": -1}",
    "{\"id\": true}",
    "{\"id\": {}}",
    "{\"id\": []}",
    "{\"id\": \"\"}",
    "{\"id\": \"0\"}",
    "{\"id\": \"-1\"}",
    "{\"id\": \"12x\"}",
    "{\"id\": \"9223372036854775808\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    assert_refused (documents[i]);
}

static void
test_wrong_types (void)
{
  assert_refused ("{\"id\": 1, \"name\": 5}");
  assert_refused ("{\"id\": 1, \"token\": {}}");
  assert_refused ("{\"id\": 1, \"element\": \"slack\"}");
  assert_refused ("{\"id\": 1, \"element\": {\"key\": 3}}");
  assert_refused ("{\"id\": 1, \"element\": {\"name\": []}}");
  assert_refused ("{\"id\": 1, \"valid\": \"true\"}");
  assert_refused ("{\"id\": 1, \"disabled\": 0}");
}

static void
test_not_object (void)
{
  const char *documents[] = { "[]", "[{\"id\": 1}]", "123", "\"x\"", "null" };

  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    assert_refused (documents[i]);
}

static void
assert_created (const char *created,
                const char *expected)
{
  g_autofree char *text = NULL;
  g_autofree char *formatted = NULL;
  g_autoptr (GDateTime) utc = NULL;
  CeInstance *instance;

  text = g_strdup_printf ("{\"id\": 1, \"createdDate\": %s}", created);
  instance = instance_from_text (text);

  if (expected == NULL)
    {
      g_assert_null (ce_instance_get_created (instance));
    }
  else
    {
      g_assert_nonnull (ce_instance_get_created (instance));
      utc = g_date_time_to_utc (ce_instance_get_created (instance));
      formatted = g_date_time_format (utc, "%FT%T.%fZ");
      g_assert_cmpstr (formatted, ==, expected);
    }

  g_assert_finalize_object (instance);
}

static void
test_created (void)
{
  assert_created ("\"2020-11-02T10:11:12Z\"", "2020-11-02T10:11:12.000000Z");
  assert_created ("\"2020-11-02T10:11:12.345Z\"",
                  "2020-11-02T10:11:12.345000Z");
  assert_created ("\"2020-11-02T12:11:12+02:00\"",
                  "2020-11-02T10:11:12.000000Z");
  /* Without an offset, the time is read as UTC. */
  assert_created ("\"2020-11-02T10:11:12\"", "2020-11-02T10:11:12.000000Z");
  assert_created ("1604311872123", "2020-11-02T10:11:12.123000Z");
  assert_created ("0", "1970-01-01T00:00:00.000000Z");
  assert_created ("-1", "1969-12-31T23:59:59.999000Z");

  assert_created ("\"yesterday\"", NULL);
  assert_created ("\"\"", NULL);
  assert_created ("null", NULL);
  assert_created ("true", NULL);
  assert_created ("1.5", NULL);
  assert_created ("{}", NULL);
  assert_created ("9223372036854775807", NULL);
  assert_created ("-9223372036854775807", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hookline/instance/reference-answer",
                   test_reference_answer);
  g_test_add_func ("/hookline/instance/minimal", test_minimal);
  g_test_add_func ("/hookline/instance/id-as-string", test_id_as_string);
  g_test_add_func ("/hookline/instance/id-max", test_id_max);
  g_test_add_func ("/hookline/instance/id-refused", test_id_refused);
  g_test_add_func ("/hookline/instance/wrong-types", test_wrong_types);
  g_test_add_func ("/hookline/instance/not-object", test_not_object);
  g_test_add_func ("/hookline/instance/created", test_created);

  return g_test_run ();
}
