# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'event_editor.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

class Ui_EventEditor(object):
    def setupUi(self, EventEditor):
        if not EventEditor.objectName():
            EventEditor.setObjectName(u"EventEditor")
        EventEditor.resize(1000, 720)
        EventEditor.setWindowTitle(u"kzdesk")
        self.layout = QVBoxLayout(EventEditor)
        self.layout.setObjectName(u"layout")
        self.scroll = QScrollArea(EventEditor)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setFocusPolicy(Qt.NoFocus)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body.setObjectName(u"body")
        self.bodyLayout = QVBoxLayout(self.body)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bodyLayout.setContentsMargins(0, 0, 0, 0)
        self.eventBox = QGroupBox(self.body)
        self.eventBox.setObjectName(u"eventBox")
        self.eventForm = QFormLayout(self.eventBox)
        self.eventForm.setObjectName(u"eventForm")
        self.dateLabel = QLabel(self.eventBox)
        self.dateLabel.setObjectName(u"dateLabel")

        self.eventForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateRow = QHBoxLayout()
        self.dateRow.setObjectName(u"dateRow")
        self.date = QLineEdit(self.eventBox)
        self.date.setObjectName(u"date")

        self.dateRow.addWidget(self.date)

        self.precision = QComboBox(self.eventBox)
        self.precision.setObjectName(u"precision")

        self.dateRow.addWidget(self.precision)


        self.eventForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.dateRow)

        self.cityLabel = QLabel(self.eventBox)
        self.cityLabel.setObjectName(u"cityLabel")

        self.eventForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.cityLabel)

        self.city = QComboBox(self.eventBox)
        self.city.setObjectName(u"city")
        self.city.setEditable(True)

        self.eventForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.city)

        self.placeLabel = QLabel(self.eventBox)
        self.placeLabel.setObjectName(u"placeLabel")

        self.eventForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.place = QLineEdit(self.eventBox)
        self.place.setObjectName(u"place")

        self.eventForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.place)

        self.occasionLabel = QLabel(self.eventBox)
        self.occasionLabel.setObjectName(u"occasionLabel")

        self.eventForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.occasionLabel)

        self.occasion = QLineEdit(self.eventBox)
        self.occasion.setObjectName(u"occasion")

        self.eventForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.occasion)

        self.descriptionLabel = QLabel(self.eventBox)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.eventForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.description = QPlainTextEdit(self.eventBox)
        self.description.setObjectName(u"description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(70)

        self.eventForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.description)

        self.consentLabel = QLabel(self.eventBox)
        self.consentLabel.setObjectName(u"consentLabel")

        self.eventForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.consentLabel)

        self.consent = QComboBox(self.eventBox)
        self.consent.setObjectName(u"consent")

        self.eventForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.consent)


        self.bodyLayout.addWidget(self.eventBox)

        self.middle = QHBoxLayout()
        self.middle.setObjectName(u"middle")
        self.personsBox = QGroupBox(self.body)
        self.personsBox.setObjectName(u"personsBox")
        self.personsLayout = QVBoxLayout(self.personsBox)
        self.personsLayout.setObjectName(u"personsLayout")
        self.personRow = QHBoxLayout()
        self.personRow.setObjectName(u"personRow")
        self.personName = QLineEdit(self.personsBox)
        self.personName.setObjectName(u"personName")

        self.personRow.addWidget(self.personName)

        self.addPerson = QPushButton(self.personsBox)
        self.addPerson.setObjectName(u"addPerson")
        self.addPerson.setAutoDefault(False)

        self.personRow.addWidget(self.addPerson)


        self.personsLayout.addLayout(self.personRow)

        self.persons = QListWidget(self.personsBox)
        self.persons.setObjectName(u"persons")

        self.personsLayout.addWidget(self.persons)

        self.personConsentRow = QHBoxLayout()
        self.personConsentRow.setObjectName(u"personConsentRow")
        self.personConsentLabel = QLabel(self.personsBox)
        self.personConsentLabel.setObjectName(u"personConsentLabel")

        self.personConsentRow.addWidget(self.personConsentLabel)

        self.personConsent = QComboBox(self.personsBox)
        self.personConsent.setObjectName(u"personConsent")

        self.personConsentRow.addWidget(self.personConsent)

        self.removePerson = QPushButton(self.personsBox)
        self.removePerson.setObjectName(u"removePerson")
        self.removePerson.setAutoDefault(False)

        self.personConsentRow.addWidget(self.removePerson)


        self.personsLayout.addLayout(self.personConsentRow)


        self.middle.addWidget(self.personsBox)

        self.actsBox = QGroupBox(self.body)
        self.actsBox.setObjectName(u"actsBox")
        self.actsLayout = QVBoxLayout(self.actsBox)
        self.actsLayout.setObjectName(u"actsLayout")
        self.acts = QListWidget(self.actsBox)
        self.acts.setObjectName(u"acts")
        self.acts.setMaximumHeight(80)

        self.actsLayout.addWidget(self.acts)

        self.actButtons = QHBoxLayout()
        self.actButtons.setObjectName(u"actButtons")
        self.addAct = QPushButton(self.actsBox)
        self.addAct.setObjectName(u"addAct")
        self.addAct.setAutoDefault(False)

        self.actButtons.addWidget(self.addAct)

        self.removeAct = QPushButton(self.actsBox)
        self.removeAct.setObjectName(u"removeAct")
        self.removeAct.setAutoDefault(False)

        self.actButtons.addWidget(self.removeAct)


        self.actsLayout.addLayout(self.actButtons)

        self.actFormHost = QWidget(self.actsBox)
        self.actFormHost.setObjectName(u"actFormHost")
        self.actFormLayout = QVBoxLayout(self.actFormHost)
        self.actFormLayout.setObjectName(u"actFormLayout")
        self.actFormLayout.setContentsMargins(0, 0, 0, 0)

        self.actsLayout.addWidget(self.actFormHost)


        self.middle.addWidget(self.actsBox)


        self.bodyLayout.addLayout(self.middle)

        self.sourcesBox = QGroupBox(self.body)
        self.sourcesBox.setObjectName(u"sourcesBox")
        self.sourcesLayout = QVBoxLayout(self.sourcesBox)
        self.sourcesLayout.setObjectName(u"sourcesLayout")
        self.sourceRow = QHBoxLayout()
        self.sourceRow.setObjectName(u"sourceRow")
        self.sourceUrl = QLineEdit(self.sourcesBox)
        self.sourceUrl.setObjectName(u"sourceUrl")

        self.sourceRow.addWidget(self.sourceUrl)

        self.sourceType = QComboBox(self.sourcesBox)
        self.sourceType.setObjectName(u"sourceType")

        self.sourceRow.addWidget(self.sourceType)

        self.reliability = QComboBox(self.sourcesBox)
        self.reliability.setObjectName(u"reliability")

        self.sourceRow.addWidget(self.reliability)

        self.addSource = QPushButton(self.sourcesBox)
        self.addSource.setObjectName(u"addSource")
        self.addSource.setAutoDefault(False)

        self.sourceRow.addWidget(self.addSource)


        self.sourcesLayout.addLayout(self.sourceRow)

        self.sources = QListWidget(self.sourcesBox)
        self.sources.setObjectName(u"sources")
        self.sources.setMaximumHeight(60)

        self.sourcesLayout.addWidget(self.sources)

        self.attachmentRow = QHBoxLayout()
        self.attachmentRow.setObjectName(u"attachmentRow")
        self.addAttachment = QPushButton(self.sourcesBox)
        self.addAttachment.setObjectName(u"addAttachment")
        self.addAttachment.setAutoDefault(False)

        self.attachmentRow.addWidget(self.addAttachment)

        self.attachments = QListWidget(self.sourcesBox)
        self.attachments.setObjectName(u"attachments")
        self.attachments.setMaximumHeight(60)

        self.attachmentRow.addWidget(self.attachments)


        self.sourcesLayout.addLayout(self.attachmentRow)


        self.bodyLayout.addWidget(self.sourcesBox)

        self.scroll.setWidget(self.body)

        self.layout.addWidget(self.scroll)

        self.problems = QLabel(EventEditor)
        self.problems.setObjectName(u"problems")
        self.problems.setText(u"")
        self.problems.setWordWrap(True)

        self.layout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(EventEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.layout.addWidget(self.buttons)

        QWidget.setTabOrder(self.date, self.precision)
        QWidget.setTabOrder(self.precision, self.city)
        QWidget.setTabOrder(self.city, self.place)
        QWidget.setTabOrder(self.place, self.occasion)
        QWidget.setTabOrder(self.occasion, self.description)
        QWidget.setTabOrder(self.description, self.consent)
        QWidget.setTabOrder(self.consent, self.personName)
        QWidget.setTabOrder(self.personName, self.addPerson)
        QWidget.setTabOrder(self.addPerson, self.persons)
        QWidget.setTabOrder(self.persons, self.personConsent)
        QWidget.setTabOrder(self.personConsent, self.removePerson)
        QWidget.setTabOrder(self.removePerson, self.acts)
        QWidget.setTabOrder(self.acts, self.addAct)
        QWidget.setTabOrder(self.addAct, self.removeAct)
        QWidget.setTabOrder(self.removeAct, self.sourceUrl)
        QWidget.setTabOrder(self.sourceUrl, self.sourceType)
        QWidget.setTabOrder(self.sourceType, self.reliability)
        QWidget.setTabOrder(self.reliability, self.addSource)
        QWidget.setTabOrder(self.addSource, self.sources)
        QWidget.setTabOrder(self.sources, self.addAttachment)
        QWidget.setTabOrder(self.addAttachment, self.attachments)

        self.retranslateUi(EventEditor)
    # setupUi

    def retranslateUi(self, EventEditor):
        self.eventBox.setTitle(QCoreApplication.translate("EventEditor", u"Event", None))
        self.dateLabel.setText(QCoreApplication.translate("EventEditor", u"Date:", None))
        self.date.setPlaceholderText(QCoreApplication.translate("EventEditor", u"DD.MM.YYYY, MM.YYYY or YYYY", None))
        self.cityLabel.setText(QCoreApplication.translate("EventEditor", u"City:", None))
        self.placeLabel.setText(QCoreApplication.translate("EventEditor", u"Place:", None))
        self.place.setPlaceholderText(QCoreApplication.translate("EventEditor", u"street, building, village", None))
        self.occasionLabel.setText(QCoreApplication.translate("EventEditor", u"Occasion:", None))
        self.occasion.setPlaceholderText(QCoreApplication.translate("EventEditor", u"rally, single picket, post\u2026", None))
        self.descriptionLabel.setText(QCoreApplication.translate("EventEditor", u"Description:", None))
        self.consentLabel.setText(QCoreApplication.translate("EventEditor", u"Confidentiality:", None))
        self.personsBox.setTitle(QCoreApplication.translate("EventEditor", u"Persons", None))
        self.personName.setPlaceholderText(QCoreApplication.translate("EventEditor", u"name, any spelling \u2014 Enter adds", None))
        self.addPerson.setText(QCoreApplication.translate("EventEditor", u"Add person", None))
        self.personConsentLabel.setText(QCoreApplication.translate("EventEditor", u"Consent:", None))
        self.removePerson.setText(QCoreApplication.translate("EventEditor", u"Remove person", None))
        self.actsBox.setTitle(QCoreApplication.translate("EventEditor", u"Acts against the selected person", None))
        self.addAct.setText(QCoreApplication.translate("EventEditor", u"Add act", None))
        self.removeAct.setText(QCoreApplication.translate("EventEditor", u"Remove act", None))
        self.sourcesBox.setTitle(QCoreApplication.translate("EventEditor", u"Sources and evidence", None))
        self.sourceUrl.setPlaceholderText(QCoreApplication.translate("EventEditor", u"https://\u2026", None))
        self.addSource.setText(QCoreApplication.translate("EventEditor", u"Add source", None))
        self.addAttachment.setText(QCoreApplication.translate("EventEditor", u"Attach a file\u2026", None))
        pass
    # retranslateUi

