/** The ignore directives of the configuration. */
export interface IgnoreRules {
  messages: readonly string[];
  trailers: readonly string[];
}

/** True when a commit message carries an ignore directive: a configured text anywhere, or a trailer. */
export function isIgnoredMessage(message: string, rules: IgnoreRules): boolean {
  const lower = message.toLowerCase();
  if (rules.messages.some((m) => lower.includes(m.toLowerCase()))) return true;
  if (rules.trailers.length === 0) return false;
  // Trailers live in the message's last paragraph, one `Key: value` a line.
  const paragraphs = message.replace(/\r\n?/g, "\n").trim().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return false;
  const lines = paragraphs[paragraphs.length - 1]!.split("\n").map((l) => l.trim().toLowerCase().replace(/\s*:\s*/, ": "));
  return rules.trailers.some((t) => lines.includes(t.trim().toLowerCase().replace(/\s*:\s*/, ": ")));
}
