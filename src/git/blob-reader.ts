import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { MAX_POST_BYTES } from "../fs-paths.js";
import { SAFE_CONFIG } from "./run.js";

/**
 * What a blob larger than `MAX_POST_BYTES` reads as: no post is that large, and its bytes are never held.
 * The NUL makes it binary to every diff, and the object id keeps two such blobs apart.
 */
export function oversizedBlob(objectId: string): Buffer {
  return Buffer.from(`\0transtrack: object ${objectId} is larger than ${MAX_POST_BYTES} bytes\0\n`);
}

/** The git child process could not start or died; every pending and later request rejects with it. */
export class GitProcessError extends Error {
  readonly code = "GIT_PROCESS";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GitProcessError";
  }
}

/** An abbreviated object id matched more than one object, so no content can be chosen. */
export class AmbiguousObjectError extends Error {
  readonly code = "AMBIGUOUS_OBJECT";
  constructor(readonly objectId: string) {
    super(`object id ${objectId} is ambiguous`);
    this.name = "AmbiguousObjectError";
  }
}

/** How to run git for a BlobReader or ObjectChecker. */
export interface CatFileOptions {
  env?: NodeJS.ProcessEnv;
  gitBinary?: string;
}

// Hex only: a newline would start a second request and anything else (revisions, paths,
// `--` options) is a request language we do not want callers to reach.
// An object id, or "<commit id>:<path>" for a file in a commit's tree: one line each, as cat-file reads them.
const BLOB_ID = /^[0-9a-fA-F]{4,64}(:[^\n\r\0]+)?$/;
const COMMIT_NAME = /^[0-9a-fA-F]{4,40}(\^\{commit\})?$/;
const FOUND = /^([0-9a-f]{40,64}) (\S+) (\d+)$/;

interface Reply { header: string; body: Buffer | null }
interface Waiter { resolve(reply: Reply): void; reject(error: Error): void }

/** Array.shift is O(n) on long arrays; 100k queued requests need O(1) dequeues. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get size(): number { return this.items.length - this.head; }
  push(item: T): void { this.items.push(item); }
  peek(): T | undefined { return this.items[this.head]; }
  shift(): T | undefined {
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  drain(): T[] { const rest = this.items.slice(this.head); this.items = []; this.head = 0; return rest; }
}

/** One long-lived `git cat-file --batch[-check]`: pipelined request lines in, ordered replies out. */
class CatFileSession {
  private child: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> = Promise.resolve();
  private failure: GitProcessError | undefined;
  private closeRequested = false;
  private closing: Promise<void> | undefined;
  private readonly waiters = new Fifo<Waiter>();
  private readonly outbox = new Fifo<string>();
  private pumpScheduled = false;
  private awaitingDrain = false;
  private stderrTail = "";
  // Unparsed stdout: chunks are kept apart and joined once per object, so a 20 MB blob
  // arriving in 64 KB pieces is copied once instead of once per chunk.
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodyHeader: string | undefined;
  private bodySize = 0;
  /** Bytes of an oversized body still to come, dropped as they arrive. */
  private skipping = 0;

  constructor(
    private readonly cwd: string,
    private readonly mode: "--batch" | "--batch-check",
    private readonly options: CatFileOptions,
  ) {}

