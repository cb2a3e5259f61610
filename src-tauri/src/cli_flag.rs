//! A flag the app handles before it starts (`--login-start on`, `--contacts FILE`), given as
//! `--flag value` or `--flag=value`.

/// The flag's value: None when the flag is not on the command line, Some(None) when it is given
/// without a value.
pub fn value(args: &[String], flag: &str) -> Option<Option<String>> {
    args.iter().enumerate().find_map(|(i, arg)| {
        let rest = arg.strip_prefix(flag)?;
        match rest.strip_prefix('=') {
            Some(value) => Some(Some(value.to_owned())),
            None if rest.is_empty() => Some(args.get(i + 1).cloned()),
            None => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::value;

    fn args(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn both_spellings_and_a_missing_value_are_told_apart() {
        let flag = "--contacts";
        assert_eq!(
            value(&args(&["app", "--contacts", "a.toml"]), flag),
            Some(Some("a.toml".into()))
        );
        assert_eq!(
            value(&args(&["app", "--contacts=b.toml"]), flag),
            Some(Some("b.toml".into()))
        );
        assert_eq!(value(&args(&["app", "--contacts"]), flag), Some(None));
        assert_eq!(value(&args(&["app", "--contactsx", "c"]), flag), None);
        assert_eq!(value(&args(&["app", "--autostart"]), flag), None);
    }
}
