"""The actions the chat records in the audit trail, with their French labels (see core.audit)."""

from django.utils.translation import gettext_lazy as _

from recours.core.audit import audit_action

audit_action("chat.accept", _("Conversation prise en charge"))
audit_action("chat.transfer", _("Conversation transmise"))
audit_action("chat.note", _("Note ajoutée pendant la conversation"))
audit_action("chat.end", _("Conversation du tchat terminée"))
audit_action("chat.read", _("Conversation du tchat relue"))
