"""IMS QTI 2.1: a content package (zip) with one assessmentItem per question and a manifest.

Interactions: choiceInteraction for single, multiple, truefalse and scenario;
textEntryInteraction for fill (every accepted answer mapped, case-insensitive);
orderInteraction for order. Each item scores 1 when fully right and shows the explanation
as modal feedback. The zip is built with fixed timestamps, so the same course gives the
same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import assert_never

from generator.course import model
from generator.course.markdown import render as render_markdown
from generator.locale import strings
from generator.tools.export import dialogue_lines, exported

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entry dates: reproducible bytes


def item_identifier(unit_id: str, question_id: str) -> str:
    """An XML-name-safe identifier; ids hold no '--', so unit and question stay apart."""
    return f"q-{unit_id}--{question_id}"


def write_qti(curriculum: model.Curriculum, target: Path) -> tuple[int, list[str]]:
    """Write the package to ``target``; returns (items written, `unit/id` left out)."""
    questions, skipped = exported(curriculum)
    files = {f"items/{item_identifier(u, q.id)}.xml": assessment_item(u, q) for u, q in questions}
    files["imsmanifest.xml"] = manifest(curriculum.course, files)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name in ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]:
            entry = zipfile.ZipInfo(name, _FIXED_TIME)
            entry.external_attr = 0o644 << 16
            package.writestr(entry, files[name], zipfile.ZIP_DEFLATED)
    return len(questions), skipped


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _html(parent: ET.Element, markdown: str) -> None:
    """Trainer Markdown as XHTML inside ``parent`` (markdown-it output is well-formed for XML)."""
    try:
        # S314: our own renderer's output, which holds no DTD or entity definitions
        wrapper = ET.fromstring(f"<div>{render_markdown(markdown)}</div>")  # noqa: S314
    except ET.ParseError:  # never expected; keep the text rather than lose the item
        wrapper = ET.Element("div")
        _sub(wrapper, "p", markdown)
    parent.extend(list(wrapper))


def assessment_item(unit_id: str, q: model.Portable) -> bytes:
    item = ET.Element(
        "assessmentItem",
        {
            "xmlns": QTI,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": item_identifier(unit_id, q.id),
            "title": f"{unit_id}/{q.id}",
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    response = _sub(item, "responseDeclaration", identifier="RESPONSE", **_response_type(q))
    correct = _sub(response, "correctResponse")
    for value in _correct_values(q):
        _sub(correct, "value", value)
    if isinstance(q, model.FillQuestion):
        mapping = _sub(response, "mapping", defaultValue="0")
        for answer in q.answer:
            _sub(mapping, "mapEntry", mapKey=answer, mappedValue="1", caseSensitive="false")
    score = _sub(
        item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    _sub(_sub(score, "defaultValue"), "value", "0")
    _sub(
        item,
        "outcomeDeclaration",
        identifier="FEEDBACK",
        cardinality="single",
        baseType="identifier",
    )
    body = _sub(item, "itemBody")
    if isinstance(q, model.ScenarioQuestion):
        dialogue = _sub(body, "div", **{"class": "dialogue"})
        for who, text in dialogue_lines(q):
            line = _sub(dialogue, "p")
            _sub(line, "strong", f"{who}：").tail = text
    _html(body, q.stem)
    _interaction(body, q)
    _response_processing(item, q)
    feedback = _sub(
        item,
        "modalFeedback",
        outcomeIdentifier="FEEDBACK",
        identifier="EXPLANATION",
        showHide="show",
    )
    _html(feedback, q.explanation)
    return _xml(item)


def _choice(key: str) -> str:
    return f"choice-{key}"


def _response_type(q: model.Portable) -> dict[str, str]:
    """The responseDeclaration's cardinality and baseType."""
    match q:
        case model.MultipleQuestion():
            return {"cardinality": "multiple", "baseType": "identifier"}
        case model.OrderQuestion():
            return {"cardinality": "ordered", "baseType": "identifier"}
        case model.FillQuestion():
            return {"cardinality": "single", "baseType": "string"}
        case model.SingleQuestion() | model.ScenarioQuestion() | model.TrueFalseQuestion():
            return {"cardinality": "single", "baseType": "identifier"}
        case _:
            assert_never(q)


def _correct_values(q: model.Portable) -> list[str]:
    match q:
        case model.TrueFalseQuestion():
            return [_choice("true" if q.answer else "false")]
        case model.FillQuestion():
            return [q.answer[0]]
        case (
            model.SingleQuestion()
            | model.ScenarioQuestion()
            | model.MultipleQuestion()
            | model.OrderQuestion()
        ):
            return [_choice(k) for k in q.correct_keys()]
        case _:
            assert_never(q)


def _interaction(body: ET.Element, q: model.Portable) -> None:
    attributes = {"responseIdentifier": "RESPONSE"}
    match q:
        case model.FillQuestion():
            _sub(
                _sub(body, "p"),
                "textEntryInteraction",
                **attributes,
                expectedLength=str(max(len(a) for a in q.answer) + 4),
            )
            return
        case model.TrueFalseQuestion():
            tag, choices = "choiceInteraction", [(v, strings()[v]) for v in ("true", "false")]
            attributes.update(shuffle="false", maxChoices="1")
        case model.OrderQuestion():
            tag, choices = "orderInteraction", [(k, o.text) for k, o in q.options.items()]
            attributes.update(shuffle="true")
        case model.MultipleQuestion():
            tag, choices = "choiceInteraction", [(k, o.text) for k, o in q.options.items()]
            attributes.update(shuffle="true", maxChoices="0")
        case model.SingleQuestion() | model.ScenarioQuestion():
            tag, choices = "choiceInteraction", [(k, o.text) for k, o in q.options.items()]
            attributes.update(shuffle="true", maxChoices="1")
        case _:
            assert_never(q)
    interaction = _sub(body, tag, **attributes)
    for key, text in choices:
        choice = _sub(interaction, "simpleChoice", identifier=_choice(key))
        choice.text = text


def _response_processing(item: ET.Element, q: model.Portable) -> None:
    """SCORE 1 when the response is fully right, else 0; FEEDBACK always shows the explanation."""
    processing = _sub(item, "responseProcessing")
    condition = _sub(_sub(processing, "responseCondition"), "responseIf")
    if isinstance(q, model.FillQuestion):  # right when any accepted answer is mapped
        test = _sub(condition, "gt")
        _sub(test, "mapResponse", identifier="RESPONSE")
        _sub(test, "baseValue", "0", baseType="float")
    else:
        test = _sub(condition, "match")
        _sub(test, "variable", identifier="RESPONSE")
        _sub(test, "correct", identifier="RESPONSE")
    _sub(_sub(condition, "setOutcomeValue", identifier="SCORE"), "baseValue", "1", baseType="float")
    _sub(
        _sub(processing, "setOutcomeValue", identifier="FEEDBACK"),
        "baseValue",
        "EXPLANATION",
        baseType="identifier",
    )


def manifest(course: model.Course, files: dict[str, bytes]) -> bytes:
    root = ET.Element(
        "manifest",
        {
            "xmlns": CP,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{CP} {CP_XSD}",
            "identifier": f"manifest-{course.id}",
        },
    )
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "QTIv2.1 Package")
    _sub(metadata, "schemaversion", "1.0.0")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for name in sorted(files):
        resource = _sub(
            resources, "resource", identifier=Path(name).stem, type="imsqti_item_xmlv2p1", href=name
        )
        _sub(resource, "file", href=name)
    return _xml(root)
