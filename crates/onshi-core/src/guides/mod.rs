//! Guides are data: each `data/*.toml` is one guide, its steps in Japanese and English, an optional
//! picture, an optional live check the step waits for, and choices that branch. Adding a maker's pairing
//! steps is editing a data file. `all()` loads and validates them; a test fails on any gap.

pub mod proof;

use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

/// The live checks a step may wait for. The app evaluates them against the real world; the data files
/// name them as serde does here, and a file naming another fails to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[ts(export)]
pub enum GuideCheck {
    /// A reader fit for the smartphone マイナ保険証 is connected.
    #[serde(rename = "reader:smartphone-ready")]
    ReaderSmartphoneReady,
    /// A card or phone sits on such a reader.
    #[serde(rename = "card:on-ready-reader")]
    CardOnReadyReader,
    /// The read test found a My Number card or a phone's JPKI function, on a reader fit for phones.
    #[serde(rename = "card:my-number")]
    CardMyNumber,
    /// The read test found a phone's JPKI function (Android or iPhone) on a reader fit for phones.
    #[serde(rename = "card:smartphone")]
    CardSmartphone,
    /// A certificate file was opened and is valid or in its renewal window.
    #[serde(rename = "cert:usable")]
    CertUsable,
    /// A backup was verified usable with its password.
    #[serde(rename = "backup:verified")]
    BackupVerified,
    /// A verified copy of the backup was made.
    #[serde(rename = "backup:copied")]
    BackupCopied,
    /// The installed MPKI client is at least the latest version the user entered (Windows).
    #[serde(rename = "mpki:up-to-date")]
    MpkiUpToDate,
}

/// Tools a step may show under its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum GuideTool {
    /// Dates of the 120-day rule, with a calendar reminder.
    SuccessionCalculator,
}

/// Where a step's choice leads: another step, or the end of the guide.
pub const END: &str = "end";

/// A way on from a decision step.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(from = "ChoiceData")]
#[ts(export)]
pub struct Choice {
    pub label: Text,
    pub next: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(from = "StepData")]
#[ts(export)]
pub struct Step {
    pub id: String,
    pub title: Text,
    pub body: Text,
    /// A picture in the UI's `public/guides/` folder.
    pub image: Option<String>,
    /// The live check the step waits for.
    pub check: Option<GuideCheck>,
    /// A tool shown under the step's text.
    pub tool: Option<GuideTool>,
    /// The step after this one (default: the next in the file; `end` after the last).
    pub next: Option<String>,
    /// A decision: each choice leads somewhere else.
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(from = "GuideData")]
#[ts(export)]
pub struct Guide {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    pub steps: Vec<Step>,
}

// The data files' shape: each text in `_ja` and `_en` columns, side by side for translators.

#[derive(Deserialize)]
struct ChoiceData {
    label_ja: String,
    label_en: String,
    next: String,
}

impl From<ChoiceData> for Choice {
    fn from(data: ChoiceData) -> Choice {
        Choice {
            label: Text::new(data.label_ja, data.label_en),
            next: data.next,
        }
    }
}

#[derive(Deserialize)]
struct StepData {
    id: String,
    title_ja: String,
    title_en: String,
    body_ja: String,
    body_en: String,
    #[serde(default)]
    image: Option<String>,
    #[serde(default)]
    check: Option<GuideCheck>,
    #[serde(default)]
    tool: Option<GuideTool>,
    #[serde(default)]
    next: Option<String>,
    #[serde(default, rename = "choice")]
    choices: Vec<Choice>,
}

impl From<StepData> for Step {
    fn from(data: StepData) -> Step {
        Step {
            id: data.id,
            title: Text::new(data.title_ja, data.title_en),
            body: Text::new(data.body_ja, data.body_en),
            image: data.image,
            check: data.check,
            tool: data.tool,
            next: data.next,
            choices: data.choices,
        }
    }
}

#[derive(Deserialize)]
struct GuideData {
    id: String,
    title_ja: String,
    title_en: String,
    summary_ja: String,
    summary_en: String,
    #[serde(rename = "step")]
    steps: Vec<Step>,
}

impl From<GuideData> for Guide {
    fn from(data: GuideData) -> Guide {
        Guide {
            id: data.id,
            title: Text::new(data.title_ja, data.title_en),
            summary: Text::new(data.summary_ja, data.summary_en),
            steps: data.steps,
        }
    }
}

