"""The app's state as the faces read it: the settings and the administration store.

The composition root (``kazpolity.server``) puts the settings on ``app.state`` and opens the
store in the app's lifespan. An app driven without its lifespan (a test client used without
``with``) opens the store on first use, once, from the same settings.
"""

from __future__ import annotations

import threading

from fastapi import Request
from starlette.datastructures import State

from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.settings import Settings

_store_lock = threading.Lock()


def settings_of(state: State) -> Settings:
    """The settings the app was built with (the environment's when none were given)."""
    settings: Settings | None = getattr(state, "settings", None)
    return settings if settings is not None else Settings.from_env()


def open_for_serving(url: str | None,
                     signature_cpus: frozenset[int] = frozenset()) -> AdministrationStore:
    """A store for the server, never migrated on PostgreSQL: the server's database role may
    only insert and select (``kazpolity admin migrate`` needs DDL rights). An SQLite file made
    here for the first time is migrated, since its owner holds every right on it."""
    from kazpolity.administration.store.engine import schema_is_current
    from kazpolity.administration.store.signature_process import SignatureProcess

    helper = SignatureProcess(signature_cpus) if signature_cpus else None
    store = AdministrationStore(url, migrate_schema=False, signature_helper=helper)
    if not schema_is_current(store.writer):
        if store.dialect != "sqlite":
            store.close()
            raise RuntimeError("the store's schema is not current: run `kazpolity admin "
                               "migrate --db URL` with a role that has DDL rights")
        store.close()
        store = AdministrationStore(url, migrate_schema=True, signature_helper=helper)
    return store


def open_store(state: State) -> AdministrationStore:
    """The app's administration store, opened once (see ``open_for_serving``)."""
    store: AdministrationStore | None = getattr(state, "administration_store", None)
    if store is None:
        with _store_lock:
            store = getattr(state, "administration_store", None)
            if store is None:
                url = getattr(state, "administration_db_url", None)
                settings = settings_of(state)
                store = open_for_serving(url or settings.database_url,
                                         settings.signature_cpus)
                state.administration_store = store
    return store


def store_of(request: Request) -> AdministrationStore:
    """The administration store of the app serving ``request``."""
    return open_store(request.app.state)
