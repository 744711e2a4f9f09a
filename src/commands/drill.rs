//! `earn-trust drill`: choose the questions (by need, or at random), then run the session
//! in the terminal or over piped answers.

use std::time::SystemTime;

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::Context;
use super::judge::judge_for;
use crate::Result;
use crate::choice::{Selection, by_need, choose_questions, day_of, shuffle};
use crate::cli::{DrillArgs, DrillMode};
use crate::drill::{self, DrillOptions, Mode, Session};
use crate::output;
use crate::store::DataDir;

/// Runs a drill as `args` ask.
pub fn run(context: &Context, args: DrillArgs) -> Result<()> {
    let bank = context.load_bank()?;
    let data = DataDir::resolve(context.data_dir.as_deref())?;
    let interactive = drill::at_terminal();
    // Without a terminal and with --no-save, nothing is ever written.
    let writes = interactive || !args.no_save;
    if writes {
        data.ensure_writable()?;
    }
    let mut rng = StdRng::seed_from_u64(args.seed.unwrap_or_else(rand::random));
    let bank_label = context.bank_source.label();
    let reviews = if args.random {
        Vec::new()
    } else {
        match crate::history::reviews(&data.history(), &bank, &bank_label) {
            Ok((reviews, warnings)) => {
                super::warn_all(&warnings);
                reviews
            }
            // Nothing will be saved: a history that cannot be read only costs the choice.
            Err(err) if !writes => {
                output::stderr_line(&format!("warning: {err}; questions are chosen at random"));
                Vec::new()
            }
            Err(err) => return Err(err),
        }
    };
    let selection = Selection {
        count: args.count.into(),
        question: args.question.clone(),
        tag: args.tag.clone(),
    };
    let chosen = if reviews.is_empty() {
        choose_questions(&bank, &selection, shuffle(&mut rng))?
    } else {
        let today = day_of(SystemTime::now());
        choose_questions(&bank, &selection, by_need(&reviews, today, &mut rng))?
    };
    if let Some(note) = &chosen.note {
        crate::output::stderr_line(note);
    }
    let options = DrillOptions {
        mode: args.mode.map(|mode| match mode {
            DrillMode::Guided => Mode::Guided,
            DrillMode::Free => Mode::Free,
            DrillMode::Editor => Mode::Editor,
        }),
        time_limit: args.time_limit,
        save: !args.no_save,
        keep_text: !args.no_answer_text,
        narrowed: args.question.is_some() || args.tag.is_some(),
    };
    let look = (
        context.stdout_theme(),
        output::stderr_color(context.color),
        output::terminal_width(),
    );
    let judge = judge_for(context, &args.judge, !args.no_answer_text)?;
    let mut session = Session::new(&bank, data, look, options, bank_label);
    session.judge = judge;
    drill::run(&mut session, chosen.questions, interactive)
}
