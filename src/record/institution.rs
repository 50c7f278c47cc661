//! An institution where children live or study, a party to the agreement: `institutions/<id>.toml`.

use serde::{Deserialize, Serialize};

use super::enums::InstitutionKind;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    pub id: String,
    pub name: String,
    pub kind: InstitutionKind,
    pub address: String,
    pub director: String,
    /// What the director acts on («Статуту», «Положення про …»), in the genitive the
    /// agreement's «що діє на підставі …» needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edrpou: Option<String>,
    pub community: String,
}
