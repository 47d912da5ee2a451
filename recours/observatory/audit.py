"""The actions the observatory records in the audit trail, with their French labels (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from recours.core.audit import audit_action

audit_action("observatory.record", _("Fiche anonymisée de l'observatoire enregistrée"), kept=("stage",))
audit_action("observatory.excerpt_approved", _("Extrait du récit validé pour l'observatoire"))
audit_action("observatory.excerpt_rejected", _("Extrait du récit écarté pour l'observatoire"))
audit_action("observatory.excerpt_read", _("Extrait du récit lu dans l'observatoire"))
