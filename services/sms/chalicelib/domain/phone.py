"""Which numbers may text in and be texted: valid mobile numbers, in E.164."""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberType

_MOBILE = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def mobile_e164(number: str, region: str = "CN") -> str | None:
    """The E.164 form of a valid mobile number, else None (landlines, short codes, sender
    ids, malformed input). Numbers without a country code are read as mainland ones."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed) or phonenumbers.number_type(parsed) not in _MOBILE:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
