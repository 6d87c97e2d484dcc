import type { EventName, EventPayload } from '#shared/api/contract';
import type { ArchiveClient } from '../archive/client';
import type { CaptureService } from '../capture/service-types';
import type { SyncService } from '../sync/sync-service';
import type { PrintClient } from '../print/client';
import type { BackupService } from './backup';

/**
 * What the API implementation works with (services.ts and the register* files of each area). Kept apart from
 * services.ts, which imports those files: they take this type from here, without an import cycle.
 */
export interface ServiceContext {
  archive: ArchiveClient;
  capture: CaptureService;
  sync: SyncService;
  clock?: () => Date;
  dataDir: string;
  operator: string;
  version: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The print worker (a default one is started at the first print). */
  prints?: PrintClient;
  /** Electron only: opens a printed file or the stampe/ folder with the system. */
  openPath?: (path: string) => Promise<string>;
  /** Electron only: the system's folder chooser (a USB stick for the exchange files); null when cancelled. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** The backups (started by the core; tests get one that makes backups only when asked). */
  backups?: BackupService;
}
