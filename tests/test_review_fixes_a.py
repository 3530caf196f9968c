"""Fixes from the outside review (issue 14), part A: each test fails without its fix."""

from __future__ import annotations

from conftest import CONTENT, ROOT, SHIPPED


# --- item 11: a user's content never breaks the tests ---------------------------------------


def test_tests_read_a_fixture_tree_not_the_users_content_folder():
    assert CONTENT.resolve() != SHIPPED.resolve()
    assert not CONTENT.resolve().is_relative_to(ROOT.resolve())
    assert sorted(p.name for p in CONTENT.iterdir()) == ["china-russia", "memos"]
