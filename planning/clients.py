"""The client address of a visitor, for the per-client comment limit: forwarded headers only from trusted proxies.

A browser reaches the app either directly or through a reverse proxy (nginx). The
proxy adds ``X-Forwarded-For: <client>`` so the app can tell visitors apart, but any
client can send that header too: trusting it from everyone lets one person rotate
fake addresses past the limit. So the header is read only when the connection comes
from an address of ``HUAIYIN_TRUSTED_PROXIES`` (comma-separated addresses or CIDR
networks, e.g. ``127.0.0.1,10.0.0.0/8``); then the client is the right-most address
of the header that is not itself a trusted proxy (each proxy appends the address it
saw). Without the setting forwarded headers are ignored and every visitor behind a
proxy shares the proxy's address (raise ``HUAIYIN_COMMENTS_PER_CLIENT`` then).

The web server (uvicorn under Streamlit's ``st.App``) rewrites the connection's address
from ``X-Forwarded-For`` when the peer is local, unless ``FORWARDED_ALLOW_IPS`` is set
(``make run`` sets it empty, so the app sees the real peer and decides). When it is not
set, :func:`real_peer` recognises a rewritten address and takes the peer as local, so a
spoofed header never chooses the client key.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from planning.errors import PlanningError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
#: What Streamlit reports for a local peer (``st.context.ip_address`` is ``None`` for 127.0.0.1 and ::1).
LOCAL = "127.0.0.1"


def parse_trusted_proxies(value: str | None, name: str = "HUAIYIN_TRUSTED_PROXIES") -> tuple[Network, ...]:
    """The trusted proxies of a setting such as ``127.0.0.1, 10.0.0.0/8`` (empty: none)."""
    networks = []
    for item in (value or "").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            msg = f"{name}: {item!r} is not an IP address or network; expected e.g. 127.0.0.1,10.0.0.0/8"
            raise PlanningError(msg) from exc
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address from a forwarded hop (``1.2.3.4``, ``1.2.3.4:5678``, ``[::1]:80``, ``::1``), or ``None``."""
    hop = text.strip().strip('"')
    if hop.startswith("["):
        hop = hop[1:hop.find("]")] if "]" in hop else hop
    elif hop.count(":") == 1:
        hop = hop.split(":")[0]
    try:
        return ipaddress.ip_address(hop)
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, proxies: Iterable[Network]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def real_peer(peer: str | None, forwarded_for: list[str], *, server_rewrites_local: bool) -> str | None:
    """The connection's own peer (``None`` = local), undoing the web server's default rewrite.

    uvicorn (``FORWARDED_ALLOW_IPS`` unset) replaces a *local* peer by the right-most forwarded address; when the
    address the app sees is exactly that one, the real peer was local. (A remote client that names itself as the
    last hop is then taken as local too: it only shares the local allowance.)
    """
    if not server_rewrites_local or not peer or not forwarded_for:
        return peer
    hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
    last = _address(hops[-1]) if hops else None
    return None if last is not None and str(last) == peer else peer


def client_address(peer: str | None, forwarded_for: Iterable[str], proxies: tuple[Network, ...]) -> str:
    """The visitor's address: ``peer`` (``None`` = local), or from ``X-Forwarded-For`` when ``peer`` is trusted.

    ``forwarded_for`` holds every ``X-Forwarded-For`` header value in order. A malformed hop ends the walk
    (what lies left of it cannot be trusted): the last trusted hop's view is used instead.
    """
    seen = _address(peer or LOCAL)
    if seen is None:
        return peer or LOCAL
    if not proxies or not _trusted(seen, proxies):
        return str(seen) if peer else "local"
    hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break
        if not _trusted(address, proxies):
            return str(address)
        seen = address
    return str(seen)
