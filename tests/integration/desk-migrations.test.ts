/**
 * Real upgrades of the desk archive, for every migration in migrations/desk (whatever exists: N-1 → N for
 * each). The archive at N-1 is built by the real migrations 1…N-1 (it lives through each earlier upgrade, as
 * a desk's archive does) and filled at each version with realistic rows of that version's schema; then it
 * is opened with migrations 1…N: only N is applied, the backup holds the N-1 archive, every row of every
 * table is still there with its old columns unchanged, and what N is known to do is checked. At the latest
 * version the product's hot queries run on the upgraded archive and their plans (EXPLAIN QUERY PLAN) use
 * indexes, exactly as on a new archive.
 *
 * Seeding and specific checks exist for the versions this file knows; a migration added later gets the
 * generic checks (rows kept, foreign keys and integrity) until its own are written here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { DESK_MIGRATIONS } from '#main/archive/migrations';
import { Archive } from '#main/archive/archive';
import { TABS } from '#shared/status/statuses';
import { makeCf, makeMatricola } from '../helpers/matricole';

const dirs: string[] = [];
const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmpFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'red-migr-'));
  dirs.push(d);
  return join(d, 'archivio-red.sqlite');
}

type Row = Record<string, unknown>;
interface TableSnapshot {
  columns: string[];
  pk: string[];
  rows: Row[];
}
type Snapshot = Map<string, TableSnapshot>;

/** Every user table with its (non-generated) columns, primary key and rows. */
function snapshot(db: Database.Database): Snapshot {
  const out: Snapshot = new Map();
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) {
    const info = db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; pk: number }[];
    const columns = info.map((c) => c.name);
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${t}"`).all() as Row[];
    out.set(t, { columns, pk, rows });
  }
  return out;
}

/** Every row of `before` is in `after` (found by its primary key, or whole), with its old columns unchanged. */
function expectRowsKept(before: Snapshot, after: Snapshot, dropped: readonly string[] = []): number {
  let checked = 0;
  for (const [table, b] of before) {
    if (dropped.includes(table)) continue;
    const a = after.get(table);
    expect(a, `tabella ${table} sparita`).toBeDefined();
    if (!a) continue;
    for (const c of b.columns) expect(a.columns, `${table}.${c} sparita`).toContain(c);
    const keyOf = (r: Row) => JSON.stringify((b.pk.length ? b.pk : b.columns).map((c) => r[c]));
    const project = (r: Row) => Object.fromEntries(b.columns.map((c) => [c, r[c]]));
    const byKey = new Map(a.rows.map((r) => [keyOf(r), project(r)]));
    for (const r of b.rows) {
      expect(byKey.get(keyOf(r)), `${table} ${keyOf(r)}`).toEqual(project(r));
      checked++;
    }
  }
  return checked;
}

const now = '2009-05-04T08:30:00.000Z';
const cfs = Array.from({ length: 14 }, (_, i) => makeCf('RSS', ['MRA', 'NNA', 'GPP', 'LRA'][i % 4]!, String(30 + i), 'ABCDEHLMPRST'[i % 12]!, String(1 + i).padStart(2, '0'), 'H501'));
/** Number of children of a matricola's position 21 (0–9, A–E = 10–14), as stringa-caf.md defines it. */
const FIGLI: Record<string, number> = { A: 10, B: 11, C: 12, D: 13, E: 14 };
const figliOf = (m: string) => FIGLI[m.charAt(20)] ?? Number(m.charAt(20));

/** Schema 1: declarations in every status (one removed), titolare, coniuge and figli with their years, income
 * rows and the documents that make them up, foreign pensions, notes, history and settings. */
