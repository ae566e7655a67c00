/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hookline-form.h"

static void
row_changed_cb (GtkEditable *editable,
                gpointer     user_data)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

void
hookline_form_check_begin (HooklineFormCheck *check,
                           GtkLabel          *label)
{
  g_return_if_fail (check != NULL);
  g_return_if_fail (GTK_IS_LABEL (label));

  check->label = label;
  check->first_invalid = NULL;
  check->text = g_string_new (NULL);
}

void
hookline_form_check_add (HooklineFormCheck *check,
                         GtkWidget         *row,
                         const char        *problem)
{
  g_return_if_fail (check != NULL && check->text != NULL);
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (problem != NULL);

  gtk_widget_add_css_class (row, "error");

  if (check->first_invalid == NULL)
    check->first_invalid = row;

  if (check->text->len > 0)
    g_string_append_c (check->text, '\n');
  g_string_append (check->text, problem);
}

gboolean
hookline_form_check_end (HooklineFormCheck *check)
{
  g_autoptr (GString) text = NULL;

  g_return_val_if_fail (check != NULL && check->text != NULL, FALSE);

  text = g_steal_pointer (&check->text);
  hookline_form_show_message (check->label, text->len > 0 ? text->str : NULL);

  if (check->first_invalid != NULL)
    {
      gtk_widget_grab_focus (check->first_invalid);
      return FALSE;
    }

  return TRUE;
}

void
hookline_form_show_message (GtkLabel   *label,
                            const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* A row marked as holding a problem loses the mark as soon as the user edits
 * it, so the mark always describes what is in the field now.
 */
void
hookline_form_watch_row (GtkWidget *row)
{
  g_return_if_fail (GTK_IS_EDITABLE (row));

  g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), NULL);
}

static GtkWidget *
find_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_str_has_prefix (gtk_button_get_icon_name (GTK_BUTTON (child)) ?: "", "view-"))
        return child;

      if ((found = find_peek_button (child)) != NULL)
        return found;
    }

  return NULL;
}

/* The button that shows a password row's text has only an icon, and
 * libadwaita 1.2 gives it no name; a screen reader would read nothing.
 */
void
hookline_form_name_peek_button (GtkWidget *password_row)
{
  GtkWidget *button;

  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (password_row));

  button = find_peek_button (password_row);
  if (button == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show Secret"),
                                  -1);
}

char *
hookline_form_dup_text (GtkWidget *editable)
{
  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

gboolean
hookline_form_is_blank (GtkWidget *editable)
{
  g_autofree char *text = hookline_form_dup_text (editable);

  return text[0] == '\0';
}
