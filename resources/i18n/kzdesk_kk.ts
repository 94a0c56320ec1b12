<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About kzdesk</source>
        <translation>kzdesk туралы</translation>
    </message>
    <message>
        <source>Encrypted offline recording of political persecution for human-rights monitors.
Licence: GNU General Public License, version 3 or later. This program comes with no warranty; you may share and change it under the terms of that licence.</source>
        <translation>Құқық қорғаушы мониторларға арналған саяси қудалауды шифрланған түрде желісіз тіркеу.
Лицензия: GNU General Public License, 3-нұсқасы немесе одан кейінгі. Бағдарлама ешқандай кепілдіксіз беріледі; оны осы лицензия шарттарымен таратуға және өзгертуге болады.</translation>
    </message>
    <message>
        <source>Portable: everything is kept in {path}</source>
        <translation>Тасымалы режим: бәрі {path} ішінде сақталады</translation>
    </message>
    <message>
        <source>Installed: data in this computer&apos;s per-user folders</source>
        <translation>Орнатылған: деректер осы компьютердің пайдаланушы қалталарында</translation>
    </message>
    <message>
        <source>Fingerprint of this copy&apos;s files (compare with a trusted copy):</source>
        <translation>Осы көшірме файлдарының саусақ ізі (сенімді көшірмемен салыстырыңыз):</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>есептелуде…</translation>
    </message>
</context>
<context>
    <name>ActForm</name>
    <message>
        <source>tenge (₸)</source>
        <translation>теңге (₸)</translation>
    </message>
    <message>
        <source>MCI</source>
        <translation>АЕК</translation>
    </message>
    <message>
        <source>no appeal</source>
        <translation>шағымданылмаған</translation>
    </message>
    <message>
        <source>filed</source>
        <translation>шағым берілді</translation>
    </message>
    <message>
        <source>decision upheld</source>
        <translation>шешім күшінде қалдырылды</translation>
    </message>
    <message>
        <source>overturned</source>
        <translation>күші жойылды</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>өзгертілді</translation>
    </message>
    <message>
        <source>appeal rejected</source>
        <translation>шағым қабылданбады</translation>
    </message>
    <message>
        <source>not an amount</source>
        <translation>сома емес</translation>
    </message>
    <message>
        <source>= {kzt} ₸</source>
        <translation>= {kzt} ₸</translation>
    </message>
    <message>
        <source>date needed for ₸</source>
        <translation>₸ үшін күн керек</translation>
    </message>
    <message>
        <source>= {mci} MCI</source>
        <translation>= {mci} АЕК</translation>
    </message>
    <message>
        <source>Act:</source>
        <translation>Шара:</translation>
    </message>
    <message>
        <source>Legal basis:</source>
        <translation>Құқықтық негіз:</translation>
    </message>
    <message>
        <source>article, e.g. 488</source>
        <translation>бап, мысалы, 488</translation>
    </message>
    <message>
        <source>part</source>
        <translation>бөлік</translation>
    </message>
    <message>
        <source>Arrest, days:</source>
        <translation>Қамау, тәулік:</translation>
    </message>
    <message>
        <source>Fine:</source>
        <translation>Айыппұл:</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>сома</translation>
    </message>
    <message>
        <source>Sentence:</source>
        <translation>Жаза мерзімі:</translation>
    </message>
    <message>
        <source>years</source>
        <translation>жыл</translation>
    </message>
    <message>
        <source>months</source>
        <translation>ай</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>сағат</translation>
    </message>
    <message>
        <source>Authority:</source>
        <translation>Орган:</translation>
    </message>
    <message>
        <source>police unit, akimat, investigator</source>
        <translation>полиция бөлімі, әкімдік, тергеуші</translation>
    </message>
    <message>
        <source>Court:</source>
        <translation>Сот:</translation>
    </message>
    <message>
        <source>Judge:</source>
        <translation>Судья:</translation>
    </message>
    <message>
        <source>Case number:</source>
        <translation>Іс нөмірі:</translation>
    </message>
    <message>
        <source>Decision date:</source>
        <translation>Шешім күні:</translation>
    </message>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>КК.АА.ЖЖЖЖ</translation>
    </message>
    <message>
        <source>Appeal:</source>
        <translation>Шағымдану:</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>нәтижесі</translation>
    </message>
    <message>
        <source>Fine paid:</source>
        <translation>Айыппұл төленді:</translation>
    </message>
    <message>
        <source>paid by</source>
        <translation>кім төледі</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Ескертпе:</translation>
    </message>
</context>
<context>
    <name>ActsSideBySide</name>
    <message>
        <source>Recorded first</source>
        <translation>Алдымен жазылған</translation>
    </message>
    <message>
        <source>Recorded later</source>
        <translation>Кейін жазылған</translation>
    </message>
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
        <source>Legal basis</source>
        <translation>Құқықтық негіз</translation>
    </message>
    <message>
        <source>Sanction</source>
        <translation>Жаза</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Кім жазды</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <source>&amp;Export a bundle for the other coordinators…</source>
        <translation>Басқа үйлестірушілерге арналған &amp;пакетті экспорттау…</translation>
    </message>
    <message>
        <source>&amp;Export a bundle for the coordinator…</source>
        <translation>Ү&amp;йлестірушіге пакет шығару…</translation>
    </message>
    <message>
        <source>Import &amp;bundles…</source>
        <translation>&amp;Пакеттерді импорттау…</translation>
    </message>
    <message>
        <source>Import a &amp;folder of bundles…</source>
        <translation>Пакеттер &amp;қалтасын импорттау…</translation>
    </message>
    <message>
        <source>Export a bundle</source>
        <translation>Пакет шығару</translation>
    </message>
    <message>
        <source>Bundles (*.kzb)</source>
        <translation>Пакеттер (*.kzb)</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Пакеттерді импорттау</translation>
    </message>
    <message>
        <source>Import every bundle in a folder</source>
        <translation>Қалтадағы барлық пакетті импорттау</translation>
    </message>
    <message>
        <source>Bundle {seq} written: {n} records.</source>
        <translation>{seq}-пакет жазылды: жазбалар — {n}.</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>Пакет жазылуда…</translation>
    </message>
    <message>
        <source>The bundle was not written.</source>
        <translation>Пакет жазылмады.</translation>
    </message>
    <message>
        <source>There are no bundles (*.kzb) in this folder.</source>
        <translation>Бұл қалтада пакеттер (*.kzb) жоқ.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n bundle(s) not read.</source>
        <translation>
            <numerusform>Тоқтатылды: %n пакет оқылмады.</numerusform>
            <numerusform>Тоқтатылды: %n пакет оқылмады.</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing bundles…</source>
        <translation>Пакеттер импортталуда…</translation>
    </message>
    <message>
        <source>The bundles could not be imported.</source>
        <translation>Пакеттерді импорттау мүмкін болмады.</translation>
    </message>
