//! The terminal's accounts (part of 自動サインイン): the usual set-up makes the passwords of OQSComApp and
//! ONSRenkei never expire (TK ONS/ONSCheck.ps1); one that runs out stops the terminal at the sign-in screen
//! and breaks the tasks that start the 連携・配信アプリ. Days left from NetUserGetInfo's password age and
//! NetUserModalsGet's maximum age; never a password.

use super::seen::{AccountSeen, Probe};
use super::Judged;
use crate::verdict::{Level, VerdictCode::*};

/// Days until the account's password expires: None when it never does; 0 or less when it has.
pub fn days_left(account: &AccountSeen) -> Option<i64> {
    if account.never_expires {
        return None;
    }
    if account.expired {
        return Some(0);
    }
    Some(account.max_age_days? - account.password_age_days)
}

/// `signs_in` is the account that signs in by itself: its expired password is red.
pub fn judge(accounts: &Probe<Vec<AccountSeen>>, signs_in: &str, warning_days: i64) -> Vec<Judged> {
    let accounts = match accounts {
        Probe::Seen(accounts) => accounts,
        Probe::Unreadable(error) => {
            return vec![Judged::new(
                Level::Info,
                SignInAccountsUnreadable,
                format!(
                    "自動サインイン：アカウントのパスワードの期限を読み取れませんでした（{error}）"
                ),
                format!(
                    "Automatic sign-in: the accounts' password expiry could not be read ({error})"
                ),
            )]
        }
        Probe::DoesNotApply => return Vec::new(),
    };
    let mut found = Vec::new();
    for account in accounts {
        let name = &account.name;
        if !account.found {
            found.push(Judged::new(
                Level::Info,
                SignInAccountNotFound,
                format!("自動サインイン：通常の設定にあるアカウント「{name}」はこのPCにありません"),
                format!(
                    "Automatic sign-in: the usual set-up's account \"{name}\" is not on this PC"
                ),
            ));
            continue;
        }
        let Some(days) = days_left(account) else {
            continue;
        };
        let signing_in = name.eq_ignore_ascii_case(signs_in);
        let (then_ja, then_en) = if signing_in {
            (
                "PCの起動時に自動でサインインできず、連携アプリケーション・配信アプリケーションを起動するタスクも失敗します",
                "the PC cannot sign in by itself at start-up, and the tasks that start the link and distribution applications fail",
            )
        } else {
            (
                "このアカウントを使う接続（レセコンとの連携など）ができなくなるおそれがあります",
                "what connects with this account (such as the receipt computer's link) may stop working",
            )
        };
        if days <= 0 {
            found.push(Judged::new(
                if signing_in { Level::Error } else { Level::Warn },
                SignInPasswordExpired,
                format!("自動サインイン：アカウント「{name}」のパスワードの有効期限が切れています。{then_ja}"),
                format!("Automatic sign-in: the password of the account \"{name}\" has expired: {then_en}"),
            ));
        } else if days <= warning_days {
            found.push(Judged::new(
                Level::Warn,
                SignInPasswordExpiring,
                format!("自動サインイン：アカウント「{name}」のパスワードの有効期限まであと{days}日です（通常の設定は「パスワードを無期限にする」）。期限が切れると、{then_ja}"),
                format!("Automatic sign-in: the password of the account \"{name}\" expires in {days} days (the usual set-up makes it never expire). Then {then_en}"),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(name: &str, age: i64, max: Option<i64>) -> AccountSeen {
        AccountSeen {
            name: name.into(),
            found: true,
            never_expires: false,
            expired: false,
            password_age_days: age,
            max_age_days: max,
        }
    }

    fn judged(accounts: Vec<AccountSeen>) -> Vec<(Level, crate::verdict::VerdictCode)> {
        judge(&Probe::Seen(accounts), "OQSComApp", 14)
            .into_iter()
            .map(|f| (f.verdict.level, f.verdict.code))
            .collect()
    }

    #[test]
    fn days_left_from_the_age_and_the_maximum() {
        assert_eq!(days_left(&account("a", 30, Some(42))), Some(12));
        assert_eq!(days_left(&account("a", 30, None)), None);
        let mut never = account("a", 300, Some(42));
        never.never_expires = true;
        assert_eq!(days_left(&never), None);
        let mut flagged = account("a", 1, Some(42));
        flagged.expired = true;
        assert_eq!(days_left(&flagged), Some(0));
    }

    #[test]
    fn fourteen_days_or_fewer_is_amber_and_expired_is_red_for_the_account_that_signs_in() {
        assert!(judged(vec![account("OQSComApp", 27, Some(42))]).is_empty());
        assert_eq!(
            judged(vec![account("OQSComApp", 28, Some(42))]),
            [(Level::Warn, SignInPasswordExpiring)]
        );
        assert_eq!(
            judged(vec![account("oqscomapp", 42, Some(42))]),
            [(Level::Error, SignInPasswordExpired)]
        );
        assert_eq!(
            judged(vec![account("ONSRenkei", 50, Some(42))]),
            [(Level::Warn, SignInPasswordExpired)]
        );
        let mut gone = account("ONSRenkei", 0, None);
        gone.found = false;
        assert_eq!(judged(vec![gone]), [(Level::Info, SignInAccountNotFound)]);
    }
}
