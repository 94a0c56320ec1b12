"""The fields of one act, bound to an ActDraft: what is typed goes straight into the draft."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QEvent, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QWidget

from kzdesk.core.i18n import language
from kzdesk.core.model.editing import ActDraft, fine_in_kzt
from kzdesk.core.model.fields import Problem, decimal_text, parse_amount, parse_date
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.vocab import label, vocabulary
from kzdesk.ui.formatting import date_text, number
from kzdesk.ui.forms.ui_act_form import Ui_ActForm

TEXT_FIELDS = {"article": "article", "part": "part", "arrestDays": "arrest_days", "fineAmount": "fine_amount",
               "years": "years", "months": "months", "hours": "hours", "authority": "authority", "court": "court",
               "judge": "judge", "caseNumber": "case_number", "decisionDate": "decision_date",
               "appealOutcome": "appeal_outcome", "finePaidBy": "fine_paid_by", "actDescription": "description"}


class ActForm(QWidget):
    changed = Signal()

    def __init__(self, language: str, event_day: Callable[[], str | None]) -> None:
        super().__init__()
        self.ui = Ui_ActForm()
        self.ui.setupUi(self)
        self.language = language
        self.event_day = event_day
        self.act: ActDraft | None = None
        self._loading = False
        self._fill_combos()
        for widget_name, attr in TEXT_FIELDS.items():
            getattr(self.ui, widget_name).textEdited.connect(lambda text, a=attr: self._set(a, text))
        for combo, attr in ((self.ui.actType, "act_type"), (self.ui.legalCode, "legal_code"),
                            (self.ui.fineUnit, "fine_unit"), (self.ui.appeal, "appeal")):
            combo.currentIndexChanged.connect(lambda _i, c=combo, a=attr: self._set(a, c.currentData()))
        self.ui.finePaid.toggled.connect(lambda on: self._set("fine_paid", on))
        self._limit_to_numbers()
        self.setEnabled(False)

    def _limit_to_numbers(self) -> None:
        """Number fields take only what the field rules can read (a letter typed there never lands)."""
        patterns = {self.ui.arrestDays: "[0-9]{0,3}", self.ui.years: "[0-9]{0,3}", self.ui.months: "[0-9]{0,2}",
                    self.ui.hours: "[0-9]{0,5}", self.ui.article: "[0-9]{0,4}(-[0-9]{0,2})?",
                    self.ui.part: "[0-9]{0,3}(-[0-9]{0,2})?",
                    # 145850, 145 850, 145,850 or 2,5: digits, spaces, commas and points
                    self.ui.fineAmount: "[0-9 \u00a0]{0,16}([.,][0-9]{0,3})*"}
        for edit, pattern in patterns.items():
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))

    def changeEvent(self, event: QEvent) -> None:
        # A run-time language switch: the Designer texts, the combos and the "= 50 MCI" hint follow at once.
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the form again in the current language, keeping what is selected."""
        self.ui.retranslateUi(self)
        self.language = language()
        self._loading = True
        selected = [(c, c.currentData()) for c in (self.ui.actType, self.ui.legalCode, self.ui.fineUnit,
                                                   self.ui.appeal)]
        for combo, _ in selected:
            combo.clear()
        self._fill_combos()
        for combo, value in selected:
            _select(combo, value)
        self._loading = False
        self._refresh_hints()

    def _fill_combos(self) -> None:
        vocab = vocabulary()
        lang = self.language
        types = vocab.act_types
        for code in sorted(types, key=lambda c: sort_key(label(types[c].labels, lang))):
            self.ui.actType.addItem(label(types[code].labels, lang), code)
        self.ui.legalCode.addItem("—", None)
        for code, entry in vocab.legal_codes.items():
            self.ui.legalCode.addItem(label(entry.short, lang), code)
        self.ui.fineUnit.addItem(self.tr("tenge (₸)"), "KZT")
        self.ui.fineUnit.addItem(self.tr("MCI"), "MCI")
        for code, text in (("none", self.tr("no appeal")), ("filed", self.tr("filed")),
                           ("upheld", self.tr("decision upheld")), ("overturned", self.tr("overturned")),
                           ("changed", self.tr("changed")), ("rejected", self.tr("appeal rejected"))):
            self.ui.appeal.addItem(text, code)

    # --- binding ---------------------------------------------------------------------------
    def show_act(self, act: ActDraft | None) -> None:
        self.act = act
        self._loading = True
        self.setEnabled(act is not None)
        shown = act or ActDraft()
        for widget_name, attr in TEXT_FIELDS.items():
            getattr(self.ui, widget_name).setText(getattr(shown, attr))
        self.ui.decisionDate.setText(shown_date(shown.decision_date))
        for combo, value in ((self.ui.actType, shown.act_type), (self.ui.legalCode, shown.legal_code),
                             (self.ui.fineUnit, shown.fine_unit), (self.ui.appeal, shown.appeal)):
            _select(combo, value)
        self.ui.finePaid.setChecked(bool(shown.fine_paid))
        self._loading = False
        self._refresh_hints()

    def _set(self, attr: str, value: object) -> None:
        if self._loading or self.act is None:
            return
        setattr(self.act, attr, value)
        if attr == "article" and not self.act.legal_code:
            codes = vocabulary().codes_with_article(str(value).strip())
            if len(codes) == 1:  # typing 488 is enough: it exists only in the KoAP
                self.act.legal_code = codes[0]
                self._loading = True
                _select(self.ui.legalCode, codes[0])
                self._loading = False
        self._refresh_hints()
        self.changed.emit()

    def _refresh_hints(self) -> None:
        act = self.act
        self.ui.articleTitle.setText(self._article_title(act) if act else "")
        self.ui.fineOther.setText(self._fine_other(act) if act else "")

    def _article_title(self, act: ActDraft) -> str:
        vocab = vocabulary()
        entry = vocab.articles.get((act.legal_code or "", act.article.strip()))
        if entry is None:
            return ""
        wording = entry.wording_on(self._day(act))
        text = label(wording.title, self.language)
        part = wording.parts.get(act.part.strip())
        return f"{text} — {label(part, self.language)}" if part else text

    def _day(self, act: ActDraft) -> str | None:
        """The day an act's article wording and fine rate are taken on: its decision date in any form
        the window accepts (05.12.2021 as shown, or ISO), else the event's day."""
        try:
            decided = parse_date(act.decision_date).start
        except Problem:
            decided = None
        return decided or self.event_day()

    def _fine_other(self, act: ActDraft) -> str:
        try:
            amount = parse_amount(act.fine_amount)
        except Problem:
            return self.tr("not an amount")
        if amount is None:
            return ""
        day = self._day(act)
        if act.fine_unit == "MCI":
            kzt = fine_in_kzt(amount, "MCI", day)
            return self.tr("= {kzt} ₸").format(kzt=number(kzt)) if kzt else self.tr("date needed for ₸")
        mci = vocabulary().mci_on(day) if day else None
        if not mci:
            return ""
        in_mci = (amount / Decimal(mci)).quantize(Decimal("0.01"))
        return self.tr("= {mci} MCI").format(mci=number(decimal_text(in_mci)))


def shown_date(value: str) -> str:
    """A stored date in a date field as the lists show it (05.12.2021 in ru/kk), not as stored
    (2021-12-05): the field reads like the rest of the window, and the parser reads it back."""
    return date_text(value) if value.strip() else ""


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)
