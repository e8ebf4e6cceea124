"""Election administration: commissions, protocols, control relations, tabulation, store.

- ``hierarchy``: the commission levels and members as the law had them on the election date
- ``forms`` / ``protocol`` / ``controls``: the precinct protocol as configuration, strict
  parsing, hard and soft control relations (``protocol-forms.yaml``)
- ``tabulation``: every level is the sum of its children, with "reported k of N"
- ``lifecycle`` / ``replay``: who may change what; the state replayed from the audit log
- ``audit`` / ``canonical``: the SHA-256 hash chain over canonical JSON (docs/audit-chain.md)
- ``store``: SQLAlchemy + Alembic (SQLite by default, PostgreSQL by URL), verify
- ``synthetic`` / ``driver`` / ``bulk``: a realistic synthetic election, driving it through
  the HTTP API, CSV/Parquet import and export
"""
