"""The main window: the records list with search and filters, persons with their chronology, locking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kzdesk.core.errors import KzdeskError, PassphraseError
from kzdesk.core.model.editing import EventDraft, load_event, take_draft
from kzdesk.core.model.listing import RecordFilter
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.vocab import label, vocabulary
from kzdesk.ui import file_dialogs
from kzdesk.ui.context import AppContext, open_for_search
from kzdesk.ui.dashboard import Dashboard
from kzdesk.ui.duplicates_page import DuplicatesPage
from kzdesk.ui.editor import EventEditor
from kzdesk.ui.erase_after import EraseAfterActions
from kzdesk.ui.exchange_models import ConflictsModel
from kzdesk.ui.help_menu import GuideActions
from kzdesk.ui.lock import IdleLock
from kzdesk.ui.passphrase_change import PassphraseChangeActions
from kzdesk.ui.receipts import ReceiptActions
from kzdesk.ui.records_model import ChronologyModel, PersonsModel, RecordsModel
from kzdesk.ui.recovery import SharesDialog
from kzdesk.ui.report_preview import ReportPreview
from kzdesk.ui.safety import SafetyActions
from kzdesk.ui.settings import IDLE_LOCK_MINUTES, LANGUAGE
from kzdesk.ui.tasks import Progress
from kzdesk.ui.translations import NAMES
from kzdesk.ui.widgets import city_combo, named, table_view

if TYPE_CHECKING:
    from kzdesk.core.exchange.importing import ImportOutcome
    from kzdesk.core.reports.preview import PageImage

MIN_SEARCH = 2
SEARCH_DELAY_MS = 120  # wait for a pause in typing, but stay well under the 100 ms per keystroke budget


class LockedPage(QWidget):
    """What a locked window shows: no data at all, only the way back in."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch()
        self.title = named(QLabel(), "locked_title", alignment=Qt.AlignmentFlag.AlignCenter)
        self.passphrase = named(QLineEdit(), "unlock_passphrase", echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setMaximumWidth(360)
        self.button = named(QPushButton(), "unlock_button")
        self.message = named(QLabel(), "unlock_message", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.passphrase)
        row.addWidget(self.button)
        row.addStretch()
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch()
        self.passphrase.returnPressed.connect(self.button.click)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("kzdesk is locked. Enter your passphrase to continue."))
        self.button.setText(self.tr("Unlock"))


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle("kzdesk")  # never case data in a title: it shows in task bars and screenshots
        self.records = RecordsModel(context)
        self.persons = PersonsModel(context)
        self.chronology = ChronologyModel(context)
        self._build()
        self._build_actions()
        self.idle = IdleLock(context.settings.get(IDLE_LOCK_MINUTES), self.lock, self)
        QApplication.instance().installEventFilter(self.idle)  # type: ignore[union-attr]
        self.search_timer = named(QTimer(self), "search_timer", singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self.search_timer.start())
        self.person_search.textChanged.connect(self.persons.search)
        self.records.loaded.connect(self._show_count)
        self.retranslate()
        if context.vault is not None:
            self.refresh()
            self.safety.remind()
        else:
            self._show_locked()

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.tabs = QTabWidget()
        self.locked = LockedPage()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.locked)
        self.locked.button.clicked.connect(self._unlock)

        records_page = QWidget()
        layout = QVBoxLayout(records_page)
        filters = QHBoxLayout()
        self.search = named(QLineEdit(), "search", clearButtonEnabled=True)
        self.date_from = named(QLineEdit(), "date_from", maxLength=10)
        self.date_to = named(QLineEdit(), "date_to", maxLength=10)
        self.city = city_combo(self.context.translations.language)
        self.city.setObjectName("city_filter")
        self.act_type = named(QComboBox(), "act_type_filter")
        self.article = named(QLineEdit(), "article_filter", maxLength=8)
        for widget, stretch in ((self.search, 3), (self.date_from, 1), (self.date_to, 1), (self.city, 1),
                                (self.act_type, 1), (self.article, 1)):
            filters.addWidget(widget, stretch)
        for edit in (self.date_from, self.date_to, self.article):
            edit.editingFinished.connect(self.apply_filter)
        self.city.currentIndexChanged.connect(self.apply_filter)
        city_edit = self.city.lineEdit()
        assert city_edit is not None  # the combo is editable
        city_edit.editingFinished.connect(self.apply_filter)
        self.act_type.currentIndexChanged.connect(self.apply_filter)
        self.records_view = table_view(self.records)
        self.records_view.setSortingEnabled(True)
        for column, width in enumerate((100, 130, 260, 230, 120)):
            self.records_view.setColumnWidth(column, width)
        self.records_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        layout.addLayout(filters)
        layout.addWidget(self.records_view)
        self.tabs.addTab(records_page, "")

        persons_page = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.person_search = named(QLineEdit(), "person_search", clearButtonEnabled=True)
        self.persons_view = table_view(self.persons)
        self.persons_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.persons_view.horizontalHeader().setStretchLastSection(False)
        left_layout.addWidget(self.person_search)
        left_layout.addWidget(self.persons_view)
        self.chronology_view = table_view(self.chronology)
        for column, width in enumerate((100, 120, 220, 80, 160)):
            self.chronology_view.setColumnWidth(column, width)
        persons_page.addWidget(left)
        persons_page.addWidget(self.chronology_view)
        persons_page.setStretchFactor(1, 2)
        self.persons_view.selectionModel().selectionChanged.connect(self._person_selected)
        self.records_view.doubleClicked.connect(lambda index: self.edit_record(self.records.uuid_at(index.row())))
        self.records_view.activated.connect(lambda index: self.edit_record(self.records.uuid_at(index.row())))
        self.editor: EventEditor | None = None
        self.tabs.addTab(persons_page, "")
        self.persons_stale = True
        self.tabs.currentChanged.connect(self._tab_changed)
        self.conflicts = ConflictsModel(self.context)
        self.conflicts_view = table_view(self.conflicts)
        self.conflicts_view.doubleClicked.connect(lambda index: self.resolve_row(index.row()))
        self.duplicates_page = DuplicatesPage(self.context)
        self.duplicates = self.duplicates_page.model
        self.duplicates_page.decided.connect(lambda _action: self.refresh())
        self.duplicates_page.failed.connect(self._decision_failed)
        self.tabs.addTab(self.conflicts_view, "")
        self.tabs.addTab(self.duplicates_page, "")
        self.dashboard = Dashboard(self.context)
        self.tabs.addTab(self.dashboard, "")
        self.count = QLabel()
        self.statusBar().addPermanentWidget(self.count)

    def _build_actions(self) -> None:
        self.lock_action = named(QAction(self), "lock_action", shortcut=QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.find_action = named(QAction(self), "find_action", shortcut=QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self._focus_search)
        self.new_action = named(QAction(self), "new_action", shortcut=QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self.new_record)
        self.export_action = named(QAction(self), "export_action")
        self.export_action.triggered.connect(self._export_bundle)
        self.import_bundles_action = named(QAction(self), "import_bundles_action")
        self.import_bundles_action.triggered.connect(self._import_bundles)
        self.import_folder_action = named(QAction(self), "import_folder_action")
        self.import_folder_action.triggered.connect(self._import_folder)
        self.case_action = named(QAction(self), "case_action", shortcut=QKeySequence("Ctrl+P"), enabled=False)
        self.case_action.triggered.connect(self.print_case_summary)
        self.preview: ReportPreview | None = None
        self.import_action = named(QAction(self), "import_action")
        self.import_action.triggered.connect(self._import_csv)
        self.idle_action = named(QAction(self), "idle_action")
        self.idle_action.triggered.connect(self._ask_idle_minutes)
        self.quit_action = named(QAction(self), "quit_action", shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.file_menu = QMenu(self)
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.import_bundles_action)
        self.file_menu.addAction(self.import_folder_action)
        self.receipts = ReceiptActions(self, self.context, self._notice)
        self.receipts.erased.connect(lambda _count: self.refresh())
        self.file_menu.addAction(self.receipts.write_action)
        self.file_menu.addAction(self.receipts.purge_action)
        self.safety = SafetyActions(self, self.context, self._notice)
        self.safety.erased.connect(self._erased)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.safety.backup_action)
        self.file_menu.addAction(self.safety.shares_action)
        self.passphrase_change = PassphraseChangeActions(self, self.context, self._notice)
        self.passphrase_change.shares_wanted.connect(self.safety.show_shares)
        self.passphrase_change.lock_wanted.connect(self.lock)
        self.file_menu.addAction(self.passphrase_change.change_action)
        self.file_menu.addAction(self.safety.erase_action)
        self.erase_after = EraseAfterActions(self, self.context, self._notice)
        self.file_menu.addAction(self.erase_after.erase_after_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.idle_action)
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = QMenu(self)
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.case_action)
        self.language_menu = QMenu(self)
        for code in ("ru", "kk", "en"):
            action = self.language_menu.addAction(NAMES[code])
            action.setObjectName(f"language_{code}")
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
        self.help_menu = QMenu(self)
        self.guide = GuideActions(self, self.context, self._notice)
        self.guide.add_to(self.help_menu)
        self.about_action = named(QAction(self), "about_action")
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)
        for menu in (self.file_menu, self.edit_menu, self.language_menu, self.help_menu):
            self.menuBar().addMenu(menu)
        for action in (self.lock_action, self.find_action, self.new_action, self.case_action):
            self.addAction(action)
        self.tray = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(self.windowIcon(), self)
            tray_menu = QMenu(self)
            tray_menu.addAction(self.lock_action)
            self.tray.setContextMenu(tray_menu)
            self.tray.show()

    def show_about(self) -> None:
        from kzdesk.ui.about import AboutDialog

        dialog = AboutDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Records"))
        self.tabs.setTabText(1, self.tr("Persons"))
        self.tabs.setTabText(2, self.tr("Conflicts"))
        self.tabs.setTabText(3, self.tr("Probable duplicates"))
        self.tabs.setTabText(4, self.tr("Statistics"))
        self.export_action.setText(self.tr("&Export a bundle for the coordinator…"))
        self.import_bundles_action.setText(self.tr("Import &bundles…"))
        self.import_folder_action.setText(self.tr("Import a &folder of bundles…"))
        self.case_action.setText(self.tr("&Print case summary…"))
        self.search.setPlaceholderText(self.tr("Search: name, place, article… (Ctrl+F)"))
        self.date_from.setPlaceholderText(self.tr("from YYYY-MM-DD"))
        self.date_to.setPlaceholderText(self.tr("to YYYY-MM-DD"))
        city_edit = self.city.lineEdit()
        if city_edit is not None:
            city_edit.setPlaceholderText(self.tr("any city"))
        self.article.setPlaceholderText(self.tr("article"))
        self.person_search.setPlaceholderText(self.tr("Find a person, any spelling"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About kzdesk"))
        self.lock_action.setText(self.tr("&Lock"))
        self.find_action.setText(self.tr("&Find"))
        self.new_action.setText(self.tr("&New record"))
        self.import_action.setText(self.tr("&Import spreadsheet (CSV)…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.idle_action.setText(self.tr("Lock when idle…"))
        current = self.act_type.currentData()
        self.act_type.blockSignals(True)
        self.act_type.clear()
        self.act_type.addItem(self.tr("any act"), None)
        lang = self.context.translations.language
        types = vocabulary().act_types
        for code in sorted(types, key=lambda c: sort_key(label(types[c].labels, lang))):
            self.act_type.addItem(label(types[code].labels, lang), code)
        self.act_type.setCurrentIndex(max(0, self.act_type.findData(current)))
        self.act_type.blockSignals(False)
        self.locked.retranslate()
        self._show_count(self.records.total)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._relabel()
        super().changeEvent(event)

    # --- behaviour -------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        self.context.translations.apply(code)
        self.context.settings.set(LANGUAGE, code)
        self._relabel()  # now, not when Qt delivers the posted LanguageChange event
        if self.context.vault is not None:
            self.refresh()

    def _relabel(self) -> None:
        self.retranslate()
        self.receipts.retranslate()
        self.safety.retranslate()
        self.erase_after.retranslate()
        self.passphrase_change.retranslate()
        self.guide.retranslate()
        self.duplicates_page.retranslate()
        self.dashboard.retranslate()
        for model in (self.records, self.persons, self.chronology, self.conflicts, self.duplicates,
                      self.duplicates_page.left, self.duplicates_page.right):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(model.COLUMNS) - 1)

    def _ask_idle_minutes(self) -> None:
        minutes, ok = QInputDialog.getInt(self, "kzdesk", self.tr("Lock after this many idle minutes (0: never):"),
                                          self.idle.minutes, 0, 240)
        if ok:
            self.set_idle_minutes(minutes)

    def set_idle_minutes(self, minutes: int) -> None:
        self.context.settings.set(IDLE_LOCK_MINUTES, minutes)
        self.idle.set_minutes(minutes)

    def current_filter(self) -> RecordFilter:
        city_text = self.city.currentText().strip()
        city = self.city.currentData() if city_text else None
        if city_text and city is None:
            city = vocabulary().city(city_text)
        old = self.records.filter
        text = self.search.text()
        if len(text.strip()) < MIN_SEARCH:
            text = ""  # one letter matches half the vault: wait for the second
        return RecordFilter(text, self.date_from.text().strip() or None,
                            self.date_to.text().strip() or None, city, self.act_type.currentData(),
                            self.article.text().strip() or None, old.sort, old.descending)

    def apply_filter(self) -> None:
        self.records.set_filter(self.current_filter())

    def refresh(self) -> None:
        self.apply_filter()
        self.persons_stale = True
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        # The persons list and the review queues are only loaded when they are looked at.
        if self.context.vault is None:
            return
        if index == 1 and self.persons_stale:
            self.persons_stale = False
            self.persons.search(self.person_search.text())
        elif index == 2:
            self.conflicts.load()
        elif index == 3:
            self.duplicates_page.load()
        elif index == 4 and not self.dashboard.pdf:
            self.dashboard.load()

    def _show_count(self, total: int) -> None:
        self.count.setText(self.tr("%n record(s)", "", total) if self.context.vault else "")

    def _focus_search(self) -> None:
        if self.context.vault is not None:
            self.tabs.setCurrentIndex(0)
            self.search.setFocus()
            self.search.selectAll()

    def _person_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        self.selected_person = self.persons.rows[rows[0].row()].uuid if rows else None
        self.chronology.show_person(self.selected_person)
        self.case_action.setEnabled(self.selected_person is not None)

    def print_case_summary(self) -> None:
        """Build the selected person's case summary on the database thread and show it before saving."""
        vault, person = self.context.vault, getattr(self, "selected_person", None)
        if vault is None or person is None:
            return
        lang = self.context.translations.language

        def work() -> tuple[bytes, list[PageImage]]:
            from kzdesk.core.reports.case import build_pdf, gather
            from kzdesk.core.reports.preview import page_images

            with vault.engine.connect() as conn:
                pdf = build_pdf(gather(conn, person), lang)
            return pdf, page_images(pdf)

        def show(result: tuple[bytes, list[PageImage]]) -> None:
            if self.context.vault is None:
                return  # locked meanwhile: the report is dropped unseen
            self.preview = ReportPreview(self, self.context, result[0], result[1], "case-summary.pdf")
            self.preview.destroyed.connect(lambda: setattr(self, "preview", None))
            self.preview.open()

        self.context.tasks.run(work, show, self._report_failed, owner=self)

    # --- editing ---------------------------------------------------------------------------
    def new_record(self) -> None:
        """Open the editor on a new event, or on the draft parked when the editor was last closed."""
        vault = self.context.vault
        if vault is None or self.editor is not None:
            return
        self.context.tasks.run(lambda: take_draft(vault), lambda draft: self._open_editor(draft, restored=True))

    def edit_record(self, uuid: str) -> None:
        vault = self.context.vault
        if vault is None or self.editor is not None:
            return

        def load() -> EventDraft:
            with vault.engine.connect() as conn:
                return load_event(conn, uuid)

        self.context.tasks.run(load, self._open_editor)

    def _open_editor(self, draft: EventDraft | None, restored: bool = False) -> None:
        if self.context.vault is None:
            return
        self.editor = EventEditor(self.context, draft, self)
        self.editor.dirty = restored and draft is not None  # a restored draft is still unsaved
        self.editor.saved.connect(lambda _uuid: self.refresh())
        self.editor.lock_requested.connect(self.lock)
        self.editor.finished.connect(self._editor_closed)
        self.editor.setWindowModality(Qt.WindowModality.WindowModal)
        self.editor.show()

    def _editor_closed(self) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = None

    # --- locking ---------------------------------------------------------------------------
    def lock(self) -> None:
        """Clear every view, close the database and forget the key; only the passphrase opens it again."""
        if self.editor is not None:
            self.editor.park()  # unsaved work goes into the vault (queued before the close below)
        if self.context.clipboard is not None:
            self.context.clipboard.clear()  # a copied name must not outlive the lock
        for dialog in self.findChildren(ReportPreview):
            dialog.close()  # a report on screen is case data too (the dashboard's ones as well)
        for shares in self.findChildren(SharesDialog):
            shares.close()  # and recovery shares are the key itself
        self.passphrase_change.close_dialog()  # a new passphrase half typed is not left on screen
        self.case_action.setEnabled(False)
        self.selected_person = None
        vault, self.context.vault = self.context.vault, None
        for model in (self.records, self.persons, self.chronology, self.conflicts):
            model.clear()
        self.duplicates_page.clear()
        self.dashboard.clear()
        for edit in (self.search, self.person_search):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self._show_locked()
        if vault is not None:
            self.context.tasks.run(vault.close)

    def _show_locked(self) -> None:
        self.stack.setCurrentWidget(self.locked)
        self.menuBar().setEnabled(False)
        self.lock_action.setEnabled(False)
        self.count.clear()
        self.locked.message.clear()
        self.locked.passphrase.setFocus()

    def _unlock(self) -> None:

        secret = self.locked.passphrase.text()
        self.locked.passphrase.clear()
        if not secret:
            return
        self.locked.button.setEnabled(False)
        self.locked.message.setText(self.tr("Opening the vault…"))
        path = self.context.vault_path
        self.context.tasks.run(lambda: open_for_search(path, secret), self._unlocked, self._unlock_failed)

    def _unlocked(self, vault: object) -> None:
        from kzdesk.core.model.vault import Vault

        assert isinstance(vault, Vault)
        self.context.vault = vault
        self.locked.button.setEnabled(True)
        self.locked.message.clear()
        self.stack.setCurrentWidget(self.tabs)
        self.menuBar().setEnabled(True)
        self.lock_action.setEnabled(True)
        self.idle.restart()
        self.refresh()
        self.safety.remind()

    def _unlock_failed(self, error: BaseException) -> None:
        self.locked.button.setEnabled(True)
        if isinstance(error, PassphraseError) and "left" in error.params:
            self.locked.message.setText(error.message())  # erase-after-N is on: how many tries remain
        elif isinstance(error, PassphraseError):
            self.locked.message.setText(self.tr("That passphrase did not open the vault. Try again."))
        else:
            self.locked.message.setText(error.message() if isinstance(error, KzdeskError) else type(error).__name__)
        self.locked.passphrase.setFocus()

    # --- import ----------------------------------------------------------------------------
    def _import_csv(self) -> None:
        vault = self.context.vault
        if vault is None:
            return
        path = file_dialogs.open_file(self, self.tr("Import spreadsheet"), self.tr("CSV files (*.csv)"))
        if not path:
            return
        from pathlib import Path

        from kzdesk.core.ingest.csv_import import import_csv

        progress = QProgressDialog(self.tr("Importing…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(600)
        progress.setValue(0)

        def done(report: object) -> None:
            progress.close()
            self.refresh()
            self._notice(self.tr("Imported {rows} rows: {events} events, {acts} acts.")
                         .format(**{k: getattr(report, k) for k in ("rows", "events", "acts")}))

        def failed(error: BaseException) -> None:
            progress.close()
            text = error.message() if isinstance(error, KzdeskError) else type(error).__name__
            self._notice(text, warning=True)

        self.context.tasks.run(lambda: import_csv(vault, Path(path)), done, failed)

    # --- bundles and review queues ---------------------------------------------------------
    def _export_bundle(self) -> None:
        path = file_dialogs.save_file(self, self.tr("Export a bundle"), "bundle.kzb", self.tr("Bundles (*.kzb)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        vault = self.context.vault
        if vault is None:
            return
        from pathlib import Path

        from kzdesk.core.exchange.exporting import export_bundle

        progress = self._busy(self.tr("Writing the bundle…"))
        self.export_progress = Progress(progress)  # a child of the dialog: gone with it

        def advance(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        self.export_progress.changed.connect(advance)
        report_progress = self.export_progress.report

        def done(report: object) -> None:
            progress.close()
            self.last_message = self.tr("Bundle {seq} written: {n} records.").format(
                seq=getattr(report, "seq"), n=getattr(report, "revisions"))  # noqa: B009
            self.statusBar().showMessage(self.last_message, 10_000)

        def failed(error: BaseException) -> None:
            progress.close()
            self.last_message = error.message() if isinstance(error, KzdeskError) else type(error).__name__
            self._notice(self.last_message, warning=True)

        self.context.tasks.run(lambda: export_bundle(vault, Path(path), progress=report_progress), done, failed)

    def _import_bundles(self) -> None:
        paths = file_dialogs.open_files(self, self.tr("Import bundles"), self.tr("Bundles (*.kzb)"))
        if paths:
            self.import_files(paths)

    def _import_folder(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Import every bundle in a folder"))
        if folder:
            self.import_folder(folder)

    def import_folder(self, folder: str) -> None:
        from pathlib import Path

        from kzdesk.core.exchange.importing import bundle_files

        found = bundle_files([Path(folder)])
        if not found:
            self._notice(self.tr("There are no bundles (*.kzb) in this folder."), warning=True)
            return
        self.import_files([str(p) for p in found])

    def import_files(self, paths: list[str]) -> None:
        """Import bundles one by one on the database thread, with a progress bar and a report."""
        vault = self.context.vault
        if vault is None:
            return
        from pathlib import Path

        from kzdesk.core.exchange.importing import import_bundles

        progress = QProgressDialog(self.tr("Importing bundles…"), "", 0, len(paths), self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(600)
        self.import_report: list[ImportOutcome] = []

        def one(path: str) -> None:
            self.context.tasks.run(lambda: import_bundles(vault, [Path(path)])[0], step)

        def step(outcome: ImportOutcome) -> None:
            self.import_report.append(outcome)
            progress.setValue(len(self.import_report))
            if len(self.import_report) < len(paths):
                one(paths[len(self.import_report)])
                return
            progress.close()
            self.last_message = "\n".join(o.describe() for o in self.import_report)
            self.refresh()
            self._notice(self.last_message)

        one(paths[0])

    def resolve_row(self, row: int) -> None:
        """Pick one of the conflicting values, or type a combined one."""
        conflict = self.conflicts.rows[row]
        values = [str(c.value) for c in conflict.candidates]
        value, ok = QInputDialog.getItem(self, "kzdesk", self.tr("Keep which value? (You may edit it.)"),
                                         values, 0, True)
        if ok:
            self.resolve(conflict.id, value)

    def resolve(self, conflict: str, value: object) -> None:
        vault = self.context.vault
        if vault is None:
            return
        from kzdesk.core.exchange.conflicts import resolve_conflict

        self.context.tasks.run(lambda: resolve_conflict(vault, conflict, value), lambda _rev: self._resolved())

    def _resolved(self) -> None:
        self.conflicts.load()
        self.refresh()

    def _erased(self) -> None:
        """The vault is gone: clear every view and close; a new start offers to create a vault."""
        self.lock()
        self.erased = True
        self.close()

    def _report_failed(self, error: BaseException) -> None:
        self._notice(error.message() if isinstance(error, KzdeskError) else self.tr("The report could not be made."),
                     warning=True)

    def _decision_failed(self, error: BaseException) -> None:
        self._notice(str(error) if isinstance(error, KzdeskError) else self.tr("The decision was not stored."),
                     warning=True)
        self.refresh()

    def _notice(self, text: str, warning: bool = False) -> None:
        """A message that does not block the event loop (the database thread keeps reporting)."""
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, "kzdesk", text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _busy(self, text: str) -> QProgressDialog:
        progress = QProgressDialog(text, "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(600)
        progress.setValue(0)
        return progress

    def closeEvent(self, event: QCloseEvent) -> None:
        self.context.settings.set_geometry(self.saveGeometry())
        vault, self.context.vault = self.context.vault, None
        if vault is not None:
            self.context.tasks.run(vault.close)
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
