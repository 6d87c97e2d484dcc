/**
 * Copie di sicurezza (issue 13 point 2) with the real bundled archive worker and real SQLite files: rotation,
 * restore (the current archive kept aside), the check at open of a damaged archive, a full disk (a real 1 MB
 * tmpfs mounted in a private user+mount namespace), a backup that does not hold the archive's other calls, and a
 * process killed with SIGKILL during a backup.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ArchiveClient } from '#main/archive/client';
import { listBackups } from '#main/archive/backup';
import { BackupService } from '#main/services/backup';
import type { ImportedDeclaration } from '#main/archive/archive';
import type { ArchiveHealth } from '#shared/api/contract';
import { makeCf, makeMatricola } from '../helpers/matricole';

const WORKER = resolve(__dirname, '..', '..', 'dist', 'main', 'archive-worker.cjs');
const dirs: string[] = [];
const open: ArchiveClient[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  if (!existsSync(WORKER)) throw new Error(`Manca ${WORKER}: eseguire prima «node scripts/build.mjs».`);
  const d = mkdtempSync(join(tmpdir(), 'red-backup-'));
  dirs.push(d);
  return d;
}

const MONTHS = 'ABCDEHLMPRST';
function decls(n: number, from = 0): ImportedDeclaration[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const cf = makeCf('BNC', 'LRA', String(20 + (i % 70)).padStart(2, '0'), MONTHS[(i >> 2) % 12]!, String(1 + (i % 28)).padStart(2, '0'), `H${String(Math.floor(i / 70) % 1000).padStart(3, '0')}`);
    return { campaign: 'RED2009', tipo: 'N', status: 'COMPLETA', matricola: makeMatricola(cf), codiceFiscale: cf, cognome: 'BIANCHI', nome: 'LAURA', anni: [2008] };
  });
}

async function openClient(dir: string, health: ArchiveHealth[] = [], openCheckMaxBytes?: number): Promise<ArchiveClient> {
  const c = await ArchiveClient.open(join(dir, 'archivio-red.sqlite'), {
    workerPath: WORKER,
    onHealth: (h) => health.push(h),
    ...(openCheckMaxBytes !== undefined ? { openCheckMaxBytes } : {}),
  });
  open.push(c);
  return c;
}
async function closeClient(c: ArchiveClient): Promise<void> {
  open.splice(open.indexOf(c), 1);
  await c.close();
}
const count = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM declarations WHERE deleted_at IS NULL').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('copie di sicurezza', () => {
  it('rotazione: restano le ultime K, le più vecchie sono tolte; le copie di migrazione non sono toccate', async () => {
    const dir = tmp();
    const c = await openClient(dir);
    await c.call('importDeclarations', decls(50), 'op');
    // A file of another kind in the folder (as the copy made before a migration): never rotated.
    const other = join(dir, 'backup', 'archivio-red.sqlite.20260101T000000Z.v4.bak');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      await c.call('importDeclarations', decls(1, 1000 + i), 'op');
      const b = await c.backup('run', 3);
      made.push(b.name);
      expect(b.declarations).toBe(51 + i);
      if (i === 0) execFileSync('cp', [join(dir, 'backup', b.name), other]);
    }
    const names = readdirSync(join(dir, 'backup')).sort();
    const kept = listBackups(join(dir, 'backup'));
    // Newest first, the three last made, each with its own count of declarations.
    expect(kept.map((b) => b.name)).toEqual(made.slice(2).reverse());
    expect(kept.map((b) => b.declarations)).toEqual([55, 54, 53]);
    expect(kept.every((b) => b.problem === null && /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/.test(b.label))).toBe(true);
    expect(names).toContain('archivio-red.sqlite.20260101T000000Z.v4.bak');
    expect(names.filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(names).toHaveLength(4);
  });

  it('ripristino: i dati tornano quelli della copia, l\'archivio corrente è conservato a parte, una chiamata fatta intanto ha risposta', async () => {
    const dir = tmp();
    const health: ArchiveHealth[] = [];
    const c = await openClient(dir, health);
    await c.call('importDeclarations', decls(200), 'op');
    const b = await c.backup('run', 10);
    expect(b.declarations).toBe(200);
    await c.call('importDeclarations', decls(30, 500), 'op');
    expect(await c.call('countDeclarations')).toBe(230);

    const restoring = c.restore(b.name);
    const during = c.call('countDeclarations'); // made at the same time: answered (by the old or the new worker), not lost
    const r = await restoring;
    expect([200, 230]).toContain(await during);
    expect(await c.call('countDeclarations')).toBe(200);
    expect(r.restored.name).toBe(b.name);
    expect(r.aside).toMatch(/archivio-red\.prima-del-ripristino_\d{8}-\d{6}\.sqlite$/);
    expect(health.at(-1)?.state).toBe('RIPRISTINATO');
    expect(health.at(-1)?.message).toContain(r.aside);
    await closeClient(c);
    // The archive set aside is whole and holds what was there before the restore.
    expect(count(r.aside)).toBe(230);
    expect(count(join(dir, 'archivio-red.sqlite'))).toBe(200);
  });

  it('una copia danneggiata non è ripristinata e non cambia nulla', async () => {
    const dir = tmp();
    const c = await openClient(dir);
    await c.call('importDeclarations', decls(3000), 'op');
    const b = await c.backup('run', 10);
    corruptTable(join(dir, 'backup', b.name));
    await expect(c.restore(b.name)).rejects.toMatchObject({ code: 'BAK-02' });
    expect(await c.call('countDeclarations')).toBe(3000);
    expect(readdirSync(dir).filter((n) => n.includes('prima-del-ripristino'))).toEqual([]);
  });

  it("controllo all'apertura: un archivio danneggiato lo dice e nomina l'ultima copia valida", async () => {
    const dir = tmp();
    let c = await openClient(dir);
    await c.call('importDeclarations', decls(3000), 'op');
    const good = await c.backup('run', 10);
    await closeClient(c);
    corruptTable(join(dir, 'archivio-red.sqlite'));
    const health: ArchiveHealth[] = [];
    c = await openClient(dir, health);
    expect(c.integrity.ok).toBe(false);
    expect(c.integrity.checked).toBe(true);
    expect(c.lastHealth?.state).toBe('DANNEGGIATO');
    expect(c.lastHealth?.message).toContain(`Ultima copia di sicurezza valida: ${good.label} (3000 dichiarazioni)`);
    expect(health.map((h) => h.state)).toEqual(['DANNEGGIATO']);
    // The operator restores it: the archive is whole again.
    await c.restore(good.name);
    expect(c.integrity.ok).toBe(true);
    expect(await c.call('countDeclarations')).toBe(3000);
  });

  it("un archivio oltre il limite del controllo all'apertura: il danno lo trova la copia dell'avvio, che non conta", async () => {
    const dir = tmp();
    let c = await openClient(dir);
    await c.call('importDeclarations', decls(3000), 'op');
    const good = await c.backup('run', 10);
    await closeClient(c);
    corruptTable(join(dir, 'archivio-red.sqlite'));
    const health: ArchiveHealth[] = [];
    c = await openClient(dir, health, 0); // as if the archive were larger than the bound: not checked at open
    expect(c.integrity.checked).toBe(false);
    expect(c.lastHealth).toBeNull();
    const service = new BackupService(c);
    await expect(service.backupNow()).rejects.toMatchObject({ code: 'BAK-02' });
    expect(c.lastHealth?.state).toBe('DANNEGGIATO');
    expect(c.lastHealth?.message).toContain(`Ultima copia di sicurezza valida: ${good.label} (3000 dichiarazioni)`);
    expect(listBackups(join(dir, 'backup')).map((b) => b.name)).toEqual([good.name]);
    expect(readdirSync(join(dir, 'backup')).filter((n) => n.endsWith('.partial'))).toEqual([]);
    await service.stop();
  });

  it('disco pieno (tmpfs da 1 MB): messaggio proprio, nessun file parziale, l\'archivio resta intatto', async () => {
    const unshare = (() => {
      try {
        execFileSync('unshare', ['-rm', 'true']);
        return true;
      } catch {
        return false;
      }
    })();
    expect(unshare, 'serve «unshare -rm» (namespace utente e di mount) per montare un tmpfs piccolo').toBe(true);
    const dir = tmp();
    const c = await openClient(dir);
    await c.call('importDeclarations', decls(4000), 'op'); // a few MB: more than the tmpfs holds
    await closeClient(c);
    const mnt = join(dir, 'piccolo');
    const code = `
      const { Worker } = require('node:worker_threads');
      const fs = require('node:fs');
      const w = new Worker(process.env.WORKER, { workerData: { file: process.env.FILE, backupDir: process.env.MNT } });
      w.on('message', (m) => {
        if (m.kind === 'ready') return w.postMessage({ kind: 'backup', seq: 1, op: 'run', args: [5] });
        console.log(JSON.stringify({ reply: m, files: fs.readdirSync(process.env.MNT) }));
        process.exit(0);
      });`;
    execFileSync('mkdir', ['-p', mnt]);
    const out = execFileSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=1m tmpfs "$MNT" && exec "$NODE" -e "$CODE"`], {
      env: { ...process.env, WORKER, FILE: join(dir, 'archivio-red.sqlite'), MNT: mnt, NODE: process.execPath, CODE: code },
    }).toString();
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { reply: { ok: boolean; error?: { code: string; message: string } }; files: string[] };
    expect(r.reply.ok).toBe(false);
    expect(r.reply.error?.code).toBe('BAK-01');
    expect(r.reply.error?.message).toMatch(/^Spazio su disco esaurito in .*piccolo: la copia di sicurezza non è stata completata e nessun file parziale è rimasto/);
    expect(r.files).toEqual([]);
    expect(count(join(dir, 'archivio-red.sqlite'))).toBe(4000);
  });

  it("la copia non ferma l'archivio: mentre si fa (nel suo thread) le chiamate hanno risposta e le scritture entrano", async () => {
    const dir = tmp();
    const c = await openClient(dir);
    await c.call('importDeclarations', decls(30_000), 'op');
    const order: string[] = [];
    const backup = c.backup('run', 3).then((b) => {
      order.push('copia');
      return b;
    });
    // Called after the backup started: on the worker's own connection they waited for the whole copy.
    await c.call('importDeclarations', decls(1, 50_000), 'op');
    const n = await c.call('countDeclarations');
    order.push('chiamate');
    const b = await backup;
    expect(order).toEqual(['chiamate', 'copia']);
    expect(n).toBe(30_001);
    // The copy is one consistent snapshot: before or after the write, never half of it.
    expect([30_000, 30_001]).toContain(b.declarations);
    expect(count(join(dir, 'backup', b.name))).toBe(b.declarations);
  });

  it('kill -9 durante una copia: la copia a metà non è elencata, la successiva riesce', async () => {
    const dir = tmp();
    const c = await openClient(dir);
    await c.call('importDeclarations', decls(30_000), 'op');
    const first = await c.backup('run', 10);
    await closeClient(c);
    const backupDir = join(dir, 'backup');
    const code = `
      const { Worker } = require('node:worker_threads');
      const w = new Worker(process.env.WORKER, { workerData: { file: process.env.FILE } });
      w.on('message', (m) => { if (m.kind === 'ready') { console.log('ready'); w.postMessage({ kind: 'backup', seq: 1, op: 'run', args: [10] }); } else { console.log('done'); } });`;
    const child = spawn(process.execPath, ['-e', code], { env: { ...process.env, WORKER, FILE: join(dir, 'archivio-red.sqlite') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const killedDuring = await new Promise<boolean>((res) => {
      const timer = setInterval(() => {
        if (readdirSync(backupDir).some((n) => n.endsWith('.partial'))) {
          clearInterval(timer);
          res(child.kill('SIGKILL'));
        }
      }, 1);
      child.on('exit', () => {
        clearInterval(timer);
        res(false);
      });
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)));
    expect(killedDuring, `il processo doveva essere ucciso durante la copia; output: ${output}`).toBe(true);
    expect(output).not.toContain('done');
    const files = readdirSync(backupDir);
    expect(files.filter((n) => n.endsWith('.partial'))).toHaveLength(1); // the half copy is there, under its temporary name
    expect(listBackups(backupDir).map((b) => b.name)).toEqual([first.name]);
    // The next start makes a good one and removes the leftover.
    const again = await openClient(dir);
    const second = await again.backup('run', 10);
    expect(second.declarations).toBe(30_000);
    expect(readdirSync(backupDir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(listBackups(backupDir).map((b) => b.name)).toEqual([second.name, first.name]);
  });
});

/** Overwrites the header of the root page of the declarations table with bytes no b-tree page has. */
function corruptTable(file: string): void {
  const db = new Database(file, { readonly: true });
  const root = (db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'declarations'").get() as { rootpage: number }).rootpage;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (root - 1) * pageSize);
  closeSync(fd);
}
