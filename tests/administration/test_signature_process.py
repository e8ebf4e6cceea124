"""The signature helper process (``store.signature_process``): its verdicts are
``signing.verify``'s, and a helper that fails only sends checks back to a thread — it can
never admit a write whose signature is bad."""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path
from typing import Any

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.signing import SigningKey, verify
from kazpolity.administration.store.signature_batch import SignatureBatch
from kazpolity.administration.store.signature_process import (
    SignatureProcess,
    serve_checks,
)

from .test_api import make_world

KEY = SigningKey.generate()
OTHER = SigningKey.generate()
MESSAGE = '{"type":"kazpolity.signed-request","ü":"ъ"}'.encode()


def _checks() -> list[tuple[str, bytes, str]]:
    good = KEY.sign(MESSAGE)
    return [
        (KEY.public_b64, MESSAGE, good),                      # good
        (OTHER.public_b64, MESSAGE, good),                    # another key
        (KEY.public_b64, MESSAGE + b" ", good),               # another message
        (KEY.public_b64, MESSAGE, good[::-1]),                # mangled signature
        (KEY.public_b64, MESSAGE, "not base64!"),             # not a signature at all
        ("", MESSAGE, good),                                  # no key
    ]


def _frame(body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + body


def test_the_helper_loop_answers_what_verify_answers() -> None:
    import orjson

    checks = _checks()
    body = orjson.dumps([[k, m.decode(), s] for k, m, s in checks])
    source, sink = io.BytesIO(_frame(body) * 2), io.BytesIO()
    serve_checks(source, sink)
    expected = bytes(verify(k, m, s) for k, m, s in checks)
    assert expected == b"\x01\x00\x00\x00\x00\x00"
    assert sink.getvalue() == _frame(expected) * 2


def test_the_helper_loop_stops_at_a_truncated_or_oversized_frame() -> None:
    sink = io.BytesIO()
    serve_checks(io.BytesIO(b"\x00\x00"), sink)
    serve_checks(io.BytesIO((2**31).to_bytes(4, "big") + b"[]"), sink)
    assert sink.getvalue() == b""


def test_a_real_helper_checks_batches_and_a_dead_one_falls_back_to_a_thread() -> None:
    async def scenario() -> tuple[list[bool], list[bool], bool, bool]:
        helper = SignatureProcess(frozenset())
        first = await helper.check(_checks())
        again = await helper.check(_checks()[:1])
        assert helper._process is not None
        helper._process.kill()
        await helper._process.wait()
        try:
            await helper.check(_checks())
            raised = False
        except Exception:
            raised = True
        usable = helper.usable()
        await helper.close()
        return first, again, raised, usable

    first, again, raised, usable = asyncio.run(scenario())
    assert first == [True, False, False, False, False, False]
    assert again == [True]
    assert raised and not usable


def _failure_of(script: Path, checks: int) -> tuple[str, bool]:
    """What a helper running ``script`` raises on a batch of ``checks``, and whether it is
    then out of use (broken, its process gone)."""

    async def scenario() -> tuple[str, bool]:
        helper = SignatureProcess(frozenset())
        helper._process = await asyncio.create_subprocess_exec(
            sys.executable, str(script), stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE)
        try:
            await helper.check(_checks()[:checks])
        except Exception as err:
            return type(err).__name__, helper.broken and helper._process is None
        return "", False

    return asyncio.run(scenario())


def test_a_helper_answering_the_wrong_number_of_verdicts_is_dropped(tmp_path: Path) -> None:
    script = tmp_path / "wrong_count.py"
    script.write_text("import sys\nsys.stdin.buffer.read(4)\n"
                      "sys.stdout.buffer.write(b'\\x00\\x00\\x00\\x05' + b'\\x01' * 5)\n"
                      "sys.stdout.buffer.flush()\n")
    assert _failure_of(script, 2) == ("RuntimeError", True)


def test_a_silent_helper_is_taken_for_hung(tmp_path: Path, monkeypatch: Any) -> None:
    from kazpolity.administration.store import signature_process

    monkeypatch.setattr(signature_process, "ANSWER_SECONDS", 0.2)
    script = tmp_path / "silent.py"
    script.write_text("import sys, time\nsys.stdin.buffer.read(4)\ntime.sleep(30)\n")
    assert _failure_of(script, 1) == ("TimeoutError", True)


def test_over_http_with_a_helper_good_signatures_pass_and_forged_ones_do_not(
        tmp_path: Path, small_definition: ElectionDefinition) -> None:
    world, store = make_world(f"sqlite:///{tmp_path / 'helper.db'}", small_definition)
    helper = SignatureProcess(frozenset())
    store.signature_helper = helper
    store.runtime(world.eid).signature_checks = SignatureBatch(helper)
    try:
        with world.client:
            body = world.body(world.p1)
            path = f"/protocols/{world.p1}"
            forged = world.headers(path, world.p1, body)
            forged["X-Kazpolity-Signature"] = OTHER.sign(b"anything")
            refused = world.client.post(f"/api/v1/elections/{world.eid}{path}", json=body,
                                        headers=forged)
            assert refused.status_code == 401, refused.text
            assert helper._process is not None and not helper.broken
            process = helper._process
            assert world.post(path, world.p1, body).status_code == 201
            # A dead helper: the next write is checked on a thread, and still refused
            # when forged.
            process.kill()
            body2 = world.body(world.p2)
            path2 = f"/protocols/{world.p2}"
            forged2 = world.headers(path2, world.p2, body2)
            forged2["X-Kazpolity-Signature"] = OTHER.sign(b"anything")
            assert world.client.post(f"/api/v1/elections/{world.eid}{path2}", json=body2,
                                     headers=forged2).status_code == 401
            assert world.post(path2, world.p2, body2).status_code == 201
            assert helper.broken
    finally:
        store.close()



def test_without_affinity_calls_nothing_is_pinned(monkeypatch: Any) -> None:
    import os

    from kazpolity.administration.store.signature_process import pin_serving_threads

    monkeypatch.delattr(os, "sched_setaffinity")
    assert pin_serving_threads() == frozenset()
