"""`python -m analysis`: see analysis/cli/."""

import sys

from analysis.cli import main

# Cell text reaches the terminal verbatim; an unprintable character must not end the run.
for stream in (sys.stdout, sys.stderr):
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")

sys.exit(main())
