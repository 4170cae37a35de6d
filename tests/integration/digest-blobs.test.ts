import { afterAll, describe, expect, it } from "vitest";
import { BlobReader } from "../../src/git/blob-reader.js";
import { blobId } from "../../src/git/object-id.js";
import { contentDigest, digestBlobs, readVersions } from "../../src/status/contents.js";
import { createRepo } from "../helpers/git-repo.js";

const repo = createRepo();
afterAll(() => repo.cleanup());
const KEYS = ["title", "description"];

/** A reader that counts what it is asked, around a real `git cat-file`. */
function countingReader(): { reader: BlobReader; asked: string[] } {
  const reader = new BlobReader(repo.dir, { env: repo.env() });
  const asked: string[] = [];
  const readEach = reader.readEach.bind(reader);
  reader.readEach = (ids, onEach) => {
    asked.push(...ids);
    return readEach(ids, onEach);
  };
  return { reader, asked };
}

describe("blobId", () => {
  it("is the id git gives the same bytes", () => {
    for (const text of ["", "hello", "---\ntitle: Grüße\n---\n\nBody\r\n", "\0binary\xff"]) {
      repo.write("probe.bin", Buffer.from(text, "latin1"));
      expect(blobId(Buffer.from(text, "latin1"), 40)).toBe(repo.git("hash-object", "probe.bin"));
    }
    repo.remove("probe.bin");
  });
});

describe("digestBlobs", () => {
  it("reads a blob from the working tree only when the file's bytes are that blob", async () => {
    const texts = {
      same: "---\ntitle: Same\n---\n\nUnchanged on disk.\n",
      edited: "---\ntitle: Edited\n---\n\nAs committed.\n",
      gone: "---\ntitle: Gone\n---\n\nDeleted from disk.\n",
      elsewhere: "---\ntitle: Elsewhere\n---\n\nAn older version.\n",
    };
    for (const [name, text] of Object.entries(texts)) repo.write(`posts/en/${name}.md`, text);
    repo.commit("Add originals");
    const ids = Object.fromEntries(Object.keys(texts).map((name) => [name, repo.git("rev-parse", `HEAD:posts/en/${name}.md`)])) as Record<keyof typeof texts, string>;
    repo.write("posts/en/edited.md", "---\ntitle: Edited\n---\n\nChanged on disk, not committed.\n");
    repo.remove("posts/en/gone.md");
    repo.write("posts/en/elsewhere.md", "---\ntitle: Elsewhere\n---\n\nA newer version.\n");

    const { reader, asked } = countingReader();
    try {
      const paths = new Map([
        [ids.same, "posts/en/same.md"],
        [ids.edited, "posts/en/edited.md"],
        [ids.gone, "posts/en/gone.md"],
      ]);
      const all = [ids.same, ids.edited, ids.gone, ids.elsewhere];
      const { digests, texts: kept } = await digestBlobs(reader, all, KEYS, { onDisk: { root: repo.dir, paths }, keep: new Set([ids.same, ids.elsewhere]) });
      // Every digest is that of the committed blob, whichever way it was read.
      expect(Object.fromEntries(all.map((id) => [id, digests.get(id)]))).toEqual({
        [ids.same]: contentDigest(texts.same, KEYS),
        [ids.edited]: contentDigest(texts.edited, KEYS),
        [ids.gone]: contentDigest(texts.gone, KEYS),
        [ids.elsewhere]: contentDigest(texts.elsewhere, KEYS),
      });
      // Only the file whose bytes are the blob was not asked of git.
      expect(asked.sort()).toEqual([ids.edited, ids.gone, ids.elsewhere].sort());
      expect(Object.fromEntries(kept)).toEqual({ [ids.same]: texts.same, [ids.elsewhere]: texts.elsewhere });

      // Texts already known are not read again.
      asked.length = 0;
      const versions = await readVersions(reader, [{ key: "k", baseline: ids.elsewhere, head: ids.same, disk: () => "" }], kept);
      expect(versions.get("k")).toEqual({ before: texts.elsewhere, after: texts.same });
      expect(asked).toEqual([]);
    } finally {
      await reader.close();
    }
  });
});
