<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About kzdesk</source>
        <translation>О программе kzdesk</translation>
    </message>
    <message>
        <source>Encrypted offline recording of political persecution for human-rights monitors.
Licence: GNU General Public License, version 3 or later. This program comes with no warranty; you may share and change it under the terms of that licence.</source>
        <translation>Зашифрованная офлайн-запись политических преследований для правозащитных мониторов.
Лицензия: GNU General Public License версии 3 или более поздней. Программа предоставляется без каких-либо гарантий; вы можете распространять и изменять её на условиях этой лицензии.</translation>
    </message>
    <message>
        <source>Portable: everything is kept in {path}</source>
        <translation>Переносной режим: всё хранится в {path}</translation>
    </message>
    <message>
        <source>Installed: data in this computer&apos;s per-user folders</source>
        <translation>Установлена: данные в папках пользователя этого компьютера</translation>
    </message>
    <message>
        <source>Fingerprint of this copy&apos;s files (compare with a trusted copy):</source>
        <translation>Отпечаток файлов этой копии (сравните с доверенной копией):</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>вычисляется…</translation>
    </message>
</context>
<context>
    <name>ActForm</name>
    <message>
        <source>tenge (₸)</source>
        <translation>тенге (₸)</translation>
    </message>
    <message>
        <source>MCI</source>
        <translation>МРП</translation>
    </message>
    <message>
        <source>no appeal</source>
        <translation>не обжаловано</translation>
    </message>
    <message>
        <source>filed</source>
        <translation>жалоба подана</translation>
    </message>
    <message>
        <source>decision upheld</source>
        <translation>решение оставлено в силе</translation>
    </message>
    <message>
        <source>overturned</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>изменено</translation>
    </message>
    <message>
        <source>appeal rejected</source>
        <translation>жалоба отклонена</translation>
    </message>
    <message>
        <source>not an amount</source>
        <translation>не сумма</translation>
    </message>
    <message>
        <source>= {kzt} ₸</source>
        <translation>= {kzt} ₸</translation>
    </message>
    <message>
        <source>date needed for ₸</source>
        <translation>для ₸ нужна дата</translation>
    </message>
    <message>
        <source>= {mci} MCI</source>
        <translation>= {mci} МРП</translation>
    </message>
    <message>
        <source>Act:</source>
        <translation>Мера:</translation>
    </message>
    <message>
        <source>Legal basis:</source>
        <translation>Правовое основание:</translation>
    </message>
    <message>
        <source>article, e.g. 488</source>
        <translation>статья, например 488</translation>
    </message>
    <message>
        <source>part</source>
        <translation>часть</translation>
    </message>
    <message>
        <source>Arrest, days:</source>
        <translation>Арест, суток:</translation>
    </message>
    <message>
        <source>Fine:</source>
        <translation>Штраф:</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>сумма</translation>
    </message>
    <message>
        <source>Sentence:</source>
        <translation>Срок наказания:</translation>
    </message>
    <message>
        <source>years</source>
        <translation>лет</translation>
    </message>
    <message>
        <source>months</source>
        <translation>месяцев</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>часов</translation>
    </message>
    <message>
        <source>Authority:</source>
        <translation>Орган:</translation>
    </message>
    <message>
        <source>police unit, akimat, investigator</source>
        <translation>отдел полиции, акимат, следователь</translation>
    </message>
    <message>
        <source>Court:</source>
        <translation>Суд:</translation>
    </message>
    <message>
        <source>Judge:</source>
        <translation>Судья:</translation>
    </message>
    <message>
        <source>Case number:</source>
        <translation>Номер дела:</translation>
    </message>
    <message>
        <source>Decision date:</source>
        <translation>Дата решения:</translation>
    </message>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>Appeal:</source>
        <translation>Обжалование:</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>результат</translation>
    </message>
    <message>
        <source>Fine paid:</source>
        <translation>Штраф оплачен:</translation>
    </message>
    <message>
        <source>paid by</source>
        <translation>кем оплачен</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
</context>
<context>
    <name>ActsSideBySide</name>
    <message>
        <source>Recorded first</source>
        <translation>Записано первым</translation>
    </message>
    <message>
        <source>Recorded later</source>
        <translation>Записано позже</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Мера</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Правовое основание</translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation>Наказание</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Кто записал</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <source>&amp;Export a bundle for the other coordinators…</source>
        <translation>&amp;Экспорт пакета для других координаторов…</translation>
    </message>
    <message>
        <source>&amp;Export a bundle for the coordinator…</source>
        <translation>Выгрузить пакет для &amp;координатора…</translation>
    </message>
    <message>
        <source>Import &amp;bundles…</source>
        <translation>Импортировать &amp;пакеты…</translation>
    </message>
    <message>
        <source>Import a &amp;folder of bundles…</source>
        <translation>Импортировать &amp;папку с пакетами…</translation>
    </message>
    <message>
        <source>Export a bundle</source>
        <translation>Выгрузить пакет</translation>
    </message>
    <message>
        <source>Bundles (*.kzb)</source>
        <translation>Пакеты (*.kzb)</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Импорт пакетов</translation>
    </message>
    <message>
        <source>Import every bundle in a folder</source>
        <translation>Импортировать все пакеты из папки</translation>
    </message>
    <message>
        <source>Bundle {seq} written: {n} records.</source>
        <translation>Пакет {seq} записан: записей — {n}.</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>Записывается пакет…</translation>
    </message>
    <message>
        <source>The bundle was not written.</source>
        <translation>Пакет не записан.</translation>
    </message>
    <message>
        <source>There are no bundles (*.kzb) in this folder.</source>
        <translation>В этой папке нет пакетов (*.kzb).</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n bundle(s) not read.</source>
        <translation>
            <numerusform>Остановлено: не прочитан %n пакет.</numerusform>
            <numerusform>Остановлено: не прочитаны %n пакета.</numerusform>
            <numerusform>Остановлено: не прочитано %n пакетов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing bundles…</source>
        <translation>Импортируются пакеты…</translation>
    </message>
    <message>
        <source>The bundles could not be imported.</source>
        <translation>Не удалось импортировать пакеты.</translation>
    </message>
