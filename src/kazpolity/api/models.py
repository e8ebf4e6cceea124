"""The API's response models: the schema of every JSON answer, as ``/openapi.json`` shows it.

A shape that a ``presentation/*_json.py`` module already declares as a ``TypedDict`` (a
write's answer, a protocol form, a reproduction) is used as it is, never declared twice.
Each route names its model with ``response_model=``; FastAPI checks the answer against it and
serializes it (fields in the order declared here, which is the order the API has always
answered in). Fields that an answer carries only sometimes (a rule's ``note``, a write's
``entry_hash``) default to ``None`` and the route sets ``response_model_exclude_unset``, so
an absent key stays absent. Where a part of an answer is the engine's own open-ended record
(a rerun's variant fields, an audit entry's ``detail``), the model declares what is always
there and lets the rest through (``extra="allow"``, ``JsonValue``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from kazpolity.presentation.administration_json import ElectionListingJson, ProtocolFormJson
from kazpolity.presentation.election_json import OfficialElectionJson, ReproductionJson


class Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


# ----- the rulebook ---------------------------------------------------------------------

class RuleLeafOut(Model):
    """One rule's value, the interval it is in force and its act and article."""

    value: JsonValue
    from_: str = Field(alias="from")
    until: str | None
    source: str
    unverified: bool
    note: str | None = None


class RulebookOut(Model):
    """The rulebook on a date: one object per body of law (``null``: the body does not exist
    on that date), each mapping a rule's name to its leaf."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, dict[str, RuleLeafOut] | None] = Field(init=False)

    on: str


class ChangeOut(Model):
    key: str
    on: str
    before: RuleLeafOut | None
    after: RuleLeafOut | None


class RulesDiffOut(Model):
    from_: str = Field(alias="from")
    to: str
    changes: list[ChangeOut]


class RuleDeclarationOut(Model):
    key: str
    description: str | None
    unit: str | None


class RuleExplainedOut(RuleLeafOut, RuleDeclarationOut):
    """One rule on a date: its declaration, then its leaf's fields (pydantic orders the
    fields of the bases from the last one), then its whole history."""

    history: list[RuleLeafOut]


# ----- administered elections -----------------------------------------------------------

class ElectionsOut(Model):
    elections: list[ElectionListingJson]


class OptionOut(Model):
    id: str
    name: str


class CentralProtocolOut(Model):
    status: str
    version: int
    payload_hash: str | None


class AuditHeadOut(Model):
    entries: int
    head: str
    closing_hash: str


class ElectionSummaryOut(Model):
    id: str
    election_type: str
    date: str
    mode: str
    options: list[OptionOut]
    against_all: bool
    levels: list[str]
    form: ProtocolFormJson
    commissions: int
    precincts: int
    registered_voters: int
    finalized: bool
    log_key: str | None
    central_protocol: CentralProtocolOut
    audit: AuditHeadOut


class CommissionOut(Model):
    """What every answer about a commission starts with (its register: precincts only)."""

    id: str
    level: str
    parent_id: str | None
    name: str
    region_code: str | None
    voters_on_list: int | None


class CommissionRowOut(CommissionOut):
    members: int
    status: str
    version: int


class CommissionsOut(Model):
    election_id: str
    levels: list[str]
    commissions: list[CommissionRowOut]


class MemberOut(Model):
    name: str
    nominated_by: str | None
    elected_by: str
    term_from: str
    term_until: str


class CommissionDetailOut(CommissionOut):
    members: list[MemberOut]
    children: list[str]
    precincts: int


# ----- results, seats, history, the log -------------------------------------------------

class RowProtocolOut(Model):
    kind: str
    status: str
    version: int
    payload_hash: str | None
    reported: int


class ResultRowOut(Model):
    commission_id: str
    level: str
    reported: int
    expected: int
    reported_text: str
    lines: dict[str, int]
    votes: dict[str, int]
    name: str
    parent_id: str | None
    region_code: str | None
    protocol: RowProtocolOut


class ResultsOut(Model):
    """A level's published results; ``content_hash`` is the SHA-256 of the canonical JSON
    of every field before it (``administration.results``)."""

    election_id: str
    mode: str
    level: str
    scope: str
    basis: str
    reported: int
    expected: int
    reported_text: str
    fields: list[str]
    rows: list[ResultRowOut]
    finalized: bool
    content_hash: str
    audit: AuditHeadOut


class SeatsProtocolOut(Model):
    version: int
    payload_hash: str | None
    reported: int


class SeatsOut(Model):
    election_id: str
    basis: str
    finalized: bool
    central_protocol: SeatsProtocolOut
    votes: dict[str, int]
    allocation: dict[str, JsonValue]
    final_allocation: dict[str, JsonValue] | None


class StoredVersionOut(Model):
    version: int
    kind: str
    payload: dict[str, JsonValue]
    payload_hash: str
    detail: dict[str, JsonValue]
    created_at: str


class AuditEntryOut(Model):
    """An audit entry in its canonical form (the object its ``entry_hash`` covers, then the
    hash; docs/audit-chain.md)."""

    type: str
    election_id: str
    seq: int
    at: str
    actor: str
    commission_id: str
    action: str
    disposition: str
    subject_hash: str | None
    detail: dict[str, JsonValue]
    prev: str
    commission_prev: str
    entry_hash: str


class ProtocolHistoryOut(Model):
    election_id: str
    commission_id: str
    status: str
    version: int
    versions: list[StoredVersionOut]
    log: list[AuditEntryOut]
    closing_hash: str | None


class TreeOut(Model):
    size: int
    root_hash: str


class AuditSummaryOut(Model):
    election_id: str
    entries: int
    head: str
    closing_hash: str
    tree: TreeOut
    commissions: dict[str, str]


class CheckpointOut(Model):
    """A signed checkpoint (``kazpolity.checkpoint/1``)."""

    type: str
    election_id: str
    tree_size: int
    root_hash: str
    at: str
    log_key: str
    signature: str


class ConsistencyProofOut(Model):
    election_id: str
    first: int
    second: int
    first_root: str
    second_root: str
    proof: list[str]


class InclusionProofOut(Model):
    election_id: str
    index: int
    size: int
    leaf_hash: str
    root: str
    proof: list[str]


# ----- official results -----------------------------------------------------------------

class OfficialElectionOut(OfficialElectionJson):
    """A bundled official result (``presentation.election_json.official_json``) with its
    list tier's disproportionality indices and its reproduction under the law of its day."""

    indices: dict[str, float] | None
    reproduction: ReproductionJson


class RerunOut(Model):
    """An official election re-run: the official seats (or shares), the outcome's status,
    then the outcome's own fields (a list allocation's steps and seats, or a majority's
    winner and runoff) as ``kazpolity elections rerun --json`` prints them."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, JsonValue] = Field(init=False)

    id: str
    under: str
    official: dict[str, JsonValue]
    status: str
