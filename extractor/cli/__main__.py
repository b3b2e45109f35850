"""``python -m extractor.cli``."""

import sys

from extractor.cli.main import main

sys.exit(main())
