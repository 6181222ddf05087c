"""The linked graph: both sides of each relation, and nodes that print briefly."""

from __future__ import annotations

from pathlib import Path

from generator.build import linked


def test_nodes_print_as_kind_and_id_not_the_whole_graph(mini: Path) -> None:
    graph = linked(mini)
    ana = next(actor for actor in graph.actors if actor.id == "ana-lima")
    assert repr(ana) == "ActorNode('ana-lima')"
    assert repr(ana.roles[0]) == "Role('ana-lima', '2024-03-01-port-opening', 'host')"
    assert repr(ana.quotes[0]) == "QuoteNode('ana-lima', 'daily-2024-03-02-port-opens')"


def test_every_participation_is_seen_from_both_sides(mini: Path) -> None:
    graph = linked(mini)
    for event in graph.events:
        for role in event.participants:
            assert role in role.actor.roles
    for actor in graph.actors:
        for role in actor.roles:
            assert role in role.event.participants
