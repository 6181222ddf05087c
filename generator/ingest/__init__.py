"""`briefings ingest`: from a raw article file to a draft the curator confirms.

The pipeline for one file:

1. `read_source` reads text, Markdown or HTML (HTML meta tags give a URL and
   a publication time when the page declares them);
2. `analyse` reads the structure (`generator.text`), the publication date
   and weekdays (`dates`), the actors (`actors`), the quotes (`quotes`) and
   suggests events (`events`);
3. `draft.render_draft` writes the YAML, with comments wherever the tool is
   unsure, and `ingest_file` puts the raw file into seeds/ and the draft into
   content/articles/, never overwriting anything.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from anyascii import anyascii

from ..countries import country_name
from ..errors import BriefingsError
from ..load import Content, byte_position, load_content
from ..mentions import fold
from ..model import Actor, Event, Outlet, is_slug
from ..paths import slug
from ..progress import Progress
from ..text import ArticleText, front_matter, html_page, is_html, normalise, parse_article
from .actors import find_actors, profiles
from .draft import render_draft, scalar
from .dates import (
    Published, guess_publication, parse_published, publication_date, resolve_weekdays, zone_for,
)
from .analysis import Analysis
from .events import suggest_events
from .quotes import FoundQuote, find_quotes

_FRONT_MATTER_KEYS = {
    "og:title": ("title", "headline"),
    "article:published_time": ("published", "date"),
    "canonical": ("url", "link"),
    "author": ("author", "byline"),
    "og:site_name": ("outlet", "source", "site"),
}
"""Meta keys (as HTML pages name them) and the front matter keys that give them."""
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_DATELINE = re.compile(r"^(?P<city>[A-Z][A-Z .'\u2019-]{2,30}?)(?:,\s*[A-Za-z .]+)?\s*(?:\([^)]{1,30}\))?\s*[:\u2014\u2013-]\s+")
_URL_LINE = re.compile(r"^\s*(?:url|link|source url)\s*:\s*(https?://\S+)\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    """What ingest did with one file."""

    source: Path
    status: str
    """'written', 'unchanged' (already ingested) or 'changed' (differs; not merged)."""
    article_id: str
    message: str


def read_source(path: Path) -> tuple[str, dict[str, str]]:
    """The raw text of `path` and the metadata an HTML head declares.

    Raises BriefingsError, at the first offending byte, for a file that is not
    UTF-8 text (an image, a PDF, a UTF-16 or Latin-1 file).
    """
    raw = decode_text(path, path.read_bytes())
    if is_html(raw):
        return raw, html_page(raw).meta
    fields, _ = front_matter(raw)
    meta = {}
    for key, names in _FRONT_MATTER_KEYS.items():
        value = next((fields[n] for n in names if n in fields), None)
        if value:
            meta[key] = value
    return raw, meta


def decode_text(path: Path, data: bytes) -> str:
    """`data` as text, without a leading byte order mark; BriefingsError if it is not UTF-8 text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        raise BriefingsError(
            f"{path}:{line}:{column}: not UTF-8 text (byte 0x{data[error.start]:02x}): ingest reads "
            "text, Markdown and HTML files saved as UTF-8; convert it, or copy the article's text "
            "into a .txt file") from None
    if "\x00" in text:
        line, column = byte_position(data, data.index(b"\x00"))
        raise BriefingsError(
            f"{path}:{line}:{column}: a NUL byte: this is not a text file (UTF-16 text has one "
            "in every other byte); save it as UTF-8, or copy the article's text into a .txt file")
    return text


