"""A long dossier for scale checks: china-russia's items repeated under new ids (what a long
report distilled into candidate key points looks like). Used by tests and ``tests/bench.py``."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

CHUNK = 400  # items per YAML file
SOURCE = Path(__file__).resolve().parent.parent / "content" / "china-russia"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):  # briefgen refuses YAML anchors and aliases
        return True


def make_big_dossier(content: Path, items: int, name: str = "china-russia") -> Path:
    """Write ``content/<name>/``: china-russia with ``items`` items (ids suffixed -r1, -r2, ...)."""
    folder = content / name
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(SOURCE, folder)
    original = yaml.safe_load((SOURCE / "items.yaml").read_text(encoding="utf-8"))["items"]
    out: list[dict] = []
    round_ = 0
    while len(out) < items:
        for item in original[: items - len(out)]:
            out.append(dict(item, id=f"{item['id']}-r{round_}" if round_ else item["id"]))
        round_ += 1
    (folder / "items.yaml").unlink()
    for start in range(0, len(out), CHUNK):  # each YAML file stays under the 1 MB limit
        (folder / f"items-{start // CHUNK + 1:03d}.yaml").write_text(
            yaml.dump({"items": out[start:start + CHUNK]}, Dumper=_NoAliases, allow_unicode=True,
                      sort_keys=False, width=100), encoding="utf-8")
    return folder
