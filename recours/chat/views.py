"""Pages of the chat: the visitor's page, and the advisers' screens in the console."""

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
from recours.chat import notify, selectors, services
from recours.chat.forms import NoteForm, StartForm, TransferForm
from recours.chat.models import ConversationStatus
from recours.core.audit import audit_record


def visitor(request):
    """The public chat page. It works with JavaScript (static/chat/visitor.js); without, it offers the written form."""
    return render(request, "chat/visitor.html", {"form": StartForm()})


def _canned_answers(user, conversation):
    """The legal answer library (casework), filled for this chat: (title, text) pairs.

    A chat has no case yet: {reference} is left empty (the case is made at the end).
    """
    from types import SimpleNamespace

    from recours.casework.selectors import answer_templates_for
    from recours.casework.services import answer_render

    stand_in = SimpleNamespace(reference="", team_id=conversation.team_id, team=conversation.team, assigned_to=user)
    return [(t.title, answer_render(t, stand_in, user=user)) for t in answer_templates_for(user)]


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
    holds = conversation.adviser_id == request.user.pk and conversation.status == ConversationStatus.ACTIVE
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
        "canned": _canned_answers(request.user, conversation) if holds else None,
    }
    return render(request, "chat/console_conversation.html", context)


def _act(request, pk: int, action):
    conversation = _conversation_or_404(request, pk)
    before_team = conversation.team_id
    try:
        conversation = action(conversation)
    except services.ChatError as exc:
        messages.error(request, exc.message)
        return redirect("chat:console_conversation", pk=pk) if conversation.status != ConversationStatus.WAITING else redirect("chat:console_queue")
    notify.conversation_changed(conversation, team_ids=(before_team,))
    return None


@require_POST
@staff_required
def console_accept(request, pk: int):
    refused = _act(request, pk, lambda c: services.conversation_accept(conversation=c, user=request.user))
    return refused or redirect("chat:console_conversation", pk=pk)


@require_POST
@staff_required
def console_end(request, pk: int):
    refused = _act(request, pk, lambda c: _end_held(request, c))
    if refused:
        return refused
    messages.success(request, _("La conversation est terminée ; sa transcription est dans le dossier."))
    return redirect("chat:console_conversation", pk=pk)


def _end_held(request, conversation):
    if conversation.adviser_id != request.user.pk:
        raise services.ChatError(_("Vous ne tenez pas cette conversation."))
    return services.conversation_end(conversation=conversation, actor=request.user)


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

    def transfer(c):
        if c.adviser_id != request.user.pk:
            raise services.ChatError(_("Vous ne tenez pas cette conversation."))
        return services.conversation_transfer(conversation=c, actor=request.user, to_user=to_user, to_team=to_team)

    refused = _act(request, conversation.pk, transfer)
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
