// A fast path for the YAML that almost every post's front-matter uses: a mapping of scalars, lists of
// scalars or of mappings, mappings nested under a key (Starlight's `sidebar:`, Hugo's `menu:`), flow
// collections on one line and block scalars (`description: >-` and the next lines). It mirrors js-yaml 3's
// safeLoad (DEFAULT_SAFE_SCHEMA) for that subset and gives up (returns undefined) on anything else, so the
// caller can hand the text to js-yaml unchanged.

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const APOSTROPHE = 0x27;
const COMMA = 0x2c;
const DASH = 0x2d;
const COLON = 0x3a;
const LESS_THAN = 0x3c;
const LEFT_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RIGHT_BRACKET = 0x5d;
const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;
const TILDE = 0x7e;
const TAB = 0x09;
const PLUS = 0x2b;
const GREATER_THAN = 0x3e;
const PIPE = 0x7c;
/** Returned by `peek` past the end of the text. */
const END = -1;

/** Thrown inside the parser when the text leaves the supported subset; never escapes this module. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();

/** Leaves the fast path. */
function refuse(): never {
  throw UNSUPPORTED;
}

const hasOwn = Object.prototype.hasOwnProperty;

// Posts tend to share their keys, in the same order. Reusing the string read at the same position
// before, rather than a fresh slice, spares V8 from hashing and interning every key again.
/** The unquoted key last read at each position (first key, second key, ...) that resolved to itself. */
const KEY_CACHE: (string | undefined)[] = new Array<string | undefined>(64);

/** Characters that may not start a plain scalar here (YAML indicators). */
const INDICATORS = new Uint8Array(128);
for (const ch of "-?:,[]{}#&*!|>'\"%@`") INDICATORS[ch.charCodeAt(0)] = 1;

/** ASCII characters that need no second look inside a plain scalar: printable (space included), not `#`, `:` or a flow indicator. */
const ORDINARY = new Uint8Array(128);
for (let c = 0x20; c < 0x7f; c++) ORDINARY[c] = 1;
for (const ch of "#:,[]{}") ORDINARY[ch.charCodeAt(0)] = 0;

/** Characters allowed in an unquoted key after the first: `[A-Za-z0-9_.-]`. */
const KEY_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_.-]/.test(ch)) KEY_CHARS[c] = 1;
}

/** What js-yaml's double-quoted scalars turn `\x` into for single-character escapes (tab excluded). */
const SIMPLE_ESCAPES: (string | undefined)[] = new Array<string | undefined>(128);
for (const [ch, value] of [
  ["0", "\x00"], ["a", "\x07"], ["b", "\x08"], ["t", "\x09"], ["n", "\x0A"], ["v", "\x0B"],
  ["f", "\x0C"], ["r", "\x0D"], ["e", "\x1B"], [" ", " "], ['"', '"'], ["/", "/"], ["\\", "\\"],
  ["N", "\x85"], ["_", "\xA0"], ["L", "\u2028"], ["P", "\u2029"],
] as const) {
  SIMPLE_ESCAPES[ch.charCodeAt(0)] = value;
}

/** Whether a character code ends a line (or the text). */
function isLineEnd(c: number): boolean {
  return c === LF || c === CR || c === END;
}

/** Whether a character code after a key's `:` ends the key: a space, or the end of the line. */
function endsKey(c: number): boolean {
  return c === SPACE || isLineEnd(c) || Number.isNaN(c);
}

/** Whether a character code is `:` or may follow the first character of an unquoted key: `[A-Za-z0-9_.:-]`. */
function isKeyChar(c: number): boolean {
  return c === COLON || (c < 128 && KEY_CHARS[c] === 1);
}

/**
 * Where the unquoted key starting at `start` ends: after its key characters, a colon followed by a key
 * character belonging to it (`cSpell:ignore:`), as in any plain scalar.
 */
function plainKeyEnd(text: string, start: number): number {
  let pos = start + 1;
  for (let k = text.charCodeAt(pos); ; k = text.charCodeAt(pos)) {
    if (k < 128 && KEY_CHARS[k] === 1) pos++;
    else if (k === COLON && isKeyChar(text.charCodeAt(pos + 1))) pos++;
    else return pos;
  }
}

/** Whether a character code is one of YAML's flow indicators `,[]{}`. */
function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LEFT_BRACKET || c === RIGHT_BRACKET || c === LEFT_BRACE || c === RIGHT_BRACE;
}