function seedV1(db: Database.Database): void {
  const statuses = ['ERRATA', 'INCOMPLETA', 'COMPLETA', 'ATTESA', 'TRASM_CGN', 'BLOCCATA', 'TRASM_INPS', 'RICEVUTA', 'RETTIFICATA', 'SCARTATA', 'SCART_CAF', 'COMPLETA'];
  const decl = db.prepare(
    `INSERT INTO declarations (progressivo, campaign, tipo, status, matricola, codice_fiscale, cognome_nome, scarto_origin, scarto_code, scarto_message, version, created_at, updated_at, deleted_at)
     VALUES (?, 'RED2009', 'N', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const subj = db.prepare(
    `INSERT INTO subjects (declaration_id, role, ordinal, codice_fiscale, cognome, nome, sesso, data_nascita, comune_nascita, indirizzo, cap, comune, provincia, residenza_variata, coltivatore_diretto)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ROMA', 'VIA APPIA NUOVA 12', '00179', 'ROMA', 'RM', ?, 0)`,
  );
  const year = db.prepare('INSERT INTO subject_years (subject_id, anno, modo, facoltativi, doc) VALUES (?, ?, ?, ?, ?)');
  const income = db.prepare('INSERT INTO income_rows (subject_year_id, rigo, importo) VALUES (?, ?, ?)');
  const document = db.prepare('INSERT INTO income_documents (income_row_id, ordinal, descrizione, importo) VALUES (?, ?, ?, ?)');
  const history = db.prepare("INSERT INTO status_history (declaration_id, event, from_status, to_status, at, operator, reason) VALUES (?, ?, ?, ?, ?, 'op.sportello', ?)");
  statuses.forEach((status, i) => {
    const cf = cfs[i]!;
    const figli = ['0', '2', 'B', '1'][i % 4]!;
    const m = makeMatricola(cf, { numeroFigli: figli, anniRichiesti: i % 3 === 0 ? '3' : '1' });
    const scarto = status === 'SCARTATA' ? ['INPS', '9203', 'Matricola errata: ritrasmettere'] : status === 'SCART_CAF' ? ['CAF', 'CAF-02', 'Codice fiscale non in anagrafe'] : [null, null, null];
    const id = Number(decl.run(i + 1, status, m, cf, `ROSSI ${['MARIA', 'ANNA', 'GIUSEPPE', 'LAURA'][i % 4]}`, ...scarto, 1 + (i % 3), now, now, i === 11 ? now : null).lastInsertRowid);
    const tit = Number(subj.run(id, 'TITOLARE', 0, cf, 'ROSSI', 'MARIA', 'F', '1930-01-01', 0).lastInsertRowid);
    const y = Number(year.run(tit, 2008, 'DOCUMENTATO', 0, '730').lastInsertRowid);
    const a1 = Number(income.run(y, 'A1', 9_350 + i).lastInsertRowid);
    document.run(a1, 1, 'CUD 2009 INPS', 9_000);
    document.run(a1, 2, 'CUD 2009 INPDAP', 350 + i);
    income.run(y, 'B2', 1_260);
    if (i % 3 === 0) year.run(tit, 2007, 'AUTOCERTIFICATO', 1, 'NESSUNA');
    if (i % 2 === 0) {
      const con = Number(subj.run(id, 'CONIUGE', 0, cfs[13], 'BIANCHI', 'LUIGI', 'M', '1928-02-02', 1).lastInsertRowid);
      const yc = Number(year.run(con, 2008, 'AUTOCERTIFICATO', 0, 'NESSUNA').lastInsertRowid);
      income.run(yc, 'A1', 7_800);
    }
    if (figli !== '0') subj.run(id, 'FIGLIO', 1, null, 'ROSSI', 'PAOLO', 'M', '1960-03-03', 0);
    if (figli === 'B') subj.run(id, 'FIGLIO', 2, null, 'ROSSI', 'PIA', 'F', '1962-04-04', 0);
    if (i % 5 === 1) {
      const fp = Number(db.prepare("INSERT INTO foreign_pensions (declaration_id, riga, stato, istituzione, tipo) VALUES (?, 1, '756', 'AVS', 1)").run(id).lastInsertRowid);
      db.prepare('INSERT INTO foreign_pension_amounts (foreign_pension_id, anno, importo) VALUES (?, 2008, 9800), (?, 2007, 9500)').run(fp, fp);
    }
    db.prepare('INSERT INTO declaration_notes (declaration_id, gruppo, segnalibro, appunti) VALUES (?, ?, ?, ?)').run(id, `G${i % 3}`, i % 2 ? 'X' : null, 'telefonare al figlio');
    history.run(id, 'CREAZIONE', null, 'INCOMPLETA', now, null);
    if (status !== 'INCOMPLETA') history.run(id, 'CAMBIO_STATO', 'INCOMPLETA', status, now, null);
    if (i === 11) history.run(id, 'CANCELLAZIONE', status, null, now, 'doppione');
  });
  db.prepare("INSERT INTO settings (key, value) VALUES ('capture', ?)").run(JSON.stringify({ enabled: false, hid: null, wedge: { maxInterKeyMs: 35, minLength: 8 } }));
}

