//! Phase 1: every decision that must be globally consistent, taken sequentially.

use std::collections::HashSet;

use crate::dates::*;
use crate::rng::Rng;
use crate::vocab::*;

// ------------------------------------------------------------------------------------------
// the fixed timeline

pub(crate) struct Timeline {
    pub(crate) today: Date,
    pub(crate) cutover: Date,
    pub(crate) start: Date,
}

// ------------------------------------------------------------------------------------------
// phase-1 records (everything that must be globally consistent)

pub(crate) struct Community {
    pub(crate) name: String,
    pub(crate) adj_m: String,     // "Березівський"
    pub(crate) adj_gen: String,   // "Березівської"
    pub(crate) kind: usize,       // index in COMMUNITY_KINDS
    pub(crate) centre: String,    // settlement name
    pub(crate) first_inst: usize, // institution indices first_inst .. first_inst + n_inst
    pub(crate) n_inst: usize,
}

pub(crate) struct Institution {
    pub(crate) community: u32,
    pub(crate) kind: u8,
    pub(crate) number: u32, // for school names
}

#[derive(Clone, Copy, Default)]
pub(crate) struct Person {
    pub(crate) sex: u8, // 0 female, 1 male
    pub(crate) surname: u16,
    pub(crate) given: u16,
    pub(crate) patr: u16,
    pub(crate) birth: Date,
}

pub(crate) struct Child {
    pub(crate) p: Person,
    pub(crate) community: u32,
    pub(crate) category: &'static str,
    pub(crate) placement: &'static str,
    pub(crate) institution: u32, // u32::MAX = none
    pub(crate) studying_until: Date,
    pub(crate) registered: Date,
    pub(crate) consent_child: Date,
    pub(crate) consent_rep: Date,
    pub(crate) assessment: Date,
    pub(crate) mentor_sex: u8, // 0 none, 1 female, 2 male
}

pub(crate) struct Mentor {
    pub(crate) p: Person,
    pub(crate) community: u32,
    pub(crate) citizenship: &'static str,
    pub(crate) status: &'static str, // "" = none
    pub(crate) capacity: u8,
    pub(crate) applied: Date,
    pub(crate) passport: Date,
    pub(crate) medical: Date,
    pub(crate) criminal: Date,
    pub(crate) screening: Date,
    pub(crate) training: Date,
    pub(crate) conclusion: Date,
    pub(crate) disq: &'static str, // "" = none
}

pub(crate) struct Agreement {
    pub(crate) child: u32,
    pub(crate) mentor: u32,
    pub(crate) institution: u32,
    pub(crate) status: &'static str,
    pub(crate) regime: &'static str,
    pub(crate) proposed: Date,
    pub(crate) sig: [Date; 4], // centre, institution, mentor, legal_representative
    pub(crate) signed: Date,
    pub(crate) ends_on: Date,
    pub(crate) closure: Date,
    pub(crate) closure_reason: &'static str,
    pub(crate) exit_interview: bool,
    pub(crate) contacts: u32,
    pub(crate) c_from: Date,
    pub(crate) c_to: Date,
    pub(crate) renewal: Option<(u32, Date)>, // from institution, date
}

pub(crate) struct World {
    pub(crate) seed: u64,
    pub(crate) t: Timeline,
    pub(crate) communities: Vec<Community>,
    pub(crate) institutions: Vec<Institution>,
    pub(crate) children: Vec<Child>,
    pub(crate) mentors: Vec<Mentor>,
    pub(crate) agreements: Vec<Agreement>,
    pub(crate) width: usize,
}

pub(crate) struct PersonSet {
    pub(crate) seen: HashSet<u64>,
}

impl PersonSet {
    /// Draw names for a person with a fixed sex and birth date, unique on
    /// (surname, given name, birth date) over the whole registry.
    pub(crate) fn draw(&mut self, r: &mut Rng, sex: u8, birth: Date) -> Person {
        let givens = if sex == 0 { FEMALE.len() } else { MALE.len() };
        loop {
            let surname = r.idx(SURNAMES.len()) as u16;
            let given = r.idx(givens) as u16;
            // surname string differs by sex only for gendered surnames, and the given-name
            // lists are disjoint, so (sex, surname, given) identifies the name strings
            let key =
                ((birth as u32 as u64) << 32) | ((sex as u64) << 24) | ((surname as u64) << 8) | given as u64;
            if self.seen.insert(key) {
                let patr = r.idx(PATRONYMICS.len()) as u16;
                return Person { sex, surname, given, patr, birth };
            }
        }
    }
}

