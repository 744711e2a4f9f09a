//! Where user data lives, and writing it so a crash never leaves a half-written file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The data directory: `--data-dir`, else `EARN_TRUST_HOME`, else the platform's.
#[derive(Debug, Clone)]
pub struct DataDir {
    path: PathBuf,
}

impl DataDir {
    /// The directory the user named, or the platform's data directory for earn-trust.
    pub fn resolve(named: Option<&Path>) -> Result<Self> {
        let path = match named {
            Some(path) => path.to_path_buf(),
            None => directories::ProjectDirs::from("", "", "earn-trust")
                .map(|dirs| dirs.data_dir().to_path_buf())
                .ok_or(Error::NoDataDir)?,
        };
        Ok(DataDir { path })
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates the directory if needed and proves it can be written, before any work
    /// that would be lost otherwise.
    pub fn ensure_writable(&self) -> Result<()> {
        let fail = |source| Error::Write {
            path: self.path.clone(),
            what: "the data directory cannot be created or written",
            source,
        };
        fs::create_dir_all(&self.path).map_err(fail)?;
        let probe = self
            .path
            .join(format!(".write-test-{}", std::process::id()));
        fs::write(&probe, b"ok").map_err(fail)?;
        let _ = fs::remove_file(&probe);
        Ok(())
    }

    /// `<data-dir>/drafts`.
    pub fn drafts(&self) -> PathBuf {
        self.path.join("drafts")
    }

    /// `<data-dir>/judge-cache`: a model judge's verdicts.
    pub fn judge_cache(&self) -> PathBuf {
        self.path.join("judge-cache")
    }

    /// `<data-dir>/history.jsonl`.
    pub fn history(&self) -> PathBuf {
        self.path.join("history.jsonl")
    }
}

/// Writes `contents` to `path` through a temporary file in the same directory and a
/// rename, so readers see the old file or the new one, never a torn one.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        what: "cannot save",
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/file.txt");
        write_atomically(&path, b"first version, longer").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let leftovers = fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn an_unwritable_data_dir_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        fs::write(&file, b"x").unwrap();
        let data = DataDir::resolve(Some(&file.join("below"))).unwrap();
        let err = data.ensure_writable().unwrap_err();
        assert_eq!(err.exit_code(), 1);
    }
}
