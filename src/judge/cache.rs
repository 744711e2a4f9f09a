//! Verdicts kept in the data directory (private, removed by `reset`), keyed by a hash of
//! the model, the prompt version, the number of samples and the prompt itself (question and
//! answer), so the same answer gets the same verdict and nothing is asked twice; and, per
//! server, which request form worked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::client::Form;
use super::verdict::CheckedVerdict;
use crate::store::write_atomically;

/// The cache in `dir` (`<data-dir>/judge-cache`).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache kept in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Cache { dir }
    }

    /// The key of a verdict: what it depends on, hashed.
    pub fn key(model: &str, version: u32, samples: u8, prompt: &str) -> String {
        let mut hash = Sha256::new();
        for part in [model, &version.to_string(), &samples.to_string(), prompt] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn verdict_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// The verdict kept under `key`, if there is one that reads.
    pub fn get(&self, key: &str) -> Option<CheckedVerdict> {
        let text = std::fs::read_to_string(self.verdict_path(key)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Keeps `verdict` under `key`; a cache that cannot be written is no reason to fail.
    pub fn put(&self, key: &str, verdict: &CheckedVerdict) {
        let text = serde_json::to_string(verdict).expect("plain data always serialises");
        let _ = write_atomically(&self.verdict_path(key), text.as_bytes());
    }

    fn forms_path(&self) -> PathBuf {
        self.dir.join("forms.json")
    }

    fn forms(&self) -> BTreeMap<String, Form> {
        std::fs::read_to_string(self.forms_path())
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// The request form that last worked with the server at `url`.
    pub fn form_for(&self, url: &str) -> Option<Form> {
        self.forms().get(url).copied()
    }

    /// Remembers that `form` works with the server at `url`.
    pub fn remember_form(&self, url: &str, form: Form) {
        let mut forms = self.forms();
        if forms.get(url) == Some(&form) {
            return;
        }
        forms.insert(url.to_string(), form);
        let text = serde_json::to_string_pretty(&forms).expect("plain data always serialises");
        let _ = write_atomically(&self.forms_path(), text.as_bytes());
    }

    /// The directory itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_every_part_and_verdicts_round_trip() {
        let key = Cache::key("m", 1, 1, "prompt");
        assert_eq!(key.len(), 64);
        assert_ne!(key, Cache::key("m2", 1, 1, "prompt"));
        assert_ne!(key, Cache::key("m", 2, 1, "prompt"));
        assert_ne!(key, Cache::key("m", 1, 3, "prompt"));
        assert_ne!(key, Cache::key("m", 1, 1, "prompt "));
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("judge-cache"));
        assert!(cache.get(&key).is_none());
        let verdict = CheckedVerdict {
            rubric: Vec::new(),
            red_flags: Vec::new(),
            on_question: true,
            overall: 4,
            reason: "r".into(),
        };
        cache.put(&key, &verdict);
        assert_eq!(cache.get(&key), Some(verdict));
        cache.remember_form("http://h/v1", Form::JsonObject);
        assert_eq!(cache.form_for("http://h/v1"), Some(Form::JsonObject));
        assert_eq!(cache.form_for("http://other/v1"), None);
    }
}
