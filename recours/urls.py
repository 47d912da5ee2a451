"""The routes. Public pages are under i18n_patterns: French without a prefix, /en/..., /ar/...
(docs/languages.md); the console, the API, the admin and the partners' pages are unprefixed
French only. A route is public when a person who reports or looks for help reads it.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from recours.api.api import api
from recours.api.docs import api_docs

handler400 = "recours.core.views.bad_request"

admin.site.site_header = "recours — administration"
admin.site.site_title = "recours"

urlpatterns = [
    path("", include("recours.casework.orientation_urls")),
    path("api/v1/docs", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
    path("console/dossiers/", include("recours.casework.urls")),
    path("console/collectif/", include("recours.collective.urls")),
    path("console/plan-local/", include("recours.localplan.urls")),
    path("console/annuaire/", include("recours.directory.coordination_urls")),
    path("console/partenaires/", include("recours.partners.console_urls")),
    path("console/signalements/", include("recours.partners.arrival_urls")),
    path("partenaires/", include("recours.partners.urls")),
    path("console/droits/", include("recours.rights.console_urls")),
    path("", include("recours.observatory.urls")),
    path("", include("recours.chat.urls")),
    path("console/", include("recours.console.urls")),
    path("console/", include("recours.accounts.urls")),
    path("gestion/admin/", admin.site.urls),
]

# Public pages, in every language of settings.LANGUAGES: the language is the address's prefix
# and nothing else (no cookie, no Accept-Language: recours.core.i18n).
urlpatterns += i18n_patterns(
    path("", include("recours.theme.urls")),
    path("", include("recours.intake.urls")),
    path("", include("recours.observatory.public_urls")),
    path("", include("recours.chat.public_urls")),
    path("", include("recours.directory.urls")),
    path("", include("recours.rights.urls")),
    path("plan-local/", include("recours.localplan.public_urls")),
    prefix_default_language=False,
)
