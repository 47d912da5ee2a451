"""Writes of the directory: entries saved in bulk (imports, seed data) or one by one (screens)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from recours.core.audit import audit_record
from recours.directory.models import Service, ServiceZone, Structure
from recours.directory.selectors import directory_cache_clear

BATCH = 1000
STRUCTURE_FIELDS = [
    f.name for f in Structure._meta.concrete_fields if f.name not in ("id", "di_id", "created_at", "updated_at")
]
SERVICE_FIELDS = [
    f.name for f in Service._meta.concrete_fields
    if f.name not in ("id", "di_id", "created_at", "updated_at", "structure", "retired_at", "verified_by", "team")
] + ["structure"]


@dataclass
class UpsertCounts:
    structures_created: int = 0
    structures_updated: int = 0
    services_created: int = 0
    services_updated: int = 0


def _existing(model, di_ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(di_ids), BATCH):
        chunk = di_ids[start:start + BATCH]
        found.update(model.objects.filter(di_id__in=chunk).values_list("di_id", "pk"))
    return found


def _adapter(field, connection):
    """How a value of `field` goes to the database driver (what the ORM would do, without
    its per-value machinery: bulk_create spent most of an import in it, bench/directory.py)."""
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def _rows_write(model, rows: list[dict], columns: list[str], *, update: bool = False) -> None:
    """INSERT (or UPDATE by "id") `rows`, dicts keyed by attname, with one executemany per batch."""
    if not rows:
        return
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in columns]
    attnames = [f.attname for f in fields]
    adapters = [_adapter(f, connection) for f in fields]
    table = quote(model._meta.db_table)
    defaults = {f.attname: f.get_default() for f in fields}
    params = []
    for row in rows:
        values = [row[name] if name in row else defaults[name] for name in attnames]
        values = [adapt(v) if adapt and v is not None else v for adapt, v in zip(adapters, values)]
        params.append(values + [row["id"]] if update else values)
    with connection.cursor() as cursor:
        if update:
            sql = f"UPDATE {table} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} WHERE {quote('id')} = %s"
            for start in range(0, len(params), BATCH * 5):
                cursor.executemany(sql, params[start:start + BATCH * 5])
            return
        columns = ", ".join(quote(f.column) for f in fields)
        if connection.vendor == "postgresql":
            # COPY: the rows stream in one command; an INSERT per row, or many rows per INSERT,
            # spent most of an import in the driver (bench/directory.py).
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        for start in range(0, len(params), BATCH * 5):
            cursor.executemany(sql, params[start:start + BATCH * 5])


ZONE_SEARCH_FIELDS = ("criteres_cle", "domaines_cle", "latitude", "longitude")
ZONE_COLUMNS = ["service", "code", "listed", *ZONE_SEARCH_FIELDS]


def zone_row(service_id: int, code: str, fields, *, retired: bool = False) -> dict:
    """One row of `ServiceZone` with its copy of what the search reads; `fields` is a
    service's validated fields (a dict) or the service itself."""
    read = fields.get if isinstance(fields, dict) else lambda name: getattr(fields, name)
    return {
        "service_id": service_id, "code": code, "listed": not (retired or read("is_national")),
        **{name: read(name) for name in ZONE_SEARCH_FIELDS},
    }


def zones_listed_set(service: Service) -> None:
    """Keep the zones' `listed` flag after a retirement or a restoration."""
    ServiceZone.objects.filter(service=service).update(listed=not (service.retired_at or service.is_national))


STRUCTURE_COLUMNS = list(dict.fromkeys([*STRUCTURE_FIELDS, "is_demo", "updated_at"]))
SERVICE_COLUMNS = list(dict.fromkeys([*SERVICE_FIELDS, "is_demo", "updated_at"]))


