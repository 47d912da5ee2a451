"""The actions the directory records in the audit trail, with their French labels (see core.audit).

The orientation of a case is casework's (recours/casework/audit.py).
"""

from django.utils.translation import gettext_lazy as _

from recours.core.audit import audit_action

audit_action("directory.create", _("Fiche de l'annuaire créée"))
audit_action("directory.update", _("Fiche de l'annuaire modifiée"))
audit_action("directory.verify", _("Fiche de l'annuaire marquée vérifiée"))
audit_action("directory.retire", _("Fiche de l'annuaire retirée"))
audit_action("directory.restore", _("Fiche de l'annuaire remise en service"))
audit_action("directory.import", _("Export data·inclusion importé dans l'annuaire"))
