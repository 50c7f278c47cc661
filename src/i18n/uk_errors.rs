//! The texts of errors in Ukrainian: every `Failure`, `Hint` and `Expected` (kept apart from
//! the rest of the catalogue so that neither file grows past what one reads at a sitting).

use super::plural::uk;
use super::uk::*;
use super::vocab;

/// A code of the records in the words of the tables (`i18n::vocab`).
fn word<'a>(vocabulary: &'static [vocab::Term], code: &'a str) -> &'a str {
    vocab::label(vocabulary, code, super::Lang::Uk)
}

/// A list of codes joined with `, ` (as the domain joins them), each in the tables' words.
fn words(vocabulary: &'static [vocab::Term], codes: &str) -> String {
    codes.split(", ").map(|code| format!("«{}»", word(vocabulary, code))).collect::<Vec<_>>().join(", ")
}

pub fn failure_text(x: &crate::error::Failure) -> String {
    use crate::error::EdrpouFlaw;
    use crate::error::Failure::*;
    match x {
        IdOfOtherKind { id, found, wanted } => format!(
            "`{id}` — це {}, а тут потрібен {}",
            kind_subject(*found),
            wanted.iter().map(|k| kind_subject(*k)).collect::<Vec<_>>().join(" або ")
        ),
        BadQuarter { value } => {
            format!("`{value}` — не квартал: напишіть РРРР-QN, де N від 1 до 4, напр. 2026-Q3")
        }
        BadYear { value } => format!("`{value}` — не рік: напишіть РРРР, напр. 2026"),
        BadPeriodDate { value } => {
            format!("`{value}` — не дата: напишіть РРРР-ММ-ДД або ДД.ММ.РРРР, напр. 2026-03-01 чи 01.03.2026")
        }
        FromAfterTo { from, to } => {
            format!("--from {from} пізніше за --to {to}: період має починатися не пізніше, ніж закінчується")
        }
        PeriodMissing => {
            "вкажіть період: --from ДАТА --to ДАТА, або --quarter РРРР-QN, або --year РРРР".into()
        }
        AsOfNoGit { dir } => {
            format!("{dir} не в репозиторії git: без історії немає стану на дату (приберіть --as-of)")
        }
        AsOfNoCommit { date } => {
            format!("до кінця дня {date} у реєстрі ще не було жодного коміту: візьміть пізнішу дату")
        }
        NotARegionRegistry { source, detail } => format!(
            "`{source}` — не реєстр: потрібна тека з nastavnyk.toml або репозиторій git (шлях чи URL), \
             що його містить{}",
            detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
        ),
        RegionNoNames => {
            "--with-names не застосовується до зведеного звіту кількох реєстрів: імена лишаються в центрі"
                .into()
        }
        RegionListsUnsupported => "--registry зводить показники (`report monthly`, `report period`); \
            списки договорів, дітей і наставників лишаються у своїх центрах"
            .into(),
        RegionDuplicateCentre { centre, first, second } => format!(
            "`{first}` і `{second}` — реєстри одного центру (ЄДРПОУ {centre}): залиште один, \
             щоб центр не порахувати двічі"
        ),
        ByUnsupported => "--by розбиває показники (`report monthly`, `report period`), не списки".into(),
        AdultSignsForThemselves { id, child, age } => format!("особі {child} за договором {id} виповнилося {age}: повнолітня особа має повну дієздатність і не має законного представника, тож підписує сама (`young_person`)"),
        RenewalPending { id, renewal } => format!("договір {id} уже переукладається договором {renewal}: підпишіть його або спершу припиніть"),
        SuspendedNoMentoring { id, kind } => format!("дію договору {id} зупинено: контакт «{}» з наставником не записується, поки договір зупинено; візити й перевірки центру записуються", word(vocab::CONTACT_KIND, kind)),
        ContactAfterTerm { id, kind, ends_on } => format!("строк договору {id} сплив {ends_on}: контакт «{}» після строку не записується; припиніть договір або переукладіть його (`agreement renew {id}`) на подальший строк", word(vocab::CONTACT_KIND, kind)),
        ChildAlreadyClosed { child, date } => format!("справу {child} уже закрито {date}"),
        NotACaseClosure { reason } => format!("«{}» припиняє договір, а не справу дитини: припиніть з цією підставою договір (`agreement close`); дитина лишається на обліку для іншого наставника", word(vocab::CLOSURE_REASON, reason)),
        ChildHasOpenAgreements { child, agreements } => format!("справу {child} не можна закрити, поки діє договір {agreements}: спершу припиніть його (`agreement close`)"),
        Problem(problem) => problem_text(problem),
        CannotRead { path } => format!("не вдалося прочитати {path}"),
        CannotWrite { path } => format!("не вдалося записати {path}"),
        BadMonth { value } => format!("`{value}` — не місяць: напишіть РРРР-ММ або ММ.РРРР, напр. 2026-10 чи 10.2026"),
        BadWeight { name } => format!("`[matching.weights] {name}` у nastavnyk.toml має бути числом від 0 до 1000000"),
        WhyNotAChild { id } => format!("`{id}` — не дитина: пишіть `match why ДИТИНА НАСТАВНИК`"),
        WhyNotAMentor { id } => format!("`{id}` — не наставник: пишіть `match why ДИТИНА НАСТАВНИК`"),
        AcceptRefused { child, mentor, reasons } => format!(
            "пару {child} + {mentor} запропонувати не можна; нічого не записано:{}",
            reasons.iter().map(|r| format!("\n  - {r}")).collect::<String>()
        ),
        NotEligibleOn { id, on, failures } => {
            let rules: Vec<String> = failures.iter().map(|(code, msg)| format!("{code}: {}", finding_text(msg))).collect();
            format!("{id} не відповідає вимогам на {on}: {}; нічого не змінено", rules.join("; "))
        }
        AgreementClosed { id, date, action } => format!("договір {id} уже припинено ({date}): `{action}` неможливо; нічого не змінено"),
        AgreementWrongStatus { id, status, action, expected } => format!("договір {id} має статус «{}», а `{action}` можливо лише зі статусом {}; нічого не змінено", word(vocab::AGREEMENT_STATUS, status), words(vocab::AGREEMENT_STATUS, expected)),
        NoInstitution { child } => format!("у дитини {child} не вказано заклад (`institution`): укажіть --institution ID або `nastavnyk child set {child} institution=ID`"),
        PartyNotRequired { party, regime, required } => format!("«{}» не є стороною договору за правилами {regime} року (сторони: {})", word(vocab::PARTY, party), words(vocab::PARTY, required)),
        PartyAlreadySigned { id, party, date } => format!("«{}» уже підписав договір {id} ({date}); нічого не змінено", word(vocab::PARTY, party)),
        SignaturesMissing { id, parties } => format!("договір {id} ще не підписали: {}; його не можна активувати", words(vocab::PARTY, parties)),
        SameInstitution { id, institution } => format!("договір {id} уже укладено із закладом {institution}"),
        TemplateMissing { name } => format!("шаблону `{name}` немає ні в templates/ реєстру, ні серед вбудованих"),
        TemplateError { name, line: Some(line), detail } => format!("{name}:{line}: помилка в шаблоні: {detail}"),
        TemplateError { name, line: None, detail } => format!("{name}: помилка в шаблоні: {detail}"),
        DocxNeedsOutput => "DOCX — двійковий файл: укажіть -o ФАЙЛ.docx або перенаправте вивід у файл".to_string(),
        NotSignedYet { id } => format!("договір {id} ще не підписано (немає `signed_hash`): перевіряти нічого"),
        RegistryNotFound => "реєстр не знайдено: укажіть -C ТЕКА, змінну NASTAVNYK_RECORDS або запустіть у теці з nastavnyk.toml (створити: `nastavnyk init ТЕКА`)".to_string(),
        RegistryMissing { dir } => format!("{dir}: такої теки немає"),
        NotARegistry { dir } => format!("у {dir} немає nastavnyk.toml: це не реєстр (створити: `nastavnyk init {dir}`)"),
        RegistryInvalid { count } => format!("спершу виправте в реєстрі {}", uk(*count as i128, "проблему", "проблеми", "проблем")),
        UnknownId { id } => format!("немає запису з ID `{id}`"),
        UnknownIdOfKind { id, kind } => format!("не знайдено {} з ID `{id}`", kind_name(*kind)),
        UnknownField { field, suggestion: Some(s) } => format!("невідоме поле `{field}`; можливо, `{s}`?"),
        UnknownField { field, suggestion: None } => format!("невідоме поле `{field}`"),
        FieldNotSettable { field } => format!("поле `{field}` не можна змінити так"),
        BadAssignment { arg } => format!("`{arg}` — не присвоєння: пишіть поле=значення, напр. settlement=Житомир"),
        BadFieldValue { field, value, expected } => format!("`{field}`: `{value}` — не {}", expected_text(expected)),
        RefusedInvalid => "відмовлено: зміна зробила б реєстр некоректним; нічого не записано".to_string(),
        StillReferenced { id, by } => format!("на `{id}` ще посилається {by}; нічого не видалено"),
        EditorFailed { editor } => format!("редактор `{editor}` завершився з помилкою; нічого не змінено"),
        InitNotEmpty { dir } => format!("у {dir} уже є реєстр (nastavnyk.toml)"),
        GitNotRunnable => "не вдалося запустити git: реєстр веде історію в git, тож його треба встановити (https://git-scm.com) так, щоб команда `git` була доступна".to_string(),
        GitFailed { detail } => format!("помилка git: {detail}"),
        GitIdentityMissing => "git не знає, хто ви, а кожна зміна зберігається в git під ім'ям автора; нічого не записано".to_string(),
        GitOperationStopped { operation, dir } => format!("у {dir} не завершено {}: коміт зараз потрапив би всередину нього; нічого не записано", git_operation(*operation)),
        DetachedHead { dir } => format!("{dir} не на гілці (detached HEAD): коміт тут не належав би жодній гілці; нічого не записано"),
        StrayChanges { file } => format!("у {file} є зміни, не збережені в git (ручна правка або перерваний запис), і ця команда зберегла б їх під своїм іменем; нічого не записано"),
        PutBackFailed { failure, unrestored, still_staged } => {
            let mut left: Vec<String> = unrestored.iter().map(|(file, why)| format!("{file} не такий, як був ({why})")).collect();
            if let Some(failure) = still_staged {
                left.push(format!("індекс git досі містить ці зміни ({})", failure_text(failure)));
            }
            format!("{}\nповернути файли до попереднього стану теж не вдалося: {}", failure_text(failure), left.join("; "))
        }
        PushRefused { remote, server } => format!("{remote} не прийняв надсилання (push):\n{server}\nНічого не надіслано; ваші коміти збережено"),
        UndoOtherRegistry { commit, registry } => format!("останній коміт ({commit}) змінив файли поза цим реєстром ({registry}): це не його зміна; нічого не скасовано"),
        UndoOfUndo { commit, reverted } => format!("остання зміна ({commit}) сама є скасуванням (зміни {reverted}), а undo не скасовує скасування; нічого не скасовано"),
        BadEdrpou { code, flaw: EdrpouFlaw::NotEightDigits } => format!("--edrpou {code}: код ЄДРПОУ — це рівно 8 цифр; нічого не записано"),
        BadEdrpou { code, flaw: EdrpouFlaw::CheckDigit { expected } } => format!("--edrpou {code}: контрольна цифра не збігається (остання цифра мала б бути {expected}); нічого не записано"),
        EditCopyStale { path, record } => format!("у {path} лежить давніша правка {record}, зроблена до останньої зміни запису, тож її не записано: порівняйте її з {record}, перенесіть потрібне, тоді видаліть її й запустіть `edit` знову"),
        OutputNotRegular { path } => format!("{path} — не звичайний файл (тека, FIFO, пристрій чи розірване посилання): нічого не записано; вкажіть ім'я файлу або `-` для стандартного виводу"),
        MissingRequired { field } => format!("поле `{field}` обов'язкове"),

        // --- history, undo, sync ---
        NoRepository => "реєстр не в git-репозиторії: немає історії, яку можна прочитати, скасувати чи поширити (почніть її: `git init`, тоді збережіть реєстр першим комітом — `git add -A` і `git commit`)".to_string(),
        HistoryUnknownId { id } => format!("немає запису з ID `{id}` ні в реєстрі, ні в його git-історії"),
        UndoDirty { files } => format!("у реєстрі є зміни, не збережені в git ({files}): спершу збережіть їх комітом (`git commit`) або відкиньте; нічого не скасовано"),
        UndoNotOurs { commit } => format!("останній коміт ({commit}) зроблено не nastavnyk: undo скасовує лише зміни самої програми (для інших — `git revert`); нічого не скасовано"),
        UndoNothing => "нічого скасовувати: останній коміт створив реєстр".to_string(),
        UndoRefused => "відмовлено: скасування останньої зміни зробило б реєстр некоректним; нічого не скасовано".to_string(),
        SyncNoRemote => "у репозиторії реєстру немає віддаленого сховища (remote), через яке ним можна ділитися: додайте його — `git remote add origin URL`, — а тоді запустіть `nastavnyk sync`".to_string(),
        SyncDetached => "репозиторій не на гілці (detached HEAD): перейдіть на гілку, а тоді запустіть `nastavnyk sync`".to_string(),
        SyncDirty { files } => format!("у реєстрі є зміни, не збережені в git ({files}): збережіть їх комітом (`git commit`) або відкиньте перед синхронізацією; нічого не синхронізовано"),
        SyncConflict { files, remote } => format!("і ви, і {remote} змінили {files}: тут нічого не змінено (ваша копія така сама, як до sync). Щоб об'єднати зміни, запустіть `git pull --rebase`, розв'яжіть конфлікт, тоді `nastavnyk check` і `nastavnyk sync`"),
        SyncRaced { remote } => format!("{remote} змінювався під час синхронізації: запустіть `nastavnyk sync` ще раз"),
        XlsxNoTable => "ця команда не виводить таблиці, тож XLSX із неї не зробити: візьміть `--format table`, `csv` чи `json`".to_string(),
        BinaryToTerminal => "XLSX — двійковий файл, у термінал його не виводжу: вкажіть `-o ФАЙЛ.xlsx` або перенаправте вивід (`> ФАЙЛ.xlsx`)".to_string(),
        XlsxFailed { detail } => format!("не вдалося створити XLSX: {detail}"),
        ImportUnreadable { path, detail } => format!("не вдалося прочитати {path}: {detail}; потрібен файл XLSX або CSV (UTF-8, розділювач `,` чи `;`)"),
        ImportNoSheet { sheet, sheets } => format!("у книзі немає аркуша «{sheet}»; є: {sheets}"),
        ImportEmpty { path } => format!("у {path} немає рядка заголовків: у першому рядку мають бути назви стовпців (Прізвище, Ім'я, …)"),
        ImportNotUtf8 { path } => format!("{path} не в UTF-8 (мабуть, Windows-1251): в Excel збережіть його як «CSV UTF-8 (розділювач — кома)» або як книгу XLSX"),
    }
}