def analyse(
    raw: str,
    actors: dict[str, Actor],
    events: dict[str, Event],
    outlets: dict[str, Outlet],
    *,
    meta: dict[str, str] | None = None,
    published: dt.date | dt.datetime | None = None,
) -> Analysis:
    """Read one article against the known actors, events and outlets."""
    meta = meta or {}
    parsed = parse_article(raw, [o.name for o in outlets.values()])
    blocks = parsed.blocks
    headline = next((b.text for b in blocks if b.kind == "headline"), None) or meta.get("og:title") or ""
    standfirst = next((b.text for b in blocks if b.kind == "standfirst"), None)
    paragraphs = [b.text for b in parsed.paragraphs]

    outlet_name = _outlet_name(parsed, meta)
    outlet = _known_outlet(outlet_name, outlets)
    dateline_match = _DATELINE.match(paragraphs[0]) if paragraphs else None
    dateline = dateline_match.group("city").strip().title() if dateline_match else None

    code = outlets[outlet].country if outlet else None
    country = country_name(code) if code else None  # the zone table knows places by name
    language = detect_language(" ".join(paragraphs) or headline)
    when = _published(parsed, meta, published, events, language, zone_for(country, dateline))
    head_blocks = [b for b in blocks if b.kind in ("headline", "standfirst", "caption")]
    scanned = [b.text for b in head_blocks] + paragraphs
    scanned_kinds = [b.kind for b in head_blocks] + ["paragraph"] * len(paragraphs)
    actor_report = find_actors(scanned, actors)
    known = profiles(actors)
    head = len(scanned) - len(paragraphs)
    per_paragraph: list[list] = [[] for _ in paragraphs]
    for found in actor_report.found:
        if found.block >= head:
            per_paragraph[found.block - head].append(found)
    headline_mentions = [f for f in actor_report.found if scanned_kinds[f.block] == "headline"]
    quotes = find_quotes(paragraphs, per_paragraph, known) + [
        FoundQuote(q.text, 0, q.speaker, q.via, q.how)  # paragraph 0: the headline, after the body's
        for q in find_quotes([headline], [headline_mentions], known, headline=True)  # fuller context
    ]
    dates = resolve_weekdays(paragraphs, when.date, language) if when else []
    analysis = Analysis(
        parsed=parsed,
        headline=headline,
        standfirst=standfirst,
        byline=_byline(parsed, meta),
        outlet=outlet,
        outlet_name=outlet_name,
        url=meta.get("canonical") or meta.get("og:url") or _url_line(raw),
        published=when,
        dateline=dateline,
        language=language,
        actors=actor_report,
        quotes=quotes,
        dates=dates,
        paragraphs=paragraphs,
        scanned=scanned_kinds,
    )
    analysis.events = suggest_events(analysis, events, actors)
    return analysis


def _outlet_name(parsed: ArticleText, meta: dict[str, str]) -> str | None:
    masthead = parsed.first("masthead")
    if masthead:
        return masthead.text
    source = parsed.first("source")
    if source:
        return source.text.split(":", 1)[1].strip()
    return meta.get("og:site_name")


def _known_outlet(name: str | None, outlets: dict[str, Outlet]) -> str | None:
    if not name:
        return None
    wanted = fold(name)[0].strip()
    for outlet_id, known in outlets.items():
        if fold(known.name)[0].strip() == wanted or outlet_id == slugify(name):
            return outlet_id
    return None


def _byline(parsed: ArticleText, meta: dict[str, str]) -> tuple[str, ...]:
    block = parsed.first("byline")
    text = block.text if block else meta.get("author", "")
    text = re.sub(r"^(?:by|from)\s+", "", text, flags=re.IGNORECASE)
    text = re.split(r"\s+(?:\||-|\u2013|\u2014)\s+|\s+in\s+[A-Z]", text)[0]
    names = re.split(r",\s*|\s+and\s+|\s*&\s*", text)
    return tuple(n.strip() for n in names if n.strip())


def _url_line(raw: str) -> str | None:
    match = _URL_LINE.search(raw)
    return match.group(1) if match else None


