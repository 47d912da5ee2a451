"""Demo anonymised records, so that the observatory's dashboards of a demo instance show
two years of work rather than the handful of demo cases closed so far.

They are generated (fixed seed) in the national proportions of the demo cases, weighted
towards Loire-Atlantique and Paris, and made only by `load_demo_data` (DEBUG only), once:
an instance that already holds records gets none.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from recours.casework.models import Outcome, RespondentKind
from recours.demo.cases import CHANNELS, CRITERIA, DOMAINS
from recours.geo.models import Departement
from recours.observatory.models import AgeBand, AnonymisedRecord, Stage
from recours.observatory.services import rollup_apply

DEMO_RECORD_COUNT = 3000
SEED = 20261124
OUTCOMES = [(Outcome.INFORMATION, 45), (Outcome.ORIENTATION, 30), (Outcome.REFERRAL, 8), (Outcome.TRANSFER, 5),
            (Outcome.OUT_OF_SCOPE, 5), (Outcome.NO_FOLLOW_UP, 7)]
ROLES = [("victime", 80), ("temoin", 10), ("tiers", 7), ("professionnel", 3)]
SITUATIONS = [("discrimination", 70), ("situation_connexe", 15), ("acces_aux_droits", 10), ("hors_champ", 5)]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights)[0]


def demo_records_load(count: int = DEMO_RECORD_COUNT) -> int:
    """Create the demo records if the instance has none; returns how many were created."""
    if AnonymisedRecord.objects.exists():
        return 0
    departements = list(Departement.objects.filter(active=True).values_list("code", "region_id"))
    if not departements:
        return 0
    rng = random.Random(SEED)
    weighted = [((code, region), 60 if code == "44" else 40 if code == "75" else 1) for code, region in departements]
    this_month = timezone.localdate().replace(day=1)
    records = []
    for _ in range(count):
        departement, region = _pick(rng, weighted)
        month = (this_month - dt.timedelta(days=rng.randint(0, 729))).replace(day=1)
        days_to_closure = rng.randint(1, 90)
        closed_month = min((month + dt.timedelta(days=days_to_closure + 15)).replace(day=1), this_month)
        records.append(AnonymisedRecord(  # each draws its own secret cell key (the model's default)
            stage=Stage.CLOSED, month=month, closed_month=closed_month,
            departement=departement, region=region,
            age_band=rng.choice([""] * 3 + list(AgeBand.values)),
            criteria=sorted({_pick(rng, CRITERIA) for _ in range(rng.choice((1, 1, 1, 2)))}),
            domain=_pick(rng, DOMAINS), situation_type=_pick(rng, SITUATIONS), reporter_role=_pick(rng, ROLES),
            channel=_pick(rng, CHANNELS), respondent_kind=rng.choice(RespondentKind.values),
            outcome=_pick(rng, OUTCOMES), days_to_first_answer=rng.choice((0, 1, 1, 2, 3, 5, 8, 15)),
            days_to_closure=days_to_closure,
        ))
    with transaction.atomic():
        AnonymisedRecord.objects.bulk_create(records, batch_size=1000)
        rollup_apply(records, sign=1)
    return len(records)