/** Whether a character code may start an unquoted key: `[A-Za-z0-9_]`. */
function isKeyStart(c: number): boolean {
  return c >= 0 && c < 128 && KEY_CHARS[c] === 1 && c !== DASH && c !== 0x2e;
}

/** The value of a hexadecimal digit, or -1. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** A block mapping being read: the document's own, or one nested under a key of the mapping above it. */
interface Level {
  /** The column its keys start at. */
  indent: number;
  result: Record<string, unknown>;
  /** How many keys have been read. */
  keys: number;
  /** The last key if its value was empty: a block sequence or a nested mapping on the following lines may fill it. */
  openKey: string | null;
  /** The block sequence being read for `openKey`, if any. */
  items: unknown[] | null;
  /** The indentation of the entries of `items`. */
  itemIndent: number;
}

/** Reads one document of the subset from the start of the text. */
class Parser {
  pos = 0;
  readonly length: number;
  readonly result: Record<string, unknown> = {};
  /** The mappings open at the cursor, the document's first; `level` is the last. */
  private readonly levels: Level[];
  private level: Level;

  constructor(readonly text: string) {
    this.length = text.length;
    this.level = { indent: 0, result: this.result, keys: 0, openKey: null, items: null, itemIndent: -1 };
    this.levels = [this.level];
  }

  /** The character code at the cursor, or END. */
  peek(): number {
    const pos = this.pos;
    return pos < this.length ? this.text.charCodeAt(pos) : END;
  }

  /** The character code `offset` places after the cursor, or END. */
  peekAt(offset: number): number {
    const i = this.pos + offset;
    return i < this.length ? this.text.charCodeAt(i) : END;
  }

  /** Skips spaces and returns how many there were. */
  skipSpaces(): number {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    while (text.charCodeAt(pos) === SPACE) pos++;
    this.pos = pos;
    return pos - start;
  }

  /** Consumes a line break (`\n`, `\r\n`, or a `\r` ending the text, which js-yaml reads as one too) or accepts the end of the text. */
  lineBreak(): void {
    const c = this.peek();
    if (c === LF) this.pos++;
    else if (c === CR && this.peekAt(1) === LF) this.pos += 2;
    else if (c === CR && this.peekAt(1) === END) this.pos++;
    else if (c !== END) refuse();
  }

  /** Skips a `#` comment and the line break after it. */
  skipComment(): void {
    for (;;) {
      const c = this.peek();
      if (isLineEnd(c)) break;
      if (c < SPACE) refuse();
      this.pos++;
    }
    this.lineBreak();
  }

  /** Consumes what may follow a value: spaces, a comment after a space, and the line break. */
  endLine(): void {
    this.skipSpaces();
    if (this.peek() === HASH) {
      if (this.text.charCodeAt(this.pos - 1) !== SPACE) refuse();
      this.skipComment();
    } else {
      this.lineBreak();
    }
  }

  /** The width (1 or 2 code units) of the printable character `c` at `pos`; refuses anything else. */
  printableWidth(c: number, pos: number): number {
    if (c >= 0x20 && c < 0x7f) return 1;
    if (c >= 0xa0 && c < 0xd800 && c !== 0x2028 && c !== 0x2029) return 1;
    if (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) return 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = this.text.charCodeAt(pos + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return 2;
    }
    return refuse();
  }

  /** Parses the whole text as a top-level block mapping. */
  document(): Record<string, unknown> | null | undefined {
    while (this.pos < this.length) {
      const indent = this.skipSpaces();
      const c = this.peek();
      if (isLineEnd(c)) this.lineBreak();
      else if (c === HASH) this.skipComment();
      else {
        this.closeLevels(indent);
        if (c === DASH) this.sequenceEntry(indent);
        else this.mappingEntry(indent);
      }
    }
    return this.levels[0]!.keys === 0 ? emptyDocument(this.text) : this.result;
  }

  /** Ends the nested mappings that a line starting at column `indent` is left of. */
  closeLevels(indent: number): void {
    while (this.levels.length > 1 && indent < this.level.indent) {
      this.levels.pop();
      this.level = this.levels[this.levels.length - 1]!;
    }
  }

