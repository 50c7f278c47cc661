//! Messages of the reports, the due list and `status`, in both languages (kept apart from
//! the main catalogues so that each language's texts for these commands sit side by side).

use super::plural;
use crate::report::EndReason;
use crate::report::due::{Detail, DueItem, DueKind};
use crate::report::monthly::Key;
use crate::report::people::{ChildStage, MentorStage, MentorState};

#[derive(Clone, Debug, PartialEq)]
pub enum ReportMsg {
    BadMonth {
        value: String,
    },
    Written {
        path: String,
    },
    /// A table header, by the column's stable name.
    Column(&'static str),
    Indicator(Key),
    /// The indicator's description for a period that is not one calendar month.
    PeriodIndicator(Key),
    /// The registry as of a date: which commit it was read from.
    AsOfCommit {
        date: String,
        commit: String,
    },
    /// A consolidated registry failed `check`: left out of the totals.
    RegionRegistryInvalid {
        source: String,
        centre: String,
        errors: usize,
    },
    /// The description of a region's row for a registry left out.
    RegistryInvalidRow,
    /// A group value: the total row of a breakdown or region.
    Total,
    Due(DueItem),
    DueKind(DueKind),
    NothingDue,
    ChildStage(ChildStage),
    MentorStage(MentorStage),
    MentorState(MentorState),
    Yes,
    No,
    StatusTitle {
        centre: String,
        today: String,
    },
    StatusChildren,
    StatusWaiting,
    StatusLongest {
        id: String,
        days: i64,
    },
    StatusNotEligible,
    StatusInAgreements,
    StatusMentors,
    StatusAvailable,
    StatusMentoring,
    StatusPipeline,
    StatusPipelineStages {
        applied: usize,
        screened: usize,
        trained: usize,
        concluded: usize,
    },
    StatusInactive,
    StatusAgreements,
    StatusActive,
    StatusSuspended,
    StatusProposals,
    StatusUnsignedLong {
        count: usize,
        days: u32,
    },
    StatusDueWeek {
        count: usize,
        days: u32,
    },
    StatusDueMore {
        count: usize,
    },
    StatusDueHint,
}

pub fn uk(msg: &ReportMsg) -> String {
    use ReportMsg::*;
    match msg {
        BadMonth { value } => format!("`{value}` — не місяць: напишіть РРРР-ММ, напр. 2026-10"),
        Written { path } => format!("записано у {path}"),
        Column(name) => uk_column(name).to_string(),
        Indicator(key) => uk_indicator(*key),
        PeriodIndicator(key) => uk_period_indicator(*key),
        AsOfCommit { date, commit } => format!("реєстр станом на кінець {date}: коміт {commit}"),
        RegionRegistryInvalid { source, centre, errors } => format!(
            "реєстр {centre} ({source}) не пройшов перевірку ({}): його не враховано в підсумку; \
             виправте і запустіть `nastavnyk check` у ньому",
            plural::uk(*errors as i64, "помилка", "помилки", "помилок")
        ),
        Total => "усього".into(),
        RegistryInvalidRow => "реєстр не пройшов перевірку: помилок (не враховано в підсумку)".into(),
        Due(item) => uk_due(item),
        DueKind(kind) => uk_due_kind(*kind).to_string(),
        NothingDue => "нічого не прострочено і нічого не настає".to_string(),
        ChildStage(stage) => match stage {
            crate::report::people::ChildStage::Waiting => "очікує",
            crate::report::people::ChildStage::NotEligible => "не відповідає умовам",
            crate::report::people::ChildStage::Proposed => "запропоновано",
            crate::report::people::ChildStage::Active => "у договорі",
            crate::report::people::ChildStage::Suspended => "договір призупинено",
            crate::report::people::ChildStage::Closed => "справу закрито",
        }
        .to_string(),
        MentorStage(stage) => match stage {
            crate::report::people::MentorStage::Applied => "заява",
            crate::report::people::MentorStage::Screened => "перевірка",
            crate::report::people::MentorStage::Trained => "навчання",
            crate::report::people::MentorStage::Concluded => "висновок",
        }
        .to_string(),
        MentorState(state) => match state {
            crate::report::people::MentorState::Available => "доступний",
            crate::report::people::MentorState::Mentoring => "наставляє",
            crate::report::people::MentorState::Pipeline => "у відборі",
            crate::report::people::MentorState::Inactive => "неактивний",
        }
        .to_string(),
        Yes => "так".to_string(),
        No => "ні".to_string(),
        StatusTitle { centre, today } => format!("{centre} — стан на {today}"),
        StatusChildren => "Діти".to_string(),
        StatusWaiting => "очікують наставника".to_string(),
        StatusLongest { id, days } => format!("найдовше: {id}, {}", plural::uk(*days, "день", "дні", "днів")),
        StatusNotEligible => "не відповідають умовам".to_string(),
        StatusInAgreements => "у договорах".to_string(),
        StatusMentors => "Наставники".to_string(),
        StatusAvailable => "доступні для підбору".to_string(),
        StatusMentoring => "наставляють".to_string(),
        StatusPipeline => "кандидати у відборі".to_string(),
        StatusPipelineStages { applied, screened, trained, concluded } => {
            format!("заява {applied} · перевірка {screened} · навчання {trained} · висновок {concluded}")
        }
        StatusInactive => "на паузі, вибули, не допущені".to_string(),
        StatusAgreements => "Договори".to_string(),
        StatusActive => "чинні".to_string(),
        StatusSuspended => "призупинені".to_string(),
        StatusProposals => "пропозиції (не підписані)".to_string(),
        StatusUnsignedLong { count, days } => {
            format!("понад {}: {count}", plural::uk(*days, "день", "дні", "днів"))
        }
        StatusDueWeek { count, days } => format!("До виконання протягом {days} днів: {count}"),
        StatusDueMore { count } => format!("… і ще {count}"),
        StatusDueHint => "усе: `nastavnyk due`".to_string(),
    }
}

pub fn en(msg: &ReportMsg) -> String {
    use ReportMsg::*;
    match msg {
        BadMonth { value } => format!("`{value}` is not a month: write YYYY-MM, e.g. 2026-10"),
        Written { path } => format!("written to {path}"),
        Column(name) => en_column(name).to_string(),
        Indicator(key) => en_indicator(*key),
        PeriodIndicator(key) => en_period_indicator(*key),
        AsOfCommit { date, commit } => format!("the registry as of the end of {date}: commit {commit}"),
        RegionRegistryInvalid { source, centre, errors } => format!(
            "the registry of {centre} ({source}) fails check ({}): left out of the totals; fix it and \
             run `nastavnyk check` there",
            plural::en(*errors as i64, "error", "errors")
        ),
        Total => "total".into(),
        RegistryInvalidRow => "registry fails check: errors (left out of the totals)".into(),
        Due(item) => en_due(item),
        DueKind(kind) => en_due_kind(*kind).to_string(),
        NothingDue => "nothing overdue and nothing coming up".to_string(),
        ChildStage(stage) => match stage {
            crate::report::people::ChildStage::Waiting => "waiting",
            crate::report::people::ChildStage::NotEligible => "not eligible",
            crate::report::people::ChildStage::Proposed => "proposed",
            crate::report::people::ChildStage::Active => "in an agreement",
            crate::report::people::ChildStage::Suspended => "agreement suspended",
            crate::report::people::ChildStage::Closed => "case closed",
        }
        .to_string(),
        MentorStage(stage) => stage.as_str().to_string(),
        MentorState(state) => match state {
            crate::report::people::MentorState::Available => "available",
            crate::report::people::MentorState::Mentoring => "mentoring",
            crate::report::people::MentorState::Pipeline => "in the pipeline",
            crate::report::people::MentorState::Inactive => "inactive",
        }
        .to_string(),
        Yes => "yes".to_string(),
        No => "no".to_string(),
        StatusTitle { centre, today } => format!("{centre} — as of {today}"),
        StatusChildren => "Children".to_string(),
        StatusWaiting => "waiting for a mentor".to_string(),
        StatusLongest { id, days } => format!("longest: {id}, {}", plural::en(*days, "day", "days")),
        StatusNotEligible => "not eligible".to_string(),
        StatusInAgreements => "in agreements".to_string(),
        StatusMentors => "Mentors".to_string(),
        StatusAvailable => "available for matching".to_string(),
        StatusMentoring => "mentoring".to_string(),
        StatusPipeline => "candidates in the pipeline".to_string(),
        StatusPipelineStages { applied, screened, trained, concluded } => {
            format!("applied {applied} · screened {screened} · trained {trained} · concluded {concluded}")
        }
        StatusInactive => "paused, withdrawn, disqualified".to_string(),
        StatusAgreements => "Agreements".to_string(),
        StatusActive => "active".to_string(),
        StatusSuspended => "suspended".to_string(),
        StatusProposals => "proposals (unsigned)".to_string(),
        StatusUnsignedLong { count, days } => format!("over {days} days: {count}"),
        StatusDueWeek { count, days } => format!("Due within {days} days: {count}"),
        StatusDueMore { count } => format!("… and {count} more"),
        StatusDueHint => "all of it: `nastavnyk due`".to_string(),
    }
}

fn uk_column(name: &str) -> &str {
    match name {
        "indicator" => "показник",
        "description" => "опис",
        "value" => "значення",
        "agreement" => "договір",
        "number" => "номер",
        "child" => "дитина",
        "mentor" => "наставник",
        "institution" => "заклад",
        "child_name" => "ПІБ дитини",
        "mentor_name" => "ПІБ наставника",
        "name" => "ПІБ",
        "status" => "статус",
        "signed_on" => "підписано",
        "ends_on" => "закінчення",
        "closed_on" => "припинено",
        "contacts" => "контакти",
        "meetings" => "зустрічі",
        "outings" => "виходи",
        "checkins" => "перевірки",
        "hours" => "години",
        "last_checkin" => "остання перевірка",
        "next_checkin_due" => "наступна перевірка",
        "flags" => "позначки",
        "due_on" => "строк",
        "kind" => "що",
        "record" => "запис",
        "message" => "опис",
        "community" => "громада",
        "registered_on" => "на обліку з",
        "stage" => "етап",
        "eligible" => "відповідає",
        "failing" => "не виконано",
        "waiting_days" => "днів очікування",
        "applied_on" => "заява від",
        "state" => "стан",
        "open_agreements" => "договорів",
        "capacity" => "місць",
        "centre" => "центр (ЄДРПОУ)",
        "sex" => "стать",
        "age_band" => "вік",
        "category" => "категорія",
        "disability" => "інвалідність",
        "regime" => "правила",
        "proposed_on" => "запропоновано",
        other => other,
    }
}

fn en_column(name: &str) -> &str {
    match name {
        "child_name" => "child's name",
        "mentor_name" => "mentor's name",
        "next_checkin_due" => "next check-in due",
        "last_checkin" => "last check-in",
        "waiting_days" => "days waiting",
        "open_agreements" => "agreements",
        "due_on" => "due on",
        "registered_on" => "registered on",
        "applied_on" => "applied on",
        "proposed_on" => "proposed on",
        "signed_on" => "signed on",
        "ends_on" => "ends on",
        "closed_on" => "closed on",
        "age_band" => "age band",
        "regime" => "rules",
        other => other,
    }
}

fn uk_due_kind(kind: DueKind) -> &'static str {
    match kind {
        DueKind::AgreementEnding => "договір закінчується",
        DueKind::CheckinOverdue => "прострочена перевірка",
        DueKind::ChildWaiting => "дитина довго чекає",
        DueKind::DocumentExpiring => "довідка спливає",
        DueKind::MeetingsShort => "замало зустрічей",
        DueKind::ProposalUnsigned => "пропозиція не підписана",
        DueKind::MentorWithdrawn => "наставник вибув",
        DueKind::RegimeReview => "договір за правилами 2017 року",
        DueKind::SuspensionLong => "довге зупинення",
        DueKind::TermEnded => "строк договору сплив",
    }
}

