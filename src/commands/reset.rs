//! `earn-trust reset`: remove the practice history and drafts, only with `--yes`.

use std::path::PathBuf;

use super::Context;
use crate::cli::ResetArgs;
use crate::output::print_stdout;
use crate::{Error, Result};

/// Says what would be removed, and removes it with `--yes`.
pub fn run(context: &Context, args: &ResetArgs) -> Result<()> {
    let data = context.data_dir()?;
    let targets: Vec<PathBuf> = [data.history(), data.drafts(), data.judge_cache()]
        .into_iter()
        .filter(|p| p.exists())
        .collect();
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
