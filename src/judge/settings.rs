//! Which judge to use, if any: a flag beats the environment, which beats the config file
//! (`earn-trust judge setup` writes it). The key comes from the environment only and is
//! never printed, logged or stored.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::store::write_atomically;
use crate::{Error, Result};

/// Seconds a judge may take when nothing says otherwise.
pub const DEFAULT_TIMEOUT: u64 = 60;

/// The judge part of the config file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgeConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<u8>,
    /// Hosts other than this machine the user agreed to send answers to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_hosts: Vec<String>,
}

/// The config file: `<config dir>/earn-trust/config.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub judge: JudgeConfig,
}

/// Where the config file lives, if the platform has a config directory.
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "earn-trust").map(|d| d.config_dir().join("config.json"))
}

/// The config file's contents: empty when there is none; a damaged file is an error that
/// names it (and it is left as it is).
pub fn load_config(path: &Path) -> Result<Config> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|err| {
            Error::Usage(format!(
                "{}:{}:{}: the config file does not read ({err}); fix or remove it",
                path.display(),
                err.line(),
                err.column()
            ))
        }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(source) => Err(Error::Read {
            path: path.to_path_buf(),
            what: "cannot read the config file",
            source,
        }),
    }
}

/// Writes the config file atomically.
pub fn save_config(path: &Path, config: &Config) -> Result<()> {
    let mut text = serde_json::to_string_pretty(config).expect("plain data always serialises");
    text.push('\n');
    write_atomically(path, text.as_bytes())
}

/// What the command line said about the judge.
#[derive(Debug, Clone, Default)]
pub struct JudgeFlags {
    pub url: Option<String>,
    pub model: Option<String>,
    pub timeout: Option<u64>,
    pub samples: Option<u8>,
    pub no_judge: bool,
    pub allow_remote: bool,
    pub refresh: bool,
}

/// A judge to use.
#[derive(Clone)]
pub struct Settings {
    /// The API base.
    pub url: String,
    pub host: String,
    pub model: String,
    pub key: Option<String>,
    pub timeout: Duration,
    pub samples: u8,
    /// Ask again rather than use a cached verdict.
    pub refresh: bool,
    /// Whether answers may go to `host`: it is this machine, or the user agreed.
    pub allowed: bool,
}

impl Settings {
    /// A request of `messages` to this judge, answered in the form of `schema`.
    pub fn request<'a>(
        &'a self,
        messages: &'a serde_json::Value,
        schema: &'a serde_json::Value,
        temperature: f64,
        seed: u64,
    ) -> super::client::Request<'a> {
        super::client::Request {
            url: &self.url,
            model: &self.model,
            key: self.key.as_deref(),
            timeout: self.timeout,
            messages,
            schema,
            temperature,
            seed,
        }
    }
}

impl std::fmt::Debug for Settings {
    // The key is never printed, not even in a debug dump.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("url", &self.url)
            .field("model", &self.model)
            .field("key", &self.key.as_ref().map(|_| "(set)"))
            .field("timeout", &self.timeout)
            .field("samples", &self.samples)
            .finish()
    }
}

/// The judge to use from flags, environment (`env` looks a variable up) and config, or
/// `None` when none is set or `--no-judge` turns it off. Empty values count as unset.
pub fn resolve(
    flags: &JudgeFlags,
    env: impl Fn(&str) -> Option<String>,
    config: &JudgeConfig,
) -> Result<Option<Settings>> {
    if flags.no_judge {
        return Ok(None);
    }
    let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let Some(url) = flags
        .url
        .clone()
        .or_else(|| env("EARN_TRUST_JUDGE_URL"))
        .or_else(|| config.url.clone())
    else {
        return Ok(None);
    };
    let host = host_of(&url).ok_or_else(|| {
        Error::Usage(format!(
            "--judge {url}: not an http:// or https:// address (e.g. http://localhost:11434/v1)"
        ))
    })?;
    let model = flags
        .model
        .clone()
        .or_else(|| env("EARN_TRUST_JUDGE_MODEL"))
        .or_else(|| config.model.clone())
        .ok_or_else(|| {
            Error::Usage(
                "a judge needs a model: pass --judge-model NAME or set EARN_TRUST_JUDGE_MODEL"
                    .to_string(),
            )
        })?;
    let allowed = is_loopback(&host)
        || flags.allow_remote
        || config
            .allowed_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&host));
    Ok(Some(Settings {
        url: url.trim_end_matches('/').to_string(),
        host,
        model,
        key: env("EARN_TRUST_JUDGE_KEY"),
        timeout: Duration::from_secs(
            flags
                .timeout
                .or(config.timeout_seconds)
                .unwrap_or(DEFAULT_TIMEOUT),
        ),
        samples: flags.samples.or(config.samples).unwrap_or(1).max(1),
        refresh: flags.refresh,
        allowed,
    }))
}

