//! `match`, `match why CHILD MENTOR`, `match accept CHILD MENTOR`: the optimal proposals, one
//! pair explained, and a pair turned into a `proposed` agreement.

use crate::agreement;
use crate::cli::{Format, MatchArgs, MatchCommand, MatchObjective, MatchRunArgs};
use crate::context::Ctx;
use crate::error::Failure;
use crate::error::Hint;
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::matching::explain::{self, Explanation};
use crate::matching::score::{Factor, points, points_text};
use crate::matching::{self, Objective, Options, Proposal};
use crate::output::{self, Cell, Rows};
use crate::record::Kind;
use crate::record::date::Date;
use crate::record::enums::Regime;
use crate::registry::{self, Registry};

pub fn run(ctx: &Ctx, args: MatchArgs) -> Result<u8> {
    match args.command {
        None => propose(ctx, &args.run),
        Some(MatchCommand::Why { child, mentor, on, regime }) => why(ctx, &child, &mentor, on, regime),
        Some(MatchCommand::Accept { child, mentor, institution, date, reason }) => {
            accept(ctx, &child, &mentor, institution.as_deref(), date, reason.reason.as_deref())
        }
    }
}

/// The `--regime` given, else the one in force on `on`.
fn regime_arg(ctx: &Ctx, regime: Option<Regime>, on: Date) -> Regime {
    regime.unwrap_or_else(|| ctx.config.rules.regime_on(on))
}

fn propose(ctx: &Ctx, args: &MatchRunArgs) -> Result<u8> {
    let on = args.on.unwrap_or(ctx.today);
    let options = Options {
        on,
        regime: regime_arg(ctx, args.regime, on),
        objective: match args.objective {
            MatchObjective::Coverage => Objective::Coverage,
            MatchObjective::Score => Objective::Score,
        },
        community: args.community.clone(),
        with_candidates: args.candidates,
    };
    let registry = Registry::load_valid(&ctx.root)?;
    let proposal = matching::propose(&registry, &options).map_err(bad_weight)?;
    if let (Format::Json, Some(candidates)) = (ctx.format, &proposal.candidates) {
        // Streamed: every feasible pair of a big pool would not fit in memory as one text.
        let mut document = json(&registry, &proposal);
        document.pairs =
            proposal.pairs.iter().map(|pair| pair_json(&registry, pair, args.with_names)).collect();
        let value = serde_json::to_value(document).expect("the proposal serializes");
        return match matching::stream::write_json(std::io::stdout().lock(), &value, &registry, candidates) {
            Ok(()) => {
                std::mem::forget(proposal);
                registry.finish();
                Ok(0)
            }
            Err(err) if err.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe) => std::process::exit(0),
            Err(err) => Err(Error::write(std::path::Path::new("<stdout>"), err.into())),
        };
    }
    let text = match ctx.format {
        Format::Json => {
            // The pairs are written on every core into the rest of the document.
            let document =
                serde_json::to_string_pretty(&json(&registry, &proposal)).expect("the proposal serializes");
            let mut text = output::json::with_array(&document, "pairs", &proposal.pairs, |pair| {
                pair_json(&registry, pair, args.with_names)
            });
            text.push('\n');
            text
        }
        Format::Csv => pair_rows(ctx, &registry, &proposal, args.with_names, false).csv(),
        Format::Table => output::terminal::fit(&table(ctx, &registry, &proposal, args.with_names)),
    };
    output::emit(&text)?;
    // The proposal's pools are left to the exit with the records (see `Registry::finish`).
    std::mem::forget(proposal);
    registry.finish();
    Ok(0)
}

/// The proposal as JSON, typed: a national proposal holds 100,000 pairs, and building them as
/// a `serde_json::Value` tree first cost more than the rest of the output. The fields are in the
/// order of their names, as the `Value` maps of the other commands print them.
#[derive(serde::Serialize)]
struct ProposalJson<'a> {
    pairs: Vec<PairJson<'a>>,
    total_score: f64,
    unmatched_children: Vec<&'a str>,
    unmatched_mentors: Vec<&'a str>,
    unmatched_reasons: Vec<ReasonJson<'a>>,
}

#[derive(serde::Serialize)]
struct PairJson<'a> {
    child: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    child_name: Option<String>,
    factors: FactorsJson,
    mentor: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentor_name: Option<String>,
    score: f64,
}

