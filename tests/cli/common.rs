//! Shared test helpers: the real binary, run with a private data directory and no
//! `EARN_TRUST_*` variables from the developer's environment.
#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;

/// A test environment: a temporary data directory that is removed afterwards.
pub struct TestEnv {
    pub home: tempfile::TempDir,
    /// `XDG_CONFIG_HOME`: a developer's own judge settings never leak into a test.
    pub config: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv {
            home: tempfile::tempdir().expect("a temporary directory"),
            config: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// `earn-trust` with `EARN_TRUST_HOME` pointing at this environment, colour off.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("earn-trust"));
        cmd.env_remove("EARN_TRUST_BANK")
            .env("EARN_TRUST_HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.config.path())
            .env_remove("EARN_TRUST_JUDGE_URL")
            .env_remove("EARN_TRUST_JUDGE_MODEL")
            .env_remove("EARN_TRUST_JUDGE_KEY")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .env_remove("VISUAL")
            .env_remove("EDITOR");
        cmd
    }

    /// A path inside the data directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Stdout of a successful run, as text.
#[track_caller]
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

/// Parses stdout of a successful run as JSON.
#[track_caller]
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).expect("stdout is JSON")
}
