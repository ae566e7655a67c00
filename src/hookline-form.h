/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Collects the problems of one form, marks the rows that hold them and
 * shows them in the form's message label.
 */
typedef struct
{
  GtkLabel  *label;
  GtkWidget *first_invalid;
  GString   *text;
} HooklineFormCheck;

void     hookline_form_check_begin (HooklineFormCheck *check,
                                    GtkLabel          *label);
void     hookline_form_check_add   (HooklineFormCheck *check,
                                    GtkWidget         *row,
                                    const char        *problem);
gboolean hookline_form_check_end   (HooklineFormCheck *check);

void     hookline_form_show_message (GtkLabel         *label,
                                     const char       *message);
void     hookline_form_mark_row    (GtkWidget         *row,
                                    const char        *problem);
void     hookline_form_watch_row   (GtkWidget         *row,
                                    const char        *action_name);
void     hookline_form_name_peek_button (GtkWidget    *password_row);
char    *hookline_form_dup_text    (GtkWidget         *editable);
gboolean hookline_form_is_blank    (GtkWidget         *editable);

G_END_DECLS