  /**
   * Reads a `key: value` line, or a `key:` line that a block sequence or a nested mapping may follow. A key
   * further right than its mapping's starts the mapping nested under the key above, which had no value.
   */
  mappingEntry(indent: number): void {
    let level = this.level;
    if (indent > level.indent) {
      const parent = level.openKey;
      if (parent === null || level.items !== null) refuse();
      const child: Record<string, unknown> = {};
      level.result[parent] = child;
      level.openKey = null;
      level = { indent, result: child, keys: 0, openKey: null, items: null, itemIndent: -1 };
      this.levels.push(level);
      this.level = level;
    } else if (indent !== level.indent) {
      refuse();
    }
    // Only the document's own keys are worth caching by position.
    const key = this.key(this.levels.length === 1 ? level.keys : KEY_CACHE.length);
    const result = level.result;
    if (hasOwn.call(result, key)) refuse();
    level.keys++;
    level.openKey = null;
    level.items = null;
    this.skipSpaces();
    const c = this.peek();
    if (isLineEnd(c) || c === HASH) {
      result[key] = null;
      level.openKey = key;
    } else if (c === PIPE || c === GREATER_THAN) {
      result[key] = this.blockScalar(level.indent);
      return;
    } else {
      result[key] = this.inlineValue();
    }
    this.endLine();
  }

  /**
   * Reads a literal (`|`) or folded (`>`) block scalar, with its chomping (`-` strip, `+` keep, else clip),
   * whose lines are indented alike and further than its key (`parentIndent`); the cursor ends at the start of
   * the first line after it. Refused: an indentation indicator or a comment on the header line, empty lines
   * before the first line of text, lines of spaces longer than the indentation, a line starting with a tab,
   * and lines indented further than the first (kept as they are in a literal scalar only).
   */
  blockScalar(parentIndent: number): string {
    const text = this.text;
    const folded = this.peek() === GREATER_THAN;
    this.pos++;
    const indicator = this.peek();
    const chomping = indicator === DASH ? "strip" : indicator === PLUS ? "keep" : "clip";
    if (chomping !== "clip") this.pos++;
    this.skipSpaces();
    if (this.peek() === END) refuse();
    this.lineBreak();
    const lines: (string | null)[] = [];
    let indent = -1;
    while (this.pos < this.length) {
      const lineStart = this.pos;
      const spaces = this.skipSpaces();
      const c = this.peek();
      if (isLineEnd(c)) {
        // An empty line, inside the text or after it (chomping decides what those last ones give).
        if (indent < 0 || spaces > indent) refuse();
        lines.push(null);
        if (c === END) break;
        this.lineBreak();
        continue;
      }
      if (indent < 0) {
        if (spaces <= parentIndent) refuse();
        indent = spaces;
      } else if (spaces < indent) {
        // A line further left ends the scalar: it belongs to the mappings around.
        this.pos = lineStart;
        break;
      } else if (spaces > indent && folded) {
        refuse();
      }
      if (c === TAB) refuse();
      const start = lineStart + indent;
      let pos = this.pos;
      for (let k = text.charCodeAt(pos); pos < this.length && k !== LF && k !== CR; k = text.charCodeAt(pos)) {
        pos += k >= SPACE && k < 0x7f ? 1 : k === TAB ? 1 : this.printableWidth(k, pos);
      }
      lines.push(text.slice(start, pos));
      this.pos = pos;
      this.lineBreak();
    }
    let end = lines.length;
    while (end > 0 && lines[end - 1] === null) end--;
    if (end === 0) refuse();
    let value = "";
    let empty = 0;
    for (let i = 0; i < end; i++) {
      const line = lines[i]!;
      if (line === null) {
        empty++;
        continue;
      }
      // Folded, lines next to each other join with a space and each empty line between them is a line
      // break; literal, every line ends with its break.
      if (i > 0) value += folded ? (empty === 0 ? " " : "\n".repeat(empty)) : "\n".repeat(1 + empty);
      value += line;
      empty = 0;
    }
    if (chomping === "clip") value += "\n";
    else if (chomping === "keep") value += "\n".repeat(1 + lines.length - end);
    return value;
  }

