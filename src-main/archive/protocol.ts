import type { AppErrorData } from '#shared/errors';
import type { Archive } from './archive';
import type { BackupInfo, IntegrityReport } from '#shared/domain/backup';

/** The archive methods reachable from outside the worker. */
export const ARCHIVE_METHODS = [
  'monitorList',
  'monitorCounts',
  'monitorLocate',
  'detail',
  'findByCodiceFiscale',
  'create',
  'remove',
  'history',
  'importDeclarations',
  'getForEdit',
  'saveDocument',
  'makeComplete',
  'checkCount',
  'checkBatch',
  'getSetting',
  'setSetting',
  'countDeclarations',
  'enqueueInvio',
  'outboxWaiting',
  'outboxBody',
  'outboxAttemptFailed',
  'outboxRetryNow',
  'outboxDelivered',
  'outboxRejected',
  'syncCursor',
  'applyChanges',
  'serverRef',
  'applyWithdrawn',
  'correggi',
  'riattiva9011',
  'attesaList',
  'storico',
  'segnalazioni',
  'parkedChanges',
  'messagesList',
  'markMessagesRead',
  'circolariList',
  'markCircolariRead',
  'controlliList',
  'exitCheck',
  'outboxCounts',
  'printList',
  'printData',
  'recordPrints',
  'setDataConsegna',
  'exportBatch',
  'labelBatch',
  'listIds',
  'import730File',
  'list730',
  'current730For',
  'exchangeExport',
  'exchangeWritten',
  'exchangePlan',
  'exchangeRestore',
  'sbloccoInfo',
  'sblocca',
  'dm20',
  'dnaDatori',
  'dnaSalvaDatore',
  'dnaDenunce',
  'dnaSalvaDenuncia',
  'dnaEliminaDenuncia',
  'dnaDaInviare',
  'dnaFileRecords',
  'dnaSegnaFile',
  'dnaSegnaRicreato',
  'dnaFiles',
  'dnaLeggiFile',
  'caEstrazioni',
  'caImporta',
  'caDifferenze',
  'caVista',
] as const satisfies readonly (keyof Archive)[];
export type ArchiveMethod = (typeof ARCHIVE_METHODS)[number];
export type ArchiveArgs<M extends ArchiveMethod> = Parameters<Archive[M]>;
export type ArchiveResult<M extends ArchiveMethod> = ReturnType<Archive[M]>;

export interface WorkerInit {
  file: string;
  backupDir?: string;
  /** Size above which the check at open is not run (default OPEN_CHECK_MAX_BYTES; tests set 0). */
  openCheckMaxBytes?: number;
  /** The archive key, 64 hex digits (issue 13 point 3); absent: a plain archive. */
  key?: string;
}

/** The backups of the archive (src-main/archive/backup.ts), made by a thread of their own (backup-thread.ts). */
export interface BackupOps {
  /** A backup now, keeping the newest `keep`. */
  run(keep: number): Promise<BackupInfo>;
  list(): BackupInfo[];
  /** The full check of one backup before it is restored (BAK-02 if it fails). */
  verify(name: string): BackupInfo;
  lastGood(): BackupInfo | null;
}
export type BackupOp = keyof BackupOps;

export type ToWorker =
  | { kind: 'call'; seq: number; method: ArchiveMethod; args: unknown[] }
  | { kind: 'backup'; seq: number; op: BackupOp; args: unknown[] }
  | { kind: 'close'; seq: number };

export type FromWorker =
  | { kind: 'ready'; schemaVersion: number; backupFile: string | null; appliedMigrations: string[]; integrity: IntegrityReport }
  | { kind: 'failed'; error: AppErrorData }
  | { kind: 'reply'; seq: number; ok: true; result: unknown }
  | { kind: 'reply'; seq: number; ok: false; error: AppErrorData };
