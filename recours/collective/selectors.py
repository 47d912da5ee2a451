"""Reads of the collective treatment: respondent search, repeat signals, reports, files, campaigns.

Who sees what:
* organisations are searchable by every adviser (public bodies and companies, not personal data);
* a private individual is found, named and counted only through the cases the adviser sees
  (`casework.selectors.cases_visible_to`): never across teams;
* collective files and campaigns belong to a team: its members read them, its managers
  (`accounts.selectors.teams_managed_by`) change them; anyone else gets a 404.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from recours.accounts.selectors import teams_managed_by, teams_of
from recours.casework.selectors import cases_visible_to
from recours.collective.models import (
    Campaign,
    CaseRespondent,
    CollectiveFile,
    Nature,
    Respondent,
)
from recours.collective.names import name_normalise, name_similarity

SEARCH_LIMIT = 10
# The portable search keeps a name whose similarity to the query reaches this.
SIMILARITY_FLOOR = 0.6


def uses_trigrams() -> bool:
    return connection.vendor == "postgresql"


def _ranked(query: str, candidates: list[Respondent], limit: int) -> list[Respondent]:
    for respondent in candidates:
        respondent.similarity = name_similarity(query, respondent.name_normalised)
    candidates.sort(key=lambda r: (-r.similarity, len(r.name_normalised), r.name_normalised, r.pk))
    return candidates[:limit]


def _organisations_postgresql(query: str, limit: int) -> list[Respondent]:
    """Three steps, each stopping as soon as it finds names, each bounded however many match:
    1. names that start as typed (a range scan of the prefix index);
    2. names that hold every word typed (LIKE '%word%' on the GIN trigram index), a few read
       without sorting, ranked here;
    3. with a typo: the closest names by pg_trgm's word similarity (`%>`, the same index), ranked.
    Indexes: migrations/0002, PostgreSQL only. The model's ordering is cleared (`order_by()`):
    an ORDER BY on the name would make PostgreSQL walk the name index instead."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    organisations = Respondent.objects.filter(nature=Nature.ORGANISATION).select_related("commune").order_by()
    starting = list(organisations.filter(name_normalised__startswith=query)[: limit * 5])
    if starting:
        return _ranked(query, starting, limit)
    holding = organisations
    for word in query.split():
        holding = holding.filter(name_normalised__contains=word)
    holding = list(holding[: limit * 5])
    if holding:
        return _ranked(query, holding, limit)
    return list(
        organisations.filter(name_normalised__trigram_word_similar=query)
        .annotate(similarity=TrigramWordSimilarity(query, "name_normalised"))
        .order_by("-similarity", "name_normalised", "pk")[:limit]
    )


def _organisations_portable(query: str, limit: int) -> list[Respondent]:
    """SQLite: the names that hold every word of the query (a prefix of the last one, as typed),
    or failing that the first three letters of its longest word; ranked by `name_similarity`."""
    words = query.split()
    base = Respondent.objects.filter(nature=Nature.ORGANISATION).select_related("commune")
    exact = base
    for word in words:
        exact = exact.filter(name_normalised__contains=word)
    candidates = list(exact[:500])
    if len(candidates) < limit:
        longest = max(words, key=len)
        seen = {respondent.pk for respondent in candidates}
        candidates += [
            respondent for respondent in base.filter(name_normalised__contains=longest[:3])[:2000]
            if respondent.pk not in seen
        ]
    scored = [(name_similarity(query, respondent.name_normalised), respondent) for respondent in candidates]
    scored = [(score, respondent) for score, respondent in scored if score >= SIMILARITY_FLOOR]
    scored.sort(key=lambda item: (-item[0], item[1].name_normalised, item[1].pk))
    for score, respondent in scored:
        respondent.similarity = score
    return [respondent for _score, respondent in scored[:limit]]