  /** Reads a `- entry` line of the block sequence under the open key, all entries indented alike. */
  sequenceEntry(indent: number): void {
    const level = this.level;
    const key = level.openKey;
    if (key === null || this.peekAt(1) !== SPACE) refuse();
    let items = level.items;
    if (items === null) {
      items = level.items = [];
      level.itemIndent = indent;
      level.result[key] = items;
    } else if (indent !== level.itemIndent) {
      refuse();
    }
    this.pos++;
    const spaces = this.skipSpaces();
    if (this.startsMapping()) {
      // `- key: value`: the entry is a mapping whose keys stand at this column, on this line and the next.
      const item: Record<string, unknown> = {};
      items.push(item);
      const column = indent + 1 + spaces;
      const child: Level = { indent: column, result: item, keys: 0, openKey: null, items: null, itemIndent: -1 };
      this.levels.push(child);
      this.level = child;
      this.mappingEntry(column);
      return;
    }
    items.push(this.itemValue());
    this.endLine();
  }

  /** Whether the cursor is on an unquoted key and its `:`, followed by a space or the line's end. */
  startsMapping(): boolean {
    if (!isKeyStart(this.peek())) return false;
    const end = plainKeyEnd(this.text, this.pos);
    return this.text.charCodeAt(end) === COLON && endsKey(this.text.charCodeAt(end + 1));
  }

  /** Reads the `index`-th mapping key and the `:` after it, which must be followed by a space or the line end. */
  key(index: number): string {
    const c = this.peek();
    let key: string;
    if (c === QUOTE) {
      key = this.doubleQuoted();
    } else if (c === APOSTROPHE) {
      key = this.singleQuoted();
    } else {
      if (!isKeyStart(c)) refuse();
      const text = this.text;
      const start = this.pos;
      const cached = KEY_CACHE[index];
      const end = start + (cached?.length ?? 0);
      // A cached key is what a scan would find when the text has it followed by `: ` or `:` at the line's end.
      if (cached !== undefined && text.charCodeAt(end) === COLON && endsKey(text.charCodeAt(end + 1)) && text.startsWith(cached, start)) {
        key = cached;
        this.pos = end;
      } else {
        const pos = plainKeyEnd(text, start);
        this.pos = pos;
        const raw = text.slice(start, pos);
        // js-yaml resolves plain keys like values and then stringifies them: `010:` is the key "8".
        const value = resolvePlain(raw);
        if (value instanceof Date) refuse();
        key = String(value);
        if (key === raw && index < KEY_CACHE.length) KEY_CACHE[index] = raw;
      }
    }
    if (key === "__proto__" || this.peek() !== COLON) refuse();
    this.pos++;
    const next = this.peek();
    if (next !== SPACE && !isLineEnd(next)) refuse();
    return key;
  }

  /**
   * Reads a value written on one line: a quoted or plain scalar, or a flow collection. Inside a flow
   * collection that `closer` (`]` or `}`) ends, a plain scalar ends at a `,` or the closer.
   */
  inlineValue(closer?: number): unknown {
    const c = this.peek();
    if (c === QUOTE) return this.doubleQuoted();
    if (c === APOSTROPHE) return this.singleQuoted();
    if (c === LEFT_BRACKET) return this.flowSequence();
    if (c === LEFT_BRACE) return this.flowMapping();
    return closer === undefined ? this.plain(false) : this.plain(true, closer);
  }

  /** Reads the value of a block sequence entry; the cursor is on the space after its `-`. */
  itemValue(): unknown {
    this.skipSpaces();
    const c = this.peek();
    if (isLineEnd(c) || c === HASH) refuse();
    return this.inlineValue();
  }

  /**
   * Reads a single-line plain scalar, up to a comment or the line end; in a flow collection (`closer` its
   * closing `]` or `}`) up to a `,` or the closer.
   */
  plain(inFlow: boolean, closer = RIGHT_BRACKET): unknown {
    const text = this.text;
    const start = this.pos;
    const first = this.peek();
    if (first >= 0 && first < 128 && INDICATORS[first] === 1) {
      const next = this.peekAt(1);
      if (first !== DASH || next === SPACE || isLineEnd(next) || (inFlow && isFlowIndicator(next))) refuse();
    }
    const length = text.length;
    let pos = start;
    for (;;) {
      const c = pos < length ? text.charCodeAt(pos) : END;
      if (c < 128) {
        if (c === END) {
          if (inFlow) refuse();
          break;
        }
        if (ORDINARY[c] === 1) {
          pos++;
        } else if (c === HASH) {
          if (text.charCodeAt(pos - 1) === SPACE) {
            if (inFlow) refuse();
            break;
          }
          pos++;
        } else if (c === COLON) {
          const next = pos + 1 < length ? text.charCodeAt(pos + 1) : END;
          if (next === SPACE || isLineEnd(next) || (inFlow && isFlowIndicator(next))) refuse();
          pos++;
        } else if (isFlowIndicator(c)) {
          if (!inFlow) pos++;
          else if (c === COMMA || c === closer) break;
          else refuse();
        } else {
          if (inFlow || (c !== LF && c !== CR)) refuse();
          break;
        }
      } else {
        pos += c >= 0xa0 && c < 0x2028 ? 1 : this.printableWidth(c, pos);
      }
    }
    this.pos = pos;
    let end = pos;
    while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
    if (end === start) refuse();
    return resolvePlain(text.slice(start, end));
  }

