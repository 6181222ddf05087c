"""A synthetic briefing of any size, the same every time for the same seed.

The corpus has the shape of the real seed briefing: about one actor per five
articles and one event per three, news-length articles that name actors by
their full names, aliases and surnames, quotes copied from the article text,
events with several actors and several articles each, and a handful of
outlets. Everything it writes passes `briefings check`: every quote occurs in
its article, every event an article covers happened before it came out.

    python -m bench.corpus --articles 1000 --seed 7 /tmp/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_SYLLABLES = (
    "ka ri mo tan sel vor min ha ju lee pak chen dra vo na shi ro gel"
    " ta ber lin so mar kov el ny qua zu fen hol"
).split()
_KINDS_OF_ACTOR = ("person", "person", "person", "state", "organisation", "group")
_EVENT_KINDS = (
    "meeting", "summit", "visit", "military-exercise", "deployment",
    "statement", "briefing", "weapons-test", "agreement", "sanctions",
)
_ROLES = ("host", "visitor", "participant", "organiser", "target", "commentator")
_TAGS = ("diplomacy", "military", "nuclear", "sanctions", "trade")
_VERBS = (
    "met", "criticised", "praised", "warned", "called on", "spoke with",
    "answered", "visited", "wrote to", "thanked",
)
_TOPICS = (
    "the security of the region", "the new trade corridor", "sanctions relief",
    "the joint exercises", "the missile programme", "food aid",
    "the border crossings", "the energy agreement", "shipping routes",
    "the upcoming summit",
)
_FILLER = (
    "Analysts said the move reflected a broader shift in the region.",
    "Officials declined to give further details on the timing of the talks.",
    "The statement did not say whether the two sides had reached an agreement.",
    "Diplomats in the capital described the atmosphere as cautious but constructive.",
    "Satellite images published last week showed increased activity at the site.",
    "Markets reacted calmly to the news, with the currency little changed.",
    "The ministry said further meetings would be held in the coming months.",
    "Observers noted that similar pledges had been made in previous years.",
)
_START = dt.date(2015, 1, 1)
_DAYS = 10 * 365


@dataclass
class SyntheticActor:
    id: str
    name: str
    kind: str
    alias: str
    surname: str | None
    events: list[int] = field(default_factory=list)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _unique_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct (first, last) pairs; surnames are shared by a few actors."""
    seen: set[str] = set()
    names: list[tuple[str, str]] = []
    surnames = [_word(rng, 3) for _ in range(max(1, count // 3))]
    while len(names) < count:
        first, last = _word(rng, 2), rng.choice(surnames)
        if f"{first} {last}".casefold() not in seen and first.casefold() not in seen:
            seen.add(f"{first} {last}".casefold())
            names.append((first, last))
    return names


def _actors(rng: random.Random, count: int) -> list[SyntheticActor]:
    actors = []
    for index, (first, last) in enumerate(_unique_names(rng, count)):
        kind = _KINDS_OF_ACTOR[index % len(_KINDS_OF_ACTOR)]
        if kind == "person":
            name, alias, surname = f"{first} {last}", f"{first}-{last} Jr", last
        elif kind == "state":
            name, alias, surname = f"Republic of {first}{last.lower()}", f"{first}{last.lower()}land", None
        else:
            name = f"{first} {last} {'Council' if kind == 'organisation' else 'Front'}"
            alias, surname = f"{first[0]}{last[0]}{'C' if kind == 'organisation' else 'F'} Bureau {index}", None
        actors.append(SyntheticActor(f"actor-{index:06d}", name, kind, alias, surname))
    return actors


def _yaml_text(value: str) -> str:
    """A double-quoted YAML scalar: safe for any of the generated strings."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Sizes:
    articles: int
    actors: int
    events: int
    outlets: int

    @classmethod
    def for_articles(cls, articles: int) -> Sizes:
        return cls(
            articles=articles,
            actors=max(6, articles // 5),
            events=max(3, articles // 3),
            outlets=max(2, min(40, articles // 250)),
        )


def generate(target: Path, articles: int, seed: int = 1) -> Sizes:
    """Write a project with `articles` articles under `target` (replacing its content/ and seeds/)."""
    rng = random.Random(seed)
    sizes = Sizes.for_articles(articles)
    for folder in ("content", "seeds"):
        shutil.rmtree(target / folder, ignore_errors=True)
    for folder in ("content/actors", "content/events", "content/articles", "content/outlets", "seeds"):
        (target / folder).mkdir(parents=True, exist_ok=True)
    _project_files(target)
    actors = _actors(rng, sizes.actors)
    outlets = [(f"outlet-{i:03d}", f"The {_word(rng, 2)} {rng.choice(('Times', 'Herald', 'Post', 'Daily'))}")
               for i in range(sizes.outlets)]
    events = _write_events(target, rng, sizes, actors)
    _write_outlets(target, outlets)
    _write_actors(target, actors)
    _write_articles(target, rng, sizes, actors, events, outlets)
    return sizes


def _project_files(target: Path) -> None:
    (target / "content" / "briefing.yml").write_text(
        "title: Synthetic briefing\nsummary: |\n  A generated corpus for benchmarks.\n"
        f"tags: [{', '.join(_TAGS)}]\n",
        encoding="utf-8",
    )
    docs = target / "briefings"
    docs.mkdir(exist_ok=True)
    for name in ("about.md",):
        if (REPO / "briefings" / name).is_file() and not (docs / name).exists():
            shutil.copy(REPO / "briefings" / name, docs / name)
    if (REPO / "briefings" / "assets").is_dir() and not (docs / "assets").exists():
        shutil.copytree(REPO / "briefings" / "assets", docs / "assets")
    if (REPO / "overrides").is_dir() and not (target / "overrides").exists():
        shutil.copytree(REPO / "overrides", target / "overrides")  # mkdocs.yml's custom_dir
    if not (target / "mkdocs.yml").exists():
        # The site's settings without the generator hook: the benchmark times
        # the generator on its own, and `mkdocs build` on its own.
        settings = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        settings = re.sub(r"^hooks:\n(?:  - .*\n)+", "", settings, flags=re.M)
        (target / "mkdocs.yml").write_text(settings, encoding="utf-8")


def _write_events(target: Path, rng: random.Random, sizes: Sizes, actors: list[SyntheticActor]) -> list[tuple[str, dt.date, list[int]]]:
    events = []
    for index in range(sizes.events):
        day = _START + dt.timedelta(days=rng.randrange(_DAYS))
        members = rng.sample(range(len(actors)), k=min(len(actors), rng.randint(2, 4)))
        event_id = f"{day.isoformat()}-event-{index:06d}"
        kind = rng.choice(_EVENT_KINDS)
        title = f"{actors[members[0]].name} {kind.replace('-', ' ')} with {actors[members[1]].name}"
        lines = [
            f"title: {_yaml_text(title)}",
            f"date: {day.isoformat()}",
            f"location: {_yaml_text(_word(rng, 2) + ' City')}",
            f"kind: {kind}",
            "actors:",
        ]
        for position, member in enumerate(members):
            lines += [f"  - actor: {actors[member].id}", f"    role: {_ROLES[position % len(_ROLES)]}"]
            actors[member].events.append(index)
        summary = f"{actors[members[0]].name} and {actors[members[1]].name} discussed {rng.choice(_TOPICS)}."
        lines.append(f"summary: {_yaml_text(summary)}")
        lines.append(f"tags: [{rng.choice(_TAGS)}]")
        (target / "content" / "events" / f"{event_id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        events.append((event_id, day, members))
    return events


def _write_outlets(target: Path, outlets: list[tuple[str, str]]) -> None:
    for outlet_id, name in outlets:
        (target / "content" / "outlets" / f"{outlet_id}.yml").write_text(
            f"name: {_yaml_text(name)}\ncountry: Nowhere\nurl: https://example.org/{outlet_id}\n",
            encoding="utf-8",
        )


def _write_actors(target: Path, actors: list[SyntheticActor]) -> None:
    for actor in actors:
        lines = [f"name: {_yaml_text(actor.name)}", f"kind: {actor.kind}",
                 f"aliases: [{_yaml_text(actor.alias)}]"]
        if actor.surname:
            lines.append(f"short_names: [{_yaml_text(actor.surname)}]")
        summary = f"{actor.name} is a synthetic {actor.kind} for benchmarks."
        lines.append(f"summary: {_yaml_text(summary)}")
        (target / "content" / "actors" / f"{actor.id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_articles(
    target: Path,
    rng: random.Random,
    sizes: Sizes,
    actors: list[SyntheticActor],
    events: list[tuple[str, dt.date, list[int]]],
    outlets: list[tuple[str, str]],
) -> None:
    # Each event is covered by about three articles: walk the events in a
    # shuffled order, giving every article one main event and maybe a second.
    order = list(range(len(events)))
    rng.shuffle(order)
    for index in range(sizes.articles):
        covered = [order[index % len(order)]]
        if rng.random() < 0.4:
            covered.append(rng.randrange(len(events)))
        covered = sorted(set(covered), key=lambda e: events[e][1])
        latest = max(events[e][1] for e in covered)
        published = latest + dt.timedelta(days=rng.randint(0, 3))
        outlet_id, outlet_name = outlets[index % len(outlets)]
        article_id = f"{outlet_id}-{published.isoformat()}-article-{index:06d}"
        members = list(dict.fromkeys(m for e in covered for m in events[e][2]))
        text, quotes = _article_text(rng, actors, members, outlet_name)
        seed_path = f"seeds/bench-{index:06d}.txt"
        (target / seed_path).write_text(text, encoding="utf-8")
        lead = actors[members[0]]
        title = f"{lead.name} {rng.choice(_VERBS)} {actors[members[1]].name} over {rng.choice(_TOPICS)}"
        lines = [
            f"title: {_yaml_text(title)}",
            f"text: {seed_path}",
            f"outlet: {outlet_id}",
            f"published: {published.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+09:00",
            "events:",
            *(f"  - {events[e][0]}" for e in covered),
            "actors:",
            *(f"  - {actors[m].id}" for m in members),
            "quotes:",
        ]
        for speaker, words in quotes:
            lines += [f"  - speaker: {actors[speaker].id}", f"    text: {_yaml_text(words)}",
                      f"    event: {events[covered[0]][0]}"]
        lines.append(f"tags: [{rng.choice(_TAGS)}]")
        (target / "content" / "articles" / f"{article_id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _article_text(
    rng: random.Random, actors: list[SyntheticActor], members: list[int], outlet_name: str
) -> tuple[str, list[tuple[int, str]]]:
    """A news-length raw article (about 500 words) and two quotes taken from it."""
    first, second = actors[members[0]], actors[members[1]]
    topic = rng.choice(_TOPICS)
    paragraphs = [
        outlet_name,
        f"{first.name} and {second.name} discuss {topic}",
        f"By {_word(rng, 2)} {_word(rng, 2)}",
    ]
    quotes: list[tuple[int, str]] = []
    for number in range(14):
        speaker = members[number % len(members)]
        actor = actors[speaker]
        other = actors[members[(number + 1) % len(members)]]
        mention = (actor.name, actor.alias, actor.surname or actor.name)[number % 3]
        sentence = (
            f"{mention} {rng.choice(_VERBS)} {other.name} on {rng.choice(_TOPICS)} "
            f"on {rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'))}, "
            f"according to people familiar with the matter. {rng.choice(_FILLER)} {rng.choice(_FILLER)}"
        )
        if number in (2, 7):
            words = f"we will continue to work on {rng.choice(_TOPICS)} with our partners {number}"
            sentence += f" \u201c{words.capitalize()},\u201d {mention} said."
            quotes.append((speaker, words.capitalize()))
        paragraphs.append(sentence)
    return "\n\n".join(paragraphs) + "\n", quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="Project folder to write content/ and seeds/ into.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    sizes = generate(arguments.target, arguments.articles, arguments.seed)
    print(f"{arguments.target}: {sizes}")


if __name__ == "__main__":
    main()
