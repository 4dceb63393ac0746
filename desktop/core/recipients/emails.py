"""Whether an e-mail address is well formed, offline: syntax only, never a DNS lookup.

email-validator knows RFC 5321/5322 and internationalised addresses far better than a
hand-written pattern would, and with check_deliverability=False it touches no network.
Policy, chosen for notices sent to customers on the public internet:

- addresses are accepted in Unicode ("zoë@exämple.de");
- a domain must be a public one: "x@localhost", "x@host" (no dot) and reserved names such
  as .test, .invalid and .local are reported as malformed, because no customer
  can receive mail there;
- quoted local parts ("a b"@example.com) and bracketed IP addresses are refused, as
  almost no mail platform accepts them.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


def email_problem(address: str) -> str | None:
    """Why `address` is not a usable e-mail address, or None when it is."""
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None
