"""TOTP devices as a person sets them up: the key as text, the otpauth URI, its QR code as SVG.

The QR code is drawn on the server by segno as SVG markup put in the page: no image
request, no data: URI, no script, and no style attribute (the CSP forbids inline
styles; segno draws with presentation attributes such as stroke="#000" only, and
`qr_svg` checks it).
"""

from __future__ import annotations

import io
import re
import time
from base64 import b32encode
from urllib.parse import quote, urlencode

import segno
from django.utils.safestring import SafeString, mark_safe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from recours.core.instance import instance_get

_STYLE = re.compile(r"\sstyle\s*=|<style", re.IGNORECASE)


def totp_secret(device: TOTPDevice) -> str:
    """The key in base32, as authenticator apps take it typed by hand, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI (Google Authenticator's key URI format) that the QR code holds."""
    issuer = instance_get().name.replace(":", "").strip() or "recours"
    label = f"{issuer}:{device.user.get_username()}"
    params = urlencode(
        {
            "secret": b32encode(device.bin_key).decode().rstrip("="),
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{quote(label)}?{params}"


def qr_svg(data: str, *, title: str) -> SafeString:
    """`data` as a QR code: an inline <svg> with a <title>, black on white whatever the page's colours."""
    output = io.BytesIO()
    segno.make(data, error="m").save(
        output, kind="svg", xmldecl=False, svgns=True, scale=4, border=4, dark="#000", light="#fff",
        title=title, svgclass="qr-code", lineclass=None,
    )
    svg = output.getvalue().decode()
    if _STYLE.search(svg):  # a segno upgrade must not bring in what the CSP blocks
        raise ValueError("the QR code's SVG carries a style attribute or element")
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def totp_token(key_hex: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows at `at` (now by default) for a hex key: tests and demo."""
    totp = TOTP(bytes.fromhex(key_hex), step=step, digits=digits)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{digits}d}"
