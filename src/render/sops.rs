//! SOP pages: an interactive checklist that is also the printable paper form.

use serde::Serialize;

use super::{LessonSummary, OutputPage, QaSummary, Renderer, RoleSummary, SopSummary};
use crate::diag::Diagnostic;
use crate::model::{ChangelogEntry, FormField, Sop, SopIx, StepKind};
use crate::urls;

#[derive(Serialize)]
struct StepView<'a> {
    /// Stable within a version of the SOP: `s<section>-<step>`, 1-based.
    id: String,
    number: usize,
    text_html: &'a str,
    help_html: Option<&'a str>,
    kind: StepKind,
    required: bool,
    min: Option<f64>,
    max: Option<f64>,
    unit: Option<&'a str>,
    options: &'a [String],
}

#[derive(Serialize)]
struct SectionView<'a> {
    title: &'a str,
    steps: Vec<StepView<'a>>,
}

/// What the SOP's header and paper form show.
#[derive(Serialize)]
pub(super) struct SopForm<'a> {
    sop: &'a SopSummary,
    form: &'a [FormField],
    signoff: &'a [String],
    owner: Option<&'a RoleSummary>,
    performers: Vec<&'a RoleSummary>,
    sections: Vec<SectionView<'a>>,
    /// A QR code to the SOP's page online, printed on the form (only with `base_url`).
    qr_svg: Option<String>,
}

/// What the page script needs, embedded as JSON (the SOP page's, and for every SOP the
/// collation page's: `collect.js` labels hand-in values by these step ids).
#[derive(Serialize)]
pub(super) struct ScriptData<'a> {
    id: &'a str,
    title: &'a str,
    version: Option<&'a str>,
    frequency: &'a str,
    steps: Vec<ScriptStep<'a>>,
    form: &'a [FormField],
}

#[derive(Serialize)]
pub(super) struct ScriptStep<'a> {
    id: String,
    section: &'a str,
    text: &'a str,
    kind: StepKind,
    required: bool,
    unit: Option<&'a str>,
}

/// The UI strings the page script shows.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScriptStrings {
    done: &'static str,
    version_changed: &'static str,
    imported: &'static str,
    import_failed: &'static str,
    confirm_clear: &'static str,
    no_history: &'static str,
    current_run: &'static str,
    yes: &'static str,
    no: &'static str,
    na: &'static str,
    date: &'static str,
}

impl ScriptStrings {
    fn new(t: &'static super::i18n::Strings) -> Self {
        ScriptStrings {
            done: t.progress,
            version_changed: t.version_changed,
            imported: t.imported,
            import_failed: t.import_failed,
            confirm_clear: t.confirm_clear,
            no_history: t.no_history,
            current_run: t.current_run,
            yes: t.yes,
            no: t.no,
            na: t.not_applicable,
            date: t.date,
        }
    }
}

impl Renderer<'_> {
    pub fn sop_index(&self) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct Index<'a> {
            groups: Vec<super::data::SopGroup<'a>>,
        }
        let all: Vec<SopIx> = SopIx::all(self.data.sops.len()).collect();
        self.page_from_template(
            "sops.html",
            urls::SOPS,
            &Index {
                groups: self.data.sops_grouped(&all),
            },
        )
    }

    /// The SOP's header and paper form (`_sop_header.html`, `_sop_form.html`), which the
    /// SOP page and the handbook both show.
    pub(super) fn sop_form(&self, index: usize) -> SopForm<'_> {
        let p = self.data.programme;
        let r = &self.input.relations;
        let sop = &p.sops[index];
        let rendered = &self.input.sop_steps[index];
        let mut number = 0;
        let sections: Vec<SectionView> = sop
            .spec
            .sections
            .iter()
            .enumerate()
            .map(|(si, section)| SectionView {
                title: &section.title,
                steps: section
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(ti, step)| {
                        let step = &step.value;
                        let rendered = &rendered[number];
                        number += 1;
                        StepView {
                            id: Sop::step_id(si, ti),
                            number,
                            text_html: &rendered.text.html,
                            help_html: rendered.help.as_ref().map(|h| h.html.as_str()),
                            kind: step.kind,
                            required: step.required,
                            min: step.min,
                            max: step.max,
                            unit: step.unit.as_deref(),
                            options: &step.options,
                        }
                    })
                    .collect(),
            })
            .collect();
        SopForm {
            sop: &self.data.sops[index],
            form: &sop.spec.form,
            signoff: &sop.spec.signoff,
            owner: r.sop_owner[SopIx(index)].map(|i| &self.data.roles[i]),
            performers: r.sop_performers[SopIx(index)]
                .iter()
                .map(|&i| &self.data.roles[i])
                .collect(),
            sections,
            qr_svg: super::qr::online_page_svg(p.config.base_url.as_deref(), &urls::sop_page(&sop.id)),
        }
    }

    pub fn sop(&self, index: usize) -> Result<OutputPage, Diagnostic> {
        #[derive(Serialize)]
        struct SopPage<'a> {
            #[serde(flatten)]
            paper: SopForm<'a>,
            changelog: &'a [ChangelogEntry],
            lessons: Vec<&'a LessonSummary>,
            qa: Vec<&'a QaSummary>,
            required_count: usize,
            data_json: String,
            strings_json: String,
        }
        let p = self.data.programme;
        let r = &self.input.relations;
        let sop = &p.sops[index];
        let paper = self.sop_form(index);
        let data = self.sop_script_data(index);
        let required_count = data.steps.iter().filter(|s| s.required).count();
        self.page_from_template(
            "sop.html",
            &urls::sop_page(&sop.id),
            &SopPage {
                paper,
                changelog: &sop.spec.changelog,
                lessons: r.sop_lessons[SopIx(index)]
                    .iter()
                    .map(|&i| &self.data.lessons[i])
                    .collect(),
                qa: r.sop_qa[SopIx(index)].iter().map(|&i| &self.data.qa[i]).collect(),
                required_count,
                data_json: script_json(&data),
                strings_json: script_json(&ScriptStrings::new(self.data.strings)),
            },
        )
    }
}

impl Renderer<'_> {
    /// The SOP as its page script and the collation page see it: steps by id, with
    /// their plain text.
    pub(super) fn sop_script_data(&self, index: usize) -> ScriptData<'_> {
        let sop = &self.data.programme.sops[index];
        let rendered = &self.input.sop_steps[index];
        let steps = sop
            .spec
            .sections
            .iter()
            .enumerate()
            .flat_map(|(si, section)| {
                section
                    .steps
                    .iter()
                    .enumerate()
                    .map(move |(ti, step)| (si, section, ti, step))
            })
            .zip(rendered)
            .map(|((si, section, ti, step), rendered)| ScriptStep {
                id: Sop::step_id(si, ti),
                section: &section.title,
                text: &rendered.text.plain,
                kind: step.value.kind,
                required: step.value.required,
                unit: step.value.unit.as_deref(),
            })
            .collect();
        ScriptData {
            id: &sop.id.0,
            title: &sop.spec.title,
            version: sop.spec.version.as_deref(),
            frequency: sop.spec.frequency.key(),
            steps,
            form: &sop.spec.form,
        }
    }
}

/// JSON safe to place inside `<script type="application/json">`: no `<`, `>` or `&`
/// that could close the element or start a comment.
pub fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
