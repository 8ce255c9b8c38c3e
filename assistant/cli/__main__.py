"""`python -m assistant.cli ...` = `cin-assistant ...`."""

import sys

from assistant.cli import main

sys.exit(main())
