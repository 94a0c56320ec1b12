"""The core's messages read in Russian and Kazakh with their real plural forms, fall back to English
when a translation is missing, and a message asked without a translation fails the test session.

The catalogue itself (every message of the code extracted, translated, compiled) is checked by
test_core_catalogue.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kzdesk.core.i18n import Nn_, language, ntr, set_language, tr
from kzdesk.core.reports import wording

ROOT = Path(__file__).resolve().parents[2]
NOBODY = "A message no catalogue holds: {what}"


@pytest.mark.parametrize(("n", "ru", "kk", "en"), [
    (1, "1 год", "1 жыл", "1 year"), (2, "2 года", "2 жыл", "2 years"), (5, "5 лет", "5 жыл", "5 years"),
    (11, "11 лет", "11 жыл", "11 years"), (21, "21 год", "21 жыл", "21 years"), (22, "22 года", "22 жыл", "22 years"),
    (25, "25 лет", "25 жыл", "25 years"), (0, "0 лет", "0 жыл", "0 years"), (111, "111 лет", "111 жыл", "111 years"),
])
def test_a_count_takes_its_languages_plural_form(n: int, ru: str, kk: str, en: str) -> None:
    assert [ntr("{n} year", "{n} years", n, lang) for lang in ("ru", "kk", "en")] == [ru, kk, en]


def test_a_plural_template_kept_as_data_is_said_with_ntr() -> None:
    years = Nn_("{n} year", "{n} years")
    assert years == ("{n} year", "{n} years")
    assert [ntr(*years, n, "ru") for n in (1, 3, 7)] == ["1 год", "3 года", "7 лет"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("term", [
    {"years": 1, "months": 6}, {"years": 2, "months": 1, "hours": 240}, {"years": 5, "months": 11},
    {"years": 21, "months": 22, "arrest_days": 25, "hours": 1}, {"act_type": "administrative_arrest", "arrest_days": 1},
])
def test_a_sentence_term_in_a_report_has_no_english_word(lang: str, term: dict[str, Any]) -> None:
    line = wording.sanction(term, lang)
    assert line and not re.search(r"[A-Za-z]{2,}", line), line
    if lang == "ru" and term.get("years") == 1:
        assert line == "1 год; 6 месяцев"


def test_named_fields_are_filled_after_translation_and_n_defaults_to_the_count() -> None:
    assert tr("Share {n} of 3:", "ru", n=2) == "Доля 2 из 3:"
    assert tr("Share {n} of 3:", "kk", n=2) == "3 үлестің 2-і:"
    assert tr("Share {n} of 3:", "ru") == "Доля {n} из 3:"  # no fields given: the text as it is
    assert tr("Changed {persons} persons, {events} events and {acts} acts to {level}.", "ru", persons=1, events=2,
              acts=3, level="публично") == "Изменено на «публично»: лиц — 1, событий — 2, мер — 3."
    assert ntr("{n} year", "{n} years", 3, "ru") == "3 года"
    assert ntr("{n} year", "{n} years", 3, "ru", n="три") == "три года"  # a formatted number replaces the count


def test_the_current_language_is_used_when_none_is_given() -> None:
    set_language("kk")
    assert language() == "kk"
    assert tr("volunteer") == tr("volunteer", "kk") != "volunteer"
    assert ntr("{n} year", "{n} years", 2) == "2 жыл"
    set_language("de")  # not a language of kzdesk: English
    assert language() == "en"
    assert tr("volunteer") == "volunteer"
    assert ntr("{n} year", "{n} years", 1) == "1 year"


def test_kazakh_letters_come_through() -> None:
    assert re.search(r"[әғқңөұүһі]", tr("similar spelling", "kk"))


def test_a_missing_translation_falls_back_to_english_and_the_net_records_it(untranslated_messages: Any) -> None:
    assert tr(NOBODY, "ru", what="x") == "A message no catalogue holds: x"
    assert ntr(NOBODY, "Messages no catalogue holds: {what}", 2, "kk", what="y") == "Messages no catalogue holds: y"
    assert tr(NOBODY, "en", what="z") == "A message no catalogue holds: z"  # English is the msgid itself
    assert untranslated_messages.take(NOBODY) == ["kk", "ru"]  # asked on purpose: taken back
    assert untranslated_messages.take(NOBODY) == []
    assert tr("", "ru") == ""  # gettext's header entry is never a message


def test_the_net_fails_the_session_and_cannot_be_silently_removed(tmp_path: Path) -> None:
    """A session in which a message is asked in Russian without a translation, or in which the net was
    taken out, fails and names it, though every test passed."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_probe.py").write_text(
        "from kzdesk.core import i18n\n\n\n"
        "def test_asks_a_message_nobody_translated():\n"
        "    assert i18n.tr('Nothing translates this probe', 'ru') == 'Nothing translates this probe'\n\n\n"
        "def test_takes_the_net_out():\n"
        "    i18n._untranslated_listeners.clear()\n"
        "    i18n.tr('Nor this one, asked after the net was taken out', 'kk')\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
                          "-c", str(tmp_path / "pytest.ini"), "--rootdir", str(tmp_path), str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "2 passed" in run.stdout, run.stdout + run.stderr
    assert run.returncode == 1, run.stdout
    assert "ru: 'Nothing translates this probe'" in run.stdout
    assert "the untranslated-message net was removed" in run.stdout
