"""The safety net behind the Markdown check: an allow-list sanitizer (nh3, i.e. Ammonia) over
every page's content HTML and over exams, answer sheets and reports.

It allows only the tags, attributes and URL schemes that the templates and the Markdown
renderers produce. Trainer text that the validator refuses still gets its message with
file:line; this is what stands between a trainee and anything the validator missed.
"""

from __future__ import annotations

import re

import nh3

TAGS = {
    # text and structure, as Markdown and the templates produce it
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    # the quiz and progress widgets
    "button",
    "input",
    "label",
    "textarea",
}
GENERIC_ATTRIBUTES = {"class", "id", "title", "role", "hidden", "tabindex", "lang", "dir"}
ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "details": {"open"},
    "ol": {"start", "reversed"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "input": {
        "type",
        "name",
        "value",
        "checked",
        "disabled",
        "autocomplete",
        "autocapitalize",
        "spellcheck",
        "maxlength",
        "placeholder",
        "inputmode",
    },
    "textarea": {"name", "rows", "cols", "autocomplete", "spellcheck", "maxlength", "placeholder"},
    "button": {"type", "disabled"},
    "label": {"for"},
}
ATTRIBUTE_PREFIXES = {"data-", "aria-"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:|//|\\\\)", re.IGNORECASE)


def _no_remote_sources(tag: str, attribute: str, value: str) -> str | None:
    """Images load from the site itself only: the site must work offline and from China."""
    if attribute == "src" and _REMOTE.match(value):
        return None
    return value


def clean(html: str) -> str:
    """Content HTML with everything off the allow-list removed (scripts with their content)."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes={"*": GENERIC_ATTRIBUTES, **ATTRIBUTES},
        generic_attribute_prefixes=ATTRIBUTE_PREFIXES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_no_remote_sources,
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )


_BODY = re.compile(r"(<body[^>]*>)(.*)(</body>)", re.DOTALL | re.IGNORECASE)


def clean_document(html: str) -> str:
    """A whole document of ours (exam, report): its <head> is the template's, its body is
    cleaned like page content."""
    match = _BODY.search(html)
    if not match:
        return clean(html)
    return html[: match.start(2)] + clean(match.group(2)) + html[match.end(2) :]
