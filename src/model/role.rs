//! The role hierarchy (`content/roles.yaml`: a list).

use serde::Deserialize;

use crate::yaml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub reports_to: Option<Spanned<String>>,
    #[serde(default)]
    pub headcount: Option<u32>,
    #[serde(default)]
    pub responsibilities: Vec<String>,
    /// Lessons to complete, besides those whose `roles` name this role.
    #[serde(default)]
    pub lessons: Vec<Spanned<String>>,
    /// SOPs this role carries out, besides those whose `performers` name it.
    #[serde(default)]
    pub sops: Vec<Spanned<String>>,
    #[serde(default)]
    pub summary: Option<String>,
}

impl Role {
    pub fn id(&self) -> &str {
        &self.id.value
    }
}
