import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MAX_POST_BYTES } from "../../src/fs-paths.js";
import { AmbiguousObjectError, BlobReader, GitProcessError, ObjectChecker, oversizedBlob } from "../../src/git/blob-reader.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

/** Pids of this test process's own `git cat-file` children. */
function catFileChildren(): number[] {
  const lines = execFileSync("ps", ["-A", "-o", "pid=,ppid=,args="], { encoding: "utf8" }).split("\n");
  return lines
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === process.pid && m[3]!.includes("cat-file"))
    .map((m) => Number(m[1]));
}

function blobId(content: string | Buffer): string {
  const bytes = Buffer.from(content);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** Two contents whose blob ids share their first 4 hex digits, found deterministically. */
function collidingContents(): [string, string, string] {
  const seen = new Map<string, string>();
  for (let i = 0; ; i++) {
    const content = `ambiguous ${i}\n`;
    const prefix = blobId(content).slice(0, 4);
    const earlier = seen.get(prefix);
    if (earlier !== undefined) return [earlier, content, prefix];
    seen.set(prefix, content);
  }
}

function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

const SMALL_COUNT = 200;
// Just under the cap (a post of 16 MiB), so it arrives in many chunks and is still read whole.
const BIG_SIZE = MAX_POST_BYTES;
const HUGE_SIZE = MAX_POST_BYTES + 1;
// Bytes that look like protocol to a sloppy parser: NULs, LFs, a fake header, a fake "missing".
const BINARY = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from(`\n\n${"a".repeat(40)} blob 3\nxyz\nabcd missing\n\0\r\n`),
  Buffer.from([0, 10, 0, 10]),
]);
const BIG = pseudoRandomBytes(BIG_SIZE, 42);
const HUGE = pseudoRandomBytes(HUGE_SIZE, 43);
const [COLLIDE_A, COLLIDE_B, COLLIDING_PREFIX] = collidingContents();

let repo: TestRepo;
let commitSha: string;
const small: { id: string; content: string }[] = [];
let binaryId: string;
let bigId: string;
let hugeId: string;
let emptyId: string;
const readers: { close(): Promise<void> }[] = [];

function track<T extends { close(): Promise<void> }>(reader: T): T {
  readers.push(reader);
  return reader;
}

beforeAll(() => {
  repo = createRepo();
  for (let i = 0; i < SMALL_COUNT; i++) repo.write(`posts/${i}.md`, `# Post ${i}\n\n${"line\n".repeat(i)}`);
  repo.write("binary.bin", BINARY);
  repo.write("big.bin", BIG);
  repo.write("huge.bin", HUGE);
  repo.write("empty.md", "");
  repo.write("collide/a.txt", COLLIDE_A);
  repo.write("collide/b.txt", COLLIDE_B);
  commitSha = repo.commit("initial");
  repo.git("repack", "-adq"); // loose objects cost git one open+inflate per read; packs are the common case
  for (let i = 0; i < SMALL_COUNT; i++) {
    small.push({ id: repo.git("rev-parse", `HEAD:posts/${i}.md`), content: `# Post ${i}\n\n${"line\n".repeat(i)}` });
  }
  binaryId = repo.git("rev-parse", "HEAD:binary.bin");
  bigId = repo.git("rev-parse", "HEAD:big.bin");
  hugeId = repo.git("rev-parse", "HEAD:huge.bin");
  emptyId = repo.git("rev-parse", "HEAD:empty.md");
});

afterEach(async () => {
  await Promise.all(readers.splice(0).map((reader) => reader.close()));
});

afterAll(() => repo.cleanup());

