//! Where user data lives, and writing it so a crash never leaves a half-written file:
//! private (on Unix the data directory is 0700 and its files 0600, whatever the umask),
//! never into a FIFO or other special file, never silently through a damaged path.

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

    /// Refuses a data directory that cannot be one: a file, a symlink loop, a path through
    /// a file, or one that cannot be looked at; says which. A missing one is fine (it is
    /// created when something is saved).
    pub fn check_usable(&self) -> Result<()> {
        let bad = |why: String| Error::DataDir {
            path: self.path.clone(),
            why,
        };
        match fs::metadata(&self.path) {
            Ok(meta) if meta.is_dir() => Ok(()),
            Ok(meta) => Err(bad(format!(
                "is {}, not a directory; pass --data-dir PATH (or set EARN_TRUST_HOME) naming a directory",
                kind_of(&meta)
            ))),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(bad(format!("cannot be used ({err})"))),
        }
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates the directory if needed and proves it can be written, before any work
    /// that would be lost otherwise.
    pub fn ensure_writable(&self) -> Result<()> {
        self.check_usable()?;
        let fail = |source| Error::Write {
            path: self.path.clone(),
            what: "the data directory cannot be created or written",
            source,
        };
        create_private_dir(&self.path).map_err(fail)?;
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

/// Creates `dir` and any missing parents; the directories this creates are private
/// (0700 on Unix, whatever the umask).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(path) = at.filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        missing.push(path.to_path_buf());
        at = path.parent();
    }
    fs::create_dir_all(dir)?;
    for created in missing {
        set_private(&created, 0o700)?;
    }
    Ok(())
}

#[cfg(unix)]
fn set_private(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_private(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// Refuses a path in the data directory that holds something other than a regular file
/// (a FIFO would block forever; a directory cannot be read as one).
pub fn require_regular_file(path: &Path) -> Result<()> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(Error::Usage(format!(
            "{}: is not a regular file ({}); move it away and try again",
            path.display(),
            kind_of(&meta)
        ))),
        _ => Ok(()),
    }
}

/// A file type in words, for messages.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else if meta.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Writes private data (history, drafts, caches) to `path` atomically: through a
/// temporary file in the same directory (0600 on Unix) and a rename, so readers see the
/// old file or the new one, never a torn one.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    require_regular_file(path)?;
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        what: "cannot save",
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir).map_err(fail)?;
    replace(path, contents, 0o600).map_err(fail)
}

/// Writes a file the user asked for (`export --output`) atomically. A symlink is written
/// through to the regular file it points at; a FIFO, a device or another special file is
/// refused; an existing file keeps its permissions.
pub fn write_user_file(path: &Path, contents: &[u8]) -> Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
    let existing = match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => Some(meta.permissions()),
        Ok(meta) => {
            return Err(Error::Usage(format!(
                "--output {}: is {}, not a regular file; choose a file to write",
                path.display(),
                kind_of(&meta)
            )));
        }
        Err(_) => None,
    };
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        what: "cannot write",
        source,
    };
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(fail)?;
    }
    let mode = existing.as_ref().map_or(0o644, permission_bits);
    replace(&target, contents, mode).map_err(fail)?;
    if let Some(permissions) = existing {
        fs::set_permissions(&target, permissions).map_err(fail)?;
    }
    Ok(())
}

#[cfg(unix)]
fn permission_bits(permissions: &fs::Permissions) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    permissions.mode() & 0o7777
}

#[cfg(not(unix))]
fn permission_bits(_permissions: &fs::Permissions) -> u32 {
    0o644
}

/// Replaces `path` with `contents` through a temporary file created with `mode`; the
/// temporary file is removed if anything fails.
fn replace(path: &Path, contents: &[u8], mode: u32) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        let mut file = options.open(&temporary)?;
        set_private(&temporary, mode)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
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

    #[test]
    fn a_file_where_the_data_directory_should_be_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        fs::write(&file, b"x").unwrap();
        let data = DataDir::resolve(Some(&file)).unwrap();
        let err = data.check_usable().unwrap_err();
        assert_eq!(err.exit_code(), 1);
        assert!(
            err.to_string().contains("a regular file, not a directory"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn private_data_is_private_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/drafts/x.txt");
        write_atomically(&path, b"draft").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(mode(&dir.path().join("data")), 0o700);
    }

    #[cfg(unix)]
    #[test]
    fn exports_write_through_symlinks_keep_modes_and_refuse_special_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, b"old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_user_file(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o640
        );
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let err = write_user_file(&fifo, b"x").unwrap_err().to_string();
        assert!(err.contains("FIFO"), "{err}");
    }
}
