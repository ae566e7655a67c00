/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ce-error.h"
#include "ce-instance.h"
#include "ce-json.h"

struct _CeInstance
{
  GObject    parent_instance;

  gint64     id;
  char      *name;
  char      *token;
  char      *element_key;
  char      *element_name;
  gboolean   valid;
  gboolean   disabled;
  GDateTime *created;
};

G_DEFINE_FINAL_TYPE (CeInstance, ce_instance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TOKEN,
  PROP_ELEMENT_KEY,
  PROP_ELEMENT_NAME,
  PROP_VALID,
  PROP_DISABLED,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GDateTime *
date_time_new_from_unix_msec (gint64 msec)
{
  g_autoptr (GDateTime) seconds = NULL;
  gint64 secs = msec / 1000;
  gint64 rest = msec % 1000;

  if (rest < 0)
    {
      rest += 1000;
      secs -= 1;
    }

  /* GDateTime covers the years 1 to 9999; keep far-off values from
   * overflowing on the way there. */
  if (secs < -62135596800 || secs > 253402300799)
    return NULL;

  seconds = g_date_time_new_from_unix_utc (secs);
  if (seconds == NULL)
    return NULL;

  return g_date_time_add (seconds, rest * G_TIME_SPAN_MILLISECOND);
}

/* The creation date is only shown to the user, so a date in a form this
 * code does not know is dropped rather than failing an instance that was
 * created all the same.
 */
static GDateTime *
parse_created (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "createdDate");
  g_autoptr (GTimeZone) utc = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return date_time_new_from_unix_msec (json_node_get_int (node));

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  /* A date and time without an offset is taken to be in UTC. */
  utc = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (json_node_get_string (node), utc);
}

static void
ce_instance_finalize (GObject *object)
{
  CeInstance *self = (CeInstance *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->element_key, g_free);
  g_clear_pointer (&self->element_name, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (ce_instance_parent_class)->finalize (object);
}

static void
ce_instance_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CeInstance *self = CE_INSTANCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;

    case PROP_ELEMENT_KEY:
      g_value_set_string (value, self->element_key);
      break;

    case PROP_ELEMENT_NAME:
      g_value_set_string (value, self->element_name);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_DISABLED:
      g_value_set_boolean (value, self->disabled);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ce_instance_class_init (CeInstanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ce_instance_finalize;
  object_class->get_property = ce_instance_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_ELEMENT_KEY] =
    g_param_spec_string ("element-key", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_ELEMENT_NAME] =
    g_param_spec_string ("element-name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_DISABLED] =
    g_param_spec_boolean ("disabled", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ce_instance_init (CeInstance *self)
{
}

/**
 * ce_instance_new_from_json:
 * @node: the instance object the platform answered with
 * @error: return location for a #GError
 *
 * Reads an instance. The id must be there; the other members are optional,
 * but one of the wrong type is an error.
 *
 * Returns: (transfer full) (nullable): the instance, or %NULL with
 *   %CE_ERROR_INVALID_RESPONSE
 */
CeInstance *
ce_instance_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr (CeInstance) self = NULL;
  JsonObject *object;
  JsonObject *element = NULL;
  const char *name = NULL;
  const char *token = NULL;
  const char *element_key = NULL;
  const char *element_name = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CE_ERROR, CE_ERROR_INVALID_RESPONSE,
                           _("The instance in the answer from Cloud Elements "
                             "is not a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);
  self = g_object_new (CE_TYPE_INSTANCE, NULL);

  if (!ce_json_get_instance_id (object, "id", &self->id, error) ||
      !ce_json_get_string_opt (object, "name", &name, error) ||
      !ce_json_get_string_opt (object, "token", &token, error) ||
      !ce_json_get_boolean_opt (object, "valid", FALSE, &self->valid, error) ||
      !ce_json_get_boolean_opt (object, "disabled", FALSE, &self->disabled,
                                error) ||
      !ce_json_get_object_opt (object, "element", &element, error))
    return NULL;

  if (element != NULL &&
      (!ce_json_get_string_opt (element, "key", &element_key, error) ||
       !ce_json_get_string_opt (element, "name", &element_name, error)))
    return NULL;

  self->name = g_strdup (name);
  self->token = g_strdup (token);
  self->element_key = g_strdup (element_key);
  self->element_name = g_strdup (element_name);
  self->created = parse_created (object);

  return g_steal_pointer (&self);
}

/**
 * ce_instance_get_id:
 * @self: a #CeInstance
 *
 * Returns: the instance id, greater than zero
 */
gint64
ce_instance_get_id (CeInstance *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE (self), 0);

  return self->id;
}

/**
 * ce_instance_get_name:
 * @self: a #CeInstance
 *
 * Returns: (nullable): the instance name
 */
const char *
ce_instance_get_name (CeInstance *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE (self), NULL);

  return self->name;
}

/**
 * ce_instance_get_token:
 * @self: a #CeInstance
 *
 * Returns: (nullable): the instance's Element token
 */
const char *
ce_instance_get_token (CeInstance *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE (self), NULL);

  return self->token;
}

/**
 * ce_instance_get_element_key:
 * @self: a #CeInstance
 *
 * Returns: (nullable): the key of the instance's element, such as "slack"
 */
const char *
ce_instance_get_element_key (CeInstance *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE (self), NULL);

  return self->element_key;
}

/**
 * ce_instance_get_element_name:
 * @self: a #CeInstance
 *
 * Returns: (nullable): the display name of the instance's element
 */
const char *
ce_instance_get_element_name (CeInstance *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE (self), NULL);

  return self->element_name;
}

/**
 * ce_instance_get_valid:
 * @self: a #CeInstance
 *
 * Returns: whether the platform considers the instance valid
 */
gboolean
ce_instance_get_valid (CeInstance *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE (self), FALSE);

  return self->valid;
}

/**
 * ce_instance_get_disabled:
 * @self: a #CeInstance
 *
 * Returns: whether the instance is disabled
 */
gboolean
ce_instance_get_disabled (CeInstance *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE (self), FALSE);

  return self->disabled;
}

/**
 * ce_instance_get_created:
 * @self: a #CeInstance
 *
 * Returns: (transfer none) (nullable): when the instance was created, if the
 *   platform said so
 */
GDateTime *
ce_instance_get_created (CeInstance *self)
{
  g_return_val_if_fail (CE_IS_INSTANCE (self), NULL);

  return self->created;
}