pub(crate) fn june30(year: i32) -> Date {
    days_from_civil(year, 6, 30)
}

pub(crate) fn ends_on(c: &Child) -> Date {
    let e18 = add_years(c.p.birth, 18);
    if c.studying_until != NONE && c.studying_until > e18 {
        c.studying_until.min(add_years(c.p.birth, 23))
    } else {
        e18
    }
}

impl World {
    pub(crate) fn inst_of(&self, community: u32, kind: u8) -> Option<u32> {
        let c = &self.communities[community as usize];
        (c.first_inst..c.first_inst + c.n_inst).find(|&i| self.institutions[i].kind == kind).map(|i| i as u32)
    }
    /// A place of further study in the community (every community has one).
    pub(crate) fn study_inst(&self, r: &mut Rng, community: u32) -> u32 {
        let c = &self.communities[community as usize];
        let opts: Vec<u32> = (c.first_inst..c.first_inst + c.n_inst)
            .filter(|&i| self.institutions[i].kind >= K_VOCATIONAL)
            .map(|i| i as u32)
            .collect();
        *r.pick(&opts)
    }
}

/// Child placement / institution / studies for a child of the given age class.
/// `regime2017`: must be eligible under the 2017 rules (institution care).
pub(crate) fn child_situation(
    w: &World,
    r: &mut Rng,
    community: u32,
    birth: Date,
    regime2017: bool,
) -> (&'static str, &'static str, u32, Date) {
    let t = &w.t;
    let age = age_on(birth, t.today);
    let adult = age >= 18;
    let mut studying = NONE;
    if regime2017 || (!adult && r.pct(35)) {
        let category = *r.pick(CAT_2017);
        let placement = if regime2017 || category == "in_institution" || r.pct(40) {
            "institution"
        } else {
            *r.pick(&["foster_family", "family_type_home", "guardian"])
        };
        let inst;
        if adult || (age >= 15 && r.pct(50)) {
            inst = w.study_inst(r, community);
            let (ty, _, _) = civil_from_days(t.today);
            let mut y = ty + r.range(1, 4) as i32;
            if adult {
                // must study beyond today but the 23rd birthday caps the agreement anyway
                y = y.min(civil_from_days(add_years(birth, 23)).0.max(ty + 1));
            }
            studying = june30(y);
            if studying <= t.today {
                studying = june30(ty + 1);
            }
        } else if placement == "institution" {
            inst = w.inst_of(community, K_RESIDENTIAL).unwrap();
        } else {
            inst = w.inst_of(community, K_SCHOOL).unwrap();
        }
        return (category, placement, inst, studying);
    }
    if adult {
        let inst = w.study_inst(r, community);
        let (ty, _, _) = civil_from_days(t.today);
        studying = june30(ty + r.range(1, 3) as i32);
        return ("care_leaver", "independent", inst, studying);
    }
    let category = *r.pick(CAT_2026_ONLY);
    let placement = if r.pct(85) { "own_family" } else { "guardian" };
    let inst = if age >= 16 && r.pct(30) {
        let i = w.study_inst(r, community);
        let (ty, _, _) = civil_from_days(t.today);
        studying = june30(ty + r.range(1, 3) as i32);
        i
    } else {
        w.inst_of(community, K_SCHOOL).unwrap()
    };
    (category, placement, inst, studying)
}

