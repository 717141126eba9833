import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from generator.course.load import load_curriculum

from .helpers import run

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
INTERACTION = {
    "single": "choiceInteraction",
    "multiple": "choiceInteraction",
    "truefalse": "choiceInteraction",
    "scenario": "choiceInteraction",
    "fill": "textEntryInteraction",
    "order": "orderInteraction",
}
CARDINALITY = {"multiple": "multiple", "order": "ordered"}


def export(project: Path, target: Path) -> zipfile.ZipFile:
    result = run(project, "export qti", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert "（6 道题）" in result.stdout and "beta/drill" in result.stdout
    return zipfile.ZipFile(target)


def test_items_have_the_right_interaction_and_key(mini_project: Path, tmp_path: Path):
    package = export(mini_project, tmp_path / "qti.zip")
    curriculum = load_curriculum(mini_project)
    questions = {
        f"q-{u}--{q.id}": q
        for u, b in curriculum.banks.items()
        for q in b.questions
        if q.type != "typing"
    }
    items = {}
    for name in package.namelist():
        if name.startswith("items/"):
            root = ET.fromstring(package.read(name))  # well-formed or this raises
            assert root.tag == f"{QTI}assessmentItem"
            items[root.get("identifier")] = root
            assert name == f"items/{root.get('identifier')}.xml"
    assert set(items) == set(questions)
    for identifier, q in questions.items():
        root = items[identifier]
        interactions = [e for e in root.iter() if e.tag.endswith("Interaction")]
        assert [e.tag for e in interactions] == [QTI + INTERACTION[q.type]], identifier
        declaration = root.find(f"{QTI}responseDeclaration")
        assert declaration.get("cardinality") == CARDINALITY.get(q.type, "single")
        values = [v.text for v in declaration.iter(f"{QTI}value")]
        choices = {c.get("identifier"): c.text for c in interactions[0].iter(f"{QTI}simpleChoice")}
        if q.type in ("single", "scenario"):
            assert [choices[v] for v in values] == [q.options[q.answer].text]
        elif q.type in ("multiple", "order"):
            assert [choices[v] for v in values] == [q.options[k].text for k in q.answer]
        elif q.type == "truefalse":
            assert [choices[v] for v in values] == ["正确" if q.answer else "错误"]
            assert len(choices) == 2
        else:
            assert values == q.answer[:1]
            assert [e.get("mapKey") for e in declaration.iter(f"{QTI}mapEntry")] == q.answer
        if q.type == "multiple":
            assert interactions[0].get("maxChoices") == "0"
        feedback = "".join(root.find(f"{QTI}modalFeedback").itertext())
        assert q.explanation in feedback
    dialogue = "".join(items["q-beta--role-play"].find(f"{QTI}itemBody").itertext())
    assert "顾客：怎么还没发货？" in dialogue


def test_manifest_lists_every_item_file(mini_project: Path, tmp_path: Path):
    package = export(mini_project, tmp_path / "qti.zip")
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    listed = [r.get("href") for r in resources]
    in_zip = sorted(n for n in package.namelist() if n != "imsmanifest.xml")
    assert sorted(listed) == in_zip and len(in_zip) == 6
    assert {r.get("type") for r in resources} == {"imsqti_item_xmlv2p1"}
    assert all(r.find(f"{CP}file").get("href") == r.get("href") for r in resources)


def test_markdown_becomes_xhtml_and_output_is_reproducible(mini_project: Path, tmp_path: Path):
    bank = mini_project / "quizzes/alpha.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "stem: 选出正确的一项。",
            'stem: "选出 **正确** 的一项 1 < 2 & \\"引号\\"：\\n\\n- 一\\n- 二"',
        ),
        encoding="utf-8",
    )
    package = export(mini_project, tmp_path / "one.zip")
    body = ET.fromstring(package.read("items/q-alpha--pick-one.xml")).find(f"{QTI}itemBody")
    assert body.find(f"{QTI}p/{QTI}strong").text == "正确"
    assert '1 < 2 & "引号"' in "".join(body.itertext())  # escaped for XML, read back as text
    assert [li.text for li in body.iter(f"{QTI}li")] == ["一", "二"]
    export(mini_project, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
