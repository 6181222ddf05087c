"""The store: what one build leaves for the next, in SQLite (`.briefings-cache/store.sqlite`).

Tables
    meta     the generator version and build options the store was made with, the
             reads made outside any page (one pickled set: they are read whole), and
             the gazetteer's answers (generator/pictures/places.py: where a location
             text is on the map), so that a build asking nothing new never loads it.
    files    every content file and article text that loaded cleanly: its stat key
             (size, modification time, inode) and its parsed value, pickled without
             line marks. An unchanged file is taken from here instead of parsed again.
    pages    every page written, with the stat key it had after the write (a page
             changed or removed by hand since is rendered again) and what it read:
             the numbers of its inputs, sorted, as one array of 4-byte integers.
    inputs   each (file, field) some page read, numbered. "What does this change
             touch?" is answered from these two tables without loading the corpus:
             the numbers of the changed inputs, then the pages whose arrays hold one.
    articles the text file of each article: a changed text is a change of the field
             `text` of the articles that use it.

Everything here is a shortcut: deleting the folder gives the same pages, more
slowly. A store written by another version of the generator, or for other
options, is emptied on opening.
"""

from __future__ import annotations

import os
import pickle
from array import array
import sqlite3
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

from .record import Read

STORE_FILE = "store.sqlite"
StatKey = tuple[int, int, int]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INT, mtime INT, inode INT, value BLOB);
CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, size INT, mtime INT, inode INT, reads BLOB);
CREATE TABLE IF NOT EXISTS inputs (id INTEGER PRIMARY KEY, file TEXT, field TEXT, UNIQUE (file, field));
CREATE TABLE IF NOT EXISTS articles (article TEXT PRIMARY KEY, text TEXT);
CREATE INDEX IF NOT EXISTS articles_by_text ON articles (text);
"""
_TABLES = ("meta", "files", "pages", "inputs", "articles")


def stat_key(path: str | os.PathLike[str]) -> StatKey | None:
    """(size, modification time in ns, inode) of `path`, or None when it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


