//! Command-line arguments (clap derive). The `///` comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::output::ColorChoice;

const MAIN_EXAMPLES: &str = "\
Examples:
  earn-trust drill
  earn-trust list
  earn-trust show missed-commitment
  earn-trust score --question missed-commitment --answer-file answer.txt
  earn-trust stats
  earn-trust validate my-bank.yaml
  earn-trust list --bank my-bank.yaml --color never";

/// Practise Amazon "Earn Trust" behavioural interview answers in your terminal.
///
/// Browse real interview questions, see what a bar-raiser listens for and read model answers.
/// Everything runs offline: your answers never leave this machine, unless you point it at a
/// model judge.
#[derive(Debug, Parser)]
#[command(name = "earn-trust", version, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes. A flag beats its environment variable, which beats the default.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Question bank to use (YAML) instead of the built-in Earn Trust bank
    /// [env: EARN_TRUST_BANK].
    #[arg(long = "bank", value_name = "PATH", global = true)]
    pub bank: Option<PathBuf>,

    /// Where practice history and drafts are kept [env: EARN_TRUST_HOME; default: the
    /// platform's data directory].
    #[arg(long = "data-dir", value_name = "PATH", global = true)]
    pub data_dir: Option<PathBuf>,

    /// When to use colour: auto (a terminal, and NO_COLOR unset), always or never.
    #[arg(
        long = "color",
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorChoice::Auto,
        global = true
    )]
    pub color: ColorChoice,
}

/// Output format of commands that print data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Readable text.
    #[default]
    Text,
    /// JSON, for scripts.
    Json,
}

/// Format of the practice journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    /// A readable journal.
    #[default]
    Markdown,
    /// The records with their feedback, for scripts.
    Json,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Practise: answer questions one at a time and get candid feedback.
    #[command(after_help = "\
Examples:
  earn-trust drill
  earn-trust drill --count 5 --tag failure
  earn-trust drill --question harsh-truth --mode free
  earn-trust drill --seed 42 --time-limit 3
  earn-trust drill --count 2 < answers.txt   (answers separated by lines of ---)")]
    Drill(DrillArgs),

    /// List the questions in the bank.
    #[command(after_help = "\
Examples:
  earn-trust list
  earn-trust list --tag failure
  earn-trust list --format json")]
    List(ListArgs),

    /// Show one question: rubric, follow-ups and sample answers.
    #[command(after_help = "\
Examples:
  earn-trust show harsh-truth
  earn-trust show harsh-truth --no-samples
  earn-trust show harsh-truth --format json")]
    Show(ShowArgs),

    /// Score a written answer to one question and explain the score.
    #[command(after_help = "\
Examples:
  earn-trust score --question harsh-truth --answer-file my-answer.txt
  earn-trust score --question harsh-truth < my-answer.txt
  earn-trust score --question harsh-truth --answer-file my-answer.txt --format json
  earn-trust score --question harsh-truth --answer-file my-answer.txt --save")]
    Score(ScoreArgs),

    /// Show past attempts, newest first.
    #[command(after_help = "\
Examples:
  earn-trust history
  earn-trust history --last 10
  earn-trust history --question harsh-truth
  earn-trust history --format json")]
    History(HistoryArgs),

    /// Show progress: scores per question, trends, weak points and readiness.
    #[command(after_help = "\
Examples:
  earn-trust stats
  earn-trust stats --format json")]
    Stats(StatsArgs),

    /// Write a practice journal: every answer with its score and feedback.
    #[command(after_help = "\
Examples:
  earn-trust export > journal.md
  earn-trust export --output journal.md
  earn-trust export --format json --output journal.json --force")]
    Export(ExportArgs),

    /// Remove the practice history and drafts (says what, and asks for --yes).
    #[command(after_help = "\
Examples:
  earn-trust reset
  earn-trust reset --yes")]
    Reset(ResetArgs),

    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  earn-trust completions bash > ~/.local/share/bash-completion/completions/earn-trust
  earn-trust completions zsh > ~/.zfunc/_earn-trust
  earn-trust completions fish > ~/.config/fish/completions/earn-trust.fish")]
    Completions(CompletionsArgs),

    /// Print the manual page (roff).
    #[command(after_help = "\
