/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "ce-error.h"
#include "ce-json.h"

/* One document with a member of every kind the helpers meet. */
static const char sample[] =
  "{"
  "  \"text\": \"hello\","
  "  \"empty_text\": \"\","
  "  \"yes\": true,"
  "  \"no\": false,"
  "  \"nothing\": null,"
  "  \"whole\": 123,"
  "  \"zero\": 0,"
  "  \"negative\": -1,"
  "  \"fraction\": 1.5,"
  "  \"round_fraction\": 2.0,"
  "  \"exponent\": 1e3,"
  "  \"max\": 9223372036854775807,"
  "  \"min\": -9223372036854775808,"
  "  \"digits\": \"456\","
  "  \"spaced_digits\": \" 789 \","
  "  \"padded_digits\": \"0042\","
  "  \"zero_digits\": \"0\","
  "  \"word\": \"abc\","
  "  \"object\": { \"inner\": \"value\" },"
  "  \"array\": [ 1, 2 ]"
  "}";

static JsonObject *
parse_text (const char  *text,
            GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return ce_json_parse_object (bytes, error);
}

static JsonObject *
parse_sample (void)
{
  g_autoptr (GError) error = NULL;
  JsonObject *object;

  object = parse_text (sample, &error);
  g_assert_no_error (error);
  g_assert_nonnull (object);

  return object;
}

static void
test_parse_object (void)
{
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  static const char with_nul[] = "{\"a\": \"b\"}\0garbage";

  object = parse_sample ();
  g_assert_true (json_object_has_member (object, "text"));
  g_assert_cmpuint (json_object_get_size (object), ==, 20);
  g_clear_pointer (&object, json_object_unref);

  /* The byte length decides where the document ends. */
  bytes = g_bytes_new (with_nul, 10);
  object = ce_json_parse_object (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "b");
}

static void
test_parse_object_refused (void)
{
  const char *documents[] = {
    "",
    "   ",
    "null",
    "42",
    "\"text\"",
    "[]",
    "[{}]",
    "not json",
    "{\"a\": ",
    "{\"a\": 1} trailing",
    "{\"bad\": \"\xff\xfe\"}",
    "{\"id\": 9223372036854775808}",
    "{\"id\": -9223372036854775809}",
    "{\"id\": 18446744073709551739}",
    "{\"list\": [1, 2, 99999999999999999999]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) object = NULL;

      object = parse_text (documents[i], &error);
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
      g_assert_null (object);
    }
}

