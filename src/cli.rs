//! The command line's shape: every subcommand, option and help text (clap), apart from
//! what each command does (`main.rs`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use lectern::config::Language;

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
pub struct Cli {
    /// The programme folder (the one with lectern.yaml)
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// Show every warning on its own (by default a kind seen many times is shown once,
    /// with a count and where the first few are)
    #[arg(long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args)]
pub struct PdfArgs {
    /// Also print to PDF: every deck, or the handbook (needs Chromium)
    #[arg(long)]
    pub pdf: bool,
    /// The Chromium or Chrome to print with (default: the first on PATH)
    #[arg(long, value_name = "PATH", requires = "pdf")]
    pub chromium: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum Command {
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
