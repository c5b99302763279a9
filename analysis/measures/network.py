"""The collaboration network of ITU units and partner organisations."""

from __future__ import annotations

import math
from itertools import combinations
from typing import Literal

import networkx as nx
import pandas as pd

from analysis.model import Plan

NODE_COLUMNS = [
    "node",
    "label",
    "name",
    "kind",
    "group",
    "activities",
    "degree",
    "weighted_degree",
    "betweenness",
]


def participants(plan: Plan) -> pd.DataFrame:
    """activity_id, node, label, name, kind (unit|organisation), group (Sector or organisation
    kind): who takes part in each activity, once per activity."""
    units = plan.assignments.assign(
        node="unit:" + plan.assignments["unit"],
        label=plan.assignments["unit"],
        name=plan.assignments["unit_name"],
        kind="unit",
        group=plan.assignments["sector"],
    )
    organisations = plan.partners.assign(
        node="org:" + plan.partners["organisation"],
        label=plan.partners["organisation"],
        name=plan.partners["organisation_name"],
        kind="organisation",
        group=plan.partners["kind"],
    )
    columns = ["activity_id", "node", "label", "name", "kind", "group"]
    both = pd.concat([units[columns], organisations[columns]], ignore_index=True)
    return both.drop_duplicates(["activity_id", "node"], ignore_index=True)


def collaboration_graph(plan: Plan) -> nx.Graph:
    """Nodes: units and organisations; an edge joins two that share an activity, its weight
    the number shared and `activities` their ids."""
    graph = nx.Graph()
    people = participants(plan)
    for row in people.drop_duplicates("node").itertuples(index=False):
        graph.add_node(row.node, label=row.label, name=row.name, kind=row.kind, group=row.group)
    for node, count in people.groupby("node")["activity_id"].nunique().items():
        graph.nodes[node]["activities"] = int(count)
    for activity_id, members in people.groupby("activity_id", sort=False)["node"]:
        for left, right in combinations(sorted(members), 2):
            if graph.has_edge(left, right):
                graph[left][right]["weight"] += 1
                graph[left][right]["activities"].append(str(activity_id))
            else:
                graph.add_edge(left, right, weight=1, activities=[str(activity_id)])
    return graph


def centrality(graph: nx.Graph) -> pd.DataFrame:
    """One row per node: degree, weighted_degree, betweenness (on 1/weight distances);
    most connected first."""
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=NODE_COLUMNS)
    # Distances go on a copy: the caller's graph (cached by the app) must stay as it was.
    distances = graph.copy()
    for _, _, data in distances.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    betweenness = nx.betweenness_centrality(distances, weight="distance", normalized=True)
    rows = [
        {
            "node": node,
            "label": data["label"],
            "name": data["name"],
            "kind": data["kind"],
            "group": data["group"],
            "activities": data.get("activities", 0),
            "degree": graph.degree(node),
            "weighted_degree": graph.degree(node, weight="weight"),
            "betweenness": betweenness[node],
        }
        for node, data in graph.nodes(data=True)
    ]
    frame = pd.DataFrame(rows, columns=NODE_COLUMNS)
    return frame.sort_values(
        ["degree", "betweenness", "label"], ascending=[False, False, True], ignore_index=True
    )


def layout(graph: nx.Graph, seed: int = 2006) -> dict[str, tuple[float, float]]:
    """Deterministic positions: the same plan always draws the same picture."""
    if graph.number_of_nodes() == 0:
        return {}
    positions = nx.spring_layout(
        graph, seed=seed, weight="weight", k=1.2 / max(1, len(graph)) ** 0.5
    )
    return {str(node): (float(x), float(y)) for node, (x, y) in positions.items()}


def two_sides_layout(graph: nx.Graph, order: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """ITU units on a left half-ellipse and partner organisations on a right one, each side
    evenly spaced from top to bottom in `order`'s row order (centrality's: the most connected
    first), so no two nodes share a height on a side and each label, set outward, has its own
    line; the links cross the empty middle. x in [-1, 1], y in [-1, 1]."""
    positions: dict[str, tuple[float, float]] = {}
    for kind, side in (("unit", -1.0), ("organisation", 1.0)):
        nodes = [str(node) for node in order.loc[order["kind"] == kind, "node"] if node in graph]
        count = len(nodes)
        for index, node in enumerate(nodes):
            y = 0.0 if count == 1 else 1 - 2 * index / (count - 1)
            positions[node] = (side * (0.45 + 0.55 * math.sqrt(max(0.0, 1 - y * y))), y)
    return positions


def shared_activities(plan: Plan, node: str) -> pd.DataFrame:
    """The activities the node takes part in, with everyone else in them:
    activity_id, title, pillar, with (comma-separated labels)."""
    people = participants(plan)
    own = people.loc[people["node"] == node, "activity_id"]
    others = people[people["activity_id"].isin(own) & (people["node"] != node)]
    together = others.groupby("activity_id")["label"].agg(", ".join).rename("with")
    titles = plan.activities.set_index("activity_id").loc[list(own), ["title", "pillar"]]
    return titles.join(together).fillna({"with": ""}).reset_index()


SizeBy = Literal["degree", "betweenness"]


CENTRALITY_TABLE_COLUMNS: dict[str, str] = {
    "label": "Unit or organisation",
    "name": "Full name",
    "kind": "Type",
    "group": "Sector or kind",
    "activities": "Activities taken part in",
    "degree": "Partners worked with",
    "weighted_degree": "Shared activities, summed over partners",
    "betweenness": "Bridging score (betweenness, 0 to 1)",
}


def centrality_table(centrality: pd.DataFrame) -> pd.DataFrame:
    """network.centrality with the column names a manager reads ('Partners worked with')."""
    table = centrality[list(CENTRALITY_TABLE_COLUMNS)].rename(columns=CENTRALITY_TABLE_COLUMNS)
    kinds = {"unit": "ITU unit", "organisation": "organisation"}
    return table.assign(Type=table["Type"].map(kinds).fillna(table["Type"])).reset_index(drop=True)