fn pair_json<'a>(registry: &'a Registry, pair: &matching::Pair, with_names: bool) -> PairJson<'a> {
    let (child, mentor) = (&registry.children[pair.child], &registry.mentors[pair.mentor]);
    PairJson {
        child: &child.id,
        child_name: with_names.then(|| child.full_name()),
        factors: FactorsJson(pair.factors),
        mentor: &mentor.id,
        mentor_name: with_names.then(|| mentor.full_name()),
        score: points(pair.score),
    }
}

/// Each factor's points by its name, the names in alphabetical order.
struct FactorsJson([i64; Factor::ALL.len()]);

impl serde::Serialize for FactorsJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut by_name: [(&str, i64); Factor::ALL.len()] =
            std::array::from_fn(|k| (Factor::ALL[k].name(), self.0[k]));
        by_name.sort_unstable_by_key(|&(name, _)| name);
        let mut map = serializer.serialize_map(Some(by_name.len()))?;
        for (name, milli) in by_name {
            map.serialize_entry(name, &points(milli))?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct ReasonJson<'a> {
    child: &'a str,
    code: &'a str,
    message: String,
}

/// The proposal without its pairs, which `pair_json` writes into it (`output::json::with_array`).
fn json<'a>(registry: &'a Registry, proposal: &Proposal) -> ProposalJson<'a> {
    let child_id = |c: usize| registry.children[c].id.as_str();
    let mentor_id = |m: usize| registry.mentors[m].id.as_str();
    let scope = registry.config.matching.scope;
    ProposalJson {
        pairs: Vec::new(),
        total_score: points(proposal.total),
        unmatched_children: proposal.unmatched_children.iter().map(|(c, _)| child_id(*c)).collect(),
        unmatched_mentors: proposal.unmatched_mentors.iter().map(|m| mentor_id(*m)).collect(),
        unmatched_reasons: proposal
            .unmatched_children
            .iter()
            .map(|(c, reason)| ReasonJson {
                child: child_id(*c),
                code: reason.code(),
                message: crate::i18n::Lang::En.text(&unmatched_msg(reason, scope)),
            })
            .collect(),
    }
}

/// The pairs as rows: in a table the strongest factors in one column, in CSV every factor in
/// its own column.
fn pair_rows(ctx: &Ctx, registry: &Registry, proposal: &Proposal, with_names: bool, table: bool) -> Rows {
    let mut columns = vec!["child", "mentor"];
    let mut headers = vec![ctx.t(Msg::HeaderChild), ctx.t(Msg::HeaderMentor)];
    if with_names {
        columns.extend(["child_name", "mentor_name"]);
        headers.extend([ctx.t(Msg::HeaderChildName), ctx.t(Msg::HeaderMentorName)]);
    }
    columns.push("score");
    headers.push(ctx.t(Msg::HeaderScore));
    if table {
        columns.push("strongest");
        headers.push(ctx.t(Msg::HeaderStrongest));
    } else {
        for factor in Factor::ALL {
            columns.push(factor.name());
            headers.push(factor.name().to_string());
        }
    }
    let rows = proposal
        .pairs
        .iter()
        .map(|pair| {
            let (child, mentor) = (&registry.children[pair.child], &registry.mentors[pair.mentor]);
            let mut row = vec![Cell::text(&child.id), Cell::text(&mentor.id)];
            if with_names {
                row.extend([Cell::text(child.full_name()), Cell::text(mentor.full_name())]);
            }
            row.push(Cell::text(points_text(pair.score)));
            if table {
                let mut strongest: Vec<(Factor, i64)> =
                    Factor::ALL.into_iter().zip(pair.factors).filter(|(_, p)| *p > 0).collect();
                // Largest first; equal shares in the fixed factor order.
                strongest.sort_by_key(|(_, p)| std::cmp::Reverse(*p));
                let text: Vec<String> = strongest
                    .iter()
                    .take(3)
                    .map(|(f, p)| format!("{} {}", ctx.t(Msg::FactorLabel(*f)), points_text(*p)))
                    .collect();
                row.push(Cell::text(text.join(", ")));
            } else {
                row.extend(pair.factors.iter().map(|p| Cell::text(points_text(*p))));
            }
            row
        })
        .collect();
    Rows { columns, headers, rows }
}