</context>
<context>
    <name>ChronologyModel</name>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Мера</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Статья</translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation>Наказание</translation>
    </message>
    <message>
        <source>Court / case</source>
        <translation>Суд / дело</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Person</source>
        <translation>Лицо</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Значения</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>No conflicts. When two vaults change the same field differently, the values wait here for you to choose.</source>
        <translation>Конфликтов нет. Когда два хранилища по-разному меняют одно и то же поле, значения ждут здесь вашего выбора.</translation>
    </message>
    <message>
        <source>Keep which value?</source>
        <translation>Какое значение оставить?</translation>
    </message>
    <message>
        <source>&amp;Another value:</source>
        <translation>&amp;Другое значение:</translation>
    </message>
    <message>
        <source>Type the value to keep</source>
        <translation>Введите значение, которое нужно оставить</translation>
    </message>
    <message>
        <source>&amp;Resolve with this value</source>
        <translation>&amp;Решить этим значением</translation>
    </message>
    <message>
        <source>{field} — {about}</source>
        <translation>{field} — {about}</translation>
    </message>
    <message>
        <source>Type the value to keep, or choose one of the values.</source>
        <translation>Введите значение, которое нужно оставить, или выберите одно из значений.</translation>
    </message>
    <message>
        <source>Resolving the conflict…</source>
        <translation>Конфликт разрешается…</translation>
    </message>
    <message>
        <source>The conflict was not resolved.</source>
        <translation>Конфликт не разрешён.</translation>
    </message>
</context>
<context>
    <name>ConsentActions</name>
    <message>
        <source>Set &amp;consent…</source>
        <translation>Задать &amp;согласие…</translation>
    </message>
    <message>
        <source>Select persons in the Persons tab, or events in the Records tab, then set their consent. Ctrl+click and Shift+click select several.</source>
        <translation>Выберите лиц на вкладке «Лица» или события на вкладке «Записи», затем задайте их согласие. Несколько строк выбираются щелчком с нажатой клавишей Ctrl или Shift.</translation>
    </message>
    <message>
        <source>Reading the selection…</source>
        <translation>Чтение выбранных записей…</translation>
    </message>
    <message>
        <source>The consent was not changed.</source>
        <translation>Согласие не изменено.</translation>
    </message>
    <message>
        <source>Setting consent…</source>
        <translation>Изменение согласия…</translation>
    </message>
    <message>
        <source>Consent set to {level}. Changed: persons {persons}, events {events}, acts {acts}.</source>
        <translation>Согласие: «{level}». Изменено лиц: {persons}, событий: {events}, мер: {acts}.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Ничего не изменено.</translation>
    </message>
    <message>
        <source>Nothing to change: the selected records were already {level}.</source>
        <translation>Менять нечего: у выбранных записей уже «{level}».</translation>
    </message>
    <message>
        <source>Left as they are, because someone else created them: {count}. Only a coordinator decides about other people&apos;s records.</source>
        <translation>Оставлено без изменений, потому что их создал другой человек: {count}. О чужих записях решает только координатор.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>confidential</source>
        <translation>конфиденциально</translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation>обезличено</translation>
    </message>
    <message>
        <source>public</source>
        <translation>публично</translation>
    </message>
    <message>
        <source>Set consent</source>
        <translation>Задать согласие</translation>
    </message>
    <message>
        <source>Consent:</source>
        <translation>Согласие:</translation>
    </message>
    <message>
        <source>Set the consent of the selected persons to {level}?
Selected persons: {persons}.
Their events and acts keep their own levels (change those in the Records tab).</source>
        <translation>Задать выбранным лицам согласие «{level}»?
Выбрано лиц: {persons}.
Их события и меры сохраняют свои уровни (их можно изменить на вкладке «Записи»).</translation>
    </message>
    <message>
        <source>Set the consent of the selected events and of their acts to {level}?
Selected events: {events}. Their acts: {acts}.
The persons keep their own levels (change those in the Persons tab).</source>
        <translation>Задать выбранным событиям и их мерам согласие «{level}»?
Выбрано событий: {events}. Их мер: {acts}.
Лица сохраняют свои уровни (их можно изменить на вкладке «Лица»).</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>from {format}</source>
        <translation>с {format}</translation>
    </message>
    <message>
        <source>to {format}</source>
        <translation>по {format}</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Показать</translation>
    </message>
    <message>
        <source>Statistics as &amp;PDF…</source>
        <translation>Статистика в &amp;PDF…</translation>
    </message>
    <message>
        <source>Making the statistics report…</source>
        <translation>Составляется статистический отчёт…</translation>
    </message>
    <message>
        <source>The report was cancelled. Press Show to make it again.</source>
        <translation>Отчёт отменён. Нажмите «Показать», чтобы составить его снова.</translation>
    </message>
    <message>
        <source>Acts: {acts} · persons affected: {persons} · days of arrest: {days} · fines: {fines} ₸</source>
        <translation>Мер: {acts} · пострадавших: {persons} · суток ареста: {days} · штрафов: {fines} ₸</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>Не удалось подготовить отчёт.</translation>
    </message>
</context>
<context>
    <name>DoubleActsModel</name>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Лицо</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Мера</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Правовое основание</translation>
    </message>
