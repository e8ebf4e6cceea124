"""``python -m kazpolity.cli`` and the console script: the CLI with every command.

The one place where the CLI meets the composition root: ``serve`` is given the app factory
(``kazpolity.server.create_app``), so the CLI's other modules never import the API or the
web pages.
"""

import sys

from kazpolity.cli.app import app, main
from kazpolity.cli.serve import serve_command
from kazpolity.server import create_app

app.command("serve")(serve_command(create_app))


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