def _individuals_visible(user, query: str, limit: int) -> list[Respondent]:
    """Individuals named by a case the user sees, matched in Python (their names are encrypted)."""
    # Driven from the individuals (a partial index), each checked by EXISTS: never a scan of the
    # links of every visible case.
    visible = cases_visible_to(user).values("pk")
    individuals = Respondent.objects.filter(nature=Nature.INDIVIDUAL).filter(
        Exists(CaseRespondent.objects.filter(respondent=OuterRef("pk"), case_id__in=visible))
    ).select_related("commune")
    scored = []
    for respondent in individuals:
        score = name_similarity(query, name_normalise(respondent.private_name))
        if score >= SIMILARITY_FLOOR:
            respondent.similarity = score
            scored.append(respondent)
    scored.sort(key=lambda respondent: (-respondent.similarity, respondent.pk))
    return scored[:limit]


def respondent_search(user, query: str, *, limit: int = SEARCH_LIMIT) -> list[Respondent]:
    """Respondents whose name is close to `query`: organisations, then the individuals the user may see."""
    normalised = name_normalise(query)
    if len(normalised) < 2:
        return []
    search = _organisations_postgresql if uses_trigrams() else _organisations_portable
    found = search(normalised, limit)
    return found + _individuals_visible(user, normalised, limit)


def respondent_for_user(user, pk: int) -> Respondent | None:
    """A respondent the user may link: any organisation, an individual of a case they see."""
    respondent = Respondent.objects.filter(pk=pk).first()
    if respondent is None or not respondent.is_individual:
        return respondent
    visible = cases_visible_to(user).values("pk")
    return respondent if respondent.links.filter(case_id__in=visible).exists() else None


def respondents_of_case(case) -> list[Respondent]:
    return list(
        Respondent.objects.filter(links__case=case).select_related("commune").order_by("links__linked_at", "pk")
    )


# --- The repeat signal ----------------------------------------------------------------


@dataclass(frozen=True)
class RepeatSignal:
    respondent: Respondent
    in_territory: int  # other cases of the user's teams in the period
    elsewhere_at_least: int  # other teams' cases, published only from the small-number threshold (else 0)
    months: int

    @property
    def total(self) -> int:
        return self.in_territory + self.elsewhere_at_least


def _period_start(now=None) -> dt.datetime:
    months = settings.RECOURS_REPEAT_MONTHS
    return (now or timezone.now()) - dt.timedelta(days=round(months * 30.44))


