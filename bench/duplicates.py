"""Duplicate persons: recall and precision on the names evaluation set, and candidate time at 100,000 persons.

    .venv/bin/python bench/duplicates.py [--quick] [--no-timing]

--quick times one run at 100,000 persons instead of the median of three (kzdesk takes minutes per run there).

The set is tests/data/names_eval (how it was made: its README). Every two spellings of one group are one human
("same"); pairs.csv lists hard and random negatives ("different") and masculine/feminine pairs ("gender_pair",
which should be candidates but never automatic matches and count in neither recall nor precision).

Matchers, side by side on the same labelled pairs:
- kzdesk: `find_duplicates` (what `kzdesk duplicates` runs) on a real temporary vault holding every spelling of
  the split as a person. A pair is found if it is a candidate pair ("pair"), or if the two spellings end up in
  one cluster of candidate pairs ("cluster"). Its pool precision counts every candidate pair it shows.
- rigour (OpenSanctions): its name analysis (transliteration, tokens) and compare_parts / pair_symbols, scored
  as an aligned average; the threshold is chosen on the dev split only. Pairwise: no candidate generation.
- samename: `samename.is_match`, pairwise.
A peer that is not installed (pip install -e '.[bench]') is reported, not fatal.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "names_eval"
sys.path.insert(0, str(ROOT / "src"))

Pair = tuple[str, str]


def _rows(name: str) -> list[dict[str, str]]:
    with (SET / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _key(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


class EvalSet:
    """The set, by split: spellings, and labelled pairs (positives derived from the groups)."""

    def __init__(self) -> None:
        self.spellings = {r["spelling_id"]: r for r in _rows("spellings.csv")}
        self.pairs: dict[str, dict[Pair, tuple[str, str]]] = {"dev": {}, "test": {}}  # pair -> (label, kind)
        by_group: dict[str, list[str]] = defaultdict(list)
        for sid, r in self.spellings.items():
            by_group[r["group_id"]].append(sid)
        for ids in by_group.values():
            split = self.spellings[ids[0]]["split"]
            for i in range(len(ids)):
                for j in range(i + 1, len(ids)):
                    self.pairs[split][_key(ids[i], ids[j])] = ("same", "variant")
        for p in _rows("pairs.csv"):
            self.pairs[p["split"]][_key(p["a"], p["b"])] = (p["label"], p["kind"])

    def ids(self, split: str) -> list[str]:
        return [sid for sid, r in self.spellings.items() if r["split"] == split]

    def text(self, sid: str) -> str:
        return self.spellings[sid]["spelling"]


class Scores:
    """Recall and precision over labelled pairs, given which pairs a matcher found."""

    def __init__(self, labelled: dict[Pair, tuple[str, str]], found: Callable[[Pair], bool]) -> None:
        self.tp = self.fn = self.fp = self.tn = 0
        self.gender_found = self.gender_total = 0
        self.fp_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.miss: list[Pair] = []
        for pair, (label, kind) in labelled.items():
            hit = found(pair)
            if label == "same":
                if hit:
                    self.tp += 1
                else:
                    self.fn += 1
                    self.miss.append(pair)
            elif label == "gender_pair":
                self.gender_total += 1
                self.gender_found += hit
            else:
                self.fp_by_kind[kind][0] += hit
                self.fp_by_kind[kind][1] += 1
                if hit:
                    self.fp += 1
                else:
                    self.tn += 1

    @property
    def recall(self) -> float:
        return self.tp / max(1, self.tp + self.fn)

    @property
    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)


# --- kzdesk ------------------------------------------------------------------------------------------------------

def _kzdesk_vault(names: Iterable[str], workdir: Path):  # type: ignore[no-untyped-def]
    """A real vault (floor KDF) holding one person per name; returns (vault, uuid list)."""
    from kzdesk.core.model.names import identity_key
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    vault = Vault.create(workdir, "bench passphrase қазақ батарея", Profile("coordinator", "bench", ""),
                         kdf=floor_params())
    changes = vault.changeset()
    uuids = [changes.create("person", {"name": n, "name_key": identity_key(n)}) for n in names]
    vault.commit(changes)
    return vault, uuids


def kzdesk_candidates(names: list[str], workdir: Path) -> tuple[set[tuple[int, int]], float]:
    """Candidate pairs (indices into names) from kzdesk's duplicate finder, and the seconds it took."""
    from kzdesk.core.exchange.duplicates import find_duplicates

    vault, uuids = _kzdesk_vault(names, workdir)
    index = {u: i for i, u in enumerate(uuids)}
    with vault.engine.connect() as conn:
        start = time.perf_counter()
        found = find_duplicates(conn, limit=10**9)
        took = time.perf_counter() - start
    vault.engine.dispose()
    return {(min(index[c.a], index[c.b]), max(index[c.a], index[c.b])) for c in found}, took


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


