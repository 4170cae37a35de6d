import { realpath } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Config } from "../config/schema.js";
import { isPostPath } from "../core/layout.js";
import type { Post } from "../core/types.js";
import { PostBatchReader, type PostRecord } from "./post-reader.js";
import { PostIndex, type FileStamp } from "./post-index.js";
import type { PostWorkerInput, PostWorkerResult } from "./post-worker.js";

/** A post read from the working tree, with its text kept for `--worktree` comparisons. */
export interface LoadedPost {
  post: Post;
  /** The file's text, decoded on first use; null when it couldn't be read. */
  readonly text: string | null;
  /** Read through a symbolic link. */
  readonly linked: boolean;
}

/** Options for `loadPosts`. */
export interface LoadPostsOptions {
  onProgress?: (posts: number) => void;
  /** Share the reading with a worker thread: `auto` (the default) does from WORKER_THRESHOLD posts on, given a core to spare. */
  threads?: "auto" | "always" | "never";
  /** Keep each post's bytes for `text` (default true); without them the posts' memory goes once they are parsed. */
  keepText?: boolean;
  /** Parsed posts by file stamp, used (and filled) when no text is kept. */
  index?: PostIndex;
}

/** From this many posts on, a worker thread reads beside the main thread (it costs ~40 ms to start). */
export const WORKER_THRESHOLD = 2000;
/**
 * A worker pays only with a core of its own: git's log pass keeps one busy meanwhile, so on two cores
 * a worker competes with both (measured on 17k posts: 1.42 s without it, 1.53 s with it).
 */
const WORKER_CORES = 3;
const CHUNK = 32;
// Reads are synchronous (a third of the cost of fs.promises per small file); yielding every millisecond
// lets git's output keep flowing meanwhile: git runs on another core, and a pipe holds only 64 KB.
const SLICE_MS = 1;

/**
 * Reads every post among `files` from the working tree, never following a link out of the repository;
 * with an index (and no text wanted), a post whose file is unchanged since it was parsed is not read.
 */
export async function loadPosts(root: string, files: readonly string[], keys: Config["keys"], options: LoadPostsOptions = {}): Promise<LoadedPost[]> {
  const paths = files.filter(isPostPath);
  const keepText = options.keepText !== false;
  // Posts whose file is exactly as when they were parsed come from the index; only the rest are read.
  const index = !keepText && options.index?.enabled ? options.index : null;
  const records: (PostRecord | null)[] = new Array(paths.length).fill(null);
  const stamps: (FileStamp | null)[] = [];
  const toRead: number[] = [];
  let slice = performance.now();
  for (let i = 0; i < paths.length; i++) {
    const stamp = index === null ? null : PostIndex.stamp(join(root, paths[i]!));
    const cached = stamp === null ? undefined : index!.get(paths[i]!, stamp);
    if (cached !== undefined) records[i] = { post: cached, slab: -1, start: 0, end: 0 };
    else {
      toRead.push(i);
      stamps.push(stamp);
    }
    if ((i & 255) === 0 && performance.now() - slice > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  const read = await readPosts(root, toRead.map((i) => paths[i]!), new Set(files), keys, keepText, options);
  read.records.forEach((record, k) => {
    records[toRead[k]!] = record;
    const stamp = stamps[k];
    if (index !== null && stamp && record !== null && !record.linked && !record.failed) index.set(paths[toRead[k]!]!, stamp, record.post);
  });
  const loaded: LoadedPost[] = [];
  for (const record of records) {
    const keep = keepText && record !== null && record.slab >= 0;
    if (record !== null) loaded.push(lazyText(record.post, keep ? read.slabs[record.slab]!.subarray(record.start, record.end) : null, record.linked === true));
  }
  return loaded;
}

/**
 * Reads `paths` from the working tree. Parsing front-matter is most of the cost, so with many posts a
 * worker thread takes chunks of the list from the same counter as the main thread: the two cores share
 * the work whatever else keeps either busy.
 */
async function readPosts(
  root: string,
  paths: readonly string[],
  listed: ReadonlySet<string>,
  keys: Config["keys"],
  keepText: boolean,
  options: LoadPostsOptions,
): Promise<{ records: (PostRecord | null)[]; slabs: Buffer[] }> {
  const realRoot = await realpath(root);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const threads = options.threads ?? "auto";
  const auto = paths.length >= WORKER_THRESHOLD && availableParallelism() >= WORKER_CORES;
  const helper = threads === "always" || (threads === "auto" && auto) ? startWorker({ root, realRoot, paths: [...paths], keys, keepText, next, chunk: CHUNK }) : null;

  const reader = new PostBatchReader(root, realRoot, keys, keepText, listed);
  const records: (PostRecord | null)[] = new Array(paths.length).fill(null);
  const mine = new Uint8Array(paths.length);
  let slice = performance.now();
  let reported = 0;
  for (let start = Atomics.add(next, 0, CHUNK); start < paths.length; start = Atomics.add(next, 0, CHUNK)) {
    for (let i = start; i < Math.min(start + CHUNK, paths.length); i++) {
      records[i] = reader.read(paths[i]!) ?? null;
      mine[i] = 1;
    }
    if (options.onProgress && start - reported >= 1000) options.onProgress((reported = start));
    if (performance.now() - slice > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  const slabs = reader.finish();
  const done = helper ? await helper : null;
  let workerSlabs: Buffer[] = [];
  if (done) {
    workerSlabs = done.slabs.map((slab) => Buffer.from(slab));
    done.indices.forEach((index, k) => {
      const record = done.records[k] ?? null;
      records[index] = record === null ? null : { ...record, slab: record.slab < 0 ? -1 : slabs.length + record.slab };
      mine[index] = 1;
    });
  }
  // Whatever the worker claimed but never delivered (it could not start, or died) is read here.
  // The worker leaves links to this thread, which holds the listing they must resolve into.
  const rest = new PostBatchReader(root, realRoot, keys, keepText, listed);
  const restBase = slabs.length + workerSlabs.length;
  for (let i = 0; i < paths.length; i++) {
    if (mine[i]) continue;
    const record = rest.read(paths[i]!) ?? null;
    records[i] = record === null ? null : { ...record, slab: record.slab < 0 ? -1 : restBase + record.slab };
  }
  return { records, slabs: [...slabs, ...workerSlabs, ...rest.finish()] };
}

/** The worker's posts, or null when no worker could run (from TypeScript sources, say): the caller then reads them. */
function startWorker(input: PostWorkerInput): Promise<PostWorkerResult | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL("./post-worker.js", import.meta.url), { workerData: input });
    } catch {
      resolve(null);
      return;
    }
    let settled = false;
    const settle = (value: PostWorkerResult | null) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    worker.on("message", (message: PostWorkerResult) => settle(message));
    worker.on("error", () => settle(null));
    worker.on("exit", () => settle(null));
  });
}

function lazyText(post: Post, bytes: Buffer | null, linked: boolean): LoadedPost {
  let text: string | null | undefined;
  return {
    post,
    linked,
    get text() {
      if (text === undefined) {
        text = bytes === null ? null : bytes.toString("utf8");
        bytes = null;
      }
      return text;
    },
  };
}
