"""The shipped course: complete, every type used, items well written, and in its own words."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator.load import load_curriculum

ROOT = Path(__file__).resolve().parents[1]
CURRICULUM = load_curriculum(ROOT)
QUESTIONS = [q for bank in CURRICULUM.banks.values() for q in bank.questions]
CHOICE = [q for q in QUESTIONS if q.type in ("single", "scenario")]
ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality.py"


def test_size_of_the_course():
    assert len(CURRICULUM.units) >= 16
    assert len(QUESTIONS) >= 150
    for unit_id, bank in CURRICULUM.banks.items():
        assert len(bank.questions) >= 6, unit_id


def test_every_category_and_type_is_covered():
    assert {u.category for u in CURRICULUM.units.values()} == {
        "qualities", "knowledge", "process", "motivation", "faq"}
    types = Counter(q.type for q in QUESTIONS)
    assert set(types) == {"single", "multiple", "truefalse", "fill", "order", "scenario", "typing"}
    assert types["scenario"] >= 30 and types["order"] >= 10


def test_every_scenario_reply_has_feedback():
    missing = [q.id for q in QUESTIONS if q.type == "scenario"
               for o in q.options.values() if not o.feedback]
    assert not missing


def test_motivation_units_are_for_trainers():
    assert all(u.audience == "trainer" for u in CURRICULUM.units.values() if u.category == "motivation")


def test_tracks_cover_every_unit():
    in_tracks = {u for track in CURRICULUM.course.tracks for u in track.units}
    assert in_tracks == set(CURRICULUM.units)
    assert {t.audience for t in CURRICULUM.course.tracks} == {"trainee", "trainer"}


def test_no_answer_position_holds_more_than_40_percent():
    positions = Counter(list(q.options).index(q.answer) for q in CHOICE)
    assert max(positions.values()) <= 0.4 * len(CHOICE), positions


def test_key_is_rarely_the_uniquely_longest_option():
    def uniquely_longest(q):
        lengths = sorted((len(o.text) for o in q.options.values()), reverse=True)
        return len(q.options[q.answer].text) == lengths[0] > lengths[1]
    longest = [q.id for q in CHOICE if uniquely_longest(q)]
    assert len(longest) <= 0.4 * len(CHOICE), longest


@pytest.mark.parametrize("phrase", ["以上都对", "以上都不对", "都不是", "以上皆是", "以上均正确", "以上全部"])
def test_no_all_or_none_of_the_above(phrase):
    assert not [q.id for q in QUESTIONS for o in getattr(q, "options", {}).values() if phrase in o.text]


@pytest.mark.skipif(not ORIGINALITY.is_file(), reason="the source documents are not beside this clone")
def test_no_sentence_is_copied_from_a_source():
    result = subprocess.run([sys.executable, str(ORIGINALITY)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
