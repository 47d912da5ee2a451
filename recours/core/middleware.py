from django.utils.cache import add_never_cache_headers


class PrivacyHeadersMiddleware:
    """Headers that keep pages about a person out of caches and other origins.

    Every HTML page is `no-store`: the back button or a shared computer's cache
    must not bring back a form or a follow-up page. Static assets are not concerned.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if content_type.startswith(("text/html", "application/json")) and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
