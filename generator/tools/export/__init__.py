"""Exports of the question banks for other systems (Moodle GIFT, IMS QTI 2.1, spreadsheets).

Helpers here are shared by every export and by the paper exam, so a question reads the
same wherever it goes.
"""

from __future__ import annotations

from generator.course import model
from generator.locale import strings


def dialogue_lines(q: model.ScenarioQuestion) -> list[tuple[str, str]]:
    """(speaker label, text) for each turn, with the question's own labels when it has them."""
    labels = {**strings()["speaker"], **q.speakers}
    return [(labels[turn.speaker], turn.text) for turn in q.dialogue]


def exported(
    curriculum: model.Curriculum,
) -> tuple[list[tuple[str, model.Portable]], list[str]]:
    """(unit id, question) pairs other systems can take, and the `unit/id` of those left out."""
    kept: list[tuple[str, model.Portable]] = []
    skipped: list[str] = []
    for unit_id, bank in curriculum.banks.items():
        for q in bank.questions:
            if model.leaves_site(q):
                kept.append((unit_id, q))
            else:
                skipped.append(f"{unit_id}/{q.id}")
    return kept, skipped