fn en_due_kind(kind: DueKind) -> &'static str {
    match kind {
        DueKind::AgreementEnding => "agreement ending",
        DueKind::CheckinOverdue => "check-in overdue",
        DueKind::ChildWaiting => "child waiting long",
        DueKind::DocumentExpiring => "certificate expiring",
        DueKind::MeetingsShort => "too few meetings",
        DueKind::ProposalUnsigned => "proposal unsigned",
        DueKind::MentorWithdrawn => "mentor withdrawn",
        DueKind::RegimeReview => "2017-rules agreement",
        DueKind::SuspensionLong => "long suspension",
        DueKind::TermEnded => "term ended",
    }
}

fn uk_doc(which: &str) -> &'static str {
    match which {
        "medical_certificate" => "медична довідка (форма 5)",
        "criminal_record_certificate" => "довідка про несудимість",
        _ => "документ",
    }
}

fn en_doc(which: &str) -> &'static str {
    match which {
        "medical_certificate" => "medical certificate (form 5)",
        "criminal_record_certificate" => "criminal record certificate",
        _ => "document",
    }
}

fn hours(h: f64) -> String {
    crate::record::hours::format_number(h)
}

fn uk_due(item: &DueItem) -> String {
    let due = item.due_on;
    match &item.detail {
        Detail::CheckinOverdue { last: Some(last) } => {
            format!("перевірка центру мала бути до {due}; остання — {last}")
        }
        Detail::CheckinOverdue { last: None } => {
            format!("перша перевірка центру мала бути до {due}; перевірок ще не було")
        }
        Detail::MeetingsShort { month, meetings, hours: h, min_meetings, min_hours } => format!(
            "у {month}: зустрічей {meetings}, годин {} (норма: щонайменше {min_meetings} і {} год)",
            hours(*h),
            hours(*min_hours)
        ),
        Detail::AgreementEnding { reason, child } => match reason {
            EndReason::Adulthood => format!("закінчується {due}: дитині {child} виповнюється 18 років"),
            EndReason::StudiesEnd => format!("закінчується {due}: дитина {child} завершує навчання"),
            EndReason::AgeLimit => format!("закінчується {due}: дитині {child} виповнюється 23 роки"),
            EndReason::Planned => format!("закінчується {due} (дата в договорі)"),
        },
        Detail::DocumentExpiring { which, expired: true } => {
            format!("{} втратила чинність {due}: наставник у договорі, попросіть нову", uk_doc(which))
        }
        Detail::DocumentExpiring { which, expired: false } => {
            format!("{} втрачає чинність {due}: попросіть нову", uk_doc(which))
        }
        Detail::ProposalUnsigned { proposed_on, days } => {
            format!(
                "запропоновано {proposed_on}, не підписано вже {}",
                plural::uk(*days, "день", "дні", "днів")
            )
        }
        Detail::ChildWaiting { since, days } => {
            format!("очікує наставника з {since}: {}", plural::uk(*days, "день", "дні", "днів"))
        }
        Detail::TermEnded { child } => format!(
            "строк договору (дитина {child}) сплив {due}: припиніть договір або укладіть новий на подальший строк"
        ),
        Detail::RegimeReview { regime } => format!(
            "договір діє за правилами {regime} року, а з {due} діють правила 2026 року: перегляньте його"
        ),
        Detail::SuspensionLong { since, days } => format!(
            "зупинено з {since} ({}) без рішення: поновіть або припиніть договір",
            plural::uk(*days, "день", "дні", "днів")
        ),
        Detail::MentorWithdrawn { mentor, status } => format!(
            "наставник {mentor} має статус `{status}`: вирішіть долю договору (інший наставник або припинення)"
        ),
    }
}

