"""The quiz assets themselves: small, self-contained, no HTML built from strings, and every
UI string they use is in the locale table."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from generator.site.minify import shipped

ASSETS = Path(__file__).resolve().parents[2] / "generator" / "site" / "assets"
LOCALE = Path(__file__).resolve().parents[2] / "generator" / "locale" / "zh.json"


def test_js_and_css_fit_in_12_kb_gzipped():
    """As shipped (minified): what a trainee's phone downloads."""
    size = sum(len(gzip.compress(shipped(name), 9)) for name in ("quiz.js", "quiz.css"))
    assert size <= 12 * 1024, f"{size} bytes gzipped"


def test_the_shipped_script_is_the_source_less_comments_and_spaces():
    source = (ASSETS / "quiz.js").read_text(encoding="utf-8")
    small = shipped("quiz.js").decode("utf-8")
    assert len(small) < len(source) * 0.85 and "//" not in small.replace("://", "")
    assert re.findall(r"strings\.(\w+)", small) == re.findall(r"strings\.(\w+)", source)


def test_no_html_from_strings_and_nothing_from_another_host():
    js = (ASSETS / "quiz.js").read_text(encoding="utf-8")
    css = (ASSETS / "quiz.css").read_text(encoding="utf-8")
    assert not re.search(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", js
    )
    assert (
        not re.search(r"https?:|//[a-z]", js.replace("// ", ""))
        and "url(" not in css
        and "@import" not in css
    )


def test_every_string_the_script_shows_is_in_the_locale_table():
    js = (ASSETS / "quiz.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bstrings\.(\w+)", js))
    assert used and used <= set(json.loads(LOCALE.read_text(encoding="utf-8")))
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S))
