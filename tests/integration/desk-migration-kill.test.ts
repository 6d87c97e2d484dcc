/**
 * The desk process killed (SIGKILL) while it upgrades an archive: during the backup written before the
 * migration, and during the migration itself. The process is the real one (a Node process starting the
 * bundled archive worker, which opens, backs up and migrates as the app does). Afterwards the old archive is
 * exactly as it was and usable, no incomplete copy is left under a backup's name, and the next start
 * upgrades it normally.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openArchive } from '#main/archive/open';
import { DESK_MIGRATIONS } from '#main/archive/migrations';

const WORKER = resolve(__dirname, '..', '..', 'dist', 'main', 'archive-worker.cjs');
const DECLARATIONS = 20_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A schema-1 archive big enough that its backup and its migration take a while (tenths of a second). */
function bigV1Archive(): { dir: string; file: string } {
  if (!existsSync(WORKER)) throw new Error(`Manca ${WORKER}: eseguire prima «node scripts/build.mjs».`);
  const dir = mkdtempSync(join(tmpdir(), 'red-migr-kill-'));
  dirs.push(dir);
  const file = join(dir, 'archivio-red.sqlite');
  const r = openArchive(file, { migrations: DESK_MIGRATIONS.slice(0, 1) });
  r.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${DECLARATIONS})
    INSERT INTO declarations (progressivo, campaign, tipo, status, matricola, codice_fiscale, cognome_nome, created_at, updated_at)
    SELECT i, 'RED2009', 'N', 'COMPLETA', printf('RSSMRA40A01H501X812%d200503013A', i % 10), printf('RSS%013d', i), printf('ROSSI %d', i), '2009-05-04', '2009-05-04' FROM n;
    INSERT INTO subjects (declaration_id, role, ordinal, codice_fiscale, cognome, nome) SELECT id, 'TITOLARE', 0, codice_fiscale, 'ROSSI', 'MARIA' FROM declarations;
    INSERT INTO subjects (declaration_id, role, ordinal, cognome, nome) SELECT id, 'CONIUGE', 0, 'BIANCHI', 'LUIGI' FROM declarations;
    INSERT INTO status_history (declaration_id, event, to_status, at, operator) SELECT id, 'CREAZIONE', 'INCOMPLETA', '2009-05-04', 'op' FROM declarations;
  `);
  r.db.close();
  return { dir, file };
}

/** Schema version and a digest of every row of every table: equal digests, same archive. */
function state(file: string): { version: number; digest: string; integrity: string } {
  const db = new Database(file, { readonly: true });
  try {
    const h = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    for (const t of tables) {
      h.update(`\n${t}\n`);
      for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().iterate()) h.update(JSON.stringify(row));
    }
    return { version: db.pragma('user_version', { simple: true }) as number, digest: h.digest('hex'), integrity: db.pragma('integrity_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

/**
 * Starts the app's archive worker on `file` in a new process and SIGKILLs it as soon as `when` holds for the
 * backup folder and the size of the archive's write-ahead log (polled every millisecond). Resolves with what
 * the process said before dying.
 */
function startAndKill(file: string, backupDir: string, when: (files: string[], walBytes: number) => boolean): Promise<{ output: string; killed: boolean }> {
  const code = `
    const { Worker } = require('node:worker_threads');
    const w = new Worker(process.env.WORKER, { workerData: { file: process.env.FILE, backupDir: process.env.BACKUP_DIR } });
    w.on('message', (m) => { console.log(m.kind); if (m.kind !== 'ready') process.exit(2); });`;
  const child = spawn(process.execPath, ['-e', code], { env: { ...process.env, WORKER, FILE: file, BACKUP_DIR: backupDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((res, rej) => {
    const timer = setInterval(() => {
      const wal = `${file}-wal`;
      if (when(existsSync(backupDir) ? readdirSync(backupDir) : [], existsSync(wal) ? statSync(wal).size : 0)) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 1);
    const give = setTimeout(() => {
      clearInterval(timer);
      child.kill('SIGKILL');
      rej(new Error(`il momento atteso non è arrivato; uscita del processo:\n${output}`));
    }, 30_000);
    child.on('exit', (_code, signal) => {
      clearInterval(timer);
      clearTimeout(give);
      res({ output, killed: signal === 'SIGKILL' });
    });
  });
}

/** After the kill: the archive is the old one, intact; every file named as a backup is a complete copy of it;
 * the next start upgrades it (and backs it up) normally. */
function expectOldArchiveUsable(file: string, backupDir: string, before: ReturnType<typeof state>): void {
  expect(state(file)).toEqual(before);
  for (const f of readdirSync(backupDir).filter((n) => n.endsWith('.bak'))) expect(state(join(backupDir, f)), f).toEqual(before);
  const r = openArchive(file, { backupDir });
  try {
    expect(r.appliedMigrations).toEqual(DESK_MIGRATIONS.slice(1).map((m) => m.name));
    expect(r.db.prepare('SELECT count(*) FROM declarations').pluck().get()).toBe(DECLARATIONS);
    expect(r.db.prepare('SELECT count(*) FROM declaration_details').pluck().get()).toBe(DECLARATIONS);
    expect(r.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    r.db.close();
  }
  expect(state(r.backupFile!)).toEqual(before);
}

describe('desk killed while upgrading its archive (schema 1 → latest)', () => {
  it('kill -9 during the backup: the archive is untouched and opens; no incomplete file under a backup name', async () => {
    const { dir, file } = bigV1Archive();
    const backupDir = join(dir, 'backup');
    const before = state(file);
    expect(before).toMatchObject({ version: 1, integrity: 'ok' });
    const run = await startAndKill(file, backupDir, (files) => files.length > 0);
    expect(run.killed).toBe(true);
    expect(run.output).not.toContain('ready'); // killed before the upgrade finished
    expectOldArchiveUsable(file, backupDir, before);
  });

  it('kill -9 during the migration (backup complete, migration writes already in the log): nothing of it is left, the archive opens', async () => {
    const { dir, file } = bigV1Archive();
    const backupDir = join(dir, 'backup');
    const before = state(file);
    const run = await startAndKill(file, backupDir, (files, walBytes) => files.some((f) => f.endsWith('.bak')) && walBytes > 256 * 1024);
    expect(run.killed).toBe(true);
    expect(run.output).not.toContain('ready');
    expect(state(file).version).toBe(1);
    expectOldArchiveUsable(file, backupDir, before);
  });
});
