import { inject } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

// Debian Chromium with a WAV file as the microphone (flags measured in PLATFORM.md).

/** `wavPath` becomes the microphone; without it Chromium still gets a fake device (a beeping tone). */
export async function launchChromiumWithFakeMic(wavPath?: string): Promise<Browser> {
  const display = inject('display');
  const executablePath = inject('chromiumPath') ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: !display,
    env: display ? { ...process.env, DISPLAY: display } : { ...process.env },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      ...(wavPath ? [`--use-file-for-fake-audio-capture=${wavPath}`] : []),
    ],
  });
}
