"""Fixes from the outside review (issue 14), part A: each test fails without its fix."""

from __future__ import annotations

from conftest import CONTENT, ROOT, SHIPPED


# --- item 11: a user's content never breaks the tests ---------------------------------------


def test_tests_read_a_fixture_tree_not_the_users_content_folder():
    assert CONTENT.resolve() != SHIPPED.resolve()
    assert not CONTENT.resolve().is_relative_to(ROOT.resolve())
    assert sorted(p.name for p in CONTENT.iterdir()) == ["china-russia", "memos"]


# --- item 18: `briefgen --help` shows whole command summaries ----------------------------------


def test_help_lists_every_command_with_a_whole_summary():
    from click.testing import CliRunner

    from briefgen.cli import cli

    for width in (80, 60):
        result = CliRunner().invoke(cli, ["--help"], terminal_width=width)
        assert result.exit_code == 0
        commands = result.output.split("Commands:\n", 1)[1]
        assert "..." not in commands, commands
        names = [line.split()[0] for line in commands.splitlines() if line.startswith("  ") and not line.startswith("   ")]
        assert names == sorted(cli.commands)
        summaries = " ".join(" ".join(line.split()[1:] if line.startswith("  ") and not line.startswith("   ")
                                      else line.split()) for line in commands.splitlines())
        assert summaries.count(".") >= len(names)  # each summary is a whole sentence
