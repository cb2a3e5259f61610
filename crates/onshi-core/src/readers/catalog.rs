//! The catalog of known reader models (`catalog.toml`, embedded at build time) and name matching.

use serde::Deserialize;
use std::sync::OnceLock;

/// One reader model of the catalog.
#[derive(Debug, Clone, Deserialize)]
pub struct Model {
    /// A stable id, used by the CLI's `model` field and by guides.
    pub id: String,
    /// Substrings stable across the OS's names for this model.
    #[serde(rename = "match")]
    pub patterns: Vec<String>,
    pub label_ja: String,
    pub label_en: String,
    /// Fit for the smartphone マイナ保険証.
    pub smartphone_ready: bool,
    /// What to do instead, for a model that does not fit.
    #[serde(default)]
    pub advice_ja: Option<String>,
    #[serde(default)]
    pub advice_en: Option<String>,
}

#[derive(Deserialize)]
struct CatalogFile {
    model: Vec<Model>,
}

/// Parses a catalog from its TOML text.
pub fn parse(text: &str) -> Result<Vec<Model>, toml::de::Error> {
    Ok(toml::from_str::<CatalogFile>(text)?.model)
}

/// The catalog shipped with the app.
pub fn models() -> &'static [Model] {
    static MODELS: OnceLock<Vec<Model>> = OnceLock::new();
    MODELS.get_or_init(|| {
        parse(include_str!("catalog.toml")).expect("the embedded catalog.toml is valid")
    })
}

/// The first model whose pattern appears in `reader_name`, ignoring case.
pub fn recognise(reader_name: &str) -> Option<&'static Model> {
    let name = reader_name.to_lowercase();
    models().iter().find(|model| {
        model
            .patterns
            .iter()
            .any(|pattern| name.contains(&pattern.to_lowercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_of(name: &str) -> Option<&'static str> {
        recognise(name).map(|model| model.id.as_str())
    }

    #[test]
    fn windows_names_of_the_faq_are_recognised_as_ready() {
        for name in [
            "SONY FeliCa Port/PaSoRi 4.0 0",
            "Circle USBNFC4 0",
            "Circle CIR315 CL 0",
        ] {
            let model = recognise(name).unwrap_or_else(|| panic!("{name} not recognised"));
            assert!(model.smartphone_ready, "{name}");
        }
    }

    #[test]
    fn linux_names_carry_interface_serial_and_slot() {
        assert_eq!(
            id_of("SONY FeliCa RC-S300/P (0303109) 00 00"),
            Some("sony-rc-s300")
        );
        assert_eq!(
            id_of("SONY FeliCa RC-S300/S (0411234) 01 00"),
            Some("sony-rc-s300")
        );
        assert_eq!(
            id_of("Circle CIR315 CL [CIR315 CL] (0001) 00 00"),
            Some("circle-cir315")
        );
    }

    #[test]
    fn the_contact_side_of_a_cir315_is_not_ready_and_says_what_to_do() {
        let model = recognise("Circle CIR315 0").unwrap();
        assert_eq!(model.id, "circle-cir315-contact");
        assert!(!model.smartphone_ready);
        assert!(model.advice_ja.as_deref().unwrap().contains("CL"));
    }

    #[test]
    fn unknown_readers_are_not_guessed() {
        assert_eq!(id_of("Generic Smart Card Reader Interface 0"), None);
        assert_eq!(id_of(""), None);
    }

    #[test]
    fn every_model_is_complete() {
        for model in models() {
            assert!(!model.patterns.is_empty(), "{}", model.id);
            assert!(
                !model.label_ja.is_empty() && !model.label_en.is_empty(),
                "{}",
                model.id
            );
            if !model.smartphone_ready {
                assert!(
                    model.advice_ja.is_some() && model.advice_en.is_some(),
                    "{} needs advice",
                    model.id
                );
            }
        }
    }
}
