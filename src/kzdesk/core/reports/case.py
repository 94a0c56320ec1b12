"""The case summary: everything recorded about one person, as a PDF a lawyer can file.

Two steps, so the same facts can be checked again later:
1. gather() reads the vault into plain, canonical content (no labels, no dates of printing);
   its SHA-256 is the report's verification hash, printed as text and as a QR code and kept in
   the PDF's metadata with the person's id and the profile.
2. layout() turns content into pages in one language. It also returns every text it printed, so
   verify_report() can demand that each of them is still in the PDF: a report whose facts no
   longer match the vault, or whose text was edited, is rejected.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.exchange.authorship import MERGE_AUTHOR, UNPROVEN, proven_authors
from kzdesk.core.exchange.duplicate_acts import doubles_note, possible_doubles_among, uncounted, uncounted_json
from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.persons import one_person, same_person
from kzdesk.core.model.records import Act, Event, Person, Source, field_names, sensitive_fields, stricter
from kzdesk.core.model.revisions import canonical_json, sha256_hex
from kzdesk.core.model.status import status_label
from kzdesk.core.reports import wording
from kzdesk.core.reports.consent import Disclosure, pseudonym_code
from kzdesk.core.reports.pdf import Frame, QrCode, Writer, render, standard_frame, undrawable
from kzdesk.core.vault.identity import fingerprint

REPORT_TAG = "kzdesk-report/v1"
SENSITIVE = sensitive_fields(Person)  # from the model's sensitive() marks, as the exports take them


# --- gathering -------------------------------------------------------------------------------
def _rows(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    return [dict(row) for row in conn.exec_driver_sql(sql, params).mappings()]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _provenance(conn: Connection, records: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Who recorded each item (signer fingerprint), when, and in which bundles it arrived."""
    keys = {k: fingerprint(bytes(p)) for k, p in conn.exec_driver_sql(
        "SELECT key_id, public_key FROM trusted_key UNION SELECT key_id, public_key FROM identity")}
    names: dict[str, str] = {k: n for k, n in conn.exec_driver_sql("SELECT key_id, display_name FROM trusted_key")}
    out = []
    for kind, record in records:
        revs = conn.exec_driver_sql(
            "SELECT r.hlc, r.author, o.bundle_id, r.id FROM revision r LEFT JOIN revision_origin o "
            "ON o.revision = r.id WHERE r.record = ? ORDER BY r.hlc, r.id", (record,)).fetchall()
        if not revs:
            continue
        # Only a proven author is printed: one a bundle merely claimed is shown as not proven.
        proven = proven_authors(conn, [r[3] for r in revs])
        first = next((r for r in revs if r[1] != MERGE_AUTHOR), revs[0])
        author = proven.get(first[3]) or UNPROVEN
        out.append({"kind": kind, "record": record, "author": author, "fingerprint": keys.get(author),
                    "name": names.get(author), "created": revs[0][0], "changed": revs[-1][0],
                    "bundles": sorted({r[2] for r in revs if r[2]})})
    return out


