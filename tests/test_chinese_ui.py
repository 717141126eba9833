"""Chinese everywhere: no English string of the theme on any built page (404 included)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import material

# Strings Material prints in English unless translated: every value of its English language
# file (what a missing translation falls back to), and those its templates and MkDocs hard-code.
LANGUAGE_FILE = Path(material.__file__).parent / "templates/partials/languages/en.html"
NOT_SHOWN = ("language", "direction", "search.config.")
HARD_CODED = ["Made with", "Material for MkDocs", "Permanent link", "Not found"]


def english_defaults() -> list[str]:
    pairs = re.findall(
        r'^\s*"([\w.]+)": "(.+)",?$', LANGUAGE_FILE.read_text(encoding="utf-8"), re.M
    )
    shown = [value for key, value in pairs if not key.startswith(NOT_SHOWN)]
    assert len(shown) > 40, "the language file's format changed"
    return shown + HARD_CODED


SHOWN_ATTRIBUTES = frozenset({"title", "aria-label", "placeholder", "alt", "value"})


class _Strings(HTMLParser):
    """Text nodes and the attributes a reader sees or hears."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_data(self, data) -> None:
        if data.strip():
            self.found.append(data)


def shown_strings(html: str) -> list[str]:
    parser = _Strings()
    parser.feed(html)
    return [" ".join(s.split()) for s in parser.found]


def as_pattern(default: str) -> re.Pattern:
    """A default as it appears: '#' stands for a number; a phrase may sit inside longer text."""
    pattern = re.escape(default).replace(r"\#", r"\d+")
    return re.compile(rf"\b{pattern}\b" if " " in default else rf"^{pattern}$")


def test_no_english_ui_string_on_any_page(shipped_site):
    patterns = [as_pattern(default) for default in english_defaults()]
    pages = sorted(shipped_site.rglob("*.html"))
    assert shipped_site / "404.html" in pages
    found = {
        f"{page.relative_to(shipped_site)}: {text[:60]!r}"
        for page in pages
        for text in shown_strings(page.read_text(encoding="utf-8"))
        if any(pattern.search(text) for pattern in patterns)
    }
    assert not found, "\n".join(sorted(found)[:20])


def test_the_check_finds_an_english_string():
    patterns = [as_pattern(default) for default in english_defaults()]
    page = '<a title="Permanent link">¶</a><h1>404 - Not found</h1><p>3 matching documents</p>'
    assert [text for text in shown_strings(page) if any(p.search(text) for p in patterns)] == [
        "Permanent link",
        "404 - Not found",
        "3 matching documents",
    ]


def test_404_page_and_permalinks_are_chinese(shipped_site):
    assert "404 - 页面不存在" in (shipped_site / "404.html").read_text(encoding="utf-8")
    unit = next((shipped_site / "units").iterdir()) / "index.html"
    assert 'title="本节链接"' in unit.read_text(encoding="utf-8")
