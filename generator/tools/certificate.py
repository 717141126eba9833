"""Track certificates (结业证明): the short code a certificate carries, checked against a
trainee's results file.

The track page prints the code once every unit of a track is passed; quiz.js computes it
from the same figures the results file holds, so `curriculum report FILES --verify CODE` can
name the file, trainee and track it belongs to. The code ties a certificate to a results
file; it is no signature (the page computes it in the open).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.course import model
from generator.tools.report import ResultsFile


def certificate_code(text: str) -> str:
    """FNV-1a (32 bits) over UTF-16 code units, as XXXX-XXXX: quiz.js certificateCode."""
    value = 0x811C9DC5
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        value = ((value ^ int.from_bytes(units[i : i + 2], "little")) * 16777619) & 0xFFFFFFFF
    code = f"{value:08X}"
    return f"{code[:4]}-{code[4:]}"


@dataclass(frozen=True)
class Certificate:
    results: ResultsFile
    track: model.Track
    code: str


def certificates(course: model.Course, results: ResultsFile) -> Iterator[Certificate]:
    """A certificate for every track whose units the file shows all passed."""
    units = {r.unit: r for r in results.units}
    for track in course.tracks:
        passed = [units.get(u) for u in track.units]
        if all(r is not None and r.passed for r in passed):
            figures = [f"{r.unit}:{r.score}:{r.total}:{r.date}" for r in passed if r]
            text = "|".join([course.id, track.id, results.trainee, *figures])
            yield Certificate(results, track, certificate_code(text))


def verify(course: model.Course, files: list[ResultsFile], code: str) -> list[Certificate]:
    """The certificates among the files that carry `code` (written with or without the dash,
    in either case)."""
    wanted = code.strip().upper().replace("-", "")
    return [c for f in files for c in certificates(course, f) if c.code.replace("-", "") == wanted]
