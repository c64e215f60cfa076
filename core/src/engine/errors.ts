// Bad explain/reach input (an unparsable URL, an unknown source): the CLI maps it to exit code 2.
export class PathInputError extends Error {
  override name = 'PathInputError';
}
