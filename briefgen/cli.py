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


@cli.command(context_settings=CONTEXT, short_help="Validate dossiers: schema, quotes, reading level.")
@_content_option
@click.option("--dossier", default=None, help="Check only this dossier.")
@click.option("--strict", is_flag=True, help="Treat warnings (and a draft's to-dos) as errors.")
def check(content: Path, dossier: str | None, strict: bool) -> None:
    """Validate every dossier: schema, ids, editions, verbatim quotes, reading level, wording.

    Reports every problem as FILE:LINE: FIELD: MESSAGE and exits 2 if any is an error.

    \b
    Example:
        briefgen check
        briefgen check --content ~/briefs/content --dossier china-russia
        briefgen check --strict
    """
    from .check import check as run_check

    report = run_check(content, dossier, strict)
    for problem in report.problems.problems:
        click.echo(str(problem), err=True)
    if not report.ok:
        n = len(report.problems.errors)
        w = len(report.problems.warnings)
        click.echo(f"{n} error{'s' * (n != 1)}, {w} warning{'s' * (w != 1)}", err=True)
        sys.exit(2)
    click.echo(report.summary())


def _parse_dates(values: tuple[str, ...]) -> dict:
    from datetime import date

    out = {}
    for value in values:
        file, _, when = value.rpartition("=")
        try:
            out[file or "*"] = date.fromisoformat(when.strip())
        except ValueError:
            raise click.BadParameter(f"'{value}' is not YYYY-MM-DD or FILE=YYYY-MM-DD", param_hint="--date") from None
    return out


@cli.command(context_settings=CONTEXT, short_help="Draft a dossier from report files.")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dossier", required=True, help="Name of the new dossier (lower-case letters, digits, hyphens).")
@_content_option
@click.option("--force", is_flag=True, help="Replace the dossier if it exists (default: never overwrite).")
@click.option("--dry-run", is_flag=True, help="Read and draft, print what would be written, write nothing.")
@click.option("--title", default=None, help="The report's title, when the file does not state it.")
@click.option("--date", "dates", multiple=True, metavar="[FILE=]YYYY-MM-DD",
              help="A report's date, when its file does not state it (FILE= with several reports).")
@click.option("--publisher", default=None, help="The publisher, when the file does not state it.")
@click.option("--series", default=None, help="The report series (e.g. In Focus), when not stated.")
@click.option("--code", default=None, help="The report's code (e.g. IF12100), when not stated.")
def distill(reports, dossier, content, force, dry_run, title, dates, publisher, series, code) -> None:
    """Draft a dossier from report files (.txt, .html, .pdf, .docx), one file per edition.

    Writes content/DOSSIER/: the captured texts in sources/ (pinned by sha256) and YAML whose
    every entry quotes the report verbatim — glossary, timeline, ranked candidate key points, a
    stand-in bottom line. Headlines, plain-language text and why it matters are left as to-dos
    that `briefgen check` lists. Nothing is written if anything fails.

    \b
    Example:
        briefgen distill IF12100.pdf --dossier china-russia
        briefgen distill old.txt new.html --dossier china-russia --code IF12100 --dry-run
    """
    from .distill import DistillOptions
    from .distill import distill as run_distill

    report = run_distill(DistillOptions(
        reports=list(reports), dossier=dossier, content=content, force=force, dry_run=dry_run,
        title=title, dates=_parse_dates(dates), publisher=publisher, series=series, code=code,
        waiting=_waiting(content)))
    for line in report.summary():
        click.echo(line)
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{verb} {display(report.folder)}/: {', '.join(report.files)}")
    if not dry_run:
        click.echo(f"next: briefgen check --dossier {dossier}  (lists the to-dos), then briefgen build --dossier {dossier}")


@cli.command(context_settings=CONTEXT, short_help="Machine-draft a dossier's empty headlines and plain versions.")
@click.argument("dossier")
@_content_option
def draft(dossier, content) -> None:
    """Fill empty headlines and plain versions with machine drafts that pass the gates a person's
    text passes, marked under drafted: for review (filled fields never change); lists each draft
    not written with the gate it failed. Example: briefgen draft china-russia"""
    from .distill.fill import fill
    click.echo("\n".join(fill(content, dossier).lines()))


