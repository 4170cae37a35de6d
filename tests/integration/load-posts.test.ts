import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { loadPosts } from "../../src/status/load-posts.js";

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), "transtrack-posts-"));
  dirs.push(dir);
  mkdirSync(join(dir, "posts/en"), { recursive: true });
  mkdirSync(join(dir, "posts/de"), { recursive: true });
  return dir;
}

const byPath = async (root: string, files: string[]) => new Map((await loadPosts(root, files, DEFAULT_CONFIG.keys)).map((l) => [l.post.path, l]));

describe("loadPosts", () => {
  it("parses front-matter and keeps the exact text, whatever its encoding quirks and size", async () => {
    const root = tree();
    const texts: Record<string, string> = {
      "posts/en/a.md": "---\nlang: en\ntitle: A\n---\n\nBody\n",
      "posts/de/bom.md": "\uFEFF---\r\nlang: de\r\nsource_commit: abc1234\r\n---\r\nKörper 漢字 🎉\r\n",
      "posts/de/none.md": "no front-matter\n",
      "posts/de/empty.md": "",
      // Larger than one read and than a slab: read in full all the same.
      "posts/de/big.md": `---\nlang: de\ntranslation_of: posts/en/a.md\n---\n${"Zeile mit Text.\n".repeat(400_000)}`,
    };
    for (const [path, text] of Object.entries(texts)) writeFileSync(join(root, path), text);
    const posts = await byPath(root, Object.keys(texts));
    for (const [path, text] of Object.entries(texts)) expect(posts.get(path)?.text, path).toBe(text);
    expect(posts.get("posts/de/bom.md")?.post).toMatchObject({ lang: "de", sourceCommit: "abc1234", invalid: false });
    expect(posts.get("posts/de/big.md")?.post).toMatchObject({ lang: "de", translationOf: "posts/en/a.md" });
    expect(posts.get("posts/de/none.md")?.post).toMatchObject({ lang: null, invalid: false });
  });

  it("reports broken front-matter with its line, as parsing the whole file would", async () => {
    const root = tree();
    writeFileSync(join(root, "posts/de/bad.md"), '---\nlang: de\ntitle: "unterminated\n---\nBody\n');
    writeFileSync(join(root, "posts/de/field.md"), "---\nlang: [de]\n---\nBody\n");
    const posts = await byPath(root, ["posts/de/bad.md", "posts/de/field.md"]);
    expect(posts.get("posts/de/bad.md")?.post.problems[0]).toMatchObject({ code: "INVALID_FRONT_MATTER" });
    expect(posts.get("posts/de/field.md")?.post.problems[0]).toMatchObject({ code: "INVALID_FIELD", line: 2 });
  });

  it("follows links inside the repository, refuses links out of it, and skips what is not a file", async () => {
    const root = tree();
    const outside = mkdtempSync(join(tmpdir(), "transtrack-outside-"));
    dirs.push(outside);
    writeFileSync(join(outside, "secret.md"), "---\nlang: de\n---\nsecret\n");
    writeFileSync(join(root, "posts/en/a.md"), "---\nlang: en\n---\nA\n");
    symlinkSync(join(root, "posts/en/a.md"), join(root, "posts/de/inside.md"));
    symlinkSync(join(outside, "secret.md"), join(root, "posts/de/outside.md"));
    symlinkSync(join(root, "posts/de/nowhere.md"), join(root, "posts/de/dangling.md"));
    mkdirSync(join(root, "posts/de/folder.md"));
    execFileSync("mkfifo", [join(root, "posts/de/fifo.md")]);
    const files = ["posts/en/a.md", "posts/de/inside.md", "posts/de/outside.md", "posts/de/dangling.md", "posts/de/folder.md", "posts/de/fifo.md", "posts/de/deleted.md"];
    const posts = await byPath(root, files);
    expect(posts.get("posts/de/inside.md")?.text).toBe(readFileSync(join(root, "posts/en/a.md"), "utf8"));
    expect(posts.get("posts/de/outside.md")?.post.problems[0]?.code).toBe("SYMLINK_OUTSIDE_REPO");
    expect(posts.get("posts/de/outside.md")?.text).toBeNull();
    expect(posts.get("posts/de/dangling.md")?.post.problems[0]?.code).toBe("SYMLINK_OUTSIDE_REPO");
    // A directory, a FIFO (which must not block the read) and a deleted file are no posts.
    expect([...posts.keys()].sort()).toEqual(["posts/de/dangling.md", "posts/de/inside.md", "posts/de/outside.md", "posts/en/a.md"]);
  });

  it("refuses a post over 16 MB without reading it as a post", async () => {
    const root = tree();
    writeFileSync(join(root, "posts/de/huge.md"), Buffer.alloc(16 * 1024 * 1024 + 1, 0x61));
    const posts = await byPath(root, ["posts/de/huge.md"]);
    expect(posts.get("posts/de/huge.md")?.post.problems[0]).toMatchObject({ code: "INVALID_FRONT_MATTER", args: { reason: "file too large" } });
  });

  it("reads only Markdown files among the files listed", async () => {
    const root = tree();
    writeFileSync(join(root, "posts/en/a.md"), "---\nlang: en\n---\n");
    writeFileSync(join(root, "posts/en/b.MDX"), "---\nlang: en\n---\n");
    writeFileSync(join(root, "posts/en/c.txt"), "---\nlang: en\n---\n");
    expect([...(await byPath(root, ["posts/en/a.md", "posts/en/b.MDX", "posts/en/c.txt"])).keys()]).toEqual(["posts/en/a.md", "posts/en/b.MDX"]);
  });

  it("parses the same front-matter without keeping the text, across slabs and large posts", async () => {
    const root = tree();
    const files: string[] = [];
    for (let i = 0; i < 400; i++) {
      const path = `posts/${i % 2 === 0 ? "en" : "de"}/p${i}.md`;
      // Every 50th post outgrows one read (64 KB), every 130th a whole slab (1 MB).
      const body = i % 130 === 7 ? "x".repeat(1_200_000) : i % 50 === 3 ? "y".repeat(70_000) : `Body ${i}`;
      const text = i % 41 === 0 ? '---\ntitle: "broken\n---\n' : `---\nlang: ${i % 2 === 0 ? "en" : "de"}\ntitle: Post ${i} ü\ntranslation_key: k${i >> 1}\n---\n\n${body}\n`;
      writeFileSync(join(root, path), text);
      files.push(path);
    }
    const kept = await loadPosts(root, files, DEFAULT_CONFIG.keys, { threads: "never" });
    const dropped = await loadPosts(root, files, DEFAULT_CONFIG.keys, { threads: "never", keepText: false });
    expect(dropped.map((l) => l.post)).toEqual(kept.map((l) => l.post));
    expect(dropped.every((l) => l.text === null)).toBe(true);
    expect(kept.filter((l) => l.post.invalid)).toHaveLength(10);
  });

  it("reads the same posts, in the same order, when a worker shares the work or cannot start", async () => {
    const root = tree();
    const files: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const path = `posts/${i % 3 === 0 ? "en" : "de"}/p${i}.md`;
      const text = i % 97 === 0 ? '---\ntitle: "broken\n---\n' : `---\nlang: ${i % 3 === 0 ? "en" : "de"}\ntitle: Post ${i} ü\n---\n\nBody ${i}\n`;
      writeFileSync(join(root, path), text);
      files.push(path);
    }
    const plain = (list: Awaited<ReturnType<typeof loadPosts>>) => list.map((l) => ({ post: l.post, text: l.text }));
    const inline = plain(await loadPosts(root, files, DEFAULT_CONFIG.keys, { threads: "never" }));
    expect(inline).toHaveLength(6000);
    // From TypeScript sources the worker's file doesn't exist: the main thread reads everything itself.
    expect(plain(await loadPosts(root, files, DEFAULT_CONFIG.keys, { threads: "always" }))).toEqual(inline);
    const built = new URL("../../dist/status/load-posts.js", import.meta.url);
    if (existsSync(built)) {
      const { loadPosts: fromDist } = (await import(built.href)) as { loadPosts: typeof loadPosts };
      expect(plain(await fromDist(root, files, DEFAULT_CONFIG.keys, { threads: "always" }))).toEqual(inline);
    }
  });
});