</context>
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
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Person</source>
        <translation>Адам</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Оқиға</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Өріс</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Мәндер</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>No conflicts. When two vaults change the same field differently, the values wait here for you to choose.</source>
        <translation>Қайшылықтар жоқ. Екі қойма бір өрісті әртүрлі өзгерткенде, мәндер осында сіздің таңдауыңызды күтеді.</translation>
    </message>
    <message>
        <source>Keep which value?</source>
        <translation>Қай мәнді қалдыру керек?</translation>
    </message>
    <message>
        <source>&amp;Another value:</source>
        <translation>&amp;Басқа мән:</translation>
    </message>
    <message>
        <source>Type the value to keep</source>
        <translation>Қалдырылатын мәнді енгізіңіз</translation>
    </message>
    <message>
        <source>&amp;Resolve with this value</source>
        <translation>Осы мәнмен &amp;шешу</translation>
    </message>
    <message>
        <source>{field} — {about}</source>
        <translation>{field} — {about}</translation>
    </message>
    <message>
        <source>Type the value to keep, or choose one of the values.</source>
        <translation>Қалдырылатын мәнді енгізіңіз немесе мәндердің бірін таңдаңыз.</translation>
    </message>
    <message>
        <source>Resolving the conflict…</source>
        <translation>Қайшылық шешілуде…</translation>
    </message>
    <message>
        <source>The conflict was not resolved.</source>
        <translation>Қайшылық шешілмеді.</translation>
    </message>
</context>
<context>
    <name>ConsentActions</name>
    <message>
        <source>Set &amp;consent…</source>
        <translation>&amp;Келісімді орнату…</translation>
    </message>
    <message>
        <source>Select persons in the Persons tab, or events in the Records tab, then set their consent. Ctrl+click and Shift+click select several.</source>
        <translation>«Тұлғалар» қойындысында тұлғаларды немесе «Жазбалар» қойындысында оқиғаларды таңдап, олардың келісімін орнатыңыз. Бірнеше жолды Ctrl немесе Shift пернесін басып тұрып шерту арқылы таңдауға болады.</translation>
    </message>
    <message>
        <source>Reading the selection…</source>
        <translation>Таңдалған жазбалар оқылуда…</translation>
    </message>
    <message>
        <source>The consent was not changed.</source>
        <translation>Келісім өзгертілген жоқ.</translation>
    </message>
    <message>
        <source>Setting consent…</source>
        <translation>Келісім орнатылуда…</translation>
    </message>
    <message>
        <source>Consent set to {level}. Changed: persons {persons}, events {events}, acts {acts}.</source>
        <translation>Келісім: «{level}». Өзгертілді — тұлғалар: {persons}, оқиғалар: {events}, шаралар: {acts}.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Ештеңе өзгертілген жоқ.</translation>
    </message>
    <message>
        <source>Nothing to change: the selected records were already {level}.</source>
        <translation>Өзгертетін ештеңе жоқ: таңдалған жазбалардың деңгейі онсыз да «{level}».</translation>
    </message>
    <message>
        <source>Left as they are, because someone else created them: {count}. Only a coordinator decides about other people&apos;s records.</source>
        <translation>Оларды басқа адам жасағандықтан, өзгеріссіз қалдырылды: {count}. Басқалардың жазбалары туралы тек үйлестіруші шешеді.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>confidential</source>
        <translation>құпия</translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation>анонимді</translation>
    </message>
    <message>
        <source>public</source>
        <translation>ашық</translation>
    </message>
    <message>
        <source>Set consent</source>
        <translation>Келісімді орнату</translation>
    </message>
    <message>
        <source>Consent:</source>
        <translation>Келісім:</translation>
    </message>
    <message>
        <source>Set the consent of the selected persons to {level}?
Selected persons: {persons}.
Their events and acts keep their own levels (change those in the Records tab).</source>
        <translation>Таңдалған тұлғалардың келісімі «{level}» болып орнатылсын ба?
Таңдалған тұлғалар: {persons}.
Олардың оқиғалары мен шаралары өз деңгейлерін сақтайды (оларды «Жазбалар» қойындысында өзгертуге болады).</translation>
    </message>
    <message>
        <source>Set the consent of the selected events and of their acts to {level}?
Selected events: {events}. Their acts: {acts}.
The persons keep their own levels (change those in the Persons tab).</source>
        <translation>Таңдалған оқиғалар мен олардың шараларының келісімі «{level}» болып орнатылсын ба?
Таңдалған оқиғалар: {events}. Олардың шаралары: {acts}.
Тұлғалар өз деңгейлерін сақтайды (оларды «Тұлғалар» қойындысында өзгертуге болады).</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>from {format}</source>
        <translation>{format} бастап</translation>
    </message>
    <message>
        <source>to {format}</source>
        <translation>{format} дейін</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Көрсету</translation>
    </message>
    <message>
        <source>Statistics as &amp;PDF…</source>
        <translation>Статистика &amp;PDF түрінде…</translation>
    </message>
    <message>
        <source>Making the statistics report…</source>
        <translation>Статистикалық есеп жасалуда…</translation>
    </message>
    <message>
        <source>The report was cancelled. Press Show to make it again.</source>
        <translation>Есеп тоқтатылды. Қайта жасау үшін «Көрсету» түймесін басыңыз.</translation>
    </message>
    <message>
        <source>Acts: {acts} · persons affected: {persons} · days of arrest: {days} · fines: {fines} ₸</source>
        <translation>Шаралар: {acts} · зардап шеккендер: {persons} · қамау тәуліктері: {days} · айыппұлдар: {fines} ₸</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>Есепті дайындау мүмкін болмады.</translation>
    </message>
</context>
<context>
    <name>DoubleActsModel</name>
    <message>
        <source>Date</source>
        <translation>Күні</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Тұлға</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Шара</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Құқықтық негіз</translation>
    </message>