fn en_due(item: &DueItem) -> String {
    let due = item.due_on;
    match &item.detail {
        Detail::CheckinOverdue { last: Some(last) } => {
            format!("centre check-in was due by {due}; the last one was on {last}")
        }
        Detail::CheckinOverdue { last: None } => {
            format!("first centre check-in was due by {due}; none recorded yet")
        }
        Detail::MeetingsShort { month, meetings, hours: h, min_meetings, min_hours } => format!(
            "in {month}: {}, {} h (norm: at least {min_meetings} and {} h)",
            plural::en(*meetings, "meeting", "meetings"),
            hours(*h),
            hours(*min_hours)
        ),
        Detail::AgreementEnding { reason, child } => match reason {
            EndReason::Adulthood => format!("ends on {due}: child {child} turns 18"),
            EndReason::StudiesEnd => format!("ends on {due}: child {child} finishes studies"),
            EndReason::AgeLimit => format!("ends on {due}: child {child} turns 23"),
            EndReason::Planned => format!("ends on {due} (date in the agreement)"),
        },
        Detail::DocumentExpiring { which, expired: true } => {
            format!("{} expired on {due}; the mentor is in an agreement: ask for a new one", en_doc(which))
        }
        Detail::DocumentExpiring { which, expired: false } => {
            format!("{} expires on {due}: ask for a new one", en_doc(which))
        }
        Detail::ProposalUnsigned { proposed_on, days } => {
            format!("proposed on {proposed_on}, unsigned for {}", plural::en(*days, "day", "days"))
        }
        Detail::ChildWaiting { since, days } => {
            format!("waiting for a mentor since {since}: {}", plural::en(*days, "day", "days"))
        }
        Detail::TermEnded { child } => format!(
            "the term (child {child}) ended on {due}: close the agreement or conclude a new one for a further term"
        ),
        Detail::RegimeReview { regime } => {
            format!("runs under the {regime} rules; the 2026 rules apply since {due}: review it")
        }
        Detail::SuspensionLong { since, days } => format!(
            "suspended since {since} ({}) without a decision: resume or close",
            plural::en(*days, "day", "days")
        ),
        Detail::MentorWithdrawn { mentor, status } => format!(
            "mentor {mentor} is `{status}`: decide the agreement's future (another mentor or closure)"
        ),
    }
}

