// Where a JSON text goes wrong. Node 20's JSON.parse gives no position for some errors and quotes the
// surrounding text in its message (which may hold a secret), so the reader reports this instead.

export interface JsonSyntaxProblem {
  offset: number;
  line: number;
  column: number;
  reason: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** The first syntax error in `text` (RFC 8259), or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw new Stop(i, i >= text.length ? 'unexpected end of input' : reason);
  };
  const skipWs = () => {
    while (i < text.length && WS.has(text[i] as string)) i++;
  };
  const shown = () => JSON.stringify(text[i]); // one character, never the surrounding text
  const expect = (ch: string, what: string) =>
    text[i] === ch ? i++ : fail(`expected ${what}, found ${shown()}`);

  const string = () => {
    i++; // opening quote
    for (;;) {
      const ch = text[i];
      if (ch === undefined) return fail('unterminated string');
      if (ch === '"') return void i++;
      if (ch < ' ') return fail('control character in string');
      if (ch !== '\\') {
        i++;
        continue;
      }
      const esc = text[i + 1];
      if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else if (esc !== undefined && ESCAPES.has(esc)) i += 2;
      else return fail('invalid escape in string');
    }
  };
  const container = (close: string, member: () => void, what: string) => {
    i++;
    skipWs();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      skipWs();
      if (text[i] === close) return void i++;
      expect(',', `',' or '${close}' after ${what}`);
      skipWs();
      if (text[i] === close) fail(`trailing comma before '${close}'`);
    }
  };
  const value = (): void => {
    skipWs();
    const ch = text[i];
    if (ch === '{') {
      return container(
        '}',
        () => {
          if (text[i] !== '"') fail(`expected a double-quoted property name, found ${shown()}`);
          string();
          skipWs();
          expect(':', `':' after property name`);
          value();
        },
        'property value',
      );
    }
    if (ch === '[') return container(']', value, 'array element');
    if (ch === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) return void (i += word.length);
    }
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text) && NUMBER.lastIndex > i) return void (i = NUMBER.lastIndex);
    fail(`unexpected character ${shown()}`);
  };

  try {
    value();
    skipWs();
    if (i < text.length) fail(`unexpected ${shown()} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) return null; // e.g. stack overflow on absurd nesting: no position
    return { offset: error.offset, ...lineColumn(text, error.offset), reason: error.reason };
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