def gather(conn: Connection, person: str, profile: str = "lawyer") -> dict[str, Any]:
    """The canonical content of one person's case summary under an output profile."""
    policy = Disclosure(profile)
    found = _rows(conn, "SELECT * FROM person WHERE uuid = ? AND deleted = 0", (person,))
    if not found:
        raise InputError("No person {person}.", person=person)
    who = found[0]
    if not policy.shows(who["consent"]):
        raise InputError("This person is confidential: only a lawyer's or a full report can name them.")
    group = sorted(same_person(conn, person))
    pfields = [f for f in field_names(Person) if f not in ("name_key", *(() if policy.sensitive else SENSITIVE))]
    subject = {f: who[f] for f in pfields}
    subject["id"] = person
    # A pseudonym is kept as its code: the hashed content must not depend on the report language.
    hidden = policy.hides_name(who["consent"])
    subject["name"] = None if hidden else who["name"]
    subject["pseudonym"] = pseudonym_code(person) if hidden else None
    subject["names"] = [] if hidden else json.loads(who["names"] or "[]")
    gone = uncounted(conn)
    acts = _rows(conn, f"SELECT a.*, p.consent AS person_consent, e.consent AS event_consent FROM act a "
                       f"JOIN event e ON e.uuid = a.event JOIN person p ON p.uuid = a.person WHERE a.person IN "
                       f"({_marks(len(group))}) AND a.deleted = 0 AND e.deleted = 0 "
                       f"AND a.uuid NOT IN (SELECT value FROM json_each(?)) "  # a double report is told once
                       f"ORDER BY e.date_start IS NULL, e.date_start, a.decision_date, a.uuid",
                 (*group, uncounted_json(gone)))
    # The one policy every report follows: an act's level is the stricter of its own, its person's
    # and its event's, so an act with no level of its own inherits (it is not confidential by itself).
    acts = [a for a in acts if policy.shows(a["person_consent"], a["event_consent"], a["consent"])]
    event_ids = list(dict.fromkeys(a["event"] for a in acts))
    events = _rows(conn, f"SELECT * FROM event WHERE uuid IN ({_marks(len(event_ids))}) AND deleted = 0",
                   tuple(event_ids)) if event_ids else []
    order = {e: i for i, e in enumerate(event_ids)}
    events.sort(key=lambda e: order[e["uuid"]])
    for event in events:
        event["others"] = _others(conn, event["uuid"], group)
    targets = [person, *group, *event_ids, *(a["uuid"] for a in acts)]
    sources = _rows(conn, f"SELECT s.*, c.target, c.locator FROM citation c JOIN source s ON s.uuid = c.source "
                          f"WHERE c.target IN ({_marks(len(targets))}) AND c.deleted = 0 AND s.deleted = 0 "
                          f"ORDER BY s.published, s.uuid, c.target", tuple(targets))
    evidence = _rows(conn, f"SELECT uuid, original_name, media_type, size, sha256, target_kind, target "
                           f"FROM attachment WHERE target IN ({_marks(len(targets))}) AND deleted = 0 "
                           f"ORDER BY original_name, uuid", tuple(targets))
    records = [("person", person), *(("event", e) for e in event_ids), *(("act", a["uuid"]) for a in acts),
               *(("source", s["uuid"]) for s in sources), *(("attachment", x["uuid"]) for x in evidence)]
    statuses = _rows(conn, f"SELECT date, code, reason FROM status WHERE person IN ({_marks(len(group))}) "
                           f"AND deleted = 0 ORDER BY date, uuid", tuple(group))
    # Said only when there are some, so the hash of a case without any is what it was before.
    doubles = possible_doubles_among(conn, (a["uuid"] for a in acts), gone)
    return {
        "kind": "case-summary", "version": 1, "profile": profile, "person": subject, "linked": group,
        "statuses": statuses, **({"possible_doubles": doubles} if doubles else {}),
        "consent": stricter(who["consent"], *(e["consent"] for e in events), *(a["consent"] for a in acts)),
        "acts": [{f: a[f] for f in ("uuid", "event", *field_names(Act)) if f != "person"} for a in acts],
        "events": [{f: e[f] for f in ("uuid", *field_names(Event), "others")} for e in events],
        "sources": [{f: s[f] for f in ("uuid", *field_names(Source), "target", "locator")} for s in sources],
        "evidence": evidence,
        "provenance": _provenance(conn, list(dict.fromkeys(records))),
    }


def _others(conn: Connection, event: str, group: list[str]) -> list[dict[str, str | None]]:
    """Other persons in the event, as a public report would name them (the confidential left out,
    the anonymised by pseudonym): a case summary is about one person and must expose nobody else."""
    public = Disclosure("public")
    rows = conn.exec_driver_sql(
        "SELECT DISTINCT p.uuid, p.name, p.consent FROM person p JOIN act a ON a.person = p.uuid "
        "WHERE a.event = ? AND a.deleted = 0 AND p.deleted = 0 ORDER BY p.uuid", (event,)).fetchall()
    return [{"name": None, "pseudonym": pseudonym_code(u)} if public.hides_name(c) else {"name": n, "pseudonym": None}
            for u, n, c in rows if u not in group and public.shows(c)]


