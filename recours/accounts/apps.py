from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True  # this module also holds StaffAdminConfig
    name = "recours.accounts"
    label = "accounts"
    verbose_name = "Équipes et comptes"


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin with a site that requires the second factor (see admin_site.py).

    Listed in INSTALLED_APPS in place of "django.contrib.admin", as Django's
    documentation shows for replacing the default admin site.
    """

    default = False
    default_site = "recours.accounts.admin_site.StaffAdminSite"
