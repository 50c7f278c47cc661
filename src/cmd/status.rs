//! `status`: the centre at a glance, like `git status` — counts with what they are about,
//! and the first few things due this week. Colour on a terminal, plain when piped.

use crate::cli::Format;
use crate::context::Ctx;
use crate::error::Result;
use crate::i18n::{Lang, Msg, ReportMsg};
use crate::output::{self, Cell, Rows};
use crate::registry::Registry;
use crate::report::due::DueKind;
use crate::report::status::{Status, status};

/// How many due items the summary shows before "… and N more".
const SHOWN: usize = 8;

pub fn run(ctx: &Ctx) -> Result<u8> {
    let registry = Registry::load_valid(&ctx.root)?;
    let s = status(&registry, ctx.today);
    let text = match ctx.format {
        Format::Json => output::json_string(&json(&s)),
        Format::Csv => csv(&s),
        Format::Table => {
            output::terminal::fit(&table(ctx, &registry.config.centre.name, &s, output::use_color()))
        }
    };
    output::emit(&text)?;
    registry.finish();
    Ok(0)
}

fn counts(s: &Status) -> Vec<(&'static str, i64)> {
    let pipeline = |i: usize| s.pipeline[i].1 as i64;
    let mut rows = vec![
        ("children_waiting", s.children_waiting as i64),
        ("children_waiting_max_days", s.longest_wait.as_ref().map_or(0, |(_, d)| *d)),
        ("children_not_eligible", s.children_not_eligible as i64),
        ("children_in_agreements", s.children_in_agreements as i64),
        ("mentors_available", s.mentors_available as i64),
        ("mentors_mentoring", s.mentors_mentoring as i64),
        ("pipeline_applied", pipeline(0)),
        ("pipeline_screened", pipeline(1)),
        ("pipeline_trained", pipeline(2)),
        ("pipeline_concluded", pipeline(3)),
        ("mentors_inactive", s.mentors_inactive as i64),
        ("proposals", s.proposals as i64),
        ("agreements_active", s.agreements_active as i64),
        ("agreements_suspended", s.agreements_suspended as i64),
        ("due_this_week", s.due_week.len() as i64),
    ];
    for (kind, n) in &s.due_counts {
        rows.push((due_key(*kind), *n as i64));
    }
    rows
}

fn due_key(kind: DueKind) -> &'static str {
    match kind {
        DueKind::AgreementEnding => "due_agreement_ending",
        DueKind::CheckinOverdue => "due_checkin_overdue",
        DueKind::ChildWaiting => "due_child_waiting",
        DueKind::DocumentExpiring => "due_document_expiring",
        DueKind::MeetingsShort => "due_meetings_short",
        DueKind::ProposalUnsigned => "due_proposal_unsigned",
        DueKind::MentorWithdrawn => "due_mentor_withdrawn",
        DueKind::RegimeReview => "due_regime_review",
        DueKind::SuspensionLong => "due_suspension_long",
        DueKind::TermEnded => "due_term_ended",
    }
}

/// `{"today", "counts": {key: n}, "longest_wait": {"child", "days"} | null, "due": [item]}`.
fn json(s: &Status) -> serde_json::Value {
    let counts: serde_json::Map<String, serde_json::Value> =
        counts(s).into_iter().map(|(k, v)| (k.to_string(), v.into())).collect();
    serde_json::json!({
        "today": s.today.to_string(),
        "counts": counts,
        "longest_wait": s.longest_wait.as_ref().map(|(id, days)| serde_json::json!({"child": id, "days": days})),
        "due": s.due_week.iter().map(|item| serde_json::json!({
            "kind": item.kind.as_str(),
            "record": item.record,
            "due_on": item.due_on.to_string(),
            "message": Lang::En.text(&Msg::Report(ReportMsg::Due(item.clone()))),
        })).collect::<Vec<_>>(),
    })
}

fn csv(s: &Status) -> String {
    Rows {
        columns: vec!["item", "value"],
        headers: Vec::new(),
        rows: counts(s).into_iter().map(|(k, v)| vec![Cell::text(k), Cell::Int(v)]).collect(),
    }
    .csv()
}

/// Minimal ANSI styling: bold headings, a colour on the numbers that ask for action.
struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.0 { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }
    /// Yellow when there is something to act on, green when there is none.
    fn attention(&self, n: usize, text: &str) -> String {
        if n > 0 { self.wrap("33", text) } else { self.wrap("32", text) }
    }
    fn red(&self, text: &str) -> String {
        self.wrap("31", text)
    }
}

