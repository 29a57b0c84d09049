//! The `lectern` command line.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

mod cli;

use cli::{Cli, Command, PdfArgs};
use lectern::build::decks::{self, DeckOptions};
use lectern::build::handbook::{self, Choice, HandbookOptions};
use lectern::build::{self, BuildOptions};
use lectern::diag::{self, Diagnostic, Diagnostics};
use lectern::emit::pdf;
use lectern::import::{self, ImportOptions};
use lectern::scaffold;
use lectern::serve::{self, ServeOptions};

/// mimalloc instead of the system allocator: a build allocates and frees millions of small
/// strings from several threads at once, and glibc's malloc took an eighth of its time
/// (docs/benchmarks.md, "Where the time goes").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its position in `mi_option_e`, the same in mimalloc
/// v2 and v3; `libmimalloc-sys` names no constant for it in v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A one-shot command keeps the memory it frees for its own next allocations. By default
/// mimalloc hands freed memory back to the system after a second, and a build, which frees
/// each page after writing it and allocates the next, then faulted the same memory in
/// again, zeroed by the kernel: 25,000–37,000 page faults and about a twentieth of the CPU of
/// a 10,000-lesson build, against 1,100 without. `serve` lives on between edits, so it keeps
/// the default and gives memory back.
fn keep_freed_memory() {
    // SAFETY: sets an option of the allocator this binary links; any value is valid for it.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// A one-shot command also asks Linux for no transparent huge pages. mimalloc marks its
/// memory for them, so each first touch of fresh heap had the kernel zero a whole 2 MiB page
/// and, with the common `defrag=madvise`, compact memory to find one: 10 builds of 10,000
/// lessons (output on tmpfs) took 0.9–2.6 s of system time with them (mean 1.47 s) and
/// 0.9–1.2 s without (mean 1.02 s), the same user time, wall time 6 % less on average
/// (docs/benchmarks.md). `serve` keeps the default.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes a flag and changes only this process's paging; a
    // kernel without it returns an error, which changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve { .. }) {
        keep_freed_memory();
        no_huge_pages();
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let style = diag::Style {
        color,
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Build {
            out,
            drafts,
            no_decks,
            notes,
            handbook,
            pdf,
        } => {
            let out = out.unwrap_or_else(|| cli.root.join("public"));
            let chromium = match chromium_for(&pdf) {
                Ok(c) => c,
                Err(d) => return fail(&d, color),
            };
            let had_output = out.exists();
            let outcome = build::build(&BuildOptions {
                root: cli.root,
                out: out.clone(),
                drafts,
                pdf: chromium,
                decks: !no_decks,
                notes,
                handbook,
            });
            report(&outcome.diagnostics, style, "build");
            match outcome.summary {
                Some(s) => {
                    say(&format!(
                        "built {} in {}: {} pages, {} other files → {} in {:.2}s",
                        count(s.lessons, "lesson"),
                        count(s.modules, "module"),
                        s.pages,
                        s.files,
                        out.display(),
                        s.elapsed.as_secs_f64()
                    ));
                    let (largest, bytes) = &s.search.largest;
                    say(&format!(
                        "search index: {} records, {} KB in {} files (largest {largest}, {} KB)",
                        s.search.records,
                        s.search.bytes / 1024,
                        s.search.files,
                        bytes / 1024
                    ));
                    ExitCode::SUCCESS
                }
                None => {
                    if had_output {
                        say(&format!("the previous output in {} was left unchanged", out.display()));
                    }
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { drafts, strict } => {
            let diags = build::check(&cli.root, drafts, strict);
            report(&diags, style, "check");
            if diags.has_errors() {
                ExitCode::FAILURE
            } else {
                say(&format!("no errors found in {}", cli.root.display()));
                ExitCode::SUCCESS
            }
        }
        Command::Deck {
            lessons,
            out,
            drafts,
            notes,
            pdf,
        } => {
            let chromium = match chromium_for(&pdf) {
                Ok(c) => c,
                Err(d) => return fail(&d, color),
            };
            let out = out.unwrap_or_else(|| decks::default_out(&cli.root));
            let (written, diags) = decks::export(&DeckOptions {
                root: cli.root,
                lessons,
                out,
                drafts,
                pdf: chromium,
                notes,
            });
            report_written(&diags, &written, style, "deck export")
        }
        Command::Handbook {
            role,
            module,
            out,
            drafts,
            notes,
            pdf,
        } => {
            let chromium = match chromium_for(&pdf) {
                Ok(c) => c,
                Err(d) => return fail(&d, color),
            };
            let choice = match (role, module) {
                (Some(r), _) => Choice::Role(r),
                (_, Some(m)) => Choice::Module(m),
                _ => Choice::All,
            };
            let out = out.unwrap_or_else(|| handbook::default_out(&cli.root));
            let (written, diags) = handbook::export(&HandbookOptions {
                root: cli.root,
                choice,
                out,
                drafts,
                notes,
                pdf: chromium,
            });
            report_written(&diags, &written, style, "handbook")
        }
        Command::Serve {
            port,
            bind,
            open,
            poll,
            drafts,
        } => {
            match serve::run(ServeOptions {
                root: cli.root,
                bind,
                port,
                open,
                poll,
                drafts,
                style,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => fail(&d, color),
            }
        }
        Command::Import {
            src,
            dest,
            from,
            title,
            language,
            force,
            keep_broken,
            per_module,
            report: report_file,
        } => {
            let opts = ImportOptions {
                src,
                dest,
                from: import::Layout::parse(&from),
                title,
                language,
                force,
                keep_broken,
                per_module,
            };
            match import::import(&opts) {
                Ok(r) => {
                    if !r.diagnostics.is_empty() {
                        let _ = write!(
                            std::io::stderr().lock(),
                            "{}",
                            diag::format_all(r.diagnostics.iter(), style)
                        );
                    }
                    let _ = write!(std::io::stderr().lock(), "{}", r.text());
                    if let Some(file) = report_file {
                        let json = serde_json::to_string_pretty(&r).expect("the report is plain data") + "\n";
                        if let Err(e) = std::fs::write(&file, json) {
                            say(&format!("error: cannot write `{}`: {e}", file.display()));
                            return ExitCode::FAILURE;
                        }
                    }
                    say(&format!("next: lectern --root {} build", opts.dest.display()));
                    ExitCode::SUCCESS
                }
                Err(d) => fail(&d, color),
            }
        }
        Command::New { dir, lang } => match scaffold::create(&dir, lang) {
            Ok(files) => {
                say(&format!("created a programme in {} ({files} files)", dir.display()));
                say(&format!("next: lectern --root {} build", dir.display()));
                ExitCode::SUCCESS
            }
            Err(d) => fail(&d, color),
        },
    }
}

/// Find Chromium up front when PDFs are wanted, so a missing one fails before any work.
fn chromium_for(args: &PdfArgs) -> Result<Option<PathBuf>, Diagnostic> {
    if !args.pdf {
        return Ok(None);
    }
    pdf::find_chromium(args.chromium.as_deref().map(Path::new)).map(Some)
}

fn fail(d: &Diagnostic, color: bool) -> ExitCode {
    say(&diag::format(d, color));
    ExitCode::FAILURE
}

fn report(diags: &Diagnostics, style: diag::Style, what: &str) {
    if diags.iter().next().is_some() {
        let text =
            diag::format_all(diags.iter(), style).replace("error: build failed", &format!("error: {what} failed"));
        let _ = write!(std::io::stderr().lock(), "{text}");
    }
}

/// The problems and the files written by `deck` or `handbook`; failure on any error.
fn report_written(diags: &Diagnostics, written: &[PathBuf], style: diag::Style, what: &str) -> ExitCode {
    report(diags, style, what);
    for path in written {
        say(&format!("wrote {}", path.display()));
    }
    if diags.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A line on stderr. Unlike `eprintln!`, a closed pipe (`lectern build 2>&1 | head`) is
/// not a panic.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option index is a bare number: check it lands on the purge delay, between its
    /// neighbours in `mi_option_e`, by their documented defaults.
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        let get = |option| unsafe { libmimalloc_sys::mi_option_get(option) };
        assert_eq!(
            get(MI_OPTION_PURGE_DELAY - 1),
            1,
            "eager_commit_delay (=1) comes before"
        );
        assert_eq!(
            get(MI_OPTION_PURGE_DELAY),
            1000,
            "purge_delay defaults to 1,000 ms (v3)"
        );
        assert_eq!(get(MI_OPTION_PURGE_DELAY + 1), 0, "use_numa_nodes (=0) comes after");
        keep_freed_memory();
        assert_eq!(get(MI_OPTION_PURGE_DELAY), -1);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn one_shot_commands_ask_for_no_huge_pages() {
        no_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE only reads this process's flag.
        assert_eq!(unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) }, 1);
    }
}
