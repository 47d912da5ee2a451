"""The actions the rights pages record in the audit trail, with their French labels (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from recours.core.audit import audit_action

audit_action("rights.update", _("Page « Connaître mes droits » modifiée"))
