/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "hookline-form.h"
#include "hookline-sign-in-page.h"

struct _HooklineSignInPage
{
  AdwBin           parent_instance;

  /* Created when first needed, so that start-up pays nothing for WebKit. */
  OauthSignInView *view;

  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkLabel        *progress_label;
  GtkBox          *web_box;
  AdwStatusPage   *error_status;
  GtkWidget       *retry_button;
  GtkWidget       *pasted_address_row;
  GtkLabel        *paste_error_label;
};

G_DEFINE_FINAL_TYPE (HooklineSignInPage, hookline_sign_in_page, ADW_TYPE_BIN)

static void
show_child (HooklineSignInPage *self,
            const char         *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "progress"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
hookline_sign_in_page_dispose (GObject *object)
{
  HooklineSignInPage *self = HOOKLINE_SIGN_IN_PAGE (object);

  /* The view belongs to the web box, which is going away with us. */
  self->view = NULL;

  G_OBJECT_CLASS (hookline_sign_in_page_parent_class)->dispose (object);
}

static void
hookline_sign_in_page_class_init (HooklineSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hookline_sign_in_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/hookline-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HooklineSignInPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HooklineSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HooklineSignInPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HooklineSignInPage, web_box);
  gtk_widget_class_bind_template_child (widget_class, HooklineSignInPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, HooklineSignInPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, HooklineSignInPage, pasted_address_row);
  gtk_widget_class_bind_template_child (widget_class, HooklineSignInPage, paste_error_label);
}

static void
hookline_sign_in_page_init (HooklineSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  hookline_form_watch_row (self->pasted_address_row, "win.use-pasted-address");
}

void
hookline_sign_in_page_show_progress (HooklineSignInPage *self,
                                     const char         *message)
{
  g_return_if_fail (HOOKLINE_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (self->progress_label, message);
  show_child (self, "progress");
}

/**
 * hookline_sign_in_page_show_web_view:
 * @self: a #HooklineSignInPage
 *
 * Shows the sign-in web view, creating it on first use.
 *
 * Returns: (transfer none): the sign-in view
 */
OauthSignInView *
hookline_sign_in_page_show_web_view (HooklineSignInPage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_SIGN_IN_PAGE (self), NULL);

  if (self->view == NULL)
    {
      self->view = OAUTH_SIGN_IN_VIEW (oauth_sign_in_view_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
      gtk_box_prepend (self->web_box, GTK_WIDGET (self->view));
    }

  show_child (self, "web");

  return self->view;
}

void
hookline_sign_in_page_show_error (HooklineSignInPage *self,
                                  const char         *title,
                                  const char         *description,
                                  gboolean            can_retry)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (HOOKLINE_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (title != NULL);

  /* The status page reads its description as markup; what servers and
   * web pages say is shown as text.
   */
  if (description != NULL)
    markup = g_markup_escape_text (description, -1);

  adw_status_page_set_title (self->error_status, title);
  adw_status_page_set_description (self->error_status, markup);
  gtk_widget_set_visible (self->retry_button, can_retry);
  show_child (self, "error");
}

/**
 * hookline_sign_in_page_show_paste:
 * @self: a #HooklineSignInPage
 *
 * Shows where to paste the address the browser ends on, for users who sign
 * in with their own browser.
 */
void
hookline_sign_in_page_show_paste (HooklineSignInPage *self)
{
  g_return_if_fail (HOOKLINE_IS_SIGN_IN_PAGE (self));

  show_child (self, "paste");
  gtk_widget_grab_focus (self->pasted_address_row);
}

void
hookline_sign_in_page_show_paste_error (HooklineSignInPage *self,
                                        const char         *message)
{
  g_return_if_fail (HOOKLINE_IS_SIGN_IN_PAGE (self));

  if (message != NULL)
    hookline_form_mark_row (self->pasted_address_row, message);

  hookline_form_show_message (self->paste_error_label, message);
}

char *
hookline_sign_in_page_dup_pasted_address (HooklineSignInPage *self)
{
  g_return_val_if_fail (HOOKLINE_IS_SIGN_IN_PAGE (self), NULL);

  return hookline_form_dup_text (self->pasted_address_row);
}

/**
 * hookline_sign_in_page_reset:
 * @self: a #HooklineSignInPage
 *
 * Forgets what belonged to the last attempt. An address pasted for it holds
 * that attempt's state and a spent code, so it is of no use to the next.
 */
void
hookline_sign_in_page_reset (HooklineSignInPage *self)
{
  g_return_if_fail (HOOKLINE_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->pasted_address_row), "");
  hookline_sign_in_page_show_paste_error (self, NULL);
}
