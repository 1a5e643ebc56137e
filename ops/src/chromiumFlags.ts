/** Flags measured on this machine: without the background-networking ones Chromium dials out and stalls. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Adds a WAV file as the microphone (it loops); see PLATFORM notes on `%noloop`. */
export function fakeMicrophoneArgs(wavPath: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wavPath}`,
  ];
}