pub fn hint_text(x: &crate::error::Hint) -> String {
    use crate::error::Hint::*;
    match x {
        AcceptSeeWhy { child, mentor } => format!("подробиці: `nastavnyk match why {child} {mentor}`"),
        SeeEligibility { id } => format!("подробиці: `nastavnyk eligibility {id}`"),
        RunCheck => "запустіть `nastavnyk check`, щоб побачити всі проблеми".to_string(),
        SetGitIdentity => "скажіть git, хто ви (це робиться один раз): `git config --global user.name \"Ім'я Прізвище\"` і `git config --global user.email you@example.org`, тоді запустіть команду знову".to_string(),
        FinishGitOperation { operation, dir } => {
            let command = operation.command();
            format!("завершіть або облиште його: `git -C {dir} {command} --continue` чи `git -C {dir} {command} --abort`")
        }
        SwitchToBranch { dir } => format!("поверніться на свою гілку: `git -C {dir} switch main` (або гілку, на якій ви працюєте)"),
        CommitOrRestore { root, file } => format!("збережіть ці зміни (`git -C {root} commit -- {file}`) або відкиньте їх (`git -C {root} restore --staged --worktree -- {file}`), тоді запустіть команду знову"),
        RestoreByHand { root, paths } => format!("щоб повернути ці файли до останнього коміту: `git -C {root} restore --staged --worktree -- {paths}`"),
        FixPushRefusal => "виправте те, що назвав сервер (якщо не певні — спитайте його адміністратора), тоді запустіть `nastavnyk sync` знову".to_string(),
        UndoElsewhere { commit } => format!("запустіть undo в реєстрі, якому належить ця зміна, або `git revert {commit}`"),
        UndoOfUndo => "щоб повернути зміну, зробіть її знову; щоб скасувати давнішу, скасуйте її коміт вручну (`git revert КОМІТ`, див. `nastavnyk history`)".to_string(),
        CheckEdrpou => "звірте код із витягом з Єдиного державного реєстру про центр".to_string(),
        EditKept { path } => format!(
            "вашу правку збережено в {path}: виправте її й запустіть `edit` знову, щоб продовжити з неї"
        ),
    }
}

pub fn expected_text(x: &crate::error::Expected) -> String {
    use crate::error::Expected::*;
    match x {
        WholeMinutes => "кількість годин у цілих хвилинах (напр. 1.5 чи 0.25)".to_string(),
        Text => "текст (елементи списку — у лапках: [\"uk\", \"en\"])".to_string(),
        Date => "дата РРРР-ММ-ДД чи ДД.ММ.РРРР".to_string(),
        WholeNumber => "ціле число".to_string(),
        Number => "число".to_string(),
        Bool => "true або false".to_string(),
        OneOf { values } => format!("одне з: {values}"),
    }
}

/// A stopped git operation, as the sentence names it («не завершено …»).
fn git_operation(operation: crate::error::GitOperation) -> &'static str {
    use crate::error::GitOperation::*;
    match operation {
        Rebase => "перебазування (git rebase)",
        Merge => "злиття (git merge)",
        CherryPick => "перенесення коміту (git cherry-pick)",
        Revert => "скасування коміту (git revert)",
    }
}
