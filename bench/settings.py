"""Settings for the benchmarks: the production settings, plus the bench-only floor endpoint.

Everything comes from recours.settings (and so from the environment); only the URL
configuration differs, so that reports and the floor are served by the same processes.
"""

from recours.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