@transaction.atomic
def directory_upsert(
    *, structures: list[dict], services: list[tuple[dict, list[str]]], is_demo: bool = False
) -> UpsertCounts:
    """Create or update structures and services by their data·inclusion id, zones included.

    `structures` are fields from `structure_row_validate`; `services` are (fields, zones) from
    `service_row_validate`, whose `structure_di_id` must name a structure given here or
    already known. Everything is written in bulk, in one transaction; an update keeps what the
    screens own (team, retirement, who verified).
    """
    counts = UpsertCounts()
    now = timezone.now()

    known = _existing(Structure, [s["di_id"] for s in structures])
    new, changed = [], []
    for fields in structures:
        row = {**fields, "is_demo": is_demo, "updated_at": now}
        if fields["di_id"] in known:
            changed.append({**row, "id": known[fields["di_id"]]})
        else:
            new.append({**row, "created_at": now})
    _rows_write(Structure, new, ["di_id", "created_at", *STRUCTURE_COLUMNS])
    _rows_write(Structure, changed, STRUCTURE_COLUMNS, update=True)
    counts.structures_created, counts.structures_updated = len(new), len(changed)

    structure_ids = _existing(Structure, sorted({f["structure_di_id"] for f, _ in services}))
    known = _existing(Service, [f["di_id"] for f, _ in services])
    new, changed, zones_of = [], [], {}
    for fields, zones in services:
        row = {k: v for k, v in fields.items() if k != "structure_di_id"}
        row.update(structure_id=structure_ids[fields["structure_di_id"]], is_demo=is_demo, updated_at=now)
        if fields["di_id"] in known:
            changed.append({**row, "id": known[fields["di_id"]]})
        else:
            new.append({**row, "created_at": now})
        zones_of[fields["di_id"]] = zones
    _rows_write(Service, new, ["di_id", "created_at", *SERVICE_COLUMNS])
    _rows_write(Service, changed, SERVICE_COLUMNS, update=True)
    counts.services_created, counts.services_updated = len(new), len(changed)

    ids = _existing(Service, list(zones_of))
    changed_ids = [row["id"] for row in changed]
    retired = set()
    for start in range(0, len(changed_ids), BATCH):
        chunk = changed_ids[start:start + BATCH]
        ServiceZone.objects.filter(service_id__in=chunk).delete()
        retired.update(Service.objects.filter(pk__in=chunk, retired_at__isnull=False).values_list("pk", flat=True))
    _rows_write(
        ServiceZone,
        [
            zone_row(ids[fields["di_id"]], code, fields, retired=ids[fields["di_id"]] in retired)
            for fields, zones in services for code in zones
        ],
        ZONE_COLUMNS,
    )
    transaction.on_commit(directory_cache_clear)
    return counts


def structure_di_id_missing(services: list[tuple[dict, list[str]]], structures: list[dict]) -> set[str]:
    """Structure ids that services point to and that neither the batch nor the database knows."""
    wanted = {f["structure_di_id"] for f, _ in services} - {s["di_id"] for s in structures}
    return wanted - set(_existing(Structure, sorted(wanted)))


@transaction.atomic
def service_verify(*, service: Service, actor, on: dt.date | None = None) -> Service:
    """A coordinator checked the entry with the structure: record when and who."""
    service.date_verification = on or timezone.localdate()
    service.verified_by = actor
    service.save(update_fields=["date_verification", "verified_by", "updated_at"])
    audit_record(actor=actor, action="directory.verify", service=service.pk)
    return service


@transaction.atomic
def service_retire(*, service: Service, actor) -> Service:
    """Take an entry out of searches; its past orientations keep pointing to it."""
    service.retired_at = timezone.now()
    service.save(update_fields=["retired_at", "updated_at"])
    zones_listed_set(service)
    audit_record(actor=actor, action="directory.retire", service=service.pk)
    transaction.on_commit(directory_cache_clear)
    return service


@transaction.atomic
def service_restore(*, service: Service, actor) -> Service:
    service.retired_at = None
    service.save(update_fields=["retired_at", "updated_at"])
    zones_listed_set(service)
    audit_record(actor=actor, action="directory.restore", service=service.pk)
    transaction.on_commit(directory_cache_clear)
    return service


# Orientation: a person pointed to a service, and, with their consent, handed over to it.

ORIENTATION_SALT = "recours.directory.orientation"
SHAREABLE = ("grounds", "place", "narrative", "contact")


def shareable_choices() -> list[tuple[str, str]]:
    from django.utils.translation import gettext_lazy as _

    return [
        ("grounds", _("les motifs et le domaine")),
        ("place", _("la commune")),
        ("narrative", _("le récit de la personne")),
        ("contact", _("ses coordonnées, pour que la structure la contacte")),
    ]


def orientation_token(orientation) -> str:
    from django.core import signing

    return signing.dumps(orientation.pk, salt=ORIENTATION_SALT, compress=True)


