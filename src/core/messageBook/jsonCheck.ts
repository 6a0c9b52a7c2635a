/**
 * A JSON syntax check (RFC 8259) that says where the text goes wrong, in our words: JSON.parse gives only
 * an engine-specific message, and in Node 20+ that message quotes the text (which may hold a secret once
 * variables are filled in). One pass, no recursion (any depth), no values built.
 */

export interface JsonProblem {
  /** Offset in the text where the problem is. */
  offset: number;
  message: string;
}

const VALUE_EXPECTED = 'A JSON value is expected here (a string, number, object, array, true, false or null).';

/** undefined when `text` is exactly one JSON value (whitespace around it allowed), else the first problem. */
export function checkJson(text: string): JsonProblem | undefined {
  const scanner = new JsonScanner(text);
  return scanner.run();
}

/** What the scanner waits for next. */
type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end';

class JsonScanner {
  private i = 0;
  /** Open containers: `[` or `{`. */
  private readonly stack: number[] = [];

  constructor(private readonly text: string) {}

  run(): JsonProblem | undefined {
    let expect: Expect = 'value';
    for (;;) {
      this.skipSpace();
      if (expect === 'comma-or-end' && this.stack.length === 0) break;
      const problem = this.step(expect);
      if (typeof problem === 'object') return problem;
      expect = problem;
    }
    if (this.i < this.text.length) return this.problem(this.i, 'Only one JSON value fits here: this text follows it.');
    return undefined;
  }

  /** Reads one token; returns what comes next, or a problem. */
  private step(expect: Expect): Expect | JsonProblem {
    const c = this.text.charCodeAt(this.i);
    if (this.i >= this.text.length) return this.problem(this.i, endMessage(expect, this.stack));
    switch (expect) {
      case 'value':
      case 'value-or-end':
        if (expect === 'value-or-end' && c === 0x5d /* ] */) return this.close();
        return this.value(c);
      case 'key':
      case 'key-or-end':
        if (expect === 'key-or-end' && c === 0x7d /* } */) return this.close();
        if (c !== 0x22) return this.problem(this.i, keyMessage(c, expect));
        return this.string() ?? 'colon';
      case 'colon':
        if (c !== 0x3a) return this.problem(this.i, 'A ":" is expected after the property name.');
        this.i++;
        return 'value';
      case 'comma-or-end':
        return this.afterValue(c);
    }
  }

  private value(c: number): Expect | JsonProblem {
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      this.stack.push(c);
      this.i++;
      return c === 0x7b ? 'key-or-end' : 'value-or-end';
    }
    if (c === 0x22) return this.string() ?? 'comma-or-end';
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number() ?? 'comma-or-end';
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return 'comma-or-end';
      }
    }
    return this.problem(this.i, c === 0x2f || c === 0x23 ? COMMENT_MESSAGE : VALUE_EXPECTED);
  }

  private afterValue(c: number): Expect | JsonProblem {
    const open = this.stack[this.stack.length - 1];
    const closer = open === 0x7b ? 0x7d : 0x5d;
    if (c === closer) return this.close();
    if (c !== 0x2c /* , */) {
      const what = open === 0x7b ? '"," or "}" is expected after a property' : '"," or "]" is expected after an item';
      return this.problem(this.i, c === 0x2f || c === 0x23 ? COMMENT_MESSAGE : `${capital(what)}.`);
    }
    this.i++;
    this.skipSpace();
    const next = this.text.charCodeAt(this.i);
    if (next === 0x5d || next === 0x7d)
      return this.problem(this.i - 1, 'JSON allows no comma before a closing bracket.');
    return open === 0x7b ? 'key' : 'value';
  }

  private close(): Expect | JsonProblem {
    this.stack.pop();
    this.i++;
    return 'comma-or-end';
  }

  /** A string from its opening quote; undefined when well formed. */
  private string(): JsonProblem | undefined {
    const start = this.i;
    const { text } = this;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.i = i + 1;
        return undefined;
      }
      if (c < 0x20) return this.problem(i, 'A string cannot hold a raw control character or line break: write \\n.');
      if (c !== 0x5c) continue;
      const problem = this.escape(i);
      if (problem) return problem;
      i += text.charCodeAt(i + 1) === 0x75 ? 5 : 1;
    }
    return this.problem(start, 'This string has no closing quote.');
  }

  private escape(i: number): JsonProblem | undefined {
    const e = this.text.charAt(i + 1);
    if ('"\\/bfnrt'.includes(e) && e !== '') return undefined;
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(i + 2, i + 6))) return undefined;
    return this.problem(i, `"\\${e}" is not a JSON escape: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX.`);
  }

  private number(): JsonProblem | undefined {
    const re = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    re.lastIndex = this.i;
    const m = re.exec(this.text);
    if (!m || m[0] === '-') return this.problem(this.i, 'This is not a JSON number.');
    const end = this.i + m[0].length;
    const next = this.text.charCodeAt(end);
    if ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45) {
      return this.problem(this.i, 'This is not a JSON number (no leading zeros, digits after "." and "e").');
    }
    this.i = end;
    return undefined;
  }

  private skipSpace(): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.i++;
    }
  }

  private problem(offset: number, message: string): JsonProblem {
    return { offset, message };
  }
}

const COMMENT_MESSAGE = 'JSON has no comments: put them above the kind line of the entry.';

function endMessage(expect: Expect, stack: number[]): string {
  if (stack.length === 0) return 'The JSON is empty: write a value.';
  const open = stack[stack.length - 1] === 0x7b ? 'an object' : 'an array';
  return expect === 'colon'
    ? 'The JSON ends after a property name.'
    : `The JSON ends inside ${open}: it is not closed.`;
}

function keyMessage(c: number, expect: Expect): string {
  if (c === 0x2f || c === 0x23) return COMMENT_MESSAGE;
  return expect === 'key-or-end'
    ? 'A property name in double quotes, or "}", is expected here.'
    : 'A property name in double quotes is expected here.';
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