# --- peers -------------------------------------------------------------------------------------------------------

def rigour_scorer() -> Callable[[str, str], float] | str:
    """A name-pair score in [0, 1] from rigour's building blocks, or why there is none."""
    try:
        from rigour.names import NameTypeTag, analyze_names, pair_symbols
        from rigour.names.compare import compare_parts
    except ImportError as exc:
        return f"not installed ({exc.name})"
    cache: dict[str, object] = {}

    def analysed(text: str):  # type: ignore[no-untyped-def]
        if text not in cache:
            names = analyze_names(NameTypeTag.PER, [text], infer_initials=True)
            cache[text] = max(names, key=lambda n: len(n.parts)) if names else None
        return cache[text]

    def score(a: str, b: str) -> float:
        qa, qb = analysed(a), analysed(b)
        if qa is None or qb is None:
            return 0.0
        best = 0.0
        for pairing in pair_symbols(qa, qb) or [()]:
            used_a = {p for al in pairing for p in al.qps}
            used_b = {p for al in pairing for p in al.rps}
            total = weight = 0.0
            for al in pairing:
                w = sum(len(p.comparable) for p in al.qps + al.rps)
                total += w
                weight += w
            rest_a = [p for p in qa.parts if p not in used_a]
            rest_b = [p for p in qb.parts if p not in used_b]
            for al in compare_parts(rest_a, rest_b) if rest_a or rest_b else []:
                w = sum(len(p.comparable) for p in al.qps + al.rps)
                if not al.qps or not al.rps:
                    w *= 0.3  # an unmatched part (a patronymic one side only) weighs less
                total += al.score * w
                weight += w
            best = max(best, total / weight if weight else 0.0)
        return best

    return score


def samename_scorer() -> Callable[[str, str], float] | str:
    if importlib.util.find_spec("samename") is None:
        return "not installed (pip install samename; not reachable from this machine's package index)"
    import samename  # type: ignore[import-not-found]

    def score(a: str, b: str) -> float:
        try:
            return float(samename.compare(a, b).score)
        except Exception:
            return 1.0 if samename.is_match(a, b) else 0.0

    return score


def best_threshold(scores: dict[Pair, float], labelled: dict[Pair, tuple[str, str]]) -> float:
    """The threshold with the best F1 on these (dev) pairs."""
    best, best_f1 = 0.5, -1.0
    for t in [x / 100 for x in range(2, 100, 2)]:
        s = Scores(labelled, lambda p, t=t: scores[p] >= t)  # type: ignore[misc]
        f1 = 2 * s.recall * s.precision / max(1e-9, s.recall + s.precision)
        if f1 > best_f1:
            best, best_f1 = t, f1
    return best


# --- timing ------------------------------------------------------------------------------------------------------

