import { z } from 'zod';

/**
 * Copie di sicurezza (issue 13 point 2): what the desk and the window say about the backups of the archive.
 * The files are written by the archive worker (src-main/archive/backup.ts); these are the shapes that cross.
 */
export const BackupSettingsSchema = z
  .object({
    /** A backup every this many hours while RED Desk is open (one is always made at each start). */
    intervalHours: z.number().int().min(1, 'Intervallo minimo 1 ora').max(168, 'Intervallo massimo 168 ore (una settimana)'),
    /** How many backups are kept: the oldest beyond this number are removed after a good new one. */
    keep: z.number().int().min(1, 'Conservare almeno 1 copia').max(100, 'Al massimo 100 copie'),
  })
  .strict();
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { intervalHours: 4, keep: 10 };

export const BackupInfoSchema = z.object({
  /** The file name in the backup folder (what "Ripristina" names). */
  name: z.string(),
  /** When it was made, as written in its name: "03/12/2026 18:55:12" (Italian time). */
  label: z.string(),
  size: z.number().int(),
  /** Declarations in the copy (cancelled ones excluded); null when the copy cannot be read. */
  declarations: z.number().int().nullable(),
  /** Why the copy cannot be used (unreadable, not a RED Desk archive, check failed); null = it opens. */
  problem: z.string().nullable(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const BackupLastSchema = z.object({ at: z.string(), ok: z.boolean(), message: z.string() });

export const BackupListSchema = z.object({
  dir: z.string(),
  settings: BackupSettingsSchema,
  backups: z.array(BackupInfoSchema),
  /** The last automatic or manual backup of this run (null: none yet). */
  last: BackupLastSchema.nullable(),
});

/** The bounded integrity check of the archive at open. */
export interface IntegrityReport {
  ok: boolean;
  /** false when the archive was too large for the check at open (it was then not run). */
  checked: boolean;
  /** The first problems SQLite reported (at most a few). */
  errors: string[];
  ms: number;
}
