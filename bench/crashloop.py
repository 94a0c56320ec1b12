"""kill -9 at random moments during writes, passphrase change, export, import/merge and migration.

    python bench/crashloop.py [--iterations 200] [--phase writes|passwd|export|import|migration|all] [--seed N]

Each iteration starts a child Python process that performs the operation in a loop and prints
`T <n> <json>` before each operation and `A <n> <json>` only after it has returned (its commit is
done); the parent waits a random time, sends SIGKILL, and checks the vault with a fresh
`Vault.open`: SQLCipher's page check, SQLite's integrity and foreign-key checks, every current row
backed by its revision, and then what the phase promises:

- writes: every acknowledged changeset (Changeset + commit, and the record editor's save_event,
  with an attachment) is there with its values; the operation in flight is all there or not at all.
- passwd: exactly one of the last acknowledged and the next passphrase opens the vault.
- export: every bundle file at the destination is complete and merges on a coordinator; the
  volunteer's export marks never run ahead of the bundles written (all marked revisions reach the
  coordinator), and a fresh export afterwards brings every acknowledged record, nothing quarantined.
- import: every bundle is merged and logged, or not at all; acknowledged imports are there; when
  all are in, importing them all again leaves the content equal to an uninterrupted import.
- migration: a copy of an old-schema fixture, opened (which migrates) and killed, opens afterwards
  at the current schema with the very rows of an uninterrupted migration of the same fixture.

State carries over: the next iteration starts from what the kill left (the same vault, the same
coordinator, the same half-migrated copy). Children are started one iteration ahead and wait on
stdin, so Python's start-up is not in the loop; the kill lands only after the child said "ready".

Prints per phase: iterations, kills that landed mid-operation, integrity failures, lost
acknowledged commits, other failures, iterations per second. Exit code 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import kzdesk
except ImportError:  # run as a script from a checkout without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import kzdesk

from kzdesk.core.errors import InputError, PassphraseError
from kzdesk.core.exchange import trust
from kzdesk.core.exchange.card import Card
from kzdesk.core.exchange.chain import missing_bundles
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.exchange.own import own_card
from kzdesk.core.model.attachments import read_attachment
from kzdesk.core.model.records import RECORD_TABLES
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault import migrate
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.vault.keyslots import VaultHeader
from kzdesk.core.vault.layout import HEADER_FILE

PHASES = ("writes", "passwd", "export", "import", "migration")
PASSPHRASE = "crash loop passphrase"
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "data" / "schema"
FIXTURE_PASSPHRASE = "fixture passphrase әғқ"

# ------------------------------------------------------------------------------------------------
# Child scripts. Each reads its arguments as one JSON line on stdin (so it can be started ahead of
# time), opens what it needs, prints "ready", then loops: T before an operation, A after it returned.
# ------------------------------------------------------------------------------------------------
PRELUDE = """
import json, random, sys
from pathlib import Path
def say(*parts):
    print(*parts, flush=True)
def payload(obj):
    return json.dumps(obj, ensure_ascii=True, sort_keys=True)
"""

WRITER = PRELUDE + """
import hashlib
from kzdesk.core.model.editing import (ActDraft, AttachmentDraft, EventDraft, PersonDraft, SourceDraft,
                                       load_event, save_event, validate)
from kzdesk.core.model.vault import Vault
args = json.loads(sys.stdin.readline())
rnd = random.Random(args["seed"])
vault = Vault.open(Path(args["vault"]), args["passphrase"])
say("ready")

def uuids(table, where):
    # The latest few hundred: choosing stays quick however big the vault grows, so kills land in operations.
    with vault.engine.connect() as conn:
        return sorted(r[0] for r in conn.exec_driver_sql(
            f"SELECT uuid FROM {table} WHERE {where} ORDER BY rowid DESC LIMIT 300"))

def sample(items, k):
    return rnd.sample(items, min(k, len(items)))

