"""The shipped course builds with `mkdocs build --strict`, and every question reaches the page
as its YAML says, with nothing loaded from another host."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.course import markdown
from generator.course.load import load_curriculum
from generator.site.render import strings

pytestmark = pytest.mark.slow  # a strict build of the whole shipped course

ROOT = Path(__file__).resolve().parents[1]
CURRICULUM = load_curriculum(ROOT)
QUESTIONS = [(unit_id, q) for unit_id, bank in CURRICULUM.banks.items() for q in bank.questions]


def question_block(site: Path, unit_id: str, question_id: str) -> str:
    page = (site / "units" / unit_id / "index.html").read_text(encoding="utf-8")
    start = page.index(f'data-question-id="{question_id}"')
    end = page.find('<div class="kefu-question"', start)
    return page[start : end if end > 0 else None]


@pytest.mark.parametrize(
    ("unit_id", "question"), QUESTIONS, ids=[f"{u}::{q.id}" for u, q in QUESTIONS]
)
def test_question_reaches_the_page(shipped_site, unit_id, question):
    block = question_block(shipped_site, unit_id, question.id)
    assert f'data-question-type="{question.type}"' in block
    assert markdown.render(question.stem).strip() in block
    assert markdown.render(question.explanation).strip() in block
    for key, option in getattr(question, "options", {}).items():
        marker = f'value="{key}"' if question.type != "order" else f'data-option="{key}"'
        assert marker in block
        assert markdown.render_inline(option.text) in block
        if option.feedback:
            assert markdown.render(option.feedback).strip() in block
    for turn in getattr(question, "dialogue", []):
        assert html.escape(turn.text, quote=False) in block
    if question.type == "truefalse":
        assert 'value="true"' in block and 'value="false"' in block
        assert strings()["true" if question.answer else "false"] in block.split("kefu-answer")[1]
    if question.type == "fill":
        assert 'type="text"' in block


def test_every_unit_page_exists_with_its_quiz(shipped_site):
    for unit_id, bank in CURRICULUM.banks.items():
        page = (shipped_site / "units" / unit_id / "index.html").read_text(encoding="utf-8")
        assert page.count('class="kefu-question"') == len(bank.questions)


EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//(?!127\.0\.0\.1|localhost)""", re.I
)


def test_no_page_loads_anything_from_another_host(shipped_site):
    offenders = []
    for page in shipped_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # Links a reader clicks are fine; anything the page loads by itself is not.
        for tag in re.findall(
            r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", text, re.I
        ):
            if EXTERNAL.search(tag) and 'rel="canonical"' not in tag:
                offenders.append(f"{page.relative_to(shipped_site)}: {tag}")
    assert not offenders, "\n".join(offenders[:20])
    css = "".join(p.read_text(encoding="utf-8") for p in shipped_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_chinese_headings_get_real_anchors(shipped_site):
    page = (shipped_site / "units" / next(iter(CURRICULUM.units)) / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'id="学习目标"' in page
    assert not re.search(r'<h2 id="_\d+"', page)


def test_search_index_is_segmented_keeping_glossary_terms_whole(shipped_site):
    """jieba alone cuts 询单转化率 into 询单 | 转化率; the plugin teaches it every glossary term,
    so a search for the term finds it."""
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "\n".join(doc["title"] + "\n" + doc["text"] for doc in index["docs"])
    assert "\u200b" in text  # jieba word boundaries
    assert "\u200b询单转化率\u200b" in text and "询单\u200b转化率" not in text
