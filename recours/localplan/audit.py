"""The actions of the local plan report in the audit trail (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from recours.core.audit import audit_action

audit_action("localplan.view", _("Rapport pour le plan local consulté"))
audit_action("localplan.export", _("Rapport pour le plan local exporté"), kept=("format",))
audit_action("localplan.edit", _("Introduction du rapport pour le plan local modifiée"))
audit_action("localplan.publish", _("Rapport pour le plan local publié ou retiré"))
audit_action("localplan.qpv_import", _("Liste des quartiers prioritaires importée"))
audit_action("localplan.case_qpv", _("Quartier prioritaire du dossier indiqué"))
