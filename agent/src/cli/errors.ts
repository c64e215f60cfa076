// How the CLI ends on an error: bad input or usage → 2 with the message; AWS unreachable → 3;
// anything else is a bug → 70 with one line naming what failed (the stack only with --debug).
import { SnapshotInputError } from '../sources/snapshot/index.ts';
import { EXIT } from './exitCodes.ts';

export class UsageError extends Error {}

/** An unexpected error, with the step that was running when it happened. */
export class InternalError extends Error {
  override name = 'InternalError';
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step}: ${describe(cause)}`);
  }
}

let debug = false;
/** `--debug`: print stack traces of internal errors. */
export function setDebug(on: boolean): void {
  debug = on;
}

// Matched by name: importing the AWS source here would load the SDK for every offline command.
const INPUT_ERRORS = ['AwsSetupError', 'LiveAwsConfigError', 'PathInputError', 'ConfigError'];
// Node and SDK codes meaning the network, not the user's setup, failed.
const NETWORK =
  /^(TimeoutError|RequestTimeout|ETIMEDOUT|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/;

export function isInputError(error: unknown): boolean {
  return (
    error instanceof SnapshotInputError ||
    error instanceof UsageError ||
    (error instanceof Error && INPUT_ERRORS.includes(error.name))
  );
}

/** Runs one step of a command; an error that is not bad input becomes an InternalError naming the step. */
export async function step<T>(what: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isInputError(error) || error instanceof InternalError) throw error;
    throw new InternalError(what, error);
  }
}

/** Print a fatal error and return the exit code. */
export function reportFatal(error: unknown): number {
  if (isInputError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'AwsSetupError' && unreachable(error.cause)) {
      process.stderr.write(`porthole: could not decide: AWS unreachable: ${message}\n`);
      return EXIT.undecided;
    }
    process.stderr.write(`porthole: ${message}\n`);
    return EXIT.badInput;
  }
  const internal = error instanceof InternalError ? error : new InternalError('running the command', error);
  process.stderr.write(
    `porthole: internal error while ${oneLine(internal.message)}${debug ? '' : ' (run with --debug for the stack trace)'}\n`,
  );
  if (debug) {
    const stack = internal.cause instanceof Error ? internal.cause.stack : undefined;
    process.stderr.write(`${stack ?? String(internal.cause)}\n`);
  }
  return EXIT.internal;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function unreachable(cause: unknown): boolean {
  const e = (typeof cause === 'object' && cause !== null ? cause : {}) as { name?: unknown; code?: unknown };
  return NETWORK.test(String(e.name ?? '')) || NETWORK.test(String(e.code ?? ''));
}
