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
  gtk_accessible_reset_state (GTK_ACCESSIBLE (editable),
                              GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (editable),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
row_activated_cb (GtkWidget  *row,
                  const char *action_name)
{
  gtk_widget_activate_action (row, action_name, NULL);
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

/**
 * hookline_form_check_add:
 * @check: the check under way
 * @row: (nullable): the row that holds the problem, or %NULL when no single
 *   field does
 * @problem: what is wrong, as the user should read it
 */
void
hookline_form_check_add (HooklineFormCheck *check,
                         GtkWidget         *row,
                         const char        *problem)
{
  g_return_if_fail (check != NULL && check->text != NULL);
  g_return_if_fail (row == NULL || GTK_IS_WIDGET (row));
  g_return_if_fail (problem != NULL);

  if (row != NULL)
    hookline_form_mark_row (row, problem);

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
  if (text->len == 0)
    {
      hookline_form_show_message (check->label, NULL);
      return TRUE;
    }

  hookline_form_show_message (check->label, text->str);
  if (check->first_invalid != NULL)
    gtk_widget_grab_focus (check->first_invalid);

  return FALSE;
}

void
hookline_form_show_message (GtkLabel   *label,
                            const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/**
 * hookline_form_mark_row:
 * @row: an entry row
 * @problem: what is wrong with its value
 *
 * Marks @row as holding a problem, for the eye and for screen readers.
 */
void
hookline_form_mark_row (GtkWidget  *row,
                        const char *problem)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (problem != NULL);

  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem,
                                  -1);
}

/**
 * hookline_form_watch_row:
 * @row: an entry row
 * @action_name: the action that Enter in the row activates
 *
 * A row marked as holding a problem loses the mark as soon as the user
 * edits it, so the mark always describes what is in the field now; and
 * Enter in any field sends the form, as it does in a dialog.
 */
void
hookline_form_watch_row (GtkWidget  *row,
                         const char *action_name)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (action_name != NULL);

  g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), NULL);
  g_signal_connect (row, "entry-activated", G_CALLBACK (row_activated_cb),
                    (gpointer) action_name);
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
 * It is named after its row, so that several can be told apart.
 */
void
hookline_form_name_peek_button (GtkWidget *password_row)
{
  g_autoptr (GString) title = NULL;
  g_autofree char *label = NULL;
  GtkWidget *button;

  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (password_row));

  button = find_peek_button (password_row);
  if (button == NULL)
    return;

  title = g_string_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (password_row)));
  if (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (password_row)))
    g_string_replace (title, "_", "", 0);

  /* TRANSLATORS: %s is the title of a secret's entry, such as "User Secret". */
  label = g_strdup_printf (_("Show %s"), title->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
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
