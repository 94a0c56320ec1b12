"""The main window: the tabs, the menus, locking and unlocking, the record editor.

Each tab is its own class (records_tab, persons_tab, conflicts_tab, duplicates_page, dashboard)
and each group of menu actions too (bundle_actions, spreadsheet_actions, receipts, safety…); the
window puts them together, clears them all when it locks, and reloads them after a change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kzdesk.core.errors import PassphraseError, VaultDamaged
from kzdesk.core.model.editing import EventDraft, load_event, take_draft
from kzdesk.ui.bundle_actions import BundleActions
from kzdesk.ui.conflicts_tab import ConflictsTab
from kzdesk.ui.consent_actions import ConsentActions
from kzdesk.ui.context import AppContext, open_for_search
from kzdesk.ui.dashboard import Dashboard
from kzdesk.ui.duplicates_page import DuplicatesPage
from kzdesk.ui.editor import EventEditor
from kzdesk.ui.empty_state import EmptyNotice
from kzdesk.ui.erase_after import EraseAfterActions
from kzdesk.ui.help_menu import GuideActions
from kzdesk.ui.lock import IdleLock
from kzdesk.ui.operation import error_text, notice
from kzdesk.ui.passphrase_change import PassphraseChangeActions
from kzdesk.ui.persons_tab import PersonsTab
from kzdesk.ui.receipts import ReceiptActions
from kzdesk.ui.records_tab import RecordsTab
from kzdesk.ui.report_preview import ReportPreview
from kzdesk.ui.safety import SafetyActions
from kzdesk.ui.screen import fit_to_screen
from kzdesk.ui.settings import IDLE_LOCK_MINUTES, LANGUAGE
from kzdesk.ui.shares_dialog import SharesDialog
from kzdesk.ui.spreadsheet_actions import SpreadsheetActions
from kzdesk.ui.translations import NAMES
from kzdesk.ui.widgets import named

if TYPE_CHECKING:
    from kzdesk.core.model.vault import Vault

RECORDS, PERSONS, CONFLICTS, DUPLICATES, STATISTICS = range(5)
FIRST_SIZE = QSize(1400, 900)  # on a large monitor; a laptop's screen bounds it


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
    # Emitted from the page check's thread (core/vault/pages.py) with the vault it found damaged;
    # Qt queues it to the window's thread.
    pages_damaged = Signal(object)
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle("kzdesk")  # never case data in a title: it shows in task bars and screenshots
        self._build()
        self._build_actions()
        self.idle = IdleLock(context.settings.get(IDLE_LOCK_MINUTES), self.lock, self)
        QApplication.instance().installEventFilter(self.idle)  # type: ignore[union-attr]
        self.records_tab.model.loaded.connect(self._show_count)
        self.pages_damaged.connect(self._pages_damaged)
        self.retranslate()
        self._place()
        if context.vault is not None:
            self._watch_pages(context.vault)
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
        self.records_tab = RecordsTab(self.context)
        self.records_tab.open_record.connect(self.edit_record)
        self.persons_tab = PersonsTab(self.context)
        self.persons_tab.person_selected.connect(lambda person: self.case_action.setEnabled(person is not None))
        self.conflicts_tab = ConflictsTab(self.context)
        self.conflicts_tab.resolved.connect(self.refresh)
        self.duplicates_page = DuplicatesPage(self.context)
        self.duplicates_page.decided.connect(lambda _action: self.refresh())
        self.duplicates_page.failed.connect(self._decision_failed)
        self.dashboard = Dashboard(self.context)
        for page in (self.records_tab, self.persons_tab, self.conflicts_tab, self.duplicates_page, self.dashboard):
            self.tabs.addTab(page, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.editor: EventEditor | None = None
        self._opening = False  # an editor is being loaded: a second double-click must not open another
        self.count = QLabel()
        self.statusBar().addPermanentWidget(self.count)
        self.records_empty = EmptyNotice(self.records_tab.view, "records_empty")
        self.records_loaded = False  # said only once the list has loaded: no flash of "no records" at start
        self.records_tab.model.loaded.connect(lambda _total: setattr(self, "records_loaded", True))

    def _place(self) -> None:
        """Where the window was when last closed; on a first start, as large as the screen allows."""
        geometry = self.context.settings.geometry()
        if geometry is not None and self.restoreGeometry(geometry):
            return
        fit_to_screen(self, FIRST_SIZE)
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            self.move(room.x() + max(0, (room.width() - self.width()) // 2), room.y())

    def _build_actions(self) -> None:
        self.lock_action = named(QAction(self), "lock_action", shortcut=QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.find_action = named(QAction(self), "find_action", shortcut=QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self._focus_search)
        self.new_action = named(QAction(self), "new_action", shortcut=QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self.new_record)
        self.case_action = named(QAction(self), "case_action", shortcut=QKeySequence("Ctrl+P"), enabled=False)
        self.case_action.triggered.connect(self.persons_tab.print_case_summary)
        self.idle_action = named(QAction(self), "idle_action")
        self.idle_action.triggered.connect(self._ask_idle_minutes)
        self.quit_action = named(QAction(self), "quit_action", shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.spreadsheets = SpreadsheetActions(self, self.context, self._notice)
        self.spreadsheets.imported.connect(self.refresh)
        self.bundles = BundleActions(self, self.context, self._notice)
        self.bundles.imported.connect(self.refresh)
        self.file_menu = QMenu(self)
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.spreadsheets.import_action)
        self.file_menu.addAction(self.spreadsheets.template_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.bundles.export_action)
        self.file_menu.addAction(self.bundles.import_action)
        self.file_menu.addAction(self.bundles.folder_action)
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
        self.consent = ConsentActions(self, self.context, self._notice, self._consent_target)
        self.consent.changed.connect(self.refresh)
        self.edit_menu.addAction(self.consent.set_action)
        self.records_tab.offer(self.consent.set_action)
        self.persons_tab.offer(self.consent.set_action)
        self.edit_menu.addAction(self.persons_tab.status.set_action)  # the selected person's status
        self.edit_menu.addAction(self.persons_tab.status.propose_action)
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
        self.tabs.setTabText(RECORDS, self.tr("Records"))
        self.tabs.setTabText(PERSONS, self.tr("Persons"))
        self.tabs.setTabText(CONFLICTS, self.tr("Conflicts"))
        self.tabs.setTabText(DUPLICATES, self.tr("Probable duplicates"))
        self.tabs.setTabText(STATISTICS, self.tr("Statistics"))
        self.case_action.setText(self.tr("&Print case summary…"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About kzdesk"))
        self.lock_action.setText(self.tr("&Lock"))
        self.find_action.setText(self.tr("&Find"))
        self.new_action.setText(self.tr("&New record"))
        self.quit_action.setText(self.tr("&Quit"))
        self.idle_action.setText(self.tr("Lock when idle…"))
        self.records_tab.retranslate()
        self.persons_tab.retranslate()
        self.locked.retranslate()
        self._show_count(self.records_tab.model.total)

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
        for actions in (self.spreadsheets, self.bundles, self.receipts, self.safety, self.erase_after,
                        self.passphrase_change, self.guide, self.consent):
            actions.retranslate()
        self.duplicates_page.retranslate()
        self.conflicts_tab.retranslate()
        self.dashboard.retranslate()
        for model in (self.records_tab.model, self.persons_tab.persons, self.persons_tab.chronology,
                      self.conflicts_tab.model, self.duplicates_page.model, self.duplicates_page.left,
                      self.duplicates_page.right):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(model.COLUMNS) - 1)

    def _consent_target(self) -> tuple[str, list[str]]:
        """What Set consent… applies to: the persons or the events selected in the tab on show."""
        if self.tabs.currentIndex() == PERSONS:
            return "person", self.persons_tab.selected_persons()
        if self.tabs.currentIndex() == RECORDS:
            return "event", self.records_tab.selected_events()
        return "", []

    def _ask_idle_minutes(self) -> None:
        minutes, ok = QInputDialog.getInt(self, "kzdesk", self.tr("Lock after this many idle minutes (0: never):"),
                                          self.idle.minutes, 0, 240)
        if ok:
            self.set_idle_minutes(minutes)

    def set_idle_minutes(self, minutes: int) -> None:
        self.context.settings.set(IDLE_LOCK_MINUTES, minutes)
        self.idle.set_minutes(minutes)

    def _fit_menu_to_role(self) -> None:
        """A coordinator's File menu offers what a coordinator does (import bundles, write receipts), a
        volunteer's what a volunteer does (send a bundle, erase what arrived). The role is in the vault,
        so it is known only once it is open."""
        vault = self.context.vault
        if vault is None:
            return
        coordinator = vault.profile.role == "coordinator"
        for action in (self.bundles.import_action, self.bundles.folder_action, self.receipts.write_action):
            action.setVisible(coordinator)
        self.receipts.purge_action.setVisible(not coordinator)
        self.bundles.set_role(vault.profile.role)  # coordinators send bundles to each other

    def refresh(self) -> None:
        """Something changed in the vault: reload the records now, the other tabs when looked at."""
        self._fit_menu_to_role()
        self.records_tab.apply_filter()
        self.persons_tab.stale = True
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        # The persons list and the review queues are only loaded when they are looked at.
        if self.context.vault is None:
            return
        if index == PERSONS:
            self.persons_tab.shown()
        elif index == CONFLICTS:
            self.conflicts_tab.model.load()
        elif index == DUPLICATES:
            self.duplicates_page.load()
        elif index == STATISTICS and not self.dashboard.pdf:
            self.dashboard.load()

    def _show_count(self, total: int) -> None:
        self._say_records_empty(total)
        if self.context.vault is None:
            self.count.setText("")
        elif self.records_tab.model.more:
            self.count.setText(self.tr("more than %n record(s)", "", total))
        else:
            self.count.setText(self.tr("%n record(s)", "", total))


    def _say_records_empty(self, total: int) -> None:
        """What the empty records list is for, or that nothing matches what was typed in the filters."""
        if self.context.vault is None or total or not self.records_loaded:
            self.records_empty.say("")
            return
        f = self.records_tab.model.filter
        if any((f.text, f.date_from, f.date_to, f.city, f.act_type, f.article)):
            self.records_empty.say(self.tr("No record matches the search and the filters."))
        else:
            self.records_empty.say(self.tr("No records yet. Record an event with File → New record (Ctrl+N), "
                                           "or import a spreadsheet from the File menu."))
    def _focus_search(self) -> None:
        if self.context.vault is not None:
            self.tabs.setCurrentIndex(RECORDS)
            self.records_tab.focus_search()

    # --- editing ---------------------------------------------------------------------------
    def new_record(self) -> None:
        """Open the editor on a new event, or on the draft parked when the editor was last closed."""
        vault = self.context.vault
        if vault is None or self._editor_busy():
            return
        self._opening = True
        self.context.tasks.run(lambda: take_draft(vault), lambda draft: self._open_editor(draft, restored=True),
                               self._open_failed)

    def edit_record(self, uuid: str) -> None:
        """Open the editor on a stored event; while one is open (or opening) it is brought forward
        instead: one editor at a time, so two editors can never hold one record."""
        vault = self.context.vault
        if vault is None or self._editor_busy():
            return

        def load() -> EventDraft:
            with vault.engine.connect() as conn:
                return load_event(conn, uuid)

        self._opening = True
        self.context.tasks.run(load, self._open_editor, self._open_failed)

    def _editor_busy(self) -> bool:
        """An editor is open (now brought forward) or on its way: nothing new is opened."""
        if self.editor is not None:
            self.editor.raise_()
            self.editor.activateWindow()
        return self.editor is not None or self._opening

    def _open_failed(self, error: BaseException) -> None:
        self._opening = False
        notice(self, error_text(error, self.tr("The record could not be opened.")), warning=True)

    def _open_editor(self, draft: EventDraft | None, restored: bool = False) -> None:
        self._opening = False
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
        vault, self.context.vault = self.context.vault, None
        self.records_tab.clear()
        self.records_loaded = False
        self.persons_tab.clear()
        self.conflicts_tab.model.clear()
        self.duplicates_page.clear()
        self.dashboard.clear()
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

    def _unlocked(self, vault: Vault) -> None:
        self.context.vault = vault
        self.locked.button.setEnabled(True)
        self.locked.message.clear()
        self.stack.setCurrentWidget(self.tabs)
        self.menuBar().setEnabled(True)
        self.lock_action.setEnabled(True)
        self.idle.restart()
        self._watch_pages(vault)
        self.refresh()
        self.safety.remind()

    def _watch_pages(self, vault: Vault) -> None:
        """The vault opens before every page is checked (the check runs on its own thread, and any
        write waits for it): when it finds a damaged page, lock and offer to put back a copy."""
        vault.pages.when_done(lambda report: None if report.intact else self.pages_damaged.emit(vault))

    def _pages_damaged(self, vault: Vault) -> None:
        if vault is not self.context.vault:
            return  # locked or closed meanwhile
        error = vault.pages.refusal()
        self.lock()
        if isinstance(error, VaultDamaged):
            self._offer_repair(error)

    def _offer_repair(self, error: VaultDamaged) -> None:
        """The unlock dialog's way back to a backup copy, over the locked window."""
        from kzdesk.ui.unlock import UnlockDialog

        dialog = UnlockDialog(self.context, self)
        dialog.setObjectName("repair_dialog")
        dialog.offer_repair(error)
        dialog.accepted.connect(lambda: self._unlocked(self.context.vault) if self.context.vault else None)
        dialog.open()

    def _unlock_failed(self, error: BaseException) -> None:
        self.locked.button.setEnabled(True)
        if isinstance(error, VaultDamaged):
            self._offer_repair(error)
            return
        if isinstance(error, PassphraseError) and "left" in error.params:
            self.locked.message.setText(error.message())  # erase-after-N is on: how many tries remain
        elif isinstance(error, PassphraseError):
            self.locked.message.setText(self.tr("That passphrase did not open the vault. Try again."))
        else:
            self.locked.message.setText(error_text(error, type(error).__name__))
        self.locked.passphrase.setFocus()

    def _erased(self) -> None:
        """The vault is gone: clear every view and close; a new start offers to create a vault."""
        self.lock()
        self.erased = True
        self.close()

    def _decision_failed(self, error: BaseException) -> None:
        self._notice(error_text(error, self.tr("The decision was not stored.")), warning=True)
        self.refresh()

    def _notice(self, text: str, warning: bool = False) -> None:
        notice(self, text, warning)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.context.settings.set_geometry(self.saveGeometry())
        vault, self.context.vault = self.context.vault, None
        if vault is not None:
            self.context.tasks.run(vault.close)
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
