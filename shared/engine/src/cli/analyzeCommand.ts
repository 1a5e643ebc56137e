import { parseArgs } from 'node:util';
import { AnalyzeOutputSchema, type AnalyzeOutput, type VoiceProfile } from '@orak/core';
import { analyzeFile } from '../analysis/analyzeTake';
import { AnalysisError } from '../analysis/analysisError';
import { recommendForProfile } from '../catalogue/recommendForProfile';
import { DecodeError } from '../decode/decodeError';
import { modelRuntimeConfigFromEnv, type ExecutionProviderName } from '../models/modelRuntime';

// `orak analyze <file> --json [--f0] [--recommend N]`: exactly one JSON document on stdout, or a non-zero
// exit with one line on stderr. Options: --vad silero|off, --provider cpu|cuda, --permits N.

const USAGE =
  'orak analyze <file> --json [--f0] [--recommend N] [--picker always|backing|off] [--voice male|female] [--vad silero|off] [--provider cpu|cuda] [--permits N]';

export interface AnalyzeIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

class UsageError extends Error {}

function positiveInteger(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return number;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        f0: { type: 'boolean', default: false },
        recommend: { type: 'string' },
        vad: { type: 'string' },
        picker: { type: 'string' },
        voice: { type: 'string' },
        provider: { type: 'string' },
        permits: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function summary(output: AnalyzeOutput): string {
  const { range, tessitura, voiceType } = output;
  const lines = [
    `${output.file}: ${output.durationSec.toFixed(1)} s`,
    `range ${range.lowest.note}-${range.highest.note}, comfortable ${tessitura.low.note}-${tessitura.high.note}`,
    `voice type ${voiceType.label} (confidence ${voiceType.confidence.toFixed(2)})`,
  ];
  for (const r of output.recommendations ?? [])
    lines.push(
      `  ${r.fit.toFixed(0).padStart(3)}  ${r.title} (${r.keyShift >= 0 ? '+' : ''}${r.keyShift}): ${r.reason}`,
    );
  return `${lines.join('\n')}\n`;
}

export async function analyzeCommand(args: string[], io: AnalyzeIo): Promise<number> {
  try {
    const { values, positionals } = parse(args);
    if (positionals.length !== 1) throw new UsageError(`expected exactly one file (usage: ${USAGE})`);
    const file = positionals[0]!;
    const recommend = positiveInteger(values.recommend, 'recommend');
    const permits = positiveInteger(values.permits, 'permits');
    if (values.vad !== undefined && values.vad !== 'silero' && values.vad !== 'off')
      throw new UsageError(`--vad must be silero or off, got "${values.vad}"`);
    const picker = values.picker ?? 'always';
    if (picker !== 'always' && picker !== 'backing' && picker !== 'off')
      throw new UsageError(`--picker must be always, backing or off, got "${picker}"`);
    if (values.vad === 'silero' && picker === 'always')
      throw new UsageError(
        '--vad silero only applies to the rule path: add --picker off or --picker backing',
      );
    if (values.voice !== undefined && values.voice !== 'male' && values.voice !== 'female')
      throw new UsageError(`--voice must be male or female, got "${values.voice}"`);
    if (values.provider !== undefined && values.provider !== 'cpu' && values.provider !== 'cuda')
      throw new UsageError(`--provider must be cpu or cuda, got "${values.provider}"`);

    const fromEnv = modelRuntimeConfigFromEnv();
    const runtime = {
      ...fromEnv,
      executionProvider: (values.provider as ExecutionProviderName | undefined) ?? fromEnv.executionProvider,
      permits: permits ?? fromEnv.permits,
    };
    const result = await analyzeFile(file, {
      vad: values.vad === 'silero' ? 'silero' : 'off',
      voicePicker: picker,
      singerVoice: values.voice === 'male' || values.voice === 'female' ? values.voice : null,
      runtime,
      warn: (message) => io.stderr(`orak analyze: ${oneLine(message)}\n`),
    });
    const { analysis, decoded } = result;
    const output: AnalyzeOutput = {
      file,
      durationSec: Math.round(decoded.durationSec * 1000) / 1000,
      sampleRate: decoded.sourceSampleRate,
      ...analysis,
    };
    if (values.f0) output.f0 = result.f0;
    if (recommend !== null) {
      const profile: VoiceProfile = {
        lowest: analysis.range.lowest.midi,
        highest: analysis.range.highest.midi,
        comfortableLow: analysis.tessitura.low.midi,
        comfortableHigh: analysis.tessitura.high.midi,
      };
      output.recommendations = await recommendForProfile(profile, { top: recommend });
    }
    const checked = AnalyzeOutputSchema.parse(output);
    io.stdout(values.json ? `${JSON.stringify(checked)}\n` : summary(checked));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`orak analyze: ${oneLine(error.message)}\n`);
      return 2;
    }
    if (error instanceof DecodeError || error instanceof AnalysisError) {
      io.stderr(`orak analyze: ${oneLine(error.message)}\n`);
      return 1;
    }
    io.stderr(
      `orak analyze: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
    );
    return 1;
  }
}
