//! `eligibility ID` and `eligibility --all`: the rules engine's verdicts, with their basis.

use crate::cli::{EligibilityArgs, Format};
use crate::context::Ctx;
use crate::error::{Failure, Result};
use crate::i18n::{Msg, vocab};
use crate::output::{self, Cell, Labels, Rows};
use crate::record::date::Date;
use crate::record::enums::Regime;
use crate::record::{Child, Kind, Mentor};
use crate::registry::{self, Registry};
use crate::rules::{self, RuleStatus, Verdict};

pub fn run(ctx: &Ctx, args: &EligibilityArgs) -> Result<u8> {
    let on = args.on.unwrap_or(ctx.today);
    let regime = args.regime.unwrap_or_else(|| ctx.config.rules.regime_on(on));
    match &args.id {
        Some(id) => one(ctx, id, on, regime),
        None => all(ctx, on, regime),
    }
}

/// The verdict on one person, with the availability rule (free / room for another child)
/// shown as a warning: it does not make a person ineligible, only unavailable for a new match.
pub(crate) fn verdict_for(
    ctx: &Ctx,
    kind: Kind,
    id: &str,
    on: Date,
    regime: Regime,
    open: usize,
) -> Result<Verdict> {
    let rules = &ctx.config.rules;
    let mut verdict = match kind {
        Kind::Child => {
            let (child, _) = registry::read_record::<Child>(&ctx.root, kind, id)?;
            rules::child_verdict(&child, rules, regime, on, open, true)
        }
        Kind::Mentor => {
            let (mentor, _) = registry::read_record::<Mentor>(&ctx.root, kind, id)?;
            rules::mentor_verdict(&mentor, rules, regime, on, open, true)
        }
        _ => unreachable!("only children and mentors have eligibility"),
    };
    soften_availability(&mut verdict);
    Ok(verdict)
}

fn soften_availability(verdict: &mut Verdict) {
    for rule in &mut verdict.rules {
        if matches!(rule.code, "child.free" | "mentor.free_capacity") && rule.status == RuleStatus::Fail {
            rule.status = RuleStatus::Warn;
        }
    }
    verdict.eligible = verdict.rules.iter().all(|rule| rule.status != RuleStatus::Fail);
}

fn one(ctx: &Ctx, id: &str, on: Date, regime: Regime) -> Result<u8> {
    let id = crate::cmd::record::checked_id(id)?;
    let kind = match registry::kind_of(&ctx.root, id) {
        Some(kind @ (Kind::Child | Kind::Mentor)) => kind,
        Some(found) => {
            let wanted = vec![Kind::Child, Kind::Mentor];
            return Err(Failure::IdOfOtherKind { id: id.to_string(), found, wanted }.into());
        }
        None => return Err(Failure::UnknownId { id: id.to_string() }.into()),
    };
    let open = crate::agreement::open_agreements(&ctx.root, kind.noun(), id, None);
    let verdict = verdict_for(ctx, kind, id, on, regime, open)?;
    match ctx.format {
        Format::Json => {
            let value = serde_json::json!({
                "id": id,
                "kind": kind.noun(),
                "on": on.to_string(),
                "regime": regime.as_str(),
                "eligible": verdict.eligible,
                "rules": rules_json(&verdict),
            });
            output::emit(&output::json_string(&value))?;
        }
        Format::Csv => output::emit(&rule_rows(ctx, &verdict).csv())?,
        Format::Table => output::emit(&output::terminal::fit(&explain(ctx, id, &verdict)))?,
    }
    Ok(if verdict.eligible { 0 } else { 1 })
}

/// The JSON of one verdict's rules; messages and references in English, the stable machine
/// language.
pub(crate) fn rules_json(verdict: &Verdict) -> serde_json::Value {
    let en = crate::i18n::Lang::En;
    verdict
        .rules
        .iter()
        .map(|rule| {
            serde_json::json!({
                "code": rule.code,
                "status": rule.status.as_str(),
                "message": en.text(&Msg::Rule(rule.finding.clone())),
                "reference": en.text(&Msg::RuleReference(rule.reference.clone())),
            })
        })
        .collect()
}

