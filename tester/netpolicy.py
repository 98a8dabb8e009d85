"""Which addresses the tool's own requests (tester.fetch) may connect to: a pure rule on IPs.

Instance-metadata services hand out cloud credentials and link-local addresses reach the
machine's neighbours, so both are always refused; private networks only when the settings allow
them (an intranet audit). Addresses hidden inside IPv6 ones (mapped, NAT64, 6to4) are judged as
the IPv4 address they carry.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tester.config import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Instance-metadata services hand out cloud credentials: never a target of an audit.
CLOUD_METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
    "fd00:ec2::254",  # AWS over IPv6
    "169.254.170.2",  # AWS ECS task metadata
    "100.100.100.200",  # Alibaba Cloud
))
LINK_LOCAL = tuple(ipaddress.ip_network(n) for n in ("169.254.0.0/16", "fe80::/10"))
PRIVATE = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7",
))
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(ip: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64, 6to4), else itself:
    `::ffff:169.254.169.254` reaches the metadata service just as well."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour or ip


@dataclass(frozen=True)
class NetworkPolicy:
    """Which addresses the tool's own requests may connect to.

    Cloud-metadata and link-local addresses are always refused; loopback is allowed for the
    CLI (local testing); private networks only when `allow_private`.
    """

    allow_loopback: bool = True
    allow_private: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> NetworkPolicy:
        return cls(allow_loopback=settings.allow_loopback, allow_private=settings.allow_private)

    def refusal(self, address: str) -> str | None:
        """Why a connection to this IP is refused ('cloud-metadata', 'private', …), or None."""
        try:
            ip: IPAddress = ipaddress.ip_address(address.strip("[]"))
        except ValueError:
            return "not-an-address"
        ip = embedded_ipv4(ip)
        if ip in CLOUD_METADATA:
            return "cloud-metadata"
        if any(ip in net for net in LINK_LOCAL):
            return "link-local"
        if ip.is_loopback:
            return None if self.allow_loopback else "loopback"
        if ip.is_unspecified or ip.is_multicast:  # 0.0.0.0 reaches this machine on Linux
            return "unspecified" if ip.is_unspecified else "multicast"
        if any(ip in net for net in PRIVATE) or ip.is_private:
            return None if self.allow_private else "private"
        return None
