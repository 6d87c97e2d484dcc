/**
 * Encryption at rest (issue 13 point 3): the archive and its backups are SQLCipher files, a wrong key is refused
 * and changes nothing, a plain archive is encrypted once after an encrypted backup, files are owner-only, and the
 * desk gate takes the key from the passphrase (scrypt, stored salt) without ever storing it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import { createValidator } from '#main/archive/validator';
import { ArchiveClient } from '#main/archive/client';
import { isPlainSqlite, openDb } from '#main/archive/cipher';
import { KEY_FILE, PASSPHRASE_ENV, readKeyFile } from '#main/services/archive-key';
import { openDesk, type DeskGate } from '#main/services/desk-gate';
import { ERROR_CODES } from '#shared/errors';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { parseMatricola } from '#shared/matricola/codec';
import { newDocumentFor } from '#shared/rules/new-document';

const WORKER = resolve(__dirname, '..', '..', 'dist', 'main', 'archive-worker.cjs');
const KEY = randomBytes(32).toString('hex');
const OTHER = randomBytes(32).toString('hex');
// A codice fiscale that must never be readable in the files (the check character computed by makeCf).
const CF = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');

const dirs: string[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'red-cifra-'));
  dirs.push(d);
  return d;
}
function create(a: Archive, cf = CF) {
  const m = makeMatricola(cf);
  const r = parseMatricola(m);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return a.create({ campaign: 'RED2009', matricola: m, codiceFiscale: cf, document: newDocumentFor(r.value), operator: 'test' });
}
/** True when the bytes of `file` (and of its -wal, if any) contain `text` in clear. */
function inClear(file: string, text: string): boolean {
  return [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(text, 'latin1')));
}
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const mode = (f: string) => statSync(f).mode & 0o777;

