# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'act_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit

class Ui_ActForm(object):
    def setupUi(self, ActForm):
        if not ActForm.objectName():
            ActForm.setObjectName(u"ActForm")
        self.form = QFormLayout(ActForm)
        self.form.setObjectName(u"form")
        self.actTypeLabel = QLabel(ActForm)
        self.actTypeLabel.setObjectName(u"actTypeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.actTypeLabel)

        self.actType = QComboBox(ActForm)
        self.actType.setObjectName(u"actType")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.actType)

        self.legalLabel = QLabel(ActForm)
        self.legalLabel.setObjectName(u"legalLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.legalLabel)

        self.legalRow = QHBoxLayout()
        self.legalRow.setObjectName(u"legalRow")
        self.legalCode = QComboBox(ActForm)
        self.legalCode.setObjectName(u"legalCode")

        self.legalRow.addWidget(self.legalCode)

        self.article = QLineEdit(ActForm)
        self.article.setObjectName(u"article")

        self.legalRow.addWidget(self.article)

        self.part = QLineEdit(ActForm)
        self.part.setObjectName(u"part")

        self.legalRow.addWidget(self.part)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.legalRow)

        self.articleTitleLabel = QLabel(ActForm)
        self.articleTitleLabel.setObjectName(u"articleTitleLabel")
        self.articleTitleLabel.setText(u"")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.articleTitleLabel)

        self.articleTitle = QLabel(ActForm)
        self.articleTitle.setObjectName(u"articleTitle")
        self.articleTitle.setText(u"")
        self.articleTitle.setWordWrap(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.articleTitle)

        self.arrestLabel = QLabel(ActForm)
        self.arrestLabel.setObjectName(u"arrestLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.arrestLabel)

        self.arrestDays = QLineEdit(ActForm)
        self.arrestDays.setObjectName(u"arrestDays")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.arrestDays)

        self.fineLabel = QLabel(ActForm)
        self.fineLabel.setObjectName(u"fineLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.fineLabel)

        self.fineRow = QHBoxLayout()
        self.fineRow.setObjectName(u"fineRow")
        self.fineAmount = QLineEdit(ActForm)
        self.fineAmount.setObjectName(u"fineAmount")

        self.fineRow.addWidget(self.fineAmount)

        self.fineUnit = QComboBox(ActForm)
        self.fineUnit.setObjectName(u"fineUnit")

        self.fineRow.addWidget(self.fineUnit)

        self.fineOther = QLabel(ActForm)
        self.fineOther.setObjectName(u"fineOther")
        self.fineOther.setText(u"")
        self.fineOther.setWordWrap(True)

        self.fineRow.addWidget(self.fineOther)


        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.fineRow)

        self.sentenceLabel = QLabel(ActForm)
        self.sentenceLabel.setObjectName(u"sentenceLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.sentenceLabel)

        self.sentenceRow = QHBoxLayout()
        self.sentenceRow.setObjectName(u"sentenceRow")
        self.years = QLineEdit(ActForm)
        self.years.setObjectName(u"years")

        self.sentenceRow.addWidget(self.years)

        self.months = QLineEdit(ActForm)
        self.months.setObjectName(u"months")

        self.sentenceRow.addWidget(self.months)

        self.hours = QLineEdit(ActForm)
        self.hours.setObjectName(u"hours")

        self.sentenceRow.addWidget(self.hours)


        self.form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.sentenceRow)

        self.authorityLabel = QLabel(ActForm)
        self.authorityLabel.setObjectName(u"authorityLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.authorityLabel)

        self.authority = QLineEdit(ActForm)
        self.authority.setObjectName(u"authority")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.authority)

        self.courtLabel = QLabel(ActForm)
        self.courtLabel.setObjectName(u"courtLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.courtLabel)

        self.court = QLineEdit(ActForm)
        self.court.setObjectName(u"court")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.court)

        self.judgeLabel = QLabel(ActForm)
        self.judgeLabel.setObjectName(u"judgeLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.judgeLabel)

        self.judge = QLineEdit(ActForm)
        self.judge.setObjectName(u"judge")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.judge)

        self.caseLabel = QLabel(ActForm)
        self.caseLabel.setObjectName(u"caseLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.caseLabel)

        self.caseNumber = QLineEdit(ActForm)
        self.caseNumber.setObjectName(u"caseNumber")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.caseNumber)

        self.decisionLabel = QLabel(ActForm)
        self.decisionLabel.setObjectName(u"decisionLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.decisionLabel)

        self.decisionDate = QLineEdit(ActForm)
        self.decisionDate.setObjectName(u"decisionDate")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.decisionDate)

        self.appealLabel = QLabel(ActForm)
        self.appealLabel.setObjectName(u"appealLabel")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.appealLabel)

        self.appealRow = QHBoxLayout()
        self.appealRow.setObjectName(u"appealRow")
        self.appeal = QComboBox(ActForm)
        self.appeal.setObjectName(u"appeal")

        self.appealRow.addWidget(self.appeal)

        self.appealOutcome = QLineEdit(ActForm)
        self.appealOutcome.setObjectName(u"appealOutcome")

        self.appealRow.addWidget(self.appealOutcome)


        self.form.setLayout(11, QFormLayout.ItemRole.FieldRole, self.appealRow)

        self.paidLabel = QLabel(ActForm)
        self.paidLabel.setObjectName(u"paidLabel")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.paidLabel)

        self.paidRow = QHBoxLayout()
        self.paidRow.setObjectName(u"paidRow")
        self.finePaid = QCheckBox(ActForm)
        self.finePaid.setObjectName(u"finePaid")

        self.paidRow.addWidget(self.finePaid)

        self.finePaidBy = QLineEdit(ActForm)
        self.finePaidBy.setObjectName(u"finePaidBy")

        self.paidRow.addWidget(self.finePaidBy)


        self.form.setLayout(12, QFormLayout.ItemRole.FieldRole, self.paidRow)

        self.actNoteLabel = QLabel(ActForm)
        self.actNoteLabel.setObjectName(u"actNoteLabel")

        self.form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.actNoteLabel)

        self.actDescription = QLineEdit(ActForm)
        self.actDescription.setObjectName(u"actDescription")

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.actDescription)


        self.retranslateUi(ActForm)
    # setupUi

    def retranslateUi(self, ActForm):
        self.actTypeLabel.setText(QCoreApplication.translate("ActForm", u"Act:", None))
        self.legalLabel.setText(QCoreApplication.translate("ActForm", u"Legal basis:", None))
        self.article.setPlaceholderText(QCoreApplication.translate("ActForm", u"article, e.g. 488", None))
        self.part.setPlaceholderText(QCoreApplication.translate("ActForm", u"part", None))
        self.arrestLabel.setText(QCoreApplication.translate("ActForm", u"Arrest, days:", None))
        self.fineLabel.setText(QCoreApplication.translate("ActForm", u"Fine:", None))
        self.fineAmount.setPlaceholderText(QCoreApplication.translate("ActForm", u"amount", None))
        self.sentenceLabel.setText(QCoreApplication.translate("ActForm", u"Sentence:", None))
        self.years.setPlaceholderText(QCoreApplication.translate("ActForm", u"years", None))
        self.months.setPlaceholderText(QCoreApplication.translate("ActForm", u"months", None))
        self.hours.setPlaceholderText(QCoreApplication.translate("ActForm", u"hours", None))
        self.authorityLabel.setText(QCoreApplication.translate("ActForm", u"Authority:", None))
        self.authority.setPlaceholderText(QCoreApplication.translate("ActForm", u"police unit, akimat, investigator", None))
        self.courtLabel.setText(QCoreApplication.translate("ActForm", u"Court:", None))
        self.judgeLabel.setText(QCoreApplication.translate("ActForm", u"Judge:", None))
        self.caseLabel.setText(QCoreApplication.translate("ActForm", u"Case number:", None))
        self.decisionLabel.setText(QCoreApplication.translate("ActForm", u"Decision date:", None))
        self.decisionDate.setPlaceholderText(QCoreApplication.translate("ActForm", u"DD.MM.YYYY", None))
        self.appealLabel.setText(QCoreApplication.translate("ActForm", u"Appeal:", None))
        self.appealOutcome.setPlaceholderText(QCoreApplication.translate("ActForm", u"outcome", None))
        self.paidLabel.setText(QCoreApplication.translate("ActForm", u"Fine paid:", None))
        self.finePaidBy.setPlaceholderText(QCoreApplication.translate("ActForm", u"paid by", None))
        self.actNoteLabel.setText(QCoreApplication.translate("ActForm", u"Note:", None))
        pass
    # retranslateUi

