import type { ConfigInput } from "../config/schema.js";
import { SUBTAG, SUBTAG_SEPARATOR } from "../lang-tag.js";
import type { Framework } from "./detect-framework.js";
import { cmp } from "./links.js";
import { detectSplit, type SplitFindings } from "./detect-split.js";

// `init` guesses languages from folder and file names, many of which (`docs`, `blog`, `drafts`) are language
// tags too. So a guess is held to less than a tag may be: a lowercase primary of 2-3 letters, as ISO 639 codes
// are, and at most one subtag of 2 or more (`de`, `zh-CN`, `pt_br`, `zh-hant`). A site writing `hant` alone
// adds it to the config that `init` wrote.
const GUESSED_LANG = `[a-z]{2,3}(?:${SUBTAG_SEPARATOR}(?=[A-Za-z0-9]{2})${SUBTAG})?`;
const LANG = new RegExp(`^${GUESSED_LANG}$`);
const SUFFIX = new RegExp(`^(?<stem>.+)\\.(?<lang>${GUESSED_LANG})\\.(?<ext>md|markdown|mdx)$`);

/** What `init` found in a repository's Markdown files. */
export interface Detection {
  config: ConfigInput;
  /** How many posts the detected layout covers, per language. */
  counts: Record<string, number>;
  kind: "folder" | "suffix" | "split" | "none";
  /** For `split`: the source folders, originals, copies, several-language slugs and unmatched files found. */
  split?: SplitFindings;
  /** The site generator recognised, whose text-bearing front-matter keys the config lists. */
  framework?: Framework["name"];
  /** What was taken from the site's Lunaria config (its file, the fields read and those that could not be). */
  lunaria?: { file: string; read: string[]; unread: string[] };
}

/** Proposes a configuration from the Markdown paths of a repository and the front-matter keys seen. */
export function detectLayout(paths: readonly string[], frontMatterKeys: ReadonlySet<string>, sourceLanguage?: string): Detection {
  const folder = detectFolder(paths);
  const suffix = detectSuffix(paths);
  const split = detectSplit(paths);
  const best = total(folder?.counts) >= total(suffix?.counts) ? folder : suffix;
  const keys: Record<string, string> = {};
  // The markers other tools write for the same idea: OpenTelemetry's, and MDN's nested one.
  if (frontMatterKeys.has("default_lang_commit")) keys.sourceCommit = "default_lang_commit";
  else if (frontMatterKeys.has("l10n.sourceCommit")) keys.sourceCommit = "l10n.sourceCommit";
  if (frontMatterKeys.has("translationKey")) keys.translationKey = "translationKey";
  if (split && total(split.counts) > total(best?.counts)) {
    const config: ConfigInput = { ...split.config, ...(sourceLanguage ? { sourceLanguage } : {}), ...(Object.keys(keys).length ? { keys } : {}) };
    return { config, counts: split.counts, kind: "split", split: split.findings };
  }
  if (!best) return { config: { ...(sourceLanguage ? { sourceLanguage } : {}), ...(Object.keys(keys).length ? { keys } : {}) }, counts: {}, kind: "none" };
  const langs = Object.keys(best.counts).sort(cmp);
  const source =
    sourceLanguage ?? (langs.includes("en") ? "en" : [...langs].sort((a, b) => best.counts[b]! - best.counts[a]! || cmp(a, b))[0]!);
  const config: ConfigInput = {
    sourceLanguage: source,
    languages: langs.filter((l) => l !== source),
    layouts: [{ translation: best.pattern }],
    ...(Object.keys(keys).length ? { keys } : {}),
  };
  return { config, counts: best.counts, kind: best === folder ? "folder" : "suffix" };
}

interface Candidate {
  pattern: string;
  counts: Record<string, number>;
}

function total(counts: Record<string, number> | undefined): number {
  return counts ? Object.values(counts).reduce((a, b) => a + b, 0) : -1;
}

/** `ROOT/{lang}/{path}`: the folder whose language-named children share the most relative paths. */
function detectFolder(paths: readonly string[]): Candidate | null {
  const byRoot = new Map<string, Map<string, Set<string>>>();
  for (const path of paths) {
    const parts = path.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      if (!LANG.test(parts[i]!)) continue;
      const root = parts.slice(0, i).join("/");
      const rest = parts.slice(i + 1).join("/");
      const langs = byRoot.get(root) ?? new Map<string, Set<string>>();
      const stems = langs.get(parts[i]!) ?? new Set<string>();
      stems.add(rest);
      langs.set(parts[i]!, stems);
      byRoot.set(root, langs);
    }
  }
  let best: Candidate | null = null;
  for (const [root, langs] of byRoot) {
    if (langs.size < 2) continue;
    // A real language folder shares page paths with its siblings.
    const all = [...langs.values()];
    const shared = all.reduce((n, stems) => n + [...stems].filter((s) => all.some((o) => o !== stems && o.has(s))).length, 0);
    if (shared === 0) continue;
    const counts = Object.fromEntries([...langs].map(([l, s]) => [l, s.size]));
    if (!best || total(counts) > total(best.counts)) best = { pattern: `${root ? `${root}/` : ""}{lang}/{path}`, counts };
  }
  return best;
}

/** `{path}.{lang}.md` side by side, when the same page exists in two or more languages. */
function detectSuffix(paths: readonly string[]): Candidate | null {
  const stems = new Map<string, Set<string>>();
  for (const path of paths) {
    const m = SUFFIX.exec(path);
    if (!m?.groups) continue;
    const key = `${m.groups.stem}.${m.groups.ext}`;
    const langs = stems.get(key) ?? new Set<string>();
    langs.add(m.groups.lang!);
    stems.set(key, langs);
  }
  const counts: Record<string, number> = {};
  let exts = new Set<string>();
  for (const [key, langs] of stems) {
    if (langs.size < 2) continue;
    exts.add(key.slice(key.lastIndexOf(".") + 1));
    for (const l of langs) counts[l] = (counts[l] ?? 0) + 1;
  }
  if (Object.keys(counts).length < 2) return null;
  exts = exts.size === 1 ? exts : new Set(["{ext}"]);
  return { pattern: `{path}.{lang}.${[...exts][0]}`, counts };
}
