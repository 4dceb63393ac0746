"""Words of customer service that Harper's dictionary lacks, known in every check.

Found by checking the hand-written letters of tests/checker_corpus and
tests/core/checker/cases: apart from names, these were the correct words Harper flagged. A
team adds its own (product names, jargon) in its word list, not here.
"""

from __future__ import annotations

BUILT_IN_WORDS = (
    "Wi-Fi",
    "WiFi",
    "wifi",
    "rebook",
    "rebooks",
    "rebooked",
    "rebooking",
    "rebookings",
    "redelivery",
    "redeliveries",
    "overpayment",
    "overpayments",
    "reconnection",
    "reconnections",
    "misrouted",
    "rebill",
    "rebilled",
    "rebilling",
    "chargeback",
    "chargebacks",
    "presale",
    "presales",
    "hotfix",
    "hotfixes",
    "cutover",
    "cutovers",
    "dashcam",
    "dashcams",
    "bloodwork",
    "aiders",
)