  request(name: string): Promise<Reply> {
    if (this.closeRequested) return Promise.reject(new GitProcessError("git cat-file reader is closed"));
    if (!this.child && !this.failure) this.start();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Reply>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.outbox.push(`${name}\n`);
      // Requests queued in the same tick go out as one write instead of one syscall each.
      if (!this.pumpScheduled) {
        this.pumpScheduled = true;
        queueMicrotask(() => { this.pumpScheduled = false; this.pump(); });
      }
    });
  }

  close(): Promise<void> {
    this.closeRequested = true;
    this.closing ??= (async () => {
      this.pump(); // ends stdin once queued requests are written; git then answers them and exits
      await this.exited;
    })();
    return this.closing;
  }

  private start(): void {
    const env = { ...(this.options.env ?? process.env), LC_ALL: "C", GIT_OPTIONAL_LOCKS: "0" };
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(this.options.gitBinary ?? "git", [...SAFE_CONFIG, "cat-file", this.mode], { cwd: this.cwd, env, stdio: "pipe" });
    } catch (error) {
      this.fail(new GitProcessError(`could not start git cat-file: ${String(error)}`, { cause: error }));
      return;
    }
    this.child = child;
    this.exited = new Promise((resolve) => child.once("close", () => resolve()));
    child.stdout.on("data", (chunk: Buffer) => this.onData(chunk));
    // Always drain stderr: ambiguity hints are written there and a full pipe would stall git.
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => { this.stderrTail = (this.stderrTail + text).slice(-2000); });
    child.stdin.on("error", () => {}); // EPIPE after git died; 'close' below reports why
    child.on("error", (error) => this.fail(new GitProcessError(`could not run git cat-file: ${error.message}`, { cause: error })));
    child.on("close", (code, signal) => {
      if (!this.closeRequested || this.waiters.size > 0) {
        const detail = this.stderrTail.trim();
        this.fail(new GitProcessError(`git cat-file ${this.mode} exited (${signal ?? code})${detail ? `: ${detail}` : ""}`));
      }
    });
  }

  private pump(): void {
    const stdin = this.child?.stdin;
    if (!stdin || this.failure || this.awaitingDrain) return;
    while (this.outbox.size > 0) {
      let batch = "";
      for (let i = 0; i < 512 && this.outbox.size > 0; i++) batch += this.outbox.shift();
      if (!stdin.write(batch)) {
        // Backpressure: let git catch up instead of buffering every request in memory.
        this.awaitingDrain = true;
        stdin.once("drain", () => { this.awaitingDrain = false; this.pump(); });
        return;
      }
    }
    if (this.closeRequested) stdin.end();
  }

  private onData(chunk: Buffer): void {
    if (this.skipping > 0) {
      const dropped = Math.min(this.skipping, chunk.length);
      this.skipping -= dropped;
      chunk = chunk.subarray(dropped);
      if (chunk.length === 0) return;
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (let waiter = this.waiters.peek(); waiter; waiter = this.waiters.peek()) {
      if (this.bodyHeader === undefined) {
        const header = this.takeLine();
        if (header === null) return;
        const found = this.mode === "--batch" ? FOUND.exec(header) : null;
        if (!found) { this.waiters.shift(); waiter.resolve({ header, body: null }); continue; }
        const size = Number(found[3]);
        if (size > MAX_POST_BYTES) {
          // Larger than any post: its bytes (and the LF after them) are dropped, never held.
          const held = Math.min(this.buffered, size + 1);
          this.take(held);
          this.skipping = size + 1 - held;
          this.waiters.shift();
          waiter.resolve({ header, body: oversizedBlob(found[1]!) });
          if (this.skipping > 0) return;
          continue;
        }
        this.bodyHeader = header;
        this.bodySize = size;
      }
      if (this.buffered < this.bodySize + 1) return; // content plus its terminating LF
      const body = this.take(this.bodySize + 1).subarray(0, this.bodySize);
      const header = this.bodyHeader;
      this.bodyHeader = undefined;
      this.waiters.shift();
      waiter.resolve({ header, body });
    }
    if (this.buffered > 0) this.fail(new GitProcessError("git cat-file wrote output nobody asked for"));
  }

  private takeLine(): string | null {
    let offset = 0;
    for (const chunk of this.chunks) {
      const newline = chunk.indexOf(0x0a);
      if (newline >= 0) return this.take(offset + newline + 1).toString("utf8", 0, offset + newline);
      offset += chunk.length;
    }
    return null;
  }

  private take(length: number): Buffer {
    const parts: Buffer[] = [];
    for (let need = length; need > 0;) {
      const chunk = this.chunks[0]!;
      if (chunk.length <= need) { parts.push(chunk); this.chunks.shift(); need -= chunk.length; }
      else { parts.push(chunk.subarray(0, need)); this.chunks[0] = chunk.subarray(need); need = 0; }
    }
    this.buffered -= length;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
  }

  private fail(error: GitProcessError): void {
    this.failure ??= error;
    for (const waiter of this.waiters.drain()) waiter.reject(this.failure);
    this.outbox.drain();
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill();
  }
}

