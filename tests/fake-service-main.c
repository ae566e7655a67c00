/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

#include "fake-service.h"

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_debug ("fake-service: stopping");
  g_main_loop_quit (loop);

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (FakeService) service = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  int port = 0;
  guint sigint_id;
  guint sigterm_id;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Port to listen on (default: any free port)", "N" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Runs a fake Cloud Elements service on "
                                "127.0.0.1, so that the whole Hookline flow\n"
                                "can be tried without an account.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr ("The port must be between 0 and %u\n", G_MAXUINT16);
      return EXIT_FAILURE;
    }

  service = fake_service_new (port, &error);
  if (service == NULL)
    {
      g_printerr ("Cannot start the fake service: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("Base URL: %s\n", fake_service_get_base_url (service));
  g_print ("Redirect URL: %s\n", fake_service_get_redirect_url (service));
  g_print ("Any non-empty User secret and Organization secret are accepted, "
           "as are any client ID and client secret.\n");
  g_print ("Press Ctrl+C to stop.\n");
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  return EXIT_SUCCESS;
}