def _shown_name(entry: dict[str, Any], lang: str) -> str:
    return entry["name"] or tr("Person {code}", lang, code=entry["pseudonym"])


def content_hash(content: dict[str, Any]) -> str:
    return sha256_hex(canonical_json(content).encode())


# --- layout ----------------------------------------------------------------------------------
def _wall(hlc: str, lang: str) -> str:
    day = datetime.fromtimestamp(int(hlc.split("-")[0]) / 1000, UTC).strftime("%Y-%m-%d")
    return wording.long_date(day, lang)


MARKINGS = {
    "public": N_("PUBLIC — consent given to publish"),
    "anonymised": N_("ANONYMISED — do not publish the name"),
    "confidential": N_("CONFIDENTIAL — for the defence only, do not publish"),
}


def _status_now(content: dict[str, Any], lang: str, today: str | None) -> str:
    """The person's status in force on the day of the report, with the day it began."""
    current = [s for s in content.get("statuses", []) if today is None or s["date"] <= today]
    if not current:
        return ""
    entry = current[-1]
    return tr("{status}, since {date}", lang, status=status_label(entry["code"], lang, entry["reason"]),
              date=wording.long_date(entry["date"], lang))


def _footnotes(content: dict[str, Any]) -> tuple[list[list[dict[str, Any]]], dict[str, int]]:
    """Sources numbered once each, in order of first citation (a source cited for the act and for its
    event is one footnote), and each source's number."""
    numbers: dict[str, int] = {}
    listed: list[list[dict[str, Any]]] = []
    for s in content["sources"]:
        if s["uuid"] not in numbers:
            numbers[s["uuid"]] = len(listed) + 1
            listed.append([])
        listed[numbers[s["uuid"]] - 1].append(s)
    return listed, numbers


def _marks_of(content: dict[str, Any], numbers: dict[str, int], targets: tuple[str, ...]) -> str:
    """" [1, 3]": the footnote numbers of the sources cited for these records."""
    found = sorted({numbers[s["uuid"]] for s in content["sources"] if s["target"] in targets})
    return f" [{', '.join(map(str, found))}]" if found else ""


def layout(content: dict[str, Any], lang: str, today: str | None = None) -> Writer:
    """The pages of a case summary in one language (no I/O); today: the day whose status is shown."""
    w = Writer(lang)
    person, events = content["person"], {e["uuid"]: e for e in content["events"]}
    _, numbers = _footnotes(content)
    w.p(tr("Case summary", lang), "title")
    w.p(_shown_name(person, lang), "h2")
    w.p(", ".join(n["text"] for n in person["names"] if n.get("text")), label=tr("Also written as", lang))
    for key, name in (("birth_year", N_("Born")), ("gender", N_("Gender")), ("occupation", N_("Occupation")),
                      ("affiliation", N_("Movement or party")), ("national_id", N_("IIN")),
                      ("contacts", N_("Contacts")), ("address", N_("Address")), ("notes", N_("Notes"))):
        if person.get(key) not in (None, ""):
            w.p(str(person[key]), label=tr(name, lang))
    w.p(_status_now(content, lang, today), label=tr("Status", lang))
    w.p(tr(wording.CONSENT[content["consent"]], lang), label=tr("Consent", lang))
    w.p(tr("Chronology of acts", lang), "h2")
    if content.get("possible_doubles"):
        w.p(doubles_note(content["possible_doubles"], lang), "small")
    rows = []
    for act in content["acts"]:
        event = events[act["event"]]
        notes = _marks_of(content, numbers, (act["uuid"], event["uuid"]))
        rows.append([wording.long_date(event["date"], lang), wording.act_type(act["act_type"], lang) + notes,
                     wording.cited_basis(act["legal_code"], act["article"], act["part"],
                                         act["decision_date"] or event["date_start"], lang),
                     wording.sanction(act, lang),
                     "; ".join(x for x in (act["court"], act["judge"], act["case_number"] and
                                           f"№ {act['case_number']}") if x),
                     "; ".join(x for x in (act["appeal"] and tr(wording.APPEAL.get(act["appeal"], ""), lang),
                                           act["appeal_outcome"], act["appeal_date"] and
                                           wording.long_date(act["appeal_date"], lang)) if x)])
    w.grid([tr(h, lang) for h in (N_("Date"), N_("Act"), N_("Legal basis"), N_("Sanction"),
                                  N_("Court, judge, case"), N_("Appeal"))],
           rows, [25, 27, 44, 25, 31, 22])
    if not rows:
        w.p(tr("No acts are recorded.", lang))
    if any(wording.wording_undated(act["legal_code"], act["article"],
                                   act["decision_date"] or events[act["event"]]["date_start"])
           for act in content["acts"]):
        # A lawyer quotes these words to a court: say when kzdesk cannot show they were the law that day.
        w.p(tr("The text quoted for an article is its wording as kzdesk knows it; for some articles no dated "
               "source shows the wording in force on the decision date. Check it against the official text "
               "(adilet.zan.kz) before quoting it.", lang), "small")
    w.p(tr("Events", lang), "h2")
    for event in content["events"]:
        where = ", ".join(x for x in (wording.place(event["city"], event["city_text"], lang), event["place"]) if x)
        w.p(" — ".join(x for x in (wording.long_date(event["date"], lang), where, event["title"]) if x), "body")
        w.p(event["occasion"] or "", label=tr("Occasion", lang))
        w.p(event["description"] or "")
        w.p(", ".join(sorted(_shown_name(o, lang) for o in event["others"])), label=tr("Also affected", lang))
    _appendix(w, content, lang)
    return w


