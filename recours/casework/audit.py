"""The actions casework records in the audit trail, with their French labels (see core.audit).

`kept`: the detail keys general enough to stay once the case is purged (statuses, an
outcome, flags); everything else — criteria, domain, ids of rows gone with the case — goes.
"""

from django.utils.translation import gettext_lazy as _

from recours.core.audit import audit_action

audit_action("case.view", _("Dossier consulté"))
audit_action("case.reply", _("Réponse envoyée à la personne"))
audit_action("case.status", _("Statut modifié"), kept=("before", "after", "outcome", "reopened", "previous_outcome"))
audit_action("case.assign", _("Attribution modifiée"))
audit_action("case.qualify", _("Dossier qualifié"), kept=("first",))
audit_action("case.transfer", _("Dossier transféré"))
audit_action("note.add", _("Note interne ajoutée"))
audit_action("attachment.download", _("Pièce jointe téléchargée"))
audit_action("mail.queued", _("Courriel à la personne mis en file d'envoi"))
audit_action("mail.resend", _("Courriel à la personne renvoyé"))
audit_action("mail.sent", _("Courriel de notification envoyé"))  # older events
audit_action("mail.failed", _("Échec de l'envoi du courriel de notification"))  # older events
audit_action("advice.ask", _("Avis demandé à une autre équipe"))
audit_action("advice.answer", _("Avis reçu d'une autre équipe"))
audit_action("advice.view", _("Demande d'avis lue par l'équipe sollicitée"))
audit_action("template.insert", _("Réponse type insérée dans la réponse"))
audit_action("call.record", _("Appel noté"), kept=("direction", "new_case"))
audit_action("call.sheet_open", _("Fiche d'appel ouverte"))
audit_action("callback.schedule", _("Rappel programmé"))
audit_action("callback.done", _("Rappel fait"))
audit_action("callback.cancel", _("Rappel annulé"))
audit_action("referral.view", _("Saisine consultée"))
audit_action("referral.save", _("Saisine enregistrée"), kept=("created",))
audit_action("referral.consent", _("Accord de la personne pour la saisine recueilli"))
audit_action("referral.consent_withdrawn", _("Accord de la personne pour la saisine retiré"))
audit_action("referral.ready", _("Saisine prête à transmettre"))
audit_action("referral.sent", _("Saisine transmise"))
audit_action("referral.export", _("Saisine exportée"), kept=("format",))
audit_action(
    "case.purge", _("Données personnelles du dossier supprimées (durée de conservation écoulée)"),
    kept=("outcome", "closed_month"),
)
audit_action("referral.offer", _("Dossier de saisine remis à la personne sur sa page de suivi"))
# The orientation step (casework/orientation.py). Once a case is purged, its orientations keep
# no trace of the service it went to.
audit_action("orientation.record", _("Orientation enregistrée"), kept=("handed_over",))
audit_action("orientation.search", _("Annuaire consulté pour le dossier"))
audit_action("orientation.acknowledge", _("Orientation reçue par la structure"))
audit_action("orientation.answer", _("Réponse de la structure à l'orientation"), kept=("accepted",))
audit_action("orientation.partner_view", _("Orientation consultée par la structure"))
audit_action("orientation.propose", _("Transmission à une structure proposée à la personne"))
audit_action("orientation.consent", _("Transmission confirmée par la personne sur sa page de suivi"))
audit_action("orientation.refuse", _("Transmission refusée par la personne sur sa page de suivi"))
audit_action("case.partner_message", _("Message envoyé à la structure partenaire qui a déposé le dossier"))
audit_action("orientation.helped", _("Aide apportée par la structure"))
audit_action("orientation.remind", _("Relance envoyée à la structure pour une orientation en attente"))
