/**
 * Copie di sicurezza (issue 13 point 2), the main-thread side: one backup at each start and then every N hours
 * (settings in the archive), "Esegui backup ora" and "Ripristina da backup" of Servizi. The backups themselves
 * are made by the archive worker on its own connection (src-main/archive/backup.ts); this service only decides
 * when, and makes sure a backup and a restore never overlap.
 */
import { BackupSettingsSchema, DEFAULT_BACKUP_SETTINGS, type BackupInfo, type BackupSettings } from '#shared/domain/backup';
import type { ApiOutput } from '#shared/api/contract';
import type { ArchiveClient } from '../archive/client';
import { AppError, ERROR_CODES } from '#shared/errors';

const SETTINGS_KEY = 'backup.settings';
const HOUR_MS = 3_600_000;

export class BackupService {
  private timer: NodeJS.Timeout | null = null;
  private startTimer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private last: { at: string; ok: boolean; message: string } | null = null;
  private stopped = false;

  constructor(
    private readonly archive: ArchiveClient,
    private readonly options: { hourMs?: number; onChanged?: () => void; startDelayMs?: number } = {},
  ) {}

  async settings(): Promise<BackupSettings> {
    const raw = await this.archive.call('getSetting', SETTINGS_KEY);
    if (!raw) return DEFAULT_BACKUP_SETTINGS;
    try {
      const parsed = BackupSettingsSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
    } catch {
      return DEFAULT_BACKUP_SETTINGS;
    }
  }

  async saveSettings(s: BackupSettings): Promise<BackupSettings> {
    await this.archive.call('setSetting', SETTINGS_KEY, JSON.stringify(s));
    if (this.timer) this.schedule(s.intervalHours);
    return s;
  }

  /** One operation at a time: a backup never runs while a restore swaps the file, nor two backups at once. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  backupNow(): Promise<BackupInfo> {
    return this.serial(async () => {
      const { keep } = await this.settings();
      try {
        const info = await this.archive.backup('run', keep);
        this.last = { at: new Date().toISOString(), ok: true, message: `Copia di sicurezza ${info.name} (${(info.declarations ?? 0).toLocaleString('it-IT')} dichiarazioni).` };
        return info;
      } catch (e) {
        this.last = { at: new Date().toISOString(), ok: false, message: e instanceof Error ? e.message : String(e) };
        // The online backup copies the pages as they are: a copy that fails its check means a damaged archive.
        if (e instanceof AppError && e.code === ERROR_CODES.BACKUP_DAMAGED) await this.archive.reportDamaged([e.message]).catch(() => undefined);
        throw e;
      }
    });
  }

  async list(): Promise<ApiOutput<'backup.list'>> {
    const [settings, backups] = await Promise.all([this.settings(), this.archive.backup('list')]);
    return { dir: this.archive.backupDir, settings, backups, last: this.last };
  }

  restore(name: string): Promise<{ restored: BackupInfo; aside: string }> {
    return this.serial(async () => {
      const r = await this.archive.restore(name);
      this.options.onChanged?.();
      return r;
    });
  }

  /**
   * The backup of the start, then every N hours. The start's one waits `startDelayMs` (the core: 2 s), so that
   * copying the archive does not compete for the processor with opening the monitor; it is not awaited.
   */
  start(): void {
    const delay = this.options.startDelayMs ?? 0;
    if (delay > 0) {
      this.startTimer = setTimeout(() => void this.automatic(), delay);
      this.startTimer.unref();
    } else void this.automatic();
    void this.settings().then((s) => this.schedule(s.intervalHours), () => this.schedule(DEFAULT_BACKUP_SETTINGS.intervalHours));
  }

  private schedule(hours: number): void {
    if (this.stopped) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.automatic(), hours * (this.options.hourMs ?? HOUR_MS));
    this.timer.unref();
  }

  private async automatic(): Promise<void> {
    try {
      await this.backupNow();
    } catch (e) {
      console.error(`[copie di sicurezza] ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Stops the schedule and waits for a backup in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.chain;
  }
}
