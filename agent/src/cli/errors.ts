// Errors the CLI maps to exit code 2 (bad input or usage), with a message naming the file or flag.
import { SnapshotInputError } from '../sources/snapshot/index.ts';

export class UsageError extends Error {}

/** Print a fatal error and return the exit code: 2 for bad input, 3 for anything unexpected. */
export function reportFatal(error: unknown): number {
  if (
    error instanceof SnapshotInputError ||
    error instanceof UsageError ||
    // Matched by name: importing the AWS source here would load the SDK for every offline command.
    (error instanceof Error && ['AwsSetupError', 'LiveAwsConfigError', 'PathInputError'].includes(error.name))
  ) {
    process.stderr.write(`porthole: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(
    `porthole: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 3;
}
