/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <gio/gio.h>
#include <string.h>

#include "ce-error.h"

static GError *
error_from_text (guint       status,
                 const char *reason_phrase,
                 const char *body)
{
  g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

  return ce_error_new_from_response (status, reason_phrase, bytes);
}

static guint
count_lines (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_length (lines);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* The message must be valid UTF-8 and free of anything that could break a
 * line of plain text: control characters (line breaks between the parts
 * aside) and format characters such as bidi overrides.
 */
static void
assert_displayable (const char *message)
{
  g_assert_true (g_utf8_validate (message, -1, NULL));

  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n')
        g_assert_false (g_unichar_iscntrl (c));
      g_assert_cmpint (g_unichar_type (c), !=, G_UNICODE_FORMAT);
    }
}

static void
test_report_with_provider (void)
{
  g_autoptr (GError) error = NULL;

  error = error_from_text (400, "Bad Request",
                           "{\"requestId\": \"5f9c-11eb-a1\","
                           " \"message\": \"Failed to exchange the code.\","
                           " \"providerMessage\": \"invalid_code\"}");

  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpuint (ce_error_get_status (error), ==, 400);
  g_assert_cmpstr (ce_error_get_server_message (error), ==,
                   "Failed to exchange the code.");
  g_assert_cmpstr (ce_error_get_provider_message (error), ==, "invalid_code");
  g_assert_cmpstr (ce_error_get_request_id (error), ==, "5f9c-11eb-a1");

  assert_contains (error->message, "400 Bad Request");
  assert_contains (error->message, "Failed to exchange the code.");
  assert_contains (error->message, "invalid_code");
  assert_contains (error->message, "5f9c-11eb-a1");
  g_assert_cmpuint (count_lines (error->message), ==, 3);
  assert_displayable (error->message);
}

static void
test_report_without_provider (void)
{
  g_autoptr (GError) error = NULL;

  error = error_from_text (409, "Conflict",
                           "{\"requestId\": \"r-17\","
                           " \"message\": \"An instance with this name "
                           "already exists.\"}");

  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpuint (ce_error_get_status (error), ==, 409);
  g_assert_cmpstr (ce_error_get_server_message (error), ==,
                   "An instance with this name already exists.");
  g_assert_null (ce_error_get_provider_message (error));
  g_assert_cmpstr (ce_error_get_request_id (error), ==, "r-17");

  assert_contains (error->message, "409 Conflict");
  assert_contains (error->message,
                   "An instance with this name already exists.");
  assert_contains (error->message, "r-17");
  g_assert_cmpuint (count_lines (error->message), ==, 2);
}

static void
test_report_without_request_id (void)
{
  g_autoptr (GError) error = NULL;

  error = error_from_text (500, "Internal Server Error",
                           "{\"message\": \"Something broke.\","
                           " \"providerMessage\": null}");

  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpstr (ce_error_get_server_message (error), ==,
                   "Something broke.");
  g_assert_null (ce_error_get_provider_message (error));
  g_assert_null (ce_error_get_request_id (error));
  g_assert_cmpuint (count_lines (error->message), ==, 1);
}

static void
test_report_cannot_add_lines (void)
{
  g_autoptr (GError) error = NULL;

  error = error_from_text (400, "Bad Request",
                           "{\"message\": \"first\\nRequest ID: forged\\r\\n"
                           "\\u2028third\","
                           " \"requestId\": \"a\\nb\"}");

  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpstr (ce_error_get_server_message (error), ==,
                   "first Request ID: forged third");
  g_assert_cmpstr (ce_error_get_request_id (error), ==, "a b");
  g_assert_cmpuint (count_lines (error->message), ==, 2);
  assert_displayable (error->message);
}

