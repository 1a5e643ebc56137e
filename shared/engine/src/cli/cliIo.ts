// What a command may touch: its output streams and environment, passed in so tests can capture them.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** Bad arguments or input: the CLI prints the message as one line on stderr and exits non-zero. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  };
}

/** Prints exactly one JSON document (and a newline) on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
