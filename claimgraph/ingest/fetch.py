"""Fetch a web page or feed over HTTP(S): bounded in time and size, redirects capped, and
private, loopback and link-local addresses refused unless allowed.

The address check runs where the connection is made (a guarded httpcore network backend):
every address the host resolves to is checked, on the first request and on every redirect,
and the socket connects to an address that was checked, so a name that resolves once to a
public address and then to a private one cannot slip through. Proxies from the environment
are not used, since the check must see the real destination.

Failures raise :class:`FetchError`, an :class:`InputError` with one line saying what went
wrong and ``transient`` telling whether trying again later may help (network, timeouts,
HTTP 5xx and 429) or not (refused address, HTTP 4xx, too large).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import httpcore
import httpx

from .. import __version__
from ..errors import InputError
from .readers import MAX_BYTES

USER_AGENT = f"claimgraph/{__version__} (attributed-claims extractor; python-httpx)"
MAX_REDIRECTS = 5
CONNECT_SECONDS = 10.0
READ_SECONDS = 20.0
TOTAL_SECONDS = 60.0  # a server trickling bytes must not hold a fetch for ever
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(InputError):
    """A URL could not be fetched; ``transient`` when a later try may succeed."""

    def __init__(self, source: str, reason: str, *, transient: bool) -> None:
        super().__init__(source, reason)
        self.transient = transient


class _Refused(Exception):
    """Raised inside the network backend; turned into a FetchError naming the URL."""

    def __init__(self, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


def public_address(address: str) -> bool:
    """True when ``address`` is a public (globally routed) unicast address.

    IPv4 addresses carried inside IPv6 (mapped, 6to4, NAT64) are judged as IPv4."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone index
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return public_address(str(inner))
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an address literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise _Refused(f"cannot resolve host {host!r} ({exc.strerror}); offline, or no such "
                       "host", transient=True) from None
    except UnicodeError:
        raise _Refused(f"invalid host name {host!r}", transient=False) from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to checked addresses."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = resolve(host, port)
        if not self.allow_private:
            for address in addresses:
                if not public_address(address):
                    where = host if host == address else f"{host} resolves to {address}, which"
                    raise _Refused(
                        f"refused: {where} is a private, loopback, link-local or reserved "
                        "address; pass --allow-private to fetch it", transient=False)
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address,
                                           socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None  # getaddrinfo returns at least one address or raises
        raise error


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a :class:`GuardedBackend` connection pool."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx builds its pool with the default backend and offers no parameter for
        # another; this is its pool built the same way, with the guarded backend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=GuardedBackend(allow_private),
            max_connections=20, max_keepalive_connections=10, keepalive_expiry=5.0)


def client(allow_private: bool = False) -> httpx.Client:
    """An httpx client whose connections go only to public addresses (unless allowed)."""
    return httpx.Client(
        transport=GuardedTransport(allow_private), follow_redirects=False, trust_env=False,
        timeout=httpx.Timeout(READ_SECONDS, connect=CONNECT_SECONDS),
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})


@dataclass
class Page:
    """A fetched response: ``url`` is the final one, after redirects."""

    url: str
    status: int
    content_type: str = ""
    charset: str | None = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _content_type(value: str) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = value or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _read_body(response: httpx.Response, label: str, max_bytes: int, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(label, f"too large ({int(length) / 2**20:.1f} MiB; the limit is "
                                f"{max_bytes / 2**20:g} MiB)", transient=False)
    body = bytearray()
    for chunk in response.iter_bytes():  # decompressed: the limit holds for what we keep
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(label, f"too large (over {max_bytes / 2**20:g} MiB)",
                             transient=False)
        if time.monotonic() > deadline:
            raise FetchError(label, f"timed out (over {TOTAL_SECONDS:g} s)", transient=True)
    return bytes(body)


def _get(http: httpx.Client, url: str, label: str, headers: dict[str, str],
         max_bytes: int, deadline: float) -> Page:
    current = httpx.URL(url)
    for _hop in range(MAX_REDIRECTS + 1):
        with http.stream("GET", current, headers=headers) as response:
            if response.is_redirect:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(label, f"HTTP {response.status_code} redirect without a "
                                            "Location", transient=False)
                current = current.join(location)
                if current.scheme not in ("http", "https"):
                    raise FetchError(label, f"redirected to a {current.scheme}: URL",
                                     transient=False)
                continue
            status = response.status_code
            if status == 304:
                return Page(str(current), status)
            if status >= 400:
                raise FetchError(label, f"HTTP {status} {response.reason_phrase}".rstrip(),
                                 transient=status >= 500 or status in (408, 429))
            kind, charset = _content_type(response.headers.get("content-type", ""))
            body = _read_body(response, label, max_bytes, deadline)
            kept = {k: response.headers[k] for k in ("etag", "last-modified")
                    if k in response.headers}
            return Page(str(current), status, kind, charset, body, kept)
    raise FetchError(label, f"more than {MAX_REDIRECTS} redirects", transient=False)


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
          headers: dict[str, str] | None = None, http: httpx.Client | None = None) -> Page:
    """GET ``url`` following at most :data:`MAX_REDIRECTS` redirects.

    ``headers`` add to the request (``If-None-Match`` for a feed, say); a 304 answer comes
    back as a Page with ``not_modified``. Raises FetchError with one line otherwise.
    """
    deadline = time.monotonic() + TOTAL_SECONDS
    own = http is None
    http = http or client(allow_private)
    try:
        return _get(http, url, url, headers or {}, max_bytes, deadline)
    except _Refused as exc:
        raise FetchError(url, exc.reason, transient=exc.transient) from None
    except httpx.TimeoutException:
        raise FetchError(url, "timed out", transient=True) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(url, f"not a valid URL ({exc})", transient=False) from None
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise FetchError(url, f"could not fetch ({reason})", transient=True) from None
    finally:
        if own:
            http.close()
