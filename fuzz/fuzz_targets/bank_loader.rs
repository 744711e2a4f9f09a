//! Any text as a bank: the loader must return a bank or an error, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(err) = earn_trust::bank::parse_bank(text, "fuzz.yaml") {
            // Every error must render and carry the usage exit code.
            let err = earn_trust::Error::from(err);
            assert!(!err.to_string().is_empty());
            assert_eq!(err.exit_code(), 2);
        }
    }
});
