"""No hidden count can be recovered by differencing, across every query the public can make.

Issue 15, item 1: each query protected on its own is not enough; two overlapping queries,
subtracted, gave single reports away (Savoie in December; one "état de santé × emploi privé"
report in Loire-Atlantique in one month). These tests craft records with isolated single
reports, make every query the public interface allows — each year of the publication grid ×
national, each région, each département × every channel, through the four CSV exports and
the dashboard's answer times — and attack them (tests/observatory/attack.py).
"""

import csv
import datetime as dt
import io
import random
import re

import pytest
from django.conf import settings

from tests.observatory.attack import differencing_attack
from tests.observatory.helpers import last_month

DEPARTEMENTS = {"44": "52", "49": "52", "73": "84", "74": "84", "75": "11"}
CHANNELS = ["form", "phone", "chat", "api"]
DOMAINS = ["emploi_prive", "logement", "sante", "education"]
CRITERIA = ["origine", "sexe", "etat_de_sante", "handicap"]
OUTCOMES = ["information", "orientation", "referral", ""]  # "": not closed yet
TABLES = {  # export -> (row field, universe)
    "par-mois": ("month", "records"),
    "par-territoire": ("departement", "records"),
    "par-suite": ("outcome", "records"),
    "par-critere": ("criterion", "mentions"),
}


def years() -> tuple[int, int]:
    """Two complete calendar years, whatever today's date."""
    last = last_month().year
    return last - 2, last - 1


