"""Payloads in every text field at once, with the validator switched off, so that only what
stands behind it (the one Markdown renderer, escaping, the sanitizer) keeps the trainee safe;
and once more with the renderer broken too, so the sanitizer stands alone. In Chromium:
nothing runs after every question is answered, no link can run script, and no request
leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import make_project, serve_folder  # tests/conftest.py
from payloads import FIELDS, inject, marker

from generator.course import markdown, model
from generator.site.build import build_site

from .conftest import DESKTOP, FIXTURES

PAGES = [
    "",
    "tracks/basics/",
    "units/alpha/",
    "units/beta/",
    "glossary/",
    "progress/",
    "categories/process/",
]
ANSWER_EVERYTHING = """() => {
    for (const question of document.querySelectorAll('[data-question-id]')) {
        const inputs = [...question.querySelectorAll('input[type=radio], input[type=checkbox]')];
        for (const input of inputs) {
            question.querySelector('[data-quiz-retry]:not([hidden])')?.click();
            input.click();
            question.querySelector('[data-quiz-check]')?.click();
        }
        question.querySelector('input[type=text]')?.setAttribute('value', '');
        question.querySelector('[data-quiz-check]')?.click();
        question.querySelector('[data-quiz-reveal]')?.click();
        question.querySelectorAll('[data-move]').forEach(button => button.click());
    }
    document.querySelectorAll('details').forEach(details => { details.open = true; });
}"""
UNSAFE_LINKS = """() => [...document.querySelectorAll('article a[href], article [src]')]
    .map(element => new URL(element.href || element.src, location.href))
    .filter(url => !['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol)
                   || (url.hostname !== location.hostname && url.protocol.startsWith('http')
                       && !['example.com'].includes(url.hostname)))
    .map(url => url.href)"""


@pytest.fixture(scope="module", params=["renderer and sanitizer", "sanitizer alone"])
def payload_url(request, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model, "markdown_problem", lambda text: None)
        patch.setattr(model, "inline_problem", lambda text: None)
        if request.param == "sanitizer alone":
            patch.setattr(markdown, "render", lambda text: text)
            patch.setattr(markdown, "render_inline", lambda text: text)
        project = make_project(tmp_path_factory.mktemp("payloads"), FIXTURES / "mini")
        inject(project, list(FIELDS))
        site = project.parent / "site"
        url, server = serve_folder(site)
        build_site(project, site_dir=site, site_url=url)
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", PAGES)
def test_nothing_runs_or_loads_from_another_host(pages, payload_url, path):
    page = pages.new(viewport=DESKTOP)
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or request.url))
    page.goto(payload_url + path)
    page.evaluate(ANSWER_EVERYTHING)
    for field in page.locator("article textarea, article input[type=text]").all():
        field.type("<img src=x onerror=alert(1)>")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate(UNSAFE_LINKS) == []
    assert hosts <= {"127.0.0.1"}, hosts
    assert pages.dialogs == []


def test_every_field_reached_the_pages(pages, payload_url):
    """Not vacuous: each field's text is on some page, shown as text."""
    page = pages.new(viewport=DESKTOP)
    seen = ""
    for path in PAGES:
        page.goto(payload_url + path)
        seen += page.evaluate("document.body.textContent") + page.title()  # closed boxes too
        seen += page.locator("[data-answer]").evaluate_all(
            "qs => qs.map(q => q.dataset.answer).join()"
        )
    missing = [field for field in FIELDS if marker(field) not in seen]
    assert missing == []
