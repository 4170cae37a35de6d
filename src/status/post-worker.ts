import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/schema.js";
import { PostBatchReader, type PostRecord } from "./post-reader.js";

/** What `loadPosts` hands the worker: the posts, and the counter both threads claim chunks of them from. */
export interface PostWorkerInput {
  root: string;
  realRoot: string;
  paths: string[];
  keys: Config["keys"];
  /** Keep the posts' bytes (see `PostBatchReader`). */
  keepText: boolean;
  /** Int32Array over a SharedArrayBuffer: the index of the next unclaimed post. */
  next: Int32Array;
  chunk: number;
}

/** The worker's answer: the posts it read, by index, and the slabs their bytes are in (transferred, not copied). */
export interface PostWorkerResult {
  indices: number[];
  records: (PostRecord | null)[];
  slabs: ArrayBuffer[];
}

// Reads posts beside the main thread: each claims the next chunk until none is left.
const input = workerData as PostWorkerInput;
const reader = new PostBatchReader(input.root, input.realRoot, input.keys, input.keepText);
const result: PostWorkerResult = { indices: [], records: [], slabs: [] };
for (let start = Atomics.add(input.next, 0, input.chunk); start < input.paths.length; start = Atomics.add(input.next, 0, input.chunk)) {
  for (let i = start; i < Math.min(start + input.chunk, input.paths.length); i++) {
    const record = reader.read(input.paths[i]!);
    // A link is left undelivered: the main thread, which has the listing it must resolve into, reads it.
    if (record === undefined) continue;
    result.indices.push(i);
    result.records.push(record);
  }
}
result.slabs = reader.finish().map((slab) => slab.buffer as ArrayBuffer);
parentPort!.postMessage(result, result.slabs);