describe('archive encrypted at rest', () => {
  it('holds no codice fiscale in clear, and reopens with its key', () => {
    const file = join(tmp(), 'archivio-red.sqlite');
    const first = openArchive(file, { key: KEY });
    create(new Archive(first.db));
    // The control: the same declaration in a plain archive is readable in its bytes.
    const plainFile = join(tmp(), 'archivio-red.sqlite');
    const plain = openArchive(plainFile);
    create(new Archive(plain.db));
    expect(inClear(file, CF)).toBe(false);
    expect(inClear(plainFile, CF)).toBe(true);
    first.db.close();
    plain.db.close();
    expect(readFileSync(file).includes(Buffer.from(CF))).toBe(false);
    expect(isPlainSqlite(file)).toBe(false);
    const again = openArchive(file, { key: KEY });
    expect(new Archive(again.db).findByCodiceFiscale(CF).total).toBe(1);
    expect(again.db.pragma('secure_delete', { simple: true })).toBe(1);
    again.db.close();
  });

  it('«Cancella» keeps the history but none of the personal data: not even in the freed pages (secure_delete)', () => {
    // A plain archive, so that its bytes can be searched (secure_delete is on for both kinds).
    const file = join(tmp(), 'archivio-red.sqlite');
    const opened = openArchive(file);
    const a = new Archive(opened.db, () => new Date(), createValidator());
    const { id } = create(a);
    const doc = a.getForEdit(id).document;
    const titolare = doc.soggetti.find((s) => s.role === 'TITOLARE')!;
    titolare.cognome = 'VERDIZZANTI';
    titolare.nome = 'GIUSEPPINO';
    doc.note.appunti = 'telefonare al figlio';
    a.saveDocument(id, a.getForEdit(id).version, doc, 'test');
    const progressivo = a.getForEdit(id).progressivo;
    a.remove(id, 'test', 'inserita per errore');
    opened.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const text of [CF, 'VERDIZZANTI', 'GIUSEPPINO', 'telefonare al figlio']) expect(inClear(file, text), text).toBe(false);
    // What the history needs stays: the row with its progressivo, and the history.
    const row = opened.db.prepare('SELECT progressivo, campaign, status, deleted_at IS NOT NULL AS deleted FROM declarations WHERE id = ?').get(id);
    expect(row).toEqual({ progressivo, campaign: 'RED2009', status: expect.any(String), deleted: 1 });
    const events = opened.db.prepare('SELECT event, reason FROM status_history WHERE declaration_id = ? ORDER BY id').all(id) as { event: string; reason: string | null }[];
    expect(events[0]?.event).toBe('CREAZIONE');
    expect(events.at(-1)).toEqual({ event: 'CANCELLAZIONE', reason: 'inserita per errore' });
    for (const t of ['subjects', 'declaration_details', 'declaration_notes', 'foreign_pensions']) {
      expect(opened.db.prepare(`SELECT count(*) FROM ${t} WHERE declaration_id = ?`).pluck().get(id), t).toBe(0);
    }
    opened.db.close();
    for (const text of [CF, 'VERDIZZANTI', 'GIUSEPPINO']) expect(inClear(file, text), text).toBe(false);
  });

  it('refuses a wrong key with ARC-10 and leaves the file as it was', () => {
    const file = join(tmp(), 'archivio-red.sqlite');
    const a = openArchive(file, { key: KEY });
    create(new Archive(a.db));
    a.db.close();
    const before = sha(file);
    expect(() => openArchive(file, { key: OTHER })).toThrow(expect.objectContaining({ code: ERROR_CODES.ARCHIVE_KEY_WRONG, message: expect.stringContaining('non si apre con questa chiave') }));
    // Without a key (a plain reader) it is not even a database.
    expect(() => openArchive(file)).toThrow(expect.objectContaining({ code: ERROR_CODES.ARCHIVE_UNREADABLE }));
    expect(sha(file)).toBe(before);
    const ok = openArchive(file, { key: KEY });
    expect(new Archive(ok.db).findByCodiceFiscale(CF).total).toBe(1);
    ok.db.close();
  });

  it('encrypts a plain archive once, after an encrypted backup of it; older plain copies are encrypted too', () => {
    const dir = tmp();
    const file = join(dir, 'archivio-red.sqlite');
    const old = openArchive(file);
    const created = create(new Archive(old.db));
    create(new Archive(old.db), makeCf('BNC', 'LRA', '50', 'B', '12', 'F205'));
    old.db.close();
    // A copy left in clear by an earlier version (made before a schema migration).
    const backupDir = join(dir, 'backup');
    const oldCopy = join(backupDir, 'archivio-red.sqlite.20261101T080000Z.v1.bak');
    mkdirSync(backupDir, { recursive: true });
    writeFileSync(oldCopy, readFileSync(file));
    expect(isPlainSqlite(file)).toBe(true);
    expect(inClear(file, CF)).toBe(true);

    const opened = openArchive(file, { key: KEY });
    expect(opened.encryptedFrom).not.toBeNull();
    const a = new Archive(opened.db);
    expect(a.countDeclarations()).toBe(2);
    expect(a.findByCodiceFiscale(CF).rows.map((r) => r.id)).toEqual([created.id]);
    opened.db.close();

    // The archive: replaced in place by its encrypted form, nothing readable left.
    expect(isPlainSqlite(file)).toBe(false);
    expect(inClear(file, CF)).toBe(false);
    // The backup taken first: encrypted with the same key, complete.
    const backup = opened.encryptedFrom!;
    expect(isPlainSqlite(backup)).toBe(false);
    expect(inClear(backup, CF)).toBe(false);
    const b = openDb(backup, KEY, { readonly: true, fileMustExist: true });
    expect((b.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n).toBe(2);
    b.close();
    expect(() => openDb(backup, OTHER, { readonly: true }).pragma('user_version')).toThrow(/not a database/);
    // The older plain copy is no longer readable in clear either.
    expect(isPlainSqlite(oldCopy)).toBe(false);
    expect(inClear(oldCopy, CF)).toBe(false);
    // Once: the next open migrates nothing and takes no further backup.
    const files = readdirSync(backupDir).sort();
    const next = openArchive(file, { key: KEY });
    expect(next.encryptedFrom).toBeNull();
    next.db.close();
    expect(readdirSync(backupDir).sort()).toEqual(files);
  });

  it('makes the archive, its backups and their folder owner-only (0600/0700)', async () => {
    expect(existsSync(WORKER), `manca ${WORKER}: eseguire prima «node scripts/build.mjs»`).toBe(true);
    const dir = tmp();
    const file = join(dir, 'archivio-red.sqlite');
    const client = await ArchiveClient.open(file, { workerPath: WORKER, key: KEY });
    closers.push(() => client.close());
    await client.call('importDeclarations', [{ campaign: 'RED2009', tipo: 'N', status: 'COMPLETA', matricola: makeMatricola(CF), codiceFiscale: CF, cognome: 'VERDI', nome: 'GIUSEPPE', anni: [2008] }], 'test');
    const info = await client.backup('run', 5);
    expect(mode(file)).toBe(0o600);
    if (existsSync(`${file}-wal`)) expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(client.backupDir)).toBe(0o700);
    const backup = join(client.backupDir, info.name);
    expect(mode(backup)).toBe(0o600);
    // The backup is encrypted, checked and listed with the key.
    expect(inClear(backup, CF)).toBe(false);
    expect(isPlainSqlite(backup)).toBe(false);
    expect(info.declarations).toBe(1);
    expect((await client.backup('list'))[0]).toMatchObject({ name: info.name, declarations: 1, problem: null });
  });

  it('restores an encrypted backup, keeping the archive aside encrypted', async () => {
    const dir = tmp();
    const file = join(dir, 'archivio-red.sqlite');
    const client = await ArchiveClient.open(file, { workerPath: WORKER, key: KEY });
    closers.push(() => client.close());
    await client.call('importDeclarations', [{ campaign: 'RED2009', tipo: 'N', status: 'COMPLETA', matricola: makeMatricola(CF), codiceFiscale: CF, cognome: 'VERDI', nome: 'GIUSEPPE', anni: [2008] }], 'test');
    const info = await client.backup('run', 5);
    const other = makeCf('BNC', 'LRA', '50', 'B', '12', 'F205');
    await client.call('importDeclarations', [{ campaign: 'RED2009', tipo: 'N', status: 'COMPLETA', matricola: makeMatricola(other), codiceFiscale: other, cognome: 'BIANCHI', nome: 'LAURA', anni: [2008] }], 'test');
    expect(await client.call('countDeclarations')).toBe(2);
    const r = await client.restore(info.name);
    expect(r.restored.declarations).toBe(1);
    expect(await client.call('countDeclarations')).toBe(1);
    expect((await client.call('findByCodiceFiscale', CF)).total).toBe(1);
    expect(isPlainSqlite(file)).toBe(false);
    expect(mode(file)).toBe(0o600);
    expect(isPlainSqlite(r.aside)).toBe(false);
    expect(inClear(r.aside, other)).toBe(false);
  });
});