/// The guides shipped with the app, in the order the home screen lists them.
const FILES: &[(&str, &str)] = &[
    ("renewal", include_str!("data/renewal.toml")),
    ("succession", include_str!("data/succession.toml")),
    ("smartphone", include_str!("data/smartphone.toml")),
    ("home-visit", include_str!("data/home-visit.toml")),
];

#[derive(Debug, thiserror::Error)]
pub enum GuideError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

fn invalid(file: &str, message: String) -> GuideError {
    GuideError::Invalid {
        file: file.to_owned(),
        message,
    }
}

/// Parses and validates one guide file.
pub fn parse(file: &str, text: &str) -> Result<Guide, GuideError> {
    let guide: Guide = toml::from_str(text).map_err(|e| invalid(file, e.to_string()))?;
    validate(file, &guide)?;
    Ok(guide)
}

/// Every guide, validated.
pub fn all() -> Result<Vec<Guide>, GuideError> {
    FILES.iter().map(|(file, text)| parse(file, text)).collect()
}

fn validate(file: &str, guide: &Guide) -> Result<(), GuideError> {
    let texts = [
        (&guide.title.ja, "title_ja"),
        (&guide.title.en, "title_en"),
        (&guide.summary.ja, "summary_ja"),
        (&guide.summary.en, "summary_en"),
    ];
    for (text, field) in texts {
        if text.trim().is_empty() {
            return Err(invalid(file, format!("missing {field}")));
        }
    }
    if guide.steps.is_empty() {
        return Err(invalid(file, "no steps".into()));
    }
    let mut ids = BTreeSet::new();
    for step in &guide.steps {
        if !ids.insert(step.id.as_str()) || step.id == END {
            return Err(invalid(
                file,
                format!("step id {:?} repeated or reserved", step.id),
            ));
        }
    }
    for step in &guide.steps {
        let where_ = format!("step {:?}", step.id);
        for (text, field) in [
            (&step.title.ja, "title_ja"),
            (&step.title.en, "title_en"),
            (&step.body.ja, "body_ja"),
            (&step.body.en, "body_en"),
        ] {
            if text.trim().is_empty() {
                return Err(invalid(file, format!("{where_}: missing {field}")));
            }
        }
        let targets = step.next.iter().chain(step.choices.iter().map(|c| &c.next));
        for target in targets {
            if target != END && !ids.contains(target.as_str()) {
                return Err(invalid(
                    file,
                    format!("{where_}: leads to unknown step {target:?}"),
                ));
            }
        }
        for choice in &step.choices {
            if choice.label.ja.trim().is_empty() || choice.label.en.trim().is_empty() {
                return Err(invalid(file, format!("{where_}: a choice lacks a label")));
            }
        }
    }
    Ok(())
}

/// Every picture the guides use, for the test that checks each exists.
pub fn images(guides: &[Guide]) -> BTreeSet<String> {
    guides
        .iter()
        .flat_map(|g| g.steps.iter().filter_map(|s| s.image.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_guide_is_complete() {
        let guides = all().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(guides.len(), FILES.len());
        for (guide, (file, _)) in guides.iter().zip(FILES) {
            assert_eq!(&guide.id, file, "a guide's id is its file name");
            // The UI reads `steps` and `choices` (the data files say `step` and `choice`, as TOML tables).
            let json = serde_json::to_value(guide).unwrap();
            assert!(json["steps"][0]["choices"].is_array(), "{file}");
        }
    }

    #[test]
    fn every_picture_exists_in_the_ui() {
        let folder =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/public/guides");
        for image in images(&all().unwrap()) {
            assert!(
                folder.join(&image).is_file(),
                "missing picture ui/public/guides/{image}"
            );
        }
    }

    #[test]
    fn gaps_are_caught() {
        let ok = "id='x'\ntitle_ja='t'\ntitle_en='t'\nsummary_ja='s'\nsummary_en='s'\n[[step]]\nid='a'\ntitle_ja='t'\ntitle_en='t'\nbody_ja='b'\nbody_en='b'\n";
        assert!(parse("x", ok).is_ok());
        assert!(parse("x", &ok.replace("body_en='b'", "body_en=' '"))
            .unwrap_err()
            .to_string()
            .contains("missing body_en"));
        assert!(parse("x", &format!("{ok}check='reader:teleport'\n"))
            .unwrap_err()
            .to_string()
            .contains("unknown variant `reader:teleport`"));
        assert!(parse("x", &format!("{ok}next='nowhere'\n"))
            .unwrap_err()
            .to_string()
            .contains("unknown step"));
        assert!(
            parse("x", &ok.replace("title_en='t'\nsummary", "summary")).is_err(),
            "a missing translation"
        );
    }
}
