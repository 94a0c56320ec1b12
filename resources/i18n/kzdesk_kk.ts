<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk">
<context>
    <name>ChronologyModel</name>
    <message>
        <source>Date</source>
        <translation>Күні</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Қала</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Шара</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Бап</translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation>Жаза</translation>
    </message>
    <message>
        <source>Court / case</source>
        <translation>Сот / іс</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>күні белгісіз</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Creating the vault…</source>
        <translation>Қойма жасалуда…</translation>
    </message>
    <message>
        <source>The vault was not created: {reason}</source>
        <translation>Қойма жасалмады: {reason}</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>Тіл</translation>
    </message>
    <message>
        <source>The language of the program. It can be changed later.</source>
        <translation>Бағдарлама тілі. Оны кейін өзгертуге болады.</translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <source>kzdesk is locked. Enter your passphrase to continue.</source>
        <translation>kzdesk құлыпталған. Жалғастыру үшін құпия фразаңызды енгізіңіз.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Ашу</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Records</source>
        <translation>Жазбалар</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Тұлғалар</translation>
    </message>
    <message>
        <source>Search: name, place, article… (Ctrl+F)</source>
        <translation>Іздеу: есім, орын, бап… (Ctrl+F)</translation>
    </message>
    <message>
        <source>from YYYY-MM-DD</source>
        <translation>YYYY-MM-DD бастап</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>YYYY-MM-DD дейін</translation>
    </message>
    <message>
        <source>any city</source>
        <translation>кез келген қала</translation>
    </message>
    <message>
        <source>article</source>
        <translation>бап</translation>
    </message>
    <message>
        <source>Find a person, any spelling</source>
        <translation>Тұлғаны іздеу (кез келген жазылуымен)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Өңдеу</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Тіл</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Құлыптау</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Іздеу</translation>
    </message>
    <message>
        <source>&amp;Import spreadsheet (CSV)…</source>
        <translation>&amp;Кестені импорттау (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <source>any act</source>
        <translation>кез келген шара</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n жазба</numerusform>
            <numerusform>%n жазба</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation>Қойма ашылуда…</translation>
    </message>
    <message>
        <source>That passphrase did not open the vault. Try again.</source>
        <translation>Бұл құпия фраза қойманы ашпады. Қайта көріңіз.</translation>
    </message>
    <message>
        <source>Import spreadsheet</source>
        <translation>Кестені импорттау</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV файлдары (*.csv)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Импортталуда…</translation>
    </message>
    <message>
        <source>Imported {rows} rows: {events} events, {acts} acts.</source>
        <translation>Импортталған жолдар: {rows}. Оқиғалар: {events}, шаралар: {acts}.</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Passphrase</source>
        <translation>Құпия фраза</translation>
    </message>
    <message>
        <source>A passphrase of several words is easier to remember and harder to guess.</source>
        <translation>Бірнеше сөзден тұратын құпия фразаны есте сақтау оңай, ал оны табу қиын.</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Құпия фраза:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Қайталаңыз:</translation>
    </message>
    <message>
        <source>Nobody can recover a lost passphrase — not the coordinator, not the developers. If it is lost, the data in this vault is lost.</source>
        <translation>Жоғалған құпия фразаны ешкім қалпына келтіре алмайды — үйлестіруші де, әзірлеушілер де. Ол жоғалса, осы қоймадағы деректер де жоғалады.</translation>
    </message>
    <message>
        <source>Too short: at least 8 characters.</source>
        <translation>Тым қысқа: кемінде 8 таңба керек.</translation>
    </message>
    <message>
        <source>Strength: weak</source>
        <translation>Сенімділігі: әлсіз</translation>
    </message>
    <message>
        <source>Strength: fair</source>
        <translation>Сенімділігі: орташа</translation>
    </message>
    <message>
        <source>Strength: strong</source>
        <translation>Сенімділігі: жоғары</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Екі құпия фраза сәйкес келмейді.</translation>
    </message>
</context>
<context>
    <name>PersonsModel</name>
    <message>
        <source>Name</source>
        <translation>Аты-жөні</translation>
    </message>
    <message>
        <source>Acts</source>
        <translation>Шаралар</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>About you</source>
        <translation>Сіз туралы</translation>
    </message>
    <message>
        <source>Shown to the coordinator with what you send. You may use a pseudonym.</source>
        <translation>Сіз жіберетін деректермен бірге үйлестірушіге көрсетіледі. Бүркеншік ат қолдануға болады.</translation>
    </message>
    <message>
        <source>Volunteer (field monitor)</source>
        <translation>Ерікті (жергілікті бақылаушы)</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Үйлестіруші</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Рөлі:</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>Көрсетілетін аты:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Қала:</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Date</source>
        <translation>Күні</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Қала</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Тұлғалар</translation>
    </message>
    <message>
        <source>Acts</source>
        <translation>Шаралар</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Баптар</translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation>Жаза</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>күні белгісіз</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock</source>
        <translation>Ашу</translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation>Алдымен құпия фразаны енгізіңіз.</translation>
    </message>
    <message>
        <source>That passphrase did not open the vault. Check the keyboard language and Caps Lock, and try again.</source>
        <translation>Бұл құпия фраза қойманы ашпады. Пернетақта тілін және Caps Lock пернесін тексеріп, қайта көріңіз.</translation>
    </message>
    <message>
        <source>The vault could not be opened ({kind}).</source>
        <translation>Қойма ашылмады ({kind}).</translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation>Қойма ашылуда…</translation>
    </message>
    <message>
        <source>Enter your passphrase to open the vault.</source>
        <translation>Қойманы ашу үшін құпия фразаны енгізіңіз.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Құпия фраза</translation>
    </message>
</context>
</TS>
