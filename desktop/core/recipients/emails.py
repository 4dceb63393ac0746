"""Whether an e-mail address is well formed, offline: syntax only, never a DNS lookup.

email-validator knows RFC 5321/5322 and internationalised addresses far better than a
hand-written pattern would, and with check_deliverability=False it touches no network.
Policy, chosen for notices sent to customers on the public internet:

- a field holds exactly one address: a list ("a@x.com, b@y.com"), a display-name form
  ("Ann <a@x.com>") and a line break are refused with a reason that says so, because an
  e-mail header written from them would address someone else as well, or add a header;
- "=?" is refused in the part before the @: the library accepts it, but mail programs,
  Python's own parser among them, read "=?utf-8?q?x?=ann@example.com" as "xann@…";
- addresses are accepted in Unicode ("zoë@exämple.de"); `mail_address` gives the form a
  message header carries (the domain in its ASCII, IDNA form);
- a domain must be a public one: "x@localhost", "x@host" (no dot) and reserved names such
  as .test, .invalid and .local are reported as malformed, because no customer can
  receive mail there;
- quoted local parts ("a b"@example.com) and bracketed IP addresses are refused, as
  almost no mail platform accepts them.

The library takes about 30 µs an address, mostly checking the domain; a list of 100,000
has a few hundred distinct domains, so each domain's verdict is cached, and an address
whose local part is plain ASCII (letters, digits, and . _ + - between them) goes no
further. That shortcut only ever accepts what the library accepts: everything else, and
every refusal, comes from the library itself; only the words of a refusal for a list, a
display name or a line break are ours, as the library's ("invalid characters after the
@-sign: ',', '@', SPACE") do not tell the user what went wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*")
_MAX_LOCAL = 64
_MAX_ADDRESS = 254
_SEPARATORS = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class MailAddress:
    """One mailbox as a message header writes it."""

    local: str
    """The part before the @, as typed (Unicode normalised to NFC)."""
    domain: str
    """Always ASCII: an internationalised domain in its IDNA form ("xn--exmple-cua.de"),
    which every mail program and server reads."""

    @property
    def addr_spec(self) -> str:
        return f"{self.local}@{self.domain}"

    @property
    def needs_utf8(self) -> bool:
        """A non-ASCII mailbox name has no ASCII form: only UTF-8 headers (RFC 6532) carry it."""
        return not self.local.isascii()


class AddressProblem(ValueError):
    """A value that is not exactly one usable e-mail address; str() is the reason."""


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
    problem = _library_verdict(address)
    if problem:
        return _shape_problem(address) or problem
    if "=?" in address.rpartition("@")[0]:
        return "“=?” starts an encoded word, which mail programs decode into another address"
    return None


def mail_address(address: str) -> MailAddress:
    """The one address `address` holds, ready for a header; AddressProblem when it is not one."""
    problem = email_problem(address)
    if problem:
        raise AddressProblem(problem)
    local, _at, domain = address.rpartition("@")
    if _PLAIN_LOCAL.fullmatch(local):
        return MailAddress(local, _ascii_domain(domain))
    checked = validate_email(address, check_deliverability=False)
    return MailAddress(checked.local_part, checked.ascii_domain)


def _shape_problem(address: str) -> str | None:
    """Our words for the refusals that matter most in a header: a break, a name, a list."""
    controls = sorted({c for c in address if not c.isprintable() and c != " "})
    if controls:
        codes = ", ".join(f"U+{ord(c):04X}" for c in controls)
        return (
            f"it contains a line break or another control character ({codes}); "
            "in an e-mail header that would start a new header line"
        )
    if "<" in address or ">" in address:
        return "give the address alone, without a name or angle brackets (“Name <address>”)"
    parts = [part for part in _SEPARATORS.split(address) if "@" in part]
    if len(parts) > 1:
        return f"it holds {len(parts)} addresses; an e-mail field holds exactly one"
    return None


@lru_cache(maxsize=4096)
def _domain_ok(domain: str) -> bool:
    return _library_verdict(f"a@{domain}") is None


@lru_cache(maxsize=4096)
def _ascii_domain(domain: str) -> str:
    return validate_email(f"a@{domain}", check_deliverability=False).ascii_domain


def _library_verdict(address: str) -> str | None:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None
