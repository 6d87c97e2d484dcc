import type { RedDeskBridge } from '#shared/api/contract';

declare global {
  interface Window {
    /** Set by the Electron preload (src-main/electron/preload.ts); absent in a plain browser. */
    redDeskBridge?: RedDeskBridge;
  }
}

export {};
