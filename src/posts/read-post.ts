import type { Config } from "../config/schema.js";
import type { Post } from "../core/types.js";

export type { Post } from "../core/types.js";
import { keyLine, parseFrontMatter } from "./front-matter.js";


const LANG_TAG = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/;
const HEX = /^[0-9a-fA-F]{4,40}$/;

/** Reads a post's linking fields from its text; bad input becomes problems, never an exception. */
export function parsePost(path: string, text: string, keys: Config["keys"]): Post {
  const post: Post = { path, lang: null, translationOf: null, translationKey: null, sourceCommit: null, invalid: false, problems: [] };
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) {
    post.invalid = true;
    post.problems.push({ code: "INVALID_FRONT_MATTER", file: path, ...(parsed.line ? { line: parsed.line } : {}), args: { reason: parsed.reason } });
    return post;
  }
  const field = (key: string, expected: string, check: (v: unknown) => string | null): string | null => {
    const value = parsed.data[key];
    if (value === undefined || value === null) return null;
    const result = check(value);
    if (result === null) {
      post.invalid = true;
      const line = keyLine(text, key);
      post.problems.push({ code: "INVALID_FIELD", file: path, ...(line ? { line } : {}), args: { field: key, expected } });
    }
    return result;
  };
  post.lang = field(keys.lang, "language tag", (v) => (typeof v === "string" && LANG_TAG.test(v.trim()) ? v.trim() : null));
  post.translationOf = field(keys.translationOf, "path", (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null));
  post.translationKey = field(keys.translationKey, "string", (v) =>
    typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" && Number.isFinite(v) ? String(v) : null,
  );
  // YAML reads an all-digit abbreviated sha as a number; its digits are still the sha.
  post.sourceCommit = field(keys.sourceCommit, "commit sha", (v) => {
    const s = typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : typeof v === "string" ? v.trim() : "";
    return HEX.test(s) ? s.toLowerCase() : null;
  });
  return post;
}
