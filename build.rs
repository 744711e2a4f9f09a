//! Validates the built-in bank with the bank crate's own code and stores it, and its cues
//! prepared for matching, in a compact binary form; and prepares the scorer's phrase lists (`src/scoring/phrases/*.txt`) the
//! same way: decoding these at start-up costs a fraction of parsing and stemming them. A
//! bank that does not validate stops the build with the loader's message.

use std::path::{Path, PathBuf};

const BANK: &str = "content/earn-trust.yaml";
const PHRASES: &str = "src/scoring/phrases";

fn main() {
    println!("cargo::rerun-if-changed={BANK}");
    println!("cargo::rerun-if-changed={PHRASES}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(message) = build(&out) {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn build(out: &Path) -> Result<(), String> {
    let text = read(Path::new(BANK))?;
    let bank = earn_trust_bank::parse_bank(&text, BANK)
        .map_err(|err| format!("the built-in bank does not validate:\n{err}"))?;
    write(
        &out.join("earn-trust.bank"),
        &earn_trust_bank::encode_bank(&bank),
    )?;
    let cues = earn_trust_bank::PreparedCues::prepare(&bank);
    write(&out.join("earn-trust.cues"), &cues.encode())?;

    let mut lists = earn_trust_bank::PhraseLists::new();
    let entries = std::fs::read_dir(PHRASES).map_err(|err| format!("{PHRASES}: {err}"))?;
    for entry in entries {
        let path = entry.map_err(|err| format!("{PHRASES}: {err}"))?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_stem().unwrap_or_default().to_string_lossy();
            let cues = earn_trust_bank::parse_phrase_list(&read(&path)?);
            lists.insert(name.into_owned(), cues);
        }
    }
    write(
        &out.join("phrases.bin"),
        &earn_trust_bank::encode_phrase_lists(&lists),
    )
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|err| format!("{}: {err}", path.display()))
}