def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("names_eval_build", SET / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["names_eval_build"] = module
    spec.loader.exec_module(module)
    return module


def timing(n: int, runs: int) -> str:
    try:
        names = load_builder().synthetic_population(n)
    except ImportError as exc:
        return f"timing skipped: the generator needs {exc.name} (pip install iuliia)"
    from kzdesk.core.exchange.duplicates import find_duplicates

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        vault, _ = _kzdesk_vault(names, Path(tmp) / "vault")
        fill = time.perf_counter() - start
        kz, base = [], []
        found = 0
        for _ in range(runs):
            t = time.perf_counter()
            sorted(names)
            base.append(time.perf_counter() - t)
            with vault.engine.connect() as conn:
                t = time.perf_counter()
                found = len(find_duplicates(conn, limit=10**9))
                kz.append(time.perf_counter() - t)
        vault.engine.dispose()
    k, b = statistics.median(kz), statistics.median(base)
    return (f"candidate generation at {n:,} distinct persons (median of {runs}): kzdesk find_duplicates "
            f"{k:.2f} s ({found} candidate pairs); baseline sorted() of the names {b * 1000:.1f} ms; "
            f"ratio {k / b:,.0f}x (vault filled in {fill:.0f} s, not counted)")


# --- report ------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="one timing run instead of three")
    ap.add_argument("--no-timing", action="store_true", help="skip the 100,000-person timing")
    ap.add_argument("--misses", type=int, default=15, help="how many of kzdesk's missed test pairs to print")
    args = ap.parse_args(argv)
    data = EvalSet()
    table: list[tuple[str, str, Scores | None, str]] = []
    details: list[str] = []

    # kzdesk, on a vault per split.
    kz_found: dict[str, set[Pair]] = {}
    for split in ("dev", "test"):
        ids = data.ids(split)
        with tempfile.TemporaryDirectory() as tmp:
            cands, took = kzdesk_candidates([data.text(i) for i in ids], Path(tmp) / "vault")
        direct = {_key(ids[i], ids[j]) for i, j in cands}
        kz_found[split] = direct
        uf = UnionFind(len(ids))
        for i, j in cands:
            uf.union(i, j)
        pos = {sid: k for k, sid in enumerate(ids)}
        labelled = data.pairs[split]
        table.append(("kzdesk (pair)", split, Scores(labelled, lambda p, d=direct: p in d),
                      f"find_duplicates {took:.2f} s"))
        table.append(("kzdesk (cluster)", split,
                      Scores(labelled, lambda p, u=uf, q=pos: u.find(q[p[0]]) == u.find(q[p[1]])), ""))
        group = {sid: data.spellings[sid]["group_id"] for sid in ids}
        true = sum(group[a] == group[b] for a, b in direct)
        gender = sum(labelled.get(p, ("",))[0] == "gender_pair" for p in direct)
        details.append(f"kzdesk pool precision on {split} ({len(ids)} persons): {len(direct)} candidate pairs, "
                       f"{true} one human = {true / max(1, len(direct) - gender):.3f} (gender pairs excluded: "
                       f"{gender})")

    for name, make in (("rigour", rigour_scorer), ("samename", samename_scorer)):
        scorer = make()
        if isinstance(scorer, str):
            table.append((name, "-", None, scorer))
            continue
        start = time.perf_counter()
        scored = {split: {p: scorer(data.text(p[0]), data.text(p[1])) for p in data.pairs[split]}
                  for split in ("dev", "test")}
        took = time.perf_counter() - start
        n = sum(len(v) for v in scored.values())
        t = best_threshold(scored["dev"], data.pairs["dev"])
        for split in ("dev", "test"):
            table.append((f"{name} (>= {t:.2f})", split,
                          Scores(data.pairs[split], lambda p, s=scored[split], t=t: s[p] >= t),
                          f"{took / n * 1e6:.0f} us/pair"))

    print("Duplicate persons on tests/data/names_eval (threshold of peers chosen on dev)\n")
    print(f"{'matcher':<22} {'split':<5} {'recall':>7} {'precision':>9} {'gender cand.':>12}  note")
    for name, split, s, note in table:
        if s is None:
            print(f"{name:<22} {split:<5} {'-':>7} {'-':>9} {'-':>12}  {note}")
            continue
        g = f"{s.gender_found}/{s.gender_total}"
        print(f"{name:<22} {split:<5} {s.recall:>7.3f} {s.precision:>9.3f} {g:>12}  {note}")
    print()
    for line in details:
        print(line)

    # Where kzdesk misses, on test: recall of each spelling kind against the Kazakh ID-card form.
    test = data.pairs["test"]
    anchor = {data.spellings[s]["group_id"]: s for s in data.ids("test") if data.spellings[s]["how"] == "kk_cyrl"}
    by_how: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (a, b), (label, _kind) in test.items():
        if label != "same":
            continue
        ga = data.spellings[a]["group_id"]
        if anchor.get(ga) not in (a, b):
            continue
        other = b if anchor[ga] == a else a
        by_how[data.spellings[other]["how"]][0] += (a, b) in kz_found["test"]
        by_how[data.spellings[other]["how"]][1] += 1
    print("\nkzdesk (pair) on test: recall of each spelling against the Kazakh ID-card spelling (kk_cyrl)")
    for how, (hit, total) in sorted(by_how.items(), key=lambda kv: kv[1][0] / kv[1][1]):
        print(f"  {how:<22} {hit / total:6.3f}  ({hit}/{total})")
    fp = Scores(test, lambda p: p in kz_found["test"]).fp_by_kind
    print("kzdesk (pair) on test: hard negatives found as candidates, by kind")
    for kind, (hit, total) in sorted(fp.items()):
        print(f"  {kind:<26} {hit}/{total}")
    misses = Scores(test, lambda p: p in kz_found["test"]).miss
    print(f"kzdesk: some missed test pairs (of {len(misses)})")
    for a, b in misses[:: max(1, len(misses) // max(1, args.misses))][: args.misses]:
        print(f"  {data.text(a)!r:<40} {data.text(b)!r}")
    print()
    if not args.no_timing:
        print(timing(100_000, 1 if args.quick else 3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
