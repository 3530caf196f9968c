"""``briefgen`` command line: thin commands over the library functions of the same names.

Heavy modules (WeasyPrint, python-docx) are imported inside the commands that need them, so
``briefgen --help``, ``list`` and ``check`` start quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import BriefgenError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _content_option(f):
    return click.option(
        "--content",
        "content",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("content"),
        show_default=True,
        help="Folder holding one sub-folder per dossier.",
    )(f)


def _templates_option(f):
    return click.option(
        "--templates",
        "templates",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=None,
        help="Your own templates folder; its files override the built-in ones file by file.",
    )(f)


@click.group(context_settings=CONTEXT)
@click.option("--debug", is_flag=True, help="Show a traceback for errors (for reporting bugs).")
@click.version_option(package_name="briefgen")
def cli(debug: bool) -> None:
    """Briefing documents in PDF and DOCX, for several readers and lengths, from sourced content.

    \b
    Example:
        briefgen check
        briefgen build --dossier china-russia --audience principal
    """


@cli.command(context_settings=CONTEXT)
@_content_option
@click.option("--dossier", default=None, help="Check only this dossier.")
def check(content: Path, dossier: str | None) -> None:
    """Validate every dossier: schema, ids, editions, verbatim quotes, reading level.

    Reports every problem as FILE:LINE: FIELD: MESSAGE and exits 2 if any is an error.

    \b
    Example:
        briefgen check
        briefgen check --content ~/briefs/content --dossier china-russia
    """
    from .check import check as run_check

    report = run_check(content, dossier)
    for problem in report.problems.problems:
        click.echo(str(problem), err=True)
    if not report.ok:
        n = len(report.problems.errors)
        w = len(report.problems.warnings)
        click.echo(f"{n} error{'s' * (n != 1)}, {w} warning{'s' * (w != 1)}", err=True)
        sys.exit(2)
    click.echo(report.summary())


def main(argv: list[str] | None = None) -> None:
    """Console entry point: user errors exit 2 with located messages and no traceback."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="briefgen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except BriefgenError as exc:
        if debug:
            raise
        for problem in exc.problems:
            click.echo(str(problem).lstrip(": "), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
