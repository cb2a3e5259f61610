//! The crate's layout, read from its own sources: no import circle between its top-level modules (a
//! rule's module never imports one that imports it back, so each can be read from the bottom up), and no
//! file longer than a reader can hold (test code aside).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Most lines of code one file may have: tests, comments and blank lines aside.
const MOST_LINES: usize = 400;

fn sources(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The module a file belongs to: its top-level module (`readers/usb.rs` → `readers`), or within the
/// `app` folder the module under it (`app/alerts/mod.rs` → `app::alerts`); None for the crate root, the
/// folders' `mod.rs` that only declare modules, and test-only files.
fn module_of(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(src()).unwrap();
    let mut parts = relative
        .components()
        .map(|part| part.as_os_str().to_str().unwrap().trim_end_matches(".rs"));
    let first = parts.next()?;
    let name = match first {
        "app" => format!("app::{}", parts.next()?),
        _ => first.to_owned(),
    };
    let test_only = name.ends_with("_tests") || relative.ends_with("tests.rs");
    (name != "lib" && name != "app::mod" && !test_only).then_some(name)
}

/// The code of a file without its test module (the last `#[cfg(test)] mod …` and what follows).
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// The code without its comments (`// …` to the end of a line): a doc comment may name any module.
fn without_comments(code: &str) -> String {
    code.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module `code` names through `crate::…` (`app::…` counted by the module under it), in paths
/// and in `use crate::{…}` lists.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let word = |s: &str| -> String {
        let name = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        };
        match s.strip_prefix("app::") {
            Some(rest) => format!("app::{}", name(rest)),
            None => name(s),
        }
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let (prefix, list) = match (rest.strip_prefix('{'), rest.strip_prefix("app::{")) {
            (Some(list), _) => ("", Some(list)),
            (_, Some(list)) => ("app::", Some(list)),
            _ => ("", None),
        };
        match list {
            Some(list) => {
                let end = list.find('}').unwrap_or(list.len());
                for item in list[..end].split(',') {
                    named.insert(word(&format!("{prefix}{}", item.trim())));
                }
            }
            None => {
                named.insert(word(rest));
            }
        }
    }
    named.retain(|name| !name.is_empty());
    named
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let targets = edges.entry(module.clone()).or_default();
        for target in named_modules(&without_comments(without_tests(&text))) {
            if target != module {
                targets.insert(target);
            }
        }
    }
    edges
}

/// A circle through `start`, if there is one (depth-first search).
fn circle_through(start: &str, edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn walk(
        at: &str,
        start: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in edges.get(at).into_iter().flatten() {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(next, start, edges, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    walk(start, start, edges, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = graph();
    assert!(edges.len() > 10, "the sources were read: {edges:?}");
    for module in edges.keys() {
        if let Some(circle) = circle_through(module, &edges) {
            panic!("import circle: {} → {module}", circle.join(" → "));
        }
    }
}

#[test]
fn the_check_finds_a_circle_when_there_is_one() {
    let mut edges = graph();
    edges
        .entry("verdict".into())
        .or_default()
        .insert("readers".into());
    assert!(circle_through("verdict", &edges).is_some());
    assert_eq!(
        named_modules(
            "use crate::{cert::CertInfo, readers};\nlet x = crate::time::now_jst();\nuse crate::app::{status, settings::Settings};"
        ),
        BTreeSet::from([
            "app::settings".into(),
            "app::status".into(),
            "cert".into(),
            "readers".into(),
            "time".into()
        ])
    );
}

#[test]
fn no_file_is_longer_than_a_reader_can_hold() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter(|file| module_of(file).is_some())
        .filter_map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            let lines = without_tests(&text)
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with("//"))
                .count();
            (lines > MOST_LINES).then(|| format!("{} ({lines})", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MOST_LINES} lines of code: {long:?}");
}