/** Schema 2: a declaration filled in with the editor (details, subject keys, a coniuge's foreign pension with no Tipo yet). */
function seedV2(db: Database.Database): void {
  const cf = cfs[12]!;
  const id = Number(
    db
      .prepare("INSERT INTO declarations (progressivo, campaign, tipo, status, matricola, codice_fiscale, cognome_nome, created_at, updated_at) VALUES (13, 'RED2009', 'N', 'COMPLETA', ?, ?, 'VERDI ANNA', ?, ?)")
      .run(makeMatricola(cf), cf, now, now).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO declaration_details (declaration_id, codice_fiscale, stato_civile, stato_civile_decorrenza, numero_figli, deceduto, espatriato, zero_red, rinuncia, domiciliazione, erede_codice_fiscale, erede_nominativo, ente_codice, ente_non_codificato)
     VALUES (?, ?, '3', '2001-03-01', 0, 0, 0, 0, 0, 1, '', '', '001', 0)`,
  ).run(id, cf);
  db.prepare("INSERT INTO subjects (declaration_id, role, ordinal, codice_fiscale, cognome, nome, subject_key, inverti_secolo) VALUES (?, 'TITOLARE', 0, ?, 'VERDI', 'ANNA', 'titolare', 1)").run(id, cf);
  const con = Number(
    db.prepare("INSERT INTO subjects (declaration_id, role, ordinal, cognome, nome, subject_key, data_decesso) VALUES (?, 'CONIUGE', 0, 'VERDI', 'MARIO', 'coniuge', '2008-11-30')").run(id).lastInsertRowid,
  );
  const fp = Number(db.prepare("INSERT INTO foreign_pensions (declaration_id, subject_id, riga, stato, istituzione, tipo) VALUES (?, ?, 1, '208', 'DK-PENSION', NULL)").run(id, con).lastInsertRowid);
  db.prepare('INSERT INTO foreign_pension_amounts (foreign_pension_id, anno, importo) VALUES (?, 2008, 4100)').run(fp);
  db.prepare("INSERT INTO status_history (declaration_id, event, to_status, at, operator) VALUES (?, 'CREAZIONE', 'INCOMPLETA', ?, 'op'), (?, 'CAMBIO_STATO', 'COMPLETA', ?, 'op')").run(id, now, id, now);
}

/** Schema 4: what transmission writes (server keys and dates, a delivered and a waiting file, a parked change, messages). */
function seedV4(db: Database.Database): void {
  const ids = (status: string) => db.prepare('SELECT id FROM declarations WHERE status = ? AND deleted_at IS NULL ORDER BY id').pluck().all(status) as number[];
  const key = (id: number) => `k${String(id).padStart(31, '0')}`;
  for (const s of ['TRASM_CGN', 'TRASM_INPS', 'RICEVUTA', 'ATTESA']) {
    for (const id of ids(s)) {
      db.prepare('UPDATE declarations SET server_key = ?, sent_version = version, cgn_received_at = ?, inps_sent_at = ?, esito_at = ? WHERE id = ?').run(
        key(id), s === 'ATTESA' ? null : now, s === 'TRASM_CGN' || s === 'ATTESA' ? null : now, s === 'RICEVUTA' ? now : null, id,
      );
    }
  }
  const file = db.prepare('INSERT INTO outbox_files (transmission_id, created_at, operator, state, attempts, next_attempt_at, last_error, stopped, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)');
  const item = db.prepare('INSERT INTO outbox_items (transmission_id, position, declaration_id, version, item_json, outcome, message) VALUES (?, ?, ?, ?, ?, ?, ?)');
  file.run('t-delivered', now, 'op', 'CONSEGNATA', 1, null, null, now);
  [...ids('TRASM_CGN'), ...ids('RICEVUTA')].forEach((id, i) => item.run('t-delivered', i, id, 1, '{"doc":1}', 'accepted', null));
  file.run('t-waiting', now, 'op', 'IN_ATTESA', 2, now, 'Server non raggiungibile', null);
  ids('ATTESA').forEach((id, i) => item.run('t-waiting', i, id, 1, '{"doc":2}', null, null));
  db.prepare("INSERT INTO parked_changes (seq, change_json, parked_at, reason) VALUES (41, '{\"kind\":\"ESITO\",\"serverKey\":\"unknown\"}', ?, 'dichiarazione sconosciuta')").run(now);
  db.prepare("INSERT INTO messages (seq, at, code, text, declaration_id, correct_matricola, read_at) VALUES (7, ?, '9011', 'Matricola da correggere', ?, ?, NULL)").run(now, ids('SCARTATA')[0], makeMatricola(cfs[9]!));
}

interface Step {
  /** Rows of this version's schema, written after the archive reached it. */
  seed?: (db: Database.Database) => void;
  /** What this migration is known to do, given the rows before it. */
  check?: (before: Snapshot, db: Database.Database) => void;
  /** Tables this migration removes on purpose. */
  dropped?: readonly string[];
}

const indexColumns = (db: Database.Database, name: string) => (db.prepare(`PRAGMA index_info("${name}")`).all() as { name: string }[]).map((c) => c.name);

const STEPS: Record<string, Step> = {
  '0001_init': { seed: seedV1 },
  '0002_document': {
    check(before, db) {
      // Every declaration of schema 1 gets its details from its codice fiscale and the matricola's figli.
      const decls = before.get('declarations')!.rows;
      const details = db.prepare('SELECT declaration_id, codice_fiscale, numero_figli, stato_civile FROM declaration_details ORDER BY declaration_id').all();
      expect(details).toEqual(decls.map((d) => ({ declaration_id: d.id, codice_fiscale: d.codice_fiscale, numero_figli: figliOf(String(d.matricola)), stato_civile: null })));
      expect(details.some((d) => (d as { numero_figli: number }).numero_figli === 11)).toBe(true);
      const keys = db.prepare('SELECT role, ordinal, subject_key, inverti_secolo FROM subjects ORDER BY id').all() as Row[];
      for (const k of keys) expect(k.subject_key).toBe(k.role === 'TITOLARE' ? 'titolare' : k.role === 'CONIUGE' ? 'coniuge' : `figlio-${String(k.ordinal)}`);
      expect(keys.every((k) => k.inverti_secolo === 0)).toBe(true);
      // Foreign pensions moved to the rebuilt table, attached to their declaration's titolare.
      const fps = db.prepare("SELECT p.subject_id AS got, s.id AS titolare FROM foreign_pensions p JOIN subjects s ON s.declaration_id = p.declaration_id AND s.role = 'TITOLARE'").all() as { got: number; titolare: number }[];
      expect(fps.length).toBe(before.get('foreign_pensions')!.rows.length);
      for (const f of fps) expect(f.got).toBe(f.titolare);
    },
    seed: seedV2,
  },
  '0003_monitor_indexes': {
    check(_before, db) {
      expect(indexColumns(db, 'ix_declarations_tab')).toEqual(['tab', 'progressivo', 'status']);
      expect(indexColumns(db, 'ix_declarations_cf')).toEqual(['codice_fiscale', 'status', 'progressivo', 'deleted_at']);
      expect(indexColumns(db, 'ix_declarations_nome')).toEqual(['cognome_nome', 'status', 'progressivo', 'deleted_at']);
      expect(indexColumns(db, 'ix_declarations_status')).toEqual(['status', 'deleted_at']);
    },
  },
  '0004_transmission': {
    check(before, db) {
      const n = before.get('declarations')!.rows.length;
      expect(db.prepare('SELECT count(*) FROM declarations WHERE server_key IS NULL AND sent_version IS NULL AND cgn_received_at IS NULL AND inps_sent_at IS NULL AND esito_at IS NULL AND scarto_suggestion IS NULL AND scarto_json IS NULL').pluck().get()).toBe(n);
      for (const t of ['outbox_files', 'outbox_items', 'parked_changes', 'messages']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    },
    seed: seedV4,
  },
};

/** An archive at version `v`, built by the real migrations one version at a time and seeded at each. */
function archiveAt(v: number): string {
  const file = tmpFile();
  for (let k = 1; k <= v; k++) {
    const r = openArchive(file, { migrations: DESK_MIGRATIONS.slice(0, k) });
    expect(r.schemaVersion).toBe(k);
    STEPS[DESK_MIGRATIONS[k - 1]!.name]?.seed?.(r.db);
    r.db.close();
  }
  return file;
}

function healthy(db: Database.Database): void {
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

const UPGRADES = DESK_MIGRATIONS.slice(1).map((m) => ({ from: DESK_MIGRATIONS[m.version - 2]!.name, to: m.name, version: m.version }));

describe('desk migrations: real upgrades N-1 → N', () => {
  it('there is at least one upgrade to test', () => {
    expect(UPGRADES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(UPGRADES)('$from → $to: backup of N-1, only N applied, every row kept, what N does checked', ({ to, version }) => {
    const file = archiveAt(version - 1);
    const old = new Database(file, { readonly: true });
    const before = snapshot(old);
    old.close();
    expect([...before.values()].reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThan(50);

    const r = openArchive(file, { migrations: DESK_MIGRATIONS.slice(0, version) });
    dbs.push(r.db);
    expect(r.appliedMigrations).toEqual([to]);
    expect(r.schemaVersion).toBe(version);
    // The backup is the N-1 archive, row for row.
    const bak = new Database(r.backupFile!, { readonly: true });
    expect(bak.pragma('user_version', { simple: true })).toBe(version - 1);
    expect(snapshot(bak)).toEqual(before);
    bak.close();

    const after = snapshot(r.db);
    const step = STEPS[to];
    expect(expectRowsKept(before, after, step?.dropped)).toBeGreaterThan(50);
    step?.check?.(before, r.db);
    healthy(r.db);
  });
});

/** Runs the product's hot reads on an archive and returns each statement's plan (EXPLAIN QUERY PLAN). */
function hotPlans(db: Database.Database): Map<string, string> {
  const seen = new Map<string, unknown[]>();
  const prepare = db.prepare.bind(db);
  const record = (sql: string, stmt: Database.Statement) =>
    new Proxy(stmt, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (['all', 'get', 'iterate', 'run'].includes(String(prop))) seen.set(sql, args);
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  (db as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) => record(sql, prepare(sql));
  const a = new Archive(db, () => new Date(now));
  for (const tab of TABS) {
    for (const search of [{}, { codiceFiscale: 'RSSMR' }, { cognomeNome: 'ROSSI M' }]) {
      a.monitorList({ tab, offset: 0, limit: 50, ...search });
      a.monitorCounts(search);
    }
  }
  a.monitorList({ tab: 'RICEVUTE', offset: 0, limit: 50, showRettificate: true });
  const first = a.monitorList({ tab: 'DA_SPEDIRE', offset: 0, limit: 1 }).rows[0];
  if (first) {
    a.monitorLocate(first.id);
    a.history(first.id);
  }
  a.findByCodiceFiscale(cfs[0]!, 50);
  a.outboxWaiting();
  a.outboxCounts();
  a.attesaList();
  a.exitCheck();
  a.storico(0, 20);
  a.segnalazioni();
  a.messagesList();
  (db as { prepare: unknown }).prepare = prepare;
  const plans = new Map<string, string>();
  for (const [sql, args] of seen) {
    if (!/^\s*(select|with)\b/i.test(sql)) continue;
    const rows = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as unknown[])) as { detail: string }[];
    plans.set(sql, rows.map((r) => r.detail).join(' | '));
  }
  return plans;
}

describe('desk migrations: the upgraded archive', () => {
  it('at the latest version the hot queries use indexes (no full scan of declarations), exactly as on a new archive', () => {
    const upgraded = openArchive(archiveAt(DESK_MIGRATIONS.length));
    dbs.push(upgraded.db);
    const fresh = openArchive(tmpFile());
    dbs.push(fresh.db);
    const got = hotPlans(upgraded.db);
    const want = hotPlans(fresh.db);
    // (The empty archive runs fewer statements: some follow from rows found.)
    expect([...want.keys()].filter((sql) => !got.has(sql))).toEqual([]);
    expect(got.size).toBeGreaterThan(30);
    for (const [sql, plan] of got) {
      if (want.has(sql)) expect(plan, sql).toBe(want.get(sql));
      // "SCAN declarations" (or its alias d) without an index reads every row: never on a hot path.
      expect(plan, sql).not.toMatch(/\bSCAN (declarations|d)\b(?! USING)/);
    }
    // The monitor and the search use the indexes 0003 made covering.
    const all = [...got.values()].join('\n');
    for (const ix of ['ix_declarations_tab', 'ix_declarations_cf', 'ix_declarations_nome']) expect(all).toContain(ix);
  });
});