</context>
<context>
    <name>DuplicateActsView</name>
    <message>
        <source>Same &amp;act: count it once</source>
        <translation>Бір шара: бір рет &amp;есептеу</translation>
    </message>
    <message>
        <source>One act reported twice: the one recorded first is counted and listed</source>
        <translation>Бір шара туралы екі рет хабарланған: алдымен жазылғаны есептеледі және көрсетіледі</translation>
    </message>
    <message>
        <source>Different a&amp;cts</source>
        <translation>Әртүрлі &amp;шаралар</translation>
    </message>
    <message>
        <source>Two acts: both are counted</source>
        <translation>Екі шара: екеуі де есептеледі</translation>
    </message>
    <message>
        <source>No acts reported twice. When one person&apos;s act seems recorded twice (the same date, type and article), the two wait here for you to decide.</source>
        <translation>Екі рет хабарланған шаралар жоқ. Бір тұлғаның шарасы екі рет жазылған сияқты болса (күні, түрі және бабы бірдей), екеуі осында сіздің шешіміңізді күтеді.</translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message>
        <source>Score</source>
        <translation>Ұқсастық</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Тұлға</translation>
    </message>
    <message>
        <source>Probably the same as</source>
        <translation>Мүмкін, сол тұлға</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Неліктен</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Same person: &amp;link</source>
        <translation>Бір адам: &amp;байланыстыру</translation>
    </message>
    <message>
        <source>Keep both records and read them as one human</source>
        <translation>Екі жазбаны да қалдырып, оларды бір адам деп санау</translation>
    </message>
    <message>
        <source>Same person: &amp;merge into the left one</source>
        <translation>Бір адам: сол жақтағыға &amp;біріктіру</translation>
    </message>
    <message>
        <source>Move everything recorded about the right one to the left one</source>
        <translation>Оң жақтағы туралы жазылғанның бәрін сол жақтағыға көшіру</translation>
    </message>
    <message>
        <source>&amp;Different people</source>
        <translation>Ә&amp;ртүрлі адамдар</translation>
    </message>
    <message>
        <source>&amp;Persons</source>
        <translation>Т&amp;ұлғалар</translation>
    </message>
    <message>
        <source>Acts &amp;reported twice</source>
        <translation>Екі рет &amp;хабарланған шаралар</translation>
    </message>
    <message>
        <source>No probable duplicates. When the same person seems to be recorded twice under different spellings, the two records wait here for you to link, merge or mark as different people.</source>
        <translation>Ықтимал қайталанулар жоқ. Бір адам әртүрлі жазылуымен екі рет жазылған сияқты болса, екі жазба осында сіздің байланыстыруыңызды, біріктіруіңізді немесе әртүрлі адамдар деп белгілеуіңізді күтеді.</translation>
    </message>
    <message>
        <source>Looking for probable duplicates…</source>
        <translation>Ықтимал қайталанулар ізделуде…</translation>
    </message>
    <message>
        <source>The duplicates could not be looked for.</source>
        <translation>Қайталануларды іздеу мүмкін болмады.</translation>
    </message>
    <message>
        <source>The search for duplicates was cancelled. Open this tab again to look.</source>
        <translation>Қайталануларды іздеу тоқтатылды. Іздеу үшін бұл қойындыны қайта ашыңыз.</translation>
    </message>
    <message>
        <source>Merge “{right}” into “{left}”? Every act, source and attachment of the right one moves to the left one; the right record is closed but keeps its history.</source>
        <translation>«{right}» жазбасын «{left}» жазбасына біріктіру керек пе? Оң жақтағының барлық шаралары, дереккөздері мен тіркемелері сол жақтағыға көшеді; оң жақтағы жазба жабылады, бірақ оның тарихы сақталады.</translation>
    </message>
</context>
<context>
    <name>EraseAfterActions</name>
    <message>
        <source>Erase after &amp;wrong passphrases…</source>
        <translation>Қате құпия сөздерден к&amp;ейін өшіру…</translation>
    </message>
    <message>
        <source>Wrong passphrases no longer erase this vault.</source>
        <translation>Қате құпия сөздер бұдан былай бұл қойманы өшірмейді.</translation>
    </message>
    <message>
        <source>After {n} wrong passphrases in a row this vault erases itself.</source>
        <translation>Қатарынан {n} қате құпия сөзден кейін бұл қойма өзін өшіреді.</translation>
    </message>