@cli.command(context_settings=CONTEXT, short_help="Add a new edition of a report; list stale claims.")
@click.argument("dossier")
@click.argument("report", type=click.Path(path_type=Path, dir_okay=False))
@_content_option
@click.option("--write", is_flag=True, help="Put the proposed changes into changes.yaml (replacing its changes).")
@click.option("--date", "when", default=None, metavar="YYYY-MM-DD", help="The new edition's date, if its file does not state it.")
@click.option("--title", default=None, help="The new edition's title, if its file does not state it.")
def update(dossier, report, content, write, when, title) -> None:
    """Add a new edition of a dossier's report; list stale claims and propose what changed.

    Reads REPORT (.txt, .html, .pdf, .docx) as the newest edition, adds its captured text and an
    edition entry, re-verifies every claim against it, and proposes what-changed entries, most
    substantive first, in review/changes-<previous>-to-<new>.yaml (changes.yaml only with
    --write). Prints the report and writes it to review/update-<new>.md. Exit status 0 when no
    claim is stale, 1 when some are, 2 on errors (nothing changed).

    \b
    Example:
        briefgen update china-russia IF12100-2024.pdf
        briefgen update china-russia saved-page.html --date 2024-03-01 --write
    """
    from datetime import date as _date

    from .update import UpdateOptions, table
    from .update import update as run_update

    try:
        parsed = _date.fromisoformat(when) if when is not None else None
    except ValueError:
        raise click.BadParameter(f"'{when}' is not YYYY-MM-DD", param_hint="--date") from None
    result = run_update(UpdateOptions(dossier=dossier, report=report, content=content, write=write,
                                      date=parsed, title=title, waiting=_waiting(content)))
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for line in table(result):
        click.echo(line)
    click.echo(f"wrote {display(result.folder)}/: {', '.join(result.files)}")
    sys.exit(result.exit_code)


def _waiting(content: Path):
    return lambda: click.echo(f"waiting: another briefgen command is changing {display(content)}/ …", err=True)


def display(path: Path) -> str:
    from .errors import display_path

    return display_path(path)


@cli.command(name="list", context_settings=CONTEXT, short_help="Show the audiences and lengths in catalog.yaml.")
@_templates_option
def list_command(templates: Path | None) -> None:
    """Show the audiences and lengths defined in catalog.yaml.

    \b
    Example:
        briefgen list
        briefgen list --templates my-templates
    """
    from .compose.catalog import load_catalog
    from .compose.render import Templates

    from .write.overrides import ignored_overrides

    tpl = Templates(templates)
    catalog = load_catalog(tpl.find("catalog.yaml"), tpl.exists)
    _warn(ignored_overrides(templates))
    click.echo("Audiences:")
    for name, aud in catalog.audiences.items():
        click.echo(f"  {name:<10} {aud.label}: {aud.reader} (template {aud.template}, acronyms {aud.acronyms}, notes {aud.notes})")
    click.echo("Lengths:")
    for name, length in catalog.lengths.items():
        words = f", at most {length.max_words} words of body" if length.max_words else ""
        click.echo(f"  {name:<10} {length.label}: at most {length.max_pages} page{'s' * (length.max_pages > 1)}{words}")


@cli.command(context_settings=CONTEXT, short_help="Build briefs into output/<dossier>/ with a manifest.")
@_content_option
@_templates_option
@click.option("--output", type=click.Path(path_type=Path, file_okay=False), default=Path("output"),
              show_default=True, help="Where output/<dossier>/ folders are written.")
@click.option("--dossier", default=None, help="Build only this dossier.")
@click.option("--audience", default=None, help="Build only this audience (see `briefgen list`).")
@click.option("--length", default=None, help="Build only this length (see `briefgen list`).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx", "html"]), default=None, help="Build only this format.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Worker processes (default: up to 2).")
@click.option("--verify-docx", is_flag=True, help="Check DOCX page budgets with LibreOffice (slower).")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("--keep-stale", is_flag=True,
              help="List outputs no longer built (removed audience, length or dossier) instead of deleting them.")
