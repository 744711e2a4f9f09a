//! `earn-trust judge setup` and `judge check`, and how `score`, `drill` and `eval` settle
//! which judge to use (and the user's consent to send answers off this machine).

use std::io::IsTerminal;
use std::time::Instant;

use super::Context;
use crate::bank::Bank;
use crate::cli::{JudgeArgs, JudgeCommand, JudgeSetupArgs};
use crate::judge::cache::Cache;
use crate::judge::settings::{
    self, JudgeFlags, config_path, is_loopback, load_config, save_config,
};
use crate::judge::{Judge, prompt, verdict};
use crate::output::print_stdout;
use crate::{Error, Result};

/// `earn-trust judge …`.
pub fn run(context: &Context, command: JudgeCommand) -> Result<()> {
    match command {
        JudgeCommand::Setup(args) => setup(&args),
        JudgeCommand::Check(args) => check(context, &args),
    }
}

fn flags(args: &JudgeArgs) -> JudgeFlags {
    JudgeFlags {
        url: args.url.clone(),
        model: args.model.clone(),
        timeout: args.timeout,
        samples: args.samples,
        no_judge: args.no_judge,
        allow_remote: args.allow_remote,
        refresh: args.refresh,
    }
}

fn config_file() -> Result<std::path::PathBuf> {
    config_path().ok_or_else(|| {
        Error::Usage("cannot find a config directory on this system; use --judge flags".into())
    })
}

/// The judge `args` (then the environment, then the config file) ask for, if any. Consent
/// to a host off this machine is asked once, at a terminal, and recorded; without it the
/// judge is returned but will not send (and says why). Verdicts are cached in the data
/// directory unless `keep_text` is false.
pub fn judge_for(context: &Context, args: &JudgeArgs, keep_text: bool) -> Result<Option<Judge>> {
    let path = config_path();
    let mut config = match &path {
        Some(path) => load_config(path)?,
        None => settings::Config::default(),
    };
    let Some(mut settings) =
        settings::resolve(&flags(args), |name| std::env::var(name).ok(), &config.judge)?
    else {
        return Ok(None);
    };
    let remember = !is_loopback(&settings.host)
        && !config
            .judge
            .allowed_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&settings.host));
    if remember
        && !settings.allowed
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal()
    {
        settings.allowed = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Send your answers to {} for judging? (asked once; the rules' score is used otherwise)",
                settings.host
            ))
            .default(false)
            .interact()
            .unwrap_or(false);
    }
    if remember
        && settings.allowed
        && let Some(path) = &path
    {
        config.judge.allowed_hosts.push(settings.host.clone());
        save_config(path, &config)?;
    }
    // A data directory that cannot be used costs the cache, not the verdict.
    let cache = keep_text
        .then(|| context.data_dir().ok())
        .flatten()
        .map(|data| Cache::new(data.judge_cache()));
    Ok(Some(Judge::new(settings, cache)))
}

fn setup(args: &JudgeSetupArgs) -> Result<()> {
    let path = config_file()?;
    let mut config = load_config(&path)?;
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let ask = |what: &str, current: Option<&String>| -> Result<String> {
        if !interactive {
            return Err(Error::Usage(format!(
                "judge setup needs --{what} when it cannot ask (no terminal)"
            )));
        }
        let mut input = dialoguer::Input::<String>::new().with_prompt(match what {
            "url" => "API base of the judge (e.g. http://localhost:11434/v1)",
            _ => "Model name",
        });
        if let Some(current) = current {
            input = input.default(current.clone());
        }
        input.interact_text().map_err(|err| Error::Io {
            what: "cannot read from the terminal",
            source: std::io::Error::other(err.to_string()),
        })
    };
    let url = match &args.url {
        Some(url) => url.clone(),
        None => ask("url", config.judge.url.as_ref())?,
    };
    let host = settings::host_of(&url).ok_or_else(|| {
        Error::Usage(format!(
            "--url {url}: not an http:// or https:// address (e.g. http://localhost:11434/v1)"
        ))
    })?;
    let model = match &args.model {
        Some(model) => model.clone(),
        None => ask("model", config.judge.model.as_ref())?,
    };
    config.judge.url = Some(url);
    config.judge.model = Some(model);
    config.judge.timeout_seconds = args.timeout.or(config.judge.timeout_seconds);
    config.judge.samples = args.samples.or(config.judge.samples);
    if args.allow_remote && !is_loopback(&host) && !config.judge.allowed_hosts.contains(&host) {
        config.judge.allowed_hosts.push(host.clone());
    }
    save_config(&path, &config)?;
    let mut text = format!("Saved the judge's settings in {}.\n", path.display());
    if !is_loopback(&host) && !config.judge.allowed_hosts.contains(&host) {
        text.push_str(&format!(
            "{host} is not this machine: answers are sent there only once you agree \
(at a terminal, or with --judge-allow-remote).\n"
        ));
    }
    text.push_str("Run `earn-trust judge check` to see that it answers.\n");
    print_stdout(&text)
}