</context>
<context>
    <name>EraseAfterDialog</name>
    <message>
        <source>When this is on, the vault erases itself for good after the chosen number of wrong passphrases in a row, exactly like the emergency erase. A forgotten passphrase, a child at the keyboard or anyone guessing can set it off, and anyone who copies the files first is not stopped by it. Turn it on only with a backup file and recovery shares kept elsewhere.</source>
        <translation>Бұл қосулы болса, таңдалған сандағы қатарынан қате құпия сөзден кейін қойма шұғыл өшірудегідей біржола өшіріледі. Мұны ұмытылған құпия сөз, пернетақтадағы бала немесе біреудің болжауы тудыруы мүмкін, ал алдымен файлдарды көшіріп алған адамды бұл тоқтатпайды. Сақтық көшірме файлы мен қалпына келтіру үлестері басқа жерде сақталса ғана қосыңыз.</translation>
    </message>
    <message>
        <source>Erase after this many wrong passphrases in a row:</source>
        <translation>Қатарынан осынша қате құпия сөзден кейін өшіру:</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>exact day</source>
        <translation>нақты күн</translation>
    </message>
    <message>
        <source>month</source>
        <translation>ай</translation>
    </message>
    <message>
        <source>year</source>
        <translation>жыл</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>белгісіз</translation>
    </message>
    <message>
        <source>confidential</source>
        <translation>құпия</translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation>анонимді</translation>
    </message>
    <message>
        <source>public</source>
        <translation>ашық</translation>
    </message>
    <message>
        <source>news</source>
        <translation>жаңалық</translation>
    </message>
    <message>
        <source>post</source>
        <translation>пост</translation>
    </message>
    <message>
        <source>court record</source>
        <translation>сот құжаты</translation>
    </message>
    <message>
        <source>victim testimony</source>
        <translation>жәбірленушінің айғағы</translation>
    </message>
    <message>
        <source>witness</source>
        <translation>куә</translation>
    </message>
    <message>
        <source>official document</source>
        <translation>ресми құжат</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>фото</translation>
    </message>
    <message>
        <source>video</source>
        <translation>бейне</translation>
    </message>
    <message>
        <source>other</source>
        <translation>басқа</translation>
    </message>
    <message>
        <source>reliability unknown</source>
        <translation>сенімділігі белгісіз</translation>
    </message>
    <message>
        <source>high</source>
        <translation>жоғары</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>орташа</translation>
    </message>
    <message>
        <source>low</source>
        <translation>төмен</translation>
    </message>
    <message>
        <source>{name} ({acts} acts recorded)</source>
        <translation>{name} (тіркелген шаралар: {acts})</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} тәулік</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Файл тіркеу</translation>
    </message>
    <message>
        <source>The file is larger than 200 MB.</source>
        <translation>Файл 200 МБ-тан үлкен.</translation>
    </message>
    <message>
        <source>Not saved yet — please correct:</source>
        <translation>Әзірге сақталмады — мыналарды түзетіңіз:</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сақталуда…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Күні</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Тұлғалар</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Дереккөз</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Аты-жөні</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Шара</translation>
    </message>
    <message>
        <source>Arrest, days</source>
        <translation>Қамау, тәулік</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>Айыппұл</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Бап</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Бөлік</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Мекенжай</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Шешім күні</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>Жыл</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Ай</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Сағат</translation>
    </message>
    <message>
        <source>Retrieved</source>
        <translation>Алынған күні</translation>
    </message>
    <message>
        <source>Saved. This record was changed elsewhere while you edited it (a bundle, another window or the command line); your changes were combined with those changes.</source>
        <translation>Сақталды. Сіз бұл жазбаны өңдеп отырғанда, ол басқа жерде өзгертілді (пакет, басқа терезе немесе командалық жол); сіздің өзгерістеріңіз сол өзгерістермен біріктірілді.</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) were changed differently on both sides: both values are kept in the Conflicts tab until someone chooses one.</source>
        <translation>
            <numerusform>%n өріс екі жақта әртүрлі өзгертілді: біреуі таңдалғанша екі мән де «Қайшылықтар» қойындысында сақталады.</numerusform>
            <numerusform>%n өріс екі жақта әртүрлі өзгертілді: біреуі таңдалғанша екі мән де «Қайшылықтар» қойындысында сақталады.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Сақталмады: {reason}</translation>
    </message>
    <message>
        <source>This record has unsaved changes.</source>
        <translation>Бұл жазбада сақталмаған өзгерістер бар.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сақтау</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>Жоба ретінде қалдыру</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Сақтамау</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Оралу</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Оқиға</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Күні:</translation>
    </message>
    <message>
        <source>DD.MM.YYYY, MM.YYYY or YYYY</source>
        <translation>КК.АА.ЖЖЖЖ, АА.ЖЖЖЖ немесе ЖЖЖЖ</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Қала:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>Орны:</translation>
    </message>
    <message>
        <source>street, building, village</source>
        <translation>көше, үй, ауыл</translation>
    </message>
    <message>
        <source>Occasion:</source>
        <translation>Себебі:</translation>
    </message>
    <message>
        <source>rally, single picket, post…</source>
        <translation>митинг, жеке пикет, пост…</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Сипаттама:</translation>
    </message>
    <message>
        <source>Confidentiality:</source>
        <translation>Құпиялылық:</translation>
    </message>
    <message>
        <source>name, any spelling — Enter adds</source>
        <translation>аты-жөні, кез келген жазылуымен — Enter қосады</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Тұлға қосу</translation>
    </message>
    <message>
        <source>Consent:</source>
        <translation>Келісім:</translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation>Тұлғаны алып тастау</translation>
    </message>
    <message>
        <source>Acts against the selected person</source>
        <translation>Таңдалған тұлғаға қатысты шаралар</translation>
    </message>
    <message>
        <source>Add act</source>
        <translation>Шара қосу</translation>
    </message>
    <message>
        <source>Remove act</source>
        <translation>Шараны алып тастау</translation>
    </message>
    <message>
        <source>Sources and evidence</source>
        <translation>Дереккөздер мен тіркемелер</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Add source</source>
        <translation>Дереккөз қосу</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Файл тіркеу…</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Restore from a backup file…</source>
        <translation>Сақтық көшірмеден қалпына келтіру…</translation>
    </message>
    <message>
        <source>Choose another passphrase: with your name and city it is too easy to guess.</source>
        <translation>Басқа құпия фраза таңдаңыз: атыңыз бен қалаңызбен оны табу тым оңай.</translation>
    </message>
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
    <name>GuideActions</name>
    <message>
        <source>&amp;User guide (PDF)</source>
        <translation>&amp;Пайдаланушы нұсқаулығы (PDF)</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation.</source>
        <translation>Бұл орнатуда пайдаланушы нұсқаулығы жоқ.</translation>
    </message>
    <message>
        <source>No program to show PDF files was found. The guide is here: {path}</source>
        <translation>PDF файлдарын көрсететін бағдарлама табылмады. Нұсқаулық мына жерде: {path}</translation>
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
        <source>Conflicts</source>
        <translation>Қайшылықтар</translation>
    </message>
    <message>
        <source>Probable duplicates</source>
        <translation>Ықтимал қайталанулар</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <source>&amp;Print case summary…</source>
        <translation>Іс бойынша жиынтықты &amp;басып шығару…</translation>
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
        <source>&amp;Help</source>
        <translation>&amp;Анықтама</translation>
    </message>
    <message>
        <source>&amp;About kzdesk</source>
        <translation>kzdesk &amp;туралы</translation>
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
        <source>&amp;New record</source>
        <translation>&amp;Жаңа жазба</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <source>Lock when idle…</source>
        <translation>Әрекетсіз кезде құлыптау…</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes (0: never):</source>
        <translation>Осынша минут әрекетсіз болса құлыптау (0 — ешқашан):</translation>
    </message>
    <message numerus="yes">
        <source>more than %n record(s)</source>
        <translation>
            <numerusform>%n жазбадан көп</numerusform>
            <numerusform>%n жазбадан көп</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n жазба</numerusform>
            <numerusform>%n жазба</numerusform>
        </translation>
    </message>
    <message>
        <source>No record matches the search and the filters.</source>
        <translation>Іздеу мен сүзгілерге сай келетін жазба жоқ.</translation>
    </message>
    <message>
        <source>No records yet. Record an event with File → New record (Ctrl+N), or import a spreadsheet from the File menu.</source>
        <translation>Әзірге жазбалар жоқ. Оқиғаны жазыңыз: Файл → Жаңа жазба (Ctrl+N) немесе «Файл» мәзірінен кестені импорттаңыз.</translation>
    </message>
    <message>
        <source>The record could not be opened.</source>
        <translation>Жазбаны ашу мүмкін болмады.</translation>
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
        <source>The decision was not stored.</source>
        <translation>Шешім сақталмады.</translation>
    </message>
