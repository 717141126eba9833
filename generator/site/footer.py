"""MkDocs' previous/next footer and open nav section, in track order.

A unit listed under two tracks is one Page in two places of the nav, and MkDocs would link it
by its last place. Each unit page gets the neighbours of its first track instead (the ends of
a track lead to the track page, as the next-unit link does) and that track as its parent.
"""

from __future__ import annotations

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from generator.course import model
from generator.site.nav import places, track_page


def follow_tracks(nav: Navigation, curriculum: model.Curriculum) -> None:
    pages = {page.file.src_uri: page for page in nav.pages}
    _first_parents(nav.items, None, set())
    for unit_id, unit_places in places(curriculum).items():
        page = pages.get(f"units/{unit_id}.md")
        if not page or not unit_places:
            continue
        place = unit_places[0]
        overview = pages.get(track_page(place.track.id))
        page.previous_page = pages.get(f"units/{place.previous}.md") if place.previous else overview
        page.next_page = pages.get(f"units/{place.next}.md") if place.next else overview


def _first_parents(items: list[StructureItem], parent: Section | None, seen: set[int]) -> None:
    for item in items:
        if isinstance(item, Section):
            _first_parents(item.children, item, seen)
        elif isinstance(item, Page) and id(item) not in seen:
            seen.add(id(item))
            item.parent = parent
