// Every Japanese string the product shows — the UI, the guides, the reader catalogue and findings, the
// 始業点検's advice, the CLI, the notices, the tray and the support report — read from the sources and held
// to docs/glossary.json: one term per thing, full-width punctuation, no space between Japanese and Latin
// letters, dates written the Japanese way.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { dictionaries } from "./i18n";

const root = path.resolve(__dirname, "../../..");
const glossary = JSON.parse(fs.readFileSync(path.join(root, "docs/glossary.json"), "utf8"));

const JP = "\\u3040-\\u30ff\\u4e00-\\u9fff\\u3005";
const japanese = new RegExp(`[${JP}]`);

/** The string literals of a Rust source: "…" (with escapes, across lines), r"…" and r#"…"#; comments and
 *  char literals skipped. */
export function rustStrings(source: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "/" && source[i + 1] === "/") {
      i = source.indexOf("\n", i);
      if (i < 0) break;
    } else if (c === "r" && /^r#*"/.test(source.slice(i, i + 4)) && !/\w/.test(source[i - 1] ?? "")) {
      const hashes = source.slice(i + 1).match(/^#*/)![0];
      const start = i + 2 + hashes.length;
      const end = source.indexOf(`"${hashes}`, start);
      found.push(source.slice(start, end));
      i = end + 1 + hashes.length;
    } else if (c === "'" && /^'(\\.|[^\\'])'/.test(source.slice(i, i + 4))) {
      i = source.indexOf("'", i + 2) + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== '"') {
        if (source[j] === "\\") {
          // A line continuation drops the newline and the next line's indent.
          if (source[j + 1] === "\n") {
            j += 2;
            while (source[j] === " ") j++;
            continue;
          }
          text += source[j + 1] === "n" ? "\n" : source[j + 1];
          j += 2;
        } else text += source[j++];
      }
      found.push(text);
      i = j + 1;
    } else i++;
  }
  return found;
}

/** The values of a TOML file's keys ending in `_ja` (one-line and """ blocks). */
function tomlJapanese(source: string): string[] {
  const found: string[] = [];
  const re = /^\s*\w+_ja\s*=\s*(?:"""([\s\S]*?)"""|"((?:[^"\\]|\\.)*)")/gm;
  for (const m of source.matchAll(re)) found.push(m[1] ?? m[2]);
  return found;
}

/** The values of a TOML file's keys ending in `_en`. */
function tomlEnglish(source: string): string[] {
  const found: string[] = [];
  const re = /^\s*\w+_en\s*=\s*(?:"""([\s\S]*?)"""|"((?:[^"\\]|\\.)*)")/gm;
  for (const m of source.matchAll(re)) found.push(m[1] ?? m[2]);
  return found;
}

function filesUnder(dir: string, ending: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(ending))
    .map((file) => path.join(dir, file));
}

/** Every Japanese string with where it comes from. */
function allJapanese(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const [key, text] of Object.entries(dictionaries.ja)) out.push({ where: `i18n ${key}`, text });
  for (const file of ["crates/onshi-core/src", "crates/onshi-cli/src", "src-tauri/src"].flatMap((d) => filesUnder(d, ".rs"))) {
    for (const text of rustStrings(fs.readFileSync(path.join(root, file), "utf8"))) out.push({ where: file, text });
  }
  for (const file of filesUnder("crates/onshi-core/src", ".toml")) {
    for (const text of tomlJapanese(fs.readFileSync(path.join(root, file), "utf8"))) out.push({ where: file, text });
  }
  // File names (a copy is named "… (2).p12" as Windows names copies) are not sentences.
  // English strings that name Japanese things (the app, 「…」 labels) keep English spacing.
  const names = /オン資アシスタント|オンライン資格確認|マイナ資格確認アプリ|マイナ在宅受付/g;
  return out.filter(
    ({ text }) => japanese.test(ownWords(text).replace(names, "")) && !/\.\w{2,4}$/.test(text),
  );
}

/** The text outside 「…」 (labels quoted from other software keep their own spelling). */
const ownWords = (text: string) => text.replace(/「[^「」]*」/g, "「」");

type Rule = { name: string; broken: (text: string) => string | null };

const pattern = (name: string, re: RegExp): Rule => ({
  name,
  broken: (text) => ownWords(text).match(re)?.[0] ?? null,
});

const rules: Rule[] = [
  pattern("half-width ( ) beside Japanese: use （）", new RegExp(`[${JP}。、」] ?\\(|\\([^()]*[${JP}][^()]*\\)|\\) ?[${JP}]`)),
  pattern("half-width : after Japanese: use ：", new RegExp(`[${JP}）」]:`)),
  {
    // (A date and its time keep their space: 2026年12月1日 8:31.)
    name: "a space between Japanese and Latin letters or digits",
    broken: (text) =>
      ownWords(text)
        .replace(/日 (?=\d{1,2}:\d{2})/g, "日")
        .match(new RegExp(`[A-Za-z0-9}] [${JP}]|[${JP}] [A-Za-z0-9{]`))?.[0] ?? null,
  },
  {
    // (Except where the text explains the CLI's input format, YYYY-MM-DD, with an example.)
    name: "an ISO date in Japanese text: write 2027年1月10日",
    broken: (text) => (text.includes("YYYY-MM-DD") ? null : (ownWords(text).match(/\b\d{4}-\d{2}-\d{2}\b/)?.[0] ?? null)),
  },
];

