"""The course as a trainee walks it: tracks in course order, units in track order.

Gives each unit its place in every track it belongs to (for the "第 3/16 单元" line and the
next-unit link), the site navigation organised by track, and, for MkDocs, the footer's
previous/next links in the same order. A long run of units is cut into groups of CHUNK so
that Material's `navigation.prune` renders only the current group: the nav of a page, and so
the cost of building it, stays small however many units the course has.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeAlias

from generator.course import model

CHUNK = 20
NavItem: TypeAlias = "str | dict[str, str | list[NavItem]]"  # as mkdocs.yml writes `nav`
Strings: TypeAlias = dict[str, Any]


@dataclass(frozen=True)
class Place:
    """Where a unit sits in one track; previous/next are unit ids, None at either end."""

    track: model.Track
    number: int  # 1-based
    previous: str | None
    next: str | None

    @property
    def total(self) -> int:
        return len(self.track.units)


def track_page(track_id: str) -> str:
    """A track's page is the index of its folder: with `navigation.indexes` the track's title
    in the nav opens it."""
    return f"tracks/{track_id}/index.md"


def places(curriculum: model.Curriculum) -> dict[str, list[Place]]:
    """Every unit's places, in course track order: the first is the one followed by default."""
    found: dict[str, list[Place]] = {unit_id: [] for unit_id in curriculum.units}
    for track in curriculum.course.tracks:
        ids = track.units
        for i, unit_id in enumerate(ids):
            before = ids[i - 1] if i else None
            after = ids[i + 1] if i + 1 < len(ids) else None
            found[unit_id].append(Place(track, i + 1, before, after))
    return found


def untracked(curriculum: model.Curriculum) -> list[str]:
    """Units in no track, in file-name order: they still need a place in the navigation."""
    tracked = {unit_id for track in curriculum.course.tracks for unit_id in track.units}
    return [unit_id for unit_id in curriculum.units if unit_id not in tracked]


def site_nav(
    curriculum: model.Curriculum,
    t: Strings,
    pages: set[str],
    source: Callable[[str], str] = str,
) -> list[NavItem]:
    """MkDocs-style nav: home, 学习路径 (one section per track), units in no track, 学习进度,
    错题本, 术语表. Category pages stay out of it: the home page links them. ``source`` gives
    the file a page is written to (another engine's pages are folders)."""
    tracks: list[NavItem] = [
        {
            nav_title(track.title): [
                {nav_title(track.title): source(track_page(track.id))},
                *_chunked(curriculum, track.units, t, source),
            ]
        }
        for track in curriculum.course.tracks
    ]
    nav: list[NavItem] = [
        {nav_title(curriculum.course.title): source("index.md")},
        {t["home_tracks"]: tracks},
    ]
    if others := untracked(curriculum):
        nav.append({t["other_units"]: _chunked(curriculum, others, t, source)})
    nav.append({t["progress_title"]: source("progress.md")})
    nav.append({t["review_title"]: source("review.md")})
    if source("glossary.md") in pages:
        nav.append({t["glossary_title"]: source("glossary.md")})
    return nav


def _chunked(
    curriculum: model.Curriculum, unit_ids: list[str], t: Strings, source: Callable[[str], str]
) -> list[NavItem]:
    entries: list[NavItem] = [
        {nav_title(curriculum.units[u].title): source(f"units/{u}.md")} for u in unit_ids
    ]
    if len(entries) <= CHUNK:
        return entries
    return [
        {
            t["units_range"].format(first=i + 1, last=min(i + CHUNK, len(entries))): entries[
                i : i + CHUNK
            ]
        }
        for i in range(0, len(entries), CHUNK)
    ]


def nav_title(text: str) -> str:
    """The theme prints nav titles as HTML, and un-escapes them into <title> (striptags): a
    zero-width space after each '<' keeps YAML text from ever forming a tag, even there."""
    return html.escape(text.replace("<", "<\u200b"))
