import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from './cliIo';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its errors turned into one-line usage errors. */
export function parseCommandArgs<T extends Options>(args: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (usage: ${usage})`);
  }
}

export function integerOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number)) throw new CliUsageError(`--${name} must be an integer, got "${value}"`);
  return number;
}
