"""A synthetic briefing of any size, the same every time for the same seed.

The corpus has the counts of the real seed briefing (about one actor per five
articles and one event per three, news-length articles that name actors by
their full names, aliases and surnames, quotes copied from the article text)
and the shapes real briefings have, which are anything but uniform:

- actor popularity is heavy-tailed (Zipf-like): the most named actor is in
  about 30% of the articles, most actors in a handful;
- event coverage is heavy-tailed too: one event is covered by about 3% of the
  articles (300 at 10,000), and by at least `min(articles // 5, 200)` when the
  corpus allows, so that a small corpus still has an event covered a hundred
  times; the next events by fewer and fewer (rank r by about top / r^1.5), the
  rest by about three articles each;
- about 50 outlets (one per 20 articles below 1,000), some far busier than others, from
  eight countries (the busiest outlets' countries have the fewest outlets), of every kind;
- news agencies, through which many quotes are reported (`via:`), so that an
  agency is credited with hundreds of reported quotes;
- ten years of events, and articles on the heavily covered events spread over
  the weeks after them.

Everything it writes passes `briefings check`: every quote occurs in its
article, every event an article covers happened before it came out.

    python -m bench.corpus --articles 1000 --seed 7 /tmp/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
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
_TOP_ACTOR_SHARE = 0.22
"""How often the most named actor takes part in an event (about 30% of articles then name it);
the actor of popularity rank r takes part in 0.22 / r of the events (Zipf), at any corpus size."""
_POPULAR = 200
"""Ranks past this take part in fewer than 0.11% of events: drawn as the uniform long tail."""
_TOP_EVENT_SHARE = 0.03
"""The share of articles covering the most covered event (300 of 10,000)."""
_COVERAGE_EXPONENT = 1.5
"""The event of coverage rank r (from 1) gets about top / r^1.5 articles, down to the usual three."""
_OUTLET_EXPONENT = 0.8
_VIA_SHARE = 0.4
"""How many quotes are reported through a news agency."""


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


def _agencies(rng: random.Random, count: int) -> list[SyntheticActor]:
    """News agencies: organisations through which quotes are reported."""
    agencies = []
    for index in range(count):
        word = _word(rng, 3)
        agencies.append(SyntheticActor(f"agency-{index:02d}", f"{word} News Agency", "organisation",
                                       f"{word[:2].upper()}NA Wire {index}", None))
    return agencies


def _yaml_text(value: str) -> str:
    """A double-quoted YAML scalar: safe for any of the generated strings."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Sizes:
    articles: int
    actors: int
    """Actors named in the articles, news agencies not counted."""
    events: int
    outlets: int
    agencies: int
    top_coverage: int
    """Articles covering the most covered event."""

    @classmethod
    def for_articles(cls, articles: int) -> Sizes:
        events = max(3, articles // 3)
        return cls(
            articles=articles,
            actors=max(6, articles // 5),
            events=events,
            outlets=max(2, min(50, articles // 20)),
            agencies=max(1, min(4, articles // 250)),
            top_coverage=max(1, round(articles * _TOP_EVENT_SHARE), min(articles // 5, 200)),
        )


def _zipf(count: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights of ranks 1..count, for `random.choices(cum_weights=...)`."""
    return list(itertools.accumulate(1 / (rank ** exponent) for rank in range(1, count + 1)))


def _coverage(sizes: Sizes) -> list[int]:
    """Articles per heavily covered event, most covered first: top / r^1.5 while above three."""
    counts: list[int] = []
    budget = sizes.articles // 2  # the heavy tail never takes more than half the articles
    for rank in itertools.count(1):
        count = round(sizes.top_coverage / rank ** _COVERAGE_EXPONENT)
        if count <= 3 or count > budget or rank > sizes.events // 2:
            return counts
        counts.append(count)
        budget -= count


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
    agencies = _agencies(rng, sizes.agencies)
    outlets = [(f"outlet-{i:03d}", f"The {_word(rng, 2)} {rng.choice(('Times', 'Herald', 'Post', 'Daily'))}")
               for i in range(sizes.outlets)]
    events = _write_events(target, rng, sizes, actors)
    _write_outlets(target, outlets)
    _write_actors(target, actors + agencies)
    _write_articles(target, rng, sizes, actors, agencies, events, outlets)
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
        members = _members(rng, len(actors), min(len(actors), rng.randint(2, 4)))
        event_id = f"{day.isoformat()}-event-{index:06d}"
        kind = rng.choice(_EVENT_KINDS)
        title = f"{actors[members[0]].name} {kind.replace('-', ' ')} with {actors[members[1]].name}"
        lines = [
            f"title: {_yaml_text(title)}",
            f"date: {day.isoformat()}",
            f"location: {_yaml_text(_word(rng, 2) + ' City')}",
            *_coordinates(index),
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


def _coordinates(index: int) -> list[str]:
    """Two events in three have `coordinates:` (the map, issue 16), spread over a few hundred
    points so that places repeat; the third is left to the gazetteer, which finds no 'X City'.
    Drawn from the index, not the random generator, so the rest of the corpus is as before."""
    if index % 3 == 2:
        return []
    point = (index * 7919) % 400
    return ["coordinates:", f"  latitude: {point % 20 * 6 - 57}",
            f"  longitude: {point // 20 * 17 - 170}"]


def _members(rng: random.Random, actors: int, count: int) -> list[int]:
    """At least `count` distinct actors of an event: actor r (from 0) takes part with
    probability 0.22 / (r + 1), and uniformly drawn actors fill the event up to `count`."""
    members = [r for r in range(min(actors, _POPULAR)) if rng.random() < _TOP_ACTOR_SHARE / (r + 1)]
    while len(members) < count:
        member = rng.randrange(actors)
        if member not in members:
            members.append(member)
    rng.shuffle(members)
    return members


_COUNTRIES = ("KR", "US", "JP", "KP", "RU", "CN", "GB", "SG")
_OUTLET_KINDS = ("private", "private", "public-broadcaster", "news-agency", "wire-copy")


def _outlet_side(index: int) -> str:
    """The country and kind of outlet `index`, skewed like the outlets' articles: outlet i is from
    country log2(i + 1), so the busiest outlets' countries have few outlets and most of the
    articles; North Korea's, Russia's and China's outlets are state-run. No random draw: the
    rest of the corpus stays what it was."""
    country = _COUNTRIES[min(len(_COUNTRIES) - 1, (index + 1).bit_length() - 1)]
    if country in ("KP", "RU", "CN"):
        return f"country: {country}\nkind: state-run\nstate: {country}\n"
    return f"country: {country}\nkind: {_OUTLET_KINDS[index % len(_OUTLET_KINDS)]}\n"


def _write_outlets(target: Path, outlets: list[tuple[str, str]]) -> None:
    for index, (outlet_id, name) in enumerate(outlets):
        (target / "content" / "outlets" / f"{outlet_id}.yml").write_text(
            f"name: {_yaml_text(name)}\n{_outlet_side(index)}url: https://example.org/{outlet_id}\n",
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
    agencies: list[SyntheticActor],
    events: list[tuple[str, dt.date, list[int]]],
    outlets: list[tuple[str, str]],
) -> None:
    # Each article has one main event: the heavily covered events take their
    # share, the rest walk the events in a shuffled order (about three
    # articles each); some articles cover a second event too.
    order = list(range(len(events)))
    rng.shuffle(order)
    heavy = _coverage(sizes)
    mains = [order[rank] for rank, count in enumerate(heavy) for _ in range(count)]
    rest = order[len(heavy):] or order
    mains += [rest[i % len(rest)] for i in range(sizes.articles - len(mains))]
    rng.shuffle(mains)
    # Days after the event its coverage runs on: weeks for the most covered events.
    spread = {order[rank]: 60 if rank < 3 else 14 for rank in range(len(heavy))}
    by_outlet = _zipf(len(outlets), _OUTLET_EXPONENT)
    by_agency = _zipf(len(agencies), 1.0)
    for index, main in enumerate(mains):
        covered = [main]
        if rng.random() < 0.4:
            covered.append(rng.randrange(len(events)))
        covered = sorted(set(covered), key=lambda e: events[e][1])
        latest = max(events[e][1] for e in covered)
        published = latest + dt.timedelta(days=rng.randint(0, spread.get(main, 3)))
        outlet_id, outlet_name = outlets[rng.choices(range(len(outlets)), cum_weights=by_outlet)[0]]
        article_id = f"{outlet_id}-{published.isoformat()}-article-{index:06d}"
        members = list(dict.fromkeys(m for e in covered for m in events[e][2]))
        agency = agencies[rng.choices(range(len(agencies)), cum_weights=by_agency)[0]]
        text, quotes = _article_text(rng, actors, members, outlet_name, agency)
        seed_path = f"seeds/bench-{index:06d}.txt"
        (target / seed_path).write_text(text, encoding="utf-8")
        lead = actors[members[0]]
        title = f"{lead.name} {rng.choice(_VERBS)} {actors[members[1]].name} over {rng.choice(_TOPICS)}"
        via = [rng.random() < _VIA_SHARE for _ in quotes]
        lines = [
            f"title: {_yaml_text(title)}",
            f"text: {seed_path}",
            f"outlet: {outlet_id}",
            f"published: {published.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+09:00",
            "events:",
            *(f"  - {events[e][0]}" for e in covered),
            "actors:",
            *(f"  - {actors[m].id}" for m in members),
            *([f"  - {agency.id}"] if any(via) else []),
            "quotes:",
        ]
        for (speaker, words), reported in zip(quotes, via):
            lines += [f"  - speaker: {actors[speaker].id}", f"    text: {_yaml_text(words)}",
                      *([f"    via: {agency.id}"] if reported else []),
                      f"    event: {events[covered[0]][0]}"]
        lines.append(f"tags: [{rng.choice(_TAGS)}]")
        (target / "content" / "articles" / f"{article_id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _article_text(
    rng: random.Random, actors: list[SyntheticActor], members: list[int], outlet_name: str,
    agency: SyntheticActor,
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
            sentence += f" \u201c{words.capitalize()},\u201d {mention} said, according to {agency.name}."
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
