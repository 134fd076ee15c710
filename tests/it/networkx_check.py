"""Reads actorgraph's GraphML, GEXF and JSON exports with networkx and prints
what it found as JSON, for tests/it/export.rs to assert on.

usage: python3 networkx_check.py GRAPHML GEXF JSON
"""
import json
import sys

import networkx as nx
from networkx.readwrite import json_graph


def summary(g, edge_key):
    """Counts, node attributes of 'zelensky', and the attributes of one edge."""
    edge = None
    for u, v, k, d in g.edges(keys=True, data=True):
        if edge_key(u, v, k, d):
            edge = {"source": u, "target": v, **d}
    return {
        "type": type(g).__name__,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "russia_ukraine": g.number_of_edges("russia", "ukraine"),
        "zelensky": dict(g.nodes["zelensky"]),
        "edge": edge,
    }


graphml, gexf, js = sys.argv[1:4]
out = {
    "graphml": summary(nx.read_graphml(graphml), lambda u, v, k, d: k == "e3"),
    "gexf": summary(nx.read_gexf(gexf, version="1.3"), lambda u, v, k, d: k == "e3"),
}
with open(js, encoding="utf-8") as f:
    data = json.load(f)
g = json_graph.node_link_graph(data, edges="edges")
out["json"] = summary(g, lambda u, v, k, d: d.get("relation") == "attacks")
out["json"]["edge"] = {
    k: v for k, v in out["json"]["edge"].items() if k in ("relation", "weight", "negated")
} | {"evidence0": out["json"]["edge"]["evidence"][0]["text"]}
json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
