import { createDesktopBridge, type BridgeTransport, type DesktopBridge } from '@orak/core';
import { createBrowserStandInBridge } from './browserStandInBridge';

// Where the bridge comes from is decided here and only here: Electron's preload, a test's transport, or a stand-in.

declare global {
  interface Window {
    /** Exposed by the Electron preload. */
    orakBridge?: DesktopBridge;
    /** Injected by browser tests: a transport to real main-process services running in Node. */
    orakBridgeTransport?: BridgeTransport;
  }
}

export function connectBridge(): DesktopBridge {
  if (window.orakBridge) return window.orakBridge;
  if (window.orakBridgeTransport) return createDesktopBridge(window.orakBridgeTransport);
  return createBrowserStandInBridge(window.localStorage);
}
