"""A ready-to-send message (RFC 5322, Python's email package): the memo as text and HTML, the
attached briefs as PDF attachments. Opens as an unsent draft in Outlook (X-Unsent: 1)."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from lxml import etree

from ..compose.vocab import parse, serialise

PLACEHOLDER_ADDRESS = "unsent@briefgen.invalid"
_EMAIL_CSS = """
body { font-family: Calibri, Carlito, Arial, sans-serif; font-size: 11pt; color: #1a1a1a; }
h1 { font-size: 14pt; letter-spacing: 0.1em; text-align: center; }
.memo-field strong { display: inline-block; min-width: 7em; }
.memo-attachment { margin-left: 2em; }
"""


def memo_text(html: str) -> str:
    """The memo as plain text: header fields, bullets, recommendation, attachments."""
    root = parse(html)
    lines: list[str] = []
    for el in root.find("body").iter():
        if not isinstance(el.tag, str) or "running-foot" in (el.get("class") or ""):
            continue
        text = " ".join("".join(_text_parts(el)).split())
        if el.tag == "h1":
            lines += [text, ""]
        elif el.tag == "p":
            lines.append(text)
            if "memo-field" not in (el.get("class") or "") and "memo-attachment" not in (el.get("class") or ""):
                lines.append("")
        elif el.tag == "li":
            lines += [f"- {text}", ""]
    return "\n".join(lines).strip() + "\n"


def _text_parts(el):
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and "tab" in (child.get("class") or "").split():
            yield " "
        else:
            yield from _text_parts(child)
        if child.tail:
            yield child.tail


def memo_html_for_mail(html: str) -> str:
    root = parse(html)
    for el in list(root.iter("div")):
        if "running-foot" in (el.get("class") or ""):
            el.drop_tree()
    for el in list(root.iter("span")):
        if "tab" in (el.get("class") or "").split():
            el.tail = " " + (el.tail or "")
            el.drop_tree()
    head = root.find("head")
    style = etree.SubElement(head, "style")
    style.text = _EMAIL_CSS
    return serialise(root)


def memo_message(job, html: str, attachments: list[tuple[str, bytes]], when) -> bytes:
    memo = job.memo
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = memo.subject
    sender = memo.email.sender if memo.email else f'"{memo.from_}" <{PLACEHOLDER_ADDRESS}>'
    msg["From"] = sender
    if memo.email and memo.email.to:
        msg["To"] = ", ".join(memo.email.to)
    if memo.email and memo.email.cc:
        msg["Cc"] = ", ".join(memo.email.cc)
    msg["Date"] = format_datetime(when)
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()[:24]
    msg["Message-ID"] = f"<{digest}@briefgen.invalid>"
    msg["X-Unsent"] = "1"
    msg.set_content(memo_text(html))
    msg.add_alternative(memo_html_for_mail(html), subtype="html")
    for name, data in attachments:
        maintype, subtype = ("application", "pdf") if name.endswith(".pdf") else (
            "application", "vnd.openxmlformats-officedocument.wordprocessingml.document"
            if name.endswith(".docx") else "octet-stream")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    # deterministic MIME boundaries, so equal inputs give equal bytes
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"briefgen-{digest[:12]}-{n}")
    return msg.as_bytes()
