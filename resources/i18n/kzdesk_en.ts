<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About kzdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted offline recording of political persecution for human-rights monitors.
Licence: GNU General Public License, version 3 or later. This program comes with no warranty; you may share and change it under the terms of that licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portable: everything is kept in {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed: data in this computer&apos;s per-user folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint of this copy&apos;s files (compare with a trusted copy):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActForm</name>
    <message>
        <source>tenge (₸)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no appeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decision upheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overturned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>appeal rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= {kzt} ₸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date needed for ₸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= {mci} MCI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal basis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>article, e.g. 488</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrest, days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>police unit, akimat, investigator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judge:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DD.MM.YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appeal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine paid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paid by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActsSideBySide</name>
    <message>
        <source>Recorded first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <source>&amp;Export a bundle for the other coordinators…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export a bundle for the coordinator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a &amp;folder of bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles (*.kzb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import every bundle in a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle {seq} written: {n} records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no bundles (*.kzb) in this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n bundle(s) not read.</source>
        <translation>
            <numerusform>Stopped: %n bundle not read.</numerusform>
            <numerusform>Stopped: %n bundles not read.</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundles could not be imported.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChronologyModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Court / case</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>No conflicts. When two vaults change the same field differently, the values wait here for you to choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep which value?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Another value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the value to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve with this value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} — {about}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the value to keep, or choose one of the values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolving the conflict…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conflict was not resolved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentActions</name>
    <message>
        <source>Set &amp;consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select persons in the Persons tab, or events in the Records tab, then set their consent. Ctrl+click and Shift+click select several.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consent was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent set to {level}. Changed: persons {persons}, events {events}, acts {acts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: the selected records were already {level}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left as they are, because someone else created them: {count}. Only a coordinator decides about other people&apos;s records.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>confidential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the consent of the selected persons to {level}?
Selected persons: {persons}.
Their events and acts keep their own levels (change those in the Records tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the consent of the selected events and of their acts to {level}?
Selected events: {events}. Their acts: {acts}.
The persons keep their own levels (change those in the Persons tab).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>from {format}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to {format}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics as &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the statistics report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was cancelled. Press Show to make it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acts: {acts} · persons affected: {persons} · days of arrest: {days} · fines: {fines} ₸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoubleActsModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicateActsView</name>
    <message>
        <source>Same &amp;act: count it once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One act reported twice: the one recorded first is counted and listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Different a&amp;cts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two acts: both are counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No acts reported twice. When one person&apos;s act seems recorded twice (the same date, type and article), the two wait here for you to decide.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probably the same as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Same person: &amp;link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep both records and read them as one human</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same person: &amp;merge into the left one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move everything recorded about the right one to the left one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Different people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acts &amp;reported twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No probable duplicates. When the same person seems to be recorded twice under different spellings, the two records wait here for you to link, merge or mark as different people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for probable duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duplicates could not be looked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search for duplicates was cancelled. Open this tab again to look.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge “{right}” into “{left}”? Every act, source and attachment of the right one moves to the left one; the right record is closed but keeps its history.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EraseAfterActions</name>
    <message>
        <source>Erase after &amp;wrong passphrases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong passphrases no longer erase this vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After {n} wrong passphrases in a row this vault erases itself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EraseAfterDialog</name>
    <message>
        <source>When this is on, the vault erases itself for good after the chosen number of wrong passphrases in a row, exactly like the emergency erase. A forgotten passphrase, a child at the keyboard or anyone guessing can set it off, and anyone who copies the files first is not stopped by it. Turn it on only with a backup file and recovery shares kept elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase after this many wrong passphrases in a row:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>exact day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>news</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>court record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>victim testimony</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>witness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>official document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reliability unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({acts} acts recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than 200 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet — please correct:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrest, days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. This record was changed elsewhere while you edited it (a bundle, another window or the command line); your changes were combined with those changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) were changed differently on both sides: both values are kept in the Conflicts tab until someone chooses one.</source>
        <translation>
            <numerusform>%n field was changed differently on both sides: both values are kept in the Conflicts tab until someone chooses one.</numerusform>
            <numerusform>%n fields were changed differently on both sides: both values are kept in the Conflicts tab until someone chooses one.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record has unsaved changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DD.MM.YYYY, MM.YYYY or YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>street, building, village</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occasion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rally, single picket, post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidentiality:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name, any spelling — Enter adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acts against the selected person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources and evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Restore from a backup file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another passphrase: with your name and city it is too easy to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault was not created: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuideActions</name>
    <message>
        <source>&amp;User guide (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user guide is missing from this installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program to show PDF files was found. The guide is here: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the program. It can be changed later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <source>kzdesk is locked. Enter your passphrase to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probable duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print case summary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About kzdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock when idle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after this many idle minutes (0: never):</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>more than %n record(s)</source>
        <translation>
            <numerusform>more than %n record</numerusform>
            <numerusform>more than %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <source>No record matches the search and the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records yet. Record an event with File → New record (Ctrl+N), or import a spreadsheet from the File menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase did not open the vault. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decision was not stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MenuActions</name>
    <message>
        <source>The operation failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseChangeActions</name>
    <message>
        <source>&amp;Change passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase was changed. Backup files and recovery shares made before still work: backup files with the old passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase and the data key were changed: the vault and its copies in the vault folder are now encrypted under a new key. Recovery shares made before no longer open this vault: make new ones now and destroy the old ones. Backup files made before still open with the old passphrase: delete them, or keep them as safe as that passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make new recovery shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseChangeDialog</name>
    <message>
        <source>Type the new passphrase twice. From then on only the new passphrase opens this vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also change the data key and re-encrypt the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended if you were made to reveal the passphrase: old copies of vault.json and old recovery shares then open nothing, but backup files made before still open with the old passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypting the vault under a new key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting the new passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed ({kind}): the old passphrase still opens the vault.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A passphrase of several words is easier to remember and harder to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody can recover a lost passphrase — not the coordinator, not the developers. If it is lost and there are no recovery shares, the data in this vault is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonsModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonsTab</name>
    <message>
        <source>Find a person, any spelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the case summary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>About you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the coordinator with what you send. You may use a pseudonym.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteer (field monitor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProposalsDialog</name>
    <message>
        <source>Statuses proposed from acts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the statuses to record (Space checks or unchecks one):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptActions</name>
    <message>
        <source>Write a recei&amp;pt for a volunteer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase what the coordinator confirmed &amp;receiving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No volunteer is trusted in this vault yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt for which volunteer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipts (*.kzr)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the coordinator&apos;s receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipts (*.kzr);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt is genuine, but nothing on this computer is covered by it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinator confirmed receiving {count} records. Erase them from this computer for good? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} records were erased from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsTab</name>
    <message>
        <source>Search: name, place, article… (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {format}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to {format}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>article, e.g. 488.7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an article (e.g. 488, 488.7 or 488 ч. 7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any city</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any act</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Forgot the passphrase? Two of the three recovery shares open the vault again. Type the words of two different shares (in order, separated by spaces), or load the text files kzdesk wrote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share {n}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load from a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shares fit: the vault is open. Choose a new passphrase and type it twice. The recovery shares stay valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a recovery share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} does not hold a recovery share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the shares…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting the new passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work ({kind}). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check the shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Set the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryOfferPage</name>
    <message>
        <source>Recovery shares (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A way back in if the passphrase is ever forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kzdesk can split the vault&apos;s key into three recovery shares to write down or print. Any two of them open the vault without the passphrase; one alone reveals nothing. Give them to different people you trust.

You can also make them later: File → Recovery shares…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show my recovery shares as soon as the vault is ready</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <source>Preview. The saved PDF will not be encrypted: anyone who gets the file can read it. Save it only where the case files are kept safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archival PDF (PDF/A-2b), for a court&apos;s records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same pages, in the form courts and archives keep for decades: it describes itself and looks the same in any reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The file is not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Bring back a vault from a backup file (made with File → Back up to a file). It opens with the passphrase that was in use when the backup was taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kzdesk backups (*.kzbackup *.zip);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the backup&apos;s passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring and checking the vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase did not open the backup. It needs the passphrase that was in use when the backup was taken. Nothing was restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be restored ({kind}). Nothing was restored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetyActions</name>
    <message>
        <source>Bac&amp;k up to a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emer&amp;gency erase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery &amp;shares…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kzdesk backups (*.kzbackup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was written. Keep it away from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup of this vault has been made yet: File → Back up to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last backup is from {date}: make a new one (File → Back up to a file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase this vault for good? Everything in it becomes unreadable at once, for you too. Only a backup file kept elsewhere can bring it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasing the vault: overwriting every copy…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharesDialog</name>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show the shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as PDF to print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved PDF is not encrypted: send it straight to a printer, or to a USB stick kept apart from this computer and from the other shares, then delete it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery shares open this vault if the passphrase is ever forgotten. kzdesk splits the vault&apos;s key into three shares of 33 words: any two of them open the vault, one alone reveals nothing.

Write each share on paper, or save it as a PDF to print, and give the three to different people you trust, or keep them in different places — never with this computer. Anyone who has two shares and a copy of the vault can read it.

These three belong together. Shares made at another time are a different set: they do not combine with these, though each set keeps working on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share {n} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the words in order, numbers included, or save this share as a PDF. Then give it to one person, or keep it in one place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same words as a QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save share {n} as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share {n} was saved. The file is not encrypted: print it or move it to its own USB stick now, then delete it from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpreadsheetActions</name>
    <message>
        <source>Import spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import spreadsheet (Excel, CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a spreadsheet &amp;template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {rows} rows: {events} events, {acts} acts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the window: select them in the Persons tab, then Edit → Set consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The spreadsheet was not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a spreadsheet template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template was saved to {path}. Fill in one row per act, then import it with File → Import spreadsheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Set status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From (date):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Set s&amp;tatus…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statuses p&amp;roposed from acts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed from acts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status today: {status} (since {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No status in force today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting the status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status was not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the acts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proposals could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to propose: every status the acts imply is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n status(es) recorded.</source>
        <translation>
            <numerusform>%n status recorded.</numerusform>
            <numerusform>%n statuses recorded.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the passphrase?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase did not open the vault. Check the keyboard language and Caps Lock, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault could not be opened ({kind}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault database is damaged. Nothing was opened or written. The backup copy from {date} can be put back: changes made after it will be missing, and the damaged file is kept aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put back the backup copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault database is damaged. Nothing was opened or written. Choose a backup file of this vault to put back; the damaged file is kept aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup file of this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting back the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your passphrase to open the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