</context>
<context>
    <name>DuplicateActsView</name>
    <message>
        <source>Same &amp;act: count it once</source>
        <translation>Одна мера: &amp;учесть один раз</translation>
    </message>
    <message>
        <source>One act reported twice: the one recorded first is counted and listed</source>
        <translation>Об одной мере сообщили дважды: учитывается и показывается записанная первой</translation>
    </message>
    <message>
        <source>Different a&amp;cts</source>
        <translation>Ра&amp;зные меры</translation>
    </message>
    <message>
        <source>Two acts: both are counted</source>
        <translation>Две меры: учитываются обе</translation>
    </message>
    <message>
        <source>No acts reported twice. When one person&apos;s act seems recorded twice (the same date, type and article), the two wait here for you to decide.</source>
        <translation>Нет мер, о которых сообщили дважды. Когда мера одного лица, похоже, записана дважды (та же дата, вид и статья), обе ждут здесь вашего решения.</translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message>
        <source>Score</source>
        <translation>Сходство</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Лицо</translation>
    </message>
    <message>
        <source>Probably the same as</source>
        <translation>Вероятно, то же лицо, что</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Same person: &amp;link</source>
        <translation>Один человек: &amp;связать</translation>
    </message>
    <message>
        <source>Keep both records and read them as one human</source>
        <translation>Оставить обе записи и считать их одним человеком</translation>
    </message>
    <message>
        <source>Same person: &amp;merge into the left one</source>
        <translation>Один человек: &amp;объединить в левого</translation>
    </message>
    <message>
        <source>Move everything recorded about the right one to the left one</source>
        <translation>Перенести всё записанное о правом к левому</translation>
    </message>
    <message>
        <source>&amp;Different people</source>
        <translation>&amp;Разные люди</translation>
    </message>
    <message>
        <source>&amp;Persons</source>
        <translation>&amp;Лица</translation>
    </message>
    <message>
        <source>Acts &amp;reported twice</source>
        <translation>Меры, сообщённые &amp;дважды</translation>
    </message>
    <message>
        <source>No probable duplicates. When the same person seems to be recorded twice under different spellings, the two records wait here for you to link, merge or mark as different people.</source>
        <translation>Вероятных дублей нет. Когда одно и то же лицо, похоже, записано дважды в разном написании, обе записи ждут здесь, чтобы вы связали их, объединили или отметили как разных людей.</translation>
    </message>
    <message>
        <source>Looking for probable duplicates…</source>
        <translation>Идёт поиск вероятных дубликатов…</translation>
    </message>
    <message>
        <source>The duplicates could not be looked for.</source>
        <translation>Не удалось найти дубликаты.</translation>
    </message>
    <message>
        <source>The search for duplicates was cancelled. Open this tab again to look.</source>
        <translation>Поиск дубликатов отменён. Откройте эту вкладку снова, чтобы искать.</translation>
    </message>
    <message>
        <source>Merge “{right}” into “{left}”? Every act, source and attachment of the right one moves to the left one; the right record is closed but keeps its history.</source>
        <translation>Объединить «{right}» с «{left}»? Все меры, источники и вложения правого перейдут к левому; правая запись закрывается, но её история сохраняется.</translation>
    </message>
</context>
<context>
    <name>EraseAfterActions</name>
    <message>
        <source>Erase after &amp;wrong passphrases…</source>
        <translation>Стирать пос&amp;ле неверных паролей…</translation>
    </message>
    <message>
        <source>Wrong passphrases no longer erase this vault.</source>
        <translation>Неверные пароли больше не стирают это хранилище.</translation>
    </message>
    <message>
        <source>After {n} wrong passphrases in a row this vault erases itself.</source>
        <translation>После {n} неверных паролей подряд это хранилище сотрёт себя.</translation>
    </message>
