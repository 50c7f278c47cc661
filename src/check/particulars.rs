//! Whether a proposed agreement's document would print blanks: the particulars it needs
//! (authority documents, identity documents, addresses, the child's status decision) that the
//! records lack. Filled in by hand on paper, but better in the records before anyone signs.

use crate::record::Agreement;
use crate::record::agreement::is_young_person;
use crate::record::enums::Party;
use crate::registry::Registry;

/// A particular the document needs and the records lack: it would print a blank line.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingParticular {
    pub agreement: String,
    /// The file to fill it in, relative to the registry.
    pub file: String,
    /// The field, as `set` takes it.
    pub field: &'static str,
}

/// What a proposed agreement's document would leave blank: filled in by hand on paper, but
/// better in the records before anyone signs. Only proposed agreements: a signed one is
/// already on paper.
pub fn missing_particulars(registry: &Registry, agreement: &Agreement) -> Vec<MissingParticular> {
    use crate::record::Kind;
    use crate::record::enums::{AgreementStatus, Category};
    if agreement.status != AgreementStatus::Proposed {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut need = |present: bool, file: String, field: &'static str| {
        if !present {
            out.push(MissingParticular { agreement: agreement.id.clone(), file, field });
        }
    };
    let file = |kind: Kind, id: &str| format!("{}/{id}.toml", kind.dir());
    let config_file = crate::registry::CONFIG_FILE.to_string();
    let centre = &registry.config.centre;
    need(centre.authority.is_some(), config_file.clone(), "centre.authority");
    need(centre.settlement.is_some(), config_file, "centre.settlement");
    if let Some(institution) = agreement.institution.as_deref().and_then(|id| registry.institution(id)) {
        need(institution.authority.is_some(), file(Kind::Institution, &institution.id), "authority");
    }
    if let Some(mentor) = registry.mentor(&agreement.mentor) {
        let (path, id) = (file(Kind::Mentor, &mentor.id), &mentor.identity_document);
        need(id.number.is_some(), path.clone(), "identity_document.number");
        need(id.issued_by.is_some(), path.clone(), "identity_document.issued_by");
        need(id.issued_on.is_some(), path.clone(), "identity_document.issued_on");
        need(mentor.registered_address.is_some(), path, "registered_address");
    }
    if let Some(child) = registry.child(&agreement.child) {
        let path = file(Kind::Child, &child.id);
        need(child.address.is_some(), path.clone(), "address");
        if matches!(child.category, Category::Orphan | Category::DeprivedOfParentalCare) {
            let decision = &child.status_decision;
            need(decision.authority.is_some(), path.clone(), "status_decision.authority");
            need(decision.date.is_some(), path.clone(), "status_decision.date");
            need(decision.number.is_some(), path.clone(), "status_decision.number");
        }
        let required = &crate::record::agreement::required_parties(agreement, &registry.config);
        let adult = is_young_person(agreement, &registry.config, child.birth_date);
        if required.contains(&Party::LegalRepresentative) && !adult {
            let consent = &child.consent;
            need(
                consent.legal_representative_name.is_some(),
                path.clone(),
                "consent.legal_representative_name",
            );
            need(
                consent.legal_representative_authority.is_some(),
                path,
                "consent.legal_representative_authority",
            );
        }
    }
    out
}
