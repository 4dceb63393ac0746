"""Whether an e-mail address is well formed, offline: syntax only, never a DNS lookup.

email-validator knows RFC 5321/5322 and internationalised addresses far better than a
hand-written pattern would, and with check_deliverability=False it touches no network.
Policy, chosen for notices sent to customers on the public internet:

- addresses are accepted in Unicode ("zoë@exämple.de");
- a domain must be a public one: "x@localhost", "x@host" (no dot) and reserved names such
  as .test, .invalid and .local are reported as malformed, because no customer can
  receive mail there;
- quoted local parts ("a b"@example.com) and bracketed IP addresses are refused, as
  almost no mail platform accepts them.

The library takes about 30 µs an address, mostly checking the domain; a list of 100,000
has a few hundred distinct domains, so each domain's verdict is cached, and an address
whose local part is plain ASCII (letters, digits, and . _ + - between them) goes no
further. That shortcut only ever accepts what the library accepts: everything else, and
every refusal with its reason, comes from the library itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*")
_MAX_LOCAL = 64
_MAX_ADDRESS = 254


def email_problem(address: str) -> str | None:
    """Why `address` is not a usable e-mail address, or None when it is."""
    local, at, domain = address.rpartition("@")
    if (
        at
        and len(local) <= _MAX_LOCAL
        and len(address) <= _MAX_ADDRESS
        and _PLAIN_LOCAL.fullmatch(local)
        and _domain_ok(domain)
    ):
        return None
    return _library_verdict(address)


@lru_cache(maxsize=4096)
def _domain_ok(domain: str) -> bool:
    return _library_verdict(f"a@{domain}") is None


def _library_verdict(address: str) -> str | None:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None
