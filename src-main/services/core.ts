import { EventEmitter } from 'node:events';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '#shared/api/contract';
import { ArchiveClient } from '../archive/client';
import { createNodeHidTransport } from '../capture/node-hid-transport';
import { archiveSettingsStore, createCaptureService } from '../capture/service';
import type { HidTransport } from '../capture/transport';
import { createServices } from './services';
import { PrintClient } from '../print/client';
import { SyncService, type SecretSealer } from '../sync/sync-service';
import type { HandlerRegistry } from './registry';
import { BackupService } from './backup';

export const APP_VERSION = '0.1.0';

/** Where the archive and settings live: RED_DESK_DATA_DIR, or the user's application-data folder. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RED_DESK_DATA_DIR) return env.RED_DESK_DATA_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'RED Desk');
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'red-desk');
}

export function archiveFile(dataDir: string): string {
  return join(dataDir, 'archivio-red.sqlite');
}

export function currentOperator(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RED_DESK_OPERATOR) return env.RED_DESK_OPERATOR;
  try {
    return userInfo().username || 'operatore';
  } catch {
    return 'operatore';
  }
}

export interface Core {
  registry: HandlerRegistry;
  archive: ArchiveClient;
  dataDir: string;
  /** Subscribe to core events (archive changes); returns the unsubscribe function. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

/** Opens the archive (in its worker) and builds the services: what both the Electron shell and the
 * browser host start from. `hidTransport` replaces node-hid (tests feed recorded reports). */
export async function startCore(
  options: {
    dataDir?: string;
    workerPath?: string;
    hidTransport?: HidTransport;
    secrets?: SecretSealer;
    /** Electron: shell.openPath, to open prints and the stampe/ folder. */
    openPath?: (path: string) => Promise<string>;
    /** Electron: dialog.showOpenDialog for a folder (Servizi → Copia: the destination). */
    chooseFolder?: (title: string) => Promise<string | null>;
    /** The archive key (64 hex digits; src-main/services/archive-key.ts): the desk-gate always gives one. */
    key?: string;
  } = {},
): Promise<Core> {
  const dataDir = options.dataDir ?? resolveDataDir();
  const bus = new EventEmitter();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    bus.emit('event', event, payload);
  };
  const archive = await ArchiveClient.open(archiveFile(dataDir), {
    ...(options.workerPath ? { workerPath: options.workerPath } : {}),
    ...(options.key ? { key: options.key } : {}),
    onHealth: (h) => {
      console.error(`[archivio] ${h.message}`);
      emit('archive.health', h);
    },
  });
  const capture = createCaptureService({
    store: archiveSettingsStore(archive),
    transport: options.hidTransport ?? createNodeHidTransport(),
    events: { scan: (e) => emit('capture.scan', e), state: (s) => emit('capture.state', s) },
  });
  const operator = currentOperator();
  const sync = new SyncService({
    archive,
    operator,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    onState: (s) => emit('sync.state', s),
    onChanged: (ids) => emit('archive.changed', { ids }),
  });
  const prints = new PrintClient();
  // The start's backup 2 s after the start: the monitor opens first (bench/startup.ts).
  const backups = new BackupService(archive, { onChanged: () => emit('archive.changed', { ids: [] }), startDelayMs: 2_000 });
  const registry = createServices({ archive, capture, sync, dataDir, operator, version: APP_VERSION, emit, prints, backups, ...(options.openPath ? { openPath: options.openPath } : {}), ...(options.chooseFolder ? { chooseFolder: options.chooseFolder } : {}) });
  // Never throws: a reader that is missing or cannot be opened is a reader state, not a start-up failure.
  await capture.start();
  sync.start();
  // A backup at each start (the monitor opens meanwhile), then every N hours (Utilità → Copie di sicurezza).
  backups.start();
  return {
    registry,
    archive,
    dataDir,
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    async close() {
      await backups.stop();
      await sync.stop();
      await capture.stop();
      await prints.close();
      await archive.close();
    },
  };
}
