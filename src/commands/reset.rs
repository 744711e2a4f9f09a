//! `earn-trust reset`: remove the practice history and drafts, only with `--yes`.

use std::path::PathBuf;

use super::Context;
use crate::cli::ResetArgs;
use crate::history;
use crate::output::print_stdout;
use crate::{Error, Result};

/// Says what would be removed, and removes it with `--yes`.
pub fn run(context: &Context, args: &ResetArgs) -> Result<()> {
    let data = context.data_dir()?;
    let mut targets: Vec<PathBuf> = Vec::new();
    for target in [data.history(), data.drafts(), data.judge_cache()] {
        // A path that cannot even be looked at is not "nothing to remove": users reset
        // for privacy, so say so and fail.
        match target.try_exists() {
            Ok(true) => targets.push(target),
            Ok(false) => {}
            Err(source) => {
                return Err(Error::Read {
                    path: target,
                    what: "cannot tell whether there is anything to remove",
                    source,
                });
            }
        }
    }
    if targets.is_empty() {
        return print_stdout(&format!(
            "Nothing to remove in {}.\n",
            data.path().display()
        ));
    }
    let list: String = targets
        .iter()
        .map(|p| format!("  {}\n", p.display()))
        .collect();
    if !args.yes {
        print_stdout(&format!("This would remove:\n{list}"))?;
        return Err(Error::Usage(
            "nothing was removed; run `earn-trust reset --yes` to remove the files above"
                .to_string(),
        ));
    }
    for target in &targets {
        if *target == data.history() {
            // Under the history's lock: a writer that opened it waits, then writes anew.
            history::remove(target)?;
            continue;
        }
        let removed = if target.is_dir() {
            std::fs::remove_dir_all(target)
        } else {
            std::fs::remove_file(target)
        };
        removed.map_err(|source| Error::Write {
            path: target.clone(),
            what: "cannot remove",
            source,
        })?;
    }
    print_stdout(&format!("Removed:\n{list}"))
}
