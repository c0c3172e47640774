"""SSRF guard rules: which URLs and resolved addresses a delivery may go to."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def url_problem(url: str, *, allow_local_http: bool) -> str | None:
    """None when the URL may be registered; else why not. In AWS only https; on the local
    stack also http://127.0.0.1 / localhost (the demo receiver)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"not a valid URL: {exc}"
    del port
    if parts.username or parts.password:
        return "URLs with credentials are not allowed"
    host = (parts.hostname or "").lower()
    if not host:
        return "URL has no host"
    if parts.scheme == "https":
        if not allow_local_http and _literal_ip_blocked(host):
            return "URL points to a private, loopback or link-local address"
        return None
    if parts.scheme == "http" and allow_local_http and host in ("127.0.0.1", "localhost"):
        return None
    return "only https URLs are allowed" + (" (or http://127.0.0.1 on the local stack)" if allow_local_http else "")


def _literal_ip_blocked(host: str) -> bool:
    try:
        return not address_allowed(host, allow_local_http=False)
    except ValueError:
        return False  # a name: checked after DNS at delivery time


def address_allowed(ip: str, *, allow_local_http: bool) -> bool:
    """A resolved address may be called: public unicast only (loopback too on the local
    stack)."""
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if allow_local_http and address.is_loopback:
        return True
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network("100.64.0.0/10"))
    )
