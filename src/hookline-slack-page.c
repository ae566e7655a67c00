/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "oauth-callback.h"

#include "hookline-form.h"
#include "hookline-slack-page.h"

struct _HooklineSlackPage
{
  AdwBin     parent_instance;

  GtkWidget *client_id_row;
  GtkWidget *client_secret_row;
  GtkWidget *redirect_url_row;
  GtkWidget *scopes_row;
  GtkWidget *instance_name_row;
  GtkWidget *tags_row;
  GtkSwitch *forward_switch;
  GtkWidget *service_url_row;
  GtkLabel  *error_label;
};

G_DEFINE_FINAL_TYPE (HooklineSlackPage, hookline_slack_page, ADW_TYPE_BIN)

static gboolean
is_web_url (const char *text)
{
  g_autoptr (GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return FALSE;

  scheme = g_uri_get_scheme (uri);

  return g_ascii_strcasecmp (scheme, "https") == 0
         || g_ascii_strcasecmp (scheme, "http") == 0;
}

static void
hookline_slack_page_class_init (HooklineSlackPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/hookline-slack-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, redirect_url_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, scopes_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, instance_name_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, tags_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, forward_switch);
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, service_url_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineSlackPage, error_label);
}

static void
hookline_slack_page_init (HooklineSlackPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  hookline_form_watch_row (self->client_id_row, "win.connect");
  hookline_form_watch_row (self->client_secret_row, "win.connect");
  hookline_form_watch_row (self->redirect_url_row, "win.connect");
  hookline_form_watch_row (self->scopes_row, "win.connect");
  hookline_form_watch_row (self->instance_name_row, "win.connect");
  hookline_form_watch_row (self->tags_row, "win.connect");
  hookline_form_watch_row (self->service_url_row, "win.connect");
  hookline_form_name_peek_button (self->client_secret_row);

  g_object_bind_property (self->forward_switch, "active",
                          self->service_url_row, "visible",
                          G_BINDING_SYNC_CREATE);
}

void
hookline_slack_page_bind_settings (HooklineSlackPage *self,
                                   GSettings         *settings)
{
  g_return_if_fail (HOOKLINE_IS_SLACK_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "client-id", self->client_id_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "redirect-url", self->redirect_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "scopes", self->scopes_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "instance-name", self->instance_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "tags", self->tags_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "forward-events", self->forward_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "service-url", self->service_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * hookline_slack_page_validate:
 * @self: a #HooklineSlackPage
 *
 * Checks every field before any request is made, marks the ones that need
 * the user's attention and says what is wrong with each.
 *
 * Returns: %TRUE if the form can be used
 */
gboolean
hookline_slack_page_validate (HooklineSlackPage *self)
{
  HooklineFormCheck check;
  g_autofree char *redirect_url = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (HOOKLINE_IS_SLACK_PAGE (self), FALSE);

  hookline_form_check_begin (&check, self->error_label);

  if (hookline_form_is_blank (self->client_id_row))
    hookline_form_check_add (&check, self->client_id_row,
                             _("Enter the client ID of the Slack app."));

  if (hookline_form_is_blank (self->client_secret_row))
    hookline_form_check_add (&check, self->client_secret_row,
                             _("Enter the client secret of the Slack app."));

  redirect_url = hookline_slack_page_dup_redirect_url (self);
  if (redirect_url[0] == '\0')
    hookline_form_check_add (&check, self->redirect_url_row,
                             _("Enter the redirect URL registered in the Slack app."));
  else if (!oauth_redirect_is_valid (redirect_url, &error))
    hookline_form_check_add (&check, self->redirect_url_row, error->message);

  if (hookline_form_is_blank (self->scopes_row))
    hookline_form_check_add (&check, self->scopes_row,
                             _("Enter at least one scope."));

  if (hookline_form_is_blank (self->instance_name_row))
    hookline_form_check_add (&check, self->instance_name_row,
                             _("Enter a name for the new instance."));

  if (gtk_switch_get_active (self->forward_switch))
    {
      g_autofree char *service_url = hookline_form_dup_text (self->service_url_row);

      if (service_url[0] == '\0')
        hookline_form_check_add (&check, self->service_url_row,
                                 _("Enter the URL of the service that receives the events."));
      else if (!is_web_url (service_url))
        hookline_form_check_add (&check, self->service_url_row,
                                 _("The service URL must start with https:// or http://."));
    }

  /* What the form cannot see, such as a line break pasted into a field, the
   * platform client refuses; asking it now spares the user a sign-in that
   * could not be used.
   */
  if (check.first_invalid == NULL)
    {
      g_autoptr (CeInstanceRequest) request = NULL;

      request = hookline_slack_page_build_request (self, NULL);
      if (!ce_instance_request_validate_configuration (request, &error))
        hookline_form_check_add (&check, NULL, error->message);
    }

  return hookline_form_check_end (&check);
}

char *
hookline_slack_page_dup_client_id (HooklineSlackPage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_SLACK_PAGE (self), NULL);

  return hookline_form_dup_text (self->client_id_row);
}

char *
hookline_slack_page_dup_client_secret (HooklineSlackPage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_SLACK_PAGE (self), NULL);

  return hookline_form_dup_text (self->client_secret_row);
}

/* The redirect URL is sent as callbackUrl and stored as oauth.callback.url;
 * the two must be the same string, so both come from here.
 */
char *
hookline_slack_page_dup_redirect_url (HooklineSlackPage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_SLACK_PAGE (self), NULL);

  return hookline_form_dup_text (self->redirect_url_row);
}

char *
hookline_slack_page_dup_scopes (HooklineSlackPage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_SLACK_PAGE (self), NULL);

  return hookline_form_dup_text (self->scopes_row);
}

CeInstanceRequest *
hookline_slack_page_build_request (HooklineSlackPage *self,
                                   const char        *code)
{
  g_autoptr (CeInstanceRequest) request = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *redirect_url = NULL;
  g_autofree char *scopes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *service_url = NULL;
  g_auto (GStrv) tags = NULL;

  g_return_val_if_fail (HOOKLINE_IS_SLACK_PAGE (self), NULL);

  client_id = hookline_slack_page_dup_client_id (self);
  client_secret = hookline_slack_page_dup_client_secret (self);
  redirect_url = hookline_slack_page_dup_redirect_url (self);
  scopes = hookline_slack_page_dup_scopes (self);
  name = hookline_form_dup_text (self->instance_name_row);
  service_url = hookline_form_dup_text (self->service_url_row);
  tags = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), ",", -1);

  request = ce_instance_request_new ("slack");
  ce_instance_request_set_code (request, code);
  ce_instance_request_set_client_id (request, client_id);
  ce_instance_request_set_client_secret (request, client_secret);
  ce_instance_request_set_callback_url (request, redirect_url);
  ce_instance_request_set_scopes (request, scopes);
  ce_instance_request_set_name (request, name);
  ce_instance_request_set_tags (request, (const char * const *) tags);
  ce_instance_request_set_forward_events (request,
                                          gtk_switch_get_active (self->forward_switch),
                                          service_url);

  return g_steal_pointer (&request);
}

void
hookline_slack_page_show_error (HooklineSlackPage *self,
                                const char        *message)
{
  g_return_if_fail (HOOKLINE_IS_SLACK_PAGE (self));

  hookline_form_show_message (self->error_label, message);
}