def _published(
    parsed: ArticleText,
    meta: dict[str, str],
    given: dt.date | dt.datetime | None,
    events: dict[str, Event],
    language: str,
    dateline_zone: str | None,
) -> Published | None:
    """The publication date: given, declared in HTML, printed on the page, or guessed from a weekday."""
    if given is not None:
        if isinstance(given, dt.datetime):
            # A named zone is kept by its name; a fixed offset (+09:00) stays on the time itself.
            zone = given.tzinfo.key if isinstance(given.tzinfo, ZoneInfo) else None
            return Published(given.date(), given.time() if zone else given.timetz(), zone, "stated", "--published")
        return Published(given, None, None, "stated", "--published")
    line = parsed.first("published")
    if line:
        parsed_line = parse_published(line.text)
        if parsed_line:
            return Published(parsed_line[0], parsed_line[1], dateline_zone, "stated", line.text)
    declared = meta.get("article:published_time") or meta.get("datepublished")
    if declared:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", declared.strip()):
            return Published(dt.date.fromisoformat(declared.strip()), None, None, "stated", declared)
        try:
            value = dt.datetime.fromisoformat(declared.replace("Z", "+00:00"))
            zone = "UTC" if value.utcoffset() == dt.timedelta(0) else None
            if value.tzinfo and zone is None:
                return Published(value.date(), value.timetz(), None, "stated", declared)
            return Published(value.date(), value.time(), zone, "stated", declared)
        except ValueError:
            pass
    years = [e.date.start.year for e in events.values()]
    near = int(statistics.median(years)) if years else dt.date.today().year
    printed = publication_date(
        [(b.kind, b.text) for b in parsed.blocks], language,
        event_days=[(e.date.start, (e.end or e.date).end) for e in events.values() if e.date.precision == "day"],
        near_year=near,
    )
    if printed is not None:
        zone = dateline_zone if printed.time is not None else None
        return Published(printed.date, printed.time, zone, printed.certainty, printed.evidence)
    return guess_publication([b.text for b in parsed.paragraphs], near)


_SCRIPTS = (
    ("ko", "\uac00", "\ud7af"), ("ja", "\u3040", "\u30ff"), ("zh", "\u4e00", "\u9fff"),
    ("ar", "\u0600", "\u06ff"), ("ru", "\u0400", "\u04ff"), ("he", "\u0590", "\u05ff"),
    ("el", "\u0370", "\u03ff"), ("hi", "\u0900", "\u097f"), ("th", "\u0e00", "\u0e7f"),
)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "said", "with", "in"},
    "es": {"el", "la", "los", "las", "de", "del", "que", "dijo", "y", "con"},
    "fr": {"le", "la", "les", "de", "des", "et", "que", "a", "dit", "du"},
    "de": {"der", "die", "das", "und", "sagte", "mit", "den", "ist", "nicht"},
    "pt": {"o", "os", "as", "de", "do", "da", "que", "disse", "com", "e"},
}


def detect_language(text: str) -> str:
    """A best guess of the article's language: its script, else its commonest small words."""
    counts: dict[str, int] = {}
    for char in text:
        for code, low, high in _SCRIPTS:
            if low <= char <= high:
                counts[code] = counts.get(code, 0) + 1
    letters = sum(1 for c in text if c.isalpha()) or 1
    if counts:
        code, count = max(counts.items(), key=lambda item: item[1])
        if count / letters > 0.3:
            return "ja" if code == "zh" and counts.get("ja") else code
    words = re.findall(r"\w+", text.casefold())
    scores = {code: sum(1 for w in words if w in stop) for code, stop in _STOPWORDS.items()}
    return max(scores, key=lambda code: (scores[code], code == "en"))


def slugify(text: str, words: int = 8) -> str:
    """A lowercase ASCII slug of `text`, at most `words` words; other scripts are
    transliterated ('조선일보' -> 'joseonilbo', 'Интерфакс' -> 'interfaks')."""
    folded = fold(anyascii(text.replace("\u2019", "").replace("'", "")))[0]
    return "-".join(slug(folded).split("-")[:words])


