// The synthetic posts: a document model whose meaning (title, description, blocks of words) is kept
// apart from its presentation (wrapping, blank lines, trailing spaces, line endings, other front-matter),
// so the generator knows by construction which edits are meaningful.
import { createHash } from "node:crypto";

const SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "sor", "vel", "dan", "pri", "mo", "lu", "es", "tar", "bin", "qua", "zen", "fel", "rost", "nim", "ga", "por", "shi", "ven", "dal", "ur", "kes", "ba", "thi"];
const KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ";
const HANZI = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长";

/** A vocabulary of pseudo-words and helpers to build text from it, all from one seeded generator. */
export function vocabulary(rand, size = 3000) {
  const words = new Set();
  while (words.size < size) {
    let w = "";
    const n = rand.int(2, 3);
    for (let i = 0; i < n; i++) w += rand.pick(SYLLABLES);
    if (w.length >= 4) words.add(w);
  }
  const list = [...words];
  const word = () => list[Math.floor(rand.next() * list.length)];
  const words_ = (lo, hi) => Array.from({ length: rand.int(lo, hi) }, word);
  return { word, words: words_ };
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** A new original post: its meaning, its front-matter extras and its presentation. */
export function newDoc(rand, vocab, date) {
  const blocks = [{ kind: "h", words: vocab.words(2, 5) }];
  const paragraphs = rand.int(3, 6);
  for (let i = 0; i < paragraphs; i++) {
    if (i === 2 && rand.chance(0.4)) blocks.push({ kind: "h", words: vocab.words(2, 5) });
    if (i === 3 && rand.chance(0.3)) blocks.push({ kind: "list", items: Array.from({ length: rand.int(2, 5) }, () => vocab.words(3, 8)) });
    blocks.push({ kind: "p", words: vocab.words(25, 70) });
  }
  return {
    title: vocab.words(3, 6),
    description: vocab.words(8, 15),
    blocks,
    fm: { image: rand.chance(0.3), tags: vocab.words(1, 3), date, updated: null },
    style: { width: rand.pick([0, 72, 80, 100]), gap: 1, trailing: false, crlf: false },
  };
}

/** A digest of what a translation must follow: title, description and the words of every block. */
export function meaningKey(doc) {
  return createHash("sha1").update(JSON.stringify([doc.title, doc.description, doc.blocks])).digest("hex").slice(0, 20);
}

function wrap(words, width) {
  if (width === 0) return [words.join(" ")];
  const lines = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

function renderBlocks(blocks, style, mapWord = (w) => w) {
  const rendered = blocks.map((b) => {
    let lines;
    if (b.kind === "h") lines = [`## ${b.words.map(mapWord).join(" ")}`];
    else if (b.kind === "list") lines = b.items.map((item) => `- ${item.map(mapWord).join(" ")}`);
    else lines = wrap(b.words.map(mapWord), style.width);
    if (style.trailing) lines = lines.map((l, i) => (i % 2 === 0 ? `${l}  ` : l));
    return lines.join("\n");
  });
  return rendered.join("\n".repeat(style.gap + 1));
}

/** The text of an original post in `lang` (Jekyll-style front-matter). */
export function renderOriginal(doc, lang = "en") {
  const fm = [
    "---",
    "audio: false",
    "generated: false",
    `image: ${doc.fm.image}`,
    `lang: ${lang}`,
    "layout: post",
    `title: ${cap(doc.title.join(" "))}`,
    `description: ${cap(doc.description.join(" "))}.`,
    `tags: [${doc.fm.tags.join(", ")}]`,
    `date: ${doc.fm.date}`,
    ...(doc.fm.updated ? [`last_modified_at: ${doc.fm.updated}`] : []),
    "translated: false",
    "type: note",
    "---",
  ];
  const text = `${fm.join("\n")}\n\n${renderBlocks(doc.blocks, doc.style)}\n`;
  return doc.style.crlf ? text.replace(/\n/g, "\r\n") : text;
}

/** A stand-in for translating a word into `lang`. */
export function translateWord(word, lang) {
  switch (lang) {
    case "de": return `${word}ung`;
    case "fr": return `${word}eau`;
    case "es": return `${word}ado`;
    case "ja": return [...word].map((c) => KANA[c.charCodeAt(0) % KANA.length]).join("");
    case "zh": return [...word].map((c, i) => HANZI[(c.charCodeAt(0) * 7 + i) % HANZI.length]).join("");
    default: return `${word}${lang}`;
  }
}

/** YAML for an abbreviated or full sha: quoted when a plain scalar would read as a number. */
export function yamlSha(value) {
  return /^[0-9e]+$/.test(value) ? `"${value}"` : value;
}

/** The text of a translation of `doc` into `lang`, optionally recording a `source_commit`. */
export function renderTranslation(doc, lang, { sourceCommit = null, invalid = false, extra = "" } = {}) {
  const tr = (w) => translateWord(w, lang);
  const title = doc.title.map(tr).join(" ");
  const fm = [
    "---",
    "audio: false",
    "generated: true",
    "image: false",
    `lang: ${lang}`,
    "layout: post",
    invalid ? `title: "${title}` : `title: ${cap(title)}`,
    `description: ${cap(doc.description.map(tr).join(" "))}`,
    "translated: true",
    "type: note",
    ...(sourceCommit ? [`source_commit: ${yamlSha(sourceCommit)}`] : []),
    "---",
  ];
  return `${fm.join("\n")}\n\n${renderBlocks(doc.blocks, { width: 80, gap: 1, trailing: false }, tr)}${extra}\n`;
}
