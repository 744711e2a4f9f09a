//! Validates the embedded bank at build time with the bank module's own code, and stores it
//! in a compact binary form: decoding that at start-up takes a fraction of the time parsing
//! the YAML would. A bank that does not validate stops the build with the loader's message.

#[path = "src/error.rs"]
#[allow(dead_code)]
mod error;

#[path = "src/bank/mod.rs"]
#[allow(dead_code, unused_imports)]
mod bank;

use error::{Error, Result};

/// The bank module reads this at run time; the build script itself never does.
#[allow(dead_code)]
static EMBEDDED_BANK_BINARY: &[u8] = &[];

fn main() {
    println!("cargo::rerun-if-changed=content/earn-trust.yaml");
    println!("cargo::rerun-if-changed=src/bank");
    println!("cargo::rerun-if-changed=src/error.rs");
    let bank: Result<bank::Bank> = bank::parse_bank(bank::EMBEDDED_BANK, "content/earn-trust.yaml");
    let bank = match bank {
        Ok(bank) => bank,
        Err(err) => {
            let err: Error = err;
            eprintln!("error: the embedded bank does not validate:\n{err}");
            std::process::exit(1);
        }
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("earn-trust.bank"), bank::encode_bank(&bank))
        .expect("OUT_DIR is writable");
}