fn rule_rows(ctx: &Ctx, verdict: &Verdict) -> Rows {
    let labels = Labels::new(ctx.format, ctx.lang);
    Rows {
        columns: vec!["code", "status", "message", "reference"],
        headers: [Msg::HeaderRule, Msg::HeaderStatus, Msg::HeaderMessage, Msg::HeaderReference]
            .into_iter()
            .map(|m| ctx.t(m))
            .collect(),
        rows: verdict
            .rules
            .iter()
            .map(|rule| {
                vec![
                    Cell::text(rule.code),
                    labels.code(vocab::RULE_STATUS, rule.status.as_str()),
                    Cell::text(ctx.t(Msg::Rule(rule.finding.clone()))),
                    Cell::text(ctx.t(Msg::RuleReference(rule.reference.clone()))),
                ]
            })
            .collect(),
    }
}

/// A readable account: the verdict, then each rule with a mark, what it found, and its basis.
fn explain(ctx: &Ctx, id: &str, verdict: &Verdict) -> String {
    let color = output::use_color();
    let paint =
        |code: &str, text: &str| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() };
    let (regime, on) = (verdict.regime.to_string(), verdict.on.to_string());
    let headline = if verdict.eligible {
        paint("1;32", &ctx.t(Msg::Eligible { id: id.to_string(), regime, on }))
    } else {
        paint("1;31", &ctx.t(Msg::NotEligible { id: id.to_string(), regime, on }))
    };
    let mut out = format!("{headline}\n\n");
    for rule in &verdict.rules {
        let mark = match rule.status {
            RuleStatus::Pass => paint("32", "✓"),
            RuleStatus::Warn => paint("33", "!"),
            RuleStatus::Fail => paint("31", "✗"),
        };
        out.push_str(&format!("{mark} {:<24} {}\n", rule.code, ctx.t(Msg::Rule(rule.finding.clone()))));
        out.push_str(&format!(
            "  {:<24} {}\n",
            "",
            paint("2", &ctx.t(Msg::RuleReference(rule.reference.clone())))
        ));
    }
    out
}

fn all(ctx: &Ctx, on: Date, regime: Regime) -> Result<u8> {
    let registry = Registry::load_valid(&ctx.root)?;
    let open = registry.open_agreements();
    let rules = &registry.config.rules;
    let labels = Labels::new(ctx.format, ctx.lang);
    let mut rows = Vec::new();
    let mut push = |kind: Kind, id: &str, mut verdict: Verdict| {
        soften_availability(&mut verdict);
        let failing: Vec<&str> = verdict.failures().map(|r| r.code).collect();
        let warnings: Vec<&str> =
            verdict.rules.iter().filter(|r| r.status == RuleStatus::Warn).map(|r| r.code).collect();
        rows.push(vec![
            Cell::text(id),
            labels.code(vocab::RECORD_KIND, kind.noun()),
            Cell::text(ctx.t(if verdict.eligible { Msg::VerdictEligible } else { Msg::VerdictNotEligible })),
            Cell::Bool(verdict.eligible),
            Cell::text(failing.join(" ")),
            Cell::text(warnings.join(" ")),
        ]);
    };
    for child in &registry.children {
        let n = open.get(child.id.as_str()).copied().unwrap_or(0);
        push(Kind::Child, &child.id, rules::child_verdict(child, rules, regime, on, n, true));
    }
    for mentor in &registry.mentors {
        let n = open.get(mentor.id.as_str()).copied().unwrap_or(0);
        push(Kind::Mentor, &mentor.id, rules::mentor_verdict(mentor, rules, regime, on, n, true));
    }
    let mut table = Rows {
        columns: vec!["id", "kind", "verdict", "eligible", "failing", "warnings"],
        headers: vec![
            ctx.t(Msg::HeaderId),
            ctx.t(Msg::HeaderKind),
            ctx.t(Msg::HeaderVerdict),
            String::new(),
            ctx.t(Msg::HeaderFailing),
            "!".to_string(),
        ],
        rows,
    };
    if ctx.format == Format::Table {
        // The boolean is for scripts; people read the verdict.
        table.columns.remove(3);
        table.headers.remove(3);
        for row in &mut table.rows {
            row.remove(3);
        }
    } else {
        table.columns.remove(2);
        table.headers.remove(2);
        for row in &mut table.rows {
            row.remove(2);
        }
    }
    output::emit(&table.render(ctx.format))?;
    Ok(0)
}