for n in range(1_000_000):
    key = f"{args['tag']}-{n}"
    op = rnd.choice(("create", "create", "edit", "edit", "delete", "editor", "editor_edit"))
    if op == "create":
        changes = vault.changeset()
        records = {}
        for i in range(rnd.randint(1, 4)):
            person = {"name": f"Тұлға {key}.{i}", "name_key": f"тұлға {key}.{i}", "occupation": "activist",
                      "notes": f"жазба {key}.{i}"}
            event = {"date": "2021-12-16", "date_precision": "day", "date_start": "2021-12-16",
                     "date_end": "2021-12-16", "city_text": f"Орал {key}.{i}",
                     "description": f"оқиға {key}.{i}"}
            p, e = changes.create("person", person), changes.create("event", event)
            act = {"event": e, "person": p, "act_type": "fine", "fine_amount": "50", "fine_unit": "MCI",
                   "description": f"айыппұл {key}.{i}"}
            records[p], records[e] = ["person", person, False], ["event", event, False]
            records[changes.create("act", act)] = ["act", act, False]
        say("T", n, payload({"records": records}))
        vault.commit(changes)
        say("A", n, "{}")
    elif op in ("edit", "delete"):
        persons = uuids("person", "deleted = 0 AND name LIKE 'Тұлға %'")
        acts = uuids("act", "deleted = 0 AND description LIKE 'айыппұл %'")
        records = {}
        with vault.transaction() as conn:
            changes = vault.changeset()
            if op == "edit":
                for u in sample(persons, 2):
                    fields = {"occupation": f"journalist {key}", "notes": f"түзетілді {key}"}
                    changes.update(conn, "person", u, fields)
                    records[u] = ["person", fields, False]
                for u in sample(acts, 2):
                    fields = {"description": f"айыппұл түзетілді {key}", "fine_amount": str(rnd.randint(1, 500))}
                    changes.update(conn, "act", u, fields)
                    records[u] = ["act", fields, False]
            else:
                for u in sample(acts, 1):
                    changes.delete(conn, "act", u)
                    records[u] = ["act", {}, True]
            if not records:
                continue
            say("T", n, payload({"records": records}))
            vault.commit(changes, conn)
        say("A", n, "{}")
    elif op == "editor":
        data = f"файл {key}\\n".encode() * 40
        draft = EventDraft(
            date="2021-12-16", place=f"алаң {key}", description=f"crashloop editor {key}",
            persons=[PersonDraft(name=f"Адам {key}",
                                 acts=[ActDraft(act_type="detention", description=f"ұстау {key}")])],
            sources=[SourceDraft(url=f"https://example.kz/{key}", title=f"дереккөз {key}")],
            attachments=[AttachmentDraft(f"{key}.txt", hashlib.sha256(data).hexdigest(), len(data), data)])
        say("T", n, payload({"editor": key}))
        event = save_event(vault, draft)
        person = draft.persons[0]
        records = {event: ["event", {"description": f"crashloop editor {key}", "place": f"алаң {key}"}, False],
                   person.uuid: ["person", {"name": f"Адам {key}"}, False],
                   person.acts[0].uuid: ["act", {"description": f"ұстау {key}"}, False]}
        say("A", n, payload({"records": records, "attachments": {draft.attachments[0].uuid: key}}))
    else:
        events = uuids("event", "deleted = 0 AND description LIKE 'crashloop editor %'")
        if not events:
            continue
        event = rnd.choice(events)
        with vault.engine.connect() as conn:
            draft = load_event(conn, event)
        if validate(draft) or not any(p.acts for p in draft.persons):
            continue
        draft.description = f"crashloop editor {key} edited"
        records = {event: ["event", {"description": draft.description}, False]}
        for person in draft.persons:
            for act in person.acts:
                act.description = f"ұстау түзетілді {key}"
                records[act.uuid] = ["act", {"description": act.description}, False]
        say("T", n, payload({"records": records}))
        save_event(vault, draft)
        say("A", n, "{}")
"""

CHANGER = PRELUDE + """
from kzdesk.core.vault.kdf import floor_params
from kzdesk.core.model.vault import Vault
args = json.loads(sys.stdin.readline())
vault = Vault.open(Path(args["vault"]), args["passphrase"])
say("ready")
for i in range(args["first"], args["first"] + 1_000_000):
    say("T", i, payload({"passphrase": f"pass-{i}"}))
    vault.change_passphrase(f"pass-{i}", kdf=floor_params())
    say("A", i, "{}")
"""

EXPORTER = PRELUDE + """
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.model.vault import Vault
args = json.loads(sys.stdin.readline())
rnd = random.Random(args["seed"])
vault = Vault.open(Path(args["vault"]), args["passphrase"])
say("ready")
for n in range(1_000_000):
    key = f"{args['tag']}-{n:05d}"
    for j in range(rnd.randint(1, 3)):
        changes = vault.changeset()
        records = {}
        for i in range(rnd.randint(5, 80)):
            fields = {"name": f"Экспорт {key}.{j}.{i}", "name_key": f"экспорт {key}.{j}.{i}"}
            records[changes.create("person", fields)] = fields["name"]
        say("T", f"w{n}.{j}", payload({"records": records}))
        vault.commit(changes)
        say("A", f"w{n}.{j}", "{}")
    out = Path(args["out"]) / f"{key}.kzb"
    say("T", f"x{n}", payload({"export": str(out)}))
    report = export_bundle(vault, out)
    say("A", f"x{n}", payload({"seq": report.seq}))
"""

IMPORTER = PRELUDE + """
import time
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.model.vault import Vault
args = json.loads(sys.stdin.readline())
rnd = random.Random(args["seed"])
vault = Vault.open(Path(args["vault"]), args["passphrase"])
say("ready")
remaining = list(args["bundles"])
while remaining:
    # One bundle per call, or several in one call (one transaction, a savepoint each).
    batch = remaining[:rnd.choice((1, 1, 3))]
    remaining = remaining[len(batch):]
    say("T", batch[0], payload({"bundles": batch}))
    start = time.perf_counter()
    outcomes = import_bundles(vault, [Path(p) for p in batch])
    say("A", batch[0], payload({"status": [o.status for o in outcomes], "seconds": time.perf_counter() - start}))
