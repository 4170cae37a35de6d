/**
 * The translatable content of a post in a canonical form: two versions that differ only in
 * whitespace (line endings, trailing spaces, indentation, blank-line runs, re-wrapped
 * paragraphs) or in front-matter keys outside `translatableKeys` normalise to the same text.
 */
export function normalizeContent(data: Record<string, unknown> | null, body: string, translatableKeys: readonly string[]): string {
  const keys: string[] = [];
  if (data) {
    for (const key of [...translatableKeys].sort()) {
      if (data[key] === undefined) continue;
      keys.push(`${key}: ${collapse(canonical(data[key]))}`);
    }
  }
  const blocks = body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map(collapse)
    .filter((block) => block !== "");
  return `${keys.join("\n")}\n\n${blocks.join("\n\n")}`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function canonical(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
