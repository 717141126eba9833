"""Search finds lessons: quizzes stay out of the index (their options, feedback and
explanations would give the answers away), and each glossary term is an entry of its own."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.course import markdown
from generator.course.load import load_curriculum

ROOT = Path(__file__).resolve().parents[1]
CURRICULUM = load_curriculum(ROOT)


def plain(text: str) -> str:
    """Text without tags, entities, spaces or jieba's zero-width word breaks."""
    return re.sub(r"[\s\u200b]+", "", html.unescape(re.sub(r"<[^>]+>", "", text)))


@pytest.fixture(scope="module")
def index(shipped_site) -> list[dict]:
    text = (shipped_site / "search" / "search_index.json").read_text(encoding="utf-8")
    return json.loads(text)["docs"]


@pytest.fixture(scope="module")
def lessons(shipped_site) -> str:
    """Every page's text before its quiz: what search may rightly show."""
    pages = [p.read_text(encoding="utf-8") for p in shipped_site.rglob("*.html")]
    return "".join(plain(page.split('<div class="kefu-quiz"')[0]) for page in pages)


def quiz_texts():
    for unit_id, bank in CURRICULUM.banks.items():
        for q in bank.questions:
            yield unit_id, q.id, "explanation", q.explanation
            for key, option in getattr(q, "options", {}).items():
                yield unit_id, q.id, f"option {key}", option.text
                if option.feedback:
                    yield unit_id, q.id, f"feedback {key}", option.feedback


def test_no_option_feedback_or_explanation_text_in_the_index(index, lessons):
    indexed = "|".join(plain(entry["title"]) + "|" + plain(entry["text"]) for entry in index)
    leaked = [
        (unit_id, question_id, part)
        for unit_id, question_id, part, text in quiz_texts()
        if (words := plain(markdown.render(text))) in indexed and words not in lessons
    ]
    assert not leaked, leaked[:10]
    assert not [e for e in index if plain(e["title"]) == "自测练习"]


def test_the_lesson_check_sees_quiz_text(lessons):
    """The allowance above (a text the lesson itself says) must not swallow every quiz."""
    in_lessons = [t for *_, t in quiz_texts() if plain(markdown.render(t)) in lessons]
    assert len(in_lessons) < 0.05 * len(list(quiz_texts()))


def test_each_glossary_term_is_an_entry_of_its_own(index):
    terms = {term.term for unit in CURRICULUM.units.values() for term in unit.glossary}
    entries = [e for e in index if e["location"].startswith("glossary/#")]
    assert sorted(plain(e["title"]) for e in entries) == sorted(plain(t) for t in terms)
