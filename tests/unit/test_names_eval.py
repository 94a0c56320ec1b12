"""The names evaluation set (tests/data/names_eval): it loads, is as large as promised, and is reproducible."""

import csv
import importlib.util
import re
import sys
import types
from collections import Counter, defaultdict
from pathlib import Path

import pytest

SET = Path(__file__).resolve().parents[1] / "data" / "names_eval"


def _rows(name: str) -> list[dict[str, str]]:
    with (SET / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _build_module() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("names_eval_build", SET / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["names_eval_build"] = module
    spec.loader.exec_module(module)
    return module


def test_the_set_loads_with_at_least_300_groups_split_dev_and_test() -> None:
    groups, spellings = _rows("groups.csv"), _rows("spellings.csv")
    assert len(groups) >= 300
    assert {g["split"] for g in groups} == {"dev", "test"}
    dev = sum(g["split"] == "dev" for g in groups)
    assert 0.2 < dev / len(groups) < 0.4
    known = {g["group_id"]: g["split"] for g in groups}
    assert all(known[s["group_id"]] == s["split"] for s in spellings)
    # A family (a person and his hard negatives) never straddles the split.
    family_splits = defaultdict(set)
    for g in groups:
        family_splits[g["family_id"]].add(g["split"])
    assert all(len(s) == 1 for s in family_splits.values())


def test_every_group_is_spelled_in_at_least_three_scripts_and_kazakh_letters_survive() -> None:
    scripts = defaultdict(set)
    for s in _rows("spellings.csv"):
        scripts[s["group_id"]].add(s["script"])
    assert min(len(v) for v in scripts.values()) >= 3
    text = (SET / "spellings.csv").read_text(encoding="utf-8")
    for letter in "әғқңөұүі":
        assert letter in text
    for latin in ("ä", "ğ", "ş", "ı", "á", "ǵ", "ń", "'"):
        assert latin in text


def test_the_issue_examples_are_in_one_group_each() -> None:
    by_text = {s["spelling"]: s["group_id"] for s in _rows("spellings.csv")}
    for a, b in [("A. Mubarakov", "Aidar Mubarakov"), ("Utebaev B.", "Utebayev Bekbolat"),
                 ("Akitkan Khalida", "Akytkhan Khalida"), ("Turdiyeva Ulbosyn", "Ulbolsyn Turdiyeva")]:
        assert by_text[a] == by_text[b]


def test_hard_negatives_and_gender_pairs_exist_and_join_different_groups() -> None:
    group_of = {s["spelling_id"]: s["group_id"] for s in _rows("spellings.csv")}
    pairs = _rows("pairs.csv")
    kinds = Counter(p["kind"] for p in pairs)
    for kind in ("near_given", "sibling", "same_given_near_surname", "gender_pair", "random"):
        assert kinds[kind] > 0, kind
    assert {p["label"] for p in pairs} == {"different", "gender_pair"}
    assert all(group_of[p["a"]] != group_of[p["b"]] for p in pairs)


def test_the_readme_counts_are_the_files_counts() -> None:
    build = _build_module()
    files = {name: (SET / name).read_text(encoding="utf-8") for name in ("groups.csv", "spellings.csv", "pairs.csv")}
    readme = (SET / "README.md").read_text(encoding="utf-8")
    quoted = {k: int(v) for k, v in re.findall(r"^\| (\w+) \| (\d+) \|$", readme, flags=re.M)}
    assert quoted == build.counts(files)


def test_the_generator_reproduces_the_committed_bytes(tmp_path: Path) -> None:
    pytest.importorskip("iuliia", reason="the generator needs iuliia (pip install -e '.[bench]')")
    build = _build_module()
    assert build.main(["--out", str(tmp_path)]) == 0
    for name in ("groups.csv", "spellings.csv", "pairs.csv"):
        assert (tmp_path / name).read_bytes() == (SET / name).read_bytes(), name
