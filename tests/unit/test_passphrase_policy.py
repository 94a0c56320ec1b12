"""The one passphrase rule (core/vault/strength.py) that the command line and the windows share."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kzdesk.core.vault import strength
from kzdesk.core.vault.strength import (
    FEEDBACK,
    HINT_KEYBOARD,
    HINT_PERSONAL,
    MIN_LENGTH,
    MIN_SCORE,
    Level,
    PassphraseRefused,
    judge,
    require,
    to_qwerty,
)

from ..catalogue import translations

ROOT = Path(__file__).resolve().parents[2]
OWNER = ("Айгүл Серікбаева", "Орал")  # a volunteer's display name and city, as the wizard takes them


def test_the_keyboard_map_reads_cyrillic_keys_as_qwerty() -> None:
    assert to_qwerty("йцукен") == "qwerty"
    assert to_qwerty("фывапролджэ") == "asdfghjkl;'"
    assert to_qwerty("ячсмитьбю") == "zxcvbnm,."
    assert to_qwerty("ЙЦУКЕН") == "QWERTY"
    # Kazakh letters sit on the digit row of the Kazakh layout.
    assert to_qwerty("әіңғүұқөһ") == "2345890-="
    assert to_qwerty("ӘҚ") == "@)"
    assert to_qwerty("Latin 123 stays.") == "Latin 123 stays."


@pytest.mark.parametrize("walk", ["йцукенгш", "йцукен123", "фывапролд", "ячсмитьбю", "ЙЦУКЕНГШЩЗ", "пароль123"])
def test_walks_on_a_cyrillic_keyboard_are_weak(walk: str) -> None:
    verdict = judge(walk)
    assert not verdict.accepted and verdict.level is Level.WEAK and verdict.score < MIN_SCORE
    assert verdict.hints  # it says why


def test_a_row_of_keys_is_named_as_such() -> None:
    assert HINT_KEYBOARD in judge("фывапролджэ").hints


@pytest.mark.parametrize("guessable", ["Айгүл Орал 2021", "айгүлорал2021", "Aigul Oral 1990", "Серікбаева Айгүл",
                                       "fqu8k jhfk 2024"])  # the last: "айгүл орал" typed in the wrong layout
def test_the_owners_name_and_city_make_a_passphrase_weak(guessable: str) -> None:
    verdict = judge(guessable, OWNER)
    assert not verdict.accepted and verdict.hints[0] == HINT_PERSONAL


def test_the_same_passphrase_is_judged_on_its_own_without_the_owners_words() -> None:
    """What makes "Айгүл Орал 2021" weak is the owner's own name and city, nothing else."""
    assert judge("Айгүл Орал 2021").accepted
    assert not judge("Айгүл Орал 2021", OWNER).accepted


def test_a_long_random_multi_word_passphrase_is_strong() -> None:
    verdict = judge("тұман қасқыр виолончель 47 зонтик", OWNER)
    assert verdict.accepted and verdict.level is Level.STRONG and verdict.score == 4 and verdict.hints == ()


def test_the_owners_name_inside_a_strong_passphrase_does_not_spoil_it() -> None:
    assert judge("Айгүл тыныш тау өзендерін сүйеді", OWNER).accepted


@pytest.mark.parametrize("kazakh", ["Қызғалдақ өзенінің жағасында түнеді", "әжемнің ұршығы көгілдір",
                                    "ҚҰС ҰШТЫ ӨҢІРГЕ"])
def test_kazakh_letters_are_fine(kazakh: str) -> None:
    assert judge(kazakh, OWNER).accepted


@pytest.mark.parametrize("short", ["x", "abc", "Қазақ7"])
def test_too_short_whatever_else(short: str) -> None:
    verdict = judge(short)
    assert verdict.level is Level.TOO_SHORT and not verdict.accepted and len(short) < MIN_LENGTH
    assert verdict.text().startswith(f"Too short: at least {MIN_LENGTH} characters.")


def test_empty_is_refused() -> None:
    assert judge("").level is Level.EMPTY and not judge("").accepted


def test_longer_than_zxcvbn_takes_is_judged_not_an_error() -> None:
    assert judge("тұман қасқыр виолончель 47 зонтик " * 5).accepted
    assert not judge("a" * 200).accepted


def _zxcvbn_feedback_texts() -> set[str]:
    import zxcvbn.feedback

    tree = ast.parse(Path(zxcvbn.feedback.__file__).read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
            and isinstance(node.args[0], ast.Constant)}


def test_every_text_zxcvbn_can_give_is_mapped_to_our_own_hint() -> None:
    texts = _zxcvbn_feedback_texts()
    assert len(texts) > 20
    assert sorted(texts - FEEDBACK.keys()) == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("weak", ["x", "abc", "йцукен123", "qwerty123", "aaaaaaaaaa", "Password1", "1990-12-16",
                                  "Айгүл Орал 2021", "abcabcabcabc", "drowssap1", "p@ssw0rd"])
def test_the_verdict_reads_in_the_users_language_never_in_zxcvbns_english(lang: str, weak: str) -> None:
    catalogue = translations(lang)
    verdict = judge(weak, OWNER)
    assert all(m in catalogue for m in (verdict.reason, *verdict.hints))
    text = verdict.text(lang)
    assert text and not re.search(r"[A-Za-z]{4}", text.replace("abc", "")), text
    assert not set(FEEDBACK) & set(re.split(r"(?<=\.) ", text))


def test_the_refusal_says_what_was_not_done_in_russian() -> None:
    with pytest.raises(PassphraseRefused) as refused:
        require("йцукен123", OWNER, "No vault was created.")
    assert refused.value.exit_code == 1  # an input error, as the command line counts them
    text = refused.value.message("ru")
    assert text.startswith("Эта парольная фраза не принята.") and text.endswith("Хранилище не создано.")
    require("тұман қасқыр виолончель 47 зонтик", OWNER, "No vault was created.")  # accepted: no error


def test_the_rule_is_the_one_the_module_states() -> None:
    assert (strength.MIN_LENGTH, strength.MIN_SCORE) == (8, 3)
