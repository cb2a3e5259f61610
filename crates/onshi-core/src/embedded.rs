//! The data files shipped inside the app (the reader catalog, the readers' findings, the usual set-up, the
//! guidance, the eye checks, the face readers' makers, the OS support dates): people edit each as TOML
//! with its sources, build.rs turns it into JSON, and the app parses that once, on first use, by this one
//! reader (a TOML parse at each start of `onshi check` cost several times the JSON's). They are checked
//! by the tests, so a damaged one stops the tests, never a clinic's app in a way staff could fix.

use serde::de::DeserializeOwned;

/// `json` (the build-time JSON of the data file `file`) parsed.
pub(crate) fn parse<T: DeserializeOwned>(json: &str, file: &str) -> T {
    serde_json::from_str(json)
        .unwrap_or_else(|error| panic!("the embedded {file} is valid: {error}"))
}

/// The data file `src/…/NAME.toml` as build.rs wrote it (`OUT_DIR/NAME.json`), parsed into `T`:
/// `data!(T, "findings")`.
macro_rules! data {
    ($ty:ty, $name:literal) => {
        $crate::embedded::parse::<$ty>(
            include_str!(concat!(env!("OUT_DIR"), "/", $name, ".json")),
            concat!($name, ".toml"),
        )
    };
}
pub(crate) use data;

/// The test that holds a data file's two readings equal: its TOML (`toml`, the `include_str!` of the
/// source) and build.rs's JSON read into the same `T` give the same value, field for field. A stale or
/// lossy conversion (a TOML date, a number's type) fails here.
#[cfg(test)]
macro_rules! same_as_toml {
    ($ty:ty, $name:literal, $toml:expr) => {{
        let from_json: $ty = $crate::embedded::data!($ty, $name);
        let from_toml: $ty = toml::from_str($toml).expect(concat!($name, ".toml is valid"));
        assert_eq!(
            format!("{from_json:?}"),
            format!("{from_toml:?}"),
            "{}",
            $name
        );
    }};
}
#[cfg(test)]
pub(crate) use same_as_toml;
