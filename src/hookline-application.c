/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ce-base-url.h"
#include "ce-client.h"
#include "ce-webhook.h"

#include "hookline-application.h"
#include "hookline-window.h"

struct _HooklineApplication
{
  AdwApplication  parent_instance;

  SoupSession    *session;
};

G_DEFINE_FINAL_TYPE (HooklineApplication, hookline_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "webhook-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the webhook URL of the instance with this ID and exit"),
    N_("ID") },
  { "base-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("API base URL to use instead of the saved environment"),
    N_("URL") },
  { "element", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Element key to use instead of “slack”"),
    N_("KEY") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
  { NULL }
};

/* The base URL of the environment saved in settings, as the window would
 * use it for a new instance.
 */
static char *
dup_saved_base_url (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *environment = g_settings_get_string (settings, "environment");
  const CeEnvironment *preset = ce_environment_lookup (environment);

  if (preset != NULL)
    return g_strdup (preset->base_url);

  return g_settings_get_string (settings, "custom-base-url");
}

static int
print_webhook_url (const char *id_text,
                   const char *base_url,
                   const char *element_key)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *saved_base_url = NULL;
  g_autofree char *url = NULL;
  gint64 id;

  if (!ce_instance_id_parse (id_text, &id, &error))
    {
      g_printerr (_("Invalid instance ID “%s”: %s\n"), id_text, error->message);
      return EXIT_FAILURE;
    }

  if (base_url == NULL)
    {
      base_url = saved_base_url = dup_saved_base_url ();

      if (base_url[0] == '\0')
        {
          g_printerr (_("No base URL is saved for the custom environment; "
                        "give one with --base-url\n"));
          return EXIT_FAILURE;
        }
    }

  url = ce_webhook_url (base_url, element_key, id, &error);
  if (url == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("%s\n", url);

  return EXIT_SUCCESS;
}

static int
hookline_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  g_autofree const char **remaining = NULL;
  const char *id_text = NULL;
  const char *base_url = NULL;
  const char *element_key = "slack";

  /* Hookline opens no files; a stray word is most likely a mistyped option. */
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &remaining))
    {
      g_printerr (_("Unexpected argument “%s”\n"), remaining[0]);
      return EXIT_FAILURE;
    }

  g_variant_dict_lookup (options, "base-url", "&s", &base_url);
  g_variant_dict_lookup (options, "element", "&s", &element_key);

  if (!g_variant_dict_lookup (options, "webhook-url", "&s", &id_text))
    {
      if (base_url != NULL
          || g_variant_dict_contains (options, "element"))
        {
          g_printerr (_("--base-url and --element only apply with --webhook-url\n"));
          return EXIT_FAILURE;
        }

      return -1;
    }

  return print_webhook_url (id_text, base_url, element_key);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Hookline developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Hookline"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Hookline developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/hookline/hookline",
                         "issue-url", "https://github.com/hookline/hookline/issues",
                         "comments",
                         _("Connect a Slack workspace to Cloud Elements "
                           "and get its webhook URL."),
                         NULL);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
};

static void
hookline_application_startup (GApplication *app)
{
  HooklineApplication *self = HOOKLINE_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (hookline_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "win.show-help-overlay", help_accels);

  self->session = ce_session_new ("Hookline/" PACKAGE_VERSION);
}

static void
hookline_application_activate (GApplication *app)
{
  HooklineApplication *self = HOOKLINE_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (hookline_window_new (GTK_APPLICATION (self),
                                                  self->session));

  gtk_window_present (window);
}

static void
hookline_application_shutdown (GApplication *app)
{
  HooklineApplication *self = HOOKLINE_APPLICATION (app);

  if (self->session != NULL)
    soup_session_abort (self->session);

  G_APPLICATION_CLASS (hookline_application_parent_class)->shutdown (app);
}

static void
hookline_application_finalize (GObject *object)
{
  HooklineApplication *self = HOOKLINE_APPLICATION (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (hookline_application_parent_class)->finalize (object);
}

static void
hookline_application_class_init (HooklineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hookline_application_finalize;

  app_class->handle_local_options = hookline_application_handle_local_options;
  app_class->startup = hookline_application_startup;
  app_class->activate = hookline_application_activate;
  app_class->shutdown = hookline_application_shutdown;
}

static void
hookline_application_init (HooklineApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Connect a Slack workspace to Cloud Elements."));
}

HooklineApplication *
hookline_application_new (void)
{
  return g_object_new (HOOKLINE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