describe('the desk gate: where the key comes from', () => {
  async function gate(dataDir: string, env: NodeJS.ProcessEnv): Promise<DeskGate> {
    const g = await openDesk({ dataDir, env, workerPath: WORKER, hidTransport: { list: async () => [], open: async () => Promise.reject(new Error('nessun lettore')) } });
    closers.push(() => g.close());
    return g;
  }

  it('locked without a key: first start chooses the passphrase, the next asks it; a wrong one is refused and changes nothing', async () => {
    const dataDir = join(tmp(), 'dati');
    const g1 = await gate(dataDir, {});
    expect(mode(dataDir)).toBe(0o700);
    expect(await g1.registry.dispatch('archive.lockState', {})).toEqual({ ok: true, result: { stato: 'scegliere', minimo: 10, archivioInChiaro: false } });
    // Nothing else answers before the archive is open.
    expect(await g1.registry.dispatch('monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: ERROR_CODES.ARCHIVE_KEY_NEEDED } });
    expect(await g1.registry.dispatch('archive.unlock', { passphrase: 'corta', conferma: 'corta' })).toMatchObject({ ok: false, error: { field: 'passphrase' } });
    expect(await g1.registry.dispatch('archive.unlock', { passphrase: 'una passphrase lunga', conferma: 'un altra' })).toMatchObject({ ok: false, error: { field: 'conferma' } });
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);
    expect(await g1.registry.dispatch('archive.unlock', { passphrase: 'una passphrase lunga', conferma: 'una passphrase lunga' })).toEqual({ ok: true, result: { stato: 'aperto' } });
    expect(await g1.registry.dispatch('archive.lockState', {})).toMatchObject({ ok: true, result: { stato: 'aperto' } });
    expect((await g1.registry.dispatch('declarations.create', { matricola: makeMatricola(CF) })).ok).toBe(true);
    await g1.close();
    closers.splice(0);

    const archive = join(dataDir, 'archivio-red.sqlite');
    expect(inClear(archive, CF)).toBe(false);
    // The key file: owner-only, a salt and a check value, never the passphrase.
    const keyFile = join(dataDir, KEY_FILE);
    expect(mode(keyFile)).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).not.toContain('una passphrase lunga');
    expect(readKeyFile(dataDir)).toMatchObject({ tipo: 'passphrase', N: 32768, r: 8, p: 1 });

    const before = sha(archive);
    const g2 = await gate(dataDir, {});
    expect(await g2.registry.dispatch('archive.lockState', {})).toMatchObject({ ok: true, result: { stato: 'inserire' } });
    const wrong = await g2.registry.dispatch('archive.unlock', { passphrase: 'una passphrase sbagliata' });
    expect(wrong).toMatchObject({ ok: false, error: { code: ERROR_CODES.ARCHIVE_KEY_WRONG, message: expect.stringContaining('Passphrase errata') } });
    expect(sha(archive)).toBe(before);
    expect(await g2.registry.dispatch('archive.unlock', { passphrase: 'una passphrase lunga' })).toEqual({ ok: true, result: { stato: 'aperto' } });
    const found = await g2.registry.dispatch('declarations.findByCodiceFiscale', { codiceFiscale: CF });
    expect(found).toMatchObject({ ok: true, result: { total: 1 } });
  });

  it('opens at once with RED_DESK_ARCHIVE_PASSPHRASE; a wrong one stops the start with a message', async () => {
    const dataDir = join(tmp(), 'dati');
    const g = await gate(dataDir, { [PASSPHRASE_ENV]: 'passphrase automatica' });
    expect(g.core()).not.toBeNull();
    await g.close();
    closers.splice(0);
    await expect(gate(dataDir, { [PASSPHRASE_ENV]: 'passphrase diversa' })).rejects.toMatchObject({ code: ERROR_CODES.ARCHIVE_KEY_WRONG });
    expect((await gate(dataDir, { [PASSPHRASE_ENV]: 'passphrase automatica' })).core()).not.toBeNull();
  });
});
