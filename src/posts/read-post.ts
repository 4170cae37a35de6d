import type { Config } from "../config/schema.js";
import { readKeyPath } from "../key-path.js";
import { newPost, type Post } from "../core/types.js";
import { isLangTag } from "../lang-tag.js";
import { keyLine, parseFrontMatter, rawValue } from "./front-matter.js";

const HEX = /^[0-9a-fA-F]{4,40}$/;

/** Reads a post's linking fields from its text; bad input becomes problems, never an exception. */
export function parsePost(path: string, text: string, keys: Config["keys"]): Post {
  const post = newPost(path);
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) {
    post.invalid = true;
    post.problems.push({ code: parsed.code ?? "INVALID_FRONT_MATTER", file: path, ...(parsed.line ? { line: parsed.line } : {}), args: { reason: parsed.reason } });
    return post;
  }
  const field = (key: string, expected: string, check: (v: unknown) => string | null): string | null => {
    const value = readKeyPath(parsed.data, key);
    if (value === undefined || value === null) return null;
    const result = check(value);
    if (result === null) {
      post.invalid = true;
      const line = keyLine(text, key);
      post.problems.push({ code: "INVALID_FIELD", file: path, ...(line ? { line } : {}), args: { field: key, expected } });
    }
    return result;
  };
  post.lang = field(keys.lang, "language tag", (v) => (typeof v === "string" && isLangTag(v.trim()) ? v.trim() : null));
  post.translationOf = field(keys.translationOf, "path", (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null));
  post.translationKey = field(keys.translationKey, "string", (v) =>
    typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" && Number.isFinite(v) ? String(v) : null,
  );
  // YAML reads an unquoted sha of digits (and `e`) as a number, rewriting it: 0123456 becomes octal
  // 42798, 1234e56 a float. The sha is what the line says, so take its text as written.
  post.sourceCommit = field(keys.sourceCommit, "commit sha", (v) => {
    const s = typeof v === "number" ? (rawValue(text, keys.sourceCommit) ?? "") : typeof v === "string" ? v.trim() : "";
    return HEX.test(s) ? s.toLowerCase() : null;
  });
  // As Lunaria's localizableProperty: only a boolean true makes a post one to translate.
  if (keys.localizable !== undefined && readKeyPath(parsed.data, keys.localizable) !== true) post.notLocalizable = true;
  const title = parsed.data.title;
  if (typeof title === "string" || typeof title === "number") post.title = String(title).replace(/\s+/g, " ").trim() || null;
  return post;
}