</context>
<context>
    <name>MenuActions</name>
    <message>
        <source>The operation failed.</source>
        <translation>Әрекет сәтсіз аяқталды.</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Cancel</source>
        <translation>Бас тарту</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Тоқтатылды.</translation>
    </message>
</context>
<context>
    <name>PassphraseChangeActions</name>
    <message>
        <source>&amp;Change passphrase…</source>
        <translation>Құпия &amp;фразаны ауыстыру…</translation>
    </message>
    <message>
        <source>The passphrase was changed. Backup files and recovery shares made before still work: backup files with the old passphrase.</source>
        <translation>Құпия фраза өзгертілді. Бұрын жасалған резервтік көшірме файлдары мен қалпына келтіру үлестері әлі де жарамды: резервтік көшірме файлдары — ескі құпия фразамен.</translation>
    </message>
    <message>
        <source>The passphrase and the data key were changed: the vault and its copies in the vault folder are now encrypted under a new key. Recovery shares made before no longer open this vault: make new ones now and destroy the old ones. Backup files made before still open with the old passphrase: delete them, or keep them as safe as that passphrase.</source>
        <translation>Құпия фраза мен деректер кілті өзгертілді: қойма мен оның қойма қалтасындағы көшірмелері енді жаңа кілтпен шифрланған. Бұрын жасалған қалпына келтіру үлестері бұл қойманы енді ашпайды: қазір жаңаларын жасап, ескілерін жойыңыз. Бұрын жасалған резервтік көшірме файлдары әлі де ескі құпия фразамен ашылады: оларды өшіріңіз немесе сол фраза сияқты мұқият сақтаңыз.</translation>
    </message>
    <message>
        <source>Make new recovery shares</source>
        <translation>Жаңа қалпына келтіру үлестерін жасау</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Кейінірек</translation>
    </message>
</context>
<context>
    <name>PassphraseChangeDialog</name>
    <message>
        <source>Type the new passphrase twice. From then on only the new passphrase opens this vault.</source>
        <translation>Жаңа құпия фразаны екі рет енгізіңіз. Осыдан кейін бұл қойманы тек жаңа фраза ашады.</translation>
    </message>
    <message>
        <source>Also change the data key and re-encrypt the vault</source>
        <translation>Деректер кілтін де ауыстырып, қойманы қайта шифрлау</translation>
    </message>
    <message>
        <source>Recommended if you were made to reveal the passphrase: old copies of vault.json and old recovery shares then open nothing, but backup files made before still open with the old passphrase.</source>
        <translation>Құпия фразаны айтуға мәжбүрленсеңіз, ұсынылады: сонда vault.json-ның ескі көшірмелері мен ескі қалпына келтіру үлестері ештеңе ашпайды, бірақ бұрын жасалған резервтік көшірме файлдары әлі де ескі фразамен ашылады.</translation>
    </message>
    <message>
        <source>Re-encrypting the vault under a new key…</source>
        <translation>Қойма жаңа кілтпен қайта шифрлануда…</translation>
    </message>
    <message>
        <source>Setting the new passphrase…</source>
        <translation>Жаңа құпия фраза орнатылуда…</translation>
    </message>
    <message>
        <source>Nothing was changed ({kind}): the old passphrase still opens the vault.</source>
        <translation>Ештеңе өзгертілген жоқ ({kind}): қойма әлі де ескі құпия фразамен ашылады.</translation>
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
        <source>Nobody can recover a lost passphrase — not the coordinator, not the developers. If it is lost and there are no recovery shares, the data in this vault is lost.</source>
        <translation>Жоғалған құпия фразаны ешкім қалпына келтіре алмайды — үйлестіруші де, әзірлеушілер де. Ол жоғалса және қалпына келтіру үлестері болмаса, осы қоймадағы деректер де жоғалады.</translation>
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
    <name>PersonsTab</name>
    <message>
        <source>Find a person, any spelling</source>
        <translation>Тұлғаны іздеу (кез келген жазылуымен)</translation>
    </message>
    <message>
        <source>Making the case summary…</source>
        <translation>Іс бойынша жиынтық жасалуда…</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>Есепті дайындау мүмкін болмады.</translation>
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
    <name>ProposalsDialog</name>
    <message>
        <source>Statuses proposed from acts</source>
        <translation>Шаралар бойынша ұсынылған мәртебелер</translation>
    </message>
    <message>
        <source>Check the statuses to record (Space checks or unchecks one):</source>
        <translation>Жазылатын мәртебелерді белгілеңіз (бос орын пернесі белгі қояды немесе алады):</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>Қайда қ&amp;арау:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Файлдар &amp;түрі:</translation>
    </message>
