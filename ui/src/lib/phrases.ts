// Japanese line breaking by phrase. WebKitGTK (Linux) has no `word-break: auto-phrase` (only Chromium,
// and so WebView2, does), and by default breaks Japanese between any two characters: a particle or 「い。」
// can end up alone on a line. So each Japanese string shown gets an invisible break opportunity (U+200B)
// between the phrases Google's BudouX finds, and app.css sets `word-break: keep-all` for Japanese, so
// that lines break only there.
import { Parser, jaModel } from "budoux";

const parser = new Parser(jaModel);
export const PHRASE_BREAK = "\u200b";

/** `text` with a zero-width space between its phrases, line by line. A one-character phrase (「図」,
 *  「ん」) is joined to the one before it, so that no character can stand alone at a line's start. */
export function phrased(text: string): string {
  return text
    .split("\n")
    .map((line) => joinLoneCharacters(parser.parse(line)).join(PHRASE_BREAK))
    .join("\n");
}

function joinLoneCharacters(phrases: string[]): string[] {
  const joined: string[] = [];
  for (const phrase of phrases) {
    const previous = joined.at(-1);
    // A lone character, or anything after an opening bracket, stays on the line of what comes before.
    if (previous !== undefined && ([...phrase.trim()].length <= 1 || /[（「『［]$/.test(previous))) {
      joined[joined.length - 1] += phrase;
    } else joined.push(phrase);
  }
  // A lone first phrase goes with the second.
  if (joined.length > 1 && [...joined[0].trim()].length <= 1) joined.splice(0, 2, joined[0] + joined[1]);
  return joined;
}
