"""The actions the collective treatment records in the audit trail (see core.audit).

Events about a case (a respondent linked or unlinked) carry the case's id; events about a
collective file or a campaign carry its id in `detail` (`file`, `campaign`), never a name.
"""

from django.utils.translation import gettext_lazy as _

from recours.core.audit import audit_action

audit_action("respondent.create", _("Mis en cause créé"))
audit_action("respondent.link", _("Mis en cause lié au dossier"))
audit_action("respondent.unlink", _("Mis en cause retiré du dossier"))
audit_action("respondent.report_view", _("Liste des mis en cause par nombre de signalements consultée"))
audit_action("collective.create", _("Dossier collectif ouvert"))
audit_action("collective.view", _("Dossier collectif consulté"))
audit_action("collective.case_add", _("Dossier ajouté à un dossier collectif"))
audit_action("collective.action", _("Action ajoutée à un dossier collectif"))
audit_action("collective.document", _("Document d'un dossier collectif téléchargé"))
audit_action("campaign.create", _("Campagne de tests créée"))
audit_action("campaign.view", _("Campagne de tests consultée"))
audit_action("campaign.test", _("Test de situation enregistré"))
audit_action("campaign.export", _("Campagne de tests exportée"), kept=("format",))
