/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <gio/gio.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Runs the built program with @args and the test's environment, which uses
 * in-memory settings, so the saved environment is the schema's default.
 */
static void
run_hookline (RunResult  *result,
              const char *first_arg,
              ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  const char *binary = g_getenv ("HOOKLINE_BINARY");
  const char *arg;
  va_list ap;

  g_assert_nonnull (binary);

  g_ptr_array_add (argv, (gpointer) binary);
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL,
                                 &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static void
test_cli_reference_id (void)
{
  g_auto (RunResult) result = { 0 };

  run_hookline (&result,
                "--webhook-url", "20931",
                "--base-url", "https://api.cloud-elements.com/elements/api-v2",
                NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "https://api.cloud-elements.com/elements/api-v2/events/slack/MjA5MzE=\n");
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_cli_saved_environment (void)
{
  g_auto (RunResult) result = { 0 };

  run_hookline (&result, "--webhook-url", "123", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "https://api.cloud-elements.com/elements/api-v2/events/slack/MTIz\n");
}

static void
test_cli_overrides (void)
{
  g_auto (RunResult) result = { 0 };

  run_hookline (&result,
                "--webhook-url", " 123 ",
                "--base-url", " https://tenant.example.com/elements/api-v2/ ",
                "--element", "teams",
                NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "https://tenant.example.com/elements/api-v2/events/teams/MTIz\n");
}

static void
test_cli_bad_id (void)
{
  const char *bad_ids[] = { "abc", "0", "-5", "1.5", "", "99999999999999999999", "12x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_auto (RunResult) result = { 0 };

      g_test_message ("id “%s”", bad_ids[i]);
      run_hookline (&result, "--webhook-url", bad_ids[i], NULL);

      g_assert_cmpint (result.status, ==, 1);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_nonnull (strstr (result.err, bad_ids[i]));
      g_assert_cmpuint (strlen (result.err), >, strlen (bad_ids[i]) + 1);
    }
}

static void
test_cli_bad_base_url (void)
{
  g_auto (RunResult) result = { 0 };

  run_hookline (&result,
                "--webhook-url", "123",
                "--base-url", "http://api.example.com/elements/api-v2",
                NULL);

  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpstr (result.err, !=, "");
}

static void
test_cli_override_without_id (void)
{
  g_auto (RunResult) result = { 0 };

  run_hookline (&result,
                "--base-url", "https://api.cloud-elements.com/elements/api-v2",
                NULL);

  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "--webhook-url"));
}

static void
test_cli_stray_argument (void)
{
  g_auto (RunResult) result = { 0 };

  run_hookline (&result, "--webhook-url", "5", "extra-arg", NULL);

  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "extra-arg"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hookline/cli/reference-id", test_cli_reference_id);
  g_test_add_func ("/hookline/cli/saved-environment", test_cli_saved_environment);
  g_test_add_func ("/hookline/cli/overrides", test_cli_overrides);
  g_test_add_func ("/hookline/cli/bad-id", test_cli_bad_id);
  g_test_add_func ("/hookline/cli/bad-base-url", test_cli_bad_base_url);
  g_test_add_func ("/hookline/cli/override-without-id", test_cli_override_without_id);
  g_test_add_func ("/hookline/cli/stray-argument", test_cli_stray_argument);

  return g_test_run ();
}
