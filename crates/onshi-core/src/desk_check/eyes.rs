//! What the app cannot see, asked of staff: the face-recognition reader's screen, the terminal's screen
//! and the line's lamps, one yes/no question each (`eye_checks.toml`). Today's answers make an area of the
//! 始業点検 like any other: as usual (green), not answered (neutral), or "no" (amber, with what to try and
//! whom to call from `desk_guidance.toml`).

use crate::app::status::{EyeAnswer, EyeQuestionId};
use crate::text::Text;
use crate::verdict::{Level, Verdict, VerdictCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use ts_rs::TS;

/// One question as shipped.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    id: EyeQuestionId,
    /// What is looked at, for the area's line.
    label_ja: String,
    label_en: String,
    ask_ja: String,
    ask_en: String,
    normal_ja: String,
    normal_en: String,
    #[allow(dead_code)] // Documents where the question comes from; read by the data's own test.
    source: String,
}

#[derive(Debug, Deserialize)]
struct QuestionFile {
    question: Vec<Question>,
}

fn questions() -> &'static [Question] {
    static QUESTIONS: OnceLock<Vec<Question>> = OnceLock::new();
    QUESTIONS.get_or_init(|| crate::embedded::data!(QuestionFile, "eye_checks").question)
}

/// A question with today's answer, for the 始業点検 screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EyeQuestion {
    pub id: EyeQuestionId,
    pub ask: Text,
    /// What "as usual" looks like, and when to answer 「いいえ」.
    pub normal: Text,
    /// Today's answer (「はい」 = as usual); None when not answered today.
    pub answer: Option<bool>,
}

/// The code of a 「いいえ」.
fn code_of_no(id: EyeQuestionId) -> VerdictCode {
    match id {
        EyeQuestionId::FaceReader => VerdictCode::EyeFaceReaderNotNormal,
        EyeQuestionId::TerminalScreen => VerdictCode::EyeTerminalScreenError,
        EyeQuestionId::RouterLamps => VerdictCode::EyeRouterLampsUnusual,
    }
}

/// Today's answers as the tray takes them: the verdict and its line (amber for a 「いいえ」, so the tray
/// turns amber as 始業点検 does).
pub fn judged_today(answers: &BTreeMap<EyeQuestionId, EyeAnswer>, today: &str) -> (Verdict, Text) {
    let (_, verdict, line) = look(answers, today);
    (verdict, line)
}

/// The questions with the answers given on `today` (YYYY-MM-DD), and the area's verdict and line.
pub(super) fn look(
    answers: &BTreeMap<EyeQuestionId, EyeAnswer>,
    today: &str,
) -> (Vec<EyeQuestion>, Verdict, Text) {
    let asked: Vec<EyeQuestion> = questions()
        .iter()
        .map(|q| EyeQuestion {
            id: q.id,
            ask: Text::new(q.ask_ja.clone(), q.ask_en.clone()),
            normal: Text::new(q.normal_ja.clone(), q.normal_en.clone()),
            answer: answers
                .get(&q.id)
                .filter(|a| crate::time::day_of(&a.at) == Some(today))
                .map(|a| a.normal),
        })
        .collect();
    let first_no = questions()
        .iter()
        .zip(&asked)
        .find(|(_, q)| q.answer == Some(false));
    let (verdict, line) = match first_no {
        Some((shipped, no)) => (
            Verdict::of(Level::Warn, code_of_no(no.id)),
            Text::new(
                format!("{}：いつもと違うと回答されました", shipped.label_ja),
                format!("{}: answered \"not as usual\"", shipped.label_en),
            ),
        ),
        None if asked.iter().all(|q| q.answer == Some(true)) => (
            Verdict::of(Level::Ok, VerdictCode::EyesNormal),
            Text::new(
                "目で確認しました：顔認証付きカードリーダー、端末の画面、回線の機器のランプはいつもどおりです",
                "Checked by eye: the face-recognition reader, the terminal's screen and the line's lamps are as usual",
            ),
        ),
        None => (
            Verdict::of(Level::Info, VerdictCode::EyesNotAnswered),
            Text::new(
                "このアプリからは見えない項目です。目で確認して、それぞれ「はい（いつもどおり）」か「いいえ（いつもと違う）」を押してください",
                "The app cannot see these: look, and answer each with \"Yes, as usual\" or \"No, not as usual\"",
            ),
        ),
    };
    (asked, verdict, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs's JSON of eye_checks.toml reads as the TOML it came from.
    #[test]
    fn the_embedded_eye_checks_is_the_toml() {
        crate::embedded::same_as_toml!(QuestionFile, "eye_checks", include_str!("eye_checks.toml"));
    }

    fn answered(at: &str, normal: bool) -> EyeAnswer {
        EyeAnswer {
            at: at.into(),
            normal,
        }
    }

    #[test]
    fn todays_answers_decide_and_yesterdays_do_not_count() {
        let today = "2026-12-07";
        let mut answers = BTreeMap::new();
        let (asked, verdict, _) = look(&answers, today);
        assert_eq!(asked.len(), 3);
        assert_eq!(
            verdict,
            Verdict::of(Level::Info, VerdictCode::EyesNotAnswered)
        );

        for id in [
            EyeQuestionId::FaceReader,
            EyeQuestionId::TerminalScreen,
            EyeQuestionId::RouterLamps,
        ] {
            answers.insert(id, answered("2026-12-07T08:29:00+09:00", true));
        }
        assert_eq!(look(&answers, today).1.code, VerdictCode::EyesNormal);
        assert_eq!(
            look(&answers, "2026-12-08").1.code,
            VerdictCode::EyesNotAnswered,
            "yesterday's look is not today's"
        );

        answers.insert(
            EyeQuestionId::RouterLamps,
            answered("2026-12-07T08:30:00+09:00", false),
        );
        let (asked, verdict, line) = look(&answers, today);
        assert_eq!(
            verdict,
            Verdict::of(Level::Warn, VerdictCode::EyeRouterLampsUnusual)
        );
        assert_eq!(line.ja, "回線の機器のランプ：いつもと違うと回答されました");
        assert_eq!(asked[2].answer, Some(false));
    }

    #[test]
    fn every_question_has_a_source_and_both_languages() {
        for q in questions() {
            assert!(!q.source.is_empty() && !q.ask_en.is_empty() && !q.normal_ja.is_empty());
            assert!(q.ask_ja.ends_with('？'), "{}", q.ask_ja);
        }
    }
}
