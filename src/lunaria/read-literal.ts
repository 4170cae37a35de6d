// A Lunaria config may be TypeScript or JavaScript (`export default defineConfig({ ... })`). transtrack never
// runs it: it reads the default export's object literal as data. Strings, numbers, booleans, null, arrays
// and objects are read; anything else (a variable, a call, a spread, an interpolated template) can only be
// known by running the file, so it is kept as UNREAD, and the caller says which fields it could not read.

/** Stands for a value that only running the file could tell. */
export const UNREAD: unique symbol = Symbol("unread");

/** A value read from the literal. */
export type LiteralValue = string | number | boolean | null | typeof UNREAD | LiteralValue[] | { [key: string]: LiteralValue };

/** Nesting deeper than this is not a config; reading stops there. */
const MAX_DEPTH = 64;

/**
 * The object a TS/JS config exports by default (`export default {…}`, `export default defineConfig({…})`,
 * `module.exports = …`), read as data without running anything; null when there is no such object literal.
 */
export function readDefaultExport(source: string): { [key: string]: LiteralValue } | null {
  const code = blankComments(source);
  const start = /\bexport\s+default\s+|\bmodule\.exports\s*=\s*/.exec(code);
  if (!start) return null;
  let at = start.index + start[0].length;
  // `export default config;` names a `const config = …` declared before.
  const named = /^([A-Za-z_$][\w$]*)[ \t]*(?:;|\r?\n|$)/.exec(code.slice(at));
  if (named) {
    const declared = new RegExp(`\\b(?:const|let|var)\\s+${named[1]!.replace(/\$/g, "\\$")}\\s*(?::[^=]+)?=\\s*`).exec(code);
    if (!declared) return null;
    at = declared.index + declared[0].length;
  }
  // `defineConfig(` or any one wrapping call: the object is its first argument.
  const call = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*(?:<[^>]*>\s*)?\(\s*/.exec(code.slice(at));
  if (call) at += call[0].length;
  if (code[at] !== "{") return null;
  try {
    const value = new Reader(code, at).value(0);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The source with comments replaced by spaces, strings and templates left as they are. */
function blankComments(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === "`") {
      const end = stringEnd(source, i);
      out += source.slice(i, end);
      i = end;
    } else if (c === "/" && source[i + 1] === "/") {
      const end = source.indexOf("\n", i);
      const stop = end < 0 ? source.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the string or template starting at `from`. */
function stringEnd(text: string, from: number): number {
  const quote = text[from];
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i + 1;
    else if (quote !== "`" && text[i] === "\n") return i;
  }
  return text.length;
}

class Reader {
  constructor(
    private readonly code: string,
    private at: number,
  ) {}

  value(depth: number): LiteralValue {
    if (depth > MAX_DEPTH) throw new Error("too deep");
    this.space();
    const c = this.code[this.at];
    let value: LiteralValue;
    if (c === "{") value = this.object(depth);
    else if (c === "[") value = this.array(depth);
    else if (c === '"' || c === "'" || c === "`") value = this.string();
    else {
      const m = /^(?:-?(?:0x[0-9a-fA-F]+|\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?)|true|false|null|undefined)(?![\w$])/.exec(this.code.slice(this.at, this.at + 64));
      if (m) {
        this.at += m[0].length;
        const word = m[0];
        value = word === "true" ? true : word === "false" ? false : word === "null" || word === "undefined" ? null : Number(word.replace(/_/g, ""));
      } else {
        this.skipExpression();
        value = UNREAD;
      }
    }
    this.typeTail();
    return value;
  }

  private object(depth: number): { [key: string]: LiteralValue } {
    const out: { [key: string]: LiteralValue } = {};
    this.at++;
    for (;;) {
      this.space();
      if (this.code[this.at] === "}") {
        this.at++;
        return out;
      }
      if (this.code.startsWith("...", this.at)) {
        // A spread brings in keys only running the file could tell.
        this.at += 3;
        this.skipExpression();
        out["..."] = UNREAD;
      } else {
        const key = this.key();
        this.space();
        if (this.code[this.at] === ":") {
          this.at++;
          Object.defineProperty(out, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
        } else {
          // A shorthand `{ name }` or a method: its value lives elsewhere.
          if (this.code[this.at] === "(") this.skipExpression();
          Object.defineProperty(out, key, { value: UNREAD, enumerable: true, writable: true, configurable: true });
        }
      }
      this.space();
      if (this.code[this.at] === ",") this.at++;
      else if (this.code[this.at] !== "}") throw new Error("expected , or }");
    }
  }

  private array(depth: number): LiteralValue[] {
    const out: LiteralValue[] = [];
    this.at++;
    for (;;) {
      this.space();
      if (this.code[this.at] === "]") {
        this.at++;
        return out;
      }
      if (this.code.startsWith("...", this.at)) {
        this.at += 3;
        this.skipExpression();
        out.push(UNREAD);
      } else out.push(this.value(depth + 1));
      this.space();
      if (this.code[this.at] === ",") this.at++;
      else if (this.code[this.at] !== "]") throw new Error("expected , or ]");
    }
  }

  private key(): string {
    const c = this.code[this.at];
    if (c === '"' || c === "'") {
      const s = this.string();
      if (typeof s !== "string") throw new Error("bad key");
      return s;
    }
    if (c === "[") throw new Error("computed key");
    const m = /^[A-Za-z_$][\w$]*|^\d+/.exec(this.code.slice(this.at, this.at + 256));
    if (!m) throw new Error("bad key");
    this.at += m[0].length;
    return m[0];
  }

  private string(): string | typeof UNREAD {
    const quote = this.code[this.at]!;
    const end = stringEnd(this.code, this.at);
    const raw = this.code.slice(this.at + 1, end - 1);
    this.at = end;
    if (quote === "`" && raw.includes("${")) return UNREAD;
    return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_, e: string) => unescape(e));
  }

  /** TypeScript's `as const`, `as Type` and `satisfies Type` after a value say nothing about the value. */
  private typeTail(): void {
    for (;;) {
      this.space();
      const m = /^(?:as|satisfies)\s+[A-Za-z_$][\w$.]*(?:<[^>]*>)?(?:\[\])*/.exec(this.code.slice(this.at, this.at + 256));
      if (!m) return;
      this.at += m[0].length;
    }
  }

  /** Skips an expression that isn't a literal, up to the `,` or closing bracket that ends it. */
  private skipExpression(): void {
    let depth = 0;
    while (this.at < this.code.length) {
      const c = this.code[this.at]!;
      if (c === '"' || c === "'" || c === "`") {
        this.at = stringEnd(this.code, this.at);
        continue;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") {
        if (depth === 0) return;
        depth--;
      } else if (c === "," && depth === 0) return;
      this.at++;
    }
  }

  private space(): void {
    while (this.at < this.code.length && /\s/.test(this.code[this.at]!)) this.at++;
  }
}

function unescape(e: string): string {
  const named: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", "0": "\0" };
  if (e.startsWith("u{")) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
  if (e.startsWith("u") && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
  if (e.startsWith("x") && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
  if (e === "\r\n" || e === "\n" || e === "\r") return "";
  return named[e] ?? e;
}
