# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout

class Ui_UnlockDialog(object):
    def setupUi(self, UnlockDialog):
        if not UnlockDialog.objectName():
            UnlockDialog.setObjectName(u"UnlockDialog")
        UnlockDialog.resize(420, 180)
        UnlockDialog.setWindowTitle(u"kzdesk")
        self.layout = QVBoxLayout(UnlockDialog)
        self.layout.setObjectName(u"layout")
        self.prompt = QLabel(UnlockDialog)
        self.prompt.setObjectName(u"prompt")
        self.prompt.setWordWrap(True)

        self.layout.addWidget(self.prompt)

        self.passphrase = QLineEdit(UnlockDialog)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)

        self.layout.addWidget(self.passphrase)

        self.message = QLabel(UnlockDialog)
        self.message.setObjectName(u"message")
        self.message.setText(u"")
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(UnlockDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)


        self.retranslateUi(UnlockDialog)
    # setupUi

    def retranslateUi(self, UnlockDialog):
        self.prompt.setText(QCoreApplication.translate("UnlockDialog", u"Enter your passphrase to open the vault.", None))
#if QT_CONFIG(accessibility)
        self.passphrase.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

