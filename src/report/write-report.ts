import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { TranstrackError, UsageError } from "../errors.js";
import { writeFileAtomic } from "../posts/write-atomic.js";

/** The file a report directory holds. */
export const REPORT_FILE = "index.html";

/** Refuses an output directory that can't hold the report, before any work is done. */
export async function checkReportDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new UsageError("REPORT_DIR_IS_FILE", { dir });
  const target = await stat(join(dir, REPORT_FILE)).catch(() => null);
  if (target?.isDirectory()) throw new UsageError("REPORT_FILE_IS_DIR", { path: join(dir, REPORT_FILE) });
}

/** Writes `dir/index.html` in one rename, creating `dir` when missing; returns the file's path. */
export async function writeReport(dir: string, html: string): Promise<string> {
  await checkReportDir(dir);
  const path = join(dir, REPORT_FILE);
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path, html);
  } catch (error) {
    if (error instanceof TranstrackError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new TranstrackError("WRITE_FAILED", { path, reason }, { cause: error });
  }
  return path;
}
