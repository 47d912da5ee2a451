"""Pages of the chat: the visitor's page, and the advisers' screens in the console.

The services check who may act and tell the pages of a change (chat.notify); reading a
conversation writes only the audit event of that read (`chat.read`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recours.accounts.models import Team
from recours.accounts.permissions import staff_required
from recours.accounts.selectors import local_entry_get
from recours.chat import selectors, services
from recours.chat.forms import NoteForm, StartForm, TransferForm
from recours.chat.models import ConversationStatus
from recours.core.audit import audit_record


def visitor(request):
    """The public chat page. It works with JavaScript (static/chat/visitor.js); without, it offers the written form."""
    # From a team's local entry (/tchat/?entree=<slug>): the chat asks that team first.
    entry = local_entry_get(request.GET.get("entree", ""))
    return render(request, "chat/visitor.html", {"form": StartForm(), "entry": entry})


@staff_required
def console_queue(request):
    queue = selectors.chat_queue(request.user)
    now = timezone.now()
    context = {
        "title": _("Tchat"),
        "console_section": "chat",
        "waiting": [(c, now - c.waiting_since) for c in queue["waiting"]],
        "active": [(c, now - c.waiting_since) for c in queue["active"]],
        "held": selectors.active_count(request.user),
        "limit": services.settings.RECOURS_CHAT_MAX_ACTIVE,
    }
    template = "chat/_queue.html" if request.GET.get("fragment") else "chat/console_queue.html"
    return render(request, template, context)


def _conversation_or_404(request, pk: int):
    conversation = selectors.conversation_for_staff(request.user, pk)
    if conversation is None:
        raise Http404
    return conversation


@staff_required
def console_conversation(request, pk: int):
    conversation = _conversation_or_404(request, pk)
    audit_record(actor=request.user, action="chat.read", case=conversation.case_id, conversation=conversation.pk)
    chat_messages = selectors.messages_after(conversation.pk, 0)
    holds = selectors.conversation_held_by(conversation, request.user)
    context = {
        "title": _("Conversation n° %(n)s") % {"n": conversation.pk},
        "conversation": conversation,
        "console_section": "chat",
        "chat_messages": chat_messages,
        "last_seq": chat_messages[-1].seq if chat_messages else 0,
        "notes": list(conversation.notes.select_related("author")),
        "holds": holds,
        "note_form": NoteForm(),
        "transfer_form": TransferForm(
            users=selectors.colleagues_for_transfer(conversation, request.user),
            teams=selectors.teams_for_transfer(conversation),
        ),
        "canned": selectors.canned_answers(request.user, conversation) if holds else None,
    }
    return render(request, "chat/console_conversation.html", context)


def _act(request, pk: int, action):
    """Run a service on a conversation the user may read; a refusal is shown, and answered by a redirect."""
    conversation = _conversation_or_404(request, pk)
    try:
        action(conversation)
    except services.ChatError as exc:
        messages.error(request, exc.message)
        return redirect("chat:console_conversation", pk=pk) if conversation.status != ConversationStatus.WAITING else redirect("chat:console_queue")
    return None


@require_POST
@staff_required
def console_accept(request, pk: int):
    refused = _act(request, pk, lambda c: services.conversation_accept(conversation=c, user=request.user))
    return refused or redirect("chat:console_conversation", pk=pk)


@require_POST
@staff_required
def console_end(request, pk: int):
    refused = _act(request, pk, lambda c: services.conversation_end(conversation=c, actor=request.user))
    if refused:
        return refused
    messages.success(request, _("La conversation est terminée ; sa transcription est dans le dossier."))
    return redirect("chat:console_conversation", pk=pk)


@require_POST
@staff_required
def console_transfer(request, pk: int):
    conversation = _conversation_or_404(request, pk)
    choice = request.POST.get("to", "")
    kind, _sep, ident = choice.partition(":")
    to_user = to_team = None
    if kind == "user" and ident.isdigit():
        to_user = get_user_model().objects.filter(pk=int(ident), is_active=True).first()
    elif kind == "team" and ident.isdigit():
        to_team = Team.objects.filter(pk=int(ident), active=True).first()
    refused = _act(
        request, conversation.pk,
        lambda c: services.conversation_transfer(conversation=c, actor=request.user, to_user=to_user, to_team=to_team),
    )
    if refused:
        return refused
    messages.success(request, _("La conversation est transférée."))
    return redirect("chat:console_queue")


@require_POST
@staff_required
def console_note(request, pk: int):
    conversation = _conversation_or_404(request, pk)
    try:
        services.note_add(conversation=conversation, author=request.user, body=request.POST.get("body", ""))
    except services.ChatError as exc:
        messages.error(request, exc.message)
    return redirect("chat:console_conversation", pk=pk)