  /** Reads a double-quoted scalar that closes on the same line. */
  doubleQuoted(): string {
    const text = this.text;
    const length = text.length;
    let pos = this.pos + 1;
    let out = "";
    let start = pos;
    for (;;) {
      const c = pos < length ? text.charCodeAt(pos) : END;
      if (c === QUOTE) {
        this.pos = pos + 1;
        return out + text.slice(start, pos);
      }
      if (c === BACKSLASH) {
        this.pos = pos;
        out += text.slice(start, pos) + this.escape();
        pos = start = this.pos;
      } else {
        if (isLineEnd(c)) refuse();
        pos += c >= SPACE && c < 0x7f ? 1 : this.printableWidth(c, pos);
      }
    }
  }

  /** Reads the escape sequence at the cursor (`\n`, `\"`, `\x41`, `\u00e9`, ...) and returns its text. */
  escape(): string {
    const c = this.peekAt(1);
    const simple = c >= 0 && c < 128 ? SIMPLE_ESCAPES[c] : undefined;
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    const digits = c === 0x78 ? 2 : c === 0x75 ? 4 : 0;
    if (digits === 0) refuse();
    let code = 0;
    for (let i = 0; i < digits; i++) {
      const digit = hexValue(this.peekAt(2 + i));
      if (digit < 0) refuse();
      code = code * 16 + digit;
    }
    this.pos += 2 + digits;
    return String.fromCharCode(code);
  }

  /** Reads a single-quoted scalar that closes on the same line; `''` stands for one quote. */
  singleQuoted(): string {
    const text = this.text;
    const length = text.length;
    let pos = this.pos + 1;
    let out = "";
    let start = pos;
    for (;;) {
      const c = pos < length ? text.charCodeAt(pos) : END;
      if (c === APOSTROPHE) {
        out += text.slice(start, pos);
        pos++;
        if (text.charCodeAt(pos) !== APOSTROPHE) {
          this.pos = pos;
          return out;
        }
        start = pos;
        pos++;
      } else {
        if (isLineEnd(c)) refuse();
        pos += c >= SPACE && c < 0x7f ? 1 : this.printableWidth(c, pos);
      }
    }
  }

  /** Reads a single-line flow sequence, `[a, "b", 3, { c: d }]`, without empty or trailing entries. */
  flowSequence(): unknown[] {
    const items: unknown[] = [];
    this.pos++;
    this.skipSpaces();
    if (this.peek() === RIGHT_BRACKET) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.inlineValue(RIGHT_BRACKET));
      this.skipSpaces();
      const next = this.peek();
      this.pos++;
      if (next === RIGHT_BRACKET) return items;
      if (next !== COMMA) refuse();
      this.skipSpaces();
    }
  }

  /**
   * Reads a flow mapping on one line, `{ key: value, … }`: keys as a block mapping's, each followed by
   * `: `, values scalars or flow collections.
   */
  flowMapping(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.pos++;
    this.skipSpaces();
    if (this.peek() === RIGHT_BRACE) {
      this.pos++;
      return result;
    }
    for (;;) {
      // Read as a block mapping's key is (not cached by position: that is for the document's own keys).
      const key = this.key(KEY_CACHE.length);
      if (hasOwn.call(result, key) || this.peek() !== SPACE) refuse();
      this.skipSpaces();
      result[key] = this.inlineValue(RIGHT_BRACE);
      this.skipSpaces();
      const next = this.peek();
      this.pos++;
      if (next === RIGHT_BRACE) return result;
      if (next !== COMMA) refuse();
      this.skipSpaces();
    }
  }
}

