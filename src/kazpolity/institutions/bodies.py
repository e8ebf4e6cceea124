"""Which bodies exist on a date, their size and composition, who fills them, who holds office.

Sizes and appointment rules come from the rulebook; the party composition of the Majilis
comes from the last official Majilis election on or before the date (APK deputies and
independents are kept as their own kinds); office-holders come from the bundled data.
Where something is not known (the 1995 party affiliations, the Kurultai's first election),
the answer says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from kazpolity.elections.official import OfficialElection, official_elections
from kazpolity.institutions.holders import (
    HolderAnswer,
    dissolutions_before,
    holder_on,
    presidential_term_on,
)
from kazpolity.law import Rulebook, rules_at
from kazpolity.law.model import json_value

KURULTAI_FIRST_ELECTION = date(2026, 8, 23)
"""The first Kurultai election as scheduled (https://timesca.com/?p=51256); no results bundled."""


class SeatStatus(StrEnum):
    """Whether a chamber sits on a date, and how its composition is known."""

    ELECTED = "elected"
    BY_RULE = "by-rule"
    """Composition by kind of seat from the rulebook (the Senate)."""
    NOT_YET_ELECTED = "not-yet-elected"
    DISSOLVED = "dissolved"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Composition:
    """The members of a chamber on a date: by party (where known) and by kind of seat."""

    chamber: str
    on: date
    seats_total: int
    seats_sitting: int | None
    status: SeatStatus
    by_party: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    election_id: str | None = None
    election_date: date | None = None
    note: str | None = None

    @property
    def size(self) -> int:
        """The number of deputies thresholds are counted on: those sitting, else the law's."""
        return self.seats_sitting if self.seats_sitting else self.seats_total

    def to_json(self) -> dict[str, Any]:
        return {
            "seats_total": self.seats_total,
            "seats_sitting": self.seats_sitting,
            "status": self.status.value,
            "composition": dict(self.by_party) if self.by_party else dict(self.by_kind),
            "composition_by_kind": dict(self.by_kind),
            "composition_by_party": dict(self.by_party) or None,
            "election": self.election_id,
            "election_date": self.election_date.isoformat() if self.election_date else None,
            "note": self.note,
        }


def last_election(body: str, on: date) -> OfficialElection | None:
    """The latest bundled election of a chamber held on or before ``on`` under the 1995
    Constitution or later (the one owner of "which election filled this chamber")."""
    last = None
    for election in official_elections():
        if election.body == body and election.date <= on and election.date >= date(1995, 8, 30):
            last = election
    return last


def majilis_composition(on: date, rb: Rulebook | None = None) -> Composition:
    """The Majilis on ``on``: the last election's seats, or why there are none."""
    rb = rb or rules_at(on)
    total = rb.int_("majilis.seats_total")
    election = last_election("majilis", on)
    if election is None:
        return Composition("majilis", on, total, None, SeatStatus.NOT_YET_ELECTED,
                           note="the first Majilis was elected on 9 December 1995 and met on "
                           "30 January 1996")
    dissolved = [d for d in dissolutions_before(on + timedelta(days=1))
                 if d.body in ("majilis", "parliament") and d.on > election.date]
    list_seats_in_force = rules_at(election.date).int_("majilis.seats_list")
    by_party: dict[str, int] = {}
    by_kind = {"list": 0, "district": 0, "apk": 0}
    for row in election.results:
        seats = row.seats_total
        if not seats:
            continue
        by_party[row.name] = seats
        if row.name.lower().startswith("apk"):
            by_kind["apk"] += seats
        elif row.seats_list is None and row.seats_district is None:
            kind = "district" if list_seats_in_force == 0 else "other"
            by_kind[kind] = by_kind.get(kind, 0) + seats
        else:
            by_kind["list"] += row.seats_list or 0
            by_kind["district"] += row.seats_district or 0
    sitting = sum(by_party.values())
    note = None
    if election.election_id == "majilis-1995":
        note = ("party affiliation of 42 of the 67 deputies of 1995 is not published in the "
                "bundled results ('Other parties / independents')")
    if sitting != total:
        note = ((note + "; ") if note else "") + (
            f"{sitting} deputies sit (elected {election.date.isoformat()} under the previous "
            f"rule); the rule in force sets {total}")
    if dissolved:
        return Composition("majilis", on, total, None, SeatStatus.DISSOLVED, {}, {},
                           election.election_id, election.date,
                           f"dissolved on {dissolved[-1].on.isoformat()}; early election due"
                           + (" (dissolution UNVERIFIED)" if dissolved[-1].unverified else ""))
    return Composition("majilis", on, total, sitting, SeatStatus.ELECTED,
                       by_party, {k: v for k, v in by_kind.items() if v}, election.election_id,
                       election.date, note)


def senate_composition(on: date, rb: Rulebook | None = None) -> Composition:
    """The Senate by kind of seat (elected by maslikhats, appointed, on APK recommendation)."""
    rb = rb or rules_at(on)
    total = rb.int_("senate.seats_total")
    elected = rb.int_("senate.seats_elected")
    appointed = rb.int_("senate.seats_appointed")
    apk = rb.int_("senate.seats_appointed_on_apk_recommendation")
    by_kind = {"elected-by-maslikhats": elected, "appointed-by-president": appointed - apk}
    if apk:
        by_kind["appointed-on-apk-recommendation"] = apk
    first = last_election("senate", on)
    if first is None:
        return Composition("senate", on, total, None, SeatStatus.NOT_YET_ELECTED, {}, by_kind,
                           note="the first Senate was elected on 5 December 1995")
    unverified = rb.leaf("senate.seats_total").unverified
    return Composition("senate", on, total, total, SeatStatus.BY_RULE, {}, by_kind,
                       note="senators are not elected on party lists; composition by kind of "
                       "seat from the rulebook" + ("; seat count UNVERIFIED" if unverified else ""))


def kurultai_composition(on: date, rb: Rulebook | None = None) -> Composition:
    rb = rb or rules_at(on)
    total = rb.int_("kurultai.seats_total")
    election = last_election("kurultai", on)
    if election is not None:
        by_party = {row.name: row.seats_total for row in election.results if row.seats_total}
        return Composition("kurultai", on, total, sum(by_party.values()), SeatStatus.ELECTED,
                           by_party, {"list": sum(by_party.values())}, election.election_id,
                           election.date)
    if on < KURULTAI_FIRST_ELECTION:
        return Composition("kurultai", on, total, None, SeatStatus.NOT_YET_ELECTED,
                           note="the first Kurultai election was set for 23 August 2026")
    return Composition("kurultai", on, total, None, SeatStatus.UNKNOWN,
                       note="the results of the Kurultai election of 23 August 2026 are not in "
                       "the bundled data (UNVERIFIED)")


def chamber_composition(chamber: str, on: date, rb: Rulebook | None = None) -> Composition:
    if chamber == "majilis":
        return majilis_composition(on, rb)
    if chamber == "senate":
        return senate_composition(on, rb)
    return kurultai_composition(on, rb)


class _Section:
    """A body's JSON section: values from rules, with their articles and unverified flags."""

    def __init__(self, rb: Rulebook) -> None:
        self.rb = rb
        self.data: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.unverified: list[str] = []

    def rule(self, name: str, key: str) -> Any:
        leaf = self.rb.leaf(key)
        value = json_value(leaf.value)
        self.data[name] = value
        self.sources[name] = f"{key}: {leaf.source.act}, {leaf.source.article}"
        if leaf.unverified:
            self.unverified.append(key)
        return value

    def holder(self, name: str, answer: HolderAnswer) -> None:
        self.data[name] = answer.holder
        self.data[f"{name}_detail"] = answer.to_json()

    def done(self) -> dict[str, Any]:
        return {**self.data, "sources": self.sources, "unverified": self.unverified}


RULE_SECTIONS: tuple[tuple[str, str | None, str | None, tuple[tuple[str, str], ...]], ...] = (
    ("constitutional_council", "constitutional_council", "constitutional_council_chair", (
        ("members", "constitutional_council.members"),
        ("appointed_by_president", "constitutional_council.appointed_by_president"),
        ("appointed_by_senate", "constitutional_council.appointed_by_senate"),
        ("appointed_by_majilis", "constitutional_council.appointed_by_majilis"),
        ("chamber_appointments_made_by",
         "constitutional_council.chamber_appointments_made_by"),
        ("term_years", "constitutional_council.term_years"),
        ("former_presidents_life_members",
         "constitutional_council.former_presidents_life_members"))),
    ("constitutional_court", "constitutional_court", "constitutional_court_chair", (
        ("members", "constitutional_court.judges"),
        ("chair_consent_by", "constitutional_court.chair_consent_by"),
        ("judges_by_president", "constitutional_court.judges_by_president"),
        ("judges_by_senate", "constitutional_court.judges_by_senate"),
        ("judges_by_majilis", "constitutional_court.judges_by_majilis"),
        ("judges_consent_by", "constitutional_court.judges_consent_by"),
        ("term_years", "constitutional_court.term_years"),
        ("single_term", "constitutional_court.single_term"))),
    ("supreme_court", None, None, (
        ("elected_by", "courts.supreme_court_elected_by"),
        ("nominated_by", "courts.supreme_court_nominated_by"),
        ("recommended_by", "courts.supreme_court_recommended_by"),
        ("election_majority", "courts.supreme_court_election_majority"),
        ("judges", "courts.supreme_court_judges"))),
    ("supreme_judicial_council", None, None, (
        ("chair_appointed_by", "courts.local_judges_appointed_by"),
        ("chair_consent_by", "courts.sjc_chair_consent_by"),
        ("member_term_years", "courts.sjc_member_term_years"))),
    ("central_election_commission", None, "cec_chair", (
        ("members", "election_administration.commission_members"),
        ("appointment", "election_administration.cec_appointment"),
        ("term_years", "election_administration.term_years"))),
    ("maslikhats", None, None, (
        ("term_years", "local_government.maslikhat_term_years"),
        ("min_age", "local_government.maslikhat_min_age"),
        ("early_termination", "local_government.maslikhat_early_termination"))),
    ("akims", None, None, (
        ("regional", "local_government.regional_akim_appointment"),
        ("regional_min_candidates", "local_government.regional_akim_min_candidates"),
        ("district", "local_government.district_akim_selection"),
        ("rural", "local_government.rural_akim_selection"))),
    ("assembly_of_people", "assembly_of_people", None, (
        ("majilis_deputies_elected", "assembly_of_people.majilis_deputies_elected"),
        ("senators_recommended", "assembly_of_people.senators_recommended"),
        ("chaired_by", "assembly_of_people.chaired_by"))),
    ("halyk_kenesi", "halyk_kenesi", None, (
        ("members", "halyk_kenesi.members"),
        ("members_per_block", "halyk_kenesi.members_per_block"),
        ("formed_by", "halyk_kenesi.formed_by"),
        ("legislative_initiative", "halyk_kenesi.legislative_initiative"))),
)
"""Bodies whose section is only rules (and a chair): (section, body that must exist or None,
office whose holder is shown or None, (field, rule key) pairs)."""


def institutions_on(on: date) -> dict[str, Any]:
    """Every body on ``on`` (``None`` for bodies that do not exist), as one JSON object."""
    rb = rules_at(on)
    out: dict[str, Any] = {"on": on.isoformat()}
    out.update(_executive(rb, on))
    out["legislature"] = {"chambers": list(rb.str_list("legislature.chambers"))}
    out.update(_chambers(rb, on))
    for name, body, office, rules in RULE_SECTIONS:
        if body is not None and not rb.exists(body):
            out[name] = None
            continue
        section = _Section(rb)
        for label, key in rules:
            section.rule(label, key)
        if office is not None:
            section.holder("chair", holder_on(office, on))
        out[name] = section.done()
    return out


def _executive(rb: Rulebook, on: date) -> dict[str, Any]:
    """The President, the Vice President, the Prime Minister and the Government."""
    out: dict[str, Any] = {}
    president = _Section(rb)
    president.holder("holder", holder_on("president", on))
    president.data["elected_by"] = "direct popular vote"
    president.rule("term_years", "president.term_years")
    president.rule("single_term", "president.single_term")
    term = presidential_term_on(on)
    if term is not None:
        president.data["mandate"] = {
            "president_elected": term.president, "elected": term.elected.isoformat(),
            "ends": term.ends.isoformat(), "ends_exact": term.ends_exact,
            "note": term.note, "sources": list(term.sources)}
    out["president"] = president.done()

    if rb.exists("vice_president"):
        vp = _Section(rb)
        vp.holder("holder", holder_on("vice_president", on))
        vp.rule("appointed_by", "vice_president.appointed_by")
        vp.rule("consent_by", "vice_president.consent_by")
        vp.rule("consent_majority", "vice_president.consent_majority")
        out["vice_president"] = vp.done()
    else:
        out["vice_president"] = None

    pm = _Section(rb)
    pm.holder("holder", holder_on("prime_minister", on))
    pm.data["appointed_by"] = "president"
    pm.rule("consent_by", "government.pm_consent_by")
    pm.rule("consent_majority", "government.pm_consent_majority")
    pm.rule("dismissed_by_president_alone", "government.pm_dismissed_by_president_alone")
    out["prime_minister"] = pm.done()

    gov = _Section(rb)
    gov.rule("ministers_after_majilis_consultation",
             "government.ministers_after_majilis_consultation")
    gov.rule("ministers_appointed_by_president_alone",
             "government.ministers_appointed_by_president_alone")
    gov.rule("resigns_before", "government.resigns_before")
    gov.rule("no_confidence_by", "government.no_confidence_by")
    gov.rule("no_confidence_majority", "government.no_confidence_majority")
    out["government"] = gov.done()
    return out


def _chambers(rb: Rulebook, on: date) -> dict[str, Any]:
    """Each chamber that sits on ``on``: its composition, term, chair and how it is filled."""
    out: dict[str, Any] = {}
    for chamber in ("majilis", "senate", "kurultai"):
        if not rb.exists(chamber):
            out[chamber] = None
            continue
        section = _Section(rb)
        composition = chamber_composition(chamber, on, rb)
        section.data.update(composition.to_json())
        section.rule("term_years", f"{chamber}.term_years")
        section.holder("chair", holder_on(f"{chamber}_chair", on))
        if chamber == "senate":
            section.rule("consents_to", "senate.consents_to")
            section.data["elected_by"] = "joint meetings of the maslikhats of each unit; "\
                "the rest appointed by the President"
        else:
            section.data["elected_by"] = "direct popular vote"
        if chamber == "majilis" and rb.int_("majilis.seats_apk"):
            section.data["elected_by"] += "; 9 deputies by the Assembly of People"
        out[chamber] = section.done()
    return out


def render_institutions(
    snapshot: dict[str, Any],
    heading: Callable[[str, str], str] | None = None,
    name: Callable[[str], str] | None = None,
) -> str:
    """The snapshot for people: one block per body.

    ``heading(body_id, english_title)`` and ``name(person_or_party)`` let a face show the
    headings, office-holders and parties in another language (identity by default)."""
    title_of = heading if heading is not None else _english_heading
    shown = name if name is not None else _same_name
    lines = [f"Institutions of Kazakhstan on {snapshot['on']}"]

    def holder_text(section: dict[str, Any], name: str) -> str:
        detail = section.get(f"{name}_detail") or {}
        if detail.get("status") == "vacant":
            return f"vacant ({detail.get('note')})"
        if detail.get("status") in ("unknown", "no-office") or section.get(name) is None:
            return "UNKNOWN — " + str(detail.get("note") or "not in the sources")
        acting = " (acting)" if detail.get("acting") else ""
        certain = "" if detail.get("certain", True) else " (start date not exact)"
        return f"{shown(str(section[name]))}{acting}{certain} since {detail.get('from')}"

    for body, title in (
        ("president", "President"), ("vice_president", "Vice President"),
        ("prime_minister", "Prime Minister"), ("government", "Government"),
        ("majilis", "Majilis"), ("senate", "Senate"), ("kurultai", "Kurultai"),
        ("constitutional_council", "Constitutional Council"),
        ("constitutional_court", "Constitutional Court"), ("supreme_court", "Supreme Court"),
        ("supreme_judicial_council", "Supreme Judicial Council"),
        ("central_election_commission", "Central Election Commission"),
        ("maslikhats", "Maslikhats"), ("akims", "Akims"),
        ("assembly_of_people", "Assembly of People"), ("halyk_kenesi", "Halyk Kenesi"),
    ):
        section = snapshot.get(body)
        if section is None:
            continue
        lines.append(f"\n{title_of(body, title)}")
        for key, value in section.items():
            if key in ("sources", "unverified") or key.endswith("_detail"):
                continue
            if key in ("holder", "chair"):
                lines.append(f"  {key}: {holder_text(section, key)}")
            elif isinstance(value, dict):
                label = shown if key == "composition" else _same_name
                inner = ", ".join(f"{label(k)}: {v}" for k, v in value.items() if k != "sources")
                lines.append(f"  {key}: {inner}")
            elif value is not None:
                lines.append(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
        if section.get("unverified"):
            lines.append("  UNVERIFIED rules: " + ", ".join(section["unverified"]))
    absent = [b for b in ("vice_president", "majilis", "senate", "kurultai",
                          "constitutional_council", "constitutional_court", "assembly_of_people",
                          "halyk_kenesi") if snapshot.get(b) is None]
    if absent:
        lines.append("\nNot in existence on this date: " + ", ".join(absent))
    return "\n".join(lines)


def _english_heading(body: str, title: str) -> str:
    return title


def _same_name(name: str) -> str:
    return name