def article_id(analysis: Analysis, raw: str) -> str:
    """`<outlet>-<date>-<headline>`: the headline without a leading possessive ('North Korea's Kim' -> 'Kim')."""
    headline = re.sub(r"^[^\u2019']{1,40}[\u2019']s\s+", "", analysis.headline)
    slug = slugify(headline) or hashlib.sha256(raw.encode()).hexdigest()[:10]
    date = analysis.published.date.isoformat() if analysis.published else "undated"
    outlet = analysis.outlet or (outlet_id(analysis.outlet_name) if analysis.outlet_name else "")
    candidate = "-".join(p for p in (outlet, date, slug) if p)
    return candidate if is_slug(candidate) else hashlib.sha256(raw.encode()).hexdigest()[:12]


def outlet_id(name: str) -> str:
    """The id of an outlet from its name, transliterated ('조선일보' is 'joseonilbo'); a name with
    nothing to transliterate ('…') gets one from a hash of the name, so two outlets never share one."""
    return slugify(name) or "outlet-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def fingerprint(text: str) -> str:
    """Hash of the text with white space and typography made plain: same article, same hash."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def sources_in(paths: list[Path]) -> list[Path]:
    """The article files among `paths`, folders expanded, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise BriefingsError(f"{path}: no such file or folder: give an article file or a folder of them")
    return files