/// A short, plainly fine answer for `judge check` to send.
const CHECK_ANSWER: &str = "Last spring I led a data team. I had promised our sales director a \
forecast by Friday; on Tuesday I saw it would slip, told her the same day that it was my \
estimate, and gave her a partial forecast on time. The full one landed two days late and she \
used it for the quarter. I learned to check the data before I give a date.";

fn check(context: &Context, args: &JudgeArgs) -> Result<()> {
    let Some(judge) = judge_for(context, args, false)? else {
        return Err(Error::Usage(
            "no judge is set: pass --judge URL --judge-model NAME, set EARN_TRUST_JUDGE_URL, \
or run `earn-trust judge setup`"
                .to_string(),
        ));
    };
    let settings = &judge.settings;
    let mut out = format!(
        "Judge: {} at {} ({}; key {})\n",
        settings.model,
        settings.url,
        if is_loopback(&settings.host) {
            "this machine"
        } else if settings.allowed {
            "another host, agreed"
        } else {
            "another host, NOT agreed"
        },
        if settings.key.is_some() {
            "set"
        } else {
            "not set"
        }
    );
    if !settings.allowed {
        out.push_str("Nothing was sent: agree with --judge-allow-remote first.\n");
        print_stdout(&out)?;
        return Err(Error::Usage("the judge's host is not agreed to".into()));
    }
    let bank: Bank = context.load_bank()?;
    let question = bank
        .questions
        .first()
        .ok_or_else(|| Error::Usage("the bank has no question to check with".into()))?;
    let messages = prompt::messages(&bank.principle, question, CHECK_ANSWER);
    let schema = prompt::schema();
    let request = settings.request(&messages, &schema, 0.0, 1);
    let started = Instant::now();
    let result = judge.ask_with_form(&request);
    let seconds = started.elapsed().as_secs_f64();
    let (reply, form) = match result {
        Ok(ok) => ok,
        Err(failure) => {
            out.push_str(&format!("✗ request: {failure} (after {seconds:.1} s)\n"));
            print_stdout(&out)?;
            return Err(Error::Io {
                what: "the judge does not work",
                source: std::io::Error::other(failure.to_string()),
            });
        }
    };
    out.push_str(&format!(
        "✓ it answered in {seconds:.1} s, with {}\n",
        form.describe()
    ));
    match verdict::parse(&reply) {
        Ok(raw) => {
            let ids: Vec<&str> = question.rubric.iter().map(|p| p.id.as_str()).collect();
            let checked = verdict::check(raw, &ids, &prompt::flag_kinds(question), CHECK_ANSWER);
            let quoted = checked
                .rubric
                .iter()
                .filter(|p| !p.quote.is_empty())
                .count();
            let verified = checked.rubric.iter().filter(|p| p.verified).count();
            out.push_str(&format!(
                "✓ its verdict reads: overall {}, {verified} of {quoted} quotes found in the answer\n",
                checked.overall
            ));
            print_stdout(&out)
        }
        Err(why) => {
            out.push_str(&format!(
                "✗ its verdict does not read ({why}); scores will use the rules alone\n"
            ));
            print_stdout(&out)?;
            Err(Error::Io {
                what: "the judge's verdicts cannot be used",
                source: std::io::Error::other(why),
            })
        }
    }
}