static void
test_unauthorized (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) empty = NULL;

  error = error_from_text (401, "Unauthorized",
                           "{\"requestId\": \"q1\","
                           " \"message\": \"Invalid Organization or User "
                           "secret, or invalid Element token provided.\"}");

  g_assert_error (error, CE_ERROR, CE_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (ce_error_get_status (error), ==, 401);
  assert_contains (error->message, "401 Unauthorized");
  assert_contains (error->message, "invalid Element token provided.");
  assert_contains (error->message, "User secret");
  assert_contains (error->message, "Organization secret");
  assert_contains (error->message, "q1");

  empty = ce_error_new_from_response (401, NULL, NULL);
  g_assert_error (empty, CE_ERROR, CE_ERROR_UNAUTHORIZED);
  assert_contains (empty->message, "401 Unauthorized");
  assert_contains (empty->message, "User secret");
  assert_contains (empty->message, "Organization secret");
}

static void
test_not_json (void)
{
  g_autoptr (GError) error = NULL;

  error = error_from_text (502, "Bad Gateway",
                           "<html>\r\n<head><title>502 Bad Gateway</title>"
                           "</head>\n<body>Tom & Jerry\t\x01\x1b[31m"
                           "\xe2\x80\xae\xe2\x80\x8b</body>\n</html>\n");

  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpuint (ce_error_get_status (error), ==, 502);
  g_assert_null (ce_error_get_server_message (error));
  g_assert_null (ce_error_get_provider_message (error));
  g_assert_null (ce_error_get_request_id (error));

  assert_contains (error->message, "502 Bad Gateway");
  assert_contains (error->message, "Tom");
  assert_contains (error->message, "Jerry");
  g_assert_cmpuint (count_lines (error->message), ==, 1);
  /* A page reads as one: its markup is kept, as the message is plain text. */
  assert_contains (error->message,
                   "“<html> <head><title>502 Bad Gateway</title></head> "
                   "<body>Tom & Jerry \\u0001\\u001b[31m\\u202e\\u200b"
                   "</body> </html>”");
  assert_displayable (error->message);
}

static void
test_not_json_truncated (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *long_word = NULL;
  guint count = 0;

  /* Two-byte characters check that the cut falls between characters. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (body, "é");

  error = error_from_text (500, "Internal Server Error", body->str);

  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  assert_displayable (error->message);
  assert_contains (error->message, "…");

  for (const char *p = error->message; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_utf8_get_char (p) == 0xE9)
        count++;
    }

  g_assert_cmpuint (count, >=, 100);
  g_assert_cmpuint (count, <=, 200);
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 300);

  /* The same limit holds when escapes make the excerpt grow. */
  g_clear_error (&error);
  long_word = g_strnfill (3000, '\x01');
  error = error_from_text (500, "Internal Server Error", long_word);
  assert_displayable (error->message);
  assert_contains (error->message, "\\u0001…");
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 300);
}

static void
test_not_utf8 (void)
{
  g_autoptr (GError) error = NULL;

  error = error_from_text (500, "Internal Server Error",
                           "bad \xff\xfe bytes \xc3");

  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  assert_displayable (error->message);
  assert_contains (error->message, "bad");
  assert_contains (error->message, "bytes");
}

static void
test_json_without_message (void)
{
  const char *bodies[] = {
    "{\"message\": 42, \"requestId\": \"r-9\"}",
    "{\"message\": \"\", \"requestId\": \"r-9\"}",
    "{\"error\": \"nope\", \"requestId\": \"r-9\"}",
    "[\"message\", \"r-9\"]",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (GError) error = NULL;

      error = error_from_text (503, "Service Unavailable", bodies[i]);

      g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
      g_assert_null (ce_error_get_server_message (error));
      assert_contains (error->message, "503 Service Unavailable");
      /* The excerpt shows what came instead. */
      assert_contains (error->message, "r-9");
      assert_displayable (error->message);
    }
}

static void
test_empty_body (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) no_body = NULL;
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);

  error = ce_error_new_from_response (503, "Service Unavailable", empty);
  g_assert_error (error, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpuint (ce_error_get_status (error), ==, 503);
  g_assert_null (ce_error_get_server_message (error));
  assert_contains (error->message, "503 Service Unavailable");
  g_assert_cmpuint (count_lines (error->message), ==, 1);
  g_assert_null (strstr (error->message, "“"));

  /* Without a reason phrase, as over HTTP/2, the standard one is used. */
  no_body = ce_error_new_from_response (404, NULL, NULL);
  g_assert_error (no_body, CE_ERROR, CE_ERROR_SERVER);
  assert_contains (no_body->message, "404 Not Found");
  g_assert_cmpuint (count_lines (no_body->message), ==, 1);
}

