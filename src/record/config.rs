//! `nastavnyk.toml`: the centre, the rule parameters of each regime, monitoring cadence,
//! matching weights, git. Every parameter the law leaves open (docs/rules.md, "Sources and what is verified") lives
//! here with the documented default (docs/schema.md), so a centre can follow a newer bylaw without a new release.

use serde::{Deserialize, Serialize};

use super::Language as Lang;
use super::date::{self, Date};
use super::enums::{Category, Disqualification, Party, Regime};
use super::hours::Minutes;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub schema: u32,
    #[serde(default)]
    pub language: Lang,
    pub centre: Centre,
    #[serde(default)]
    pub rules: Rules,
    #[serde(default)]
    pub monitoring: Monitoring,
    #[serde(default)]
    pub matching: Matching,
    #[serde(default)]
    pub git: GitSettings,
}

impl Config {
    /// The configuration `check` works with when `nastavnyk.toml` itself is broken, so that
    /// the records can still be checked (with the default rules).
    pub fn fallback() -> Self {
        Config {
            schema: 1,
            language: Lang::default(),
            centre: Centre {
                name: String::new(),
                address: String::new(),
                phone: None,
                director: String::new(),
                edrpou: None,
                community: String::new(),
                authority: None,
                settlement: None,
            },
            rules: Rules::default(),
            monitoring: Monitoring::default(),
            matching: Matching::default(),
            git: GitSettings::default(),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Centre {
    pub name: String,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub director: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edrpou: Option<String>,
    pub community: String,
    /// What the director acts on («Положення про центр»), genitive, for the agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// The settlement where agreements are concluded («м. Житомир»): the place of conclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum RegimeSetting {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "2017")]
    R2017,
    #[serde(rename = "2026")]
    R2026,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(from = "RawRules")]
pub struct Rules {
    pub regime: RegimeSetting,
    pub cutover_2026: Date,
    #[serde(rename = "2017")]
    pub r2017: RegimeParams,
    #[serde(rename = "2026")]
    pub r2026: RegimeParams,
}

/// `[rules]` as written: every key optional, each regime's table a set of overrides.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    regime: RegimeSetting,
    #[serde(default, deserialize_with = "date::de_opt", serialize_with = "date::ser_opt")]
    cutover_2026: Option<Date>,
    #[serde(default, rename = "2017")]
    r2017: RegimeOverrides,
    #[serde(default, rename = "2026")]
    r2026: RegimeOverrides,
}

impl From<RawRules> for Rules {
    fn from(raw: RawRules) -> Self {
        let defaults = Rules::default();
        Rules {
            regime: raw.regime,
            cutover_2026: raw.cutover_2026.unwrap_or(defaults.cutover_2026),
            r2017: raw.r2017.apply(defaults.r2017),
            r2026: raw.r2026.apply(defaults.r2026),
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            regime: RegimeSetting::Auto,
            cutover_2026: date::parse_iso("2026-07-14").expect("valid default"),
            r2017: RegimeParams::defaults(Regime::R2017),
            r2026: RegimeParams::defaults(Regime::R2026),
        }
    }
}

impl Rules {
    /// The regime in force on `on` under this configuration (`auto` picks by the cutover).
    pub fn regime_on(&self, on: Date) -> Regime {
        match self.regime {
            RegimeSetting::R2017 => Regime::R2017,
            RegimeSetting::R2026 => Regime::R2026,
            RegimeSetting::Auto if on >= self.cutover_2026 => Regime::R2026,
            RegimeSetting::Auto => Regime::R2017,
        }
    }

    pub fn params(&self, regime: Regime) -> &RegimeParams {
        match regime {
            Regime::R2017 => &self.r2017,
            Regime::R2026 => &self.r2026,
        }
    }
}

/// How a rule that the sources leave open is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Not meeting it makes the person ineligible.
    Fail,
    /// Reported, but does not make the person ineligible.
    Warn,
    /// Not checked.
    Off,
}

/// Declares the parameters of a regime and the matching all-optional overrides table.
macro_rules! regime_params {
    ($($(#[$meta:meta])* $field:ident: $ty:ty,)+) => {
        /// The parameters of one regime, `[rules.2017]` and `[rules.2026]`. The defaults of each
        /// regime are the documented ones (docs/schema.md); a file sets only what it changes.
        #[derive(Clone, Debug, Serialize)]
        pub struct RegimeParams { $($(#[$meta])* pub $field: $ty,)+ }

        #[derive(Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RegimeOverrides { $($field: Option<$ty>,)+ }

        impl RegimeOverrides {
            fn apply(self, mut params: RegimeParams) -> RegimeParams {
                $(if let Some(value) = self.$field { params.$field = value; })+
                params
            }
        }
    };
}

regime_params! {
    min_mentor_age: i32,
    citizenship: Level,
    certificate_valid_months: u32,
    /// Art. 212 items whose application to mentors is unverified (7, 9, 13): `warn` or `fail`.
    uncertain_disqualifications: Level,
    uncertain_disqualification_codes: Vec<Disqualification>,
    child_categories: Vec<Category>,
    require_institution_placement: bool,
    min_child_age: i32,
    max_child_age: i32,
    max_age_studying: i32,
    child_consent: Level,
    legal_representative_consent: Level,
    required_signatures: Vec<Party>,
    /// A young person of 18–23 signs instead of a legal representative (who an adult has
    /// not); where the regime asks no legal representative, they are added as a party.
    young_person_signs: bool,
    /// The institution is not a party when the child lives in a family (foster family,
    /// family-type home, guardian, own family).
    institution_optional_in_family: bool,
    /// Whether a *new* agreement may start for a young person of 18 or more (2017: only a
    /// continuation of one begun before 18).
    new_agreement_after_adulthood: bool,
}

impl RegimeParams {
    pub fn defaults(regime: Regime) -> Self {
        use Category::*;
        match regime {
            Regime::R2017 => RegimeParams {
                min_mentor_age: 18,
                citizenship: Level::Warn,
                certificate_valid_months: 12,
                uncertain_disqualifications: Level::Fail,
                uncertain_disqualification_codes: uncertain_codes(),
                child_categories: vec![Orphan, DeprivedOfParentalCare, InInstitution],
                require_institution_placement: true,
                min_child_age: 0,
                max_child_age: 18,
                max_age_studying: 23,
                child_consent: Level::Warn,
                legal_representative_consent: Level::Warn,
                required_signatures: vec![Party::Centre, Party::Institution, Party::Mentor],
                young_person_signs: true,
                institution_optional_in_family: false,
                new_agreement_after_adulthood: false,
            },
            Regime::R2026 => RegimeParams {
                min_mentor_age: 21,
                citizenship: Level::Fail,
                certificate_valid_months: 12,
                uncertain_disqualifications: Level::Fail,
                uncertain_disqualification_codes: uncertain_codes(),
                child_categories: Category::ALL.to_vec(),
                require_institution_placement: false,
                min_child_age: 10,
                max_child_age: 18,
                max_age_studying: 23,
                child_consent: Level::Fail,
                legal_representative_consent: Level::Fail,
                required_signatures: vec![
                    Party::Centre,
                    Party::Institution,
                    Party::Mentor,
                    Party::LegalRepresentative,
                ],
                young_person_signs: true,
                institution_optional_in_family: true,
                new_agreement_after_adulthood: true,
            },
        }
    }
}

fn uncertain_codes() -> Vec<Disqualification> {
    vec![
        Disqualification::NoResidenceOrIncome,
        Disqualification::UnmarriedForeigner,
        Disqualification::SpouseDisqualified,
    ]
}

/// Monitoring cadence and thresholds (docs/rules.md, "Monitoring"; no Ukrainian norm exists, these are
/// MENTOR's Elements of Effective Practice and Big Brothers Big Sisters defaults).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Monitoring {
    pub min_meetings_per_month: u32,
    pub min_hours_per_month: Minutes,
    pub first_checkin_days: u32,
    pub first_month_checkins: u32,
    pub checkin_interval_days_first_year: u32,
    pub checkin_interval_days_after: u32,
    pub proposal_unsigned_days: u32,
    pub child_waiting_days: u32,
    pub ending_within_days: u32,
    pub document_expiring_days: u32,
    /// A suspension longer than this many days is listed in `due` (resume or close).
    pub suspension_decision_days: u32,
    /// After the cutover, list running 2017 agreements in `due` for review.
    pub regime_review: bool,
}

impl Default for Monitoring {
    fn default() -> Self {
        Monitoring {
            min_meetings_per_month: 2,
            min_hours_per_month: Minutes::from_hours_whole(4),
            first_checkin_days: 14,
            first_month_checkins: 2,
            checkin_interval_days_first_year: 30,
            checkin_interval_days_after: 90,
            proposal_unsigned_days: 14,
            child_waiting_days: 60,
            ending_within_days: 90,
            document_expiring_days: 30,
            suspension_decision_days: 30,
            regime_review: true,
        }
    }
}

/// Where a mentor may be matched with a child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchScope {
    /// The same territorial community (громада), the default: the centre serves its community.
    Community,
    /// The same community and the same settlement (both recorded), for large rural communities.
    Settlement,
    /// Anyone with anyone (a centre serving several communities that share mentors).
    Any,
}

/// Hard-constraint switches and score weights (docs/rules.md, "Matching"). A pair failing a switched-on
/// constraint is never proposed, whatever its score.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Matching {
    pub scope: MatchScope,
    /// The child's `preferences.mentor_sex`, when set, must be the mentor's sex.
    pub respect_mentor_sex: bool,
    /// Child and mentor speak at least one language in common.
    pub require_shared_language: bool,
    /// The mentor is born at least this many years before the child [U].
    pub min_age_gap: i32,
    /// No pair with a child or institution listed in the mentor's `conflicts`.
    pub exclude_conflict_of_interest: bool,
    /// No pair whose earlier agreement closed with `child_refused` or `mentor_withdrew`.
    pub exclude_previous_breakups: bool,
    pub weights: Weights,
}

impl Default for Matching {
    fn default() -> Self {
        Matching {
            scope: MatchScope::Community,
            respect_mentor_sex: true,
            require_shared_language: true,
            min_age_gap: 5,
            exclude_conflict_of_interest: true,
            exclude_previous_breakups: true,
            weights: Weights::default(),
        }
    }
}

/// Points per unit of each score factor (non-negative: the solver maximises a sum of them).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// Per shared interest (compared case-insensitively).
    pub interests: f64,
    /// Per goal area of the child the mentor can help with.
    pub goal_areas: f64,
    /// Once, when both live in the same settlement.
    pub settlement: f64,
    /// Per weekday both are available (a child with no `availability` is free any day).
    pub availability: f64,
    /// Per 30 days the child has waited, so the longest-waiting are not passed over.
    pub waiting: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { interests: 3.0, goal_areas: 4.0, settlement: 2.0, availability: 0.5, waiting: 1.0 }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct GitSettings {
    pub commit: bool,
}

impl Default for GitSettings {
    fn default() -> Self {
        GitSettings { commit: true }
    }
}
