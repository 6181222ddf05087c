"""Front matter is written without a YAML library: whatever the text, YAML reads back the same values."""

from __future__ import annotations

import html

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.render import _front_matter

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
"""Any text a YAML file can hold (no lone surrogates), control characters and line separators included."""


def _read(front: str) -> dict:
    assert front.startswith("---\n") and front.endswith("\n---\n")
    return yaml.safe_load(front[4:-4])


@given(title=TEXT, tags=st.lists(TEXT, max_size=3))
def test_front_matter_reads_back_as_the_escaped_text(title: str, tags: list[str]) -> None:
    read = _read(_front_matter(title=title, tags=tags, search={"exclude": True}))
    assert read.get("title") == (html.escape(title) if title else None)
    assert read.get("tags") == ([html.escape(t) for t in tags] if tags else None)
    assert read["search"] == {"exclude": True}


def test_front_matter_keeps_markup_escaped_and_leaves_out_empty_values() -> None:
    read = _read(_front_matter(title='<script>"x"</script>\u2028#: - ', description="", tags=[]))
    assert read == {"title": "&lt;script&gt;&quot;x&quot;&lt;/script&gt;\u2028#: - "}