/// A monthly indicator's description reworded for a period of any length.
fn uk_period_indicator(key: Key) -> String {
    match key {
        Key::AgreementsActiveWholeMonth => {
            "договоро-місяців: договір чинний увесь календарний місяць періоду".into()
        }
        Key::AgreementsMeetingNorm => "з них із нормою зустрічей і годин у тому місяці".into(),
        Key::AgreementsEndingSoon => "договорів закінчуються протягом 90 днів після періоду".into(),
        _ => uk_indicator(key)
            .replace("в місяці", "за період")
            .replace("у місяці", "за період")
            .replace("на кінець місяця", "на кінець періоду"),
    }
}

fn en_period_indicator(key: Key) -> String {
    match key {
        Key::AgreementsActiveWholeMonth => {
            "agreement-months: active a whole calendar month of the period".into()
        }
        Key::AgreementsMeetingNorm => "of which meeting the norm in that month".into(),
        Key::AgreementsEndingSoon => "agreements ending within 90 days after the period".into(),
        _ => en_indicator(key)
            .replace("in the month", "in the period")
            .replace("at month end", "at the period's end"),
    }
}

fn uk_indicator(key: Key) -> String {
    use Key::*;
    match key {
        MentorsApplied => "кандидатів подали заяву в місяці",
        MentorsScreened => "кандидатів перевірено в місяці",
        MentorsTrained => "кандидатів завершили навчання в місяці",
        MentorsConcluded => "висновків про можливість бути наставником видано в місяці",
        CandidatesAppliedEnd => "наставників і кандидатів на кінець місяця на етапі «заява»",
        CandidatesScreenedEnd => "… на етапі «перевірка»",
        CandidatesTrainedEnd => "… на етапі «навчання» (без висновку)",
        CandidatesConcludedEnd => "… з висновком центру",
        MentorsAvailableEnd => "наставників, доступних для підбору, на кінець місяця",
        ChildrenRegistered => "дітей взято на облік у місяці",
        ChildrenWaitingEnd => "дітей очікують наставника на кінець місяця",
        ChildrenWaitingMeanDays => "середнє очікування, днів",
        ChildrenWaitingMaxDays => "найдовше очікування, днів",
        ProposalsMade => "пропозицій зроблено в місяці",
        ProposalsOpenEnd => "пропозицій не підписано на кінець місяця",
        AgreementsSigned => "договорів підписано в місяці",
        AgreementsActiveEnd => "чинних договорів на кінець місяця",
        AgreementsSuspendedEnd => "з них призупинених",
        AgreementsClosed => "договорів припинено в місяці",
        Closures(reason) => {
            return format!(
                "припинено: {}",
                super::vocab::label(super::vocab::CLOSURE_REASON, reason.as_str(), super::Lang::Uk)
            );
        }
        ClosuresBefore3Months => "припинено раніше ніж за 3 місяці",
        ClosuresBefore6Months => "припинено раніше ніж за 6 місяців",
        ClosuresBefore12Months => "припинено раніше ніж за 12 місяців",
        Meetings => "зустрічей наставника з дитиною",
        MentoringHours => "годин наставництва (зустрічі та виходи)",
        Checkins => "перевірок центру (з наставником, з дитиною, візити)",
        CheckinsDue => "перевірок мало відбутися за графіком",
        CheckinsDueKept => "з них проведено вчасно",
        CheckinsOnTimePct => "частка вчасних перевірок, %",
        AgreementsActiveWholeMonth => "договорів, чинних увесь місяць",
        AgreementsMeetingNorm => "з них із нормою зустрічей і годин",
        MeetingNormPct => "частка договорів із нормою зустрічей, %",
        AgreementsEndingSoon => "договорів закінчуються протягом 90 днів",
        AgreementsPastPlannedEnd => "договорів після запланованого закінчення, не припинених",
        ActiveMatchMeanDays => "середня тривалість чинних договорів, днів",
        MatchesDecided12Months => "договорів, для яких вирішилося, чи тривали 12 місяців",
        MatchesReached12Months => "з них тривали щонайменше 12 місяців",
        Reached12MonthsPct => "частка договорів, що тривали 12 місяців, %",
        ClosuresExitInterview => "припинень із підсумковою зустріччю",
        ExitInterviewPct => "частка припинень із підсумковою зустріччю, %",
        ChildrenServed => "дітей отримали послугу (договір чинний хоч один день періоду)",
        FamiliesServed => "сімей цих дітей (за кодом сім'ї; без коду — окрема сім'я)",
        MentorsActive => "наставників із чинним договором хоч один день періоду",
        Contacts => "контактів усіх видів за період",
    }
    .to_string()
}

