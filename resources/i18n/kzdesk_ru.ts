<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
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
    <message>
        <source>date unknown</source>
        <translation>дата неизвестна</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
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
        <source>Search: name, place, article… (Ctrl+F)</source>
        <translation>Поиск: имя, место, статья… (Ctrl+F)</translation>
    </message>
    <message>
        <source>from YYYY-MM-DD</source>
        <translation>с YYYY-MM-DD</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>по YYYY-MM-DD</translation>
    </message>
    <message>
        <source>any city</source>
        <translation>любой город</translation>
    </message>
    <message>
        <source>article</source>
        <translation>статья</translation>
    </message>
    <message>
        <source>Find a person, any spelling</source>
        <translation>Найти лицо (в любом написании)</translation>
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
        <source>&amp;Lock</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <source>&amp;Import spreadsheet (CSV)…</source>
        <translation>&amp;Импортировать таблицу (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>any act</source>
        <translation>любая мера</translation>
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
        <source>Opening the vault…</source>
        <translation>Открытие хранилища…</translation>
    </message>
    <message>
        <source>That passphrase did not open the vault. Try again.</source>
        <translation>Эта парольная фраза не открыла хранилище. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>Import spreadsheet</source>
        <translation>Импорт таблицы</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <source>Imported {rows} rows: {events} events, {acts} acts.</source>
        <translation>Импортировано строк: {rows}. Событий: {events}, мер: {acts}.</translation>
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
        <source>Nobody can recover a lost passphrase — not the coordinator, not the developers. If it is lost, the data in this vault is lost.</source>
        <translation>Утерянную парольную фразу не сможет восстановить никто — ни координатор, ни разработчики. Если она утеряна, данные в этом хранилище утеряны.</translation>
    </message>
    <message>
        <source>Too short: at least 8 characters.</source>
        <translation>Слишком коротко: нужно не менее 8 символов.</translation>
    </message>
    <message>
        <source>Strength: weak</source>
        <translation>Надёжность: низкая</translation>
    </message>
    <message>
        <source>Strength: fair</source>
        <translation>Надёжность: средняя</translation>
    </message>
    <message>
        <source>Strength: strong</source>
        <translation>Надёжность: высокая</translation>
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
    <message>
        <source>date unknown</source>
        <translation>дата неизвестна</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
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
        <source>Enter your passphrase to open the vault.</source>
        <translation>Введите парольную фразу, чтобы открыть хранилище.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Парольная фраза</translation>
    </message>
</context>
</TS>
