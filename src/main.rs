//! The `lectern` command line.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use lectern::build::decks::{self, DeckOptions};
use lectern::build::handbook::{self, Choice, HandbookOptions};
use lectern::build::{self, BuildOptions};
use lectern::config::Language;
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

#[derive(Parser)]
#[command(
    name = "lectern",
    version,
    about = "Compile a training programme into a static site and slide decks"
)]
#[command(after_help = "Examples:
  lectern build                           build ./ into ./public
  lectern --root my-course check          validate without writing
  lectern serve --open                    write lessons with the site open beside them
  lectern deck 02-editing/01-ab-tests --pdf   one deck, as HTML and PDF
  lectern new my-course --lang zh-CN      start a new programme
  lectern import my-book my-course        bring an mdBook, docsify site, GitBook or decks")]
struct Cli {
    /// The programme folder (the one with lectern.yaml)
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,

    /// Show every warning on its own (by default a kind seen many times is shown once,
    /// with a count and where the first few are)
    #[arg(long, global = true)]
    verbose: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct PdfArgs {
    /// Also print to PDF: every deck, or the handbook (needs Chromium)
    #[arg(long)]
    pdf: bool,
    /// The Chromium or Chrome to print with (default: the first on PATH)
    #[arg(long, value_name = "PATH", requires = "pdf")]
    chromium: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site (and a slide deck per lesson) into the output folder
    #[command(after_help = "Examples:
  lectern --root my-course build --out /media/usb/site
  lectern build --pdf                     decks as PDF too
  lectern build --no-decks                site and search only: a quicker build while writing

The previous output is replaced only when the build succeeds.")]
    Build {
        /// Output folder (default: public/ in the programme folder)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Include lessons marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Leave the slide decks (and the lesson pages' links to them) out
        #[arg(long, conflicts_with_all = ["pdf", "notes"])]
        no_decks: bool,
        /// Put the speaker notes into the decks (an instructors' copy: not for students)
        #[arg(long)]
        notes: bool,
        /// Write the handbooks too (handbook.html, and handbook-ROLE.html per role; PDFs with
        /// --pdf), linked from the home and role pages
        #[arg(long)]
        handbook: bool,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Validate everything and write nothing; exit code 1 on errors
    #[command(after_help = "Examples:
  lectern --root my-course check
  lectern --root my-course check --strict   # in CI: warnings fail too")]
    Check {
        /// Include lessons marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Treat warnings (a lesson no role needs, an SOP nobody performs, …) as errors
        #[arg(long)]
        strict: bool,
    },
    /// Export the slide decks of chosen lessons: one self-contained HTML file each
    #[command(after_help = "Examples:
  lectern deck 01-market-research/01-clip-sector
  lectern deck 01-market-research/01-clip-sector --notes   with speaker notes, for the presenter
  lectern deck 02-editing/01-ab-tests 02-editing/02-hit-formula --pdf --out /media/usb")]
    Deck {
        /// Lesson ids: MODULE/LESSON
        #[arg(required = true, value_name = "LESSON")]
        lessons: Vec<String>,
        /// Output folder; decks go to DIR/MODULE/LESSON.html (default: decks/ in the programme folder)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Include lessons marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Put the speaker notes in (for the presenter view and handouts)
        #[arg(long)]
        notes: bool,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Make the printed handbook: one HTML file (and a PDF) with a cover, contents with page
    /// numbers, the lessons, the SOP forms, and the Q&A and glossary as appendices
    #[command(after_help = "Examples:
  lectern handbook                        every lesson → public/handbook.html
  lectern handbook --role editor --pdf    a role's path and SOPs → handbook-editor.html and .pdf
  lectern handbook --module 02-editing --notes --out /media/usb

The page numbers in the contents and the \"见第 12 页\" references are filled in by --pdf,
which prints twice (the first print finds the pages).")]
    Handbook {
        /// Only this role's path (its lessons in order) and its SOPs
        #[arg(long, value_name = "ID", conflicts_with = "module")]
        role: Option<String>,
        /// Only this module's lessons and the SOPs they link to
        #[arg(long, value_name = "ID")]
        module: Option<String>,
        /// Output folder (default: the built site in public/, else handbooks/ in the programme folder)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Include lessons marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Keep the speaker notes (an instructors' copy)
        #[arg(long)]
        notes: bool,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Build, serve on http://127.0.0.1:1111/, and rebuild and reload as files change
    #[command(after_help = "Examples:
  lectern serve --open                    serve ./ and open a browser
  lectern --root my-course serve --port 8080

Only the built site is served (from memory; nothing is written). A broken edit keeps the
last good site and shows the error in the terminal and over every open page.")]
    Serve {
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on (anything but 127.0.0.1 shares the site with your network)
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in a browser
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of using file-system events (network drives, some VMs)
        #[arg(long)]
        poll: bool,
        /// Include lessons marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Make a programme from an mdBook, docsify site, GitBook, folder of chapters or decks
    #[command(after_help = "Examples:
  lectern import my-book my-course                  detect the layout (book.toml, _sidebar.md, SUMMARY.md, …)
  lectern import docs my-course --from docsify --title 直播切片 KOC 课程
  lectern import slides my-course --from marp
  lectern import my-book my-course --force --report import.json   import again, report as JSON

Chapters keep their text; links follow the lessons and images are copied. References that
are broken in the source are reported with their file:line:col and made plain text
(--keep-broken keeps them, so `lectern build` reports them too).")]
    Import {
        /// The book or deck folder to import
        src: PathBuf,
        /// The programme folder to write (new or empty; --force replaces an earlier import)
        dest: PathBuf,
        /// The source's layout (default: detected)
        #[arg(long, default_value = "auto", value_parser = ["auto", "mdbook", "docsify", "gitbook", "folder", "marp", "reveal"])]
        from: String,
        /// The programme's title (default: the book's, else its home page's first heading)
        #[arg(long)]
        title: Option<String>,
        /// zh-CN or en (default: the book's, else zh-CN when the chapters hold Chinese)
        #[arg(long, value_parser = parse_lang)]
        language: Option<Language>,
        /// Replace DEST when an earlier `lectern import` made it
        #[arg(long)]
        force: bool,
        /// Keep references that are broken in the source as they are
        #[arg(long)]
        keep_broken: bool,
        /// Chapters per module for a flat folder of chapters
        #[arg(long, default_value_t = 10, value_name = "N")]
        per_module: usize,
        /// Also write the report as JSON to FILE
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    /// Create a new programme that builds as is
    #[command(after_help = "Example:\n  lectern new my-course --lang zh-CN\n  cd my-course && lectern build")]
    New {
        /// Folder to create (must not exist or be empty)
        dir: PathBuf,
        /// Language of the UI and sample text
        #[arg(long, default_value = "zh-CN", value_parser = parse_lang)]
        lang: Language,
    },
}

fn parse_lang(s: &str) -> Result<Language, String> {
    match s {
        "zh-CN" => Ok(Language::ZhCn),
        "en" => Ok(Language::En),
        other => Err(format!("unknown language `{other}` (use zh-CN or en)")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