say("done")
"""

MIGRATOR = PRELUDE + """
import time
from kzdesk.core.model.vault import Vault
args = json.loads(sys.stdin.readline())
say("ready")
start = time.perf_counter()
say("T", 0, "{}")
Vault.open(Path(args["vault"]), args["passphrase"]).close()
say("A", 0, payload({"seconds": time.perf_counter() - start}))
say("done")
"""


# ------------------------------------------------------------------------------------------------
# Running a child and killing it
# ------------------------------------------------------------------------------------------------
def child_env() -> dict[str, str]:
    src = str(Path(kzdesk.__file__).resolve().parent.parent)
    paths = [src, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths)), "PYTHONIOENCODING": "utf-8"}


@dataclass
class Op:
    """One operation a child started (T) and, if it returned, acknowledged (A)."""

    key: str
    started: dict[str, Any]
    acked: dict[str, Any] | None = None


@dataclass
class Outcome:
    ops: list[Op]
    finished: bool  # the child ran to its end before the kill
    stderr: str

    @property
    def acked(self) -> list[Op]:
        return [op for op in self.ops if op.acked is not None]

    @property
    def pending(self) -> Op | None:
        """The operation in flight when the kill landed (started, not acknowledged)."""
        return self.ops[-1] if self.ops and self.ops[-1].acked is None else None


class ChildError(RuntimeError):
    pass


class Child:
    """A child process started ahead of time; it waits for its arguments on stdin."""

    def __init__(self, script: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8", env=child_env())
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.done = threading.Event()
        self.err: list[str] = []
        self._threads = [threading.Thread(target=self._read, daemon=True),
                         threading.Thread(target=self._read_err, daemon=True)]
        for t in self._threads:
            t.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:  # drained continuously so the child never blocks on a full pipe
            if not line.endswith("\n"):
                break  # cut by the kill
            if line == "ready\n":
                self.ready.set()
            elif line == "done\n":
                self.done.set()
            self.lines.append(line.rstrip("\n"))
        self.ready.set()
        self.done.set()

    def _read_err(self) -> None:
        assert self.proc.stderr is not None
        self.err.append(self.proc.stderr.read())

    def run_and_kill(self, args: dict[str, Any], delay: float) -> Outcome:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(args) + "\n")
        self.proc.stdin.flush()
        self.ready.wait(120)
        if self.proc.poll() is not None and "ready" not in self.lines:
            self.proc.wait()
            for t in self._threads:
                t.join()
            raise ChildError("child ended before it was ready:\n" + "".join(self.err)[-3000:])
        time.sleep(delay)
        finished = self.proc.poll() is not None
        if not finished:
            self.proc.send_signal(signal.SIGKILL)
        code = self.proc.wait()
        for t in self._threads:
            t.join()
        stderr = "".join(self.err)
        if (finished and code != 0) or "Traceback" in stderr:  # it failed by itself, not by our kill
            raise ChildError(f"child failed (exit {code}):\n{stderr[-3000:]}")
        return Outcome(parse_ops(self.lines), finished, stderr)

    def discard(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for t in self._threads:
            t.join()


def parse_ops(lines: list[str]) -> list[Op]:
    ops: list[Op] = []
    for line in lines:
        parts = line.split(" ", 2)
        if parts[0] == "T":
            ops.append(Op(parts[1], json.loads(parts[2])))
        elif parts[0] == "A":
            assert ops and ops[-1].key == parts[1] and ops[-1].acked is None, line
            ops[-1].acked = json.loads(parts[2])
    return ops


class Children:
    """Keeps the next child starting while the parent checks the last one."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.next: Child | None = None

    def run(self, args: dict[str, Any], delay: float) -> Outcome:
        child = self.next or Child(self.script)
        self.next = Child(self.script)
        return child.run_and_kill(args, delay)

    def close(self) -> None:
        if self.next is not None:
            self.next.discard()
            self.next = None


# ------------------------------------------------------------------------------------------------
# Checks shared by every phase
# ------------------------------------------------------------------------------------------------
def structure_problems(vault: Vault) -> list[str]:
    """SQLCipher page check, SQLite integrity and foreign keys, and every current row backed by
    its revision (a changeset half written would leave a row pointing at a missing revision)."""
    problems = vault.integrity_problems()
    with vault.engine.connect() as conn:
        problems += [f"foreign key violation {tuple(r)}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")]
        for kind in RECORD_TABLES:
            orphans = conn.exec_driver_sql(
                f"SELECT count(*) FROM {kind} WHERE rev NOT IN (SELECT id FROM revision)").scalar()
            if orphans:
                problems.append(f"{orphans} {kind} rows without their revision")
    return problems


def open_problems(path: Path, passphrase: str) -> tuple[Vault | None, list[str]]:
    try:
        vault = Vault.open(path, passphrase)
    except Exception as exc:  # any refusal to open after a kill is an integrity failure
        return None, [f"does not open: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"]
    return vault, structure_problems(vault)


