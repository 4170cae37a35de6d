import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { chmod, lstat, lutimes, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TranstrackError } from "../../src/errors.js";
import { FileChangedError, removeStaleTemps, STALE_TEMP_MS, SymlinkRefusedError, writeFileAtomic } from "../../src/posts/write-atomic.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "transtrack-write-atomic-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

const isWindows = process.platform === "win32";

describe("writeFileAtomic", () => {
  it("creates a new file and replaces an existing one", async () => {
    const path = join(dir, "post.md");
    await writeFileAtomic(path, "---\na: 1\n---\n");
    expect(await readFile(path, "utf8")).toBe("---\na: 1\n---\n");
    await writeFileAtomic(path, new Uint8Array([0xef, 0xbb, 0xbf, 0x78, 0x0d, 0x0a]));
    expect([...(await readFile(path))]).toEqual([0xef, 0xbb, 0xbf, 0x78, 0x0d, 0x0a]);
    expect(await readdir(dir)).toEqual(["post.md"]);
  });

  it.skipIf(isWindows)("preserves the original file's mode", async () => {
    for (const mode of [0o644, 0o600, 0o664]) {
      const path = join(dir, `mode-${mode.toString(8)}.md`);
      await writeFile(path, "old");
      await chmod(path, mode);
      await writeFileAtomic(path, "new");
      expect((await stat(path)).mode & 0o777).toBe(mode);
      expect(await readFile(path, "utf8")).toBe("new");
    }
  });

  it("overwrites when the expected content and mtime still match", async () => {
    const path = join(dir, "post.md");
    await writeFile(path, "seen");
    const { mtimeMs } = await stat(path);
    await writeFileAtomic(path, "next", { expectedContent: "seen", expectedMtimeMs: mtimeMs });
    await writeFileAtomic(path, "last", { expectedContent: new TextEncoder().encode("next") });
    expect(await readFile(path, "utf8")).toBe("last");
  });

  it("throws FILE_CHANGED and leaves the file and no temp file when the content differs", async () => {
    const path = join(dir, "post.md");
    await writeFile(path, "changed by someone else");
    const error = await rejection(writeFileAtomic(path, "mine", { expectedContent: "what I read" }));
    expect(error).toBeInstanceOf(FileChangedError);
    expect((error as FileChangedError).code).toBe("FILE_CHANGED");
    expect((error as FileChangedError).path).toBe(path);
    expect(await readFile(path, "utf8")).toBe("changed by someone else");
    expect(await readdir(dir)).toEqual(["post.md"]);
  });

  it("throws FILE_CHANGED when the mtime differs or the file is gone", async () => {
    const path = join(dir, "post.md");
    await writeFile(path, "x");
    const { mtimeMs } = await stat(path);
    const stale = await rejection(writeFileAtomic(path, "mine", { expectedMtimeMs: mtimeMs - 1000 }));
    expect((stale as FileChangedError).code).toBe("FILE_CHANGED");
    expect(await readFile(path, "utf8")).toBe("x");

    const gone = join(dir, "gone.md");
    const deleted = await rejection(writeFileAtomic(gone, "mine", { expectedContent: "x" }));
    expect((deleted as FileChangedError).code).toBe("FILE_CHANGED");
    expect(await readdir(dir)).toEqual(["post.md"]);
  });

  it("removes its temp file when the rename fails", async () => {
    // A directory at the target makes the rename itself fail, after the temp file exists.
    const path = join(dir, "post.md");
    await mkdir(path);
    const error = await rejection(writeFileAtomic(path, "data"));
    expect(error).toBeInstanceOf(Error);
    expect(await readdir(dir)).toEqual(["post.md"]);
    expect(await readdir(path)).toEqual([]);
  });

  it("fails without leaving anything when the directory is gone", async () => {
    const sub = join(dir, "sub");
    await mkdir(sub);
    await rm(sub, { recursive: true });
    const error = await rejection(writeFileAtomic(join(sub, "post.md"), "data"));
    expect(error).toBeInstanceOf(TranstrackError);
    expect(error).toMatchObject({ code: "WRITE_FAILED", args: { reason: "ENOENT" } });
    expect(await readdir(dir)).toEqual([]);
  });

  it.skipIf(isWindows)("removes only its own temp files older than ten minutes, never through a link", async () => {
    const now = Date.now();
    const old = new Date(now - STALE_TEMP_MS - 60_000);
    const names = { stale: ".post.md.transtrack-0123456789ab.tmp", fresh: ".post.md.transtrack-ba9876543210.tmp", foreign: ".post.md.other-0123456789ab.tmp", link: ".x.md.transtrack-aaaaaaaaaaaa.tmp" };
    const target = join(dir, "kept.md");
    await writeFile(target, "kept");
    for (const name of [names.stale, names.fresh, names.foreign]) await writeFile(join(dir, name), "half");
    await symlink(target, join(dir, names.link));
    for (const name of [names.stale, names.foreign]) await utimes(join(dir, name), old, old);
    await lutimes(join(dir, names.link), old, old);
    await removeStaleTemps(dir, now);
    expect((await readdir(dir)).sort()).toEqual([names.fresh, names.link, names.foreign, "kept.md"].sort());
    expect(await readFile(target, "utf8")).toBe("kept");
  });

  it.skipIf(isWindows)("refuses to write through a symbolic link and leaves its target alone", async () => {
    const target = join(dir, "target.md");
    const link = join(dir, "link.md");
    await writeFile(target, "original");
    await symlink(target, link);
    const error = await rejection(writeFileAtomic(link, "through the link"));
    expect(error).toBeInstanceOf(SymlinkRefusedError);
    expect((error as SymlinkRefusedError).code).toBe("SYMLINK_REFUSED");
    expect(await readFile(target, "utf8")).toBe("original");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect((await readdir(dir)).sort()).toEqual(["link.md", "target.md"]);
  });

  it.skipIf(isWindows)("refuses a dangling symbolic link too", async () => {
    const link = join(dir, "link.md");
    await symlink(join(dir, "missing.md"), link);
    const error = await rejection(writeFileAtomic(link, "x"));
    expect((error as SymlinkRefusedError).code).toBe("SYMLINK_REFUSED");
    expect(await readdir(dir)).toEqual(["link.md"]);
  });
});
