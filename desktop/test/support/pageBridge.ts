import type { Page } from 'playwright-core';
import type { BridgeRequestEnvelope, BridgeResponseEnvelope, BridgeTransport } from '@orak/core';

// Gives the page a bridge transport backed by a dispatcher running in this Node process (the real
// main-process services). Envelopes cross as JSON text: Playwright's object serialiser is slow on big pages.

declare global {
  interface Window {
    orakBridgeJson?: (envelope: string) => Promise<string>;
    /** The same declaration as the renderer's connectBridge.ts: what this module installs. */
    orakBridgeTransport?: BridgeTransport;
  }
}

export async function connectPageBridge(
  page: Page,
  dispatch: (envelope: unknown) => Promise<BridgeResponseEnvelope>,
): Promise<void> {
  await page.exposeFunction('orakBridgeJson', async (text: string) =>
    JSON.stringify(await dispatch(JSON.parse(text))),
  );
  await page.addInitScript(() => {
    window.orakBridgeTransport = async (envelope: BridgeRequestEnvelope) =>
      JSON.parse(await window.orakBridgeJson!(JSON.stringify(envelope))) as unknown;
  });
}
