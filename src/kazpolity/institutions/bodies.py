"""Which bodies exist on a date, their size and composition, who fills them, who holds office.

Sizes and appointment rules come from the rulebook; the party composition of the Majilis
comes from the last official Majilis election on or before the date (APK deputies and
independents are kept as their own kinds); office-holders come from the bundled data.
Where something is not known (the 1995 party affiliations, the Kurultai's first election),
the answer says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from kazpolity.elections.official import OfficialElection, official_elections
from kazpolity.institutions.holders import (
    HolderAnswer,
    PresidentialTerm,
    dissolutions_before,
    holder_on,
    presidential_term_on,
)
from kazpolity.law import Rulebook, rules_at
from kazpolity.law.model import Rule

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


@dataclass(frozen=True)
class RuleEntry:
    """A value of a body's section taken from the rulebook, with its leaf (act, article)."""

    name: str
    key: str
    rule: Rule


@dataclass(frozen=True)
class HolderEntry:
    """Who holds an office of the body (``holder`` or ``chair``)."""

    name: str
    answer: HolderAnswer


@dataclass(frozen=True)
class FactEntry:
    """A fixed statement of how the body is filled (not a dated rule)."""

    name: str
    text: str


@dataclass(frozen=True)
class CompositionEntry:
    """A chamber's members on the date."""

    composition: Composition


@dataclass(frozen=True)
class MandateEntry:
    """The sitting President's mandate (Constitution 1995 Art. 41-42)."""

    term: PresidentialTerm


SectionEntry = RuleEntry | HolderEntry | FactEntry | CompositionEntry | MandateEntry


@dataclass(frozen=True)
class BodySection:
    """One body on a date: its entries in the order they are shown."""

    entries: tuple[SectionEntry, ...]

    def rule(self, name: str) -> Rule:
        return next(e.rule for e in self.entries if isinstance(e, RuleEntry) and e.name == name)

    def holder(self, name: str) -> HolderAnswer:
        return next(e.answer for e in self.entries
                    if isinstance(e, HolderEntry) and e.name == name)

    @property
    def composition(self) -> Composition | None:
        return next((e.composition for e in self.entries if isinstance(e, CompositionEntry)),
                    None)


@dataclass(frozen=True)
class InstitutionsSnapshot:
    """Every body on a date, in the order shown (``None``: the body does not exist), and the
    chambers of the legislature."""

    on: date
    chambers: tuple[str, ...]
    bodies: tuple[tuple[str, BodySection | None], ...]

    def body(self, name: str) -> BodySection | None:
        return dict(self.bodies)[name]


class _Section:
    """Collects a body's entries in order."""

    def __init__(self, rb: Rulebook) -> None:
        self.rb = rb
        self.entries: list[SectionEntry] = []

    def rule(self, name: str, key: str) -> None:
        self.entries.append(RuleEntry(name, key, self.rb.leaf(key)))

    def holder(self, name: str, answer: HolderAnswer) -> None:
        self.entries.append(HolderEntry(name, answer))

    def fact(self, name: str, text: str) -> None:
        self.entries.append(FactEntry(name, text))

    def done(self) -> BodySection:
        return BodySection(tuple(self.entries))


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
        ("members", "election_administration.cec_members"),
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


def institutions_on(on: date) -> InstitutionsSnapshot:
    """Every body on ``on`` (``None`` for bodies that do not exist)."""
    rb = rules_at(on)
    bodies: list[tuple[str, BodySection | None]] = _executive(rb, on)
    bodies += _chambers(rb, on)
    for name, body, office, rules in RULE_SECTIONS:
        if body is not None and not rb.exists(body):
            bodies.append((name, None))
            continue
        section = _Section(rb)
        for label, key in rules:
            section.rule(label, key)
        if office is not None:
            section.holder("chair", holder_on(office, on))
        bodies.append((name, section.done()))
    return InstitutionsSnapshot(on, tuple(rb.str_list("legislature.chambers")), tuple(bodies))


def _executive(rb: Rulebook, on: date) -> list[tuple[str, BodySection | None]]:
    """The President, the Vice President, the Prime Minister and the Government."""
    out: list[tuple[str, BodySection | None]] = []
    president = _Section(rb)
    president.holder("holder", holder_on("president", on))
    president.fact("elected_by", "direct popular vote")
    president.rule("term_years", "president.term_years")
    president.rule("single_term", "president.single_term")
    term = presidential_term_on(on)
    if term is not None:
        president.entries.append(MandateEntry(term))
    out.append(("president", president.done()))

    if rb.exists("vice_president"):
        vp = _Section(rb)
        vp.holder("holder", holder_on("vice_president", on))
        vp.rule("appointed_by", "vice_president.appointed_by")
        vp.rule("consent_by", "vice_president.consent_by")
        vp.rule("consent_majority", "vice_president.consent_majority")
        out.append(("vice_president", vp.done()))
    else:
        out.append(("vice_president", None))

    pm = _Section(rb)
    pm.holder("holder", holder_on("prime_minister", on))
    pm.fact("appointed_by", "president")
    pm.rule("consent_by", "government.pm_consent_by")
    pm.rule("consent_majority", "government.pm_consent_majority")
    pm.rule("dismissed_by_president_alone", "government.pm_dismissed_by_president_alone")
    out.append(("prime_minister", pm.done()))

    gov = _Section(rb)
    gov.rule("ministers_after_majilis_consultation",
             "government.ministers_after_majilis_consultation")
    gov.rule("ministers_appointed_by_president_alone",
             "government.ministers_appointed_by_president_alone")
    gov.rule("resigns_before", "government.resigns_before")
    gov.rule("no_confidence_by", "government.no_confidence_by")
    gov.rule("no_confidence_majority", "government.no_confidence_majority")
    out.append(("government", gov.done()))
    return out


def _chambers(rb: Rulebook, on: date) -> list[tuple[str, BodySection | None]]:
    """Each chamber that sits on ``on``: its composition, term, chair and how it is filled."""
    out: list[tuple[str, BodySection | None]] = []
    for chamber in ("majilis", "senate", "kurultai"):
        if not rb.exists(chamber):
            out.append((chamber, None))
            continue
        section = _Section(rb)
        section.entries.append(CompositionEntry(chamber_composition(chamber, on, rb)))
        section.rule("term_years", f"{chamber}.term_years")
        section.holder("chair", holder_on(f"{chamber}_chair", on))
        if chamber == "senate":
            section.rule("consents_to", "senate.consents_to")
            section.fact("elected_by", "joint meetings of the maslikhats of each unit; "
                         "the rest appointed by the President")
        else:
            elected_by = "direct popular vote"
            if chamber == "majilis" and rb.int_("majilis.seats_apk"):
                elected_by += "; 9 deputies by the Assembly of People"
            section.fact("elected_by", elected_by)
        out.append((chamber, section.done()))
    return out
