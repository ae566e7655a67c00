/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "ce-error.h"
#include "ce-instance-request.h"

#define SCOPES "users:write, users:read, users.profile:read, " \
               "users.profile:write, search:read, files:read, " \
               "files:write:user, channels:read, groups:read"

static CeInstanceRequest *
complete_request (void)
{
  CeInstanceRequest *request = ce_instance_request_new ("slack");
  const char * const tags[] = { "team-a", NULL };

  ce_instance_request_set_code (request, "1234.5678.abcd");
  ce_instance_request_set_client_id (request, "99845548065.1234");
  ce_instance_request_set_client_secret (request, "0123456789abcdef");
  ce_instance_request_set_callback_url (request,
                                        "https://www.mycoolapp.com/auth");
  ce_instance_request_set_scopes (request, SCOPES);
  ce_instance_request_set_name (request, "Slack for team A");
  ce_instance_request_set_tags (request, tags);
  ce_instance_request_set_forward_events (request, TRUE,
                                          "https://example.com/slack-events");

  return request;
}

/* Compares the request's body with the expected document after parsing
 * both, so every key, value and type counts but member order does not.
 */
static void
assert_json (CeInstanceRequest *request,
             const char        *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) actual = NULL;
  g_autoptr (JsonNode) wanted = NULL;

  actual = ce_instance_request_to_json (request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (actual);

  wanted = json_from_string (expected, &error);
  g_assert_no_error (error);

  if (!json_node_equal (actual, wanted))
    {
      g_autofree char *actual_text = json_to_string (actual, TRUE);
      g_autofree char *wanted_text = json_to_string (wanted, TRUE);

      g_error ("Body differs.\nGot: %s\nExpected: %s",
               actual_text, wanted_text);
    }
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
test_forward_on (void)
{
  CeInstanceRequest *request = complete_request ();

  assert_json (request,
               "{"
               "  \"element\": { \"key\": \"slack\" },"
               "  \"providerData\": { \"code\": \"1234.5678.abcd\" },"
               "  \"configuration\": {"
               "    \"oauth.api.key\": \"99845548065.1234\","
               "    \"oauth.api.secret\": \"0123456789abcdef\","
               "    \"oauth.callback.url\": \"https://www.mycoolapp.com/auth\","
               "    \"oauth.scope\": \"" SCOPES "\","
               "    \"event.notification.enabled\": \"true\","
               "    \"event.notification.callback.url\":"
               "      \"https://example.com/slack-events\""
               "  },"
               "  \"tags\": [ \"team-a\" ],"
               "  \"name\": \"Slack for team A\""
               "}");

  g_assert_finalize_object (request);
}

static void
test_forward_off (void)
{
  CeInstanceRequest *request = complete_request ();

  /* The service URL stays in the form, but is not sent. */
  ce_instance_request_set_forward_events (request, FALSE,
                                          "https://example.com/slack-events");
  assert_json (request,
               "{"
               "  \"element\": { \"key\": \"slack\" },"
               "  \"providerData\": { \"code\": \"1234.5678.abcd\" },"
               "  \"configuration\": {"
               "    \"oauth.api.key\": \"99845548065.1234\","
               "    \"oauth.api.secret\": \"0123456789abcdef\","
               "    \"oauth.callback.url\": \"https://www.mycoolapp.com/auth\","
               "    \"oauth.scope\": \"" SCOPES "\""
               "  },"
               "  \"tags\": [ \"team-a\" ],"
               "  \"name\": \"Slack for team A\""
               "}");

  /* Off, the service URL is not needed at all. */
  ce_instance_request_set_forward_events (request, FALSE, NULL);
  g_assert_true (ce_instance_request_validate (request, NULL));

  g_assert_finalize_object (request);
}

static void
test_values_are_strings (void)
{
  CeInstanceRequest *request = complete_request ();
  g_autoptr (JsonNode) node = NULL;
  JsonObject *configuration;
  g_autoptr (GList) members = NULL;

  node = ce_instance_request_to_json (request, NULL);
  g_assert_nonnull (node);
  configuration = json_object_get_object_member (json_node_get_object (node),
                                                 "configuration");
  members = json_object_get_members (configuration);
  g_assert_cmpuint (g_list_length (members), ==, 6);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (configuration, l->data);

      g_assert_true (JSON_NODE_HOLDS_VALUE (value));
      g_assert_true (json_node_get_value_type (value) == G_TYPE_STRING);
    }

  g_assert_finalize_object (request);
}