for (const term of glossary.terms) {
  for (const avoid of term.avoid ?? []) {
    rules.push({ name: `「${avoid}」: say 「${term.term}」`, broken: (text) => (ownWords(text).includes(avoid) ? avoid : null) });
  }
  if (term.bare) {
    const { word, after = [], before = [] } = term.bare as { word: string; after?: string[]; before?: string[] };
    rules.push({
      name: `「${word}」 alone: say 「${term.term}」`,
      broken: (text) => {
        const own = ownWords(text);
        for (let at = own.indexOf(word); at >= 0; at = own.indexOf(word, at + 1)) {
          const ok =
            after.some((prefix) => own.slice(0, at).endsWith(prefix)) ||
            before.some((suffix) => own.slice(at + word.length).startsWith(suffix));
          if (!ok) return own.slice(Math.max(0, at - 6), at + word.length + 4);
        }
        return null;
      },
    });
  }
}

describe("the glossary", () => {
  const strings = allJapanese();

  it("finds the product's Japanese strings in every source", () => {
    const sources = new Set(strings.map(({ where }) => where.split(" ")[0]));
    for (const expected of ["i18n", "crates/onshi-core/src/app/alerts/mod.rs", "crates/onshi-cli/src/text.rs", "crates/onshi-core/src/support/text.rs", "crates/onshi-core/src/guides/data/smartphone.toml", "src-tauri/src/webview_check.rs"]) {
      expect(sources, expected).toContain(expected);
    }
    expect(strings.length).toBeGreaterThan(500);
  });

  for (const rule of rules) {
    it(rule.name, () => {
      const broken = strings
        .map(({ where, text }) => ({ where, found: rule.broken(text), text }))
        .filter(({ found }) => found !== null)
        .map(({ where, found, text }) => `${where}: ${found}    ← ${text.slice(0, 80)}`);
      expect(broken).toEqual([]);
    });
  }

  it("English never quotes the app's own Japanese labels: in English they read in English", () => {
    // (Compared without spaces: 「USB メモリにコピー」 is still our 「USBメモリにコピー」.)
    const bare = (text: string) => text.replace(/[\s\u200b]/g, "");
    const ours = new Set(Object.values(dictionaries.ja).map(bare));
    // A Rust literal is English when it has English words and no Japanese outside 「…」.
    const rustEnglish = ["crates/onshi-core/src", "crates/onshi-cli/src", "src-tauri/src"]
      .flatMap((dir) => filesUnder(dir, ".rs"))
      .flatMap((file) => rustStrings(fs.readFileSync(path.join(root, file), "utf8")).map((text) => ({ where: file, text })))
      .filter(({ text }) => /[A-Za-z]{3,}/.test(text) && !japanese.test(ownWords(text)));
    const english = [
      ...Object.entries(dictionaries.en).map(([key, text]) => ({ where: `i18n ${key}`, text })),
      ...filesUnder("crates/onshi-core/src", ".toml").flatMap((file) =>
        tomlEnglish(fs.readFileSync(path.join(root, file), "utf8")).map((text) => ({ where: file, text })),
      ),
      ...rustEnglish,
    ];
    expect(rustEnglish.length).toBeGreaterThan(200);
    const quoted = english.flatMap(({ where, text }) =>
      [...text.matchAll(/「([^「」]*)」/g)].filter((m) => ours.has(bare(m[1]))).map((m) => `${where}: 「${m[1]}」`),
    );
    expect(quoted).toEqual([]);
  });

  it("a quoted label of our own screens is written exactly as the screen shows it", () => {
    // 「PC の起動時に自動で起動する」 for our 「PCの起動時に自動で起動する」: the quote is exempt from the
    // spacing rule above (other software's labels keep their own spaces), so it is held to ours here.
    const bare = (text: string) => text.replace(/[\s\u200b]/g, "");
    const labels = Object.values(dictionaries.ja);
    const byBare = new Map(labels.map((label) => [bare(label), label]));
    const misquoted = strings.flatMap(({ where, text }) =>
      [...text.matchAll(/「([^「」]*)」/g)]
        .filter((m) => byBare.has(bare(m[1])) && byBare.get(bare(m[1])) !== m[1])
        .map((m) => `${where}: 「${m[1]}」 is 「${byBare.get(bare(m[1]))}」 on screen`),
    );
    expect(misquoted).toEqual([]);
  });

  it("reads Rust literals as the compiler does", () => {
    expect(rustStrings('let a = "一\\\n    二"; // "無視"\nlet c = \'"\'; let b = r"C:\\パス";')).toEqual(["一二", "C:\\パス"]);
  });
});
