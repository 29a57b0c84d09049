//! `lectern handbook` and `build --handbook`: the printed handbook of the whole programme,
//! a role or a module, as one HTML file and, through Chromium, a PDF whose table of
//! contents and page references carry the pages the chapters were printed on.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use super::site::renderer;
use crate::compile::{compile, Compiled};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::emit::pdf_pages::destination_pages;
use crate::emit::{pdf, MARKER};
use crate::render::{PageNumbers, Renderer, Selection};

/// Which handbook `lectern handbook` makes.
#[derive(Debug, Clone)]
pub enum Choice {
    All,
    Role(String),
    Module(String),
}

pub struct HandbookOptions {
    pub root: PathBuf,
    pub choice: Choice,
    /// The folder the handbook is written to.
    pub out: PathBuf,
    pub drafts: bool,
    /// Keep the speaker notes (`--notes`).
    pub notes: bool,
    /// Print to PDF with this Chromium.
    pub pdf: Option<PathBuf>,
}

/// Where `lectern handbook` writes by default: the built site's folder (`public/`), so
/// the handbook's links to pages that are not in it reach the site; `handbooks/` when
/// there is no built site there (a file of ours in `public/` would make `build` refuse it).
pub fn default_out(root: &Path) -> PathBuf {
    let site = root.join("public");
    match site.join(MARKER).is_file() {
        true => site,
        false => root.join("handbooks"),
    }
}

/// The files written (HTML, and PDF when asked), or the problems that stopped it.
pub fn export(opts: &HandbookOptions) -> (Vec<PathBuf>, Diagnostics) {
    let (compiled, mut diags) = compile(&opts.root, opts.drafts);
    let Some(c) = compiled.filter(|_| !diags.has_errors()) else {
        diags.sort();
        return (Vec::new(), diags);
    };
    // Only errors stop a handbook; warnings are for `lectern check`.
    let mut kept = Diagnostics::default();
    kept.extend(diags.into_vec().into_iter().filter(|d| d.is_error()));
    let mut diags = kept;
    let selection = match resolve(&c, &opts.choice) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return (Vec::new(), diags);
        }
    };
    let written = renderer(&c, &opts.root, false, false)
        .and_then(|(renderer, _)| {
            std::fs::create_dir_all(&opts.out)
                .map_err(|e| Diagnostic::error(format!("cannot create {}: {e}", opts.out.display())))?;
            write_handbooks(&renderer, &[selection], opts.notes, &opts.out, opts.pdf.as_deref())
        })
        .unwrap_or_else(|d| {
            diags.push(d);
            Vec::new()
        });
    diags.sort();
    (written, diags)
}

/// The selection `choice` names, or an error that lists the ids there are.
pub fn resolve(c: &Compiled, choice: &Choice) -> Result<Selection, Diagnostic> {
    let p = &c.programme;
    let (what, id, ids): (&str, &str, Vec<&str>) = match choice {
        Choice::All => return Ok(Selection::All),
        Choice::Role(id) => ("role", id, p.roles.iter().map(|r| r.id()).collect()),
        Choice::Module(id) => ("module", id, p.modules.iter().map(|m| m.id.as_str()).collect()),
    };
    match ids.iter().position(|i| *i == id.trim()) {
        Some(i) if what == "role" => Ok(Selection::Role(i)),
        Some(i) => Ok(Selection::Module(i)),
        None => {
            let mut help = format!("the {what}s are: {}", ids.join(", "));
            if let Some(hint) = did_you_mean(id, ids.iter().copied()) {
                help = format!("{hint}; {help}");
            }
            Err(Diagnostic::error(format!("no {what} `{id}`")).help(help))
        }
    }
}

/// Write the handbook of each selection into `dir` (and print it with `chromium`);
/// returns the files written. A progress bar shows when there is more than one print.
pub(super) fn write_handbooks(
    renderer: &Renderer,
    selections: &[Selection],
    notes: bool,
    dir: &Path,
    chromium: Option<&Path>,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let date = today();
    let bar = match chromium {
        Some(_) => ProgressBar::new(selections.len() as u64),
        None => ProgressBar::hidden(),
    };
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("handbook");
    let mut written = Vec::new();
    for &selection in selections {
        let html_path = dir.join(selection.file_name(renderer.input));
        bar.set_message(selection.file_name(renderer.input));
        let render = |numbers: PageNumbers| {
            renderer
                .handbook(selection, notes, &date, numbers)
                .map(crate::render::OutputPage::into_text)
        };
        let write = |html: String| {
            std::fs::write(&html_path, html)
                .map_err(|e| Diagnostic::error(format!("cannot write {}: {e}", html_path.display())))
        };
        match chromium {
            None => {
                write(render(PageNumbers::Unknown)?)?;
                written.push(html_path);
            }
            Some(chromium) => {
                let pdf_path = html_path.with_extension("pdf");
                print_numbered(chromium, &html_path, &pdf_path, render, write, &bar)?;
                written.extend([html_path, pdf_path]);
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(written)
}

/// Print the handbook until its page numbers are the pages it printed on: first with
/// stand-ins as wide as a number, then with the pages that print found, again until a
/// print agrees with the numbers it carries (a number's width can move a line, rarely a
/// page). The HTML left in `html` is the one the PDF was printed from.
fn print_numbered(
    chromium: &Path,
    html: &Path,
    pdf_path: &Path,
    render: impl Fn(PageNumbers) -> Result<String, Diagnostic>,
    write: impl Fn(String) -> Result<(), Diagnostic>,
    bar: &ProgressBar,
) -> Result<(), Diagnostic> {
    write(render(PageNumbers::Placeholder)?)?;
    let mut pages = destination_pages(&pdf::print_document(chromium, html, pdf_path)?);
    for pass in 2..=4 {
        bar.set_message(format!("{} (print {pass})", html.display()));
        write(render(PageNumbers::Known(&pages))?)?;
        let printed = destination_pages(&pdf::print_document(chromium, html, pdf_path)?);
        if printed == pages {
            return Ok(());
        }
        pages = printed;
    }
    let _ = std::fs::remove_file(pdf_path);
    Err(Diagnostic::error(format!(
        "the page numbers of {} did not settle: each print moved the chapters",
        html.display()
    ))
    .help("report this with the programme; the HTML handbook is written without a PDF"))
}

/// Today's date (UTC) as YYYY-MM-DD, or the date of `SOURCE_DATE_EPOCH` when it is set, so
/// a handbook can be printed again byte for byte.
fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 → (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