</context>
<context>
    <name>EraseAfterDialog</name>
    <message>
        <source>When this is on, the vault erases itself for good after the chosen number of wrong passphrases in a row, exactly like the emergency erase. A forgotten passphrase, a child at the keyboard or anyone guessing can set it off, and anyone who copies the files first is not stopped by it. Turn it on only with a backup file and recovery shares kept elsewhere.</source>
        <translation>Если это включено, хранилище навсегда сотрёт себя после выбранного числа неверных паролей подряд — так же, как при экстренном стирании. Это может случиться из-за забытого пароля, ребёнка за клавиатурой или чьих-то догадок, а того, кто сначала скопирует файлы, это не остановит. Включайте, только если резервная копия и доли восстановления хранятся в другом месте.</translation>
    </message>
    <message>
        <source>Erase after this many wrong passphrases in a row:</source>
        <translation>Стирать после стольких неверных паролей подряд:</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>exact day</source>
        <translation>точная дата</translation>
    </message>
    <message>
        <source>month</source>
        <translation>месяц</translation>
    </message>
    <message>
        <source>year</source>
        <translation>год</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>confidential</source>
        <translation>конфиденциально</translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation>обезличено</translation>
    </message>
    <message>
        <source>public</source>
        <translation>публично</translation>
    </message>
    <message>
        <source>news</source>
        <translation>новости</translation>
    </message>
    <message>
        <source>post</source>
        <translation>пост</translation>
    </message>
    <message>
        <source>court record</source>
        <translation>судебный документ</translation>
    </message>
    <message>
        <source>victim testimony</source>
        <translation>показания пострадавшего</translation>
    </message>
    <message>
        <source>witness</source>
        <translation>свидетель</translation>
    </message>
    <message>
        <source>official document</source>
        <translation>официальный документ</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>фото</translation>
    </message>
    <message>
        <source>video</source>
        <translation>видео</translation>
    </message>
    <message>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <source>reliability unknown</source>
        <translation>достоверность неизвестна</translation>
    </message>
    <message>
        <source>high</source>
        <translation>высокая</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>средняя</translation>
    </message>
    <message>
        <source>low</source>
        <translation>низкая</translation>
    </message>
    <message>
        <source>{name} ({acts} acts recorded)</source>
        <translation>{name} (записано мер: {acts})</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} сут.</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Прикрепить файл</translation>
    </message>
    <message>
        <source>The file is larger than 200 MB.</source>
        <translation>Файл больше 200 МБ.</translation>
    </message>
    <message>
        <source>Not saved yet — please correct:</source>
        <translation>Пока не сохранено — пожалуйста, исправьте:</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Лица</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Мера</translation>
    </message>
    <message>
        <source>Arrest, days</source>
        <translation>Арест, суток</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>Штраф</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Статья</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Часть</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Дата решения</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>Годы</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Месяцы</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Retrieved</source>
        <translation>Дата обращения</translation>
    </message>
    <message>
        <source>Saved. This record was changed elsewhere while you edited it (a bundle, another window or the command line); your changes were combined with those changes.</source>
        <translation>Сохранено. Пока вы редактировали эту запись, её изменили в другом месте (пакет, другое окно или командная строка); ваши изменения объединены с теми изменениями.</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) were changed differently on both sides: both values are kept in the Conflicts tab until someone chooses one.</source>
        <translation>
            <numerusform>%n поле изменено по-разному с обеих сторон: оба значения сохранены во вкладке «Конфликты», пока кто-нибудь не выберет одно.</numerusform>
            <numerusform>%n поля изменены по-разному с обеих сторон: оба значения сохранены во вкладке «Конфликты», пока кто-нибудь не выберет одно.</numerusform>
            <numerusform>%n полей изменены по-разному с обеих сторон: оба значения сохранены во вкладке «Конфликты», пока кто-нибудь не выберет одно.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Не сохранено: {reason}</translation>
    </message>
    <message>
        <source>This record has unsaved changes.</source>
        <translation>В этой записи есть несохранённые изменения.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>Оставить черновиком</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Не сохранять</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Вернуться</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Дата:</translation>
    </message>
    <message>
        <source>DD.MM.YYYY, MM.YYYY or YYYY</source>
        <translation>ДД.ММ.ГГГГ, ММ.ГГГГ или ГГГГ</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Город:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>Место:</translation>
    </message>
    <message>
        <source>street, building, village</source>
        <translation>улица, дом, село</translation>
    </message>
    <message>
        <source>Occasion:</source>
        <translation>Повод:</translation>
    </message>
    <message>
        <source>rally, single picket, post…</source>
        <translation>митинг, одиночный пикет, пост…</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <source>Confidentiality:</source>
        <translation>Конфиденциальность:</translation>
    </message>
    <message>
        <source>name, any spelling — Enter adds</source>
        <translation>имя в любом написании — Enter добавляет</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Добавить лицо</translation>
    </message>
    <message>
        <source>Consent:</source>
        <translation>Согласие:</translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation>Убрать лицо</translation>
    </message>
    <message>
        <source>Acts against the selected person</source>
        <translation>Меры в отношении выбранного лица</translation>
    </message>
    <message>
        <source>Add act</source>
        <translation>Добавить меру</translation>
    </message>
    <message>
        <source>Remove act</source>
        <translation>Убрать меру</translation>
    </message>
    <message>
        <source>Sources and evidence</source>
        <translation>Источники и файлы-доказательства</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Add source</source>
        <translation>Добавить источник</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Прикрепить файл…</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Restore from a backup file…</source>
        <translation>Восстановить из резервной копии…</translation>
    </message>
    <message>
        <source>Choose another passphrase: with your name and city it is too easy to guess.</source>
        <translation>Выберите другую парольную фразу: с вашим именем и городом её слишком легко подобрать.</translation>
    </message>
    <message>
        <source>Creating the vault…</source>
        <translation>Создание хранилища…</translation>
    </message>
    <message>
        <source>The vault was not created: {reason}</source>
        <translation>Хранилище не создано: {reason}</translation>
    </message>
</context>
<context>
    <name>GuideActions</name>
    <message>
        <source>&amp;User guide (PDF)</source>
        <translation>&amp;Руководство пользователя (PDF)</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation.</source>
        <translation>В этой установке нет руководства пользователя.</translation>
    </message>
    <message>
        <source>No program to show PDF files was found. The guide is here: {path}</source>
        <translation>Не найдена программа для просмотра PDF. Руководство лежит здесь: {path}</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The language of the program. It can be changed later.</source>
        <translation>Язык программы. Его можно изменить позже.</translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <source>kzdesk is locked. Enter your passphrase to continue.</source>
        <translation>kzdesk заблокирован. Чтобы продолжить, введите парольную фразу.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Records</source>
        <translation>Записи</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Лица</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Конфликты</translation>
    </message>
    <message>
        <source>Probable duplicates</source>
        <translation>Вероятные дубликаты</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <source>&amp;Print case summary…</source>
        <translation>&amp;Печать сводки по делу…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About kzdesk</source>
        <translation>&amp;О программе kzdesk</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation>&amp;Новая запись</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>Lock when idle…</source>
        <translation>Блокировать при бездействии…</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes (0: never):</source>
        <translation>Блокировать после стольких минут бездействия (0 — никогда):</translation>
    </message>
    <message numerus="yes">
        <source>more than %n record(s)</source>
        <translation>
            <numerusform>больше %n записи</numerusform>
            <numerusform>больше %n записей</numerusform>
            <numerusform>больше %n записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n запись</numerusform>
            <numerusform>%n записи</numerusform>
            <numerusform>%n записей</numerusform>
        </translation>
    </message>
    <message>
        <source>No record matches the search and the filters.</source>
        <translation>Ни одна запись не подходит под поиск и фильтры.</translation>
    </message>
    <message>
        <source>No records yet. Record an event with File → New record (Ctrl+N), or import a spreadsheet from the File menu.</source>
        <translation>Записей пока нет. Запишите событие: Файл → Новая запись (Ctrl+N), или импортируйте таблицу из меню «Файл».</translation>
    </message>
    <message>
        <source>The record could not be opened.</source>
        <translation>Не удалось открыть запись.</translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation>Открытие хранилища…</translation>
    </message>
    <message>
        <source>That passphrase did not open the vault. Try again.</source>
        <translation>Эта парольная фраза не открыла хранилище. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The decision was not stored.</source>
        <translation>Решение не сохранено.</translation>
    </message>