</context>
<context>
    <name>ReceiptActions</name>
    <message>
        <source>Write a recei&amp;pt for a volunteer…</source>
        <translation>Еріктіге &amp;қолхат жазу…</translation>
    </message>
    <message>
        <source>Erase what the coordinator confirmed &amp;receiving…</source>
        <translation>Үйлестіруші &amp;растағанды өшіру…</translation>
    </message>
    <message>
        <source>No volunteer is trusted in this vault yet.</source>
        <translation>Бұл қоймада әзірге сенімді ерікті жоқ.</translation>
    </message>
    <message>
        <source>Receipt for which volunteer?</source>
        <translation>Қай еріктіге қолхат?</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Қолхатты сақтау</translation>
    </message>
    <message>
        <source>Receipts (*.kzr)</source>
        <translation>Қолхаттар (*.kzr)</translation>
    </message>
    <message>
        <source>The receipt was written.</source>
        <translation>Қолхат жазылды.</translation>
    </message>
    <message>
        <source>Open the coordinator&apos;s receipt</source>
        <translation>Үйлестірушінің қолхатын ашу</translation>
    </message>
    <message>
        <source>Receipts (*.kzr);;All files (*)</source>
        <translation>Қолхаттар (*.kzr);;Барлық файлдар (*)</translation>
    </message>
    <message>
        <source>The receipt is genuine, but nothing on this computer is covered by it.</source>
        <translation>Қолхат шынайы, бірақ бұл компьютерде ол растайтын жазба жоқ.</translation>
    </message>
    <message>
        <source>The coordinator confirmed receiving {count} records. Erase them from this computer for good? This cannot be undone.</source>
        <translation>Үйлестіруші {count} жазбаны алғанын растады. Оларды бұл компьютерден біржола өшіру керек пе? Мұны қайтаруға болмайды.</translation>
    </message>
    <message>
        <source>{count} records were erased from this computer.</source>
        <translation>Бұл компьютерден өшірілген жазбалар: {count}.</translation>
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
</context>
<context>
    <name>RecordsTab</name>
    <message>
        <source>Search: name, place, article… (Ctrl+F)</source>
        <translation>Іздеу: есім, орын, бап… (Ctrl+F)</translation>
    </message>
    <message>
        <source>from {format}</source>
        <translation>{format} бастап</translation>
    </message>
    <message>
        <source>to {format}</source>
        <translation>{format} дейін</translation>
    </message>
    <message>
        <source>article, e.g. 488.7</source>
        <translation>бап, мысалы 488.7</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an article (e.g. 488, 488.7 or 488 ч. 7)</source>
        <translation>&apos;{value}&apos; — бап емес (мысалы 488, 488.7 не 488-бап 7-бөлік)</translation>
    </message>
    <message>
        <source>any city</source>
        <translation>кез келген қала</translation>
    </message>
    <message>
        <source>any act</source>
        <translation>кез келген шара</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Forgot the passphrase? Two of the three recovery shares open the vault again. Type the words of two different shares (in order, separated by spaces), or load the text files kzdesk wrote.</source>
        <translation>Құпия фразаны ұмыттыңыз ба? Үш қалпына келтіру үлесінің екеуі қойманы қайта ашады. Екі түрлі үлестің сөздерін (ретімен, бос орын арқылы) теріңіз немесе kzdesk жазған мәтіндік файлдарды жүктеңіз.</translation>
    </message>
    <message>
        <source>Share {n}:</source>
        <translation>{n}-үлес:</translation>
    </message>
    <message>
        <source>Load from a file…</source>
        <translation>Файлдан жүктеу…</translation>
    </message>
    <message>
        <source>The shares fit: the vault is open. Choose a new passphrase and type it twice. The recovery shares stay valid.</source>
        <translation>Үлестер сәйкес келді: қойма ашық. Жаңа құпия фраза ойлап тауып, оны екі рет теріңіз. Қалпына келтіру үлестері жарамды болып қалады.</translation>
    </message>
    <message>
        <source>Load a recovery share</source>
        <translation>Қалпына келтіру үлесін жүктеу</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Мәтіндік файлдар (*.txt);;Барлық файлдар (*)</translation>
    </message>
    <message>
        <source>{path} does not hold a recovery share.</source>
        <translation>{path} файлында қалпына келтіру үлесі жоқ.</translation>
    </message>
    <message>
        <source>Checking the shares…</source>
        <translation>Үлестер тексерілуде…</translation>
    </message>
    <message>
        <source>Setting the new passphrase…</source>
        <translation>Жаңа құпия фраза орнатылуда…</translation>
    </message>
    <message>
        <source>That did not work ({kind}). Nothing was changed.</source>
        <translation>Сәтсіз аяқталды ({kind}). Ештеңе өзгертілмеді.</translation>
    </message>
    <message>
        <source>&amp;Check the shares</source>
        <translation>Үлестерді &amp;тексеру</translation>
    </message>
    <message>
        <source>&amp;Set the new passphrase</source>
        <translation>Жаңа құпия фразаны &amp;орнату</translation>
    </message>
</context>
<context>
    <name>RecoveryOfferPage</name>
    <message>
        <source>Recovery shares (optional)</source>
        <translation>Қалпына келтіру үлестері (қалауыңыз бойынша)</translation>
    </message>
    <message>
        <source>A way back in if the passphrase is ever forgotten.</source>
        <translation>Құпия фраза ұмытылса, қайта кірудің жолы.</translation>
    </message>
    <message>
        <source>kzdesk can split the vault&apos;s key into three recovery shares to write down or print. Any two of them open the vault without the passphrase; one alone reveals nothing. Give them to different people you trust.

You can also make them later: File → Recovery shares…</source>
        <translation>kzdesk қойма кілтін жазып алуға немесе басып шығаруға болатын үш қалпына келтіру үлесіне бөле алады. Кез келген екеуі қойманы құпия фразасыз ашады; біреуі ештеңе ашпайды. Оларды сенетін әртүрлі адамдарға беріңіз.

Оларды кейін де жасауға болады: Файл → Қалпына келтіру үлестері…</translation>
    </message>
    <message>
        <source>Show my recovery shares as soon as the vault is ready</source>
        <translation>Қойма дайын болған соң қалпына келтіру үлестерімді көрсету</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <source>Preview. The saved PDF will not be encrypted: anyone who gets the file can read it. Save it only where the case files are kept safe.</source>
        <translation>Алдын ала қарау. Сақталған PDF шифрланбайды: файл кімнің қолына түссе, сол оқи алады. Оны тек іс материалдары қауіпсіз сақталатын жерге сақтаңыз.</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>PDF ретінде &amp;сақтау…</translation>
    </message>
    <message>
        <source>&amp;Archival PDF (PDF/A-2b), for a court&apos;s records</source>
        <translation>&amp;Мұрағаттық PDF (PDF/A-2b) — сот материалдары үшін</translation>
    </message>
    <message>
        <source>The same pages, in the form courts and archives keep for decades: it describes itself and looks the same in any reader.</source>
        <translation>Сол беттер, соттар мен мұрағаттар ондаған жыл сақтайтын түрде: файл өзін сипаттайды және кез келген бағдарламада бірдей көрінеді.</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Есепті сақтау</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF файлдары (*.pdf)</translation>
    </message>
    <message>
        <source>Saved. The file is not encrypted.</source>
        <translation>Сақталды. Файл шифрланбаған.</translation>
    </message>
    <message>
        <source>The report was not saved.</source>
        <translation>Есеп сақталмады.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Bring back a vault from a backup file (made with File → Back up to a file). It opens with the passphrase that was in use when the backup was taken.</source>
        <translation>Қойманы сақтық көшірме файлынан қайтару (Файл → Файлға сақтық көшірме арқылы жасалған). Ол көшірме жасалған кездегі құпия фразамен ашылады.</translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation>Сақтық көшірме файлы:</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Таңдау…</translation>
    </message>
    <message>
        <source>Its passphrase:</source>
        <translation>Оның құпия фразасы:</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Қалпына келтіру</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>Сақтық көшірмеден қалпына келтіру</translation>
    </message>
    <message>
        <source>kzdesk backups (*.kzbackup *.zip);;All files (*)</source>
        <translation>kzdesk сақтық көшірмелері (*.kzbackup *.zip);;Барлық файлдар (*)</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation>Алдымен сақтық көшірме файлын таңдаңыз.</translation>
    </message>
    <message>
        <source>Type the backup&apos;s passphrase first.</source>
        <translation>Алдымен сақтық көшірменің құпия фразасын теріңіз.</translation>
    </message>
    <message>
        <source>Restoring and checking the vault…</source>
        <translation>Қойма қалпына келтіріліп, тексерілуде…</translation>
    </message>
    <message>
        <source>That passphrase did not open the backup. It needs the passphrase that was in use when the backup was taken. Nothing was restored.</source>
        <translation>Бұл құпия фраза сақтық көшірмені ашпады. Көшірме жасалған кездегі құпия фраза қажет. Ештеңе қалпына келтірілмеді.</translation>
    </message>
    <message>
        <source>The backup could not be restored ({kind}). Nothing was restored.</source>
        <translation>Сақтық көшірмені қалпына келтіру мүмкін болмады ({kind}). Ештеңе қалпына келтірілмеді.</translation>
    </message>
