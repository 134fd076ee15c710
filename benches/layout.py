#!/usr/bin/env python3
"""Layout quality of an `actorgraph view` page, from the positions it holds.

usage: benches/layout.py PAGE.html [PAGE.html ...]

Prints per page: actors, actor pairs (lines), overlapping actor discs,
overlapping labels (label boxes and discs, 11 px Helvetica estimated at 6.2
px a character), edge crossings (straight lines, lines sharing an actor
excluded), the spread of line lengths (coefficient of variation) and the
drawing's area per actor relative to the area of a disc and its label. The
numbers in docs/visualization.md come from this script.
"""
import json
import math
import re
import sys



def load(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


def boxes(data):
    """(x0, y0, x1, y1) of each disc and each label."""
    discs, labels = [], []
    for n in data["nodes"]:
        r = n.get("r") or min(24, 6 + 2 * math.sqrt(n["mentions"]))
        x, y = n["x"], n["y"]
        discs.append((x - r, y - r, x + r, y + r))
        w = 6.2 * len(n["label"])
        labels.append((x - w / 2, y + r + 2, x + w / 2, y + r + 15))
    return discs, labels


def overlaps(a, b=None):
    """Pairs of boxes that overlap: within a, or box i of a with box j != i of b."""
    same = b is None
    b = a if same else b
    order = sorted(range(len(b)), key=lambda j: b[j][0])
    count = 0
    for i, (x0, y0, x1, y1) in enumerate(a):
        for j in order:
            bx0, by0, bx1, by1 = b[j]
            if bx0 >= x1:
                break
            if j == i or (same and j < i):
                continue
            if bx1 > x0 and by0 < y1 and by1 > y0:
                count += 1
    return count


def crossings(pos, lines):
    def orient(u, v, w):
        d = (v[0] - u[0]) * (w[1] - u[1]) - (v[1] - u[1]) * (w[0] - u[0])
        return (d > 0) - (d < 0)

    segs = [(a, b, pos[a], pos[b]) for a, b in lines]
    total = 0
    for i, (a, b, p, q) in enumerate(segs):
        lo_x, hi_x = min(p[0], q[0]), max(p[0], q[0])
        lo_y, hi_y = min(p[1], q[1]), max(p[1], q[1])
        for c, d, r, s in segs[i + 1 :]:
            if c in (a, b) or d in (a, b):
                continue
            if max(r[0], s[0]) < lo_x or min(r[0], s[0]) > hi_x or max(r[1], s[1]) < lo_y or min(r[1], s[1]) > hi_y:
                continue
            if orient(p, q, r) * orient(p, q, s) < 0 and orient(r, s, p) * orient(r, s, q) < 0:
                total += 1
    return total


def measure(path):
    data = load(path)
    nodes = data["nodes"]
    pos = {n["id"]: (n["x"], n["y"]) for n in nodes}
    lines = sorted({tuple(sorted((e["source"], e["target"]))) for e in data["edges"] if e["source"] != e["target"]})
    discs, labels = boxes(data)
    lengths = [math.dist(pos[a], pos[b]) for a, b in lines] or [0.0]
    mean = sum(lengths) / len(lengths)
    sd = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths))
    xs = [n["x"] for n in nodes]
    ys = [n["y"] for n in nodes]
    area = (max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1)
    ink = sum((d[2] - d[0]) * (d[3] - d[1]) + (l[2] - l[0]) * 13 for d, l in zip(discs, labels))
    return {
        "page": path,
        "actors": len(nodes),
        "lines": len(lines),
        "disc_overlaps": overlaps(discs),
        "label_overlaps": overlaps(labels) + overlaps(labels, discs),
        "crossings": crossings(pos, lines),
        "length_cv": round(sd / mean, 3) if mean else 0,
        "area_per_ink": round(area / ink, 2),
    }


if __name__ == "__main__":
    for page in sys.argv[1:]:
        print(json.dumps(measure(page)))
