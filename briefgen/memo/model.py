"""The memo schema: an info or action memo file and the briefs and files it attaches
(documented in the README, "Memos"). Built on the content schema's types (``model``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from ..content.model import Id, Short, Strict, Text
from ..text import word_count


class BriefRef(Strict):
    """An attachment that is a briefgen brief."""

    dossier: Id
    audience: Id
    length: Id
    format: Literal["pdf", "docx"] = "pdf"


class MemoAttachment(Strict):
    """One attachment: a brief, or a file (path relative to the memo file)."""

    brief: BriefRef | None = None
    file: str | None = None
    title: Text | None = None  # defaults to the brief's dossier title or the file name

    @field_validator("file")
    @classmethod
    def _relative(cls, value: str | None) -> str | None:
        if value is not None and (Path(value).is_absolute() or ".." in Path(value).parts):
            raise ValueError(f"must be a path inside the memos folder (got '{value}')")
        return value

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.brief is None) == (self.file is None):
            raise ValueError("give either 'brief' or 'file'")
        return self


def _one_address(entry: str) -> str:
    from email.utils import getaddresses

    found = [addr for _, addr in getaddresses([entry]) if addr]
    if len(found) != 1 or "@" not in found[0]:
        raise ValueError(f"one e-mail address per entry (got {len(found)} in '{entry}'); "
                         f"list each recipient as its own entry")
    return entry


Address = Annotated[Text, Field(max_length=320), AfterValidator(_one_address)]


class MemoEmail(Strict):
    """Message headers. Each entry is one address (``Name <a@example.org>`` or ``a@example.org``):
    an entry holding a comma-separated pair would silently become two recipients."""

    sender: Address = Field(alias="from")
    to: Annotated[list[Address], Field(max_length=100)] = []
    cc: Annotated[list[Address], Field(max_length=100)] = []


class Memo(Strict):
    """An info or action memo that carries briefs as tabs."""

    kind: Literal["info", "action"]
    date: date
    for_: Short(200) | None = Field(default=None, alias="for")
    to: Short(200) | None = None
    through: Short(200) | None = None
    from_: Short(200) = Field(alias="from")
    subject: Short(200)  # also the .eml subject and the documents' title
    bottom_line: Text
    body: Annotated[list[Text], Field(min_length=1)]
    recommendation: Text | None = None
    decision_by: date | None = None
    prepared_by: Short(200)
    coordination: list[Text] = []
    attachments: Annotated[list[MemoAttachment], Field(min_length=1)]
    email: MemoEmail | None = None

    @field_validator("bottom_line")
    @classmethod
    def _short_bottom_line(cls, value: str) -> str:
        n = word_count(value)
        if n > 60:
            raise ValueError(f"at most 4 lines (about 60 words); got {n} words")
        return value

    @model_validator(mode="after")
    def _kind_rules(self):
        if (self.for_ is None) == (self.to is None):
            raise ValueError("give exactly one of 'for' and 'to'")
        if self.kind == "action" and (self.recommendation is None or self.decision_by is None):
            raise ValueError("an action memo needs 'recommendation' and 'decision_by'")
        if self.kind == "info" and (self.recommendation is not None or self.decision_by is not None):
            raise ValueError("an info memo has no 'recommendation' or 'decision_by'; make it an action memo")
        return self


class MemoFile(Strict):
    memo: Memo