</context>
<context>
    <name>SafetyActions</name>
    <message>
        <source>Bac&amp;k up to a file…</source>
        <translation>Файлға сақтық &amp;көшірме…</translation>
    </message>
    <message>
        <source>Emer&amp;gency erase…</source>
        <translation>Шұғыл ө&amp;шіру…</translation>
    </message>
    <message>
        <source>Recovery &amp;shares…</source>
        <translation>Қалпына келтіру &amp;үлестері…</translation>
    </message>
    <message>
        <source>Back up the vault</source>
        <translation>Қойманың сақтық көшірмесі</translation>
    </message>
    <message>
        <source>kzdesk backups (*.kzbackup)</source>
        <translation>kzdesk сақтық көшірмелері (*.kzbackup)</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>Сақтық көшірме жасалуда…</translation>
    </message>
    <message>
        <source>The backup was written. Keep it away from this computer.</source>
        <translation>Сақтық көшірме жазылды. Оны бұл компьютерден бөлек сақтаңыз.</translation>
    </message>
    <message>
        <source>The backup was not written.</source>
        <translation>Сақтық көшірме жазылмады.</translation>
    </message>
    <message>
        <source>The backup was cancelled; no file was written.</source>
        <translation>Сақтық көшірме жасау тоқтатылды, файл жазылмады.</translation>
    </message>
    <message>
        <source>No backup of this vault has been made yet: File → Back up to a file.</source>
        <translation>Бұл қойманың сақтық көшірмесі әлі жасалмаған: Файл → Файлға сақтық көшірме.</translation>
    </message>
    <message>
        <source>The last backup is from {date}: make a new one (File → Back up to a file).</source>
        <translation>Соңғы сақтық көшірме {date} жасалған: жаңасын жасаңыз (Файл → Файлға сақтық көшірме).</translation>
    </message>
    <message>
        <source>Erase this vault for good? Everything in it becomes unreadable at once, for you too. Only a backup file kept elsewhere can bring it back.</source>
        <translation>Бұл қойманы біржола өшіру керек пе? Ондағы барлық дерек бірден оқылмайтын болады, сіз үшін де. Оны тек басқа жерде сақталған сақтық көшірме ғана қайтара алады.</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Біржола өшіру</translation>
    </message>
    <message>
        <source>Erasing the vault: overwriting every copy…</source>
        <translation>Қойма өшірілуде: барлық көшірмелер қайта жазылуда…</translation>
    </message>
</context>
<context>
    <name>SharesDialog</name>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Артқа</translation>
    </message>
    <message>
        <source>&amp;Next share</source>
        <translation>&amp;Келесі үлес</translation>
    </message>
    <message>
        <source>&amp;Show the shares</source>
        <translation>Үлестерді &amp;көрсету</translation>
    </message>
    <message>
        <source>&amp;Save as PDF to print…</source>
        <translation>Басып шығару үшін PDF ретінде &amp;сақтау…</translation>
    </message>
    <message>
        <source>A saved PDF is not encrypted: send it straight to a printer, or to a USB stick kept apart from this computer and from the other shares, then delete it here.</source>
        <translation>Сақталған PDF шифрланбаған: оны бірден принтерге немесе осы компьютерден және басқа үлестерден бөлек сақталатын USB жинақтауышқа жіберіп, содан кейін мұнда өшіріңіз.</translation>
    </message>
    <message>
        <source>Recovery shares</source>
        <translation>Қалпына келтіру үлестері</translation>
    </message>
    <message>
        <source>Recovery shares open this vault if the passphrase is ever forgotten. kzdesk splits the vault&apos;s key into three shares of 33 words: any two of them open the vault, one alone reveals nothing.

Write each share on paper, or save it as a PDF to print, and give the three to different people you trust, or keep them in different places — never with this computer. Anyone who has two shares and a copy of the vault can read it.

These three belong together. Shares made at another time are a different set: they do not combine with these, though each set keeps working on its own.</source>
        <translation>Құпия фраза ұмытылса, қалпына келтіру үлестері бұл қойманы ашады. kzdesk қойма кілтін 33 сөзден тұратын үш үлеске бөледі: кез келген екеуі қойманы ашады, біреуі ештеңе ашпайды.

Әр үлесті қағазға жазыңыз немесе басып шығару үшін PDF ретінде сақтаңыз да, үшеуін сенетін әртүрлі адамдарға беріңіз немесе әртүрлі жерлерде сақтаңыз — бірақ ешқашан осы компьютермен бірге емес. Екі үлесі және қойманың көшірмесі бар адам оны оқи алады.

