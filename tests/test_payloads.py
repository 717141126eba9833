"""Each field class on its own: the validator refuses payloads in trainer Markdown with a
message naming the file and field, and plain-text fields keep them as text. One test per
field, so a refusal in one field cannot mask another."""

from __future__ import annotations

import pytest
from payloads import CHECKED, FIELDS, inject, marker

from generator.course.load import load_curriculum
from generator.course.problems import ProblemsFound
from generator.site.render import render_site

pytestmark = pytest.mark.usefixtures("english")  # about robustness, not wording


@pytest.mark.parametrize("field", sorted(CHECKED))
def test_payloads_in_markdown_fields_are_refused_at_their_field(mini_project, field):
    inject(mini_project, [field])
    with pytest.raises(ProblemsFound) as raised:
        load_curriculum(mini_project)
    file = FIELDS[field][0]
    assert raised.value.problems and all(p.file == file for p in raised.value.problems)
    messages = " ".join(p.message for p in raised.value.problems)
    assert "raw HTML" in messages or "uses 'javascript:'" in messages


@pytest.mark.parametrize("field", sorted(set(FIELDS) - CHECKED))
def test_payloads_in_plain_text_fields_reach_the_page_as_text(mini_project, field):
    inject(mini_project, [field])
    site = render_site(load_curriculum(mini_project))
    pages = "".join(site.standalone(page) for page in site.pages)
    assert marker(field) in pages
    assert "<script>(window" not in pages and "<img src=x" not in pages and "<svg/" not in pages
