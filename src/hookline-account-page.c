/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ce-base-url.h"

#include "hookline-account-page.h"
#include "hookline-form.h"

struct _HooklineAccountPage
{
  AdwBin       parent_instance;

  AdwComboRow *environment_row;
  AdwEntryRow *base_url_row;
  GtkWidget   *user_secret_row;
  GtkWidget   *organization_secret_row;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (HooklineAccountPage, hookline_account_page, ADW_TYPE_BIN)

/* The order of the environment row's items; "custom" is last. */
static const char * const environment_ids[] = { "us", "eu", "staging", "custom" };

#define CUSTOM_ENVIRONMENT (G_N_ELEMENTS (environment_ids) - 1)

static gboolean
environment_from_setting (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (environment_ids); i++)
    {
      if (g_strcmp0 (id, environment_ids[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
environment_to_setting (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (environment_ids))
    return NULL;

  return g_variant_new_string (environment_ids[selected]);
}

static gboolean
is_custom (HooklineAccountPage *self)
{
  return adw_combo_row_get_selected (self->environment_row) == CUSTOM_ENVIRONMENT;
}

static void
environment_changed_cb (HooklineAccountPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_row), is_custom (self));
}

static void
hookline_account_page_class_init (HooklineAccountPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/hookline-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HooklineAccountPage, environment_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineAccountPage, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineAccountPage, user_secret_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineAccountPage, organization_secret_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineAccountPage, error_label);
}

static void
hookline_account_page_init (HooklineAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->environment_row, "notify::selected",
                            G_CALLBACK (environment_changed_cb), self);
  environment_changed_cb (self);

  hookline_form_watch_row (GTK_WIDGET (self->base_url_row), "win.next");
  hookline_form_watch_row (self->user_secret_row, "win.next");
  hookline_form_watch_row (self->organization_secret_row, "win.next");
  hookline_form_name_peek_button (self->user_secret_row);
  hookline_form_name_peek_button (self->organization_secret_row);
}

void
hookline_account_page_bind_settings (HooklineAccountPage *self,
                                     GSettings           *settings)
{
  g_return_if_fail (HOOKLINE_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, "environment",
                                self->environment_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                environment_from_setting,
                                environment_to_setting,
                                NULL, NULL);
  g_settings_bind (settings, "custom-base-url",
                   self->base_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * hookline_account_page_validate:
 * @self: a #HooklineAccountPage
 *
 * Checks every field, marks the ones that need the user's attention and
 * says what is wrong with each, before any request is made.
 *
 * Returns: %TRUE if the account can be used
 */
gboolean
hookline_account_page_validate (HooklineAccountPage *self)
{
  HooklineFormCheck check;

  g_return_val_if_fail (HOOKLINE_IS_ACCOUNT_PAGE (self), FALSE);

  hookline_form_check_begin (&check, self->error_label);

  if (is_custom (self))
    {
      g_autofree char *base_url = hookline_account_page_dup_base_url (self);
      g_autofree char *normalized = NULL;
      g_autoptr (GError) error = NULL;

      if (base_url[0] == '\0')
        hookline_form_check_add (&check, GTK_WIDGET (self->base_url_row),
                                 _("Enter the base URL of the platform API."));
      else if (!(normalized = ce_base_url_normalize (base_url, &error)))
        hookline_form_check_add (&check, GTK_WIDGET (self->base_url_row),
                                 error->message);
    }

  if (hookline_form_is_blank (self->user_secret_row))
    hookline_form_check_add (&check, self->user_secret_row,
                             _("Enter the User secret."));

  if (hookline_form_is_blank (self->organization_secret_row))
    hookline_form_check_add (&check, self->organization_secret_row,
                             _("Enter the Organization secret."));

  return hookline_form_check_end (&check);
}

char *
hookline_account_page_dup_base_url (HooklineAccountPage *self)
{
  guint selected;

  g_return_val_if_fail (HOOKLINE_IS_ACCOUNT_PAGE (self), NULL);

  selected = adw_combo_row_get_selected (self->environment_row);
  if (selected < CUSTOM_ENVIRONMENT)
    return g_strdup (ce_environment_lookup (environment_ids[selected])->base_url);

  return hookline_form_dup_text (GTK_WIDGET (self->base_url_row));
}

const char *
hookline_account_page_get_user_secret (HooklineAccountPage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_ACCOUNT_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->user_secret_row));
}

const char *
hookline_account_page_get_organization_secret (HooklineAccountPage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_ACCOUNT_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->organization_secret_row));
}

/**
 * hookline_account_page_show_error:
 * @self: a #HooklineAccountPage
 * @message: (nullable): what went wrong, or %NULL to clear the message
 * @secrets_refused: whether the platform refused the secrets
 *
 * Shows a failure that the account's values caused.
 */
void
hookline_account_page_show_error (HooklineAccountPage *self,
                                  const char          *message,
                                  gboolean             secrets_refused)
{
  g_return_if_fail (HOOKLINE_IS_ACCOUNT_PAGE (self));

  hookline_form_show_message (self->error_label, message);

  if (secrets_refused)
    {
      hookline_form_mark_row (self->user_secret_row, message);
      hookline_form_mark_row (self->organization_secret_row, message);
      gtk_widget_grab_focus (self->user_secret_row);
    }
}
