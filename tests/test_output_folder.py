"""The output folder: it holds only what users attach (the cache and lock live in
.briefgen-cache/), outputs of a removed audience or dossier leave it, a damaged manifest is rebuilt,
and no write ever leaves it through a symbolic link."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from bigdossier import make_big_dossier
from conftest import CONTENT, NARROW, ROOT, build_principal_flash, manifest, opts, run_briefgen

from briefgen.build import build
from briefgen.errors import BuildError
from briefgen.memo.make import build_memos


# --- what the folder holds ------------------------------------------------------------------------


def test_manifest_has_the_mode_of_the_briefs_and_the_folder_holds_only_what_users_attach(tmp_path):
    old = os.umask(0o022)
    try:
        build(opts(tmp_path, **NARROW))
    finally:
        os.umask(old)
    folder = tmp_path / "out/china-russia"
    assert sorted(p.name for p in folder.iterdir()) == [
        "china-russia-principal-flash.docx", "china-russia-principal-flash.html", "china-russia-principal-flash.pdf",
        "manifest.json"]
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
    assert set(modes.values()) == {0o644}, modes
    cache = tmp_path / "out/.briefgen-cache/china-russia"
    assert (cache / "china-russia-principal-flash.html").is_file() and (cache / "build.lock").is_file()


def test_intermediates_left_by_older_builds_leave_the_folder(tmp_path):
    folder = tmp_path / "out/china-russia"
    (folder / ".html").mkdir(parents=True)
    (folder / ".html/china-russia-principal-flash.html").write_text("<html></html>")
    (folder / ".build.lock").write_text("")
    build(opts(tmp_path, **NARROW))
    assert not (folder / ".html").exists() and not (folder / ".build.lock").exists()


@pytest.mark.parametrize("damaged", ["[" * 200_000, "[1, 2]", '{"inputs": [], "outputs": [{"file": 3}, 5, {"file": "../../x"}]}'],
                         ids=["deep", "list", "bad-records"])
def test_a_damaged_manifest_is_rebuilt_not_a_crash(tmp_path, damaged):
    out = tmp_path / "out"
    build_principal_flash(CONTENT, out)
    (out / "china-russia/manifest.json").write_text(damaged)
    proc = run_briefgen("build", "--output", str(out), "--audience", "principal", "--length", "flash")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "3 outputs: 3 built, 0 up to date, 1 layout renders"


# --- stale outputs --------------------------------------------------------------------------------


def _catalog_without(tmp_path, audience: str) -> Path:
    tpl = tmp_path / "tpl"
    tpl.mkdir(exist_ok=True)
    data = yaml.safe_load((ROOT / "templates/catalog.yaml").read_text())
    del data["audiences"][audience]
    (tpl / "catalog.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return tpl


def test_outputs_of_a_removed_audience_are_removed_or_listed(tmp_path):
    build(opts(tmp_path, length="flash"))
    folder = tmp_path / "out/china-russia"
    gone = ["china-russia-public-flash.docx", "china-russia-public-flash.html", "china-russia-public-flash.pdf"]
    tpl = _catalog_without(tmp_path, "public")
    listed = build(opts(tmp_path, length="flash", templates=tpl, keep_stale=True))
    assert [Path(p).name for p in listed.removed] == gone
    assert all((folder / n).exists() for n in gone) and all(n in manifest(tmp_path / "out") for n in gone)
    report = build(opts(tmp_path, length="flash", templates=tpl, force=True))
    assert [Path(p).name for p in report.removed] == gone
    assert not any((folder / n).exists() for n in gone)
    assert not any(n in manifest(tmp_path / "out") for n in gone)
    assert (folder / "china-russia-staff-flash.pdf").exists()


def test_outputs_of_a_removed_dossier_are_removed_but_other_files_are_not(tmp_path, content):
    make_big_dossier(content, 15, name="second")
    build(opts(tmp_path, content=content, **NARROW))
    (tmp_path / "out/second/notes.txt").write_text("mine")
    shutil.rmtree(content / "second")
    build(opts(tmp_path, content=content, **NARROW))
    assert sorted(p.name for p in (tmp_path / "out/second").iterdir()) == ["notes.txt"]
    (tmp_path / "out/second/notes.txt").unlink()
    make_big_dossier(content, 15, name="second")
    build(opts(tmp_path, content=content, **NARROW))
    shutil.rmtree(content / "second")
    build(opts(tmp_path, content=content, **NARROW))
    assert not (tmp_path / "out/second").exists() and (tmp_path / "out/china-russia/manifest.json").exists()


# --- writes never leave the output folder ---------------------------------------------------------


@pytest.fixture
def outside(tmp_path) -> Path:
    target = tmp_path / "outside"
    target.mkdir()
    (target / "precious.txt").write_text("keep me")
    return target


def test_a_symlinked_lock_is_refused_and_its_target_kept(tmp_path, outside):
    cache = tmp_path / "out/.briefgen-cache/china-russia"
    cache.mkdir(parents=True)
    (cache / "build.lock").symlink_to(outside / "precious.txt")
    with pytest.raises(BuildError) as info:
        build(opts(tmp_path, **NARROW))
    assert "build.lock: is a symbolic link" in str(info.value)
    assert (outside / "precious.txt").read_text() == "keep me"


def test_an_old_style_lock_link_in_the_dossier_folder_is_not_followed(tmp_path, outside):
    folder = tmp_path / "out/china-russia"
    folder.mkdir(parents=True)
    (folder / ".build.lock").symlink_to(outside / "precious.txt")
    build(opts(tmp_path, **NARROW))
    assert (outside / "precious.txt").read_text() == "keep me"


def test_a_symlinked_cache_folder_is_refused(tmp_path, outside):
    (tmp_path / "out/.briefgen-cache").mkdir(parents=True)
    (tmp_path / "out/.briefgen-cache/china-russia").symlink_to(outside, target_is_directory=True)
    with pytest.raises(BuildError) as info:
        build(opts(tmp_path, **NARROW))
    assert "china-russia: is a symbolic link" in str(info.value)
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]


def test_a_symlinked_cache_root_is_refused(tmp_path, outside):
    (tmp_path / "out").mkdir()
    (tmp_path / "out/.briefgen-cache").symlink_to(outside, target_is_directory=True)
    with pytest.raises(BuildError) as info:
        build(opts(tmp_path, **NARROW))
    assert ".briefgen-cache: is a symbolic link" in str(info.value)
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]


def test_a_symlinked_dossier_output_folder_is_refused(tmp_path, outside):
    (tmp_path / "out").mkdir()
    (tmp_path / "out/china-russia").symlink_to(outside, target_is_directory=True)
    result = run_briefgen("build", "--output", str(tmp_path / "out"), "--audience", "principal",
                          "--length", "flash")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "china-russia: is a symbolic link" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]


def test_a_link_planted_at_an_output_name_is_replaced_not_followed(tmp_path, outside):
    folder = tmp_path / "out/china-russia"
    folder.mkdir(parents=True)
    (folder / "china-russia-principal-flash.pdf").symlink_to(outside / "precious.txt")
    (folder / "manifest.json").symlink_to(outside / "precious.txt")
    build(opts(tmp_path, **NARROW))
    assert (outside / "precious.txt").read_text() == "keep me"
    assert not (folder / "china-russia-principal-flash.pdf").is_symlink()
    assert (folder / "china-russia-principal-flash.pdf").read_bytes().startswith(b"%PDF")
    assert not (folder / "manifest.json").is_symlink()


def test_a_symlinked_memos_folder_is_refused(tmp_path, outside):
    (tmp_path / "out").mkdir()
    (tmp_path / "out/memos").symlink_to(outside, target_is_directory=True)
    with pytest.raises(BuildError) as info:
        build_memos(CONTENT, [CONTENT / "memos/china-russia-info.yaml"], tmp_path / "out", None)
    assert "memos: is a symbolic link" in str(info.value)
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