fn table(ctx: &Ctx, registry: &Registry, proposal: &Proposal, with_names: bool) -> String {
    let mut out = String::new();
    if proposal.pairs.is_empty() {
        out.push_str(&format!("{}\n", ctx.t(Msg::MatchNoPairs)));
    } else {
        out.push_str(&pair_rows(ctx, registry, proposal, with_names, true).table());
        let total = points_text(proposal.total);
        out.push_str(&format!("{}\n", ctx.t(Msg::MatchTotal { pairs: proposal.pairs.len(), total })));
    }
    if !proposal.unmatched_children.is_empty() {
        out.push_str(&format!("\n{}\n", ctx.t(Msg::MatchUnmatchedChildren)));
        let scope = registry.config.matching.scope;
        let rows = Rows {
            columns: vec!["child", "reason"],
            headers: vec![ctx.t(Msg::HeaderChild), ctx.t(Msg::HeaderReason)],
            rows: proposal
                .unmatched_children
                .iter()
                .map(|(c, reason)| {
                    let child = &registry.children[*c];
                    let id = if with_names {
                        format!("{} {}", child.id, child.full_name())
                    } else {
                        child.id.clone()
                    };
                    vec![Cell::text(id), Cell::text(ctx.t(unmatched_msg(reason, scope)))]
                })
                .collect(),
        };
        out.push_str(&rows.table());
    }
    if !proposal.unmatched_mentors.is_empty() {
        let ids: Vec<&str> =
            proposal.unmatched_mentors.iter().map(|m| registry.mentors[*m].id.as_str()).collect();
        out.push_str(&format!("\n{}\n", ctx.t(Msg::MatchUnmatchedMentors { ids: ids.join(", ") })));
    }
    out
}

/// Reads the registry and finds the pair's records, refusing IDs of the wrong kind.
fn load_pair<'r>(
    ctx: &Ctx,
    registry: &'r Registry,
    child: &str,
    mentor: &str,
) -> Result<(&'r crate::record::Child, &'r crate::record::Mentor)> {
    let child_id = crate::cmd::record::checked_id(child)?;
    let mentor_id = crate::cmd::record::checked_id(mentor)?;
    let found_child =
        registry.child(child_id).ok_or_else(|| match registry::kind_of(&ctx.root, child_id) {
            Some(_) => Error::new(Failure::WhyNotAChild { id: child_id.to_string() }),
            None => Error::new(Failure::UnknownIdOfKind { id: child_id.to_string(), kind: Kind::Child }),
        })?;
    let found_mentor =
        registry.mentor(mentor_id).ok_or_else(|| match registry::kind_of(&ctx.root, mentor_id) {
            Some(_) => Error::new(Failure::WhyNotAMentor { id: mentor_id.to_string() }),
            None => Error::new(Failure::UnknownIdOfKind { id: mentor_id.to_string(), kind: Kind::Mentor }),
        })?;
    Ok((found_child, found_mentor))
}

fn why(ctx: &Ctx, child: &str, mentor: &str, on: Option<Date>, regime: Option<Regime>) -> Result<u8> {
    let on = on.unwrap_or(ctx.today);
    let regime = regime_arg(ctx, regime, on);
    let registry = Registry::load_valid(&ctx.root)?;
    let weights = matching::weights(&registry).map_err(bad_weight)?;
    let (child, mentor) = load_pair(ctx, &registry, child, mentor)?;
    let explanation = explain::explain(&registry, child, mentor, on, regime, &weights);
    let text = match ctx.format {
        Format::Json => output::json_string(&why_json(&explanation, on)),
        Format::Csv => factor_rows(ctx, &explanation).csv(),
        Format::Table => output::terminal::fit(&why_text(ctx, &explanation)),
    };
    output::emit(&text)?;
    Ok(if explanation.feasible() { 0 } else { 1 })
}

fn why_json(explanation: &Explanation, on: Date) -> serde_json::Value {
    use serde_json::json;
    let en = |msg: &Msg| crate::i18n::Lang::En.text(msg);
    json!({
        "child": explanation.child,
        "mentor": explanation.mentor,
        "on": on.to_string(),
        "regime": explanation.regime.as_str(),
        "feasible": explanation.feasible(),
        "score": points(explanation.score),
        "factors": explanation
            .factors
            .iter()
            .map(|(factor, milli, _)| (factor.name().to_string(), json!(points(*milli))))
            .collect::<serde_json::Map<_, _>>(),
        "details": explanation
            .factors
            .iter()
            .map(|(factor, _, detail)| (factor.name().to_string(), json!(en(&Msg::MatchDetail(detail.clone())))))
            .collect::<serde_json::Map<_, _>>(),
        "reasons": explanation
            .reasons()
            .iter()
            .map(|reason| json!({"code": reason.code(), "message": en(&crate::i18n::reason_msg(reason.clone()))}))
            .collect::<Vec<_>>(),
    })
}