</context>
<context>
    <name>MenuActions</name>
    <message>
        <source>The operation failed.</source>
        <translation>Операция не удалась.</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
</context>
<context>
    <name>PassphraseChangeActions</name>
    <message>
        <source>&amp;Change passphrase…</source>
        <translation>Сменить парольную &amp;фразу…</translation>
    </message>
    <message>
        <source>The passphrase was changed. Backup files and recovery shares made before still work: backup files with the old passphrase.</source>
        <translation>Парольная фраза изменена. Файлы резервных копий и доли восстановления, сделанные раньше, по-прежнему действуют: файлы резервных копий — со старой парольной фразой.</translation>
    </message>
    <message>
        <source>The passphrase and the data key were changed: the vault and its copies in the vault folder are now encrypted under a new key. Recovery shares made before no longer open this vault: make new ones now and destroy the old ones. Backup files made before still open with the old passphrase: delete them, or keep them as safe as that passphrase.</source>
        <translation>Парольная фраза и ключ данных изменены: хранилище и его копии в папке хранилища теперь зашифрованы новым ключом. Доли восстановления, сделанные раньше, больше не открывают это хранилище: сделайте новые сейчас, а старые уничтожьте. Файлы резервных копий, сделанные раньше, по-прежнему открываются старой парольной фразой: удалите их или храните так же надёжно, как эту фразу.</translation>
    </message>
    <message>
        <source>Make new recovery shares</source>
        <translation>Сделать новые доли восстановления</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
</context>
<context>
    <name>PassphraseChangeDialog</name>
    <message>
        <source>Type the new passphrase twice. From then on only the new passphrase opens this vault.</source>
        <translation>Введите новую парольную фразу дважды. После этого хранилище будет открывать только новая фраза.</translation>
    </message>
    <message>
        <source>Also change the data key and re-encrypt the vault</source>
        <translation>Также сменить ключ данных и перешифровать хранилище</translation>
    </message>
    <message>
        <source>Recommended if you were made to reveal the passphrase: old copies of vault.json and old recovery shares then open nothing, but backup files made before still open with the old passphrase.</source>
        <translation>Рекомендуется, если вас вынудили назвать парольную фразу: старые копии vault.json и старые доли восстановления тогда ничего не откроют, но файлы резервных копий, сделанные раньше, по-прежнему открываются старой фразой.</translation>
    </message>
    <message>
        <source>Re-encrypting the vault under a new key…</source>
        <translation>Хранилище перешифровывается новым ключом…</translation>
    </message>
    <message>
        <source>Setting the new passphrase…</source>
        <translation>Установка новой парольной фразы…</translation>
    </message>
    <message>
        <source>Nothing was changed ({kind}): the old passphrase still opens the vault.</source>
        <translation>Ничего не изменено ({kind}): хранилище по-прежнему открывается старой парольной фразой.</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Passphrase</source>
        <translation>Парольная фраза</translation>
    </message>
    <message>
        <source>A passphrase of several words is easier to remember and harder to guess.</source>
        <translation>Парольную фразу из нескольких слов легче запомнить и труднее подобрать.</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Парольная фраза:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Ещё раз:</translation>
    </message>
    <message>
        <source>Nobody can recover a lost passphrase — not the coordinator, not the developers. If it is lost and there are no recovery shares, the data in this vault is lost.</source>
        <translation>Утерянную парольную фразу не сможет восстановить никто — ни координатор, ни разработчики. Если она утеряна и долей восстановления нет, данные в этом хранилище утеряны.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
</context>
<context>
    <name>PersonsModel</name>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Acts</source>
        <translation>Меры</translation>
    </message>
</context>
<context>
    <name>PersonsTab</name>
    <message>
        <source>Find a person, any spelling</source>
        <translation>Найти лицо (в любом написании)</translation>
    </message>
    <message>
        <source>Making the case summary…</source>
        <translation>Составляется сводка по делу…</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>Не удалось подготовить отчёт.</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>About you</source>
        <translation>О вас</translation>
    </message>
    <message>
        <source>Shown to the coordinator with what you send. You may use a pseudonym.</source>
        <translation>Координатор увидит это вместе с тем, что вы отправляете. Можно использовать псевдоним.</translation>
    </message>
    <message>
        <source>Volunteer (field monitor)</source>
        <translation>Волонтёр (монитор на месте)</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Координатор</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>Отображаемое имя:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Город:</translation>
    </message>
</context>
<context>
    <name>ProposalsDialog</name>
    <message>
        <source>Statuses proposed from acts</source>
        <translation>Статусы, предложенные по мерам</translation>
    </message>
    <message>
        <source>Check the statuses to record (Space checks or unchecks one):</source>
        <translation>Отметьте статусы, которые нужно записать (пробел ставит или снимает отметку):</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Папка:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Тип файлов:</translation>
    </message>
</context>
<context>
    <name>ReceiptActions</name>
    <message>
        <source>Write a recei&amp;pt for a volunteer…</source>
        <translation>Написать &amp;расписку для волонтёра…</translation>
    </message>
    <message>
        <source>Erase what the coordinator confirmed &amp;receiving…</source>
        <translation>Стереть то, что координатор &amp;подтвердил…</translation>
    </message>
    <message>
        <source>No volunteer is trusted in this vault yet.</source>
        <translation>В этом хранилище пока нет доверенных волонтёров.</translation>
    </message>
    <message>
        <source>Receipt for which volunteer?</source>
        <translation>Расписка для какого волонтёра?</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Сохранить расписку</translation>
    </message>
    <message>
        <source>Receipts (*.kzr)</source>
        <translation>Расписки (*.kzr)</translation>
    </message>
    <message>
        <source>The receipt was written.</source>
        <translation>Расписка записана.</translation>
    </message>
    <message>
        <source>Open the coordinator&apos;s receipt</source>
        <translation>Открыть расписку координатора</translation>
    </message>
    <message>
        <source>Receipts (*.kzr);;All files (*)</source>
        <translation>Расписки (*.kzr);;Все файлы (*)</translation>
    </message>
    <message>
        <source>The receipt is genuine, but nothing on this computer is covered by it.</source>
        <translation>Расписка подлинная, но на этом компьютере нет записей, которые она подтверждает.</translation>
    </message>
    <message>
        <source>The coordinator confirmed receiving {count} records. Erase them from this computer for good? This cannot be undone.</source>
        <translation>Координатор подтвердил получение записей: {count}. Стереть их с этого компьютера навсегда? Отменить это нельзя.</translation>
    </message>
    <message>
        <source>{count} records were erased from this computer.</source>
        <translation>С этого компьютера стёрто записей: {count}.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Лица</translation>
    </message>
    <message>
        <source>Acts</source>
        <translation>Меры</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Статьи</translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation>Наказание</translation>
    </message>
