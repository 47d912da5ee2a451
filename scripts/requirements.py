"""Print the project's dependencies from pyproject.toml, one per line (for pip wheel / pip install -r).

Usage: python scripts/requirements.py [pyproject.toml]
"""

import sys
import tomllib

path = sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml"
with open(path, "rb") as handle:
    print("\n".join(tomllib.load(handle)["project"]["dependencies"]))