static void
test_accessors (void)
{
  g_autoptr (GError) io_error = NULL;
  g_autoptr (GError) input_error = NULL;
  g_autoptr (GError) original = NULL;
  g_autoptr (GError) copy = NULL;

  io_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "failed");
  g_assert_cmpuint (ce_error_get_status (io_error), ==, 0);
  g_assert_null (ce_error_get_server_message (io_error));
  g_assert_null (ce_error_get_provider_message (io_error));
  g_assert_null (ce_error_get_request_id (io_error));

  g_assert_cmpuint (ce_error_get_status (NULL), ==, 0);
  g_assert_null (ce_error_get_server_message (NULL));

  input_error = g_error_new_literal (CE_ERROR, CE_ERROR_INVALID_INPUT, "no");
  g_assert_cmpuint (ce_error_get_status (input_error), ==, 0);
  g_assert_null (ce_error_get_server_message (input_error));
  g_assert_null (ce_error_get_provider_message (input_error));
  g_assert_null (ce_error_get_request_id (input_error));

  /* What the error carries survives a copy, as when a GTask returns it. */
  original = error_from_text (403, "Forbidden",
                              "{\"requestId\": \"x-1\", \"message\": \"m\","
                              " \"providerMessage\": \"p\"}");
  copy = g_error_copy (original);
  g_clear_error (&original);
  g_assert_error (copy, CE_ERROR, CE_ERROR_SERVER);
  g_assert_cmpuint (ce_error_get_status (copy), ==, 403);
  g_assert_cmpstr (ce_error_get_server_message (copy), ==, "m");
  g_assert_cmpstr (ce_error_get_provider_message (copy), ==, "p");
  g_assert_cmpstr (ce_error_get_request_id (copy), ==, "x-1");
}

static void
test_success_not_json (void)
{
  g_autoptr (GBytes) page = NULL;
  g_autoptr (GBytes) blank = NULL;
  g_autoptr (GError) error = NULL;
  const char *text = "<html>\n<b>Up & running</b>\u202e</html>";

  page = g_bytes_new_static (text, strlen (text));
  error = ce_error_new_not_json (200, NULL, page);
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ce_error_get_status (error), ==, 200);
  g_assert_null (ce_error_get_server_message (error));
  g_assert_cmpstr (error->message, ==,
                   "Cloud Elements answered 200 OK with something that is "
                   "not JSON: “<html> <b>Up & running</b>\\u202e</html>”");
  g_clear_error (&error);

  blank = g_bytes_new_static (" \r\n", 3);
  error = ce_error_new_not_json (201, "Created", blank);
  g_assert_error (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message, ==,
                   "Cloud Elements answered 201 Created with something that "
                   "is not JSON.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hookline/error/report-with-provider",
                   test_report_with_provider);
  g_test_add_func ("/hookline/error/report-without-provider",
                   test_report_without_provider);
  g_test_add_func ("/hookline/error/report-without-request-id",
                   test_report_without_request_id);
  g_test_add_func ("/hookline/error/report-cannot-add-lines",
                   test_report_cannot_add_lines);
  g_test_add_func ("/hookline/error/unauthorized", test_unauthorized);
  g_test_add_func ("/hookline/error/not-json", test_not_json);
  g_test_add_func ("/hookline/error/not-json-truncated",
                   test_not_json_truncated);
  g_test_add_func ("/hookline/error/not-utf8", test_not_utf8);
  g_test_add_func ("/hookline/error/json-without-message",
                   test_json_without_message);
  g_test_add_func ("/hookline/error/empty-body", test_empty_body);
  g_test_add_func ("/hookline/error/accessors", test_accessors);
  g_test_add_func ("/hookline/error/success-not-json",
                   test_success_not_json);

  return g_test_run ();
}