describe("BlobReader", () => {
  it("reads blobs by full, abbreviated and upper-case id", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    const post = small[7]!;
    expect((await reader.read(post.id))?.toString()).toBe(post.content);
    expect((await reader.read(post.id.slice(0, 10)))?.toString()).toBe(post.content);
    expect((await reader.read(post.id.toUpperCase()))?.toString()).toBe(post.content);
    expect(await reader.read(emptyId)).toEqual(Buffer.alloc(0));
  });

  it("gives null for ids that do not exist", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    expect(await reader.read(blobId("never committed"))).toBeNull();
    expect(await reader.read("0000000")).toBeNull();
    expect((await reader.read(small[0]!.id))?.toString()).toBe(small[0]!.content);
  });

  it("rejects an ambiguous abbreviation and keeps answering afterwards", async () => {
    expect(blobId(COLLIDE_A).slice(0, 4)).toBe(COLLIDING_PREFIX);
    expect(blobId(COLLIDE_B).slice(0, 4)).toBe(COLLIDING_PREFIX);
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    const error = await reader.read(COLLIDING_PREFIX).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousObjectError);
    expect(error).toMatchObject({ code: "AMBIGUOUS_OBJECT", objectId: COLLIDING_PREFIX });
    expect((await reader.read(blobId(COLLIDE_B)))?.toString()).toBe(COLLIDE_B);
  });

  it("round-trips binary content byte for byte", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    const [binary, after] = await reader.readMany([binaryId, small[3]!.id]);
    expect(binary?.equals(BINARY)).toBe(true);
    expect(after?.toString()).toBe(small[3]!.content);
  });

  it("reads a 20 MB blob between small ones", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    const [before, big, after] = await reader.readMany([small[1]!.id, bigId, small[2]!.id]);
    expect(before?.toString()).toBe(small[1]!.content);
    expect(big?.length).toBe(BIG_SIZE);
    expect(big?.equals(BIG)).toBe(true);
    expect(after?.toString()).toBe(small[2]!.content);
  });

  it("reads a blob larger than any post as a marker, never holding its bytes, and answers on", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    const [before, huge, big, after] = await reader.readMany([small[1]!.id, hugeId, bigId, small[2]!.id]);
    expect(before?.toString()).toBe(small[1]!.content);
    expect(huge).toEqual(oversizedBlob(hugeId));
    expect(huge?.includes(0)).toBe(true);
    expect(big?.equals(BIG)).toBe(true);
    expect(after?.toString()).toBe(small[2]!.content);
  });

  it("answers 5,000 pipelined reads in request order", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    const missing = blobId("missing");
    const expected: (string | null)[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const isMissing = i % 97 === 0;
      const post = small[(i * 7919) % SMALL_COUNT]!;
      ids.push(isMissing ? missing : post.id);
      expected.push(isMissing ? null : post.content);
    }
    const [many, single] = await Promise.all([reader.readMany(ids), Promise.all(ids.map((id) => reader.read(id)))]);
    expect(many.map((b) => b?.toString() ?? null)).toEqual(expected);
    expect(single.map((b) => b?.toString() ?? null)).toEqual(expected);
  });

  it("keeps 100,000 queued requests flowing under backpressure", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    const ids = Array.from({ length: 100_000 }, (_, i) => small[i % 3]!.id);
    const results = await reader.readMany(ids);
    expect(results.every((b, i) => b?.toString() === small[i % 3]!.content)).toBe(true);
  });

  it("reads a file of a commit's tree by <commit id>:<path>", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    expect((await reader.read(`${commitSha}:posts/1.md`))?.toString()).toBe(small[1]!.content);
    expect(await reader.read(`${commitSha}:posts/none.md`)).toBeNull();
  });

  it("rejects ids that are not plain hex before anything reaches git", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    const bad = [`${small[0]!.id}\n${small[1]!.id}`, "--batch-all-objects", "-h", "HEAD", "HEAD:posts/1.md",
      "abc", "", `${small[0]!.id} `, "a".repeat(65), "abcd\r", "abcd\u0000"];
    for (const id of bad) await expect(reader.read(id), JSON.stringify(id)).rejects.toThrow(/not an object name/);
    await expect(reader.readMany([small[0]!.id, "abcd\nHEAD"])).rejects.toThrow(/not an object name/);
    expect(catFileChildren()).toEqual([]); // lazy start: nothing valid was asked yet
    const results = await reader.readMany([small[0]!.id, small[1]!.id]);
    expect(results.map((b) => b?.toString())).toEqual([small[0]!.content, small[1]!.content]);
  });

  it("leaves no child process after close(), which is idempotent", async () => {
    const reader = new BlobReader(repo.dir, { env: repo.env() });
    const pending = reader.read(small[5]!.id);
    expect(catFileChildren()).toHaveLength(1);
    const closed = reader.close();
    expect((await pending)?.toString()).toBe(small[5]!.content); // requests before close still answered
    await closed;
    await reader.close();
    expect(catFileChildren()).toEqual([]);
    await expect(reader.read(small[5]!.id)).rejects.toBeInstanceOf(GitProcessError);
    await new BlobReader(repo.dir).close(); // never started
  });

  it("rejects pending and later reads with GitProcessError when git is killed", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env() }));
    await reader.read(small[0]!.id);
    const [pid] = catFileChildren();
    expect(pid).toBeTypeOf("number");
    process.kill(pid!, "SIGSTOP"); // so the pending read below cannot be answered first
    const pending = reader.read(small[1]!.id).catch((e: unknown) => e);
    process.kill(pid!, "SIGKILL");
    const error = await pending;
    expect(error).toBeInstanceOf(GitProcessError);
    expect(error).toMatchObject({ code: "GIT_PROCESS" });
    await expect(reader.read(small[2]!.id)).rejects.toMatchObject({ code: "GIT_PROCESS" });
    await expect(reader.readMany([small[2]!.id])).rejects.toBeInstanceOf(GitProcessError);
  });

  it("rejects with GitProcessError and keeps the cause when git cannot start", async () => {
    const reader = track(new BlobReader(repo.dir, { env: repo.env(), gitBinary: "transtrack-no-such-git" }));
    const error = await reader.read(small[0]!.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitProcessError);
    expect(error).toMatchObject({ code: "GIT_PROCESS", cause: { code: "ENOENT" } });
    await expect(reader.read(small[0]!.id)).rejects.toBe(error);
  });
});

