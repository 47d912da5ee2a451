"""The actions the partner space records in the audit trail, with their French labels (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from recours.core.audit import audit_action

audit_action("partner.create", _("Espace partenaire ouvert pour une structure"))
audit_action("partner.invite", _("Invitation à l'espace partenaire envoyée"))
audit_action("partner.join", _("Invitation à l'espace partenaire acceptée"))
audit_action("partner.member_remove", _("Membre retiré de l'espace partenaire"))
audit_action("partner.report", _("Signalement déposé par un partenaire avec la personne"), kept=("shared",))
audit_action("partner.case_view", _("Dossier consulté par le partenaire qui l'a déposé"))
audit_action("partner.orientation_view", _("Orientation consultée dans l'espace partenaire"))
audit_action("case.arrival", _("Signalement reçu par courrier, courriel ou à l'accueil enregistré"), kept=("channel", "receipt_by"))
audit_action("partner.api_key_create", _("Clé d'API partenaire créée"))
audit_action("partner.api_key_revoke", _("Clé d'API partenaire révoquée"))
