"""Document metadata from dossier.yaml: a title or author too long for the documents is a located
error that leaves the outputs untouched; a long topic and keywords are cut to what DOCX holds."""

from __future__ import annotations

import docx
import pytest
from conftest import build_principal_flash, run_briefgen, snapshot_tree

from briefgen.build import BuildOptions, build


@pytest.mark.parametrize("field,old,limit", [
    ("dossier.title", "  title: China-Russia Relations\n", 200),
    ("dossier.author", "  author: Briefing staff\n", 200),
    ("dossier.editions[0].title", "      title: China-Russia Relations\n", 300),
])
def test_metadata_text_too_long_for_documents_is_a_located_error(content, tmp_path, field, old, limit):
    out = tmp_path / "out"
    before = build_principal_flash(content, out)
    f = content / "china-russia/dossier.yaml"
    text = f.read_text()
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    f.write_text(text.replace(old, old.split(":")[0] + ": " + "Relations " * 40 + "\n", 1))
    proc = run_briefgen("build", "--content", str(content), "--output", str(out), "--force")
    assert proc.returncode == 2 and "internal error" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith(f"{f}:{line}: {field}: must be at most {limit} characters, got 'Relations")
    assert snapshot_tree(out) == before


def test_long_topic_and_keywords_build_with_metadata_cut_to_docx_limits(content, tmp_path):
    f = content / "china-russia/dossier.yaml"
    text = f.read_text()
    text = text.replace("  topic: >-\n", "  topic: >-\n    " + "Relations between two powers, " * 25 + "\n", 1)
    text = text.replace("    - sanctions\n", "".join(f"    - keyword number {n} about sanctions and trade\n" for n in range(12)))
    f.write_text(text)
    build(BuildOptions(content=content, output=tmp_path / "out", audience="principal", length="flash", format="docx"))
    props = docx.Document(str(tmp_path / "out/china-russia/china-russia-principal-flash.docx")).core_properties
    assert len(props.subject) <= 255 and props.subject.endswith("…") and props.subject.startswith("Relations between")
    assert len(props.keywords) <= 255 and props.keywords.endswith("…")
