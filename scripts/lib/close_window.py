#!/usr/bin/python3
"""Presses a window's close button: sends it the WM_DELETE_WINDOW message a window manager sends when the
user clicks ×, for a display without a window manager (Xvfb).  close_window.py TITLE  (exit 1: no window)
Also imported by tests/e2e/desktop_bus.py."""

import sys

import Xlib.display
import Xlib.protocol.event
import Xlib.X


def windows_titled(display, title):
    """The mapped top-level windows (those with WM_PROTOCOLS) whose title is `title`."""
    net_name = display.intern_atom("_NET_WM_NAME")
    utf8 = display.intern_atom("UTF8_STRING")
    protocols = display.intern_atom("WM_PROTOCOLS")
    found = []

    def visit(window):
        try:
            name = window.get_full_property(net_name, utf8)
            mapped = window.get_attributes().map_state == Xlib.X.IsViewable
            if name and name.value.decode("utf-8", "replace") == title and mapped \
                    and window.get_full_property(protocols, Xlib.X.AnyPropertyType):
                found.append(window)
            for child in window.query_tree().children:
                visit(child)
        except Exception:  # a window that went away while we looked
            pass

    visit(display.screen().root)
    return found


def close(title):
    """Sends WM_DELETE_WINDOW to every window titled `title`; how many there were."""
    display = Xlib.display.Display()
    protocols = display.intern_atom("WM_PROTOCOLS")
    delete = display.intern_atom("WM_DELETE_WINDOW")
    found = windows_titled(display, title)
    for window in found:
        message = Xlib.protocol.event.ClientMessage(
            window=window, client_type=protocols, data=(32, [delete, Xlib.X.CurrentTime, 0, 0, 0]))
        window.send_event(message)
    display.flush()
    return len(found)


def count(title):
    return len(windows_titled(Xlib.display.Display(), title))


if __name__ == "__main__":
    sys.exit(0 if close(sys.argv[1]) > 0 else 1)