/** What safeLoad returns for a text of only blank lines and comments: null, or undefined (refused) when it returns undefined. */
function emptyDocument(text: string): null | undefined {
  // js-yaml appends a line break when there is none and reads a document only if anything but
  // leading spaces and that final break is left.
  if (text.length === 0) return undefined;
  const last = text.charCodeAt(text.length - 1);
  const length = last === LF || last === CR ? text.length : text.length + 1;
  let spaces = 0;
  while (text.charCodeAt(spaces) === SPACE) spaces++;
  return spaces < length - 1 ? null : undefined;
}

/** Resolves a plain scalar as js-yaml's DEFAULT_SAFE_SCHEMA does: null, bool, int, float, timestamp, else string. */
function resolvePlain(raw: string): unknown {
  const c = raw.charCodeAt(0);
  if (c === TILDE) return raw.length === 1 ? null : raw;
  if (c === 0x6e || c === 0x4e) return raw === "null" || raw === "Null" || raw === "NULL" ? null : raw;
  if (c === 0x74 || c === 0x54) return raw === "true" || raw === "True" || raw === "TRUE" ? true : raw;
  if (c === 0x66 || c === 0x46) return raw === "false" || raw === "False" || raw === "FALSE" ? false : raw;
  if (c === LESS_THAN && raw === "<<") refuse();
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e) {
    const quick = quickNumberOrDate(raw);
    if (quick !== undefined) return quick;
    if (isYamlInteger(raw)) return constructYamlInteger(raw);
    if (isYamlFloat(raw)) return constructYamlFloat(raw);
    const date = raw.length >= 10 && raw.charCodeAt(4) === DASH ? yamlTimestamp(raw) : null;
    if (date !== null) return date;
  }
  return raw;
}

/** The two most common numeric forms, a plain decimal integer and a `YYYY-MM-DD` date, read without regular expressions; undefined for anything else. */
function quickNumberOrDate(raw: string): number | Date | undefined {
  const length = raw.length;
  let digits = 0;
  while (digits < length && isDecimal(raw.charCodeAt(digits))) digits++;
  // Decimal integers without a leading zero, which js-yaml reads with parseInt(value, 10); below
  // 16 digits adding them up is exact and gives the same number.
  if (digits === length) {
    if (raw.charCodeAt(0) === 0x30 && length > 1) return undefined;
    return length < 16 ? digitsValue(raw, 0, length) : parseInt(raw, 10);
  }
  if (
    length === 10 && digits === 4 && raw.charCodeAt(4) === DASH && raw.charCodeAt(7) === DASH &&
    isDecimal(raw.charCodeAt(5)) && isDecimal(raw.charCodeAt(6)) && isDecimal(raw.charCodeAt(8)) && isDecimal(raw.charCodeAt(9))
  ) {
    const year = digitsValue(raw, 0, 4);
    return new Date(Date.UTC(year, digitsValue(raw, 5, 7) - 1, digitsValue(raw, 8, 10)));
  }
  return undefined;
}

/** The number written by the decimal digits from `start` to `end`. */
function digitsValue(raw: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + raw.charCodeAt(i) - 0x30;
  return value;
}

