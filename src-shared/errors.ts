/**
 * Errors are values with codes (ARCHITECTURE.md). Expected refusals carry a stable code and an Italian
 * message, and name the field when there is one; they cross every boundary (worker, IPC, HTTP) as data.
 */
export interface AppErrorData {
  code: string;
  message: string;
  field?: string;
  /** Extra structured data the UI may use (e.g. the existing declarations on a duplicate). */
  details?: unknown;
}

export class AppError extends Error implements AppErrorData {
  readonly code: string;
  readonly field?: string;
  readonly details?: unknown;
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.code = data.code;
    if (data.field !== undefined) this.field = data.field;
    if (data.details !== undefined) this.details = data.details;
  }
  toData(): AppErrorData {
    const d: AppErrorData = { code: this.code, message: this.message };
    if (this.field !== undefined) d.field = this.field;
    if (this.details !== undefined) d.details = this.details;
    return d;
  }
}

export function isAppErrorData(x: unknown): x is AppErrorData {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { code?: unknown }).code === 'string' &&
    typeof (x as { message?: unknown }).message === 'string'
  );
}

/** Catalogue of the desk's own (non-rule) error codes. */
export const ERROR_CODES = {
  INPUT: 'INPUT-01',
  INTERNAL: 'SYS-01',
  ARCHIVE_LOCKED: 'ARC-01',
  ARCHIVE_UNREADABLE: 'ARC-02',
  ARCHIVE_NEWER: 'ARC-03',
  ARCHIVE_NOT_RED: 'ARC-04',
  ARCHIVE_MIGRATION: 'ARC-05',
  NOT_FOUND: 'ARC-06',
  DUPLICATE_CF: 'MAT-15',
  DUPLICATE_MATRICOLA: 'MAT-20',
  OPERATION_REFUSED: 'OPR-00',
  STALE: 'ARC-07',
  /** The archive worker died during the call; it is being restarted. */
  ARCHIVE_INTERRUPTED: 'ARC-08',
  /** The archive worker died too often or could not be restarted. */
  ARCHIVE_UNAVAILABLE: 'ARC-09',
  /** A backup could not be written: the disk (or the user's quota) is full. */
  BACKUP_DISK_FULL: 'BAK-01',
  /** A backup fails its check (damaged, cut short, not a RED Desk archive): never restored. */
  BACKUP_DAMAGED: 'BAK-02',
  /** A backup or a restore could not be done (another one running, file missing, I/O error). */
  BACKUP_FAILED: 'BAK-03',
  AUTH: 'SEC-01',
  /** The archive does not open with the key given (wrong passphrase, or a damaged file). */
  ARCHIVE_KEY_WRONG: 'ARC-10',
  /** The archive is encrypted and still locked: the passphrase has not been given yet. */
  ARCHIVE_KEY_NEEDED: 'ARC-11',
} as const;
