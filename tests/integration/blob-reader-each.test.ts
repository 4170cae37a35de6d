import { afterAll, describe, expect, it } from "vitest";
import { BlobReader } from "../../src/git/blob-reader.js";
import { createRepo } from "../helpers/git-repo.js";

const repo = createRepo();
afterAll(() => repo.cleanup());

describe("BlobReader.readEach", () => {
  it("hands every content to the callback with its index, null for a missing object", async () => {
    const texts = Array.from({ length: 600 }, (_, i) => `post ${i}\n${"x".repeat(i * 37)}\n`);
    texts.forEach((text, i) => repo.write(`posts/p${i}.md`, text));
    repo.commit("Add posts");
    const tree = new Map(repo.git("ls-tree", "HEAD", "posts/").split("\n").map((line) => [line.split("\t")[1]!, line.split(" ")[2]!.split("\t")[0]!]));
    const ids = texts.map((_, i) => tree.get(`posts/p${i}.md`)!);
    const missing = "1".repeat(40);
    const reader = new BlobReader(repo.dir, { env: repo.env() });
    try {
      const seen: (string | null)[] = [];
      await reader.readEach([...ids, missing], (content, i) => {
        seen[i] = content === null ? null : content.toString("utf8");
      });
      expect(seen).toEqual([...texts, null]);
      await expect(reader.readEach([ids[0]!, "HEAD:posts/p1.md"], () => undefined)).rejects.toThrow(/not an object name/);
      // The reader still answers after the refused batch: nothing of it was sent.
      expect((await reader.read(ids[1]!))?.toString("utf8")).toBe(texts[1]);
    } finally {
      await reader.close();
    }
  });
});
