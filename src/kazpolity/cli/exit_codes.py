"""Exit codes of the ``kazpolity`` command, documented in ``kazpolity --help``."""

OK = 0
CHECK_FAILED = 1
BAD_INPUT = 2
LOT_REQUIRED = 3
INTERNAL = 70

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a check failed (a mismatch, a failed verification); "
    "2 bad input; 3 a drawing of lots is required; 70 internal error."
)