def ingest(
    root: Path,
    paths: list[Path],
    *,
    published: dt.date | dt.datetime | None = None,
    outlet: str | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Ingest every article file under `paths` into the project at `root`.

    `progress` shows how far it is when there are many files (see generator/progress.py).
    """
    root = root.resolve()
    outcomes = []
    sources = sources_in(paths)
    for source in (progress or Progress.quiet()).each("ingesting", sources, total=len(sources)):
        content = load_content(root)  # again per file: an earlier file may have added an outlet
        outcomes.append(_ingest_one(root, source.resolve(), content, published, outlet))
    return outcomes


def _ingest_one(
    root: Path,
    source: Path,
    content: Content,
    published: dt.date | dt.datetime | None,
    outlet_override: str | None,
) -> Outcome:
    """Ingest one file: recognise it, analyse it, copy it and write its draft."""
    raw, meta = read_source(source)
    digest = fingerprint(raw)
    for article_id_, text in content.texts.items():
        if fingerprint(text) == digest:
            return Outcome(source, "unchanged", article_id_, f"already ingested as content/articles/{article_id_}.yml")
    actors = {i: d.model for i, d in content.actors.items()}
    events = {i: d.model for i, d in content.events.items()}
    outlets = {i: d.model for i, d in content.outlets.items()}
    analysis = analyse(raw, actors, events, outlets, meta=meta, published=published)
    if outlet_override:
        if outlet_override not in outlets:
            raise BriefingsError(f"--outlet {outlet_override!r}: no content/outlets/{outlet_override}.yml: create it first")
        analysis.outlet = outlet_override
    if analysis.outlet is None and not analysis.outlet_name:
        raise BriefingsError(
            f"{source}: no outlet found (no masthead or 'Source:' line): pass --outlet ID"
        )
    new_id = article_id(analysis, raw)
    for other_id, doc in content.articles.items():
        same_url = analysis.url and doc.model.url == analysis.url
        same_id = other_id == new_id or re.fullmatch(rf"{re.escape(new_id)}-[0-9a-f]{{6,64}}", other_id)
        if same_url or (same_id and _same_headline(doc.model.title, analysis.headline)):
            return Outcome(
                source, "changed", other_id,
                f"differs from the text of content/articles/{other_id}.yml "
                f"({'same URL' if same_url else 'same outlet, date and headline'}): nothing written; "
                "compare the two texts and update the curated file by hand",
            )
    articles = root / "content" / "articles"
    new_id = _free_id(new_id, analysis.headline, articles)
    files = _Files()
    try:
        text_path = _place_in_seeds(root, source, raw, files)
        if analysis.outlet is None:
            analysis.outlet, analysis.outlet_created = _new_outlet(root, analysis.outlet_name or "", files)
        files.add(articles / f"{new_id}.yml", render_draft(analysis, text_path, events).encode("utf-8"))
        files.commit()
    except OSError as error:
        files.discard()
        raise BriefingsError(
            f"{source}: cannot write {_shown_folder(root, error)} ({error.strerror}): make content/ "
            "and seeds/ writable and run again; nothing was written") from None
    return Outcome(source, "written", new_id, f"draft written to content/articles/{new_id}.yml")


def _shown_folder(root: Path, error: OSError) -> str:
    """The folder a failed write was in, relative to the project where it is inside it."""
    folder = Path(error.filename or root).parent if error.filename else root
    return f"{folder.relative_to(root).as_posix()}/" if folder.is_relative_to(root) else str(folder)


def _same_headline(curated: str, headline: str) -> bool:
    """Whether two headlines are one, whatever their typography and case."""
    return slugify(curated, words=10**6) == slugify(headline, words=10**6)


def _free_id(candidate: str, headline: str, articles: Path) -> str:
    """`candidate`, or when another article has that id (its headline shares the first words
    only), the id with a short hash of the whole headline: the same headline, the same id."""
    if not (articles / f"{candidate}.yml").exists():
        return candidate
    suffix = hashlib.sha256(slugify(headline, words=10**6).encode()).hexdigest()
    for length in (6, 10, 16, 64):
        longer = f"{candidate}-{suffix[:length]}"
        if not (articles / f"{longer}.yml").exists():
            return longer
    raise BriefingsError(f"content/articles/{candidate}.yml: every id for this article is taken: "
                         "pass the article again after renaming one of the drafts")


class _Files:
    """New files written all together or not at all: each goes to a temporary file next to its
    place first, then every one is moved into place. Nothing existing is ever replaced."""

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []
        self.placed: list[Path] = []
        self.folders: list[Path] = []

    def add(self, target: Path, data: bytes) -> None:
        for folder in reversed(target.parents):
            if not folder.exists():
                folder.mkdir()
                self.folders.append(folder)
        handle, name = tempfile.mkstemp(prefix=".ingest-", dir=target.parent)
        self.staged.append((Path(name), target))
        with os.fdopen(handle, "wb") as file:
            file.write(data)

    def commit(self) -> None:
        for temporary, target in self.staged:
            if target.exists():
                raise FileExistsError(errno.EEXIST, "exists", str(target))
            os.replace(temporary, target)
            self.placed.append(target)
        self.staged = []

    def discard(self) -> None:
        for temporary, _ in self.staged:
            temporary.unlink(missing_ok=True)
        for target in self.placed:
            target.unlink(missing_ok=True)
        for folder in reversed(self.folders):
            try:
                folder.rmdir()
            except OSError:
                pass
        self.staged, self.placed, self.folders = [], [], []


def _place_in_seeds(root: Path, source: Path, raw: str, files: _Files) -> str:
    """The seeds/ path of the raw file, copying it there (byte for byte) if it is elsewhere."""
    seeds = root / "seeds"
    if source.is_relative_to(seeds):
        return source.relative_to(root).as_posix()
    name = re.sub(r"[^\w.-]", "_", source.name)
    target = seeds / name
    data = source.read_bytes()
    if target.exists() and target.read_bytes() != data:
        target = seeds / f"{source.stem}-{fingerprint(raw)[:8]}{source.suffix}"
    if not target.exists():
        files.add(target, data)
    return target.relative_to(root).as_posix()


def _new_outlet(root: Path, name: str, files: _Files) -> tuple[str, bool]:
    """A minimal content/outlets/<id>.yml for an outlet the project does not know."""
    new_id = outlet_id(name)
    path = root / "content" / "outlets" / f"{new_id}.yml"
    if path.exists():
        return new_id, False
    files.add(path, (
        f"# Created by `briefings ingest`: add the country, kind (state-run, public-broadcaster, private, news-agency, wire-copy), home page and a summary.\nname: {scalar(name)}\n"
    ).encode("utf-8"))
    return new_id, True