def published_elsewhere(count: int) -> int:
    """How many of other teams' cases may be said: none under the observatory's smallest
    publishable count, else the count rounded down to a multiple of it ("au moins 11"), so that
    one more case elsewhere does not show (a team learns of another team's cases only in blocks
    of that size)."""
    threshold = settings.RECOURS_OBSERVATORY_MIN_CELL
    return 0 if count < threshold else (count // threshold) * threshold


def _matching(respondent: Respondent) -> Q:
    """The links of the respondent and its close matches (organisations of the same normalised name)."""
    if respondent.is_individual or not respondent.name_normalised:
        return Q(respondent_id=respondent.pk)
    return Q(respondent__nature=Nature.ORGANISATION, respondent__name_normalised=respondent.name_normalised)


def repeat_signals(case, user, *, respondents=None) -> list[RepeatSignal]:
    """For each respondent of the case: the other cases naming it (or a close match) in the period,
    when they reach the threshold. Counted on one indexed join per respondent; other teams'
    cases only as `published_elsewhere` allows (an individual: never outside the user's teams).
    One query for the user's teams, then one per respondent of the case."""
    team_ids = set(teams_of(user).values_list("pk", flat=True))
    threshold = settings.RECOURS_REPEAT_THRESHOLD
    since = _period_start()
    signals = []
    for respondent in respondents if respondents is not None else respondents_of_case(case):
        rows = (
            CaseRespondent.objects.filter(_matching(respondent), case__created_at__gte=since)
            .exclude(case_id=case.pk)
            .values("case__team_id")
            .annotate(cases=Count("case_id", distinct=True))
        )
        mine = others = 0
        for row in rows:
            if row["case__team_id"] in team_ids:
                mine += row["cases"]
            else:
                others += row["cases"]
        elsewhere = 0 if respondent.is_individual else published_elsewhere(others)
        signal = RepeatSignal(respondent=respondent, in_territory=mine, elsewhere_at_least=elsewhere,
                              months=settings.RECOURS_REPEAT_MONTHS)
        if signal.total + 1 >= threshold:
            signals.append(signal)
    return signals


# --- The coordinators' list of respondents -----------------------------------------------


@dataclass
class RespondentReport:
    respondent: Respondent
    team_name: str
    team_id: int
    cases: int
    grounds: list[str]
    domains: list[str]


def respondents_by_reports(user, *, team_id: int | None = None, months: int | None = None) -> list[RespondentReport]:
    """Respondents named by the cases of the teams the user manages, per team, most reported first,
    with the grounds (qualified criteria, else reported ones) and domains of those cases."""
    from recours.casework.models import Case

    teams = teams_managed_by(user)
    if team_id is not None:
        teams = teams.filter(pk=team_id)
    team_names = dict(teams.values_list("pk", "name"))
    since = timezone.now() - dt.timedelta(days=round((months or settings.RECOURS_REPEAT_MONTHS) * 30.44))
    links = CaseRespondent.objects.filter(case__team_id__in=list(team_names), case__created_at__gte=since)
    per_key: dict[tuple[int, int], set[int]] = defaultdict(set)
    for respondent_id, case_id, case_team in links.values_list("respondent_id", "case_id", "case__team_id"):
        per_key[(case_team, respondent_id)].add(case_id)
    case_ids = {case_id for cases in per_key.values() for case_id in cases}
    cases = Case.objects.filter(pk__in=case_ids).select_related("domain", "qualification__domain").prefetch_related(
        "reported_criteria", "qualification__criteria"
    )
    grounds_of, domain_of = {}, {}
    for case in cases:
        qualification = getattr(case, "qualification", None)
        criteria = list(qualification.criteria.all()) if qualification else []
        grounds_of[case.pk] = [c.label for c in (criteria or case.reported_criteria.all())]
        domain = (qualification.domain if qualification and qualification.domain else None) or case.domain
        domain_of[case.pk] = domain.label if domain else ""
    respondents = Respondent.objects.in_bulk({respondent_id for _team, respondent_id in per_key})
    reports = []
    for (team, respondent_id), case_set in per_key.items():
        reports.append(RespondentReport(
            respondent=respondents[respondent_id], team_name=team_names[team], team_id=team, cases=len(case_set),
            grounds=sorted({g for case_id in case_set for g in grounds_of.get(case_id, [])}),
            domains=sorted({domain_of[case_id] for case_id in case_set if domain_of.get(case_id)}),
        ))
    reports.sort(key=lambda r: (r.team_name, -r.cases, r.respondent.display_name.casefold()))
    return reports


# --- Collective files and campaigns ----------------------------------------------------------


def collective_files_visible_to(user) -> QuerySet[CollectiveFile]:
    return CollectiveFile.objects.filter(team__in=teams_of(user)).select_related("team")


def collective_file_for(user, pk: int) -> CollectiveFile | None:
    return collective_files_visible_to(user).filter(pk=pk).first()


def can_manage(user, team_id: int) -> bool:
    return teams_managed_by(user).filter(pk=team_id).exists()


def file_cases(file: CollectiveFile):
    """The cases of a file as the file shows them: reference, date, domain, criteria — never a person."""
    from recours.casework.models import Case

    return (
        Case.objects.filter(pk__in=file.case_links.values("case_id"))
        .select_related("domain", "commune")
        .prefetch_related("reported_criteria")
        .order_by("created_at")
    )


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    return Campaign.objects.filter(team__in=teams_of(user)).select_related("team", "criterion", "file")


def campaign_for(user, pk: int) -> Campaign | None:
    return campaigns_visible_to(user).filter(pk=pk).first()


def campaign_result(campaign: Campaign):
    from recours.collective.stats import cells_of, paired_result

    cells = cells_of(campaign.tests.values_list("a_favourable", "b_favourable"))
    return paired_result(**cells)