def table_dump(vault: Vault, exclude: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ordinary table (full-text index internals aside), sorted."""
    out = {}
    with vault.engine.connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%_fts%' ORDER BY name")]
        for table in tables:
            if table in exclude:
                continue
            rows = [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM \"{table}\"")]
            out[table] = sorted(rows, key=repr)
    return out


def canonical_content(vault: Vault) -> dict[str, list[tuple[Any, ...]]]:
    """What a coordinator holds: records, revisions, conflicts, bundle log (no arrival times)."""
    out = table_dump(vault, exclude=("bundle_log", "quarantine", "setting", "identity", "trusted_key",
                                     "alembic_version", "pending_record"))
    with vault.engine.connect() as conn:
        out["bundle_log"] = sorted(tuple(r) for r in conn.exec_driver_sql(
            "SELECT bundle_id, signer, seq, manifest_hash, status, report FROM bundle_log"))
    return out


@dataclass(frozen=True)
class Settings:
    """How hard a run pushes; the long run and the CI test differ only in these."""

    max_delay: float = 0.6  # the random wait after "ready" for the endless loops (writes, passwd, export)
    bundles: int = 12  # bundles the import phase merges per round
    timing_runs: int = 3  # uninterrupted runs timed to place the kills of the finite phases


@dataclass
class Tally:
    phase: str
    iterations: int = 0
    mid_op: int = 0
    integrity: int = 0
    lost: int = 0
    other: int = 0
    seconds: float = 0.0
    notes: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)

    def fail(self, kind: str, message: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if sum(m.startswith(f"[{kind}]") for m in self.messages) < 6:  # the first few of each kind
            self.messages.append(f"[{kind}] {message}")

    def note(self, name: str, n: int = 1) -> None:
        self.notes[name] = self.notes.get(name, 0) + n

    @property
    def failures(self) -> int:
        return self.integrity + self.lost + self.other

    def line(self) -> str:
        rate = self.iterations / self.seconds if self.seconds else 0.0
        notes = "".join(f", {k} {v}" for k, v in sorted(self.notes.items()))
        return (f"{self.phase:<10} iterations {self.iterations:4d}  mid-operation kills {self.mid_op:4d}  "
                f"integrity failures {self.integrity}  lost acknowledged commits {self.lost}  "
                f"other failures {self.other}  {rate:5.2f} iterations/s{notes and '  (' + notes[2:] + ')'}")


def new_vault(path: Path, role: str, name: str) -> Vault:
    return Vault.create(path, PASSPHRASE, Profile(role, name, "Oral"), kdf=floor_params())


def introduce(a: Vault, b: Vault) -> None:
    """a trusts b's card (as if carried by hand and the fingerprint compared)."""
    with a.transaction() as conn:
        trust.add(conn, Card.parse(own_card(b).export(b.identity)), a.identity.key_id)


@contextmanager
def closing_vault(vault: Vault | None) -> Iterator[Vault | None]:
    try:
        yield vault
    finally:
        if vault is not None:
            vault.close()


# ------------------------------------------------------------------------------------------------
# writes
# ------------------------------------------------------------------------------------------------
Expected = dict[str, tuple[str, dict[str, Any], bool]]  # uuid -> kind, fields, deleted


def _rows(vault: Vault, expected: Expected, extra: dict[str, str]) -> dict[str, dict[str, Any] | None]:
    wanted: dict[str, set[str]] = {}
    for uuid, (kind, _, _) in expected.items():
        wanted.setdefault(kind, set()).add(uuid)
    for uuid, kind in extra.items():
        wanted.setdefault(kind, set()).add(uuid)
    found: dict[str, dict[str, Any] | None] = {}
    with vault.engine.connect() as conn:
        for kind, uuids in wanted.items():
            rows = {r["uuid"]: dict(r) for r in conn.exec_driver_sql(f"SELECT * FROM {kind}").mappings()}
            for uuid in uuids:
                found[uuid] = rows.get(uuid)
    return found


def _matches(row: dict[str, Any] | None, fields: dict[str, Any], deleted: bool) -> bool:
    return row is not None and bool(row["deleted"]) == deleted and all(row.get(k) == v for k, v in fields.items())


def fold(expected: Expected, records: dict[str, list[Any]]) -> Expected:
    """The expected state with one operation's records applied."""
    out = dict(expected)
    for uuid, (kind, fields, deleted) in records.items():
        before = out.get(uuid)
        out[uuid] = (kind, {**(before[1] if before else {}), **fields}, bool(deleted))
    return out


def editor_rows(vault: Vault, key: str) -> dict[str, list[str]]:
    """What save_event wrote for one editor operation (found by the text it put in)."""
    with vault.engine.connect() as conn:
        def q(sql: str, value: str) -> list[str]:
            return [r[0] for r in conn.exec_driver_sql(sql, (value,))]
        return {"event": q("SELECT uuid FROM event WHERE description = ?", f"crashloop editor {key}"),
                "person": q("SELECT uuid FROM person WHERE name = ?", f"Адам {key}"),
                "act": q("SELECT uuid FROM act WHERE description = ?", f"ұстау {key}"),
                "source": q("SELECT uuid FROM source WHERE title = ?", f"дереккөз {key}"),
                "attachment": q("SELECT uuid FROM attachment WHERE original_name = ?", f"{key}.txt")}


def attachment_bytes(key: str) -> bytes:
    return f"файл {key}\n".encode() * 40


def verify_writes(vault: Vault, expected: Expected, attachments: dict[str, str], outcome: Outcome,
                  tally: Tally) -> tuple[Expected, dict[str, str]]:
    """Check a killed writer's work; return the expected state including whatever landed."""
    for op in outcome.acked:
        expected = fold(expected, (op.acked or {}).get("records") or op.started.get("records") or {})
        attachments = {**attachments, **(op.acked or {}).get("attachments", {})}
    pending = outcome.pending
    pending_records: dict[str, list[Any]] = pending.started.get("records", {}) if pending else {}
    rows = _rows(vault, expected, {u: r[0] for u, r in pending_records.items()})
    for uuid, (kind, fields, deleted) in expected.items():
        if uuid in pending_records:
            continue
        if not _matches(rows[uuid], fields, deleted):
            tally.fail("lost", f"acknowledged {kind} {uuid} is {rows[uuid]!r}, expected {fields} deleted={deleted}")
    if pending_records:
        after = fold(expected, pending_records)
        states = set()
        for uuid in pending_records:
            before = expected.get(uuid)
            row = rows[uuid]
            if _matches(row, after[uuid][1], after[uuid][2]):
                states.add("after")
            elif (before is None and row is None) or (before is not None and _matches(row, before[1], before[2])):
                states.add("before")
            else:
                states.add("neither")
                tally.fail("lost" if before else "integrity", f"{uuid} in flight is {row!r}")
        if len(states) > 1:
            tally.fail("integrity", f"operation in flight torn: {sorted(states)}")
        elif states == {"after"}:
            expected = after
    if pending is not None and "editor" in pending.started:
        key = pending.started["editor"]
        found = editor_rows(vault, key)
        counts = {kind: len(uuids) for kind, uuids in found.items()}
        if len(set(counts.values())) != 1 or max(counts.values()) > 1:
            tally.fail("integrity", f"editor save in flight torn: {counts}")
        elif counts["event"] == 1:
            expected = fold(expected, {
                found["event"][0]: ["event", {"description": f"crashloop editor {key}", "place": f"алаң {key}"}, False],
                found["person"][0]: ["person", {"name": f"Адам {key}"}, False],
                found["act"][0]: ["act", {"description": f"ұстау {key}"}, False]})
            attachments = {**attachments, found["attachment"][0]: key}
    with vault.engine.connect() as conn:
        for uuid, key in attachments.items():
            try:
                got = read_attachment(conn, uuid)
            except Exception as exc:
                tally.fail("lost", f"attachment {uuid}: {type(exc).__name__}: {exc}")
                continue
            if got != (f"{key}.txt", attachment_bytes(key)):
                tally.fail("lost", f"attachment {uuid} differs")
    return expected, attachments


def phase_writes(base: Path, iterations: int, rnd: random.Random, tally: Tally, settings: Settings) -> None:
    path = base / "vault"
    new_vault(path, "volunteer", "Айгүл").close()
    expected: Expected = {}
    attachments: dict[str, str] = {}
    children = Children(WRITER)
    try:
        for i in range(iterations):
            outcome = children.run({"vault": str(path), "passphrase": PASSPHRASE, "seed": rnd.randrange(2**32),
                                    "tag": f"c{i}"}, rnd.uniform(0.0, settings.max_delay))
            tally.iterations += 1
            tally.mid_op += outcome.pending is not None
            tally.note("acknowledged operations", len(outcome.acked))
            vault, problems = open_problems(path, PASSPHRASE)
            for problem in problems:
                tally.fail("integrity", problem)
            if vault is None:
                break  # nothing more can be learnt from this vault
            with closing_vault(vault):
                expected, attachments = verify_writes(vault, expected, attachments, outcome, tally)
    finally:
        children.close()


# ------------------------------------------------------------------------------------------------
# passwd
# ------------------------------------------------------------------------------------------------
def passphrase_opens(path: Path, passphrase: str) -> bool:
    try:
        VaultHeader.load(path / HEADER_FILE).unlock(passphrase)
    except PassphraseError:
        return False
    return True


def verify_passwd(path: Path, current: str, outcome: Outcome, tally: Tally) -> str:
    """Exactly one of the last acknowledged and the next passphrase opens; returns it."""
    acked = outcome.acked
    last = acked[-1].started["passphrase"] if acked else current
    pending = outcome.pending
    candidates = [last] + ([pending.started["passphrase"]] if pending else [])
    opening = [p for p in candidates if passphrase_opens(path, p)]
    if len(opening) != 1:
        tally.fail("lost" if not opening else "integrity", f"passphrases opening among {candidates}: {opening}")
        return current if not opening else opening[0]
    vault, problems = open_problems(path, opening[0])
    for problem in problems:
        tally.fail("integrity", problem)
    if vault is not None:
        vault.close()
    return opening[0]


def phase_passwd(base: Path, iterations: int, rnd: random.Random, tally: Tally, settings: Settings) -> None:
    path = base / "vault"
    new_vault(path, "volunteer", "Айгүл").close()
    current, first = PASSPHRASE, 0
    children = Children(CHANGER)
    try:
        for _ in range(iterations):
            before = stale_headers(path)
            outcome = children.run({"vault": str(path), "passphrase": current, "first": first},
                                   rnd.uniform(0.0, settings.max_delay))
            tally.iterations += 1
            tally.mid_op += outcome.pending is not None
            tally.note("acknowledged changes", len(outcome.acked))
            current = verify_passwd(path, current, outcome, tally)
            first = int(outcome.ops[-1].key) + 1 if outcome.ops else first
            after = stale_headers(path)
            if after - before:
                tally.note("header copies left by kills", len(after - before))
            # A copy of the key slots left by an earlier kill would still open with a passphrase that
            # has since been replaced: a completed change must not leave it behind.
            if outcome.acked and before & after:
                tally.fail("other", f"{len(before & after)} stale header copies survive a passphrase change")
    finally:
        children.close()


def stale_headers(path: Path) -> set[str]:
    """Copies of vault.json that a killed atomic write left next to it (they hold wrapped keys)."""
    return {p.name for p in path.iterdir() if p.name.startswith(".tmp-")}


# ------------------------------------------------------------------------------------------------
# export
# ------------------------------------------------------------------------------------------------
@dataclass
class ExportState:
    volunteer: Path
    coordinator: Path
    out: Path
    acked: dict[str, str] = field(default_factory=dict)  # person uuid -> name (written on the volunteer)
    imported: set[str] = field(default_factory=set)  # bundle files already taken by the coordinator
    fresh: int = 0


def verify_export(state: ExportState, outcome: Outcome, tally: Tally) -> None:
    for op in outcome.acked:
        state.acked.update(op.started.get("records", {}))
    pending = outcome.pending
    volunteer, problems = open_problems(state.volunteer, PASSPHRASE)
    for problem in problems:
        tally.fail("integrity", f"volunteer: {problem}")
    if volunteer is None:
        raise ChildError("the volunteer vault no longer opens")
    coordinator, problems = open_problems(state.coordinator, PASSPHRASE)
    for problem in problems:
        tally.fail("integrity", f"coordinator: {problem}")
    if coordinator is None:
        raise ChildError("the coordinator vault no longer opens")
    with closing_vault(volunteer), closing_vault(coordinator):
        with volunteer.engine.connect() as conn:
            names = dict(conn.exec_driver_sql("SELECT uuid, name FROM person").fetchall())
            marked = {r[0] for r in conn.exec_driver_sql("SELECT revision FROM export_mark")}
        for uuid, name in state.acked.items():
            if names.get(uuid) != name:
                tally.fail("lost", f"acknowledged person {uuid} ({name}) is {names.get(uuid)!r} on the volunteer")
        if pending is not None and "records" in pending.started:
            present = [u for u in pending.started["records"] if u in names]
            if present and len(present) != len(pending.started["records"]):
                tally.fail("integrity", f"write in flight torn: {len(present)} of {len(pending.started['records'])}")
            if present:
                state.acked.update(pending.started["records"])
        if pending is not None and "export" in pending.started:
            written = Path(pending.started["export"]).exists()
            tally.note("kills mid-export with the file " + ("written" if written else "not yet written"))
        # Every bundle at the destination (acknowledged or in flight) is complete and merges.
        files = sorted(p for p in state.out.iterdir() if p.suffix == ".kzb" and p.name not in state.imported)
        for path in files:
            [result] = import_bundles(coordinator, [path])
            state.imported.add(path.name)
            if result.status != "merged":
                kind = "integrity" if result.status == "rejected" else "other"
                tally.fail(kind, f"bundle {path.name} at the destination: {result.status} ({result.reason})")
        stale = [p for p in state.out.iterdir() if p.name.startswith(".tmp-")]
        if stale:
            tally.note("stale temp files at the destination", len(stale))
            for p in stale:
                p.unlink()
        with coordinator.engine.connect() as conn:
            arrived = {r[0] for r in conn.exec_driver_sql("SELECT id FROM revision")}
        ahead = marked - arrived
        if ahead:
            tally.fail("lost", f"{len(ahead)} revisions marked exported but in no bundle written")
        # A fresh export now brings everything acknowledged, and nothing lands in quarantine.
        state.fresh += 1
        fresh = state.out / f"fresh-{state.fresh:05d}.kzb"
        try:
            export_bundle(volunteer, fresh)
        except InputError:
            pass  # nothing new since the last bundle
        else:
            [result] = import_bundles(coordinator, [fresh])
            state.imported.add(fresh.name)
            if result.status != "merged":
                tally.fail("other", f"fresh bundle after the kill: {result.status} ({result.reason})")
            if result.missing:
                tally.note("sequence gaps flagged")
        with coordinator.engine.connect() as conn:
            held = dict(conn.exec_driver_sql("SELECT uuid, name FROM person").fetchall())
            quarantined = conn.exec_driver_sql("SELECT count(*) FROM quarantine").scalar()
            gaps = missing_bundles(conn)
        lost = [u for u, name in state.acked.items() if held.get(u) != name]
        if lost:
            tally.fail("lost", f"{len(lost)} acknowledged records missing on the coordinator after a fresh export")
        if quarantined:
            tally.fail("other", f"{quarantined} bundles in the coordinator's quarantine")
            with coordinator.transaction() as conn:  # report each once
                conn.exec_driver_sql("DELETE FROM quarantine")
        if gaps:
            tally.fail("other", f"coordinator flags missing bundles {gaps}")


def phase_export(base: Path, iterations: int, rnd: random.Random, tally: Tally, settings: Settings) -> None:
    volunteer = new_vault(base / "volunteer", "volunteer", "Айгүл")
    coordinator = new_vault(base / "coordinator", "coordinator", "Coordinator")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    volunteer.close()
    coordinator.close()
    state = ExportState(base / "volunteer", base / "coordinator", base / "out")
    state.out.mkdir()
    children = Children(EXPORTER)
    try:
        for i in range(iterations):
            outcome = children.run({"vault": str(state.volunteer), "passphrase": PASSPHRASE,
                                    "seed": rnd.randrange(2**32), "tag": f"c{i:05d}", "out": str(state.out)},
                                   rnd.uniform(0.0, settings.max_delay))
            tally.iterations += 1
            tally.mid_op += outcome.pending is not None
            tally.note("acknowledged exports", sum("seq" in (op.acked or {}) for op in outcome.acked))
            verify_export(state, outcome, tally)
    finally:
        children.close()


# ------------------------------------------------------------------------------------------------
# import
# ------------------------------------------------------------------------------------------------
@dataclass
class ImportSetup:
    template: Path  # a coordinator that trusts the volunteers and has imported nothing
    bundles: list[Path]
    revisions: dict[str, set[str]]  # bundle file -> the revision ids it carries
    reference: dict[str, list[tuple[Any, ...]]]  # canonical content after an uninterrupted import


def make_bundles(base: Path, count: int, rnd: random.Random) -> ImportSetup:
    coordinator = new_vault(base / "template", "coordinator", "Coordinator")
    volunteers = [new_vault(base / f"v{i}", "volunteer", name) for i, name in enumerate(("Орал", "Шымкент"))]
    for volunteer in volunteers:
        introduce(volunteer, coordinator)
        introduce(coordinator, volunteer)
    coordinator.close()
    bundles, revisions = [], {}
    for n in range(count):
        volunteer = volunteers[n % len(volunteers)]
        with volunteer.transaction() as conn:
            changes = volunteer.changeset()
            acts = [r[0] for r in conn.exec_driver_sql("SELECT uuid FROM act WHERE deleted = 0 ORDER BY uuid")]
            for u in rnd.sample(acts, min(10, len(acts))):
                changes.update(conn, "act", u, {"description": f"түзетілді {n}"})
            for u in rnd.sample(acts, min(2, len(acts))):
                if u in changes.edited.get("act", {}):
                    continue
                changes.delete(conn, "act", u)
            for i in range(rnd.randint(30, 90)):
                name = f"Тұлға {n}-{i}"
                p = changes.create("person", {"name": name, "name_key": name.casefold()})
                e = changes.create("event", {"date": "2021-12-16", "date_precision": "day", "date_start": "2021-12-16",
                                             "date_end": "2021-12-16", "city": "oral"})
                changes.create("act", {"event": e, "person": p, "act_type": "fine", "fine_amount": "50",
                                       "fine_unit": "MCI", "description": f"айыппұл {n}-{i}"})
            volunteer.commit(changes, conn)
        path = base / "bundles" / f"{n:03d}.kzb"
        path.parent.mkdir(exist_ok=True)
        export_bundle(volunteer, path)
        with volunteer.engine.connect() as conn:
            revisions[str(path)] = {r[0] for r in conn.exec_driver_sql(
                "SELECT revision FROM export_mark WHERE bundle_id = (SELECT bundle_id FROM export_mark "
                "ORDER BY rowid DESC LIMIT 1)")}
        bundles.append(path)
    for volunteer in volunteers:
        volunteer.close()
    reference_path = base / "reference"
    shutil.copytree(base / "template", reference_path)
    with Vault.open(reference_path, PASSPHRASE) as reference:
        outcomes = import_bundles(reference, bundles)
        assert all(o.status == "merged" for o in outcomes), [o.to_json() for o in outcomes]
        content = canonical_content(reference)
    return ImportSetup(base / "template", bundles, revisions, content)


def verify_import(path: Path, setup: ImportSetup, outcome: Outcome, tally: Tally) -> list[Path]:
    """All or nothing per bundle, acknowledged ones merged; returns the bundles still to import."""
    vault, problems = open_problems(path, PASSPHRASE)
    for problem in problems:
        tally.fail("integrity", problem)
    if vault is None:
        raise ChildError("the coordinator vault no longer opens")
    with closing_vault(vault), vault.engine.connect() as conn:
        arrived = {r[0] for r in conn.exec_driver_sql("SELECT id FROM revision")}
        logged = {r[0] for r in conn.exec_driver_sql("SELECT bundle_id FROM bundle_log WHERE status = 'merged'")}
        origin = dict(conn.exec_driver_sql("SELECT revision, bundle_id FROM revision_origin").fetchall())
    acked = {p for op in outcome.acked for p in op.started["bundles"]}
    remaining = []
    for bundle in setup.bundles:
        revisions = setup.revisions[str(bundle)]
        present = revisions & arrived
        bundle_ids = {origin.get(r) for r in present}
        is_logged = bool(bundle_ids & logged)
        if present and present != revisions:
            tally.fail("integrity", f"{bundle.name} half merged: {len(present)} of {len(revisions)} revisions")
        if bool(present) != is_logged:
            tally.fail("integrity", f"{bundle.name}: merged={bool(present)} but logged={is_logged}")
        if str(bundle) in acked and not present:
            tally.fail("lost", f"{bundle.name} acknowledged as imported but absent")
        if not present:
            remaining.append(bundle)
    return remaining


def finish_round(path: Path, setup: ImportSetup, tally: Tally) -> None:
    """Import everything again (the ones still missing, the rest replayed): equal to the reference."""
    with Vault.open(path, PASSPHRASE) as vault:
        outcomes = import_bundles(vault, setup.bundles)
        bad = [o.to_json() for o in outcomes if o.status not in ("merged", "unchanged")]
        if bad:
            tally.fail("other", f"re-import after kills: {bad[:3]}")
        if canonical_content(vault) != setup.reference:
            tally.fail("integrity", "content after kills and re-import differs from an uninterrupted import")
    tally.note("rounds compared with an uninterrupted import")


def phase_import(base: Path, iterations: int, rnd: random.Random, tally: Tally, settings: Settings) -> None:
    setup = make_bundles(base, settings.bundles, rnd)
    duration = measure(IMPORTER, lambda: {"vault": str(fresh_copy(setup.template, base / "timing")),
                                          "passphrase": PASSPHRASE, "seed": 0,
                                          "bundles": [str(p) for p in setup.bundles]}, runs=1)
    per_bundle = Pace(duration / len(setup.bundles))
    children = Children(IMPORTER)
    rounds = 0
    path: Path | None = None
    remaining: list[Path] = []
    try:
        for i in range(iterations):
            if path is None:
                rounds += 1
                path = base / f"round-{rounds}"
                shutil.copytree(setup.template, path)
                remaining = list(setup.bundles)
            full = per_bundle.value * len(remaining)
            outcome = children.run({"vault": str(path), "passphrase": PASSPHRASE, "seed": rnd.randrange(2**32),
                                    "bundles": [str(p) for p in remaining]},
                                   Pace.delay(rnd, i, full, tail=0.0))
            tally.iterations += 1
            tally.mid_op += outcome.pending is not None
            tally.note("acknowledged imports", len(outcome.acked))
            per_bundle.seen += [op.acked["seconds"] / len(op.started["bundles"]) for op in outcome.acked if op.acked]
            remaining = verify_import(path, setup, outcome, tally)
            if not remaining:
                finish_round(path, setup, tally)
                shutil.rmtree(path)
                path = None
        if path is not None:
            finish_round(path, setup, tally)
    finally:
        children.close()


# ------------------------------------------------------------------------------------------------
# migration
# ------------------------------------------------------------------------------------------------
def old_fixtures() -> list[Path]:
    head = migrate.head()
    return [p for p in sorted(FIXTURES.glob("vault-*")) if p.name != f"vault-{head}"]


def migrated_reference(fixture: Path, base: Path) -> dict[str, list[tuple[Any, ...]]]:
    path = base / f"reference-{fixture.name}"
    shutil.copytree(fixture, path)
    with Vault.open(path, FIXTURE_PASSPHRASE) as vault:
        return table_dump(vault)


def verify_migration(path: Path, reference: dict[str, list[tuple[Any, ...]]], base: Path, tally: Tally,
                     judged: set[str]) -> bool:
    """Open a copy of what the kill left (so the next iteration can go on from the original);
    `judged` holds the backup files already counted (they stay while the chain of kills goes on)."""
    check = base / "check"
    if check.exists():
        shutil.rmtree(check)
    shutil.copytree(path, check)
    vault, problems = open_problems(check, FIXTURE_PASSPHRASE)
    for problem in problems:
        tally.fail("integrity", problem)
    if vault is None:
        return False
    with closing_vault(vault):
        if migrate.current(vault.engine) != migrate.head():
            tally.fail("integrity", f"schema {migrate.current(vault.engine)} after opening, not {migrate.head()}")
        dump = table_dump(vault)
        if dump != reference:
            differ = sorted(t for t in {*dump, *reference} if dump.get(t) != reference.get(t))
            tally.fail("lost", f"content differs from an uninterrupted migration in {differ}")
        backups = sorted((check / "backups").iterdir()) if (check / "backups").exists() else []
        for backup in backups:
            if f"{path.name}/{backup.name}" in judged:
                continue
            if ".partial" in backup.name:
                tally.note("unfinished backup copies left over")
            elif not backup.name.endswith(".db") or not backup_opens(backup, vault):
                tally.fail("other", f"{backup.name} in backups/ (left by a kill) is not a usable backup")
            else:
                continue  # a good backup; judged again while the chain goes on (cheap, and it must stay good)
            judged.add(f"{path.name}/{backup.name}")
    return True


def backup_opens(backup: Path, vault: Vault) -> bool:
    """A backup file is usable if it opens with the vault's key and holds the data."""
    from kzdesk.core.vault.engine import open_engine

    try:
        engine = open_engine(backup, vault._dek)
    except Exception:
        return False
    try:
        with engine.connect() as conn:
            return bool(conn.exec_driver_sql("SELECT count(*) FROM person").scalar())
    except Exception:
        return False
    finally:
        engine.dispose()


class Pace:
    """How long a child's work takes inside the loop, where the next child starts alongside (a timing
    taken alone is short): measured once, then the median of the latest runs that went to their end."""

    def __init__(self, first: float) -> None:
        self.seen = [first]

    @property
    def value(self) -> float:
        return statistics.median(self.seen[-7:])

    @staticmethod
    def delay(rnd: random.Random, i: int, full: float, tail: float) -> float:
        """A kill anywhere in the work, or (with probability `tail`) in its last tenth or so; every
        tenth one waits long enough for the work to end, so that the pace keeps being measured."""
        if i % 10 == 9:
            return 3.0 * full
        if rnd.random() < tail:
            return rnd.uniform(0.88 * full, 1.02 * full)
        return rnd.uniform(0.0, 1.1 * full)


def measure(script: str, args: Callable[[], dict[str, Any]], runs: int = 3) -> float:
    """Seconds from "ready" to "done" of an uninterrupted child (the median of runs; `args` prepares
    a fresh copy for each run)."""
    times = []
    for _ in range(runs):
        child = Child(script)
        assert child.proc.stdin is not None
        child.proc.stdin.write(json.dumps(args()) + "\n")
        child.proc.stdin.flush()
        child.ready.wait(120)
        start = time.perf_counter()
        child.done.wait(600)
        times.append(time.perf_counter() - start)
        code = child.proc.wait()
        child.discard()
        if code != 0:
            raise ChildError(f"child failed (exit {code}):\n{''.join(child.err)[-3000:]}")
    return sorted(times)[len(times) // 2]


def fresh_copy(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def phase_migration(base: Path, iterations: int, rnd: random.Random, tally: Tally, settings: Settings) -> None:
    fixtures = old_fixtures()
    references = {f.name: migrated_reference(f, base) for f in fixtures}
    paces = {f.name: Pace(measure(MIGRATOR, lambda f=f: {"vault": str(fresh_copy(f, base / "timing")),
                                                          "passphrase": FIXTURE_PASSPHRASE},
                                  runs=settings.timing_runs)) for f in fixtures}
    children = Children(MIGRATOR)
    path: Path | None = None
    fixture = fixtures[0]
    copies = chain = 0
    judged: set[str] = set()
    try:
        for i in range(iterations):
            if path is None:
                fixture = fixtures[copies % len(fixtures)]
                copies += 1
                path = base / f"copy-{copies}"
                shutil.copytree(fixture, path)
                chain = rnd.randint(1, 4)  # kills on this copy before a fresh one, if it has not finished
            # Half the kills in the last stretch of the open, where the schema change itself runs (short,
            # after the unlock and the backup, which take most of the time).
            pace = paces[fixture.name]
            outcome = children.run({"vault": str(path), "passphrase": FIXTURE_PASSPHRASE},
                                   Pace.delay(rnd, i, pace.value, tail=0.5))
            tally.iterations += 1
            tally.mid_op += outcome.pending is not None
            pace.seen += [op.acked["seconds"] for op in outcome.acked if op.acked]
            opens = verify_migration(path, references[fixture.name], base, tally, judged)
            chain -= 1
            if outcome.acked or not opens or not chain:  # the next iteration starts on a fresh copy
                shutil.rmtree(path)
                path = None
    finally:
        children.close()
    tally.note("fixture copies", copies)


# ------------------------------------------------------------------------------------------------
PHASE_RUNNERS: dict[str, Callable[[Path, int, random.Random, Tally, Settings], None]] = {
    "writes": phase_writes, "passwd": phase_passwd, "export": phase_export, "import": phase_import,
    "migration": phase_migration}
LONG_RUN = {"writes": Settings(max_delay=0.6), "passwd": Settings(max_delay=1.0), "export": Settings(max_delay=0.8),
            "import": Settings(), "migration": Settings()}


def run_phase(phase: str, iterations: int, seed: int, settings: Settings | None = None) -> Tally:
    tally = Tally(phase)
    rnd = random.Random(f"{seed}-{phase}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"crashloop-{phase}-") as tmp:
        try:
            PHASE_RUNNERS[phase](Path(tmp), iterations, rnd, tally, settings or LONG_RUN[phase])
        except ChildError as exc:
            tally.fail("other", str(exc))
    tally.seconds = time.perf_counter() - start
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=200, help="iterations per phase")
    parser.add_argument("--phase", choices=[*PHASES, "all"], default="all")
    parser.add_argument("--seed", type=int, default=20211216)
    args = parser.parse_args(argv)
    phases = PHASES if args.phase == "all" else (args.phase,)
    print(f"crashloop: {args.iterations} iterations per phase, seed {args.seed}, {', '.join(phases)}", flush=True)
    failures = 0
    for phase in phases:
        tally = run_phase(phase, args.iterations, args.seed)
        print(tally.line(), flush=True)
        for message in tally.messages:
            print(f"    {message}", flush=True)
        failures += tally.failures
    print(f"total failures: {failures}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
