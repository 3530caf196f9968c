"""The strict YAML reader: text stays text, and every trap PyYAML leaves open is closed."""

from __future__ import annotations

import time

import pytest
from conftest import DOSSIER, build_principal_flash, run_briefgen, snapshot_tree

from briefgen.errors import Collector, ContentError
from briefgen.content.load import load_one
from briefgen.content.yamlsafe import MAX_BYTES, parse_yaml


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


# --- errors reported where they were made (issue 23, item 1) -------------------------------------

ITEMS = (DOSSIER / "items.yaml").read_text()


def _with_line(text: str, number: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines)


def test_a_quote_never_closed_is_reported_where_it_opens_not_at_the_end_of_the_file():
    line = next(n for n, text in enumerate(ITEMS.split("\n"), 1) if n > 40 and "headline: " in text)
    _, errors = parse(_with_line(ITEMS, line, "headline: ", 'headline: "'))
    assert errors == [f'f.yaml:{line}: YAML syntax: the quote (") that opens on line {line} is never closed']
    _, errors = parse("a: 'one\nb: two\n")
    assert errors == ["f.yaml:1: YAML syntax: the quote (') that opens on line 1 is never closed"]


def test_a_quote_closed_only_by_the_next_quote_in_the_file_is_reported_where_it_opens():
    lines = ITEMS.split("\n")
    first = next(n for n, text in enumerate(lines, 1) if "headline: " in text)
    later = next(n for n, text in enumerate(lines, 1) if n > first + 3 and "headline: " in text)
    text = _with_line(ITEMS, first, "headline: ", 'headline: "')
    text = _with_line(text, later, lines[later - 1].strip(), lines[later - 1].strip().replace(": ", ': "', 1) + '"')
    _, errors = parse(text)
    assert errors == [f'f.yaml:{first}: YAML syntax: the quote (") that opens on line {first} is not closed on that '
                      f'line: the value runs on to the next ", on line {later}, taking in the lines between']


def test_a_quoted_value_written_over_several_lines_on_purpose_is_not_blamed():
    doc, errors = parse('a: "one\n  two"\nb: x\n')
    assert errors == [] and doc.data == {"a": "one two", "b": "x"}
    _, errors = parse('a: "one\n  two"\n b: x\n')
    assert errors and "quote" not in errors[0], errors


@pytest.mark.parametrize("text, expected", [
    # an unclosed bracket: where it opens
    ("a: x\nb: [1, 2\nc: 3\n", "f.yaml:2: YAML syntax: the [ that opens on line 2 is never closed (a missing ], "
                               "or a missing comma between two entries)"),
    # "mapping values are not allowed": the indentation, or a value that holds ": "
    ("items:\n  - id: a\n    headline: x\n      summary: y\n",
     "f.yaml:4: YAML syntax: mapping values are not allowed here (line 4 is indented deeper than line 3, where "
     "'headline' already has a value: indent it like the keys above, or put a value that holds ': ' in quotes)"),
    ("a: note: this\n", "f.yaml:1: YAML syntax: mapping values are not allowed here (the value of 'a' on line 1 "
                        "holds ': ': put the value in quotes)"),
    # a key that lines up with nothing above it
    ("items:\n  - id: a\n    headline: x\n   summary: y\n",
     "f.yaml:4: YAML syntax: while parsing a block collection, did not find expected '-' indicator (line 4 is "
     "indented 3 spaces; the keys and list entries above it are indented 0, 2 or 4)"),
    # text after a closing quote: how to write the quote inside
    ("a: x\nb: 'it's'\n", "f.yaml:2: YAML syntax: while parsing a block mapping, did not find expected key (text "
                          "follows the closing quote (') on line 2: inside '…' write a ' as '', or leave the value "
                          "unquoted)"),
])
def test_syntax_errors_say_what_to_fix(text, expected):
    assert parse(text)[1] == [expected]


# --- in a dossier: a tab in the indentation, nesting too deep ------------------------------------


def test_tab_indentation_hints_indent_with_spaces(content):
    f = content / "china-russia/timeline.yaml"
    lines = f.read_text().splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("    ") and i > 2)
    lines[n] = "\t" + lines[n].lstrip(" ")
    f.write_text("".join(lines))
    with pytest.raises(ContentError) as info:
        load_one(content / "china-russia")
    (message,) = str(info.value).splitlines()
    assert message.startswith(f"{f}:{n + 1}: YAML syntax: ")
    assert message.endswith(f"(line {n + 1} is indented with a tab: indent with spaces)")


@pytest.mark.parametrize("nesting", ["a: " + "[" * 300_000 + "\n", "".join("  " * i + "k:\n" for i in range(60))],
                         ids=["flow", "block"])
def test_pathologically_nested_yaml_is_a_located_error(content, tmp_path, nesting):
    """Extreme input fails cleanly: located, exit 2, no traceback, the outputs untouched."""
    out = tmp_path / "out"
    before = build_principal_flash(content, out)
    f = content / "china-russia/zz-nested.yaml"
    f.write_text(nesting)
    proc = run_briefgen("build", "--content", str(content), "--output", str(out), "--audience", "principal",
                        "--length", "flash", "--force")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    line = 1 if nesting.startswith("a:") else 51
    assert proc.stderr.strip() == f"{f}:{line}: YAML syntax: nested more than 50 levels deep"
    assert snapshot_tree(out) == before