Examples:
  earn-trust man > ~/.local/share/man/man1/earn-trust.1
  earn-trust man | man -l -")]
    Man,

    /// Measure how far the scorer agrees with answers people labelled 1 to 5.
    #[command(after_help = "\
Examples:
  earn-trust eval
  earn-trust eval --set my-labelled-answers.yaml
  earn-trust eval --format json

A set is a YAML list of {id, question, label (1-5), kind (optional), answer}.")]
    Eval(EvalArgs),

    /// Set up or check a model judge (optional): a local model server or a hosted API.
    #[command(
        subcommand,
        after_help = "\
Examples:
  earn-trust judge setup --url http://localhost:11434/v1 --model llama3.1
  earn-trust judge check
  earn-trust judge check --judge http://127.0.0.1:8080/v1 --judge-model gemma"
    )]
    Judge(JudgeCommand),

    /// Check a bank file against the format's rules and report every problem.
    #[command(after_help = "\
Examples:
  earn-trust validate
  earn-trust validate my-bank.yaml")]
    Validate(ValidateArgs),
}

/// Arguments of `earn-trust drill`.
#[derive(Debug, Args)]
pub struct DrillArgs {
    /// How many questions (more than the bank holds is clamped).
    #[arg(long = "count", value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..))]
    pub count: u16,

    /// Seed for the random part of the choice: the same seed, history and date give the
    /// same questions in the same order.
    #[arg(long = "seed", value_name = "S")]
    pub seed: Option<u64>,

    /// Drill this question only.
    #[arg(long = "question", value_name = "ID", conflicts_with_all = ["tag", "count"])]
    pub question: Option<String>,

    /// Only questions with this tag.
    #[arg(long = "tag", value_name = "TAG")]
    pub tag: Option<String>,

    /// How to type answers: guided (one prompt per STAR part), free, or editor
    /// ($VISUAL or $EDITOR) [default: guided].
    #[arg(long = "mode", value_enum, value_name = "MODE")]
    pub mode: Option<DrillMode>,

    /// A gentle warning when an answer takes longer than this many minutes.
    #[arg(long = "time-limit", value_name = "MINUTES", value_parser = parse_minutes)]
    pub time_limit: Option<f64>,

    /// Pure random choice, ignoring what your history says you need.
    #[arg(long = "random")]
    pub random: bool,

    /// Record nothing from this session in the practice history.
    #[arg(long = "no-save")]
    pub no_save: bool,

    /// Record scores but not the text of your answers (nor cache a judge's verdicts).
    #[arg(long = "no-answer-text")]
    pub no_answer_text: bool,

    #[command(flatten)]
    pub judge: JudgeArgs,
}

/// Arguments of `earn-trust list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only questions with this tag (e.g. candour, failure, customer).
    #[arg(long = "tag", value_name = "TAG")]
    pub tag: Option<String>,

    /// Output format.
    #[arg(long = "format", value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `earn-trust show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The question's id (see `earn-trust list`).
    #[arg(value_name = "ID")]
    pub id: String,

    /// Output format.
    #[arg(long = "format", value_enum, default_value_t)]
    pub format: Format,

    /// Leave the sample answers out (to answer before you read them).
    #[arg(long = "no-samples")]
    pub no_samples: bool,
}

/// Arguments of `earn-trust score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The question the answer is for (see `earn-trust list`).
    #[arg(long = "question", value_name = "ID")]
    pub question: String,

    /// File holding the answer; `-` or no flag reads piped stdin.
    #[arg(long = "answer-file", value_name = "PATH")]
    pub answer_file: Option<PathBuf>,

    /// Output format.
    #[arg(long = "format", value_enum, default_value_t)]
    pub format: Format,

    /// Record the score in the practice history.
    #[arg(long = "save")]
    pub save: bool,

    /// With --save: keep the score but not the answer text (nor cache a judge's verdict).
    #[arg(long = "no-answer-text", requires = "save")]
    pub no_answer_text: bool,

    #[command(flatten)]
    pub judge: JudgeArgs,
}

/// Arguments of `earn-trust history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this question, each attempt compared with the one before.
    #[arg(long = "question", value_name = "ID")]
    pub question: Option<String>,

    /// Only the N most recent attempts.
    #[arg(long = "last", value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub last: Option<u32>,

    /// Output format.
    #[arg(long = "format", value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `earn-trust stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long = "format", value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `earn-trust export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long = "format", value_enum, default_value_t)]
    pub format: ExportFormat,

    /// Write to this file instead of stdout.
    #[arg(long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Overwrite the output file if it exists.
    #[arg(long = "force")]
    pub force: bool,
}

