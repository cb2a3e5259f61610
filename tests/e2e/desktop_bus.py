#!/usr/bin/python3
"""The desktop around the app under test, on the test's own session D-Bus (dbus-run-session):

- org.freedesktop.Notifications: a notification server that records every notification it is sent;
- org.kde.StatusNotifierWatcher: the registry a panel keeps, so the app's tray icon (libayatana-
  appindicator) is published over D-Bus instead of being drawn into an X11 tray nobody runs;
- jp.onshi.TestDesk: what a person at that desktop would see and do, for the specs to call with gdbus:
  Notifications() and Tray() as JSON, ClickMenu(label) on the tray's menu, ClickNotification(id),
  CloseWindow(title): the window's close button, i.e. the WM_DELETE_WINDOW message a window manager
  sends (Xvfb runs none), WindowCount(title).

Nothing here is inside the app: the app talks to these services exactly as to a real desktop's.
Started by tests/e2e/session.sh; prints "ready" once all three names are owned.
"""

import json
import struct
import sys
import time
import zlib

import os

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../scripts/lib"))
import close_window  # noqa: E402 (the window's close button, shared with npm run bench)

NOTIFICATIONS = "org.freedesktop.Notifications"
WATCHER = "org.kde.StatusNotifierWatcher"
ITEM = "org.kde.StatusNotifierItem"
MENU = "com.canonical.dbusmenu"
DESK = "jp.onshi.TestDesk"

DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()


class Notifications(dbus.service.Object):
    def __init__(self):
        self.name = dbus.service.BusName(NOTIFICATIONS, bus)
        super().__init__(bus, "/org/freedesktop/Notifications")
        self.shown = []

    @dbus.service.method(NOTIFICATIONS, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        number = int(replaces_id) or len(self.shown) + 1
        self.shown.append({
            "id": number,
            "app_name": str(app_name),
            "summary": str(summary),
            "body": str(body),
            "actions": [str(a) for a in actions],
            "at": time.time(),
        })
        return number

    @dbus.service.method(NOTIFICATIONS, out_signature="as")
    def GetCapabilities(self):
        return ["body", "actions"]

    @dbus.service.method(NOTIFICATIONS, out_signature="ssss")
    def GetServerInformation(self):
        return ("onshi-test-desk", "onshi", "1", "1.2")

    @dbus.service.method(NOTIFICATIONS, in_signature="u")
    def CloseNotification(self, number):
        self.NotificationClosed(number, 3)

    @dbus.service.signal(NOTIFICATIONS, signature="uu")
    def NotificationClosed(self, number, reason):
        pass

    @dbus.service.signal(NOTIFICATIONS, signature="us")
    def ActionInvoked(self, number, action):
        pass


class Watcher(dbus.service.Object):
    def __init__(self):
        self.name = dbus.service.BusName(WATCHER, bus)
        super().__init__(bus, "/StatusNotifierWatcher")
        self.items = []

    @dbus.service.method(WATCHER, in_signature="s", sender_keyword="sender")
    def RegisterStatusNotifierItem(self, service, sender=None):
        if service.startswith("/"):
            item = (sender, service)
        else:
            item = (service, "/StatusNotifierItem")
        self.items.append(item)
        self.StatusNotifierItemRegistered(item[0] + item[1])

        # As a panel does: an item whose program has left the bus is gone.
        def owner_changed(owner, item=item):
            if not owner and item in self.items:
                self.items.remove(item)
        bus.watch_name_owner(sender, owner_changed)

    @dbus.service.method(WATCHER, in_signature="s")
    def RegisterStatusNotifierHost(self, service):
        pass

    @dbus.service.signal(WATCHER, signature="s")
    def StatusNotifierItemRegistered(self, service):
        pass

    def properties(self):
        return {
            "RegisteredStatusNotifierItems": dbus.Array([a + b for a, b in self.items], signature="s"),
            "IsStatusNotifierHostRegistered": dbus.Boolean(True),
            "ProtocolVersion": dbus.Int32(0),
        }

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ss", out_signature="v")
    def Get(self, interface, prop):
        return self.properties()[prop]

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return self.properties()


def png_pixel(path, x, y):
    """The RGBA of one pixel of a non-interlaced 8-bit RGBA PNG (what the tray icon is written as)."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, _, depth, colour = struct.unpack(">IIBB", chunk[:10])
            if (depth, colour) != (8, 6):
                raise ValueError("not 8-bit RGBA")
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for row in range(y + 1):
        kind, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b, c = prev[i], prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
    return list(prev[x * 4:x * 4 + 4])


class Desk(dbus.service.Object):
    def __init__(self, notifications, watcher):
        self.name = dbus.service.BusName(DESK, bus)
        super().__init__(bus, "/TestDesk")
        self.notifications, self.watcher = notifications, watcher

    @dbus.service.method(DESK, out_signature="s")
    def Notifications(self):
        return json.dumps(self.notifications.shown)

    def menu(self):
        name, path = self.watcher.items[-1]
        item = bus.get_object(name, path)
        props = item.GetAll(ITEM, dbus_interface=dbus.PROPERTIES_IFACE)
        menu = bus.get_object(name, props["Menu"])
        _, (_, _, children) = menu.GetLayout(0, -1, [], dbus_interface=MENU)
        entries = []
        for child in children:
            number, fields, _ = child
            if fields.get("type") == "separator" or fields.get("visible", True) is False:
                continue
            entries.append({
                "id": int(number),
                "label": str(fields.get("label", "")).replace("_", ""),
                "enabled": bool(fields.get("enabled", True)),
            })
        return props, menu, entries

    @dbus.service.method(DESK, out_signature="s")
    def Tray(self):
        if not self.watcher.items:
            return json.dumps(None)
        props, _, entries = self.menu()
        # libayatana-appindicator is handed a file: IconName is its path (or a name in IconThemePath).
        icon = str(props.get("IconName", ""))
        if not icon.startswith("/"):
            icon = str(props.get("IconThemePath", "")) + "/" + icon + ".png"
        try:
            # Inside the disc, clear of the glyph: the state's colour.
            colour = png_pixel(icon, 16, 3)
        except (OSError, ValueError):
            colour = None
        return json.dumps({
            "items": len(self.watcher.items),
            "icon": icon,
            "colour": colour,
            "status": str(props.get("Status", "")),
            "menu": entries,
        })

    @dbus.service.method(DESK, in_signature="s", out_signature="b")
    def ClickMenu(self, label):
        _, menu, entries = self.menu()
        for entry in entries:
            if entry["label"] == label:
                menu.Event(entry["id"], "clicked", dbus.String("", variant_level=1),
                           dbus.UInt32(int(time.time())), dbus_interface=MENU)
                return True
        return False

    @dbus.service.method(DESK, in_signature="u")
    def ClickNotification(self, number):
        self.notifications.ActionInvoked(number, "default")

    @dbus.service.method(DESK, in_signature="s", out_signature="u")
    def WindowCount(self, title):
        return close_window.count(title)

    @dbus.service.method(DESK, in_signature="s", out_signature="u")
    def CloseWindow(self, title):
        return close_window.close(title)


notifications = Notifications()
watcher = Watcher()
desk = Desk(notifications, watcher)
print("ready", flush=True)
GLib.MainLoop().run()