class Store:
    """One project's store, opened for one build (or kept open by `mkdocs serve`)."""

    def __init__(self, cache_dir: Path, version: str) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.file = cache_dir / STORE_FILE
        try:
            self.db = self._open(version)
        except sqlite3.DatabaseError:  # not a database, or damaged: start again
            self.file.unlink(missing_ok=True)
            self.db = self._open(version)

    def _open(self, version: str) -> sqlite3.Connection:
        """The database, emptied (tables made anew) when another generator or options made it."""
        db = sqlite3.connect(self.file, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            made = None
            if "meta" in tables:
                made = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if made is None or made[0] != version:
                for table in tables:
                    db.execute(f"DROP TABLE {table}")
                if tables:
                    db.execute("VACUUM")  # give the old tables' room back
                db.executescript(_SCHEMA)
                db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction (the connection is in autocommit mode, where `with db:` makes none)."""
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def clear(self) -> None:
        """Forget everything but the version: the next build runs in full."""
        with self._transaction():
            for table in _TABLES:
                self.db.execute(f"DELETE FROM {table}" + (" WHERE key != 'version'" if table == "meta" else ""))

    def _meta(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    # --- files -------------------------------------------------------------------

    def file_keys(self) -> dict[str, tuple[StatKey, bytes]]:
        """Every stored file: its stat key and its pickled value (unpickled when used)."""
        rows = self.db.execute("SELECT path, size, mtime, inode, value FROM files")
        return {path: ((size, mtime, inode), value) for path, size, mtime, inode, value in rows}

    def put_files(self, files: dict[str, tuple[StatKey, Any]], gone: Iterable[str]) -> None:
        """Store the files parsed by this build; drop the ones that are gone or failed."""
        with self._transaction():
            self.db.executemany("DELETE FROM files WHERE path = ?", ((path,) for path in gone))
            self.db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                ((path, *key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
                 for path, (key, value) in files.items()))

    # --- answers of the gazetteer -------------------------------------------------------

    def answers(self) -> dict:
        """The gazetteer's answers kept by the last build (generator/pictures/places.py)."""
        value = self._meta("answers")
        return {} if value is None else pickle.loads(value)

    def put_answers(self, answers: dict) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('answers', ?)",
                        (pickle.dumps(answers, pickle.HIGHEST_PROTOCOL),))

    # --- what pages read --------------------------------------------------------------

    def shared_reads(self) -> set[Read]:
        """The reads made outside any page by the last build."""
        value = self._meta("shared")
        return set() if value is None else pickle.loads(value)

    def readers(self, changed: Iterable[Read]) -> set[str]:
        """The pages that read any of `changed`."""
        numbers = set(self._numbers(changed).values())
        if not numbers:
            return set()
        found: set[str] = set()
        for path, blob in self.db.execute("SELECT path, reads FROM pages"):
            reads = array("I")
            reads.frombytes(blob)
            if not numbers.isdisjoint(reads):
                found.add(path)
        return found

    def page_keys(self) -> dict[str, StatKey]:
        """Every page a build wrote and recorded, with its stat key after that build."""
        rows = self.db.execute("SELECT path, size, mtime, inode FROM pages")
        return {path: (size, mtime, inode) for path, size, mtime, inode in rows}

    def articles_of(self, text: str) -> list[str]:
        """The articles (file paths) whose text is the file `text`."""
        return [path for (path,) in self.db.execute("SELECT article FROM articles WHERE text = ?", (text,))]

    def save_build(
        self,
        shared: set[Read],
        reads: list[Read],
        recorded: dict[str, Sequence[int]],
        keys: dict[str, StatKey | None],
        everything: bool,
        articles: dict[str, str],
    ) -> None:
        """Keep what this build learned: the shared reads, each rendered page's reads, the
        stat keys of the pages on disk (a page not on disk is forgotten), and each article's
        text file (`articles`: article file -> text file).

        `recorded` gives each page's reads as positions in `reads`. `everything`: this build
        rendered every page, so what the store held is replaced.
        """
        with self._transaction():
            if everything:
                for table in ("pages", "inputs", "articles"):
                    self.db.execute(f"DELETE FROM {table}")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('shared', ?)",
                            (pickle.dumps(shared, pickle.HIGHEST_PROTOCOL),))
            inputs = {} if everything else self._numbers(reads)
            new = sorted(set(reads) - inputs.keys())
            start = (self.db.execute("SELECT max(id) FROM inputs").fetchone()[0] or 0) + 1
            numbered = dict(zip(new, range(start, start + len(new))))
            self.db.executemany("INSERT INTO inputs VALUES (?, ?, ?)",
                                ((number, *read) for read, number in numbered.items()))
            inputs.update(numbered)
            ids = array("I", (inputs[read] for read in reads))
            self.db.executemany("DELETE FROM pages WHERE path = ?",
                                ((path,) for path, key in keys.items() if key is None))
            self.db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)", (
                (path, *key, array("I", sorted(ids[position] for position in recorded.get(path, ()))).tobytes())
                for path, key in keys.items() if key is not None))
            self.db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?)", articles.items())

    def _numbers(self, reads: Iterable[Read]) -> dict[Read, int]:
        """The numbers of those of `reads` that are stored (a small build reads few)."""
        found: dict[Read, int] = {}
        reads = list(reads)
        for start in range(0, len(reads), 400):
            chunk = reads[start:start + 400]
            where = " OR ".join(["(file = ? AND field = ?)"] * len(chunk))
            rows = self.db.execute(f"SELECT id, file, field FROM inputs WHERE {where}",
                                   [part for read in chunk for part in read])
            found.update(((file, field), number) for number, file, field in rows)
        return found

    def forget_pages(self, paths: Iterable[str]) -> None:
        """Drop pages no build writes any more (removed from briefings/)."""
        with self._transaction():
            self.db.executemany("DELETE FROM pages WHERE path = ?", ((path,) for path in paths))
