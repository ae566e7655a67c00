/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OAUTH_TYPE_SIGN_IN_VIEW (oauth_sign_in_view_get_type ())

G_DECLARE_FINAL_TYPE (OauthSignInView, oauth_sign_in_view, OAUTH, SIGN_IN_VIEW, GtkWidget)

GtkWidget  *oauth_sign_in_view_new              (void);
const char *oauth_sign_in_view_get_host         (OauthSignInView      *self);
gboolean    oauth_sign_in_view_get_loading      (OauthSignInView      *self);
void        oauth_sign_in_view_authorize_async  (OauthSignInView      *self,
                                                 const char           *oauth_url,
                                                 const char           *redirect_uri,
                                                 const char           *state,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char       *oauth_sign_in_view_authorize_finish (OauthSignInView      *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
