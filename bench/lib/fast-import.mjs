// A `git fast-import` process fed from Node, with `get-mark` to learn commit shas mid-stream
// (translations written later record them as `source_commit`).
import { spawn } from "node:child_process";
import { once } from "node:events";

/** One running `git fast-import`; marks are commit numbers + 1. */
export class FastImport {
  constructor(dir, env, marksFile) {
    this.child = spawn("git", ["fast-import", "--quiet", "--done", "--cat-blob-fd=3", `--export-marks=${marksFile}`], {
      cwd: dir,
      env,
      stdio: ["pipe", "inherit", "inherit", "pipe"],
    });
    this.exit = new Promise((resolve, reject) => {
      this.child.on("error", reject);
      this.child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`))));
    });
    this.exit.catch(() => {});
    this.parts = [];
    this.size = 0;
    this.shas = new Map();
    this.waiters = [];
    let pending = "";
    this.child.stdio[3].setEncoding("latin1");
    this.child.stdio[3].on("data", (text) => {
      pending += text;
      let nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        this.waiters.shift()?.(line);
      }
    });
  }

  /** Queues text for git; flushes in 1 MB writes, waiting when the pipe is full. */
  async write(text) {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) await this.flush();
  }

  async flush() {
    if (this.parts.length === 0) return;
    const data = this.parts.join("");
    this.parts = [];
    this.size = 0;
    if (!this.child.stdin.write(data)) await once(this.child.stdin, "drain");
  }

  /** The sha of commit number `n` (already written). */
  async sha(n) {
    const known = this.shas.get(n);
    if (known) return known;
    const reply = new Promise((resolve) => this.waiters.push(resolve));
    await this.write(`get-mark :${n + 1}\n`);
    await this.flush();
    const sha = (await reply).trim();
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`unexpected get-mark reply for :${n + 1}: ${sha}`);
    this.shas.set(n, sha);
    return sha;
  }

  /** Ends the stream and waits for git to write its packs and refs. */
  async end() {
    await this.write("done\n");
    await this.flush();
    this.child.stdin.end();
    await this.exit;
  }
}

/** `data` command for a text, counted in bytes. */
export function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}