def orientation_from_token(token: str):
    """The orientation a partner's link points to, or None (forged, expired or the case purged)."""
    from django.conf import settings
    from django.core import signing

    from recours.directory.models import Orientation

    try:
        pk = signing.loads(token, salt=ORIENTATION_SALT, max_age=settings.RECOURS_ORIENTATION_LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    orientation = Orientation.objects.select_related("service", "service__structure", "case__team").filter(
        pk=pk, handed_over=True
    ).first()
    if orientation is None or (orientation.expires_at and orientation.expires_at < timezone.now()):
        return None
    return orientation


def _handover_content(*, case, shared: list[str], message: str) -> dict:
    from recours.casework.selectors import case_qualification

    content: dict = {"team": case.team.name if case.team_id else "", "message": message}
    if "grounds" in shared:
        qualification = case_qualification(case)
        criteria = list(qualification.criteria.all()) if qualification else list(case.reported_criteria.all())
        domain = (qualification.domain if qualification and qualification.domain_id else case.domain)
        content["grounds"] = [c.label for c in criteria]
        content["domain"] = domain.label if domain else ""
    if "place" in shared:
        content["place"] = " ".join(p for p in (case.postal_code, case.commune.name if case.commune_id else "") if p)
    if "narrative" in shared:
        content["narrative"] = case.narrative
    if "contact" in shared:
        content["contact"] = {k: v for k, v in (case.contact or {}).items() if k in ("name", "email", "phone", "best_time") and v}
    return content


def _partner_address(service) -> str:
    return service.courriel_orientation or service.courriel or service.structure.courriel


@transaction.atomic
def orientation_record(
    *, case, services: list, actor, hand_over: bool = False, consent: bool = False, shared: list[str] = (),
    message: str = "", link_for=None,
) -> list:
    """Record that the person was oriented to `services`; with `hand_over`, send each one the
    information the person agreed to share, through a mail holding a signed, expiring link.

    `link_for(token)` makes the absolute address of the partner's page (the view knows the host).
    """
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from recours.casework.models import Status
    from recours.casework.services import TRANSITIONS, _status_move
    from recours.core.mail import mail_enqueue
    from recours.directory.models import Orientation, OrientationStatus

    if not services:
        raise ValidationError({"services": _("Choisissez au moins un service.")})
    shared = [s for s in shared if s in SHAREABLE]
    message = (message or "").strip()
    if hand_over:
        errors = {}
        if not consent:
            errors["consent"] = _("Sans l'accord de la personne, rien n'est transmis : cochez son accord, ou donnez-lui seulement le contact.")
        if not shared and not message:
            errors["shared"] = _("Choisissez ce qui sera transmis, ou écrivez un message à la structure.")
        missing = [s.nom for s in services if not _partner_address(s)]
        if missing:
            errors["services"] = _("Ces services n'ont pas d'adresse pour recevoir une orientation : %(names)s. Donnez-en le contact à la personne.") % {"names": ", ".join(missing)}
        if errors:
            raise ValidationError(errors)
    now = timezone.now()
    content = _handover_content(case=case, shared=shared, message=message) if hand_over else {}
    made = []
    for service in services:
        orientation = Orientation.objects.create(
            case=case, service=service, created_by=actor, handed_over=hand_over,
            status=OrientationStatus.SENT if hand_over else OrientationStatus.GIVEN,
            consent_at=now if hand_over else None, shared=shared if hand_over else [], handover=content,
            message=message if hand_over else "",
            expires_at=now + dt.timedelta(days=settings.RECOURS_ORIENTATION_LINK_DAYS) if hand_over else None,
        )
        audit_record(
            actor=actor, action="orientation.record", case=case, orientation=orientation.pk, service=service.pk,
            handed_over=hand_over, shared=shared if hand_over else [],
        )
        if hand_over:
            link = link_for(orientation_token(orientation)) if link_for else orientation_token(orientation)
            mail_enqueue(
                to=_partner_address(service),
                subject=_("Une personne vous est orientée"),
                body=_(
                    "Bonjour,\n\n%(team)s vous oriente une personne, avec son accord, pour « %(service)s ».\n\n"
                    "Ce qu'elle a accepté de vous transmettre se lit à cette adresse, valable jusqu'au %(until)s :\n"
                    "%(link)s\n\nSur cette page, vous pouvez accuser réception, accepter ou décliner l'orientation. "
                    "Ce lien est personnel : ne le transférez pas.\n"
                ) % {
                    "team": case.team.name if case.team_id else _("Une équipe"), "service": service.nom,
                    "until": timezone.localtime(orientation.expires_at).strftime("%d/%m/%Y"), "link": link,
                },
                kind="orientation", case=case,
            )
        made.append(orientation)
    if case.status != Status.ORIENTED and Status.ORIENTED in TRANSITIONS.get(case.status, set()):
        _status_move(case=case, status=Status.ORIENTED, actor=actor)
    return made


@transaction.atomic
def orientation_acknowledge(*, orientation):
    from recours.directory.models import OrientationStatus

    if orientation.acknowledged_at is None:
        orientation.acknowledged_at = timezone.now()
        if orientation.status == OrientationStatus.SENT:
            orientation.status = OrientationStatus.ACKNOWLEDGED
        orientation.save(update_fields=["acknowledged_at", "status"])
        audit_record(actor=None, action="orientation.acknowledge", case=orientation.case_id, orientation=orientation.pk)
    return orientation


@transaction.atomic
def orientation_answer(*, orientation, accept: bool, comment: str = ""):
    """The partner accepts or declines; its comment reaches the team, never the person."""
    from recours.directory.models import OrientationStatus

    now = timezone.now()
    orientation.acknowledged_at = orientation.acknowledged_at or now
    orientation.answered_at = now
    orientation.status = OrientationStatus.ACCEPTED if accept else OrientationStatus.DECLINED
    orientation.partner_comment = (comment or "").strip()[:2000]
    orientation.save(update_fields=["acknowledged_at", "answered_at", "status", "partner_comment"])
    audit_record(
        actor=None, action="orientation.answer", case=orientation.case_id, orientation=orientation.pk,
        accepted=accept,
    )
    return orientation