describe("ObjectChecker", () => {
  it("resolves an abbreviated commit sha with ^{commit}", async () => {
    const checker = track(new ObjectChecker(repo.dir, { env: repo.env() }));
    expect(await checker.check(`${commitSha.slice(0, 8)}^{commit}`)).toEqual({ oid: commitSha, type: "commit" });
    expect(await checker.check(commitSha.slice(0, 8))).toEqual({ oid: commitSha, type: "commit" });
    expect(await checker.check(small[0]!.id.slice(0, 12))).toEqual({ oid: small[0]!.id, type: "blob" });
  });

  it("reports missing and ambiguous names", async () => {
    const checker = track(new ObjectChecker(repo.dir, { env: repo.env() }));
    expect(await checker.check("0000000^{commit}")).toBe("missing");
    expect(await checker.check(`${small[0]!.id.slice(0, 12)}^{commit}`)).toBe("missing"); // a blob is no commit
    expect(await checker.check(COLLIDING_PREFIX)).toBe("ambiguous");
    await expect(checker.check("HEAD")).rejects.toThrow(/not an object name/);
    await expect(checker.check(`${commitSha.slice(0, 8)}^{tree}`)).rejects.toThrow(/not an object name/);
  });
});

describe("createRepo", () => {
  it("commits with the fixed identity and one day per commit", () => {
    const other = createRepo({ branch: "trunk" });
    try {
      other.write("a.md", "a\n");
      const first = other.commit("first");
      other.git("checkout", "-q", "-b", "side");
      other.write("b.md", "b\n");
      other.commit("side");
      other.git("checkout", "-q", "trunk");
      other.write("c.md", "c\n");
      other.commit("main", { date: "2030-05-05T00:00:00Z" });
      expect(other.nextDate()).toBe("2026-01-04T10:00:00Z");
      other.git("merge", "-q", "--no-ff", "-m", "merge", "side");
      expect(other.git("log", "--format=%an <%ae> %aI %cI %s", "trunk")).toBe([
        "Test Author <test@example.com> 2026-01-04T10:00:00+00:00 2026-01-04T10:00:00+00:00 merge",
        "Test Author <test@example.com> 2030-05-05T00:00:00+00:00 2030-05-05T00:00:00+00:00 main",
        "Test Author <test@example.com> 2026-01-02T10:00:00+00:00 2026-01-02T10:00:00+00:00 side",
        "Test Author <test@example.com> 2026-01-01T10:00:00+00:00 2026-01-01T10:00:00+00:00 first",
      ].join("\n"));
      expect(first).toMatch(/^[0-9a-f]{40}$/);
      expect(other.git("rev-parse", "--abbrev-ref", "HEAD")).toBe("trunk");
      expect(() => other.write("../escape.md", "x")).toThrow(/outside/);
    } finally {
      other.cleanup();
    }
  });
});
