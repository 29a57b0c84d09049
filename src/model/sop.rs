//! SOP checklists (`content/sops/*.yaml`, id = file stem).

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::SopId;
use crate::diag::SourceFile;
use crate::yaml::Spanned;

#[derive(Debug)]
pub struct Sop {
    pub id: SopId,
    pub file: Arc<SourceFile>,
    pub spec: SopSpec,
}

impl Sop {
    /// The whole file: every span in `spec` is relative to it.
    pub fn range(&self) -> Range<usize> {
        0..self.file.text.len()
    }

    /// The id of step `step` of section `section` (both from 0) on the SOP page, in its
    /// saved runs and exports: `s1-1`, `s1-2`, `s2-1`, …
    pub fn step_id(section: usize, step: usize) -> String {
        format!("s{}-{}", section + 1, step + 1)
    }

    /// The ids a link may name on the SOP page: each section (`s1`) and step (`s1-2`).
    pub fn page_anchors(&self) -> impl Iterator<Item = String> + '_ {
        self.spec.sections.iter().enumerate().flat_map(|(si, section)| {
            std::iter::once(format!("s{}", si + 1)).chain((0..section.steps.len()).map(move |ti| Sop::step_id(si, ti)))
        })
    }

    /// Steps in order, with their section index.
    pub fn steps(&self) -> impl Iterator<Item = (usize, &Spanned<Step>)> {
        self.spec
            .sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.steps.iter().map(move |st| (i, st)))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopSpec {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub owner: Option<Spanned<String>>,
    #[serde(default)]
    pub performers: Vec<Spanned<String>>,
    #[serde(default)]
    pub frequency: Frequency,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub lessons: Vec<Spanned<String>>,
    #[serde(default)]
    pub form: Vec<FormField>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub signoff: Vec<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub changelog: Vec<ChangelogEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    #[default]
    Daily,
    Weekly,
    Monthly,
    PerClip,
    Once,
}

impl Frequency {
    pub const ALL: [Frequency; 5] = [
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::PerClip,
        Frequency::Once,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::PerClip => "per-clip",
            Frequency::Once => "once",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub steps: Vec<Spanned<Step>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Inline Markdown.
    pub text: String,
    #[serde(default, rename = "type")]
    pub kind: StepKind,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default = "yes")]
    pub required: bool,
    /// Markdown.
    #[serde(default)]
    pub help: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    #[default]
    Check,
    Number,
    Text,
    Choice,
    Time,
    Date,
    Yesno,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    pub id: String,
    pub label: String,
    #[serde(default, rename = "type")]
    pub kind: FieldKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    #[default]
    Text,
    Date,
    Number,
    Time,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChangelogEntry {
    pub version: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}
