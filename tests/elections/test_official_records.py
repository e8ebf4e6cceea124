"""The official results checked against the CEC's own publications: each correction pinned.

Figures are typed in here from the sources named beside them, independently of the data file.
"""

from __future__ import annotations

import json
from fractions import Fraction

from kazpolity.elections.official import (
    DATA_FILE,
    RESULT_STATUSES,
    official_election,
    official_elections,
)
from kazpolity.elections.reproduce import reproduce


def _votes(election_id: str) -> dict[str, int]:
    return {
        row.name: row.votes
        for row in official_election(election_id).rows
        if row.votes is not None
    }


def test_referendum_2026_accounts_for_every_ballot() -> None:
    # CEC preliminary result, 16 March 2026: 9,127,192 took part, 7,954,667 yes, 898,099 no
    # (TASS via monitoruldestiri.ro); 146,558 declared invalid (Caspian Post; CEC briefing);
    # 127,868 and 146,558 the two spoiled categories (Orda.kz, screenshot of the CEC screen).
    votes = _votes("referendum-2026")
    assert votes["Yes"] == 7_954_667
    assert votes["No"] == 898_099
    assert votes["Invalid ballots"] == 146_558
    assert votes["Ballots of a non-standard form"] == 127_868
    election = official_election("referendum-2026")
    assert election.ballots_cast == 9_127_192
    assert sum(votes.values()) == election.ballots_cast
    # The "unexplained" 274,426 of the old data are the two spoiled categories together.
    assert election.ballots_cast - votes["Yes"] - votes["No"] == 146_558 + 127_868 == 274_426
    assert election.invalid == 146_558


def test_referendum_2026_is_marked_preliminary_and_still_reproduces() -> None:
    # No final protocol of the Central Referendum Commission is stored; the figures are the
    # preliminary count announced on 16 March 2026.
    election = official_election("referendum-2026")
    assert election.result_status == "preliminary" and election.preliminary
    assert "seven days" in (election.result_status_note or "")
    assert reproduce(election).status == "match"
    # 9,127,192 / 12,482,613 = 73.12%; 7,954,667 / 9,127,192 = 87.15% (CEC).
    assert round(100 * election.ballots_cast / election.registered, 2) == 73.12  # type: ignore[operator]
    assert round(100 * 7_954_667 / 9_127_192, 2) == 87.15


def test_presidential_1999_shares_are_the_cec_ones_and_the_other_figure_is_explained() -> None:
    # CEC (e-history.kz/en/news/show/6924): Nazarbayev 5,846,817 = 79.78%, Abdildin
    # 857,386 = 11.70%, Kasymov 337,794 = 4.61%, Gabbasov 55,708 = 0.76% (of all ballots).
    election = official_election("president-1999")
    shares = {row.name.split()[1]: row.percent for row in election.rows_of("candidate")}
    assert shares == {"Nazarbayev": 79.78, "Abdildin": 11.7, "Kasymov": 4.61, "Gabbasov": 0.76}
    assert election.result_status == "final"
    votes = [row.votes or 0 for row in election.rows_of("candidate")]
    # Every CEC share implies one base of about 7.33 million ballots ...
    bases = [Fraction(v * 100) / Fraction(str(p)) for v, p in
             ((5_846_817, "79.78"), (857_386, "11.70"), (337_794, "4.61"), (55_708, "0.76"))]
    assert all(7_320_000 < base < 7_340_000 for base in bases)
    # ... while 12.08% is Abdildin's share of the four candidates' votes, another base.
    assert sum(votes) == 7_097_705
    assert round(100 * 857_386 / sum(votes), 2) == 12.08
    assert any("12.08%" in text for text in _discrepancies("pres-1999"))


def _discrepancies(source_id: str) -> list[str]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return next(e["discrepancies"] for e in data["elections"] if e["id"] == source_id)


def test_every_result_says_how_final_it_is() -> None:
    statuses = {e.election_id: e.result_status for e in official_elections()}
    assert set(statuses.values()) <= set(RESULT_STATUSES)
    assert [k for k, v in statuses.items() if v == "preliminary"] == ["referendum-2026"]
    # CEC final results reported by agencies or the CEC's own release.
    for election_id in ("majilis-2023", "president-2019", "president-2022", "referendum-2022"):
        assert statuses[election_id] == "final", election_id
    assert all(e.result_status_note for e in official_elections())


def test_presidential_2022_uses_the_final_count_not_the_preliminary_one() -> None:
    # Preliminary (21 Nov 2022, TASS): 6,456,392; final (22 Nov, Baribar): 6,456,393.
    election = official_election("president-2022")
    votes = {row.name.split()[0]: row.votes for row in election.rows if row.votes is not None}
    assert votes["Kassym-Jomart"] == 6_456_393
    # With the final figure, candidates plus against-all give the CEC's valid total.
    assert sum(votes.values()) == 7_940_478
    assert election.result_status == "final"
