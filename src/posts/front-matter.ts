import { createRequire } from "node:module";
import { isNestedKeyPath, splitKeyPath } from "../key-path.js";
import { findFrontMatter } from "./front-matter-split.js";
import { keyPathLine } from "./front-matter-lines.js";
import { parseSimpleYaml } from "./simple-yaml.js";

/** Front-matter data and body of a Markdown text (`matter`: the YAML as written), or why it can't be read. */
export type ParsedFrontMatter =
  | { ok: true; data: Record<string, unknown>; body: string; matter: string }
  | { ok: false; line: number | null; reason: string; code?: "FRONT_MATTER_EXPANDS" };

/** js-yaml's safeLoad as gray-matter runs it: YAML only, so a post never runs code (`---js` is refused before). */
type YamlEngine = { parse(text: string): unknown };

let yamlEngine: YamlEngine | null = null;

/** gray-matter's YAML engine, loaded the first time a post needs more than the common subset of YAML. */
function loadYaml(): YamlEngine {
  yamlEngine ??= (createRequire(import.meta.url)("gray-matter") as { engines: { yaml: YamlEngine } }).engines.yaml;
  return yamlEngine;
}

/** The languages an opening line may name (`---yaml`), as gray-matter spells its YAML engine. */
const YAML_LANGUAGES = new Set(["", "yaml", "yml"]);

/** Splits a Markdown text into YAML front-matter data and body where `findFrontMatter` says, never running code from it. */
export function parseFrontMatter(text: string): ParsedFrontMatter {
  const split = findFrontMatter(text);
  if (split.kind === "none") return { ok: true, data: {}, body: text.slice(split.bodyStart), matter: "" };
  // Read to the end, an unclosed block would swallow the post; read as no block, its keys would vanish.
  if (split.kind === "unclosed") return { ok: false, line: 1, reason: "front-matter is not closed with --- or ..." };
  if (!YAML_LANGUAGES.has(split.language.toLowerCase())) {
    return { ok: false, line: 1, reason: `front-matter language "${split.language}" is not supported; use YAML` };
  }
  const yaml = text.slice(split.yamlStart, split.yamlEnd);
  const body = text.slice(split.bodyStart);
  // A block of only blank lines and comments is gray-matter's empty front-matter: data {}, no YAML read.
  if (yaml.replace(/^\s*#[^\n]+/gm, "").trim() === "") return { ok: true, data: {}, body, matter: yaml };
  const fast = parseSimpleYaml(yaml);
  const data = fast === undefined ? readWithJsYaml(yaml) : { ok: true as const, value: fast };
  if (!data.ok) return data;
  // The fast path declines every anchor and alias, so only what js-yaml read can expand beyond its text.
  if (fast === undefined && expandsBeyond(data.value, yaml.length + EXPANSION_SLACK)) {
    return { ok: false, line: 2, reason: "front-matter aliases expand beyond its size", code: "FRONT_MATTER_EXPANDS" };
  }
  if (data.value === null || data.value === undefined) return { ok: true, data: {}, body, matter: yaml };
  if (typeof data.value !== "object" || Array.isArray(data.value)) {
    return { ok: false, line: 2, reason: "front-matter is not a mapping of keys to values" };
  }
  return { ok: true, data: data.value as Record<string, unknown>, body, matter: yaml };
}

/**
 * How much larger than its text a front-matter's value may be once YAML's aliases are expanded. Without
 * aliases a value is never larger than its text (each value and each character costs a character); merges
 * (`<<: *defaults`) and a few repeated anchors fit well within the slack. An alias bomb (nine levels of
 * nine aliases each expand to 387 million values) is refused after this many steps, before anything
 * serialises it.
 */
const EXPANSION_SLACK = 1024 * 1024;

/** Whether the value, with every alias expanded, counts more than `budget` (one per value, one per character). */
function expandsBeyond(value: unknown, budget: number): boolean {
  let left = budget;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    left -= 1;
    if (typeof item === "string") left -= item.length;
    else if (Array.isArray(item)) stack.push(...item);
    else if (item !== null && typeof item === "object" && !(item instanceof Date)) {
      for (const [key, v] of Object.entries(item)) {
        left -= key.length;
        stack.push(v);
      }
    }
    if (left < 0) return true;
  }
  return false;
}

/** Reads the block with js-yaml, its errors made into a reason and a line of the post. */
function readWithJsYaml(yaml: string): { ok: true; value: unknown } | { ok: false; line: number | null; reason: string } {
  try {
    return { ok: true, value: loadYaml().parse(yaml) };
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    // The YAML starts on the post's second line; js-yaml counts from 0.
    const line = typeof mark?.line === "number" ? mark.line + 2 : null;
    // js-yaml ends its first line with "at line N, column M:"; the line is reported on its own.
    const first = (error as Error).message.split("\n")[0] ?? "";
    const reason = first.replace(/\s*at line \d+, column \d+:?\s*$/, "").trim() || "unreadable front-matter";
    return { ok: false, line, reason };
  }
}

/** The 1-based line of a key (a dotted path names a nested one) in a file's front-matter, or null. */
export function keyLine(text: string, key: string): number | null {
  return keyPathLine(text, splitKeyPath(key)) ?? (isNestedKeyPath(key) ? keyPathLine(text, [key]) : null);
}

/** The text of a scalar key's value as written on its line (comment and quotes removed), or null. */
export function rawValue(text: string, key: string): string | null {
  const line = keyLine(text, key);
  if (line === null) return null;
  const content = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/)[line - 1] ?? "";
  const value = content.slice(content.indexOf(":") + 1).replace(/\s+#.*$/, "").trim();
  return value.replace(/^(["'])(.*)\1$/, "$2");
}