fn factor_rows(ctx: &Ctx, explanation: &Explanation) -> Rows {
    Rows {
        columns: vec!["factor", "points", "detail"],
        headers: vec![ctx.t(Msg::HeaderFactor), ctx.t(Msg::HeaderPoints), ctx.t(Msg::HeaderMessage)],
        rows: explanation
            .factors
            .iter()
            .map(|(factor, milli, detail)| {
                vec![
                    Cell::text(factor.name()),
                    Cell::text(points_text(*milli)),
                    Cell::text(ctx.t(Msg::MatchDetail(detail.clone()))),
                ]
            })
            .collect(),
    }
}

fn why_text(ctx: &Ctx, explanation: &Explanation) -> String {
    let (child, mentor) = (explanation.child.clone(), explanation.mentor.clone());
    let regime = explanation.regime.to_string();
    if explanation.feasible() {
        let score = points_text(explanation.score);
        let mut out = format!("{}\n\n", ctx.t(Msg::WhyFeasible { child, mentor, score, regime }));
        for (factor, milli, detail) in &explanation.factors {
            out.push_str(&format!(
                "  {:<13} {:>7}  {}\n",
                factor.name(),
                points_text(*milli),
                ctx.t(Msg::MatchDetail(detail.clone()))
            ));
        }
        out
    } else {
        let mut out = format!("{}\n", ctx.t(Msg::WhyInfeasible { child, mentor, regime }));
        for reason in explanation.reasons() {
            out.push_str(&format!("  ✗ {:<28} {}\n", reason.code(), ctx.t(crate::i18n::reason_msg(reason))));
        }
        out
    }
}

/// Re-checks the pair (eligibility and every hard constraint of matching) and proposes it
/// through `agreement::propose`, the same path as `agreement new`; the commit is
/// `agreement new <id>`.
fn accept(
    ctx: &Ctx,
    child: &str,
    mentor: &str,
    institution: Option<&str>,
    date: Option<Date>,
    reason: Option<&str>,
) -> Result<u8> {
    let on = date.unwrap_or(ctx.today);
    if let Some(id) = institution {
        crate::cmd::record::checked_id(id)?;
    }
    let registry = Registry::load_valid(&ctx.root)?;
    let weights = matching::weights(&registry).map_err(bad_weight)?;
    let (child, mentor) = load_pair(ctx, &registry, child, mentor)?;
    // The regime in force on the day; signing decides it again (docs/rules.md, "The two regimes").
    let regime = ctx.config.rules.regime_on(on);
    let explanation = explain::explain(&registry, child, mentor, on, regime, &weights);
    if !explanation.feasible() {
        let reasons = explanation.reasons().into_iter().map(|r| ctx.t(crate::i18n::reason_msg(r))).collect();
        return Err(Error::new(Failure::AcceptRefused {
            child: child.id.clone(),
            mentor: mentor.id.clone(),
            reasons,
        })
        .with_hint(Hint::AcceptSeeWhy { child: child.id.clone(), mentor: mentor.id.clone() }));
    }
    // `create` takes the registry lock and checks eligibility again under it, so a proposal
    // made by someone else in the meantime is still caught.
    let proposal =
        agreement::Proposal { child: &child.id, mentor: &mentor.id, institution, date: on, number: None };
    let id = crate::cmd::agreement::create(ctx, &proposal, "agreement", "new", reason)?;
    ctx.note(Msg::AcceptCreated { id: id.clone(), child: child.id.clone(), mentor: mentor.id.clone() });
    output::emit(&format!("{id}\n"))?;
    Ok(0)
}

/// Why a waiting child got no mentor, as a message.
fn unmatched_msg(reason: &matching::Unmatched, scope: crate::record::config::MatchScope) -> Msg {
    use matching::Unmatched;
    match reason {
        Unmatched::NoMentorInReach => Msg::UnmatchedNoMentor { scope },
        Unmatched::NoneFits(counts) => Msg::UnmatchedNoneFits { counts: counts.clone() },
        Unmatched::Taken { candidates } => Msg::UnmatchedTaken { candidates: *candidates },
        Unmatched::ZeroScore { candidates } => Msg::UnmatchedZeroScore { candidates: *candidates },
    }
}

fn bad_weight(matching::BadWeight(name): matching::BadWeight) -> Error {
    Error::new(Failure::BadWeight { name })
}