/** Whether a character code is a decimal digit. */
function isDecimal(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether a character code is an octal digit. */
function isOctal(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

/** Whether a character code is a hexadecimal digit. */
function isHex(c: number): boolean {
  return hexValue(c) >= 0;
}

/** Whether every non-`_` character from `index` on passes `test`, with at least one and no trailing `_` (js-yaml's rule). */
function isDigitRun(data: string, index: number, test: (c: number) => boolean): boolean {
  let hasDigits = false;
  let ch: string | undefined;
  for (; index < data.length; index++) {
    ch = data[index];
    if (ch === "_") continue;
    if (!test(data.charCodeAt(index))) return false;
    hasDigits = true;
  }
  return hasDigits && ch !== "_";
}

/** js-yaml 3's resolveYamlInteger: decimal, 0b, 0x, leading-zero octal, `_` separators, base 60. */
function isYamlInteger(data: string): boolean {
  const max = data.length;
  let index = 0;
  if (!max) return false;
  let ch = data[index];
  if (ch === "-" || ch === "+") ch = data[++index];
  if (ch === "0") {
    if (index + 1 === max) return true;
    ch = data[++index];
    if (ch === "b") return isDigitRun(data, index + 1, (c) => c === 0x30 || c === 0x31);
    if (ch === "x") return isDigitRun(data, index + 1, isHex);
    return isDigitRun(data, index, isOctal);
  }
  if (ch === "_") return false;
  let hasDigits = false;
  for (; index < max; index++) {
    ch = data[index];
    if (ch === "_") continue;
    if (ch === ":") break;
    if (!isDecimal(data.charCodeAt(index))) return false;
    hasDigits = true;
  }
  if (!hasDigits || ch === "_") return false;
  if (ch !== ":") return true;
  return /^(:[0-5]?[0-9])+$/.test(data.slice(index));
}

/** js-yaml 3's constructYamlInteger. */
function constructYamlInteger(data: string): number {
  let value = data.indexOf("_") !== -1 ? data.replace(/_/g, "") : data;
  let sign = 1;
  let ch = value[0];
  if (ch === "-" || ch === "+") {
    if (ch === "-") sign = -1;
    value = value.slice(1);
    ch = value[0];
  }
  if (value === "0") return 0;
  if (ch === "0") {
    if (value[1] === "b") return sign * parseInt(value.slice(2), 2);
    if (value[1] === "x") return sign * parseInt(value, 16);
    return sign * parseInt(value, 8);
  }
  if (value.indexOf(":") !== -1) return sign * sexagesimal(value, (part) => parseInt(part, 10));
  return sign * parseInt(value, 10);
}

/** The value of `a:b:c` in base 60, each part read by `read`. */
function sexagesimal(value: string, read: (part: string) => number): number {
  const parts = value.split(":");
  let result = 0;
  let base = 1;
  for (let i = parts.length - 1; i >= 0; i--) {
    result += read(parts[i]!) * base;
    base *= 60;
  }
  return result;
}

/** js-yaml 3's YAML_FLOAT_PATTERN. */
const YAML_FLOAT =
  /^(?:[-+]?(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** js-yaml 3's resolveYamlFloat. */
function isYamlFloat(data: string): boolean {
  // Every float that starts with a digit is made of `0-9 _ . e E + - :` only; checking that first is cheaper.
  if (isDecimal(data.charCodeAt(0))) {
    for (let i = 1; i < data.length; i++) if (!isFloatChar(data.charCodeAt(i))) return false;
  }
  return YAML_FLOAT.test(data) && data[data.length - 1] !== "_";
}

/** Whether a character code can occur in a float written with digits: `0-9 _ . e E + - :`. */
function isFloatChar(c: number): boolean {
  return isDecimal(c) || c === 0x5f || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === DASH || c === COLON;
}

/** js-yaml 3's constructYamlFloat. */
function constructYamlFloat(data: string): number {
  let value = data.replace(/_/g, "").toLowerCase();
  const sign = value[0] === "-" ? -1 : 1;
  if (value[0] === "+" || value[0] === "-") value = value.slice(1);
  if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (value === ".nan") return NaN;
  if (value.indexOf(":") >= 0) return sign * sexagesimal(value, parseFloat);
  return sign * parseFloat(value);
}

/** js-yaml 3's YAML_DATE_REGEXP. */
const YAML_DATE = /^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$/;

/** js-yaml 3's YAML_TIMESTAMP_REGEXP. */
const YAML_TIMESTAMP =
  /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$/;

/** js-yaml 3's timestamp type: the Date a plain scalar denotes, or null when it is no timestamp. */
function yamlTimestamp(data: string): Date | null {
  const match = YAML_DATE.exec(data) ?? YAML_TIMESTAMP.exec(data);
  if (match === null) return null;
  const year = +match[1]!;
  const month = +match[2]! - 1;
  const day = +match[3]!;
  if (!match[4]) return new Date(Date.UTC(year, month, day));
  let fraction = 0;
  if (match[7]) {
    let digits = match[7].slice(0, 3);
    while (digits.length < 3) digits += "0";
    fraction = +digits;
  }
  let delta = 0;
  if (match[9]) {
    delta = (+match[10]! * 60 + +(match[11] ?? 0)) * 60000;
    if (match[9] === "-") delta = -delta;
  }
  const date = new Date(Date.UTC(year, month, day, +match[4], +match[5]!, +match[6]!, fraction));
  if (delta) date.setTime(date.getTime() - delta);
  return date;
}

/** Parses YAML that uses only a small, common subset, exactly as js-yaml's safeLoad would; undefined when the text uses anything outside it (the caller then uses js-yaml). */
export function parseSimpleYaml(text: string): Record<string, unknown> | null | undefined {
  try {
    return new Parser(text).document();
  } catch {
    return undefined;
  }
}
