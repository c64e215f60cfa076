import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineColumn } from './jsonSyntax.ts';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 8, "trailing comma before '}'"],
    ['{"a" 1}', 5, 'expected \':\' after property name, found "1"'],
    ['[1 2]', 3, "expected ',' or ']' after array element, found \"2\""],
    ['{"a": "x\\q"}', 8, 'invalid escape in string'],
    ['{"a": 01}', 7, "expected ',' or '}' after property value, found \"1\""],
    ['{} x', 3, 'unexpected "x" after the end of the JSON value'],
    ['{"a": "tab\there"}', 10, 'control character in string'],
    ['{"a": tru}', 6, 'unexpected character "t"'],
  ])('locates the problem in %j', (text, offset, reason) => {
    expect(findJsonSyntaxError(text)).toMatchObject({ offset, reason });
  });

  it('agrees with JSON.parse on valid documents and their mutations', () => {
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '-', '.', 'e', ' '))
      .map(([json, at, insert]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert + json.slice(i + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string()), (text) => {
        expect(findJsonSyntaxError(text) === null).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\nef', 8)).toEqual({ line: 3, column: 3 });
  });
});