fn en_indicator(key: Key) -> String {
    use Key::*;
    match key {
        MentorsApplied => "candidates who applied in the month",
        MentorsScreened => "candidates screened in the month",
        MentorsTrained => "candidates who completed training in the month",
        MentorsConcluded => "conclusions (may be a mentor) issued in the month",
        CandidatesAppliedEnd => "mentors at month end at stage \"applied\"",
        CandidatesScreenedEnd => "… at stage \"screened\"",
        CandidatesTrainedEnd => "… at stage \"trained\" (no conclusion)",
        CandidatesConcludedEnd => "… holding a conclusion",
        MentorsAvailableEnd => "mentors available for matching at month end",
        ChildrenRegistered => "children registered in the month",
        ChildrenWaitingEnd => "children waiting for a mentor at month end",
        ChildrenWaitingMeanDays => "mean wait, days",
        ChildrenWaitingMaxDays => "longest wait, days",
        ProposalsMade => "proposals made in the month",
        ProposalsOpenEnd => "proposals unsigned at month end",
        AgreementsSigned => "agreements signed in the month",
        AgreementsActiveEnd => "agreements active at month end",
        AgreementsSuspendedEnd => "of which suspended",
        AgreementsClosed => "agreements closed in the month",
        Closures(reason) => {
            return format!(
                "closed: {}",
                super::vocab::label(super::vocab::CLOSURE_REASON, reason.as_str(), super::Lang::En)
            );
        }
        ClosuresBefore3Months => "closed before 3 months",
        ClosuresBefore6Months => "closed before 6 months",
        ClosuresBefore12Months => "closed before 12 months",
        Meetings => "mentor–child meetings",
        MentoringHours => "mentoring hours (meetings and outings)",
        Checkins => "centre check-ins (mentor, child, visits)",
        CheckinsDue => "check-ins due by the cadence",
        CheckinsDueKept => "of which kept on time",
        CheckinsOnTimePct => "check-ins on time, %",
        AgreementsActiveWholeMonth => "agreements active the whole month",
        AgreementsMeetingNorm => "of which meeting the meeting norm",
        MeetingNormPct => "agreements meeting the norm, %",
        AgreementsEndingSoon => "agreements ending within 90 days",
        AgreementsPastPlannedEnd => "agreements past their planned end, not closed",
        ActiveMatchMeanDays => "mean length of active agreements, days",
        MatchesDecided12Months => "agreements whose first 12 months are decided",
        MatchesReached12Months => "of which lasted 12 months",
        Reached12MonthsPct => "agreements lasting 12 months, %",
        ClosuresExitInterview => "closures with an exit interview",
        ExitInterviewPct => "closures with an exit interview, %",
        ChildrenServed => "children served (an agreement active on at least one day)",
        FamiliesServed => "families of those children (by family code; none: a family of one)",
        MentorsActive => "mentors with an agreement active on at least one day",
        Contacts => "contacts of every kind in the period",
    }
    .to_string()
}
