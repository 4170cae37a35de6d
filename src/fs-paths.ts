import { realpathSync } from "node:fs";

/** The path with symbolic links resolved, or the path as given when it can't be (missing, unreadable). */
export function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