/// The host of an `http://` or `https://` address, lowercase, without port or path.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next()?
    } else {
        authority.split(':').next()?
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Whether `host` is this machine: answers sent there never leave it.
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn a_flag_beats_the_environment_which_beats_the_config() {
        let config = JudgeConfig {
            url: Some("http://localhost:1/v1".into()),
            model: Some("config-model".into()),
            timeout_seconds: Some(5),
            ..JudgeConfig::default()
        };
        let vars = [
            ("EARN_TRUST_JUDGE_MODEL", "env-model"),
            ("EARN_TRUST_JUDGE_KEY", "k"),
        ];
        let from_env = resolve(&JudgeFlags::default(), env(&vars), &config)
            .unwrap()
            .unwrap();
        assert_eq!(from_env.model, "env-model");
        assert_eq!(from_env.url, "http://localhost:1/v1");
        assert_eq!(from_env.timeout, Duration::from_secs(5));
        assert_eq!(from_env.key.as_deref(), Some("k"));
        assert!(
            !format!("{from_env:?}").contains("\"k\""),
            "the key is never printed"
        );
        let flags = JudgeFlags {
            model: Some("flag-model".into()),
            ..JudgeFlags::default()
        };
        assert_eq!(
            resolve(&flags, env(&vars), &config).unwrap().unwrap().model,
            "flag-model"
        );
        let off = JudgeFlags {
            no_judge: true,
            ..JudgeFlags::default()
        };
        assert!(resolve(&off, env(&vars), &config).unwrap().is_none());
        assert!(
            resolve(&JudgeFlags::default(), env(&[]), &JudgeConfig::default())
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn answers_go_elsewhere_only_with_consent() {
        let remote = JudgeConfig {
            url: Some("https://api.example.com/v1".into()),
            model: Some("m".into()),
            ..JudgeConfig::default()
        };
        let settings = resolve(&JudgeFlags::default(), env(&[]), &remote)
            .unwrap()
            .unwrap();
        assert!(!settings.allowed);
        let agreed = JudgeConfig {
            allowed_hosts: vec!["API.example.com".into()],
            ..remote.clone()
        };
        assert!(
            resolve(&JudgeFlags::default(), env(&[]), &agreed)
                .unwrap()
                .unwrap()
                .allowed
        );
        for local in [
            "http://127.0.0.1:8080/v1",
            "http://localhost/v1",
            "http://[::1]:9/v1",
        ] {
            let flags = JudgeFlags {
                url: Some(local.into()),
                model: Some("m".into()),
                ..JudgeFlags::default()
            };
            assert!(
                resolve(&flags, env(&[]), &remote).unwrap().unwrap().allowed,
                "{local}"
            );
        }
    }

    #[test]
    fn a_bad_address_or_a_missing_model_is_a_usage_error() {
        let flags = JudgeFlags {
            url: Some("localhost:11434".into()),
            model: Some("m".into()),
            ..JudgeFlags::default()
        };
        let err = resolve(&flags, env(&[]), &JudgeConfig::default()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let flags = JudgeFlags {
            url: Some("http://localhost:11434/v1".into()),
            ..JudgeFlags::default()
        };
        assert!(resolve(&flags, env(&[]), &JudgeConfig::default()).is_err());
        assert_eq!(
            host_of("https://user@Example.com:443/v1").as_deref(),
            Some("example.com")
        );
    }
}
