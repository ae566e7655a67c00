/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hookline-done-page.h"

struct _HooklineDonePage
{
  AdwBin           parent_instance;

  CeInstance      *instance;
  char            *webhook_url;

  AdwActionRow    *webhook_row;
  GtkLabel        *id_label;
  GtkLabel        *name_label;
  GtkLabel        *element_label;
  GtkLabel        *valid_label;
  GtkLabel        *created_label;
  GtkLabel        *token_label;
  GtkToggleButton *token_button;
};

G_DEFINE_FINAL_TYPE (HooklineDonePage, hookline_done_page, ADW_TYPE_BIN)

static void
set_value (GtkLabel   *label,
           const char *value)
{
  /* An empty value would leave a row that looks broken. */
  gtk_label_set_text (label, value != NULL && value[0] != '\0' ? value : "—");
}

static void
update_token (HooklineDonePage *self)
{
  gboolean revealed = gtk_toggle_button_get_active (self->token_button);
  const char *token = NULL;
  const char *tip;

  if (self->instance != NULL)
    token = ce_instance_get_token (self->instance);

  if (revealed || token == NULL)
    set_value (self->token_label, token);
  else
    gtk_label_set_text (self->token_label, "••••••••••••");

  tip = revealed ? _("Hide Token") : _("Show Token");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->token_button), tip);
  gtk_button_set_icon_name (GTK_BUTTON (self->token_button),
                            revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->token_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                  -1);
}

static void
hookline_done_page_dispose (GObject *object)
{
  HooklineDonePage *self = HOOKLINE_DONE_PAGE (object);

  g_clear_object (&self->instance);

  G_OBJECT_CLASS (hookline_done_page_parent_class)->dispose (object);
}

static void
hookline_done_page_finalize (GObject *object)
{
  HooklineDonePage *self = HOOKLINE_DONE_PAGE (object);

  g_clear_pointer (&self->webhook_url, g_free);

  G_OBJECT_CLASS (hookline_done_page_parent_class)->finalize (object);
}

static void
hookline_done_page_class_init (HooklineDonePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hookline_done_page_dispose;
  object_class->finalize = hookline_done_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/hookline-done-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HooklineDonePage, webhook_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineDonePage, id_label);
  gtk_widget_class_bind_template_child (widget_class, HooklineDonePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, HooklineDonePage, element_label);
  gtk_widget_class_bind_template_child (widget_class, HooklineDonePage, valid_label);
  gtk_widget_class_bind_template_child (widget_class, HooklineDonePage, created_label);
  gtk_widget_class_bind_template_child (widget_class, HooklineDonePage, token_label);
  gtk_widget_class_bind_template_child (widget_class, HooklineDonePage, token_button);
}

static void
hookline_done_page_init (HooklineDonePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->token_button, "toggled",
                            G_CALLBACK (update_token), self);
}

void
hookline_done_page_set_instance (HooklineDonePage *self,
                                 CeInstance       *instance,
                                 const char       *webhook_url)
{
  g_autofree char *id = NULL;
  g_autofree char *created = NULL;
  const char *element;
  GDateTime *created_at;

  g_return_if_fail (HOOKLINE_IS_DONE_PAGE (self));
  g_return_if_fail (CE_IS_INSTANCE (instance));
  g_return_if_fail (webhook_url != NULL);

  g_set_object (&self->instance, instance);
  g_free (self->webhook_url);
  self->webhook_url = g_strdup (webhook_url);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->webhook_row),
                                 webhook_url);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, ce_instance_get_id (instance));
  set_value (self->id_label, id);
  set_value (self->name_label, ce_instance_get_name (instance));

  element = ce_instance_get_element_name (instance);
  if (element == NULL)
    element = ce_instance_get_element_key (instance);
  set_value (self->element_label, element);

  set_value (self->valid_label,
             ce_instance_get_valid (instance) ? _("Yes") : _("No"));

  created_at = ce_instance_get_created (instance);
  if (created_at != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (created_at);

      /* TRANSLATORS: the date and time an instance was created, in the
       * format of g_date_time_format(); keep the year in full. */
      created = g_date_time_format (local, _("%-d %B %Y, %H:%M"));
    }
  set_value (self->created_label, created);

  /* A new instance's token starts hidden, whatever the last one showed. */
  gtk_toggle_button_set_active (self->token_button, FALSE);
  update_token (self);
}

const char *
hookline_done_page_get_webhook_url (HooklineDonePage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_DONE_PAGE (self), NULL);

  return self->webhook_url;
}
