//! What each subcommand does, one file each: load what it needs, call the core, print the
//! result. This is the only layer that knows the command line; the modules below it take
//! plain data.

mod completions;
mod drill;
mod eval;
mod export;
mod history;
mod judge;
mod list;
mod man;
mod reset;
mod score;
mod show;
mod stats;
mod validate;

use std::path::PathBuf;

use crate::Result;
use crate::bank::{self, Bank, BankSource};
use crate::cli::{Cli, Command, GlobalArgs};
use crate::history::{Keep, Record};
use crate::output::{self, ColorChoice, Theme};
use crate::store::DataDir;

/// What every command needs from the global flags, settled once.
#[derive(Debug, Clone)]
pub struct Context {
    /// Where the bank comes from.
    pub bank_source: BankSource,
    /// `--data-dir` or `EARN_TRUST_HOME`, if given.
    pub data_dir: Option<PathBuf>,
    /// The `--color` choice.
    pub color: ColorChoice,
}

impl Context {
    /// Settles the global flags: a flag beats its environment variable, and a variable
    /// set to nothing counts as unset.
    pub fn new(global: &GlobalArgs) -> Self {
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Context {
            bank_source: global
                .bank
                .clone()
                .or_else(|| from_env("EARN_TRUST_BANK"))
                .map_or(BankSource::Embedded, BankSource::File),
            data_dir: global
                .data_dir
                .clone()
                .or_else(|| from_env("EARN_TRUST_HOME")),
            color: global.color,
        }
    }

    /// Loads and validates the bank in use.
    pub fn load_bank(&self) -> Result<Bank> {
        bank::load_bank(&self.bank_source)
    }

    /// The data directory in use: `--data-dir`, `EARN_TRUST_HOME` or the platform's; a
    /// path that cannot be one is refused with what is wrong with it.
    pub fn data_dir(&self) -> Result<DataDir> {
        let data = DataDir::resolve(self.data_dir.as_deref())?;
        data.check_usable()?;
        Ok(data)
    }

    /// The theme for stdout.
    pub fn stdout_theme(&self) -> Theme {
        Theme::new(output::stdout_color(self.color))
    }

    /// The practice history, oldest first, each damaged line reported once on stderr.
    pub fn load_history(&self, data: &DataDir, keep: Keep) -> Result<Vec<Record>> {
        let (records, warnings) = crate::history::load(&data.history(), keep)?;
        warn_all(&warnings);
        Ok(records)
    }
}

/// Each warning on a line of its own on stderr.
pub fn warn_all(warnings: &[String]) {
    for warning in warnings {
        output::stderr_line(&format!("warning: {warning}"));
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let context = Context::new(&cli.global);
    match cli.command {
        Command::Drill(args) => drill::run(&context, args),
        Command::List(args) => list::run(&context, &args),
        Command::Show(args) => show::run(&context, &args),
        Command::Score(args) => score::run(&context, &args),
        Command::History(args) => history::run(&context, &args),
        Command::Stats(args) => stats::run(&context, &args),
        Command::Export(args) => export::run(&context, &args),
        Command::Reset(args) => reset::run(&context, &args),
        Command::Completions(args) => completions::run(&args),
        Command::Man => man::run(),
        Command::Eval(args) => eval::run(&context, &args),
        Command::Judge(command) => judge::run(&context, command),
        Command::Validate(args) => validate::run(&context, args),
    }
}
