"""The strict YAML reader: text stays text, and every trap PyYAML leaves open is closed."""

from __future__ import annotations

import time

from briefgen.errors import Collector
from briefgen.yamlsafe import MAX_BYTES, parse_yaml


def parse(text: str | bytes):
    problems = Collector()
    raw = text.encode() if isinstance(text, str) else text
    return parse_yaml(raw, "f.yaml", problems), [str(p) for p in problems.problems]


def test_scalars_stay_exactly_as_written():
    doc, errors = parse("a: NO\nb: 012345\nc: 1.10\nd: 12:30\ne: yes\nf: ~\ng:\nh: 'null'\n")
    assert errors == []
    assert doc.data == {
        "a": "NO", "b": "012345", "c": "1.10", "d": "12:30", "e": "yes", "f": None, "g": None, "h": "null",
    }


def test_lines_are_recorded_for_keys_and_list_entries():
    doc, _ = parse("items:\n  - id: a\n    quote: >-\n      x\n  - id: b\n")
    assert doc.line(("items", 0, "quote")) == 3
    assert doc.line(("items", 1)) == 5
    assert doc.line(("items", 1, "missing")) == 5


def test_duplicate_key_names_both_lines():
    _, errors = parse("a: 1\nb: 2\na: 3\n")
    assert errors == ["f.yaml:3: a: duplicate key 'a' (first defined on line 1)"]


def test_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    start = time.perf_counter()
    doc, errors = parse(bomb)
    assert time.perf_counter() - start < 1
    assert doc is None
    assert errors == ["f.yaml:1: YAML syntax: anchors (&a) are not allowed"]


def test_alias_without_anchor_definition_is_refused():
    _, errors = parse("a: *x\n")
    assert len(errors) == 1 and "f.yaml:1:" in errors[0]


def test_python_tags_are_refused():
    _, errors = parse("a: !!python/object/apply:os.system ['echo hi']\n")
    assert errors == ["f.yaml:1: YAML syntax: tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"]


def test_merge_keys_are_refused():
    _, errors = parse("a:\n  <<: {b: 1}\n")
    assert errors == ["f.yaml:2: a: merge keys (<<) are not allowed"]


def test_non_utf8_names_the_line():
    _, errors = parse(b"a: 1\nb: caf\xe9\n")
    assert errors == ["f.yaml:2: not UTF-8 text (byte 0xe9 at offset 11)"]


def test_empty_and_comment_only_files_are_errors():
    assert parse("")[1] == ["f.yaml:1: file is empty"]
    assert parse("# nothing\n")[1] == ["f.yaml:1: file is empty"]


def test_size_cap():
    _, errors = parse("a: " + "x" * MAX_BYTES)
    assert errors == [f"f.yaml: file is {MAX_BYTES + 3:,} bytes; the limit is {MAX_BYTES:,}"]


def test_syntax_error_has_a_line():
    _, errors = parse("a: [1, 2\nb: 3\n")
    assert len(errors) == 1 and errors[0].startswith("f.yaml:") and "YAML syntax" in errors[0]


def test_bom_is_accepted():
    doc, errors = parse(b"\xef\xbb\xbfa: 1\n")
    assert errors == [] and doc.data == {"a": "1"}
