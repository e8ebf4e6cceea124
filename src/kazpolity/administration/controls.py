"""Control relations: hard equalities reject a protocol, soft checks flag it.

Each relation is data (``protocol-forms.yaml``). A rejection names the relation and the
numbers on both sides; a flag is accepted only with a written reason for that relation.
``validate`` checks one protocol exactly; ``validate_matrix`` checks many at once (numpy,
for bulk import and benchmarks) and agrees with ``validate`` on every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kazpolity.administration.forms import ProtocolForm, Relation
from kazpolity.administration.protocol import Protocol
from kazpolity.errors import InputError

MAX_REASON_LENGTH = 2000
MIN_REASON_WORDS = 2
"""A written reason needs at least this many words of two or more letters (any script):
"see act No. 5 of the commission" passes, "x", "ok" or "-" do not. A reason is read by
the parent commission and by observers; a token character is not a reason."""


def is_written_reason(value: object) -> bool:
    """Whether ``value`` is a reason in words (see ``MIN_REASON_WORDS``)."""
    if not isinstance(value, str) or len(value) > MAX_REASON_LENGTH:
        return False
    words = ("".join(ch if ch.isalpha() else " " for ch in value)).split()
    return sum(1 for word in words if len(word) >= 2) >= MIN_REASON_WORDS


@dataclass(frozen=True, slots=True)
class Check:
    """One relation evaluated on one protocol."""

    relation: Relation
    left: int
    right: int
    terms: tuple[tuple[str, int], ...]
    """Every field on either side with its number, left side first."""

    @property
    def passed(self) -> bool:
        if self.relation.op == "eq":
            return self.left == self.right
        return self.left <= self.right

    def message(self) -> str:
        rel = self.relation
        symbol = "≠" if rel.op == "eq" else ">"
        numbers = ", ".join(f"{name}={value}" for name, value in self.terms)
        lf = f"{rel.left_factor}×" if rel.left_factor != 1 else ""
        rf = f"{rel.right_factor}×" if rel.right_factor != 1 else ""
        return (
            f"{rel.name} ({rel.text}) fails: {lf}{self._side(rel.left_factor, self.left)} "
            f"{symbol} {rf}{self._side(rel.right_factor, self.right)} [{numbers}]"
        )

    @staticmethod
    def _side(factor: int, value: int) -> str:
        return str(value // factor) if factor else str(value)



@dataclass(frozen=True, slots=True)
class Validation:
    """The failed relations of one protocol."""

    rejections: tuple[Check, ...]
    flags: tuple[Check, ...]

    @property
    def accepted(self) -> bool:
        return not self.rejections

    def flag_names(self) -> tuple[str, ...]:
        return tuple(check.relation.name for check in self.flags)


def _evaluate(
    form: ProtocolForm,
    relation: Relation,
    left_idx: tuple[int, ...],
    right_idx: tuple[int, ...],
    values: tuple[int, ...],
) -> Check:
    left = relation.left_factor * sum(values[i] for i in left_idx)
    right = relation.right_factor * sum(values[i] for i in right_idx)
    terms = tuple((form.fields[i], values[i]) for i in (*left_idx, *right_idx))
    return Check(relation, left, right, terms)


def validate(form: ProtocolForm, protocol: Protocol) -> Validation:
    """Evaluate every relation of ``form`` on ``protocol``."""
    rejections: list[Check] = []
    flags: list[Check] = []
    values = protocol.values
    for relation, left_idx, right_idx in form.resolved_relations:
        left = relation.left_factor * sum(values[i] for i in left_idx)
        right = relation.right_factor * sum(values[i] for i in right_idx)
        if (left == right) if relation.op == "eq" else (left <= right):
            continue
        check = _evaluate(form, relation, left_idx, right_idx, values)
        if not check.passed:
            (rejections if relation.kind == "hard" else flags).append(check)
    return Validation(tuple(rejections), tuple(flags))


def require_acceptable(
    form: ProtocolForm, protocol: Protocol, flag_reasons: Mapping[str, str]
) -> Validation:
    """Raise ``InputError`` for a broken hard relation or a soft flag without a reason."""
    result = validate(form, protocol)
    if result.rejections:
        first = result.rejections[0]
        others = "; ".join(check.message() for check in result.rejections[1:])
        raise InputError(
            f"protocol.{first.relation.name}",
            first.message() + (f"; also {others}" if others else ""),
        )
    unknown = set(flag_reasons) - {r.name for r in form.relations if r.kind == "soft"}
    if unknown:
        raise InputError("flag_reasons", f"not soft relations of this form: {sorted(unknown)}")
    for check in result.flags:
        reason = flag_reasons.get(check.relation.name, "")
        if not isinstance(reason, str) or not reason.strip():
            raise InputError(
                f"flag_reasons.{check.relation.name}",
                check.message() + "; accepting it needs a written reason",
            )
        if len(reason) > MAX_REASON_LENGTH:
            raise InputError(f"flag_reasons.{check.relation.name}", "reason is too long")
        if not is_written_reason(reason):
            raise InputError(f"flag_reasons.{check.relation.name}",
                             f"a reason needs at least {MIN_REASON_WORDS} words of two or "
                             "more letters")
    return result


@dataclass(frozen=True)
class MatrixValidation:
    """Per-row outcomes of ``validate_matrix``: one boolean column per relation (True = fails)."""

    relations: tuple[Relation, ...]
    failed: npt.NDArray[np.bool_]

    def rejected_rows(self) -> npt.NDArray[np.bool_]:
        hard = [i for i, r in enumerate(self.relations) if r.kind == "hard"]
        return np.asarray(self.failed[:, hard].any(axis=1), dtype=np.bool_)

    def flagged_rows(self) -> npt.NDArray[np.bool_]:
        soft = [i for i, r in enumerate(self.relations) if r.kind == "soft"]
        return np.asarray(self.failed[:, soft].any(axis=1), dtype=np.bool_)


def validate_matrix(form: ProtocolForm, matrix: npt.NDArray[np.int64]) -> MatrixValidation:
    """Evaluate every relation on every row of ``matrix`` (rows in form field order)."""
    if matrix.ndim != 2 or matrix.shape[1] != len(form.fields):
        raise InputError("protocols", f"expected {len(form.fields)} columns per protocol")
    failed = np.zeros((matrix.shape[0], len(form.relations)), dtype=np.bool_)
    for j, relation in enumerate(form.relations):
        left = matrix[:, list(form.term_indices(relation.left))].sum(axis=1)
        right = matrix[:, list(form.term_indices(relation.right))].sum(axis=1)
        left = left * relation.left_factor
        right = right * relation.right_factor
        failed[:, j] = left != right if relation.op == "eq" else left > right
    return MatrixValidation(form.relations, failed)
