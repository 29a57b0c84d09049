//! The `lectern` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use lectern::build::{self, BuildOptions};
use lectern::config::Language;
use lectern::diag::{self, Diagnostics};
use lectern::scaffold;

#[derive(Parser)]
#[command(
    name = "lectern",
    version,
    about = "Compile a training programme into a static site and slide decks"
)]
#[command(
    after_help = "Examples:\n  lectern build                      build ./ into ./public\n  lectern --root my-course check     validate without writing\n  lectern new my-course --lang zh-CN start a new programme"
)]
struct Cli {
    /// The programme folder (the one with lectern.yaml)
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder
    #[command(
        after_help = "Example:\n  lectern --root my-course build --out /media/usb/site\n\nThe previous output is replaced only when the build succeeds."
    )]
    Build {
        /// Output folder (relative to the current folder)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Include lessons marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Validate everything and write nothing; exit code 1 on errors
    #[command(
        after_help = "Examples:\n  lectern --root my-course check\n  lectern --root my-course check --strict   # in CI: warnings fail too"
    )]
    Check {
        /// Include lessons marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Treat warnings (a lesson no role needs, an SOP nobody performs, …) as errors
        #[arg(long)]
        strict: bool,
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
    match cli.command {
        Command::Build { out, drafts } => {
            let out = out.unwrap_or_else(|| cli.root.join("public"));
            let had_output = out.exists();
            let outcome = build::build(&BuildOptions {
                root: cli.root,
                out: out.clone(),
                drafts,
            });
            report(&outcome.diagnostics, color, "build");
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
            report(&diags, color, "check");
            if diags.has_errors() {
                ExitCode::FAILURE
            } else {
                say(&format!("no errors found in {}", cli.root.display()));
                ExitCode::SUCCESS
            }
        }
        Command::New { dir, lang } => match scaffold::create(&dir, lang) {
            Ok(files) => {
                say(&format!("created a programme in {} ({files} files)", dir.display()));
                say(&format!("next: lectern --root {} build", dir.display()));
                ExitCode::SUCCESS
            }
            Err(d) => {
                say(&diag::render(&d, color));
                ExitCode::FAILURE
            }
        },
    }
}

fn report(diags: &Diagnostics, color: bool, what: &str) {
    if diags.iter().next().is_some() {
        let text =
            diag::render_all(diags.iter(), color).replace("error: build failed", &format!("error: {what} failed"));
        let _ = write!(std::io::stderr().lock(), "{text}");
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
