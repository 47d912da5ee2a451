"""The Origin check of WebSockets: the whole origin (scheme, host and port), as Django's CSRF check.

Channels' `AllowedHostsOriginValidator` compares only the host with ALLOWED_HOSTS, so a page
served from `https://127.0.0.1:9999` (another program on the same machine, a page on another
port of the same host name) could open a socket with the visitor's or the adviser's cookies.
Here a socket is accepted only when its `Origin` is exactly the origin the socket itself was
opened on (scheme from the connection, or SECURE_PROXY_SSL_HEADER behind a proxy; host and
port from the Host header, which must be in ALLOWED_HOSTS), or one of CSRF_TRUSTED_ORIGINS
(`https://*.example.org` covers the subdomains, as in Django). No Origin, no socket.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin_tuple(scheme: str, netloc: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) with the scheme's default port filled in; None if unusable."""
    scheme = (scheme or "").lower()
    if scheme not in DEFAULT_PORTS or not netloc:
        return None
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host:
        return None
    return scheme, host, port if port is not None else DEFAULT_PORTS[scheme]


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            try:
                return value.decode("latin1")
            except UnicodeDecodeError:
                return None
    return None


def _scheme(scope) -> str:
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:
        meta_name, secure_value = proxy
        header = meta_name.removeprefix("HTTP_").lower().replace("_", "-").encode()
        value = _header(scope, header)
        if value is not None:
            return "https" if value.split(",")[0].strip() == secure_value else "http"
    return "https" if scope.get("scheme") in ("wss", "https") else "http"


def own_origin(scope) -> tuple[str, str, int] | None:
    """The origin the socket was opened on, if its Host is one of ALLOWED_HOSTS."""
    host = _header(scope, b"host") or ""
    domain, _port = split_domain_port(host)
    allowed = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    if not domain or not validate_host(domain, allowed):
        return None
    return _origin_tuple(_scheme(scope), host)


def _trusted(origin: tuple[str, str, int]) -> bool:
    scheme, host, port = origin
    for entry in settings.CSRF_TRUSTED_ORIGINS:
        parts = urlsplit(entry)
        if "*" in parts.netloc:
            # "https://*.example.org": the subdomains of example.org, that scheme and port.
            netloc = parts.netloc.replace("*", "x", 1)
            trusted = _origin_tuple(parts.scheme, netloc)
            if trusted and trusted[0] == scheme and trusted[2] == port:
                suffix = trusted[1][1:]  # ".example.org"
                if host.endswith(suffix) and host != suffix.lstrip("."):
                    return True
        elif _origin_tuple(parts.scheme, parts.netloc) == origin:
            return True
    return False


def origin_allowed(scope) -> bool:
    value = _header(scope, b"origin")
    if not value or value == "null":
        return False
    parts = urlsplit(value)
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        return False
    origin = _origin_tuple(parts.scheme, parts.netloc)
    if origin is None:
        return False
    return origin == own_origin(scope) or _trusted(origin)


class SameOriginValidator:
    """ASGI middleware: WebSockets whose Origin is not exactly this site's are refused (403 at the handshake)."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            raise ValueError("SameOriginValidator guards WebSocket connections only")
        if origin_allowed(scope):
            return await self.application(scope, receive, send)
        from channels.security.websocket import WebsocketDenier

        return await WebsocketDenier()(scope, receive, send)