def build(content, templates, output, dossier, audience, length, fmt, jobs, verify_docx, force, keep_stale) -> None:
    """Build briefs: output/<dossier>/<dossier>-<audience>-<length>.<pdf|docx|html> and manifest.json.

    Only briefs whose inputs changed are rendered again. Every file is staged and renamed into
    place at the end, so a failed build leaves the previous outputs as they were.

    \b
    Example:
        briefgen build
        briefgen build --dossier china-russia --audience principal --length one-page --format pdf
    """
    from .build import BuildOptions
    from .build import build as run_build

    options = BuildOptions(content=content, templates=templates, output=output, dossier=dossier,
                           audience=audience, length=length, format=fmt, jobs=jobs,
                           verify_docx=verify_docx, force=force, keep_stale=keep_stale)
    report = run_build(options, progress=lambda line: click.echo(line))
    from .build.summary import summary_table

    summary_table(report, click.echo)
    _warn(report.warnings)


@cli.command(context_settings=CONTEXT, short_help="Serve a live preview of one brief.")
@_content_option
@_templates_option
@click.option("--dossier", default=None, help="The dossier to show (needed when there are several).")
@click.option("--audience", default=None, help="The audience (default: the catalog's first).")
@click.option("--length", default=None, help="The length (default: two-page).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1; 0 picks a free one.")
def preview(content, templates, dossier, audience, length, port) -> None:
    """Serve a live preview of one brief on 127.0.0.1, re-rendered whenever you save.

    The page shows the brief's pages as they will print, its page and word budget, whether it
    fits and what the fit loop dropped, and links to the PDF and DOCX. Saving a content or
    template file re-renders it and the page reloads itself; a problem is shown on the page and
    here as FILE:LINE: FIELD: MESSAGE, with the last good render kept. Ctrl-C stops it; nothing
    is written to disk.

    \b
    Example:
        briefgen preview --dossier china-russia --audience staff --length two-page
        briefgen preview --dossier china-russia --port 8765
    """
    from .preview import PreviewOptions
    from .preview import preview as run_preview

    run_preview(PreviewOptions(content=content, templates=templates, dossier=dossier, audience=audience,
                               length=length, port=port), say=lambda line: click.echo(line))


@cli.command(context_settings=CONTEXT, short_help="Build memos with their briefs attached.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@_content_option
@_templates_option
@click.option("--output", type=click.Path(path_type=Path, file_okay=False), default=Path("output"),
              show_default=True, help="Briefs go to output/<dossier>/, memos to output/memos/.")
def memo(files, content, templates, output) -> None:
    """Build memos with their briefs attached (all of content/memos/ when no FILE is given).

    For each memo: <memo>.pdf (briefs embedded as PDF attachments), <memo>.docx,
    <memo>-packet.pdf and <memo>-packet.docx (memo, then each brief as Tab A, Tab B, ...),
    and <memo>.eml, a ready-to-send message with the briefs attached. The briefs a memo needs
    are built first; up-to-date ones are reused.

    \b
    Example:
        briefgen memo
        briefgen memo content/memos/china-russia-info.yaml --output out
    """
    from .memo.make import build_memos

    report = build_memos(content, list(files), output, templates, progress=lambda line: click.echo(line))
    for path in report.written:
        click.echo(f"wrote       {path}")
    _warn(report.warnings)


def _warn(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: user errors exit 2 with located messages and no traceback."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="briefgen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.message = one_line(exc.message)  # a value quoted in it may hold a line break
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt) as exc:  # click makes a KeyboardInterrupt an Abort
        _interrupted(getattr(exc, "signum", None) or getattr(exc.__cause__, "signum", None))
    except BriefgenError as exc:
        if debug:
            raise
        for problem in exc.problems:
            click.echo(one_line(str(problem).lstrip(": ")), err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # a file or folder we cannot read or write
        if debug:
            raise
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        click.echo(f"{where}{exc.strerror or exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - a bug in briefgen, not a user mistake
        if debug:
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback "
                   "and please report it)", err=True)
        sys.exit(70)


def one_line(message: str) -> str:
    """``message`` with its control characters (a name typed as ``$'x\\n'``) escaped: one line."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in message)


def _interrupted(signum: int | None) -> None:
    """Ctrl-C (or SIGTERM, SIGHUP: ``signum``): the build has already removed its staging folders
    and stopped its workers and browser. Say so and leave at once (exit 128 + the signal's
    number), without running exit handlers that might print thread tracebacks."""
    import os
    import signal

    for ignored in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(ignored, signal.SIG_IGN)
    try:
        click.echo("interrupted" if signum is None else f"stopped by {signal.Signals(signum).name}", err=True)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(128 + (signum or signal.SIGINT))


if __name__ == "__main__":  # pragma: no cover
    main()
