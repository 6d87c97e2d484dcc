/**
 * The sandboxed preload: exposes `window.redDeskBridge`, a raw call over the single `red-desk:api` channel
 * plus the event stream, and nothing else (no ipcRenderer, no Node). Bundled alone by esbuild into
 * dist/main/preload.cjs with `electron` external, because a sandboxed preload can only require('electron'):
 * import types and tiny pure code from #shared only.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiReply, RedDeskBridge } from '#shared/api/contract';

/** Must equal API_CHANNEL / EVENT_CHANNEL in main.ts (tests/unit/electron-shell.test.ts checks it). */
export const API_CHANNEL = 'red-desk:api';
export const EVENT_CHANNEL = 'red-desk:event';

export const bridge = {
  call(method: string, input: unknown): Promise<ApiReply> {
    return ipcRenderer.invoke(API_CHANNEL, method, input) as Promise<ApiReply>;
  },
  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    // The page never sees the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer itself).
    const wrapped = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
} satisfies RedDeskBridge;

contextBridge.exposeInMainWorld('redDeskBridge', bridge);
