import { selectKeyPaths } from "../key-path.js";

/**
 * The front-matter values that differ between two versions of an original but lie outside `translatableKeys`,
 * as concrete key paths (`image`, `sidebar.order`, `head[1].attrs.content`): changes a reader of the diff sees
 * that never make a translation stale.
 */
export function uncountedKeyChanges(before: Record<string, unknown>, after: Record<string, unknown>, translatableKeys: readonly string[]): string[] {
  const leaves = (data: Record<string, unknown>) => new Map(selectKeyPaths(data, "**").map(([path, value]) => [path, JSON.stringify(value ?? null)]));
  const a = leaves(before);
  const b = leaves(after);
  const counted = new Set(translatableKeys.flatMap((pattern) => [...selectKeyPaths(before, pattern), ...selectKeyPaths(after, pattern)].map(([path]) => path)));
  const isCounted = (path: string) => [...counted].some((c) => path === c || path.startsWith(`${c}.`) || path.startsWith(`${c}[`));
  const changed = [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path));
  return changed.filter((path) => !isCounted(path)).sort();
}