Бұл үшеуі бір жиынтық. Басқа уақытта жасалған үлестер — басқа жиынтық: олар бұлармен үйлеспейді, бірақ әр жиынтық өз алдына жұмыс істей береді.</translation>
    </message>
    <message>
        <source>Share {n} of {count}</source>
        <translation>{count} үлестің {n}-і</translation>
    </message>
    <message>
        <source>Copy the words in order, numbers included, or save this share as a PDF. Then give it to one person, or keep it in one place.</source>
        <translation>Сөздерді нөмірлерімен бірге ретімен көшіріп жазыңыз немесе бұл үлесті PDF ретінде сақтаңыз. Содан кейін оны бір адамға беріңіз немесе бір жерде сақтаңыз.</translation>
    </message>
    <message>
        <source>The same words as a QR code</source>
        <translation>Сол сөздер QR-код түрінде</translation>
    </message>
    <message>
        <source>Save share {n} as PDF</source>
        <translation>{n}-үлесті PDF ретінде сақтау</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF файлдары (*.pdf)</translation>
    </message>
    <message>
        <source>Share {n} was saved. The file is not encrypted: print it or move it to its own USB stick now, then delete it from this computer.</source>
        <translation>{n}-үлес сақталды. Файл шифрланбаған: оны қазір басып шығарыңыз немесе жеке USB жинақтауышқа көшіріңіз, содан кейін осы компьютерден өшіріңіз.</translation>
    </message>
    <message>
        <source>The share was not saved.</source>
        <translation>Үлес сақталмады.</translation>
    </message>
</context>
<context>
    <name>SpreadsheetActions</name>
    <message>
        <source>Import spreadsheet</source>
        <translation>Кестені импорттау</translation>
    </message>
    <message>
        <source>&amp;Import spreadsheet (Excel, CSV)…</source>
        <translation>&amp;Кестені импорттау (Excel, CSV)…</translation>
    </message>
    <message>
        <source>Save a spreadsheet &amp;template…</source>
        <translation>Кесте &amp;үлгісін сақтау…</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt)</source>
        <translation>Кестелер (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Imported {rows} rows: {events} events, {acts} acts.</source>
        <translation>Импортталған жолдар: {rows}. Оқиғалар: {events}, шаралар: {acts}.</translation>
    </message>
    <message>
        <source>In the window: select them in the Persons tab, then Edit → Set consent…</source>
        <translation>Бағдарлама терезесінде: оларды «Тұлғалар» қойындысында таңдап, Өңдеу → Келісімді орнату… пәрменін таңдаңыз.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Импортталуда…</translation>
    </message>
    <message>
        <source>The spreadsheet was not imported.</source>
        <translation>Кесте импортталмады.</translation>
    </message>
    <message>
        <source>Save a spreadsheet template</source>
        <translation>Кесте үлгісін сақтау</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel кітабы (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>The template was saved to {path}. Fill in one row per act, then import it with File → Import spreadsheet.</source>
        <translation>Үлгі {path} файлына сақталды. Әр шараға бір жол толтырыңыз, содан кейін оны импорттаңыз: Файл → Кестені импорттау.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сақталуда…</translation>
    </message>
    <message>
        <source>The template was not saved.</source>
        <translation>Үлгі сақталмады.</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Set status</source>
        <translation>Мәртебе белгілеу</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>Адам:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Мәртебе:</translation>
    </message>
    <message>
        <source>&amp;From (date):</source>
        <translation>&amp;Басталған күні:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Себебі:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>Е&amp;скертпе:</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(көрсетілмеген)</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Set s&amp;tatus…</source>
        <translation>Мә&amp;ртебе белгілеу…</translation>
    </message>
    <message>
        <source>Statuses p&amp;roposed from acts…</source>
        <translation>Шаралар бойынша ұ&amp;сынылған мәртебелер…</translation>
    </message>
    <message>
        <source>Set status…</source>
        <translation>Мәртебе белгілеу…</translation>
    </message>
    <message>
        <source>Proposed from acts…</source>
        <translation>Шаралар бойынша ұсынылғандар…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Басталуы</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Мәртебе</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Себебі</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ескертпе</translation>
    </message>
    <message>
        <source>Status today: {status} (since {date})</source>
        <translation>Бүгінгі мәртебе: {status} ({date} бастап)</translation>
    </message>
    <message>
        <source>No status in force today.</source>
        <translation>Бүгінге мәртебе белгіленбеген.</translation>
    </message>
    <message>
        <source>Setting the status…</source>
        <translation>Мәртебе жазылуда…</translation>
    </message>
    <message>
        <source>The status was not set.</source>
        <translation>Мәртебе жазылмады.</translation>
    </message>
    <message>
        <source>Reading the acts…</source>
        <translation>Шаралар оқылуда…</translation>
    </message>
    <message>
        <source>The proposals could not be read.</source>
        <translation>Ұсыныстарды оқу мүмкін болмады.</translation>
    </message>
    <message>
        <source>Nothing to propose: every status the acts imply is recorded.</source>
        <translation>Ұсынатын ештеңе жоқ: шаралардан шығатын барлық мәртебе жазылған.</translation>
    </message>
    <message numerus="yes">
        <source>%n status(es) recorded.</source>
        <translation>
            <numerusform>%n мәртебе жазылды.</numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock</source>
        <translation>Ашу</translation>
    </message>
    <message>
        <source>Forgot the passphrase?</source>
        <translation>Құпия фразаны ұмыттыңыз ба?</translation>
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
        <source>The vault database is damaged. Nothing was opened or written. The backup copy from {date} can be put back: changes made after it will be missing, and the damaged file is kept aside.</source>
        <translation>Қойма дерекқоры зақымдалған. Ештеңе ашылған жоқ және жазылған жоқ. {date} күнгі сақтық көшірмені қайтаруға болады: одан кейінгі өзгерістер болмайды, ал зақымдалған файл бөлек сақталады.</translation>
    </message>
    <message>
        <source>Put back the backup copy</source>
        <translation>Сақтық көшірмені қайтару</translation>
    </message>
    <message>
        <source>The vault database is damaged. Nothing was opened or written. Choose a backup file of this vault to put back; the damaged file is kept aside.</source>
        <translation>Қойма дерекқоры зақымдалған. Ештеңе ашылған жоқ және жазылған жоқ. Қайтару үшін осы қойманың сақтық көшірме файлын таңдаңыз; зақымдалған файл бөлек сақталады.</translation>
    </message>
    <message>
        <source>Choose a backup file…</source>
        <translation>Сақтық көшірме файлын таңдау…</translation>
    </message>
    <message>
        <source>Backup file of this vault</source>
        <translation>Осы қойманың сақтық көшірме файлы</translation>
    </message>
    <message>
        <source>Putting back the backup…</source>
        <translation>Сақтық көшірме қайтарылуда…</translation>
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
