#!/usr/bin/env python3
"""jixiao command line: build, validate, serve, scaffold and diff the portal.

python build.py                 validate data/ and build the site into _site/
python build.py validate        validate only (exit 1 on any error)
python build.py serve           build, serve on 127.0.0.1 and rebuild on change
python build.py new UNIT YEAR   scaffold a package for a new unit or year
python build.py diff REF        what the working tree changes in published figures
"""

from __future__ import annotations

import sys

from jixiao.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
