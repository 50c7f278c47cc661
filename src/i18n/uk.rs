//! Українські повідомлення.

use super::Msg;
use crate::record::Kind;

/// The kind of record, as the object of a sentence ("посилається на дитину").
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Child => "дитину",
        Kind::Mentor => "наставника",
        Kind::Institution => "заклад",
        Kind::Agreement => "договір",
    }
}

pub fn text(msg: &Msg) -> String {
    use Msg::*;
    match msg {
        // --- registry and records (check) ---
        TomlSyntax { detail } => format!("синтаксична помилка TOML: {detail}"),
        UnknownKey { key, suggestion: Some(s) } => format!("невідомий ключ `{key}`; можливо, `{s}`?"),
        UnknownKey { key, suggestion: None } => format!("невідомий ключ `{key}`"),
        MissingKey { key } => format!("бракує обов'язкового ключа `{key}`"),
        BadValue { detail } => format!("неправильне значення: {detail}"),
        BadEnumValue { value, expected } => format!("`{value}` тут не допускається; можливі значення: {expected}"),
        BadDate { detail } => format!("неправильна дата: {detail}"),
        IdMismatch { id, stem } => format!("id `{id}` не збігається з назвою файлу `{stem}.toml`; вони мають бути однакові"),
        InvalidId { id } => format!("`{id}` — неприпустимий ID: лише малі латинські літери, цифри та `-`, до 64 знаків, напр. `c-0001`"),
        InvalidFileName { name } => format!("`{name}` — неприпустима назва файлу запису: очікується `<id>.toml` з правильним ID"),
        UnknownReference { field, id, kind } => format!("`{field}` посилається на {} `{id}`, якого немає в реєстрі", kind_name(*kind)),
        DuplicatePerson { other } => format!("те саме прізвище, ім'я та дата народження, що й у {other}: особу внесено двічі?"),
        DuplicateId { other } => format!("цей ID уже має {other}; ID мають бути унікальні в усьому реєстрі"),
        DateOrder { later, later_date, earlier, earlier_date } => {
            format!("`{later}` ({later_date}) раніше, ніж `{earlier}` ({earlier_date})")
        }
        DateInFuture { field, date } => format!("`{field}` ({date}) — дата в майбутньому"),
        ContactBeforeSigning { date, signed_on } => {
            format!("контакт {date} раніше підписання договору ({signed_on})")
        }
        ContactOutsideAgreement { date } => format!("контакт {date}, але договір не підписано"),
        SeveralOpenAgreements { child, others } => {
            format!("дитина `{child}` має більше одного чинного договору: {others}")
        }
        MentorOverCapacity { mentor, open, capacity } => {
            format!("наставник `{mentor}` має {open} чинних договорів, а може мати {capacity}")
        }
        BadLanguageCode { code } => format!("`{code}` — не код мови ISO 639-1, як-от `uk` чи `en`"),
        BadEdrpou { value } => format!("код ЄДРПОУ `{value}` має складатися з 8 цифр"),
        BadCitizenship { value } => format!("громадянство `{value}` має бути кодом ISO 3166, як-от `UA`"),
        EmptyField { field } => format!("`{field}` порожнє"),
        NegativeHours => "кількість годин не може бути від'ємною".to_string(),
        SchemaVersion { found } => format!("схема {found} не підтримується цією версією (очікується 1)"),
        SignedWithoutDate => "статус active або suspended, але бракує `signed_on`".to_string(),
        ActiveWithoutSignatures => "`signed_on` указано, але бракує обов'язкових підписів".to_string(),
        ClosedWithoutClosure => "статус `closed`, але бракує таблиці `[closure]`".to_string(),
        ClosureWithoutClosedStatus => "є таблиця `[closure]`, але статус не `closed`".to_string(),
        RegimeMismatch { regime, expected } => {
            format!("режим `{regime}`, але на дату пропозиції діяв `{expected}`")
        }

        // --- finding, loading and editing ---
        RegistryNotFound => "реєстр не знайдено: укажіть -C ТЕКА, змінну NASTAVNYK_RECORDS або запустіть у теці з nastavnyk.toml (створити: `nastavnyk init ТЕКА`)".to_string(),
        RegistryMissing { dir } => format!("{dir}: такої теки немає"),
        NotARegistry { dir } => format!("у {dir} немає nastavnyk.toml: це не реєстр (створити: `nastavnyk init {dir}`)"),
        ReadFailed { detail } => format!("не вдалося прочитати: {detail}"),
        RegistryInvalid { count } => format!("у реєстрі {count} проблем(и), які треба спершу виправити"),
        RunCheck => "запустіть `nastavnyk check`, щоб побачити всі проблеми".to_string(),
        UnknownId { id } => format!("немає запису з ID `{id}`"),
        UnknownIdOfKind { id, kind } => format!("не знайдено {} з ID `{id}`", kind_name(*kind)),
        UnknownField { field, suggestion: Some(s) } => format!("невідоме поле `{field}`; можливо, `{s}`?"),
        UnknownField { field, suggestion: None } => format!("невідоме поле `{field}`"),
        FieldNotSettable { field } => format!("поле `{field}` не можна змінити так"),
        BadAssignment { arg } => format!("`{arg}` — не присвоєння: пишіть поле=значення, напр. settlement=Житомир"),
        BadFieldValue { field, value, expected } => format!("`{field}`: `{value}` — не {}", text(expected)),
        ExpectedDate => "дата РРРР-ММ-ДД".to_string(),
        ExpectedWholeNumber => "ціле число".to_string(),
        ExpectedNumber => "число".to_string(),
        ExpectedBool => "true або false".to_string(),
        ExpectedOneOf { values } => format!("одне з: {values}"),
        RefusedInvalid => "відмовлено: зміна зробила б реєстр некоректним; нічого не записано".to_string(),
        StillReferenced { id, by } => format!("на `{id}` ще посилається {by}; нічого не видалено"),
        EditorFailed { editor } => format!("редактор `{editor}` завершився з помилкою; нічого не змінено"),
        NothingChanged => "нічого не змінилося".to_string(),
        Saved { id } => format!("збережено {id}"),
        Removed { id } => format!("видалено {id}"),
        Committed { summary } => format!("закомічено: {summary}"),
        NotCommittedNoRepo => "увага: реєстр не в git-репозиторії; зміну не закомічено".to_string(),
        CheckOk { files } => format!("перевірено файлів: {files}, проблем немає"),
        CheckSummary { errors, warnings } => format!("помилок: {errors}, попереджень: {warnings}"),
        InitDone { dir } => format!("створено реєстр у {dir}"),
        InitNotEmpty { dir } => format!("у {dir} уже є реєстр (nastavnyk.toml)"),
        BadDateArg { value } => format!("`{value}` — не дата: пишіть РРРР-ММ-ДД, напр. 2026-11-23"),
        WaitingForLock => "чекаю, поки інший процес nastavnyk допише реєстр…".to_string(),
        GitFailed { detail } => format!("помилка git: {detail}"),
        EditKept { path } => format!("вашу правку збережено в {path}: виправте її й запустіть `edit` знову, щоб продовжити з неї"),
        MissingRequired { field } => format!("поле `{field}` обов'язкове"),

        // --- history, undo, sync ---
        NoRepository => "реєстр не в git-репозиторії: немає історії, яку можна прочитати, скасувати чи поширити (почніть її: `git init` і закомітьте реєстр)".to_string(),
        HistoryUnknownId { id } => format!("немає запису з ID `{id}` ні в реєстрі, ні в його git-історії"),
        HistoryHeader { column } => match column.as_str() {
            "commit" => "коміт",
            "date" => "дата",
            "author" => "автор",
            "action" => "дія",
            "record" => "запис",
            "reason" => "причина",
            "field" => "поле",
            "old" => "було",
            "new" => "стало",
            other => other,
        }
        .to_string(),
        HistoryManual => "зміна вручну".to_string(),
        HistoryAdded => "запис створено".to_string(),
        HistoryRemoved => "запис видалено".to_string(),
        HistoryRenamed { from } => format!("перейменовано з {from}"),
        HistoryLayoutOnly => "жодне поле не змінилося (лише коментарі чи оформлення)".to_string(),
        HistoryUnparsable => "одна з версій файлу — некоректний TOML: поля не порівняно".to_string(),
        HistoryReason { reason } => format!("причина: {reason}"),
        HistoryEmpty => "комітів ще немає".to_string(),
        UndoDirty { files } => format!("у реєстрі є незакомічені зміни ({files}): спершу закомітьте або відкиньте їх; нічого не скасовано"),
        UndoNotOurs { commit } => format!("останній коміт ({commit}) зроблено не nastavnyk: undo скасовує лише зміни самої програми (для інших — `git revert`); нічого не скасовано"),
        UndoNothing => "нічого скасовувати: останній коміт створив реєстр".to_string(),
        UndoRefused => "відмовлено: скасування останньої зміни зробило б реєстр некоректним; нічого не скасовано".to_string(),
        Undone { summary } => format!("скасовано: {summary}"),
        SyncNoRemote => "у репозиторію реєстру немає віддаленого сховища (remote), через яке ним можна ділитися: додайте його — `git remote add origin URL`, — а тоді запустіть `nastavnyk sync`".to_string(),
        SyncDetached => "репозиторій не на гілці (detached HEAD): перейдіть на гілку, а тоді запустіть `nastavnyk sync`".to_string(),
        SyncDirty { files } => format!("у реєстрі є незакомічені зміни ({files}): закомітьте або відкиньте їх перед синхронізацією; нічого не синхронізовано"),
        SyncConflict { files, remote } => format!("і ви, і {remote} змінили {files}: тут нічого не змінено (ваша копія така сама, як до sync). Щоб об'єднати зміни, запустіть `git pull --rebase`, розв'яжіть конфлікт, тоді `nastavnyk check` і `nastavnyk sync`"),
        SyncInvalid { count } => format!("після отримання змін у реєстрі помилок: {count} (див. вище): виправте їх, закомітьте й запустіть `nastavnyk sync` знову; нічого не надіслано"),
        SyncUpToDate { remote } => format!("уже синхронізовано з {remote}"),
        SyncDone { remote, received, sent } => format!("синхронізовано з {remote}: отримано комітів — {received}, надіслано — {sent}"),
        SyncRaced { remote } => format!("{remote} змінювався під час синхронізації: запустіть `nastavnyk sync` ще раз"),
    }
}
