"""No faux italics: CJK fonts have no italic face, so a slanted style would only skew the glyphs.
Emphasis shows as 着重号 (dots under the characters) instead."""

from __future__ import annotations

import pytest

# Elements with Chinese text of their own whose computed style is slanted; the page also gets
# an <em> and a search result's "缺少" line (styled italic by the theme) to check them too.
SLANTED = """() => {
    const em = document.createElement('em'), terms = document.createElement('span');
    em.textContent = '着重';
    terms.className = 'md-search-result__terms';
    terms.textContent = '缺少：退款';
    document.querySelector('.md-typeset p').append(em, terms);
    return [...document.querySelectorAll('body *')]
        .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && /[\\u4e00-\\u9fff]/.test(n.textContent)))
        .filter(el => getComputedStyle(el).fontStyle !== 'normal')
        .map(el => el.tagName.toLowerCase() + '.' + el.className + ': ' + el.textContent.slice(0, 20));
}"""


@pytest.mark.parametrize(
    "path", ["", "units/reception/", "tracks/onboarding/", "glossary/", "progress/"]
)
def test_no_chinese_text_is_slanted(page, shipped_url, path):
    page.goto(shipped_url + path)
    assert page.evaluate(SLANTED) == []
    em = page.locator(".md-typeset em").last
    assert em.evaluate("e => getComputedStyle(e).textEmphasisStyle") == "dot"
