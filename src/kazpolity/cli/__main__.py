"""``python -m kazpolity.cli`` and the console script."""

import sys

from kazpolity.cli.app import main


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
