"""Reads the accessibility tree Patchbay publishes over AT-SPI, as a screen reader
does, and checks it against the design the window opened (its JSON report, given as
the first argument): a "Canvas" with a group per zone and one for the links; a named
button for every system and link; no two siblings named alike; and the button's
action selects its system (the selected state comes back over AT-SPI).

Run by tests/a11y/atspi.sh inside a D-Bus session with the AT-SPI bus up."""

import json
import sys
import time

import pyatspi

design = json.load(open(sys.argv[1]))
systems = design["summary"]["systems"]
links = [(l["from"]["name"], l["to"]["name"]) for l in design["links"]]


def fail(why):
    print(f"AT-SPI check failed: {why}")
    sys.exit(1)


def find_app(name, seconds=60):
    for _ in range(seconds * 2):
        desk = pyatspi.Registry.getDesktop(0)
        for i in range(desk.childCount):
            app = desk.getChildAtIndex(i)
            if app is not None and app.name == name:
                return app
        time.sleep(0.5)
    fail(f"no application named {name!r} on the AT-SPI desktop")


def find(node, name, depth=0):
    if node is None or depth > 40:
        return None
    if node.name == name:
        return node
    for i in range(node.childCount):
        hit = find(node.getChildAtIndex(i), name, depth + 1)
        if hit is not None:
            return hit
    return None


def children(node):
    return [node.getChildAtIndex(i) for i in range(node.childCount)]


def buttons(node):
    out = []
    for c in children(node):
        if c.getRoleName() == "push button":
            out.append(c)
        else:
            out.extend(buttons(c))
    return out


app = find_app("patchbay")
canvas = None
for _ in range(60):
    canvas = find(app, "Canvas")
    if canvas is not None and len(buttons(canvas)) >= systems + len(links):
        break
    time.sleep(0.5)
if canvas is None:
    fail("no node named 'Canvas'")

items = buttons(canvas)
names = [b.name for b in items]
if len(items) != systems + len(links):
    fail(f"{len(items)} buttons on the canvas for {systems} systems and {len(links)} links")
for frm, to in links:
    if not any(n.startswith(f"{frm} to {to}") for n in names):
        fail(f"no node for the link {frm} to {to}")


def check_siblings(node, depth=0):
    named = [c.name for c in children(node) if c.name]
    if len(set(named)) != len(named):
        fail(f"siblings share a name under {node.name!r}: {named}")
    for c in children(node):
        check_siblings(c, depth + 1)


check_siblings(canvas)
groups = [c.name for c in children(canvas) if c.getRoleName() != "push button"]
zones = design["summary"]["zones"]
if sum(1 for g in groups if g.startswith("Zone ")) != zones:
    fail(f"{zones} zones, but the groups are {groups}")

# The action a screen reader offers on a system selects it.
target = next(b for b in items if " to " not in b.name.split(",")[0])
if pyatspi.STATE_SELECTED in target.getState().getStates():
    fail(f"{target.name!r} is selected before its action")
action = target.queryAction()
if action.nActions < 1:
    fail(f"{target.name!r} offers no action")
action.doAction(0)
for _ in range(40):
    if pyatspi.STATE_SELECTED in target.getState().getStates():
        break
    time.sleep(0.25)
else:
    fail(f"{target.name!r} was not selected by its action")

print(f"AT-SPI: 'Canvas' with {len(groups)} groups and {len(items)} named buttons; "
      f"selecting {target.name!r} through its action worked")