def _appendix(w: Writer, content: dict[str, Any], lang: str) -> None:
    listed, _ = _footnotes(content)
    if listed:
        w.p(tr("Sources", lang), "h2")
        for n, citations in enumerate(listed, 1):
            s = citations[0]
            kind = tr(wording.SOURCE_TYPE.get(s["source_type"], ""), lang)
            where = "; ".join(dict.fromkeys(c["locator"] for c in citations if c["locator"]))
            w.p(" · ".join(x for x in (f"[{n}]", s["title"], kind, s["published"], s["url"], where) if x),
                "small")
    if content["evidence"]:
        w.p(tr("Evidence", lang), "h2")
        w.grid([tr(h, lang) for h in (N_("File"), N_("Type"), N_("Bytes"), N_("SHA-256"))],
               [[x["original_name"], x["media_type"], str(x["size"]), x["sha256"]] for x in content["evidence"]],
               [45, 28, 17, 84])
    w.p(tr("Provenance", lang), "h2")
    w.grid([tr(h, lang) for h in (N_("Record"), N_("Recorded by (fingerprint)"), N_("Recorded"),
                                  N_("Last change"), N_("Bundles"))],
           [[f"{tr(wording.KIND[p['kind']], lang)} {p['record'][:8]}",
             tr(UNPROVEN, lang) if p["author"] == UNPROVEN
             else " ".join(x for x in (p["name"], p["fingerprint"] or p["author"]) if x),
             _wall(p["created"], lang), _wall(p["changed"], lang), ", ".join(b[:8] for b in p["bundles"])]
            for p in content["provenance"]], [24, 62, 30, 30, 28])


def compose(content: dict[str, Any], lang: str, today: str | None = None) -> Writer:
    """The whole body: the case, then the verification block with the hash and its QR code."""
    digest = content_hash(content)
    w = layout(content, lang, today)
    w.p(tr("Verification", lang), "h2")
    w.p(tr("Content hash (SHA-256) of what this report states; check it against the vault with "
           "'kzdesk verify-report FILE.pdf':", lang), "small")
    w.p(digest, "mono")
    w.story.extend([Spacer(1, 2 * mm), QrCode(f"kzdesk:case:{content['person']['id']}:{digest}", 32 * mm)])
    return w


def _frame(content: dict[str, Any], lang: str, today: str) -> Frame:
    return standard_frame(tr(MARKINGS.get(content["consent"], MARKINGS["confidential"]), lang), lang, today)


