"""The mails sent to the person who reported, in the language of the pages they used.

A case records that language (Case.language, from the address's prefix: recours.core.i18n).
Each mail is written with that language active, and the follow-up address it gives is the
follow-up page in that language. These texts are in the public scope (recours.core.i18n):
translated in every shipped language.

A mail never holds the narrative, the messages or the grounds: a mailbox may be read by someone
else, the person who discriminates included.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recours.casework.models import Case, Outcome
from recours.casework.selectors import orientations_for_case
from recours.core.i18n import person_language, url_in_language
from recours.core.phone import phone_display

RECAP_OUTCOME = {
    Outcome.INFORMATION: gettext_lazy("nous vous avons informé·e de vos droits et des démarches possibles."),
    Outcome.ORIENTATION: gettext_lazy("nous vous avons orienté·e vers une structure qui peut vous accompagner."),
    Outcome.REFERRAL: gettext_lazy("un dossier de saisine a été préparé avec vous."),
    Outcome.TRANSFER: gettext_lazy("votre situation a été confiée à une autre équipe, qui a pris la suite."),
    Outcome.OUT_OF_SCOPE: gettext_lazy(
        "votre situation ne relève pas de notre service ; nous vous avons indiqué vers qui vous tourner."),
    Outcome.NO_FOLLOW_UP: gettext_lazy("nous n'avons pas eu de nouvelles de votre part."),
}


def new_message_mail_enqueue(*, case: Case, followup_url: str) -> None:
    """Tell the person a message waits on their follow-up page. Never the message itself."""
    from recours.core.instance import instance_get
    from recours.core.mail import mail_enqueue

    language = person_language(getattr(case, "language", ""))
    with translation.override(language):
        name = instance_get().name
        subject = _("%(name)s : un nouveau message vous attend") % {"name": name}
        body = _(
            "Bonjour,\n\n"
            "Un nouveau message vous attend sur votre page de suivi :\n%(url)s\n\n"
            "Pour le lire, munissez-vous du code de suivi qui vous a été donné quand vous avez fait votre signalement.\n\n"
            "Ce courriel est envoyé automatiquement : n'y répondez pas.\n%(name)s"
        ) % {"url": url_in_language(followup_url, language), "name": name}
    mail_enqueue(to=case.contact["email"], subject=subject, body=body, kind="case.new_message", case=case)


def _recap_contact_lines(case: Case) -> list[str]:
    """The contacts given (the case's orientations): name, phone, web address."""
    lines = []
    for orientation in orientations_for_case(case):
        service = orientation.service
        reach = [v for v in (
            phone_display(service.telephone or service.structure.telephone),
            service.lien_mobilisation or service.structure.site_web,
            service.courriel or service.structure.courriel,
        ) if v]
        lines.append(f"- {service.nom} ({service.structure.nom})" + (f" : {', '.join(reach)}" if reach else ""))
    return lines


def recap_mail_enqueue(*, case: Case, outcome: str, followup_url: str, contacts: bool = True) -> None:
    """The recap of a closed case: its outcome in plain words, the contacts given (unless the
    adviser judged the mailbox unsafe), where to read everything (the follow-up page), how to
    reach the service. The names of the services the person was oriented to can say something
    of the situation: the adviser decides, case by case.
    """
    from recours.core.instance import instance_get
    from recours.core.mail import mail_enqueue

    instance = instance_get()
    language = person_language(getattr(case, "language", ""))
    with translation.override(language):
        subject = _("%(name)s : le suivi de votre signalement est terminé") % {"name": instance.name}
        lines = [
            _("Bonjour,"),
            "",
            _("Le traitement de votre signalement est terminé : %(outcome)s") % {"outcome": RECAP_OUTCOME[outcome]},
            "",
        ]
        contact_lines = _recap_contact_lines(case) if contacts else []
        if contact_lines:
            lines += ["", _("Les contacts que nous vous avons donnés :"), *contact_lines]
        lines += [
            "",
            _("Les informations et les contacts que nous vous avons donnés restent sur votre page de suivi :"),
            url_in_language(followup_url, language),
            _("Munissez-vous du code de suivi qui vous a été donné. Vous pouvez encore y écrire si la situation évolue."),
        ]
        if instance.phone:
            lines += ["", _("Pour nous joindre : %(phone)s %(hours)s") % {
                "phone": phone_display(instance.phone), "hours": f"({instance.phone_hours})" if instance.phone_hours else ""}]
            if instance.sign_language_relay_url:
                lines += [_("Personnes sourdes ou malentendantes, en langue des signes, en LfPC ou par écrit : %(url)s %(hours)s") % {
                    "url": instance.sign_language_relay_url,
                    "hours": f"({instance.sign_language_relay_hours})" if instance.sign_language_relay_hours else ""}]
        lines += ["", _("Ce courriel est envoyé automatiquement : n'y répondez pas."), instance.name]
    mail_enqueue(to=case.contact["email"], subject=subject, body="\n".join(lines).strip(), kind="case.recap", case=case)