function checkName(name: string, pattern: RegExp): Error | null {
  return pattern.test(name) ? null : new Error(`not an object name: ${JSON.stringify(name)}`);
}

/** Reads many objects through one `git cat-file --batch` process instead of one process each. */
export class BlobReader {
  private readonly session: CatFileSession;
  constructor(cwd: string, options: CatFileOptions = {}, session?: CatFileSession) {
    this.session = session ?? new CatFileSession(cwd, "--batch", options);
  }

  /** Content of the object (blob) with this full or abbreviated id, or null when it does not exist. */
  async read(objectId: string): Promise<Buffer | null> {
    const invalid = checkName(objectId, BLOB_ID);
    if (invalid) throw invalid;
    return this.reply(objectId);
  }

  /** Many at once; resolves in input order. Every id is checked before any is sent. */
  async readMany(ids: readonly string[]): Promise<(Buffer | null)[]> {
    const invalid = ids.map((id) => checkName(id, BLOB_ID)).find((error) => error !== null);
    if (invalid) throw invalid;
    return Promise.all(ids.map((id) => this.read(id)));
  }

  /**
   * Many at once, each content handed to `onEach` as it arrives and then let go: memory holds only what
   * is in flight, while git inflates the next objects. Every id is checked before any is sent.
   * (A second `git cat-file` for half the ids was tried: no faster, as both halves need the same delta chains.)
   */
  async readEach(ids: readonly string[], onEach: (content: Buffer | null, index: number) => void): Promise<void> {
    const invalid = ids.map((id) => checkName(id, BLOB_ID)).find((error) => error !== null);
    if (invalid) throw invalid;
    await Promise.all(ids.map((id, i) => this.reply(id).then((content) => onEach(content, i))));
  }

  private async reply(objectId: string): Promise<Buffer | null> {
    const { header, body } = await this.session.request(objectId);
    if (body) return body;
    if (header.endsWith(" ambiguous")) throw new AmbiguousObjectError(objectId);
    return null;
  }

  /** Ends git's stdin and waits for it to exit; safe to call more than once. */
  close(): Promise<void> {
    return this.session.close();
  }
}

/** Resolves names (e.g. abbreviated commit shas) through one `git cat-file --batch-check` process. */
export class ObjectChecker {
  private readonly session: CatFileSession;
  constructor(cwd: string, options: CatFileOptions = {}, session?: CatFileSession) {
    this.session = session ?? new CatFileSession(cwd, "--batch-check", options);
  }

  /** The full id and type behind a hex name, optionally peeled with `^{commit}`. */
  async check(name: string): Promise<{ oid: string; type: string } | "missing" | "ambiguous"> {
    const invalid = checkName(name, COMMIT_NAME);
    if (invalid) throw invalid;
    const { header } = await this.session.request(name);
    const found = FOUND.exec(header);
    if (found) return { oid: found[1]!, type: found[2]! };
    if (header.endsWith(" ambiguous")) return "ambiguous";
    if (header.endsWith(" missing")) return "missing";
    throw new GitProcessError(`unexpected git cat-file reply: ${header}`);
  }

  /** Ends git's stdin and waits for it to exit; safe to call more than once. */
  close(): Promise<void> {
    return this.session.close();
  }
}

/**
 * A reader and a checker over one `git cat-file --batch` process: a run that needs both starts one git
 * instead of two (the checker reads only the header of each reply; `--batch` adds the content).
 */
export function catFile(cwd: string, options: CatFileOptions = {}): { blobs: BlobReader; checker: ObjectChecker } {
  const session = new CatFileSession(cwd, "--batch", options);
  return { blobs: new BlobReader(cwd, options, session), checker: new ObjectChecker(cwd, options, session) };
}