/// Arguments of `earn-trust reset`.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Really remove them.
    #[arg(long = "yes")]
    pub yes: bool,
}

/// Arguments of `earn-trust completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `earn-trust eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A labelled set (YAML) [default: the project's own labelled answers, built in].
    #[arg(long = "set", value_name = "PATH")]
    pub set: Option<PathBuf>,

    /// Output format.
    #[arg(long = "format", value_enum, default_value_t)]
    pub format: Format,

    #[command(flatten)]
    pub judge: JudgeArgs,
}

/// A model judge, for `score`, `drill` and `eval`. A flag beats the environment, which beats
/// the config file (`earn-trust judge setup`).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Model judge (optional; answers go to the URL you give)")]
pub struct JudgeArgs {
    /// Ask a model to judge too: the API base of an OpenAI-compatible server, e.g.
    /// http://localhost:11434/v1 [env: EARN_TRUST_JUDGE_URL]. The key, if the server needs
    /// one, comes from EARN_TRUST_JUDGE_KEY only.
    #[arg(long = "judge", value_name = "URL")]
    pub url: Option<String>,

    /// The model the judge server should use [env: EARN_TRUST_JUDGE_MODEL].
    #[arg(long = "judge-model", value_name = "NAME")]
    pub model: Option<String>,

    /// Seconds to wait for the judge before using the rules' score alone [default: 60].
    #[arg(long = "judge-timeout", value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: Option<u64>,

    /// Ask the judge N times (each with its own seed) and take the median [default: 1].
    #[arg(long = "judge-samples", value_name = "N", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub samples: Option<u8>,

    /// Do not use a judge this time, even one that is configured.
    #[arg(long = "no-judge", conflicts_with_all = ["url", "model"])]
    pub no_judge: bool,

    /// Agree to send answers to a judge that is not on this machine (recorded in the config
    /// file, so it is asked once).
    #[arg(long = "judge-allow-remote")]
    pub allow_remote: bool,

    /// Ask the judge again rather than use the verdict kept for the same answer.
    #[arg(long = "judge-refresh")]
    pub refresh: bool,
}

/// Arguments of `earn-trust validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The bank file to check [default: the bank in use].
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// `earn-trust judge …`.
#[derive(Debug, Subcommand)]
pub enum JudgeCommand {
    /// Write the judge's settings to the config file (asks for what is not given).
    #[command(after_help = "\
Examples:
  earn-trust judge setup --url http://localhost:11434/v1 --model llama3.1
  earn-trust judge setup --url https://api.openai.com/v1 --model gpt-4o-mini --allow-remote")]
    Setup(JudgeSetupArgs),

    /// Send the judge one small request and say what works.
    #[command(after_help = "\
Examples:
  earn-trust judge check
  earn-trust judge check --judge http://127.0.0.1:8080/v1 --judge-model gemma")]
    Check(JudgeArgs),
}

/// Arguments of `earn-trust judge setup`.
#[derive(Debug, Args)]
pub struct JudgeSetupArgs {
    /// The API base of an OpenAI-compatible server, e.g. http://localhost:11434/v1.
    #[arg(long = "url", value_name = "URL")]
    pub url: Option<String>,

    /// The model to ask.
    #[arg(long = "model", value_name = "NAME")]
    pub model: Option<String>,

    /// Seconds to wait for a verdict.
    #[arg(long = "timeout", value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: Option<u64>,

    /// Samples per answer.
    #[arg(long = "samples", value_name = "N", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub samples: Option<u8>,

    /// Agree to send answers to this URL's host when it is not this machine.
    #[arg(long = "allow-remote")]
    pub allow_remote: bool,
}

/// How answers are typed in a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DrillMode {
    /// One prompt per STAR part, each with a hint.
    Guided,
    /// One answer, typed freely.
    Free,
    /// Your $VISUAL or $EDITOR, on a STAR template.
    Editor,
}

fn parse_minutes(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(minutes) if minutes.is_finite() && minutes > 0.0 && minutes <= 600.0 => Ok(minutes),
        _ => Err("expected a number of minutes greater than 0, such as 3 or 2.5".to_string()),
    }
}