</context>
<context>
    <name>RecordsTab</name>
    <message>
        <source>Search: name, place, article… (Ctrl+F)</source>
        <translation>Поиск: имя, место, статья… (Ctrl+F)</translation>
    </message>
    <message>
        <source>from {format}</source>
        <translation>с {format}</translation>
    </message>
    <message>
        <source>to {format}</source>
        <translation>по {format}</translation>
    </message>
    <message>
        <source>article, e.g. 488.7</source>
        <translation>статья, напр. 488.7</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an article (e.g. 488, 488.7 or 488 ч. 7)</source>
        <translation>&apos;{value}&apos; — не статья (напр. 488, 488.7 или 488 ч. 7)</translation>
    </message>
    <message>
        <source>any city</source>
        <translation>любой город</translation>
    </message>
    <message>
        <source>any act</source>
        <translation>любая мера</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Forgot the passphrase? Two of the three recovery shares open the vault again. Type the words of two different shares (in order, separated by spaces), or load the text files kzdesk wrote.</source>
        <translation>Забыли парольную фразу? Две из трёх долей восстановления снова откроют хранилище. Введите слова двух разных долей (по порядку, через пробел) или загрузите текстовые файлы, записанные kzdesk.</translation>
    </message>
    <message>
        <source>Share {n}:</source>
        <translation>Доля {n}:</translation>
    </message>
    <message>
        <source>Load from a file…</source>
        <translation>Загрузить из файла…</translation>
    </message>
    <message>
        <source>The shares fit: the vault is open. Choose a new passphrase and type it twice. The recovery shares stay valid.</source>
        <translation>Доли подошли: хранилище открыто. Придумайте новую парольную фразу и введите её дважды. Доли восстановления остаются действительными.</translation>
    </message>
    <message>
        <source>Load a recovery share</source>
        <translation>Загрузить долю восстановления</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Текстовые файлы (*.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>{path} does not hold a recovery share.</source>
        <translation>В файле {path} нет доли восстановления.</translation>
    </message>
    <message>
        <source>Checking the shares…</source>
        <translation>Проверка долей…</translation>
    </message>
    <message>
        <source>Setting the new passphrase…</source>
        <translation>Установка новой парольной фразы…</translation>
    </message>
    <message>
        <source>That did not work ({kind}). Nothing was changed.</source>
        <translation>Не получилось ({kind}). Ничего не изменено.</translation>
    </message>
    <message>
        <source>&amp;Check the shares</source>
        <translation>&amp;Проверить доли</translation>
    </message>
    <message>
        <source>&amp;Set the new passphrase</source>
        <translation>&amp;Установить новую парольную фразу</translation>
    </message>
</context>
<context>
    <name>RecoveryOfferPage</name>
    <message>
        <source>Recovery shares (optional)</source>
        <translation>Доли восстановления (по желанию)</translation>
    </message>
    <message>
        <source>A way back in if the passphrase is ever forgotten.</source>
        <translation>Способ вернуться, если парольная фраза когда-нибудь забудется.</translation>
    </message>
    <message>
        <source>kzdesk can split the vault&apos;s key into three recovery shares to write down or print. Any two of them open the vault without the passphrase; one alone reveals nothing. Give them to different people you trust.

You can also make them later: File → Recovery shares…</source>
        <translation>kzdesk может разделить ключ хранилища на три доли восстановления, чтобы их записать или распечатать. Любые две из них открывают хранилище без парольной фразы; одна ничего не раскрывает. Отдайте их разным людям, которым доверяете.

Их можно сделать и позже: Файл → Доли восстановления…</translation>
    </message>
    <message>
        <source>Show my recovery shares as soon as the vault is ready</source>
        <translation>Показать мои доли восстановления, как только хранилище будет готово</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <source>Preview. The saved PDF will not be encrypted: anyone who gets the file can read it. Save it only where the case files are kept safe.</source>
        <translation>Предпросмотр. Сохранённый PDF не будет зашифрован: его прочтёт любой, к кому попадёт файл. Сохраняйте его только там, где надёжно хранятся материалы дела.</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Сохранить как PDF…</translation>
    </message>
    <message>
        <source>&amp;Archival PDF (PDF/A-2b), for a court&apos;s records</source>
        <translation>&amp;Архивный PDF (PDF/A-2b) — для материалов суда</translation>
    </message>
    <message>
        <source>The same pages, in the form courts and archives keep for decades: it describes itself and looks the same in any reader.</source>
        <translation>Те же страницы в виде, который суды и архивы хранят десятилетиями: файл сам описывает себя и выглядит одинаково в любой программе.</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Сохранить отчёт</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved. The file is not encrypted.</source>
        <translation>Сохранено. Файл не зашифрован.</translation>
    </message>
    <message>
        <source>The report was not saved.</source>
        <translation>Отчёт не сохранён.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Bring back a vault from a backup file (made with File → Back up to a file). It opens with the passphrase that was in use when the backup was taken.</source>
        <translation>Вернуть хранилище из файла резервной копии (сделанного через Файл → Резервная копия в файл). Оно открывается парольной фразой, действовавшей в момент создания копии.</translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation>Файл резервной копии:</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Вы&amp;брать…</translation>
    </message>
    <message>
        <source>Its passphrase:</source>
        <translation>Её парольная фраза:</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <source>kzdesk backups (*.kzbackup *.zip);;All files (*)</source>
        <translation>Резервные копии kzdesk (*.kzbackup *.zip);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation>Сначала выберите файл резервной копии.</translation>
    </message>
    <message>
        <source>Type the backup&apos;s passphrase first.</source>
        <translation>Сначала введите парольную фразу резервной копии.</translation>
    </message>
    <message>
        <source>Restoring and checking the vault…</source>
        <translation>Восстановление и проверка хранилища…</translation>
    </message>
    <message>
        <source>That passphrase did not open the backup. It needs the passphrase that was in use when the backup was taken. Nothing was restored.</source>
        <translation>Эта парольная фраза не открыла резервную копию. Нужна парольная фраза, действовавшая в момент создания копии. Ничего не восстановлено.</translation>
    </message>
    <message>
        <source>The backup could not be restored ({kind}). Nothing was restored.</source>
        <translation>Резервную копию не удалось восстановить ({kind}). Ничего не восстановлено.</translation>
    </message>
</context>
<context>
    <name>SafetyActions</name>
    <message>
        <source>Bac&amp;k up to a file…</source>
        <translation>Резервная &amp;копия в файл…</translation>
    </message>
    <message>
        <source>Emer&amp;gency erase…</source>
        <translation>Экстренное с&amp;тирание…</translation>
    </message>
    <message>
        <source>Recovery &amp;shares…</source>
        <translation>&amp;Доли восстановления…</translation>
    </message>
    <message>
        <source>Back up the vault</source>
        <translation>Резервная копия хранилища</translation>
    </message>
    <message>
        <source>kzdesk backups (*.kzbackup)</source>
        <translation>Резервные копии kzdesk (*.kzbackup)</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>Создаётся резервная копия…</translation>
    </message>
    <message>
        <source>The backup was written. Keep it away from this computer.</source>
        <translation>Резервная копия записана. Храните её отдельно от этого компьютера.</translation>
    </message>
    <message>
        <source>The backup was not written.</source>
        <translation>Резервная копия не записана.</translation>
    </message>
    <message>
        <source>The backup was cancelled; no file was written.</source>
        <translation>Резервное копирование отменено, файл не записан.</translation>
    </message>
    <message>
        <source>No backup of this vault has been made yet: File → Back up to a file.</source>
        <translation>Резервная копия этого хранилища ещё не делалась: Файл → Резервная копия в файл.</translation>
    </message>
    <message>
        <source>The last backup is from {date}: make a new one (File → Back up to a file).</source>
        <translation>Последняя резервная копия сделана {date}: сделайте новую (Файл → Резервная копия в файл).</translation>
    </message>
    <message>
        <source>Erase this vault for good? Everything in it becomes unreadable at once, for you too. Only a backup file kept elsewhere can bring it back.</source>
        <translation>Стереть это хранилище навсегда? Всё в нём сразу станет нечитаемым, и для вас тоже. Вернуть данные сможет только резервная копия, хранящаяся в другом месте.</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Стереть навсегда</translation>
    </message>
    <message>
        <source>Erasing the vault: overwriting every copy…</source>
        <translation>Хранилище стирается: перезаписываются все копии…</translation>
    </message>
</context>
<context>
    <name>SharesDialog</name>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <source>&amp;Next share</source>
        <translation>&amp;Следующая доля</translation>
    </message>
    <message>
        <source>&amp;Show the shares</source>
        <translation>&amp;Показать доли</translation>
    </message>
    <message>
        <source>&amp;Save as PDF to print…</source>
        <translation>Со&amp;хранить в PDF для печати…</translation>
    </message>
    <message>
        <source>A saved PDF is not encrypted: send it straight to a printer, or to a USB stick kept apart from this computer and from the other shares, then delete it here.</source>
        <translation>Сохранённый PDF не зашифрован: отправьте его сразу на принтер или на флешку, которая хранится отдельно от этого компьютера и от других долей, а затем удалите его здесь.</translation>
    </message>
    <message>
        <source>Recovery shares</source>
        <translation>Доли восстановления</translation>
    </message>
    <message>
        <source>Recovery shares open this vault if the passphrase is ever forgotten. kzdesk splits the vault&apos;s key into three shares of 33 words: any two of them open the vault, one alone reveals nothing.

Write each share on paper, or save it as a PDF to print, and give the three to different people you trust, or keep them in different places — never with this computer. Anyone who has two shares and a copy of the vault can read it.

These three belong together. Shares made at another time are a different set: they do not combine with these, though each set keeps working on its own.</source>
        <translation>Доли восстановления откроют это хранилище, если парольная фраза когда-нибудь забудется. kzdesk делит ключ хранилища на три доли по 33 слова: любые две из них открывают хранилище, одна ничего не раскрывает.

Запишите каждую долю на бумаге или сохраните в PDF для печати и отдайте все три разным людям, которым доверяете, или храните в разных местах — но никогда вместе с этим компьютером. Тот, у кого есть две доли и копия хранилища, может его прочитать.

Эти три доли составляют один набор. Доли, сделанные в другой раз, — другой набор: с этими они не сочетаются, хотя каждый набор продолжает работать сам по себе.</translation>
    </message>
    <message>
        <source>Share {n} of {count}</source>
        <translation>Доля {n} из {count}</translation>
    </message>
    <message>
        <source>Copy the words in order, numbers included, or save this share as a PDF. Then give it to one person, or keep it in one place.</source>
        <translation>Перепишите слова по порядку вместе с номерами или сохраните эту долю в PDF. Затем отдайте её одному человеку или храните в одном месте.</translation>
    </message>
    <message>
        <source>The same words as a QR code</source>
        <translation>Те же слова в виде QR-кода</translation>
    </message>
    <message>
        <source>Save share {n} as PDF</source>
        <translation>Сохранить долю {n} в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Share {n} was saved. The file is not encrypted: print it or move it to its own USB stick now, then delete it from this computer.</source>
        <translation>Доля {n} сохранена. Файл не зашифрован: сразу распечатайте его или перенесите на отдельную флешку, затем удалите с этого компьютера.</translation>
    </message>
    <message>
        <source>The share was not saved.</source>
        <translation>Доля не сохранена.</translation>
    </message>
</context>
<context>
    <name>SpreadsheetActions</name>
    <message>
        <source>Import spreadsheet</source>
        <translation>Импорт таблицы</translation>
    </message>
    <message>
        <source>&amp;Import spreadsheet (Excel, CSV)…</source>
        <translation>&amp;Импортировать таблицу (Excel, CSV)…</translation>
    </message>
    <message>
        <source>Save a spreadsheet &amp;template…</source>
        <translation>Сохранить &amp;шаблон таблицы…</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt)</source>
        <translation>Таблицы (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Imported {rows} rows: {events} events, {acts} acts.</source>
        <translation>Импортировано строк: {rows}. Событий: {events}, мер: {acts}.</translation>
    </message>
    <message>
        <source>In the window: select them in the Persons tab, then Edit → Set consent…</source>
        <translation>В окне программы: выберите их на вкладке «Лица», затем Правка → Задать согласие…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <source>The spreadsheet was not imported.</source>
        <translation>Таблица не импортирована.</translation>
    </message>
    <message>
        <source>Save a spreadsheet template</source>
        <translation>Сохранить шаблон таблицы</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Книга Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>The template was saved to {path}. Fill in one row per act, then import it with File → Import spreadsheet.</source>
        <translation>Шаблон сохранён в {path}. Заполните по строке на каждую меру, затем импортируйте его: Файл → Импортировать таблицу.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>The template was not saved.</source>
        <translation>Шаблон не сохранён.</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Set status</source>
        <translation>Задать статус</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>Человек:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Статус:</translation>
    </message>
    <message>
        <source>&amp;From (date):</source>
        <translation>&amp;Дата начала:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>П&amp;римечание:</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(не указана)</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Set s&amp;tatus…</source>
        <translation>Задать с&amp;татус…</translation>
    </message>
    <message>
        <source>Statuses p&amp;roposed from acts…</source>
        <translation>Статусы, п&amp;редложенные по мерам…</translation>
    </message>
    <message>
        <source>Set status…</source>
        <translation>Задать статус…</translation>
    </message>
    <message>
        <source>Proposed from acts…</source>
        <translation>Предложенные по мерам…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Status today: {status} (since {date})</source>
        <translation>Статус на сегодня: {status} (с {date})</translation>
    </message>
    <message>
        <source>No status in force today.</source>
        <translation>Статус на сегодня не задан.</translation>
    </message>
    <message>
        <source>Setting the status…</source>
        <translation>Статус записывается…</translation>
    </message>
    <message>
        <source>The status was not set.</source>
        <translation>Статус не записан.</translation>
    </message>
    <message>
        <source>Reading the acts…</source>
        <translation>Меры читаются…</translation>
    </message>
    <message>
        <source>The proposals could not be read.</source>
        <translation>Предложения не удалось прочитать.</translation>
    </message>
    <message>
        <source>Nothing to propose: every status the acts imply is recorded.</source>
        <translation>Предложить нечего: все статусы, которые следуют из мер, уже записаны.</translation>
    </message>
    <message numerus="yes">
        <source>%n status(es) recorded.</source>
        <translation>
            <numerusform>Записан %n статус.</numerusform>
            <numerusform>Записано %n статуса.</numerusform>
            <numerusform>Записано %n статусов.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Forgot the passphrase?</source>
        <translation>Забыли парольную фразу?</translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation>Сначала введите парольную фразу.</translation>
    </message>
    <message>
        <source>That passphrase did not open the vault. Check the keyboard language and Caps Lock, and try again.</source>
        <translation>Эта парольная фраза не открыла хранилище. Проверьте раскладку клавиатуры и Caps Lock и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The vault could not be opened ({kind}).</source>
        <translation>Не удалось открыть хранилище ({kind}).</translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation>Открытие хранилища…</translation>
    </message>
    <message>
        <source>The vault database is damaged. Nothing was opened or written. The backup copy from {date} can be put back: changes made after it will be missing, and the damaged file is kept aside.</source>
        <translation>База хранилища повреждена. Ничего не открыто и не записано. Можно вернуть резервную копию от {date}: изменений, сделанных после неё, не будет, а повреждённый файл сохранится отдельно.</translation>
    </message>
    <message>
        <source>Put back the backup copy</source>
        <translation>Вернуть резервную копию</translation>
    </message>
    <message>
        <source>The vault database is damaged. Nothing was opened or written. Choose a backup file of this vault to put back; the damaged file is kept aside.</source>
        <translation>База хранилища повреждена. Ничего не открыто и не записано. Выберите файл резервной копии этого хранилища, чтобы вернуть его; повреждённый файл сохранится отдельно.</translation>
    </message>
    <message>
        <source>Choose a backup file…</source>
        <translation>Выбрать файл резервной копии…</translation>
    </message>
    <message>
        <source>Backup file of this vault</source>
        <translation>Файл резервной копии этого хранилища</translation>
    </message>
    <message>
        <source>Putting back the backup…</source>
        <translation>Возвращаем резервную копию…</translation>
    </message>
    <message>
        <source>Enter your passphrase to open the vault.</source>
        <translation>Введите парольную фразу, чтобы открыть хранилище.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Парольная фраза</translation>
    </message>
</context>
</TS>