/// The kinds of what is due, in the order of the list under them (most urgent kind first, as
/// `report::status` sorts the items), so the counts and the items read the same way down.
fn by_urgency(s: &Status) -> Vec<(DueKind, usize)> {
    let mut counts: Vec<(DueKind, usize)> = s.due_counts.iter().copied().filter(|(_, n)| *n > 0).collect();
    let first = |kind: DueKind| s.due_week.iter().position(|item| item.kind == kind).unwrap_or(usize::MAX);
    counts.sort_by_key(|(kind, _)| first(*kind));
    counts
}

fn table(ctx: &Ctx, centre: &str, s: &Status, color: bool) -> String {
    let paint = Paint(color);
    let t = |msg: ReportMsg| ctx.t(Msg::Report(msg));
    let mut out = String::new();
    out.push_str(
        &paint.bold(&t(ReportMsg::StatusTitle { centre: centre.to_string(), today: s.today.to_string() })),
    );
    out.push_str("\n\n");

    let line = |out: &mut String, label: String, number: String, extra: Option<String>| {
        let pad = 30usize.saturating_sub(label.chars().count());
        out.push_str(&format!("  {label}{} {number:>5}", " ".repeat(pad)));
        if let Some(extra) = extra {
            out.push_str(&format!("   {}", paint.dim(&extra)));
        }
        out.push('\n');
    };
    let num = |n: usize| format!("{n:>5}");

    out.push_str(&paint.bold(&t(ReportMsg::StatusChildren)));
    out.push('\n');
    let longest =
        s.longest_wait.as_ref().map(|(id, days)| t(ReportMsg::StatusLongest { id: id.clone(), days: *days }));
    line(
        &mut out,
        t(ReportMsg::StatusWaiting),
        paint.attention(s.children_waiting, &num(s.children_waiting)),
        longest,
    );
    line(&mut out, t(ReportMsg::StatusNotEligible), num(s.children_not_eligible), None);
    line(&mut out, t(ReportMsg::StatusInAgreements), num(s.children_in_agreements), None);

    out.push_str(&paint.bold(&t(ReportMsg::StatusMentors)));
    out.push('\n');
    line(&mut out, t(ReportMsg::StatusAvailable), num(s.mentors_available), None);
    line(&mut out, t(ReportMsg::StatusMentoring), num(s.mentors_mentoring), None);
    let stage = |i: usize| s.pipeline[i].1;
    let in_pipeline: usize = s.pipeline.iter().map(|(_, n)| n).sum();
    let stages = t(ReportMsg::StatusPipelineStages {
        applied: stage(0),
        screened: stage(1),
        trained: stage(2),
        concluded: stage(3),
    });
    line(&mut out, t(ReportMsg::StatusPipeline), num(in_pipeline), Some(stages));
    line(&mut out, t(ReportMsg::StatusInactive), num(s.mentors_inactive), None);

    out.push_str(&paint.bold(&t(ReportMsg::StatusAgreements)));
    out.push('\n');
    line(&mut out, t(ReportMsg::StatusActive), num(s.agreements_active), None);
    line(&mut out, t(ReportMsg::StatusSuspended), num(s.agreements_suspended), None);
    let unsigned = (s.proposals_unsigned_long > 0).then(|| {
        t(ReportMsg::StatusUnsignedLong {
            count: s.proposals_unsigned_long,
            days: ctx.config.monitoring.proposal_unsigned_days,
        })
    });
    line(&mut out, t(ReportMsg::StatusProposals), num(s.proposals), unsigned);

    out.push('\n');
    let total = s.due_week.len();
    out.push_str(&paint.bold(&paint.attention(
        total,
        &t(ReportMsg::StatusDueWeek { count: total, days: crate::report::status::WEEK_DAYS }),
    )));
    out.push('\n');
    for (kind, n) in by_urgency(s) {
        line(&mut out, t(ReportMsg::DueKind(kind)), paint.attention(n, &num(n)), None);
    }
    if total > 0 {
        out.push('\n');
    }
    for item in s.due_week.iter().take(SHOWN) {
        let overdue = item.due_on < s.today;
        let day = if overdue { paint.red(&item.due_on.to_string()) } else { item.due_on.to_string() };
        out.push_str(&format!(
            "  {day}  {:<7} {}\n",
            item.record,
            ctx.t(Msg::Report(ReportMsg::Due(item.clone())))
        ));
    }
    if total > SHOWN {
        out.push_str(&format!("  {}\n", t(ReportMsg::StatusDueMore { count: total - SHOWN })));
    }
    if total > 0 {
        out.push_str(&format!("  {}\n", paint.dim(&t(ReportMsg::StatusDueHint))));
    }
    out
}
