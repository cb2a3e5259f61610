//! 自動サインイン: after a power cut the terminal signs in by itself (Winlogon's AutoAdminLogon, never its
//! password), as the usual user; the screen saver's lock after 15 minutes is expected, not a fault.

use super::seen::{AutoSignIn, Probe, SignInSeen};
use super::usual::UsualSetup;
use super::Judged;
use crate::verdict::{Level, VerdictCode::*};

pub fn judge(seen: &SignInSeen, usual: &UsualSetup) -> Vec<Judged> {
    let main = automatic(seen, usual);
    // The account that signs in by itself: Winlogon's when it is set, else the usual one.
    let signs_in = match &seen.auto_sign_in {
        Probe::Seen(AutoSignIn {
            enabled: true,
            user: Some(user),
        }) => user.as_str(),
        _ => usual.sign_in.user.as_str(),
    };
    let accounts = super::accounts::judge(
        &seen.accounts,
        signs_in,
        usual.sign_in.password_expiry_warning_days,
    );
    let mut found = main;
    // The screen saver's lock, said on its own so that it stays beside any fault: a password prompt
    // after it is the usual set-up, not a broken automatic sign-in.
    if let (Probe::Seen(_), Probe::Seen(Some(seconds))) =
        (&seen.auto_sign_in, &seen.screen_saver_lock)
    {
        let minutes = seconds / 60;
        found.push(Judged::new(
            Level::Info,
            SignInScreenLockExpected,
            format!("自動サインイン：{minutes}分操作がないと画面がロックされ、パスワードを求められます。これは通常の設定で、不具合ではありません"),
            format!("Automatic sign-in: after {minutes} idle minutes the screen locks and asks for a password; that is the usual set-up, not a fault"),
        ));
    }
    // A green line gives way to a pressing one: the area is not fine.
    if accounts.iter().any(|a| a.verdict.level >= Level::Warn) {
        found.retain(|f| f.verdict.level != Level::Ok);
    }
    found.extend(accounts);
    found
}

/// Whether it signs in by itself, and as whom.
fn automatic(seen: &SignInSeen, usual: &UsualSetup) -> Vec<Judged> {
    let usual = &usual.sign_in;
    let auto = match &seen.auto_sign_in {
        Probe::Seen(auto) => auto,
        other => {
            return vec![Judged::not_looked_at(
                other,
                SignInNotOnThisOs,
                "自動サインイン",
                "Automatic sign-in",
            )]
        }
    };
    if !auto.enabled {
        let hidden = seen.passwordless == Probe::Seen(Some(usual.passwordless_hides_checkbox));
        let (hint_ja, hint_en) = if hidden {
            (
                "（「netplwiz」のチェックボックスが表示されない設定です）",
                " (netplwiz's check box is hidden by the PasswordLess setting)",
            )
        } else {
            ("", "")
        };
        return vec![Judged::new(
            Level::Warn,
            SignInNotAutomatic,
            format!("自動サインイン：設定されていません。停電のあとはサインイン画面で止まります{hint_ja}"),
            format!("Automatic sign-in: not set. After a power cut the PC stops at the sign-in screen{hint_en}"),
        )];
    }
    let user = auto.user.as_deref().unwrap_or("-");
    if !user.eq_ignore_ascii_case(&usual.user) {
        return vec![Judged::new(
            Level::Info,
            SignInOtherUser,
            format!(
                "自動サインイン：「{user}」でサインインします（通常の設定は「{}」）",
                usual.user
            ),
            format!(
                "Automatic sign-in: as \"{user}\" (the usual set-up uses \"{}\")",
                usual.user
            ),
        )];
    }
    vec![Judged::new(
        Level::Ok,
        SignInAutomatic,
        format!("自動サインイン：「{user}」で設定されています"),
        format!("Automatic sign-in: set for \"{user}\""),
    )]
}
