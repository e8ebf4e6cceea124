"""The precinct's register is the reference for a protocol's ``voters_on_list``.

The register (the number of voters on the precinct's list, stored with the commission) is
what the protocol's first line must match. The Constitutional Law "On Elections in the
Republic of Kazakhstan" No. 2464 of 28 September 1995 (https://adilet.zan.kz/rus/docs/
Z950002464_), Article 24 ("Списки избирателей"), lets the precinct commission add voters on
election day (citizens not on the list who show a document of residence in the precinct,
and holders of an absentee certificate); the law sets no number for these additions, so a
protocol above its register is accepted only as a flag with a written reason
(``voters_added_on_election_day``). Article 23 bounds a precinct at 3,000 voters, so more
voters added in one day than a whole precinct may hold — a protocol more than 3,000 above
its register — cannot be a count of that precinct and is refused (422, naming the line).
(The point numbers within Articles 23 and 24 are UNVERIFIED against the current text.)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from kazpolity.administration.controls import MIN_REASON_WORDS, is_written_reason
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.submission import REGISTER_FLAG, Submission
from kazpolity.errors import InputError

PRECINCT_VOTER_LIMIT: Final = 3000
"""Constitutional Law No. 2464, Article 23: a precinct has at most 3,000 voters."""


def register_problem(definition: ElectionDefinition, commission_id: str, voters: int,
                     reason: object) -> tuple[str, str] | None:
    """(field, message) when ``voters`` on the list breaks the register rule, else None."""
    register = definition.hierarchy.commissions[commission_id].voters_on_list
    if register is None or voters <= register:
        return None
    bound = register + PRECINCT_VOTER_LIMIT
    if voters > bound:
        return ("lines.voters_on_list",
                f"{voters:,} voters on the list exceed the precinct's register {register:,} "
                f"by more than a whole precinct ({PRECINCT_VOTER_LIMIT:,} voters, "
                "Constitutional Law No. 2464, Articles 23-24)")
    if not is_written_reason(reason):
        return (f"flag_reasons.{REGISTER_FLAG}",
                f"{voters:,} voters on the list exceed the precinct's register {register:,}: "
                "voters added on election day need a written reason of at least "
                f"{MIN_REASON_WORDS} words")
    return None


def check_register(definition: ElectionDefinition, commission_id: str,
                   submission: Submission) -> Submission:
    """``submission`` flagged when above its register; ``InputError`` past the legal bound."""
    voters = submission.protocol.line(definition.form, "voters_on_list")
    problem = register_problem(definition, commission_id, voters,
                               submission.flag_reasons.get(REGISTER_FLAG))
    if problem is not None:
        raise InputError(*problem)
    register = definition.hierarchy.commissions[commission_id].voters_on_list
    above = register is not None and voters > register
    return replace(submission, register_flag=above) if above else submission