def build_pdf(content: dict[str, Any], lang: str, today: str | None = None, archival: bool = False) -> bytes:
    """The case summary as PDF bytes, with the verification block and metadata; archival: as a
    PDF/A-2b file for a court's records (the same pages, see archival.py)."""
    today = today or datetime.now(UTC).strftime("%Y-%m-%d")
    keywords = [REPORT_TAG, "kind=case-summary", f"person={content['person']['id']}",
                f"profile={content['profile']}", f"lang={lang}", f"generated={today}",
                f"sha256={content_hash(content)}"]
    writer, frame = compose(content, lang, today), _frame(content, lang, today)
    if archival:
        missing = undrawable([*writer.texts, frame.marking, frame.footer, frame.page_label(99, 99)])
        if missing:
            raise InputError("The archival PDF cannot show {letters}: its font has no shapes for them, and an "
                             "archival file may not print empty boxes in their place. Save the ordinary PDF "
                             "instead.", letters=" ".join(missing))
    return render(writer.story, frame, tr("Case summary", lang), keywords, archival=lang if archival else None)


@dataclass(frozen=True)
class CaseSummary:
    """A finished case summary: whose it is and the PDF (not yet written anywhere), with what it
    was made from, so the archival form says exactly what the one previewed says."""

    person: str
    pdf: bytes
    content: dict[str, Any]
    lang: str
    today: str

    def archival_pdf(self) -> bytes:
        """The same summary as a PDF/A-2b file, for a court's records."""
        return build_pdf(self.content, self.lang, self.today, archival=True)


def case_summary(conn: Connection, query: str, lang: str, profile: str = "lawyer",
                 archival: bool = False) -> CaseSummary:
    """The one flow both faces run: find the one person QUERY names (an id or a name, see
    one_person), gather, and build the PDF in LANG (archival: as PDF/A-2b)."""
    person = one_person(conn, query)
    content, today = gather(conn, person, profile), datetime.now(UTC).strftime("%Y-%m-%d")
    return CaseSummary(person, build_pdf(content, lang, today, archival), content, lang, today)


# --- verification ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str  # a message id, shown translated
    person: str | None = None


def _squash(text: str) -> str:
    # Hyphens go too: narrow columns hyphenate long words ("Обжало-" / "вание"), and the text read back
    # carries a hyphen the vault's text does not.
    return re.sub(r"[\s\-\u00ad]+", "", text)


def verify_report(conn: Connection, data: bytes) -> Verdict:
    """Whether a case summary PDF still says exactly what the vault holds."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        keywords = str(reader.metadata.get("/Keywords", "")) if reader.metadata else ""
        text = _squash("".join(page.extract_text() or "" for page in reader.pages))
    except (PyPdfError, ValueError, TypeError, KeyError, OSError):
        return Verdict(False, N_("This file is not a readable PDF."))
    fields = dict(item.split("=", 1) for item in re.split(r"[,\s]+", keywords) if "=" in item)
    if REPORT_TAG not in keywords or fields.get("kind") != "case-summary" or "person" not in fields:
        return Verdict(False, N_("This PDF is not a kzdesk case summary."))
    person, lang = fields["person"], fields.get("lang", "en")
    try:
        content = gather(conn, person, fields.get("profile", "lawyer"))
    except (InputError, ValueError):
        return Verdict(False, N_("The person of this report is no longer in the vault."), person)
    digest = content_hash(content)
    if digest != fields.get("sha256") or digest not in text:
        return Verdict(False, N_("The vault's records have changed since this report was made."), person)
    frame = _frame(content, lang, fields.get("generated", ""))
    printed = [*compose(content, lang, fields.get("generated") or None).texts, frame.marking, frame.footer,
               *(frame.page_label(n, len(reader.pages)) for n in range(1, len(reader.pages) + 1))]
    expected = sorted({_squash(t) for t in printed if _squash(t)}, key=len, reverse=True)
    # Everything the vault would print must be there, and nothing else may be: an edited or
    # added word is caught as surely as a deleted one.
    leftover = text
    for piece in expected:
        if piece not in text:
            return Verdict(False, N_("The report's text was altered: it no longer matches the vault."), person)
        leftover = leftover.replace(piece, "")
    if leftover:
        return Verdict(False, N_("The report's text was altered: it no longer matches the vault."), person)
    return Verdict(True, N_("The report matches the vault."), person)