static void
test_tags (void)
{
  CeInstanceRequest *request = complete_request ();
  const char * const messy[] = { "  a ", "", "   ", "b c", "\tb\n", NULL };
  const char * const blank[] = { "", " ", NULL };
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;
  JsonArray *tags;

  ce_instance_request_set_tags (request, messy);
  node = ce_instance_request_to_json (request, NULL);
  object = json_node_get_object (node);
  tags = json_object_get_array_member (object, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "a");
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "b c");
  g_assert_cmpstr (json_array_get_string_element (tags, 2), ==, "b");
  g_clear_pointer (&node, json_node_unref);

  ce_instance_request_set_tags (request, blank);
  node = ce_instance_request_to_json (request, NULL);
  g_assert_false (json_object_has_member (json_node_get_object (node),
                                          "tags"));
  g_clear_pointer (&node, json_node_unref);

  ce_instance_request_set_tags (request, NULL);
  node = ce_instance_request_to_json (request, NULL);
  g_assert_false (json_object_has_member (json_node_get_object (node),
                                          "tags"));

  g_assert_finalize_object (request);
}

static void
test_trimming (void)
{
  CeInstanceRequest *request = ce_instance_request_new ("hubspot");

  g_assert_cmpstr (ce_instance_request_get_element_key (request), ==,
                   "hubspot");

  ce_instance_request_set_code (request, " code\n");
  ce_instance_request_set_client_id (request, "\tid ");
  ce_instance_request_set_client_secret (request, "  secret \r\n");
  /* The redirect URL must match the one used to sign in, so it is kept
   * exactly, trailing slash included. */
  ce_instance_request_set_callback_url (request, "https://example.com/cb/");
  ce_instance_request_set_scopes (request, "read");
  ce_instance_request_set_name (request, " Name ");
  ce_instance_request_set_forward_events (request, TRUE,
                                          " http://example.com/in ");

  assert_json (request,
               "{"
               "  \"element\": { \"key\": \"hubspot\" },"
               "  \"providerData\": { \"code\": \"code\" },"
               "  \"configuration\": {"
               "    \"oauth.api.key\": \"id\","
               "    \"oauth.api.secret\": \"secret\","
               "    \"oauth.callback.url\": \"https://example.com/cb/\","
               "    \"oauth.scope\": \"read\","
               "    \"event.notification.enabled\": \"true\","
               "    \"event.notification.callback.url\":"
               "      \"http://example.com/in\""
               "  },"
               "  \"name\": \"Name\""
               "}");

  g_assert_finalize_object (request);
}

