"""Election forensics on precinct results: statistics against stated null models.

Methods: integer percentages (Kobak et al. 2016), the turnout x share fingerprint and the
Klimek et al. (2012) stuffing model, Shpilkin's clean-peak estimate, the Election Forensics
Toolkit battery and Beber & Scacco digit tests, tabulation consistency. Inputs are
``PrecinctTable`` values; ``load_precincts`` reads files (I/O edge).
"""

from kazpolity.forensics.loaders import PrecinctSource, load_precincts
from kazpolity.forensics.table import ColumnMap, PrecinctTable

__all__ = ["ColumnMap", "PrecinctSource", "PrecinctTable", "load_precincts"]