def _month(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def crafted_records(rng: random.Random) -> list[dict]:
    """Records over two years and five départements, with deliberately isolated ones."""
    old, recent = years()
    records = []

    def add(**fields):
        values = {
            "channel": rng.choices(CHANNELS, [60, 25, 10, 5])[0], "domain": rng.choice(DOMAINS),
            "criteria": sorted({rng.choice(CRITERIA) for _ in range(rng.choice((1, 1, 2)))}),
            "outcome": rng.choices(OUTCOMES, [45, 35, 10, 10])[0],
            "days_to_first_answer": rng.choice((None, 0, 1, 2, 3, 5, 8)),
        } | fields
        values["region"] = DEPARTEMENTS[values["departement"]]
        records.append(values)

    for year in (old, recent):
        for departement, count in (("44", 30), ("49", 10), ("74", 12), ("75", 25)):
            for _ in range(count):
                month = _month(year, rng.randint(1, 12))
                fields = {"departement": departement, "month": month}
                if departement == "44":  # the one "état de santé × emploi privé" report is isolated below
                    fields["domain"] = rng.choice(["logement", "sante", "education"])
                if departement == "49":  # one chat report in 49, below
                    fields["channel"] = rng.choice(["form", "phone"])
                if departement == "75":  # one API report in Paris, below
                    fields["channel"] = rng.choice(["form", "phone", "chat"])
                add(**fields)
    # Savoie: one report in December of the old year, 23 from January to November of the next
    add(departement="73", month=_month(old, 12))
    for i in range(23):
        add(departement="73", month=_month(recent, 1 + i % 11))
    # Loire-Atlantique: one "état de santé × emploi privé" report in March, twelve from April
    add(departement="44", month=_month(recent, 3), criteria=["etat_de_sante"], domain="emploi_prive")
    for i in range(12):
        add(departement="44", month=_month(recent, 4 + i % 9), criteria=["etat_de_sante"], domain="emploi_prive")
    add(departement="49", month=_month(recent, 6), channel="chat")
    add(departement="75", month=_month(old, 2), channel="api")
    return records


@pytest.fixture
def crafted(add_records):
    rng = random.Random(15)
    specs = crafted_records(rng)
    for spec in specs:
        # a fixed key per record (the model draws it with `secrets`): the test is repeatable
        add_records(1, cell_key=rng.randrange(256), **spec)
    return specs


# --- what each published cell counts, from the crafted data ------------------------------------


def _in_query(spec, *, year, territory, channel) -> bool:
    if spec["month"].year != year or (channel and spec["channel"] != channel):
        return False
    if territory.startswith("r"):
        return spec["region"] == territory[1:]
    return not territory or spec["departement"] == territory


def _value_of(spec, field):
    return spec["month"].isoformat() if field == "month" else spec[field]


def cell_mask(specs, table, row, col, query) -> tuple[str, int]:
    """The set of records (or criterion mentions) behind one exported cell, as a bit mask."""
    row_field, universe = TABLES[table]
    mask, bit = 0, 0
    for spec in specs:
        in_query = _in_query(spec, **query) and (col == "TOTAL" or spec["domain"] == col)
        if universe == "mentions":
            for criterion in spec["criteria"]:
                if in_query and (row == "TOTAL" or criterion == row):
                    mask |= 1 << bit
                bit += 1
            continue
        if in_query and table == "par-suite" and not spec["outcome"]:
            in_query = False
        if in_query and (row == "TOTAL" or _value_of(spec, row_field) == row):
            mask |= 1 << bit
        bit += 1
    return universe, mask


def answered_mask(specs, month: dt.date, query) -> tuple[str, int]:
    mask = 0
    for bit, spec in enumerate(specs):
        if _in_query(spec, **query) and spec["month"] == month and spec["days_to_first_answer"] is not None:
            mask |= 1 << bit
    return "records", mask


def queries():
    territories = ["", *sorted({f"r{r}" for r in DEPARTEMENTS.values()}), *DEPARTEMENTS]
    for year in years():
        for territory in territories:
            for channel in ["", *CHANNELS]:
                yield {"year": year, "territory": territory, "channel": channel}


def _params(query) -> dict:
    year = query["year"]
    return {"annee": year, "debut": f"{year}-01", "fin": f"{year}-12", "territoire": query["territory"],
            "canal": query["channel"]}


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _count(text: str) -> int | None:
    return None if text in ("", "s") else int(text)


def everything_published(client, specs) -> dict[tuple, int | None]:
    """Every cell of every query the public can make: (universe, mask) -> published value.
    The same set of records must get the same value whichever query publishes it."""
    cells: dict[tuple, int | None] = {}

    def publish(cell, value, where):
        if cell[1] == 0:
            assert value in (0, None), where  # an empty set publishes 0
            return
        assert cells.setdefault(cell, value) == value, f"the same records got two values: {where}"

    for query in queries():
        for table, (row_field, _universe) in TABLES.items():
            for row in csv_rows(client.get(f"/observatoire/export/{table}.csv", _params(query))):
                cell = cell_mask(specs, table, row[row_field], row["domain"], query)
                publish(cell, _count(row["effectif"]), (table, query, row))
        html = client.get("/observatoire/", _params(query)).content.decode()
        delays = re.search(r'<table id="tableau-delai".*?</table>', html, re.DOTALL).group(0)
        for month, answered in re.findall(r'<th scope="row">(\d\d/\d{4})</th><td>(.*?)</td>', delays):
            value = _count(re.sub(r"<[^>]+>", "", answered))
            month_date = dt.date(int(month[3:]), int(month[:2]), 1)
            publish(answered_mask(specs, month_date, query), value, ("délais", query, month))
    return cells


def test_no_count_below_the_threshold_is_recovered_from_every_pair_of_public_queries(client, crafted):
    threshold = settings.RECOURS_OBSERVATORY_MIN_CELL
    max_noise = settings.RECOURS_OBSERVATORY_MAX_NOISE
    cells = everything_published(client, crafted)
    found = differencing_attack(cells, threshold=threshold, max_noise=max_noise)

    small = {slice_: bounds for slice_, bounds in found.items() if 1 <= slice_[1].bit_count() < threshold}
    assert len(small) > 1000  # the crafted data gives the attacker plenty to work on
    # among them, the isolated reports: Savoie's December one, Loire-Atlantique's March one
    old, recent = years()
    savoie = next(i for i, s in enumerate(crafted) if s["departement"] == "73" and s["month"].year == old)
    march = next(i for i, s in enumerate(crafted) if s["domain"] == "emploi_prive" and s["departement"] == "44")
    assert ("records", 1 << savoie) in small and ("records", 1 << march) in small
    for (universe, mask), (lo, hi) in small.items():
        truth = mask.bit_count()
        assert lo <= truth <= hi, "the attacker's model of the publication rules is wrong"
        assert hi - lo >= 1, f"{universe}: a set of {truth} record(s) pinned by differencing"


def test_without_the_noise_the_same_attack_pins_hidden_counts(client, crafted, settings):
    """The grid alone is not enough: with the perturbation off, differencing the public
    queries recovers exact counts below the threshold (this is what the noise is for)."""
    settings.RECOURS_OBSERVATORY_MAX_NOISE = 0
    threshold = settings.RECOURS_OBSERVATORY_MIN_CELL
    found = differencing_attack(everything_published(client, crafted), threshold=threshold, max_noise=0)
    pinned = [mask for (_u, mask), (lo, hi) in found.items() if lo == hi and 1 <= mask.bit_count() < threshold]
    assert len(pinned) > 20


def test_the_savoie_subtraction_of_the_issue_now_gives_nothing(client, crafted):
    """par-territoire for Savoie from December and from January: the public gets the same
    calendar year both times, so the subtraction is zero."""
    old, recent = years()
    from_december = client.get(
        "/observatoire/export/par-territoire.csv", {"territoire": "73", "debut": f"{old}-12", "fin": f"{recent}-11"}
    )
    from_january = client.get(
        "/observatoire/export/par-territoire.csv", {"territoire": "73", "debut": f"{recent}-01", "fin": f"{recent}-11"}
    )
    assert from_december.content == from_january.content
    december_year = csv_rows(client.get("/observatoire/export/par-territoire.csv", {"territoire": "73", "annee": old}))
    assert all(row["effectif"] in ("", "0") for row in december_year)  # one report that year: hidden


def test_the_criterion_by_month_subtraction_of_the_issue_now_gives_nothing(client, crafted):
    """par-critere for Loire-Atlantique from March and from April: the same year both times;
    the year's "état de santé × emploi privé" count is perturbed, not exact."""
    old, recent = years()
    march = client.get("/observatoire/export/par-critere.csv", {"territoire": "44", "debut": f"{recent}-03"})
    april = client.get("/observatoire/export/par-critere.csv", {"territoire": "44", "debut": f"{recent}-04"})
    assert march.content == april.content


def test_staff_of_the_territory_who_manage_it_still_get_exact_months(client, crafted, coordinator):
    from tests.accounts.helpers import log_in_verified

    old, recent = years()
    log_in_verified(client, coordinator)
    rows = csv_rows(client.get(
        "/observatoire/export/par-critere.csv", {"territoire": "44", "debut": f"{recent}-03", "fin": f"{recent}-03"}
    ))
    cell = next(r for r in rows if r["criterion"] == "etat_de_sante" and r["domain"] == "emploi_prive")
    assert cell["effectif"] == "1"
