import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPLICATION_ID, openArchive } from '#main/archive/open';
import { DESK_MIGRATIONS, type Migration } from '#main/archive/migrations';
import { Archive } from '#main/archive/archive';
import { STATUSES, tabOf } from '#shared/status/statuses';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { parseMatricola } from '#shared/matricola/codec';
import { newDocumentFor } from '#shared/rules/new-document';

function docFor(matricola: string) {
  const r = parseMatricola(matricola);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return newDocumentFor(r.value);
}

const open: Database.Database[] = [];
function tmpFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'red-arch-')), 'archivio-red.sqlite');
}
function track<T extends { db: Database.Database }>(x: T): T {
  open.push(x.db);
  return x;
}
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

const cf = makeCf('RSS', 'MRA', '40', 'A', '01', 'H501');
function create(a: Archive, c = cf) {
  const m = makeMatricola(c);
  return a.create({ campaign: 'RED2009', matricola: m, codiceFiscale: c, document: docFor(m), operator: 'test' });
}

describe('migrations', () => {
  it('creates the schema on an empty file, in WAL with foreign keys, marked as a RED Desk archive', () => {
    const file = tmpFile();
    const r = track(openArchive(file));
    expect(r.schemaVersion).toBe(DESK_MIGRATIONS.length);
    expect(r.appliedMigrations).toEqual(DESK_MIGRATIONS.map((m) => m.name));
    expect(r.backupFile).toBeNull(); // nothing to back up in a new file
    expect(r.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(r.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = r.db.prepare("SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['declarations', 'subjects', 'subject_years', 'income_rows', 'income_documents', 'foreign_pensions', 'foreign_pension_amounts', 'declaration_notes', 'status_history', 'settings']),
    );
  });

  it('re-run on an existing archive applies nothing, writes no backup and keeps the data', () => {
    const file = tmpFile();
    const first = track(openArchive(file));
    create(new Archive(first.db));
    first.db.close();
    const again = track(openArchive(file));
    expect(again.appliedMigrations).toEqual([]);
    expect(again.backupFile).toBeNull();
    expect(new Archive(again.db).countDeclarations()).toBe(1);
  });

  it('backs the file up before migrating, and the backup holds the previous schema and data', () => {
    const file = tmpFile();
    const v1 = track(openArchive(file));
    create(new Archive(v1.db));
    v1.db.close();
    const n = DESK_MIGRATIONS.length;
    const next: Migration = { version: n + 1, name: '9999_test', sql: 'ALTER TABLE declarations ADD COLUMN extra TEXT;' };
    const v2 = track(openArchive(file, { migrations: [...DESK_MIGRATIONS, next], now: () => new Date('2026-11-22T10:00:00Z') }));
    expect(v2.appliedMigrations).toEqual(['9999_test']);
    expect(v2.backupFile).toMatch(new RegExp(`backup/archivio-red\\.sqlite\\.20261122T100000Z\\.v${n}\\.bak$`));
    expect(existsSync(v2.backupFile as string)).toBe(true);
    const bak = new Database(v2.backupFile as string, { readonly: true });
    expect(bak.pragma('user_version', { simple: true })).toBe(n);
    expect(bak.prepare('SELECT count(*) FROM declarations').pluck().get()).toBe(1);
    bak.close();
    expect(v2.db.pragma('user_version', { simple: true })).toBe(n + 1);
  });

  it('a failing migration changes nothing (one transaction) and says where the backup is', () => {
    const file = tmpFile();
    const v1 = track(openArchive(file));
    create(new Archive(v1.db));
    v1.db.close();
    const n = DESK_MIGRATIONS.length;
    const good: Migration = { version: n + 1, name: '9998_ok', sql: 'CREATE TABLE t2 (x INTEGER) STRICT;' };
    const bad: Migration = { version: n + 2, name: '9999_bad', sql: 'ALTER TABLE nonexistent ADD COLUMN y TEXT;' };
    expect(() => openArchive(file, { migrations: [...DESK_MIGRATIONS, good, bad] })).toThrow(/Aggiornamento dell'archivio non riuscito.*copia di sicurezza/s);
    const after = track(openArchive(file));
    expect(after.db.pragma('user_version', { simple: true })).toBe(n);
    expect(after.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name='t2'").pluck().get()).toBe(0);
    expect(new Archive(after.db).countDeclarations()).toBe(1);
  });

  it('0002_document: declarations of schema 1 get their details (codice fiscale, figli) and subject keys', () => {
    const file = tmpFile();
    const v1 = track(openArchive(file, { migrations: DESK_MIGRATIONS.slice(0, 1) }));
    // Rows as schema 1 wrote them (plain SQL: today's code writes schema-2 tables too).
    const m = makeMatricola(cf, { numeroFigli: 'B' });
    const id = v1.db
      .prepare("INSERT INTO declarations (progressivo, campaign, tipo, status, matricola, codice_fiscale, created_at, updated_at) VALUES (1, 'RED2009', 'N', 'INCOMPLETA', ?, ?, 'x', 'x')")
      .run(m, cf).lastInsertRowid;
    const subject = v1.db.prepare("INSERT INTO subjects (declaration_id, role, ordinal, codice_fiscale) VALUES (?, 'TITOLARE', 0, ?)").run(id, cf).lastInsertRowid;
    const fp = v1.db.prepare("INSERT INTO foreign_pensions (declaration_id, riga, stato, istituzione, tipo) VALUES (?, 1, '756', '001', 1)").run(id).lastInsertRowid;
    v1.db.prepare('INSERT INTO foreign_pension_amounts (foreign_pension_id, anno, importo) VALUES (?, 2008, 1200)').run(fp);
    v1.db.close();
    const v2 = track(openArchive(file, { migrations: DESK_MIGRATIONS.slice(0, 2) }));
    expect(v2.appliedMigrations).toEqual(['0002_document']);
    expect(v2.db.prepare('SELECT codice_fiscale, numero_figli, deceduto FROM declaration_details').all()).toEqual([{ codice_fiscale: cf, numero_figli: 11, deceduto: 0 }]);
    expect(v2.db.prepare('SELECT subject_key FROM subjects').pluck().all()).toEqual(['titolare']);
    // The foreign pension moved to the rebuilt table, attached to the titolare, with its amount.
    expect(v2.db.prepare('SELECT subject_id, stato, tipo FROM foreign_pensions').all()).toEqual([{ subject_id: Number(subject), stato: '756', tipo: 1 }]);
    expect(v2.db.prepare('SELECT anno, importo FROM foreign_pension_amounts').all()).toEqual([{ anno: 2008, importo: 1200 }]);
    expect(v2.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('every file in migrations/desk is listed, in order', () => {
    const files = readdirSync(join(__dirname, '../../migrations/desk')).filter((f) => f.endsWith('.sql')).sort();
    expect(DESK_MIGRATIONS.map((m) => `${m.name}.sql`)).toEqual(files);
    DESK_MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });
});

describe('refusals leave the file untouched', () => {
  it('an archive from a newer version', () => {
    const file = tmpFile();
    const r = openArchive(file);
    r.db.pragma('user_version = 99');
    r.db.close();
    const before = sha(file);
    expect(() => openArchive(file)).toThrow(expect.objectContaining({ code: 'ARC-03', message: expect.stringMatching(/versione più recente.*schema 99/) }));
    expect(sha(file)).toBe(before);
  });

  it('a file that is not a database', () => {
    const file = tmpFile();
    writeFileSync(file, 'questo non è un archivio '.repeat(400));
    const before = sha(file);
    expect(() => openArchive(file)).toThrow(expect.objectContaining({ code: 'ARC-02', message: expect.stringContaining('non è leggibile') }));
    expect(sha(file)).toBe(before);
  });

  it('a SQLite database of another program', () => {
    const file = tmpFile();
    const other = new Database(file);
    other.exec('CREATE TABLE clienti (id INTEGER PRIMARY KEY)');
    other.close();
    const before = sha(file);
    expect(() => openArchive(file)).toThrow(expect.objectContaining({ code: 'ARC-04' }));
    expect(sha(file)).toBe(before);
  });

  it('an archive in use by another desk (locked)', () => {
    const file = tmpFile();
    const first = track(openArchive(file));
    create(new Archive(first.db));
    expect(() => openArchive(file, { busyTimeoutMs: 100 })).toThrow(expect.objectContaining({ code: 'ARC-01', message: expect.stringContaining('in uso') }));
    // The first desk goes on working.
    expect(new Archive(first.db).countDeclarations()).toBe(1);
  });
});

describe('schema', () => {
  it('the generated tab column agrees with the status table of src-shared', () => {
    const r = track(openArchive(tmpFile()));
    const insert = r.db.prepare(
      "INSERT INTO declarations (progressivo, campaign, tipo, status, matricola, codice_fiscale, created_at, updated_at) VALUES (?, 'RED2009', 'N', ?, 'M', 'CF', 'x', 'x') RETURNING tab",
    );
    STATUSES.forEach((s, i) => expect([s, (insert.get(i + 1, s) as { tab: string }).tab]).toEqual([s, tabOf(s)]));
  });

  it('search and monitor queries use their indexes', () => {
    const r = track(openArchive(tmpFile()));
    const a = new Archive(r.db);
    const plan = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile();
      return (r.db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[]).map((x) => x.detail).join(' | ');
    };
    const byCf = a.q.selectFrom('declarations as d').select('d.id').where('d.deleted_at', 'is', null).where('d.codice_fiscale', '>=', 'RSS').where('d.codice_fiscale', '<', 'RSS\uffff');
    expect(plan(byCf)).toContain('ix_declarations_cf');
    const byName = a.q.selectFrom('declarations as d').select('d.id').where('d.deleted_at', 'is', null).where('d.cognome_nome', '>=', 'ROSSI').where('d.cognome_nome', '<', 'ROSSI\uffff');
    expect(plan(byName)).toContain('ix_declarations_nome');
    const tab = a.q.selectFrom('declarations as d').select('d.id').where('d.deleted_at', 'is', null).where('d.tab', '=', 'DA_SPEDIRE').orderBy('d.progressivo').limit(10);
    expect(plan(tab)).toContain('ix_declarations_tab');
  });

  it('history is written in the same transaction as creation and deletion', () => {
    const r = track(openArchive(tmpFile()));
    const a = new Archive(r.db);
    const { id } = create(a);
    expect(() => a.create({ campaign: 'RED2009', matricola: makeMatricola(cf), codiceFiscale: cf, document: docFor(makeMatricola(cf)), operator: 't' })).toThrow(
      expect.objectContaining({ code: 'MAT-20' }),
    );
    const other = makeMatricola(cf, { codiceEmissione: 'G' });
    expect(() => a.create({ campaign: 'RED2009', matricola: other, codiceFiscale: cf, document: docFor(other), operator: 't' })).toThrow(
      expect.objectContaining({ code: 'MAT-15' }),
    );
    const second = a.create({ campaign: 'RED2009', matricola: other, codiceFiscale: cf, document: docFor(other), operator: 't', acknowledgedExisting: [id] });
    expect(second.progressivo).toBe(2);
    a.remove(id, 'op', 'prova');
    expect(a.history(id).map((h) => [h.event, h.fromStatus, h.toStatus, h.reason])).toEqual([
      ['CREAZIONE', null, 'INCOMPLETA', null],
      ['CANCELLAZIONE', 'INCOMPLETA', null, 'prova'],
    ]);
    expect(() => a.remove(id, 'op', null)).toThrow(expect.objectContaining({ code: 'ARC-06' }));
    expect(a.countDeclarations()).toBe(1);
  });
});
