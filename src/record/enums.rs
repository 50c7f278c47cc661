//! The closed vocabularies of the schema (docs/schema.md), with their stable spellings.

use serde::{Deserialize, Serialize};

/// What every vocabulary offers, so that the presentation can build one parser for all of
/// them (the command line lists `NAMES` as its possible values) without the domain knowing it.
pub trait Code: Copy + Send + Sync + 'static {
    /// Every value's spelling, in the schema's order (aliases are accepted but not listed).
    const NAMES: &'static [&'static str];
    fn parse(text: &str) -> Option<Self>;
    fn as_str(self) -> &'static str;
}

/// Declares a schema enum with its TOML spelling, the list of all values (for "expected one of"
/// hints and `set` validation) and `as_str`.
macro_rules! schema_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text $(, alias = $alias)*)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text $(| $alias)* => Some($name::$variant),)+ _ => None }
            }

        }

        impl Code for $name {
            const NAMES: &'static [&'static str] = $name::NAMES;
            fn parse(text: &str) -> Option<Self> {
                $name::parse(text)
            }
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

schema_enum!(Sex { Female = "female", Male = "male" });

schema_enum!(
    /// The child's legal situation; which categories the service is for depends on the regime.
    Category {
        Orphan = "orphan",
        DeprivedOfParentalCare = "deprived_of_parental_care",
        InInstitution = "in_institution",
        DifficultCircumstances = "difficult_circumstances",
        WarAffected = "war_affected",
        ChildOfFallenDefender = "child_of_fallen_defender",
        Displaced = "displaced",
        CareLeaver = "care_leaver",
    }
);

schema_enum!(Placement {
    Institution = "institution",
    FosterFamily = "foster_family",
    FamilyTypeHome = "family_type_home",
    Guardian = "guardian",
    OwnFamily = "own_family",
    Independent = "independent",
});

schema_enum!(
    /// The six tasks of mentoring (CMU Resolution 465); `profession` and `money` are accepted
    /// as the coordinators' everyday words for the first and third.
    GoalArea {
        Abilities = "abilities" | "profession",
        Rights = "rights",
        PracticalSkills = "practical_skills" | "money",
        Communication = "communication",
        Responsibility = "responsibility",
        HealthyLifestyle = "healthy_lifestyle",
    }
);

schema_enum!(Weekday {
    Mon = "mon",
    Tue = "tue",
    Wed = "wed",
    Thu = "thu",
    Fri = "fri",
    Sat = "sat",
    Sun = "sun",
});

schema_enum!(MentorStatus { Active = "active", Paused = "paused", Withdrawn = "withdrawn" });

schema_enum!(InstitutionKind {
    GeneralSecondary = "general_secondary",
    Vocational = "vocational",
    ProfessionalPreHigher = "professional_pre_higher",
    Higher = "higher",
    ResidentialCare = "residential_care",
    Other = "other",
});

schema_enum!(Regime { R2017 = "2017", R2026 = "2026" });

schema_enum!(AgreementStatus {
    Proposed = "proposed",
    Active = "active",
    Suspended = "suspended",
    Closed = "closed",
});

schema_enum!(
    /// The parties whose signature an agreement may need (which ones: the regime decides).
    Party {
        Centre = "centre",
        Institution = "institution",
        Mentor = "mentor",
        LegalRepresentative = "legal_representative",
        /// A young person of 18–23: of full capacity (Civil Code art. 34), signs for themselves.
        YoungPerson = "young_person",
    }
);

schema_enum!(
    /// Who must consent to an outing or a visit to the mentor's family (docs/rules.md, the agreement).
    ConsentParty {
        Child = "child",
        LegalRepresentative = "legal_representative",
        Institution = "institution",
    }
);

schema_enum!(ContactKind {
    Meeting = "meeting",
    CheckinMentor = "checkin_mentor",
    CheckinChild = "checkin_child",
    Visit = "visit",
    Outing = "outing",
});

schema_enum!(ClosureReason {
    MutualConsent = "mutual_consent",
    MentorWithdrew = "mentor_withdrew",
    ChildRefused = "child_refused",
    ChildTurned18 = "child_turned_18",
    ChildTurned23 = "child_turned_23",
    EducationFinished = "education_finished",
    MentorIneligible = "mentor_ineligible",
    SafetySuspension = "safety_suspension",
    MovedAway = "moved_away",
    Other = "other",
    /// The child returned to the birth family.
    FamilyReunification = "family_reunification",
    Adoption = "adoption",
    /// Another family placement (foster family, family-type home, guardianship).
    FamilyPlacement = "family_placement",
    Death = "death",
    /// The centre removed the mentor for a breach of the agreement.
    MentorRemoved = "mentor_removed",
    /// A new agreement (another institution, a longer term) took this one's place.
    Reconcluded = "reconcluded",
});

impl ClosureReason {
    /// Whether the reason can end a child's case (`child close`), not only one agreement:
    /// what happened to the child (a family, adoption, age, education, a move, death, their
    /// own refusal). The mentor's withdrawal or removal, a suspension, mutual consent of the
    /// parties and a re-conclusion end an agreement; the child stays on the list for another.
    pub fn closes_a_case(self) -> bool {
        use ClosureReason::*;
        match self {
            ChildRefused | ChildTurned18 | ChildTurned23 | EducationFinished | MovedAway | Other
            | FamilyReunification | Adoption | FamilyPlacement | Death => true,
            MutualConsent | MentorWithdrew | MentorIneligible | SafetySuspension | MentorRemoved
            | Reconcluded => false,
        }
    }
}

schema_enum!(
    /// Family Code art. 212: who may not be a guardian, and so (CMU Res. 465) not a mentor.
    Disqualification {
        LimitedCapacity = "limited_capacity",
        Incapable = "incapable",
        DeprivedParentalRights = "deprived_parental_rights",
        CareTerminatedByFault = "care_terminated_by_fault",
        PsychiatricRegister = "psychiatric_register",
        SubstanceAbuse = "substance_abuse",
        NoResidenceOrIncome = "no_residence_or_income",
        ListedDisease = "listed_disease",
        UnmarriedForeigner = "unmarried_foreigner",
        CriminalRecord = "criminal_record",
        NeedsConstantCare = "needs_constant_care",
        Stateless = "stateless",
        SpouseDisqualified = "spouse_disqualified",
        ConflictOfInterest = "conflict_of_interest",
    }
);

impl ContactKind {
    /// Contacts made by the centre's staff, which the monitoring cadence counts.
    pub fn is_checkin(self) -> bool {
        matches!(self, ContactKind::CheckinMentor | ContactKind::CheckinChild | ContactKind::Visit)
    }

    /// Contacts whose hours count as mentoring time.
    pub fn is_mentoring(self) -> bool {
        matches!(self, ContactKind::Meeting | ContactKind::Outing)
    }
}

impl Placement {
    /// The child lives in a family (foster, family-type home, guardian, own), not in an
    /// institution nor on their own.
    pub fn is_family(self) -> bool {
        matches!(
            self,
            Placement::FosterFamily | Placement::FamilyTypeHome | Placement::Guardian | Placement::OwnFamily
        )
    }
}

impl AgreementStatus {
    /// Proposed, active or suspended: the child and the mentor are taken.
    pub fn is_open(self) -> bool {
        !matches!(self, AgreementStatus::Closed)
    }
}
