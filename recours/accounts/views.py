"""Console login (both factors in one form), first-login enrolment, logout (the home page is recours.console's).

Nothing is logged in before both factors are right: after a right password, a user who
still has to set up an app is only "pending" in the session (their id, for ten minutes),
and the enrolment page is all they can reach.
"""

from __future__ import annotations

import django_otp
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.accounts.forms import EnrolmentForm, LoginForm
from recours.accounts.login import Enrolment, enrolment_confirm, enrolment_device_get, generic_error, login_check
from recours.accounts.middleware import IDLE_LOGOUT_KEY, LAST_ACTIVITY_KEY
from recours.accounts.otp import qr_svg, totp_secret, totp_uri
from recours.accounts.permissions import is_verified

PENDING_KEY = "recours_login_pending"
LOGGED_OUT_KEY = "recours_staff_logged_out"


def _now() -> int:
    return int(timezone.now().timestamp())


def _safe_next(request, candidate: str | None, default: str | None = None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def _log_in(request, user, device, next_url: str):
    auth_login(request, user)  # a new session key: nothing from before the login carries over
    django_otp.login(request, device)
    request.session[LAST_ACTIVITY_KEY] = _now()
    return redirect(next_url)


def _login_form_refused() -> LoginForm:
    """An empty login form that shows only the generic error (after a lockout during enrolment)."""
    form = LoginForm(data={})
    form.errors.clear()  # not "Indiquez votre identifiant": the fields were not on this page
    form.add_error(None, generic_error())
    return form


def _render_login(request, form, next_url: str, notice: str = "", title: str = ""):
    return render(
        request,
        "accounts/login.html",
        {"title": title or _("Connexion à la console"), "form": form, "next": next_url, "notice": notice},
    )


@sensitive_post_parameters("password", "code")
@require_http_methods(["GET", "POST"])
def login_view(request):
    return login_page(request)


def login_page(request, *, title: str = "", default_next: str | None = None):
    """The login (both factors, lockout, first-login enrolment) of the console and of any space whose
    people log in like staff (the partner space: recours.partners), which lands on `default_next`."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not next_url and default_next:
        next_url = resolve_url(default_next)
    if is_verified(request.user):
        return redirect(_safe_next(request, next_url))
    notice = ""
    if request.session.pop(IDLE_LOGOUT_KEY, False):
        minutes = max(1, settings.RECOURS_STAFF_IDLE_SECONDS // 60)
        notice = _("Votre session a pris fin après %(minutes)d minutes d'inactivité. Connectez-vous à nouveau.") % {
            "minutes": minutes
        }
    elif request.session.pop(LOGGED_OUT_KEY, False):
        notice = _("Vous êtes déconnecté·e.")
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = login_check(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            code=form.cleaned_data["code"],
        )
        if result.verified:
            return _log_in(request, result.user, result.device, _safe_next(request, next_url))
        if result.needs_enrolment:
            request.session.cycle_key()
            request.session[PENDING_KEY] = {
                "user": result.user.pk,
                "auth_hash": result.user.get_session_auth_hash(),
                "backend": result.user.backend,
                "until": _now() + settings.RECOURS_LOGIN_PENDING_SECONDS,
                "next": next_url,
                "device": None,
            }
            return redirect("accounts:enrol")
        form.add_error(None, generic_error())
    return _render_login(request, form, next_url, notice, title)


def _pending_user(request):
    """The user who gave the right password and is setting up an app, or None (expired, changed, done)."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or pending.get("until", 0) < _now():
        return None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None or user.get_session_auth_hash() != pending.get("auth_hash"):
        return None  # password changed meanwhile
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return None
    user.backend = pending["backend"]
    return user


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def enrol_view(request):
    user = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return redirect("accounts:login")
    pending = request.session[PENDING_KEY]
    device = enrolment_device_get(user=user, device_id=pending.get("device"))
    if pending.get("device") != device.pk:
        request.session[PENDING_KEY] = {**pending, "device": device.pk}
    form = EnrolmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = enrolment_confirm(request=request, user=user, device=device, code=form.cleaned_data["code"])
        if outcome is Enrolment.CONFIRMED:
            request.session.pop(PENDING_KEY, None)
            return _log_in(request, user, device, _safe_next(request, pending.get("next")))
        if outcome is Enrolment.LOCKED:
            request.session.pop(PENDING_KEY, None)
            return _render_login(request, _login_form_refused(), pending.get("next") or "")
        form.add_error(
            "code",
            _("Ce code ne correspond pas. Vérifiez que l'heure de votre téléphone est juste, puis saisissez le code affiché en ce moment."),
        )
    return render(
        request,
        "accounts/enrol.html",
        {
            "title": _("Protégez votre compte avec une application d'authentification"),
            "form": form,
            "qr_code": qr_svg(totp_uri(device), title=_("QR code à scanner avec votre application d'authentification")),
            "secret": totp_secret(device),
            "username": user.get_username(),
        },
    )


@require_POST
def logout_view(request):
    auth_logout(request)
    request.session[LOGGED_OUT_KEY] = True
    return redirect("accounts:login")
