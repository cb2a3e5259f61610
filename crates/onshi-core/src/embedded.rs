//! The data files shipped inside the app (the readers' findings, the guidance, the eye checks, the face
//! readers' makers, the OS support dates): each is parsed once, on first use, by this one reader. They are
//! checked by the tests, so a damaged one stops the tests, never a clinic's app in a way staff could fix.

use serde::de::DeserializeOwned;

/// `text` (an `include_str!` of `file`) parsed as TOML.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, file: &str) -> T {
    toml::from_str(text).unwrap_or_else(|error| panic!("the embedded {file} is valid: {error}"))
}
