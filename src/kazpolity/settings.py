"""The settings of one run: read once from the environment and the command line, then passed in.

Nothing below the faces reads the environment for configuration: the composition root
(``kazpolity.server``) and the command line build one ``Settings`` and hand it to what needs
it (the app's lifespan opens the store from ``database_url``; the CLI renders in ``lang``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from kazpolity.errors import InputError
from kazpolity.presentation import Language

DATABASE_URL_ENV: Final = "KAZPOLITY_DATABASE_URL"
PORT_ENV: Final = "KAZPOLITY_PORT"
LANG_ENV: Final = "KAZPOLITY_LANG"
DEBUG_ENV: Final = "KAZPOLITY_DEBUG"
FORWARDED_ENV: Final = "FORWARDED_ALLOW_IPS"
DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8000


@dataclass(frozen=True)
class Settings:
    """Where the store lives, where the server listens, which language people read."""

    database_url: str | None = None
    """``None``: the administration store's default (its data directory's SQLite file)."""
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    lang: Language = Language.EN
    debug: bool = False
    """Let an internal error raise its traceback (``KAZPOLITY_DEBUG``), for developers."""
    forwarded_allow_ips: str = "127.0.0.1"
    """Peers whose ``X-Forwarded-For``/``-Proto`` headers are believed (a reverse proxy's
    address, comma-separated, or ``*``): ``FORWARDED_ALLOW_IPS``, uvicorn's own variable."""
    signature_cpus: frozenset[int] = frozenset()
    """CPUs for the signature helper process (``serve`` keeps its own threads on one CPU
    and gives the helper the rest: ``administration.store.signature_process``); empty:
    signatures are checked on a worker thread."""
    hot_writes: bool = True
    """Answer submissions and decisions before the router (``kazpolity.api.hot_writes``);
    off, every write goes through the router. The answers are the same either way."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the environment gives; a malformed port is bad input naming it."""
        env = os.environ if environ is None else environ
        raw_port = env.get(PORT_ENV, str(DEFAULT_PORT))
        if not raw_port.isdigit():
            raise InputError(PORT_ENV, f"{raw_port!r} is not a port number")
        lang = env.get(LANG_ENV, Language.EN.value)
        return cls(database_url=env.get(DATABASE_URL_ENV) or None, port=int(raw_port),
                   lang=Language(lang) if lang in set(Language) else Language.EN,
                   debug=bool(env.get(DEBUG_ENV)),
                   forwarded_allow_ips=env.get(FORWARDED_ENV) or "127.0.0.1")

