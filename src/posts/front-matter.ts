import { createRequire } from "node:module";
import type grayMatter from "gray-matter";
import { parseSimpleYaml } from "./simple-yaml.js";

/** Front-matter data and body of a Markdown text, or why it can't be read. */
export type ParsedFrontMatter =
  | { ok: true; data: Record<string, unknown>; body: string; matter: string }
  | { ok: false; line: number | null; reason: string };

const refuse = (language: string) => ({
  parse(): never {
    throw new Error(`front-matter language "${language}" is not supported; use YAML`);
  },
});

// gray-matter evaluates `---js` and `---coffee` blocks with eval; a post must never run code,
// so every engine but YAML is replaced by one that refuses.
const OPTIONS = {
  language: "yaml",
  engines: {
    javascript: refuse("javascript"),
    coffee: refuse("coffee"),
    json: refuse("json"),
    toml: refuse("toml"),
  },
};

let matter: typeof grayMatter | null = null;

/** gray-matter (and js-yaml), loaded the first time a post needs more than the common subset of YAML. */
function loadMatter(): typeof grayMatter {
  matter ??= createRequire(import.meta.url)("gray-matter") as typeof grayMatter;
  return matter;
}

/** Splits a Markdown text into YAML front-matter data and body, never running code from it. */
export function parseFrontMatter(text: string): ParsedFrontMatter {
  const unmarked = text.replace(/^\uFEFF/, "");
  return simpleFrontMatter(unmarked) ?? parseWithMatter(unmarked);
}

/**
 * The common case without gray-matter: a `---` block of simple YAML, split where gray-matter splits it
 * (the first `\n---` after the opening line) and read by `parseSimpleYaml`, which gives js-yaml's result
 * or declines; null when anything is unusual, and gray-matter decides.
 */
function simpleFrontMatter(text: string): ParsedFrontMatter | null {
  // No opening `---` (or a longer rule): no front-matter, the whole text is the body. (gray-matter drops
  // one more byte-order mark first, so a text that still starts with one is left to it.)
  if (!text.startsWith("---") || text.charCodeAt(3) === 0x2d) return text.charCodeAt(0) === 0xfeff ? null : { ok: true, data: {}, body: text, matter: "" };
  const rest = text.slice(3);
  const lineEnd = rest.indexOf("\n");
  // A language after the opening `---` (`---js`) is gray-matter's to refuse.
  if (lineEnd < 0 || rest.slice(0, lineEnd).trim() !== "") return null;
  const close = rest.indexOf("\n---");
  if (close < 0) return null;
  const block = rest.slice(0, close);
  // A block of only blank lines and comments is gray-matter's empty front-matter: data {}, no YAML read.
  const empty = block.replace(/^\s*#[^\n]+/gm, "").trim() === "";
  const data = empty ? {} : parseSimpleYaml(block);
  if (data === undefined) return null;
  let body = rest.slice(close + 4);
  if (body.charCodeAt(0) === 0x0d) body = body.slice(1);
  if (body.charCodeAt(0) === 0x0a) body = body.slice(1);
  return { ok: true, data: data ?? {}, body, matter: block };
}

/** Parses with gray-matter: every front-matter it accepts, with js-yaml's messages for what it doesn't. */
function parseWithMatter(text: string): ParsedFrontMatter {
  let file;
  try {
    // Passing options also turns off gray-matter's global cache, which would keep every post alive.
    file = loadMatter()(text, OPTIONS);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const line = typeof mark?.line === "number" ? mark.line + 1 : null;
    // js-yaml ends its first line with "at line N, column M:"; the line is reported on its own.
    const first = (error as Error).message.split("\n")[0] ?? "";
    const reason = first.replace(/\s*at line \d+, column \d+:?\s*$/, "").trim() || "unreadable front-matter";
    return { ok: false, line, reason };
  }
  const data: unknown = file.data;
  if (data === null || data === undefined) return { ok: true, data: {}, body: file.content, matter: file.matter };
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, line: 2, reason: "front-matter is not a mapping of keys to values" };
  }
  return { ok: true, data: data as Record<string, unknown>, body: file.content, matter: file.matter };
}

/** The 1-based line of a top-level key in a file's front-matter, or null. */
export function keyLine(text: string, key: string): number | null {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!/^---\s*$/.test(lines[0] ?? "")) return null;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`^(?:${escaped}|"${escaped}"|'${escaped}')\\s*:`);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(---|\.\.\.)\s*$/.test(line)) return null;
    if (re.test(line)) return i + 1;
  }
  return null;
}

/** The text of a top-level scalar key's value as written on its line (comment and quotes removed), or null. */
export function rawValue(text: string, key: string): string | null {
  const line = keyLine(text, key);
  if (line === null) return null;
  const content = text.replace(/^\uFEFF/, "").split(/\r?\n/)[line - 1] ?? "";
  const value = content.slice(content.indexOf(":") + 1).replace(/\s+#.*$/, "").trim();
  return value.replace(/^(["'])(.*)\1$/, "$2");
}
