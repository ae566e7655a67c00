#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Drives Hookline through the accessibility tree, as a screen reader user
# would, and checks that every control on every page has a name. Runs the
# built program against the fake service, on the X server the test wrapper
# provides and a session bus of its own.

import os
import subprocess
import sys
import tempfile
import time

pyatspi = None

CONTROL_ROLES = {
    'push button', 'toggle button', 'text', 'password text', 'combo box',
    'check box', 'radio button', 'switch', 'menu item', 'spin button',
    'entry', 'link', 'slider',
}

results = []


def report(ok, name, detail=''):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    for line in detail.splitlines():
        print(f'# {line}')


def wait_for(condition, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise TimeoutError(f'timed out waiting for {what}')


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.name == 'hookline':
            return app
    return None


def walk(node):
    try:
        children = list(node)
    except Exception:
        return
    yield node
    for child in children:
        yield from walk(child)


def controls(app):
    for node in walk(app):
        try:
            role = node.getRoleName()
            name = node.name
        except Exception:
            continue
        if role in CONTROL_ROLES:
            yield role, name, node


def unnamed(app):
    # GTK names a widget after its type when nothing better is known.
    return [f'{role} "{name}"' for role, name, _ in controls(app)
            if not name.strip() or name.startswith(('Gtk', 'Adw'))]


def control(app, role, name):
    for found_role, found_name, node in controls(app):
        plain = found_name.replace('_', '')
        if found_role == role and (found_name == name or plain.startswith(name)):
            return node
    raise LookupError(f'no {role} named "{name}"')


def page_title(app):
    # The window title shows the visible page's title.
    for node in walk(app):
        try:
            if node.getRoleName() == 'label' and 'AdwWindowTitle' in (
                    node.parent.name, node.parent.parent.name):
                return node.name
        except Exception:
            continue
    return None


def type_into(app, name, text, role='text'):
    control(app, role, name).queryEditableText().setTextContents(text)


def press(app, name):
    control(app, 'push button', name).queryAction().doAction(0)


def start_session_bus(runtime_dir):
    # The accessibility bus and registry are started by this bus and print
    # to its output, which must not mix with the test's; and their sockets
    # go into a runtime folder of the test's own.
    read_end, write_end = os.pipe()
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime_dir)
    bus = subprocess.Popen(['dbus-daemon', '--session', '--nofork',
                            f'--print-address={write_end}'],
                           pass_fds=(write_end,), env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as addresses:
        address = addresses.readline().strip()
    os.environ['DBUS_SESSION_BUS_ADDRESS'] = address
    os.environ['XDG_RUNTIME_DIR'] = runtime_dir
    return bus


def main():
    global pyatspi

    runtime_dir = tempfile.mkdtemp(prefix='hookline-a11y-run-')
    bus = start_session_bus(runtime_dir)
    import pyatspi as atspi_module
    pyatspi = atspi_module

    fake = subprocess.Popen([os.environ['FAKE_SERVICE_BINARY'], '--port', '0'],
                            stdout=subprocess.PIPE, text=True)
    base_url = None
    for line in fake.stdout:
        if line.startswith('Base URL: '):
            base_url = line.split(': ', 1)[1].strip()
        if line.startswith('Redirect URL: '):
            redirect_url = line.split(': ', 1)[1].strip()
            break

    config = tempfile.mkdtemp(prefix='hookline-a11y-')
    os.makedirs(os.path.join(config, 'glib-2.0', 'settings'))
    with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as keyfile:
        keyfile.write('[io/github/hookline/Hookline]\n'
                      "environment='custom'\n"
                      f"custom-base-url='{base_url}'\n")

    env = dict(os.environ, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=config)
    for name in ('NO_AT_BRIDGE', 'GTK_A11Y', 'AT_SPI_BUS_ADDRESS'):
        env.pop(name, None)
    app_process = subprocess.Popen([os.environ['HOOKLINE_BINARY']], env=env)

    print('1..5')
    try:
        def started():
            if app_process.poll() is not None:
                raise RuntimeError(f'hookline exited with status {app_process.returncode}')
            return find_app()

        app = wait_for(started, 'the application', seconds=60)
        wait_for(lambda: page_title(app) == 'Account', 'the account page')

        # Every page is in the tree from the start, so one walk covers the
        # forms, the sign-in progress and error views and the done page.
        missing = unnamed(app)
        report(not missing, 'every control on every page has a name',
               '\n'.join(missing))

        type_into(app, 'User Secret', 'user-secret', 'text')
        type_into(app, 'Organization Secret', 'organization-secret', 'text')
        press(app, 'Continue')
        reached = wait_for(lambda: page_title(app) == 'Slack App', 'the Slack page')
        report(reached, 'the account form can be filled and sent')

        type_into(app, 'Client ID', '1234.5678')
        type_into(app, 'Client Secret', 'client secret')
        type_into(app, 'Redirect URL', redirect_url)
        type_into(app, 'Instance Name', 'Read aloud')
        press(app, 'Connect to Slack')
        reached = wait_for(lambda: page_title(app) == 'Sign In to Slack',
                           'the sign-in page')
        report(reached, 'the Slack form can be filled and sent')

        # The sign-in view is made on demand; it must be named too.
        time.sleep(2)
        missing = unnamed(app)
        report(not missing, 'the sign-in page has a name for every control',
               '\n'.join(missing))

        press(app, 'Cancel')
        reached = wait_for(lambda: page_title(app) == 'Slack App', 'the Slack page')
        report(reached, 'signing in can be cancelled')
    except Exception as error:
        report(False, 'the flow went on', repr(error))
    finally:
        app_process.terminate()
        fake.terminate()
        app_process.wait()
        fake.wait()
        bus.terminate()
        bus.wait()

    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
