"""The build's summary, as the command line prints it: one row per output, then notes."""

from __future__ import annotations


def summary_table(report, echo) -> None:
    rows = sorted(report.outputs, key=lambda o: o.file)
    if not rows:
        return
    width = max(len(o.file) for o in rows)
    echo("")
    echo(f"{'output':<{width}}  {'pages/budget':>12}  {'words':>5}  {'grade':>5}  pages counted by")
    for o in rows:
        pages = "-" if o.pages is None else str(o.pages)
        grade = "–" if o.grade is None else f"{o.grade:.1f}"
        counted = o.pages_counted_by or ("not laid out (--verify-docx)" if o.format == "docx" else "")
        echo(f"{o.file:<{width}}  {pages + '/' + str(o.budget_pages):>12}  {o.words:>5}  {grade:>5}  {counted}")
    for line in page_differences(rows):
        echo(line)
    echo(f"{len(rows)} outputs: {report.rendered} built, {report.reused} up to date, "
               f"{report.renders} layout renders")


def page_differences(rows) -> list[str]:
    """A note for every brief whose DOCX (as LibreOffice lays it out) and PDF differ in pages."""
    pdf = {(o.dossier, o.audience, o.length): o for o in rows if o.format == "pdf"}
    lines = []
    for o in rows:
        other = pdf.get((o.dossier, o.audience, o.length))
        if o.format == "docx" and o.pages is not None and other is not None and other.pages != o.pages:
            lines.append(f"note: {o.dossier}-{o.audience}-{o.length}: the DOCX lays out at {o.pages} "
                         f"page{'s' * (o.pages != 1)} in {o.pages_counted_by}, the PDF at {other.pages}")
    return lines
