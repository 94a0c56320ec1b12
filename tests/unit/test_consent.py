"""The one consent policy every report and export follows."""

from __future__ import annotations

import pytest

from kzdesk.core.model.records import stricter
from kzdesk.core.reports.consent import Disclosure, pseudonym


def test_stricter_consent_wins_and_missing_levels_inherit() -> None:
    assert stricter("public", "anonymised") == "anonymised"
    assert stricter("public", None, "confidential") == "confidential"
    assert stricter("public", None) == "public"
    assert stricter(None) == "confidential"  # nothing known: protect
    assert stricter("public", "bogus") == "bogus"  # an unknown level is treated as the strictest


def test_profiles() -> None:
    public, lawyer, full = Disclosure("public"), Disclosure("lawyer"), Disclosure("full")
    assert not public.shows("public", "confidential") and public.shows("public", None, "anonymised")
    assert lawyer.shows("confidential") and full.shows("confidential")
    assert (public.sensitive, lawyer.sensitive, full.sensitive) == (False, False, True)
    uuid = "0123456789abcdef0123456789abcdef"
    assert public.name(uuid, "Жақсылықов Ерлан", "public") == "Жақсылықов Ерлан"
    assert public.name(uuid, "Жақсылықов Ерлан", "anonymised", "en") == pseudonym(uuid, "en")
    assert lawyer.name(uuid, "Жақсылықов Ерлан", "anonymised") == "Жақсылықов Ерлан"
    with pytest.raises(ValueError):
        Disclosure("press")


def test_pseudonyms_are_stable_distinct_and_translated() -> None:
    a, b = "a" * 32, "b" * 32
    assert pseudonym(a, "en") == pseudonym(a, "en") != pseudonym(b, "en")
    assert pseudonym(a, "en").startswith("Person ") and pseudonym(a, "ru").startswith("Лицо ")
    assert pseudonym(a, "kk").startswith("Тұлға ")
    assert pseudonym(a, "en")[-6:] == pseudonym(a, "kk")[-6:]
