import { fileURLToPath } from 'node:url';
import { catalogCommand } from './catalogCommand';
import { CliUsageError, processIo, type CliIo } from './cliIo';
import { recommendCommand } from './recommendCommand';

// `pnpm orak <command>`: a thin dispatcher; every command takes its arguments and an io and returns an
// exit code. Failures become one line on stderr and a non-zero exit, never a stack trace.

const USAGE = 'usage: orak analyze <file> [--json] | orak catalog import|list ... | orak recommend ...';

export async function runOrakCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'analyze': {
        // Loaded on demand: the analysis engine (models, decoders) is heavy and the other commands never need it.
        const { analyzeCommand } = await import('./analyzeCommand');
        return await analyzeCommand(rest, io);
      }
      case 'catalog':
        return await catalogCommand(rest, io);
      case 'recommend':
        return await recommendCommand(rest, io);
      default:
        throw new CliUsageError(command ? `unknown command "${command}" (${USAGE})` : USAGE);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`orak: ${message.split('\n')[0]}\n`);
    return error instanceof CliUsageError ? 2 : 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runOrakCli(process.argv.slice(2), processIo());
}
