"""``python -m mipcrawl.cli …``: the same as the ``mipcrawl`` command."""

import sys

from mipcrawl.cli.app import main

sys.exit(main())