pub(crate) fn build(
    seed: u64,
    n_children: usize,
    n_mentors: usize,
    n_agreements: usize,
    n_contacts: u64,
    n_comm: usize,
) -> World {
    let t = Timeline {
        today: days_from_civil(2026, 11, 23),
        cutover: days_from_civil(2026, 7, 14),
        start: days_from_civil(2025, 1, 1),
    };
    let maxn = n_children.max(n_mentors).max(n_agreements).max(n_comm * 4);
    let width = maxn.to_string().len().max(6);
    let mut w = World {
        seed,
        t,
        communities: Vec::with_capacity(n_comm),
        institutions: Vec::new(),
        children: Vec::with_capacity(n_children),
        mentors: Vec::with_capacity(n_mentors),
        agreements: Vec::with_capacity(n_agreements),
        width,
    };
    let mut r = Rng::new(seed);

    // communities and their institutions: residential care, a school, a vocational lyceum or a
    // college, sometimes a higher-education institution
    for i in 0..n_comm {
        let root = ROOTS[i % ROOTS.len()];
        let (ssuf, astem, acl) = SUFFIXES[(i / ROOTS.len()) % SUFFIXES.len()];
        let kind = (i / (ROOTS.len() * SUFFIXES.len())) % COMMUNITY_KINDS.len();
        let round = i / (ROOTS.len() * SUFFIXES.len() * COMMUNITY_KINDS.len());
        let stem = format!("{}{}{}", root, astem, acl);
        let mut name = format!("{}а {} територіальна громада", stem, COMMUNITY_KINDS[kind].0);
        if round > 0 {
            name.push_str(&format!(" {}", round + 1));
        }
        let first = w.institutions.len();
        let mut kinds = vec![K_RESIDENTIAL, K_SCHOOL, if r.pct(50) { K_VOCATIONAL } else { K_PREHIGHER }];
        if r.pct(25) {
            kinds.push(K_HIGHER);
        }
        for k in &kinds {
            w.institutions.push(Institution { community: i as u32, kind: *k, number: r.range(1, 12) as u32 });
        }
        w.communities.push(Community {
            name,
            adj_m: format!("{}ий", stem),
            adj_gen: format!("{}ої", stem),
            kind,
            centre: format!("{}{}", root, ssuf),
            first_inst: first,
            n_inst: kinds.len(),
        });
    }

    // agreement plans: which child and mentor, status and timeline
    let n_agreements = n_agreements.min(n_children).min(n_mentors);
    struct Plan {
        community: u32,
        status: &'static str,
        proposed: Date,
        sig: [Date; 4],
        closure: Date,
        reason: &'static str,
        turned18: bool,
    }
    let mut plans = Vec::with_capacity(n_agreements);
    let today = w.t.today;
    for _ in 0..n_agreements {
        let community = r.idx(n_comm) as u32;
        let roll = r.below(100);
        let status = if roll < 72 {
            "active"
        } else if roll < 88 {
            "closed"
        } else if roll < 92 {
            "suspended"
        } else {
            "proposed"
        };
        let proposed = match status {
            "proposed" => today - r.range(1, 45) as Date,
            "closed" => r.range(w.t.start as i64, (today - 40) as i64) as Date,
            _ => r.range(w.t.start as i64, (today - 21) as i64) as Date,
        };
        let is2026 = proposed >= w.t.cutover;
        let mut sig = [NONE; 4];
        let nparties = if is2026 { 4 } else { 3 };
        for s in sig.iter_mut().take(nparties) {
            *s = (proposed + r.range(1, 14) as Date).min(today);
        }
        let mut closure = NONE;
        let mut reason = "";
        let mut turned18 = false;
        let signed = *sig.iter().take(nparties).max().unwrap();
        if status == "proposed" {
            // partially signed or not at all: drop at least one required signature
            let keep = r.range(0, nparties as i64 - 1) as usize;
            let mut order: Vec<usize> = (0..nparties).collect();
            for i in (1..order.len()).rev() {
                let j = r.idx(i + 1);
                order.swap(i, j);
            }
            for &p in order.iter().skip(keep) {
                sig[p] = NONE;
            }
        } else if status == "closed" {
            closure = r.range((signed + 7) as i64, today as i64) as Date;
            if r.pct(25) {
                reason = "child_turned_18";
                turned18 = true;
            } else {
                reason = *r.pick(CLOSURE_REASONS);
            }
        }
        plans.push(Plan { community, status, proposed, sig, closure, reason, turned18 });
    }

    // which child / mentor index each agreement uses (spread evenly over the ID ranges)
    let mut child_plan = vec![u32::MAX; n_children];
    let mut mentor_plan = vec![u32::MAX; n_mentors];
    for j in 0..n_agreements {
        child_plan[j * n_children / n_agreements] = j as u32;
        mentor_plan[j * n_mentors / n_agreements] = j as u32;
    }

    let mut persons = PersonSet { seen: HashSet::with_capacity((n_children + n_mentors) * 2) };

    // children
    for &plan in &child_plan {
        if plan != u32::MAX {
            let p = &plans[plan as usize];
            let is2026 = p.proposed >= w.t.cutover;
            let sex = r.below(2) as u8;
            let birth = if p.turned18 {
                add_years(p.closure, -18)
            } else if is2026 {
                // 2026 rules: 10+ at the proposal and still a child (or a student) today
                if r.pct(8) {
                    birth_for_age(&mut r, today, 18, 21)
                } else {
                    birth_for_age(&mut r, today, 11, 17)
                }
            } else if r.pct(12) {
                birth_for_age(&mut r, today, 18, 21)
            } else {
                birth_for_age(&mut r, today, 10, 17)
            };
            let (mut category, mut placement, inst, mut studying) =
                child_situation(&w, &mut r, p.community, birth, !is2026);
            if p.turned18 {
                studying = NONE;
                if placement == "institution" {
                    placement = "independent";
                }
                if category == "care_leaver" {
                    category = "orphan";
                }
            }
            let registered = (p.proposed - r.range(5, 150) as Date).max(add_years(birth, 6));
            let span = (p.proposed - registered) as i64;
            let consent_child = registered + r.range(0, span.min(10)) as Date;
            let consent_rep = registered + r.range(0, span.min(12)) as Date;
            let assessment = registered + r.range(0, span.min(20)) as Date;
            let person = persons.draw(&mut r, sex, birth);
            w.children.push(Child {
                p: person,
                community: p.community,
                category,
                placement,
                institution: inst,
                studying_until: studying,
                registered,
                consent_child,
                consent_rep,
                assessment,
                mentor_sex: 0, // set with the mentor below
            });
        } else {
            let community = r.idx(n_comm) as u32;
            let sex = r.below(2) as u8;
            let roll = r.below(100);
            let birth = if roll < 5 {
                birth_for_age(&mut r, today, 6, 9)
            } else if roll < 13 {
                birth_for_age(&mut r, today, 18, 22)
            } else {
                birth_for_age(&mut r, today, 10, 17)
            };
            let (category, placement, inst, studying) = child_situation(&w, &mut r, community, birth, false);
            let registered = r.range(w.t.start as i64, today as i64) as Date;
            let registered = registered.max(add_years(birth, 5));
            let croll = r.below(100);
            let cap = |d: Date| if d > today { NONE } else { d };
            let consent_child = if croll < 96 { cap(registered + r.range(0, 10) as Date) } else { NONE };
            let consent_rep = if croll < 92 { cap(registered + r.range(0, 14) as Date) } else { NONE };
            let assessment = cap(registered + r.range(3, 30) as Date);
            let mentor_sex = if r.pct(20) { 1 + r.below(2) as u8 } else { 0 };
            let person = persons.draw(&mut r, sex, birth);
            w.children.push(Child {
                p: person,
                community,
                category,
                placement,
                institution: inst,
                studying_until: studying,
                registered,
                consent_child,
                consent_rep,
                assessment,
                mentor_sex,
            });
        }
    }

    // mentors
    for &plan in &mentor_plan {
        let sex = if r.pct(62) { 0 } else { 1 };
        if plan != u32::MAX {
            let p = &plans[plan as usize];
            let birth = birth_for_age(&mut r, today, 28, 64);
            let applied = p.proposed - r.range(45, 240) as Date;
            let training = applied + r.range(14, 35) as Date;
            let conclusion = training + r.range(1, 7) as Date;
            let mut medical = applied - r.range(0, 25) as Date;
            let mut criminal = applied - r.range(0, 15) as Date;
            if p.status != "closed" && medical < today - 350 {
                // certificates renewed while mentoring
                medical = today - r.range(5, 300) as Date;
                criminal = today - r.range(5, 300) as Date;
            }
            let person = persons.draw(&mut r, sex, birth);
            w.mentors.push(Mentor {
                p: person,
                community: p.community,
                citizenship: "UA",
                status: if p.reason == "mentor_withdrew" {
                    "withdrawn"
                } else if r.pct(10) {
                    "active"
                } else {
                    ""
                },
                capacity: if r.pct(5) { 2 } else { 1 },
                applied,
                passport: applied,
                medical,
                criminal,
                screening: applied + r.range(2, 10) as Date,
                training,
                conclusion,
                disq: "",
            });
        } else {
            let community = r.idx(n_comm) as u32;
            let roll = r.below(100);
            let birth = if roll < 3 {
                birth_for_age(&mut r, today, 19, 20)
            } else {
                birth_for_age(&mut r, today, 22, 68)
            };
            let applied = r.range((w.t.start - 200) as i64, (today - 3) as i64) as Date;
            let applied = applied.max(add_years(birth, 18) + 30);
            let mut training = applied + r.range(14, 35) as Date;
            let mut conclusion = training + r.range(1, 7) as Date;
            let mut status = "";
            let mut disq = "";
            let mut citizenship = "UA";
            let roll2 = r.below(100);
            if roll2 < 8 || conclusion > today {
                training = NONE; // still in the pipeline
                conclusion = NONE;
            } else if roll2 < 11 {
                status = "paused";
            } else if roll2 < 13 {
                status = "withdrawn";
            } else if roll2 < 15 {
                disq = *r.pick(DISQ);
                training = NONE;
                conclusion = NONE;
            } else if roll2 < 17 {
                citizenship = *r.pick(FOREIGN);
            }
            if training != NONE && r.pct(10) && training > today - 60 {
                // trained, conclusion not issued yet
                conclusion = NONE;
            }
            let person = persons.draw(&mut r, sex, birth);
            w.mentors.push(Mentor {
                p: person,
                community,
                citizenship,
                status,
                capacity: if r.pct(5) { 2 } else { 1 },
                applied,
                passport: applied,
                medical: applied - r.range(0, 25) as Date,
                criminal: applied - r.range(0, 15) as Date,
                screening: (applied + r.range(2, 10) as Date).min(today),
                training,
                conclusion,
                disq,
            });
        }
    }

    // agreements
    let mut total_days: u128 = 0;
    for (j, p) in plans.iter().enumerate() {
        let ci = j * n_children / n_agreements;
        let mi = j * n_mentors / n_agreements;
        let is2026 = p.proposed >= w.t.cutover;
        let nparties = if is2026 { 4 } else { 3 };
        let complete = p.sig.iter().take(nparties).all(|&d| d != NONE);
        let signed = if complete { *p.sig.iter().take(nparties).max().unwrap() } else { NONE };
        // the child's wish about the mentor's sex, if any, is the mentor's sex
        if r.pct(20) {
            w.children[ci].mentor_sex = 1 + w.mentors[mi].p.sex;
        }
        let (c_from, c_to) = if signed == NONE {
            (NONE, NONE)
        } else if p.status == "closed" {
            (signed, p.closure)
        } else if p.status == "suspended" {
            (signed, (today - r.range(0, 60) as Date).max(signed))
        } else {
            (signed, today)
        };
        if signed != NONE {
            total_days += (c_to - c_from + 1) as u128;
        }
        let child = &w.children[ci];
        let mut renewal = None;
        if p.status == "active" && !is2026 && child.placement == "institution" {
            let kind = w.institutions[child.institution as usize].kind;
            if kind >= K_VOCATIONAL && r.pct(15) && today - signed > 60 {
                let from = w.inst_of(child.community, K_RESIDENTIAL).unwrap();
                renewal = Some((from, r.range((signed + 30) as i64, (today - 1) as i64) as Date));
            }
        }
        w.agreements.push(Agreement {
            child: ci as u32,
            mentor: mi as u32,
            institution: child.institution,
            status: p.status,
            regime: if is2026 { "2026" } else { "2017" },
            proposed: p.proposed,
            sig: p.sig,
            signed,
            ends_on: ends_on(child),
            closure: p.closure,
            closure_reason: p.reason,
            exit_interview: r.pct(60),
            contacts: 0,
            c_from,
            c_to,
            renewal,
        });
    }
    // contacts: proportional to each agreement's signed duration
    if total_days > 0 {
        let mut given: u64 = 0;
        let mut acc: u128 = 0;
        for a in w.agreements.iter_mut() {
            if a.signed == NONE {
                continue;
            }
            acc += (a.c_to - a.c_from + 1) as u128;
            let upto = (n_contacts as u128 * acc).checked_div(total_days).unwrap_or(0) as u64;
            a.contacts = (upto - given) as u32;
            given = upto;
        }
    }
    w
}