static void
test_parse_object_large_numbers (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = NULL;

  /* Long numbers that do fit, and long digit runs inside strings, stay. */
  object = parse_text ("{\"a\": -9223372036854775808,"
                       " \"b\": 1234567890123456789.5,"
                       " \"c\": 1.5e300,"
                       " \"d\": \"99999999999999999999\\\"99999999999999999999\"}",
                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (object);
  g_assert_cmpint (json_object_get_int_member (object, "a"), ==, G_MININT64);
}

static void
test_get_string (void)
{
  g_autoptr (JsonObject) object = parse_sample ();
  const char *wrong[] = {
    "missing", "nothing", "yes", "whole", "fraction", "object", "array",
  };
  g_autoptr (GError) error = NULL;
  const char *value = NULL;

  g_assert_true (ce_json_get_string (object, "text", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "hello");

  g_assert_true (ce_json_get_string (object, "empty_text", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "");

  for (gsize i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr (GError) member_error = NULL;

      value = "unchanged";
      g_assert_false (ce_json_get_string (object, wrong[i], &value,
                                          &member_error));
      g_assert_error (member_error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (member_error->message, wrong[i]));
      g_assert_null (value);
    }
}

static void
test_get_string_opt (void)
{
  g_autoptr (JsonObject) object = parse_sample ();
  const char *wrong[] = { "yes", "whole", "fraction", "object", "array" };
  g_autoptr (GError) error = NULL;
  const char *value = NULL;

  g_assert_true (ce_json_get_string_opt (object, "text", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "hello");

  value = "unchanged";
  g_assert_true (ce_json_get_string_opt (object, "missing", &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);

  value = "unchanged";
  g_assert_true (ce_json_get_string_opt (object, "nothing", &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);

  for (gsize i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr (GError) member_error = NULL;

      value = "unchanged";
      g_assert_false (ce_json_get_string_opt (object, wrong[i], &value,
                                              &member_error));
      g_assert_error (member_error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
      g_assert_null (value);
    }
}

static void
test_get_boolean_opt (void)
{
  g_autoptr (JsonObject) object = parse_sample ();
  const char *wrong[] = {
    "text", "whole", "zero", "fraction", "object", "array",
  };
  g_autoptr (GError) error = NULL;
  gboolean value = FALSE;

  g_assert_true (ce_json_get_boolean_opt (object, "yes", FALSE, &value,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (value);

  g_assert_true (ce_json_get_boolean_opt (object, "no", TRUE, &value,
                                          &error));
  g_assert_no_error (error);
  g_assert_false (value);

  /* Missing and null take the fallback, whichever it is. */
  g_assert_true (ce_json_get_boolean_opt (object, "missing", TRUE, &value,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (value);

  g_assert_true (ce_json_get_boolean_opt (object, "missing", FALSE, &value,
                                          &error));
  g_assert_no_error (error);
  g_assert_false (value);

  g_assert_true (ce_json_get_boolean_opt (object, "nothing", TRUE, &value,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (value);

  for (gsize i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr (GError) member_error = NULL;

      g_assert_false (ce_json_get_boolean_opt (object, wrong[i], FALSE,
                                               &value, &member_error));
      g_assert_error (member_error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
    }
}

static void
test_get_object_opt (void)
{
  g_autoptr (JsonObject) object = parse_sample ();
  const char *wrong[] = { "text", "yes", "whole", "fraction", "array" };
  g_autoptr (GError) error = NULL;
  JsonObject *value = NULL;
  const char *inner = NULL;

  g_assert_true (ce_json_get_object_opt (object, "object", &value, &error));
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_true (ce_json_get_string (value, "inner", &inner, &error));
  g_assert_cmpstr (inner, ==, "value");

  value = object;
  g_assert_true (ce_json_get_object_opt (object, "missing", &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);

  value = object;
  g_assert_true (ce_json_get_object_opt (object, "nothing", &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);

  for (gsize i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr (GError) member_error = NULL;

      value = object;
      g_assert_false (ce_json_get_object_opt (object, wrong[i], &value,
                                              &member_error));
      g_assert_error (member_error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
      g_assert_null (value);
    }
}

static void
test_get_instance_id (void)
{
  g_autoptr (JsonObject) object = parse_sample ();
  struct {
    const char *member;
    gint64 id;
  } good[] = {
    { "whole", 123 },
    { "max", G_MAXINT64 },
    { "digits", 456 },
    { "padded_digits", 42 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 id = -5;

      g_assert_true (ce_json_get_instance_id (object, good[i].member, &id,
                                              &error));
      g_assert_no_error (error);
      g_assert_cmpint (id, ==, good[i].id);
    }
}

static void
test_get_instance_id_refused (void)
{
  g_autoptr (JsonObject) object = parse_sample ();
  const char *wrong[] = {
    "missing", "nothing", "zero", "negative", "min", "fraction",
    "round_fraction", "exponent", "yes", "no", "zero_digits", "word",
    "empty_text", "spaced_digits", "object", "array",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 id = -5;

      g_assert_false (ce_json_get_instance_id (object, wrong[i], &id,
                                               &error));
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (error->message, wrong[i]));
      g_assert_cmpint (id, ==, 0);
    }
}

static void
test_parse_answer (void)
{
  const char *bodies[] = {
    "<html><body>Tom & Jerry</body></html>", "nope", "{\"id\": 1",
    "bad \xff bytes",
  };
  const char *shown[] = {
    "“<html><body>Tom & Jerry</body></html>”", "“nope”", "“{\"id\": 1”",
    "bad",
  };
  g_autoptr (GBytes) good = g_bytes_new_static ("{\"id\": 1}", 9);
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) error = NULL;

  object = ce_json_parse_answer (good, 200, "OK", &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (object, "id"));

  /* Not the parser's details, but the status line and what came. */
  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (bodies[i], strlen (bodies[i]));

      g_assert_null (ce_json_parse_answer (bytes, 200, "OK", &error));
      g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (error->message, "200 OK"));
      g_assert_nonnull (strstr (error->message, "not JSON"));
      g_assert_nonnull (strstr (error->message, shown[i]));
      g_assert_null (strstr (error->message, "<data>"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hookline/json/parse-object", test_parse_object);
  g_test_add_func ("/hookline/json/parse-object-refused",
                   test_parse_object_refused);
  g_test_add_func ("/hookline/json/parse-object-large-numbers",
                   test_parse_object_large_numbers);
  g_test_add_func ("/hookline/json/parse-answer", test_parse_answer);
  g_test_add_func ("/hookline/json/get-string", test_get_string);
  g_test_add_func ("/hookline/json/get-string-opt", test_get_string_opt);
  g_test_add_func ("/hookline/json/get-boolean-opt", test_get_boolean_opt);
  g_test_add_func ("/hookline/json/get-object-opt", test_get_object_opt);
  g_test_add_func ("/hookline/json/get-instance-id", test_get_instance_id);
  g_test_add_func ("/hookline/json/get-instance-id-refused",
                   test_get_instance_id_refused);

  return g_test_run ();
}
