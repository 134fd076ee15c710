"""Clicks an edge of an actorgraph `view` page in headless Chromium, with a
real mouse event through the Chrome DevTools Protocol (over
--remote-debugging-pipe, so no websocket library is needed), and prints what
the page shows afterwards as JSON, for tests/it/export.rs to assert on.

It also drags the first actor by (+40, +30) pixels and reports its
`transform` before and after, types "zelen" into the search box and reports
the marked actors and the view, then presses the right arrow key on the
"from" date slider and reports the date and the status line.

usage: python3 chromium_click.py CHROMIUM PAGE.html EDGE_ID PROFILE_DIR
"""
import fcntl
import json
import os
import shutil
import signal
import sys
import time

chromium, page, edge_id, profile = sys.argv[1:5]
chromium = shutil.which(chromium) or chromium
signal.alarm(60)  # never hang the test suite on a stuck browser

# Chromium reads commands from fd 3 and writes replies to fd 4, NUL-separated.
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
hi = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_chrome_r, from_chrome_w)]
args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--remote-debugging-pipe", "--window-size=1400,900",
        "--user-data-dir=" + profile, "about:blank"]
devnull = os.open(os.devnull, os.O_WRONLY)
pid = os.posix_spawn(chromium, args, os.environ, file_actions=[
    (os.POSIX_SPAWN_DUP2, hi[0], 3), (os.POSIX_SPAWN_DUP2, hi[1], 4),
    (os.POSIX_SPAWN_DUP2, devnull, 2)])
for fd in (to_chrome_r, from_chrome_w, *hi, devnull):
    os.close(fd)

buffer = b""
next_id = 0


def send(method, params=None, session=None):
    """Sends one command and returns its result (events are skipped)."""
    global buffer, next_id
    next_id += 1
    msg = {"id": next_id, "method": method, "params": params or {}}
    if session:
        msg["sessionId"] = session
    os.write(to_chrome_w, json.dumps(msg).encode() + b"\0")
    while True:
        while b"\0" not in buffer:
            chunk = os.read(from_chrome_r, 65536)
            if not chunk:
                raise SystemExit("chromium closed the pipe")
            buffer += chunk
        raw, buffer = buffer.split(b"\0", 1)
        reply = json.loads(raw)
        if reply.get("id") == next_id:
            if "error" in reply:
                raise SystemExit(f"{method}: {reply['error']}")
            return reply["result"]


def evaluate(session, expr):
    r = send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session)
    return r["result"].get("value")


try:
    target = send("Target.createTarget", {"url": "file://" + os.path.abspath(page)})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    deadline = time.time() + 20
    while evaluate(session, "document.body && document.body.dataset.ready") != "true":
        if time.time() > deadline:
            raise SystemExit("the page script did not finish")
        time.sleep(0.05)
    # The middle of the edge's drawn line, in CSS pixels of the viewport.
    point = evaluate(session, """(() => {
      const p = document.querySelector('.edge[data-id="%s"] .line');
      const q = p.getPointAtLength(p.getTotalLength() / 2), m = p.getScreenCTM();
      return {x: q.x * m.a + q.y * m.c + m.e, y: q.x * m.b + q.y * m.d + m.f};
    })()""" % edge_id)
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        send("Input.dispatchMouseEvent", {"type": kind, "x": point["x"], "y": point["y"],
                                          "button": "left", "clickCount": 1}, session)
    panel = evaluate(session, "document.getElementById('panel').outerHTML")
    selected = evaluate(session, "[...document.querySelectorAll('.edge.selected')].map(e => e.dataset.id)")
    node = "document.querySelector('svg g.node')"
    before = evaluate(session, node + ".getAttribute('transform')")
    box = evaluate(session, "(() => { const r = %s.querySelector('circle').getBoundingClientRect();"
                            " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()" % node)
    steps = [("mouseMoved", 0, 0), ("mousePressed", 0, 0), ("mouseMoved", 20, 15),
             ("mouseMoved", 40, 30), ("mouseReleased", 40, 30)]
    for kind, dx, dy in steps:
        send("Input.dispatchMouseEvent", {"type": kind, "x": box["x"] + dx, "y": box["y"] + dy,
                                          "button": "left", "buttons": 0 if kind == "mouseReleased" else 1,
                                          "clickCount": 1}, session)
    after = evaluate(session, node + ".getAttribute('transform')")
    evaluate(session, "document.getElementById('search').focus()")
    send("Input.insertText", {"text": "zelen"}, session)
    ids = "[...document.querySelectorAll('%s')].map(e => e.dataset.id)"
    searched = {
        "match": evaluate(session, ids % ".node.match"),
        "near": evaluate(session, ids % ".node.near"),
        "viewport": evaluate(session, "document.getElementById('viewport').getAttribute('transform')"),
    }
    evaluate(session, "document.getElementById('search').value = ''; document.getElementById('date-from').focus()")
    for kind in ("keyDown", "keyUp"):
        send("Input.dispatchKeyEvent", {"type": kind, "key": "ArrowRight", "code": "ArrowRight",
                                        "windowsVirtualKeyCode": 39}, session)
    dates = {
        "from": evaluate(session, "document.getElementById('date-from-value').textContent"),
        "status": evaluate(session, "document.getElementById('status').textContent"),
    }
    result = {
        "search": searched,
        "dates": dates,
        "drag": {"before": before, "after": after},
        "point": point,
        "panel": panel,
        "nodes": evaluate(session, "document.querySelectorAll('svg g.node').length"),
        "selected": selected,
    }
    print(json.dumps(result, ensure_ascii=False))
finally:
    try:
        send("Browser.close")
    except BaseException:
        pass
    os.waitpid(pid, 0)
