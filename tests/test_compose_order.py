"""Which items a brief shows first (issue 20, item 4): a point someone wrote a headline or a
plain version for never loses its place to points without one because of its priority number,
and a brief with room shows what it has before a draft placeholder."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from briefgen.compose.catalog import load_catalog
from briefgen.content.load import load_one
from briefgen.compose.select import context, initial_plan

ROOT = Path(__file__).resolve().parent.parent


def _draft_dossier(tmp_path: Path, keep: str) -> Path:
    """china-russia as a fresh draft would have it: no headline and no plain version, except the
    lowest-priority item ``keep``, which a person has written both for."""
    folder = tmp_path / "china-russia"
    shutil.copytree(ROOT / "content/china-russia", folder)
    items_file = folder / "items.yaml"
    data = yaml.safe_load(items_file.read_text(encoding="utf-8"))
    for item in data["items"]:
        if item["id"] != keep:
            item.pop("headline", None)
            item.pop("plain", None)
        else:
            item["priority"] = 5
    items_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    dossier_file = folder / "dossier.yaml"
    meta = yaml.safe_load(dossier_file.read_text(encoding="utf-8"))
    meta["dossier"]["draft"] = True
    dossier_file.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def _last_item(folder: Path) -> str:
    items = yaml.safe_load((folder / "items.yaml").read_text(encoding="utf-8"))["items"]
    return max(items, key=lambda it: (it["priority"], [i["id"] for i in items].index(it["id"])))["id"]


def test_a_point_with_a_plain_version_leads_the_public_brief_whatever_its_priority(tmp_path):
    keep = _last_item(ROOT / "content/china-russia")
    folder = _draft_dossier(tmp_path, keep)
    dossier = load_one(folder)
    catalog = load_catalog(ROOT / "templates/catalog.yaml")
    audience = catalog.audiences["public"]
    for length in ("flash", "one-page"):
        layout = catalog.layout("public", length)
        plan = initial_plan(dossier, audience, layout)
        assert plan.items[0][0] == keep, (length, plan.items[:3])
        shown = context(dossier, "public", audience, length, catalog.lengths[length], layout, plan)["items"]
        # what it has comes before the placeholder that says what is missing
        assert shown[0]["id"] == keep
        assert shown[0]["text"] == next(it.plain for it in dossier.items if it.id == keep)
        assert all(s["id"] != "draft-plain" for s in shown[:-1])


def test_a_point_with_a_headline_leads_the_principal_brief_whatever_its_priority(tmp_path):
    keep = _last_item(ROOT / "content/china-russia")
    dossier = load_one(_draft_dossier(tmp_path, keep))
    catalog = load_catalog(ROOT / "templates/catalog.yaml")
    for length in ("flash", "one-page", "two-page"):
        plan = initial_plan(dossier, catalog.audiences["principal"], catalog.layout("principal", length))
        assert plan.items[0][0] == keep, (length, plan.items[:3])


def test_the_staff_brief_keeps_the_priority_order(tmp_path):
    """Staff briefs show summaries and details, which every item has: priority alone orders them."""
    keep = _last_item(ROOT / "content/china-russia")
    dossier = load_one(_draft_dossier(tmp_path, keep))
    catalog = load_catalog(ROOT / "templates/catalog.yaml")
    plan = initial_plan(dossier, catalog.audiences["staff"], catalog.layout("staff", "two-page"))
    assert plan.items[-1][0] == keep