static void
test_missing_entries (void)
{
  CeInstanceRequest *request = ce_instance_request_new ("slack");
  const char *labels[] = {
    "Sign-in code", "Client ID", "Client secret", "Redirect URL", "Scopes",
    "Instance name",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) json_error = NULL;
  g_autoptr (JsonNode) node = NULL;

  g_assert_false (ce_instance_request_validate (request, &error));
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    assert_contains (error->message, labels[i]);
  g_assert_null (strstr (error->message, "Service URL"));
  g_assert_null (strchr (error->message, '\n'));

  /* Building the body checks first, and says the same. */
  node = ce_instance_request_to_json (request, &json_error);
  g_assert_null (node);
  g_assert_error (json_error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  g_assert_cmpstr (json_error->message, ==, error->message);
  g_clear_error (&error);

  /* With forwarding on, the service URL is needed too. */
  ce_instance_request_set_forward_events (request, TRUE, "  ");
  g_assert_false (ce_instance_request_validate (request, &error));
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    assert_contains (error->message, labels[i]);
  assert_contains (error->message, "Service URL");
  g_clear_error (&error);

  /* White space alone does not fill an entry. */
  ce_instance_request_set_code (request, "code");
  ce_instance_request_set_client_id (request, "id");
  ce_instance_request_set_client_secret (request, "secret");
  ce_instance_request_set_callback_url (request, " ");
  ce_instance_request_set_scopes (request, "\t");
  ce_instance_request_set_name (request, "name");
  ce_instance_request_set_forward_events (request, FALSE, NULL);
  g_assert_false (ce_instance_request_validate (request, &error));
  assert_contains (error->message, "Redirect URL");
  assert_contains (error->message, "Scopes");
  g_assert_null (strstr (error->message, "Client ID"));
  g_assert_null (strstr (error->message, "Instance name"));

  g_assert_finalize_object (request);
}

static void
test_line_break (void)
{
  CeInstanceRequest *request = complete_request ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  ce_instance_request_set_client_secret (request, "0123\n4567");
  node = ce_instance_request_to_json (request, &error);
  g_assert_null (node);
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  assert_contains (error->message, "Client secret");
  g_clear_error (&error);

  ce_instance_request_set_client_secret (request, "0123\r4567");
  g_assert_false (ce_instance_request_validate (request, &error));
  assert_contains (error->message, "Client secret");
  g_clear_error (&error);

  /* Every problem is named at once. */
  ce_instance_request_set_client_id (request, "a\nb");
  ce_instance_request_set_name (request, "");
  g_assert_false (ce_instance_request_validate (request, &error));
  assert_contains (error->message, "Client secret");
  assert_contains (error->message, "Client ID");
  assert_contains (error->message, "Instance name");

  g_assert_finalize_object (request);
}

static void
test_service_url (void)
{
  const char *refused[] = {
    "example.com/in", "ftp://example.com/in", "https://", "not a url",
    "https://example.com/\nin",
  };
  const char *accepted[] = {
    "https://example.com/in", "http://example.com:8080/in?x=1",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      CeInstanceRequest *request = complete_request ();
      g_autoptr (GError) error = NULL;

      ce_instance_request_set_forward_events (request, TRUE, refused[i]);
      g_assert_false (ce_instance_request_validate (request, &error));
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
      assert_contains (error->message, "Service URL");

      /* A bad service URL does not matter while forwarding is off. */
      ce_instance_request_set_forward_events (request, FALSE, refused[i]);
      g_assert_true (ce_instance_request_validate (request, NULL));

      g_assert_finalize_object (request);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      CeInstanceRequest *request = complete_request ();
      g_autoptr (GError) error = NULL;

      ce_instance_request_set_forward_events (request, TRUE, accepted[i]);
      g_assert_true (ce_instance_request_validate (request, &error));
      g_assert_no_error (error);

      g_assert_finalize_object (request);
    }
}

static void
test_configuration (void)
{
  CeInstanceRequest *request = complete_request ();
  g_autoptr (GError) error = NULL;

  /* Before sign-in there is no code, and that is no problem yet. */
  ce_instance_request_set_code (request, NULL);
  g_assert_true (ce_instance_request_validate_configuration (request, &error));
  g_assert_no_error (error);
  g_assert_false (ce_instance_request_validate (request, &error));
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  assert_contains (error->message, "Sign-in code");
  g_clear_error (&error);

  /* Everything else is checked, and named at once. */
  ce_instance_request_set_name (request, "Slack\nfor team A");
  ce_instance_request_set_client_id (request, "");
  g_assert_false (ce_instance_request_validate_configuration (request,
                                                              &error));
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
  assert_contains (error->message, "Instance name");
  assert_contains (error->message, "Client ID");
  g_assert_null (strstr (error->message, "Sign-in code"));

  g_assert_finalize_object (request);
}

static void
test_hidden_characters (void)
{
  const char *values[] = {
    "a\nb", "a\rb", "a\tb", "a\x01b", "a\x7f" "b", "a\u2028b", "a\u202eb",
    "a\u200bb",
  };
  const char *labels[] = {
    "Client ID", "Client secret", "Redirect URL", "Scopes", "Instance name",
    "Tags", "Service URL",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      for (gsize j = 0; j < G_N_ELEMENTS (labels); j++)
        {
          CeInstanceRequest *request = complete_request ();
          const char *tags[] = { "team-a", values[i], NULL };
          g_autoptr (GError) error = NULL;

          switch (j)
            {
            case 0:
              ce_instance_request_set_client_id (request, values[i]);
              break;
            case 1:
              ce_instance_request_set_client_secret (request, values[i]);
              break;
            case 2:
              ce_instance_request_set_callback_url (request, values[i]);
              break;
            case 3:
              ce_instance_request_set_scopes (request, values[i]);
              break;
            case 4:
              ce_instance_request_set_name (request, values[i]);
              break;
            case 5:
              ce_instance_request_set_tags (request, tags);
              break;
            default:
              ce_instance_request_set_forward_events (request, TRUE,
                                                      values[i]);
              break;
            }

          g_assert_false (ce_instance_request_validate_configuration (request,
                                                                      &error));
          g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_INPUT);
          assert_contains (error->message, labels[j]);
          g_clear_error (&error);

          g_assert_false (ce_instance_request_validate (request, &error));
          assert_contains (error->message, labels[j]);

          g_assert_finalize_object (request);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hookline/instance-request/forward-on", test_forward_on);
  g_test_add_func ("/hookline/instance-request/forward-off",
                   test_forward_off);
  g_test_add_func ("/hookline/instance-request/values-are-strings",
                   test_values_are_strings);
  g_test_add_func ("/hookline/instance-request/tags", test_tags);
  g_test_add_func ("/hookline/instance-request/trimming", test_trimming);
  g_test_add_func ("/hookline/instance-request/missing-entries",
                   test_missing_entries);
  g_test_add_func ("/hookline/instance-request/line-break", test_line_break);
  g_test_add_func ("/hookline/instance-request/service-url",
                   test_service_url);
  g_test_add_func ("/hookline/instance-request/configuration",
                   test_configuration);
  g_test_add_func ("/hookline/instance-request/hidden-characters",
                   test_hidden_characters);

  return g_test_run ();
}
