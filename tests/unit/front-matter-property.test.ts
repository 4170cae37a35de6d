import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { normalizeContent } from "../../src/core/normalize.js";
import { findFrontMatter } from "../../src/posts/front-matter-split.js";
import { parseFrontMatter } from "../../src/posts/front-matter.js";
import { parsePost } from "../../src/posts/read-post.js";
import { setFrontMatterKey } from "../../src/posts/edit-front-matter.js";
import { TranstrackError } from "../../src/errors.js";

// Pieces of YAML that reach js-yaml's corners: anchors, tags, flow collections, block scalars, merges.
const piece = fc.constantFrom(
  "---", "...", "----", "\n", "\r\n", "\r", " ", "\t", ":", ": ", "- ", "? ", "#", "&a ", "*a", "<<: *a", "!!str ", "!!binary ", "!!js/function ", "!!timestamp ",
  "!<tag:yaml.org,2002:str> ", "%YAML 1.2\n", "%TAG ! !\n", "{", "}", "[", "]", ",", "'", '"', "\\", "|", ">-", "|+2", "title", "source_commit", "lang", "translation_of",
  "1e999", "0x", "0o7", "012", "~", "null", ".nan", "2024-02-30", "\u0000", "\uFEFF", "\u001b", "é", "😀", "\ud800", "__proto__", "constructor",
);
const yamlish = fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(""));
const text = fc.oneof(yamlish, yamlish.map((y) => `---\n${y}\n---\nbody\n`), fc.string({ maxLength: 200 }));

describe("front-matter on hostile text (property)", () => {
  it("reads, links and normalises any text without throwing", () => {
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parseFrontMatter(t);
        expect(typeof parsed.ok).toBe("boolean");
        findFrontMatter(t);
        findFrontMatter(Buffer.from(t, "utf8"));
        const post = parsePost("posts/de/x.md", t, DEFAULT_CONFIG.keys);
        if (!post.invalid) expect(post.problems).toEqual([]);
        if (parsed.ok) normalizeContent(parsed.data, parsed.body, ["title", "description", "tags"]);
      }),
      { numRuns: Number(process.env.TRANSTRACK_FC_RUNS ?? 3000), seed: Number(process.env.TRANSTRACK_FC_SEED ?? 15) },
    );
  });

  it("either edits source_commit so that it reads back, or refuses with a code", () => {
    fc.assert(
      fc.property(text, (t) => {
        const sha = "0123456789abcdef0123456789abcdef01234567";
        let edited: string;
        try {
          edited = setFrontMatterKey(t, "source_commit", sha);
        } catch (error) {
          expect(error).toBeInstanceOf(TranstrackError);
          expect((error as TranstrackError).code).toMatch(/^(UNSAFE_FRONT_MATTER_EDIT|UNTERMINATED_FRONT_MATTER)$/);
          return;
        }
        const read = parseFrontMatter(edited);
        expect(read.ok && read.data.source_commit).toBe(sha);
      }),
      { numRuns: Number(process.env.TRANSTRACK_FC_RUNS ?? 3000), seed: Number(process.env.TRANSTRACK_FC_SEED ?? 16) },
    );
  });
});
