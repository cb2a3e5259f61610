//! The report's section for the phone call, as text: what the face reader or the terminal showed, what
//! staff saw by eye, and whom the clinic calls (kept apart from text.rs, which holds every other section).

use super::words::*;
use super::SupportReport;
use crate::text::Language;
use std::fmt::Write;

/// What a help desk asks first: what the face reader or the terminal showed, what staff saw by eye, and
/// whom the clinic calls.
pub(super) fn for_the_call(w: &mut String, report: &SupportReport, language: Language) {
    let l = |ja: &'static str, en: &'static str| language.pick(ja, en);
    let sep = l("：", ": ");
    let or_none = |text: String| {
        if text.is_empty() {
            l("未登録", "not entered").to_owned()
        } else {
            text
        }
    };
    let _ = writeln!(
        w,
        "[{}]",
        l(
            "画面に表示されたコードとメッセージ",
            "Code and message shown"
        )
    );
    let _ = writeln!(
        w,
        "{}",
        report
            .shown_on_screen
            .as_deref()
            .unwrap_or(l("（入力なし）", "(none entered)"))
    );
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "[{}]",
        l(
            "目で確認した項目（最後の回答）",
            "Checked by eye (last answers)"
        )
    );
    if report.eye_answers.is_empty() {
        let _ = writeln!(w, "{}", l("（回答なし）", "(none answered)"));
    }
    for (question, answer) in &report.eye_answers {
        use crate::app::status::EyeQuestionId::*;
        let what = match question {
            FaceReader => l(
                "顔認証付きカードリーダーの画面",
                "Face-recognition reader's screen",
            ),
            TerminalScreen => l("資格確認端末の画面", "Terminal's screen"),
            RouterLamps => l("回線の機器のランプ", "Line equipment's lamps"),
        };
        let how = if answer.normal {
            l("いつもどおり", "as usual")
        } else {
            l("いつもと違う", "not as usual")
        };
        let (open, close) = (l("（", " ("), l("）", ")"));
        let _ = writeln!(
            w,
            "{what}{sep}{how}{open}{}{close}",
            when(&answer.at, language)
        );
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "[{}]", l("連絡先", "Contacts"));
    let c = &report.contacts;
    let _ = writeln!(
        w,
        "{}{sep}{}",
        l("ITベンダー", "IT vendor"),
        or_none(c.it_vendor.line())
    );
    let _ = writeln!(
        w,
        "{}{sep}{}",
        l(
            "顔認証付きカードリーダーのメーカー窓口",
            "Face-recognition reader's maker desk"
        ),
        or_none(c.face_reader_maker.line())
    );
    let maker = crate::app::face_readers::name(&c.face_reader);
    let _ = writeln!(
        w,
        "{}{sep}{}",
        l("顔認証付きカードリーダー", "Face-recognition reader"),
        or_none(
            maker
                .map(|m| m.get(language).to_owned())
                .unwrap_or_default()
        )
    );
    if !c.notes.is_empty() {
        let _ = writeln!(w, "{}{sep}{}", l("メモ", "Notes"), c.notes);
    }
    let _ = writeln!(w);
}
