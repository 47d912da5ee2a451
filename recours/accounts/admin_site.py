"""Django's admin behind the staff login: both factors, the same lockout, one door.

The admin's own login page is not used: it sends people to the console's login
(accounts:login), which checks the password and the TOTP code together and counts
failures. The admin then lets in only staff users (is_staff) verified by a second
factor in this session, like django-otp's OTPAdminSite.
"""

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from recours.accounts.permissions import is_verified


class StaffAdminSite(AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)

    def login(self, request, extra_context=None):
        if is_verified(request.user):
            # Logged in with both factors, but not an admin user: going to the login again would loop.
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))
