// How a command ends: a usage problem is the user's to fix (exit 2, one message per line),
// anything else is ours (exit 1, one line). Never a stack trace.

/** A problem with what the user typed; exit status 2. */
export class UsageError extends Error {
  readonly lines: string[];
  constructor(lines: string | string[]) {
    const list = Array.isArray(lines) ? lines : [lines];
    super(list.join('\n'));
    this.lines = list;
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

function fail(command: string, err: unknown): void {
  if (err instanceof UsageError) {
    for (const line of err.lines) process.stderr.write(`${command}: ${line}\n`);
    process.stderr.write(`${command}: run with --help for usage\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${command}: internal error: ${messageOf(err)}\n`);
    process.exitCode = 1;
  }
}

/**
 * Runs a command's body. The exit status is set rather than forced with process.exit, so a
 * large JSON on a pipe is flushed completely before the process ends.
 */
export function runCommand(command: string, body: () => void | Promise<void>): void {
  process.on('uncaughtException', (err) => fail(command, err));
  process.on('unhandledRejection', (err) => fail(command, err));
  // a closed pipe (e.g. `| head`) is not an error worth reporting
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') fail(command, err);
  });
  try {
    const done = body();
    if (done) done.catch((err: unknown) => fail(command, err));
  } catch (err) {
    fail(command, err);
  }
}
