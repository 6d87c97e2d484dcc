/**
 * DM20-REG in the archive (schema 0015; issue 16): the SC7/24 with their DM11 and slips, the
 * quadratura and the inoltro with its collections. Runs inside the archive worker; every write is one transaction
 * and every value is checked with the rules of src-shared/modules/dm20 before it is stored.
 */
import type { Dm20Dm11Row, Dm20PaginaOutput, Dm20Sc724Row, Dm20SlipRow } from '#shared/modules/dm20/api';
import { checkSlip, isEmptySlip, type Dm20CheckContext, type Dm20Finding, type Dm20SlipInput } from '#shared/modules/dm20/checks';
import { readLire, readProgressivoDm11, readSc724Key } from '#shared/modules/dm20/keys';
import { collezioni, inoltroRefusals, quadra, refusalText, type Quadratura } from '#shared/modules/dm20/quadratura';
import type { ArchiveDb } from '../../archive/db';

import { fieldErrors, refused } from './errors';
import { sede, toAzienda, type AziendaDb } from './riferimento';

// ----- SC7/24, DM11 -----

export type Sc724Db = {
  id: number;
  tipo: string;
  articolo: string;
  numero: string;
  importo_contabilizzato: number;
  importo: number;
  tipo_movimento: '1' | '2';
  quadrato_at: string | null;
  inoltrato_at: string | null;
  lista_b_at: string | null;
  lista_c_at: string | null;
  lista_e_at: string | null;
  cancellato_at: string | null;
};

export function sc724Row(a: ArchiveDb, id: number): Sc724Db {
  const r = a.prepared('SELECT * FROM dm20_sc724 WHERE id = ?').get(id) as Sc724Db | undefined;
  if (!r) throw refused('SC7/24 non trovato.');
  return r;
}
/** An SC7/24 still in the acquisition archive (not forwarded). */
function inAcquisizione(a: ArchiveDb, id: number): Sc724Db {
  const r = sc724Row(a, id);
  if (r.inoltrato_at !== null) throw refused(`L'SC7/24 ${r.tipo} ${r.articolo} ${r.numero} è già stato inoltrato: non si può più cambiare né cancellare.`);
  return r;
}
// A change also voids the list B printed for the old amounts (F needs a list B of the squared SC7/24).
const unsquare = (a: ArchiveDb, id: number) => a.prepared('UPDATE dm20_sc724 SET quadrato_at = NULL, lista_b_at = NULL, updated_at = ? WHERE id = ?').run(a.now(), id);

export function sc724List(a: ArchiveDb, inoltrati: boolean): Dm20Sc724Row[] {
  const rows = a
    .prepared(
      `SELECT s.*, (SELECT count(*) FROM dm20_dm11 d WHERE d.sc724_id = s.id) AS dm11,
              (SELECT count(*) FROM dm20_bollettini b WHERE b.sc724_id = s.id) AS bollettini,
              (SELECT count(*) FROM dm20_bollettini b WHERE b.sc724_id = s.id AND b.bloccante = 1) AS bloccanti
       FROM dm20_sc724 s WHERE (s.inoltrato_at IS NOT NULL) = ? AND s.cancellato_at IS NULL ORDER BY s.numero, s.articolo LIMIT 1000`,
    )
    .all(inoltrati ? 1 : 0) as (Sc724Db & { dm11: number; bollettini: number; bloccanti: number })[];
  return rows.map((r) => ({
    id: r.id,
    tipo: r.tipo,
    articolo: r.articolo,
    numero: r.numero,
    importoContabilizzato: r.importo_contabilizzato,
    importo: r.importo,
    tipoMovimento: r.tipo_movimento,
    stato: r.inoltrato_at !== null ? 'inoltrato' : r.quadrato_at !== null ? 'quadrato' : 'acquisizione',
    dm11: r.dm11,
    bollettini: r.bollettini,
    bloccanti: r.bloccanti,
    inoltratoAt: r.inoltrato_at,
    listeStampate: { B: r.lista_b_at !== null, C: r.lista_c_at !== null, E: r.lista_e_at !== null },
  }));
}

export function salvaSc724(a: ArchiveDb, input: { id?: number | undefined; tipo: string; articolo: string; numero: string; importo: string; tipoMovimento?: '1' | '2' | undefined }): { id: number } {
  const errors: { field: string; message: string }[] = [];
  const k = readSc724Key(input);
  if (!k.ok) for (const [field, message] of Object.entries(k.errors)) errors.push({ field, message });
  const imp = readLire('Importo SC7/24', input.importo);
  if (!imp.ok) errors.push({ field: 'importo', message: imp.message });
  else if (imp.value === null) errors.push({ field: 'importo', message: 'Importo SC7/24: obbligatorio, comprese le tre cifre finali.' });
  if (!k.ok || !imp.ok || imp.value === null) throw fieldErrors(errors);
  const key = k.value;
  const importo = imp.value;
  const movimento = input.tipoMovimento ?? '1';
  const now = a.now();
  return a.db
    .transaction(() => {
      const other = a.prepared('SELECT id, inoltrato_at FROM dm20_sc724 WHERE tipo = ? AND articolo = ? AND numero = ?').get(key.tipo, key.articolo, key.numero) as { id: number; inoltrato_at: string | null } | undefined;
      if (other && other.id !== input.id) {
        throw fieldErrors([{ field: 'articolo', message: `SC7/24 ${key.tipo} ${key.articolo} ${key.numero}: già acquisito${other.inoltrato_at ? ' e inoltrato' : ''}.` }]);
      }
      if (input.id !== undefined) {
        inAcquisizione(a, input.id);
        a.prepared('UPDATE dm20_sc724 SET articolo = ?, numero = ?, importo = ?, tipo_movimento = ?, quadrato_at = NULL, lista_b_at = NULL, updated_at = ? WHERE id = ?').run(key.articolo, key.numero, importo, movimento, now, input.id);
        return { id: input.id };
      }
      const r = a
        .prepared('INSERT INTO dm20_sc724 (tipo, articolo, numero, importo_contabilizzato, importo, tipo_movimento, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(key.tipo, key.articolo, key.numero, importo, importo, movimento, now, now);
      return { id: Number(r.lastInsertRowid) };
    })
    .immediate();
}

export function eliminaSc724(a: ArchiveDb, id: number): void {
  a.db.transaction(() => {
    inAcquisizione(a, id);
    a.prepared('DELETE FROM dm20_sc724 WHERE id = ?').run(id);
  }).immediate();
}

export function dm11List(a: ArchiveDb, sc724Id: number): Dm20Dm11Row[] {
  return (a.prepared('SELECT id, sc724_id, progressivo, importo FROM dm20_dm11 WHERE sc724_id = ? ORDER BY progressivo').all(sc724Id) as { id: number; sc724_id: number; progressivo: string; importo: number }[]).map((r) => ({
    id: r.id,
    sc724Id: r.sc724_id,
    progressivo: r.progressivo,
    importo: r.importo,
  }));
}

export function salvaDm11(a: ArchiveDb, input: { id?: number | undefined; sc724Id: number; progressivo: string; importo: string }): { id: number } {
  const errors: { field: string; message: string }[] = [];
  const p = readProgressivoDm11(input.progressivo);
  if (!p.ok) errors.push({ field: 'progressivo', message: p.message });
  const imp = readLire('Importo DM11', input.importo);
  if (!imp.ok) errors.push({ field: 'importo', message: imp.message });
  else if (imp.value === null) errors.push({ field: 'importo', message: 'Importo DM11: obbligatorio, comprese le tre cifre finali.' });
  if (!p.ok || !imp.ok || imp.value === null) throw fieldErrors(errors);
  const prog = p.value;
  const importo = imp.value;
  return a.db
    .transaction(() => {
      inAcquisizione(a, input.sc724Id);
      const other = a.prepared('SELECT id FROM dm20_dm11 WHERE sc724_id = ? AND progressivo = ?').get(input.sc724Id, prog) as { id: number } | undefined;
      if (other && other.id !== input.id) throw fieldErrors([{ field: 'progressivo', message: `Progressivo DM11: ${prog} è già acquisito per questo SC7/24.` }]);
      unsquare(a, input.sc724Id);
      if (input.id !== undefined) {
        const r = a.prepared('UPDATE dm20_dm11 SET progressivo = ?, importo = ? WHERE id = ? AND sc724_id = ?').run(prog, importo, input.id, input.sc724Id);
        if (r.changes === 0) throw refused('DM11 non trovato.');
        return { id: input.id };
      }
      return { id: Number(a.prepared('INSERT INTO dm20_dm11 (sc724_id, progressivo, importo) VALUES (?, ?, ?)').run(input.sc724Id, prog, importo).lastInsertRowid) };
    })
    .immediate();
}

export function eliminaDm11(a: ArchiveDb, id: number): void {
  a.db.transaction(() => {
    const d = a.prepared('SELECT sc724_id FROM dm20_dm11 WHERE id = ?').get(id) as { sc724_id: number } | undefined;
    if (!d) throw refused('DM11 non trovato.');
    inAcquisizione(a, d.sc724_id);
    unsquare(a, d.sc724_id);
    a.prepared('DELETE FROM dm20_dm11 WHERE id = ?').run(id);
  }).immediate();
}

// ----- DM20-REG slips -----

export type SlipDb = {
  id: number;
  sc724_id: number;
  dm11_id: number;
  numero: number;
  documento_diverso: number;
  matricola: string;
  sap: string;
  tipo_archivio: string;
  importo: string;
  inadempienza: string;
  dal: string;
  al: string;
  data_versamento: string;
  importo_lire: number | null;
  esito: Dm20SlipRow['esito'];
  findings: string;
  bloccante: number;
  periodo_errato: number;
};
export const toSlip = (r: SlipDb): Dm20SlipRow => ({
  id: r.id,
  dm11Id: r.dm11_id,
  numero: r.numero,
  documentoDiverso: r.documento_diverso === 1,
  matricola: r.matricola,
  sap: r.sap,
  tipoArchivio: r.tipo_archivio,
  importo: r.importo,
  inadempienza: r.inadempienza,
  dal: r.dal,
  al: r.al,
  dataVersamento: r.data_versamento,
  importoLire: r.importo_lire,
  esito: r.esito,
  findings: JSON.parse(r.findings) as Dm20Finding[],
  bloccante: r.bloccante === 1,
  periodoErrato: r.periodo_errato === 1,
});

export function bollettini(a: ArchiveDb, sc724Id: number): Dm20SlipRow[] {
  return (a.prepared('SELECT * FROM dm20_bollettini WHERE sc724_id = ? ORDER BY numero').all(sc724Id) as SlipDb[]).map(toSlip);
}

function checkContext(a: ArchiveDb, sc: Sc724Db): Dm20CheckContext {
  const s = sede(a);
  if (s === null) throw refused('Indicare prima il codice della Sede (SSZZ) nei dati di riferimento.');
  const az = a.prepared('SELECT * FROM dm20_aziende WHERE matricola = ?');
  const pm = a.prepared('SELECT massimo FROM dm20_progressivi WHERE sede = ?');
  return {
    sede: s,
    numeroSc724: sc.numero,
    azienda: (m) => {
      const r = az.get(m) as AziendaDb | undefined;
      return r ? toAzienda(r) : null;
    },
    progressivoMassimo: (x) => (pm.get(x) as { massimo: number } | undefined)?.massimo ?? null,
  };
}

/**
 * Invio on one page: checks every filled row; with DD003 slips and no confirmation nothing is stored (the second
 * Invio confirms); otherwise the rows are stored (new ones numbered after the last) with their findings, blocking
 * ones included (they stop the inoltro until corrected).
 */
export function salvaPagina(a: ArchiveDb, input: { dm11Id: number; righe: (Dm20SlipInput & { id?: number | undefined })[]; conferma: boolean }): Dm20PaginaOutput {
  return a.db
    .transaction(() => {
      const d = a.prepared('SELECT sc724_id FROM dm20_dm11 WHERE id = ?').get(input.dm11Id) as { sc724_id: number } | undefined;
      if (!d) throw refused('DM11 non trovato.');
      const sc = inAcquisizione(a, d.sc724_id);
      const ctx = checkContext(a, sc);
      const rows = input.righe.filter((r) => r.id !== undefined || !isEmptySlip(r)).map((r) => ({ input: r, result: checkSlip(r, ctx) }));
      const fuoriSede = rows.filter((r) => r.result.esito === 'fuori-sede').length;
      const documentiDiversi = rows.filter((r) => r.result.esito === 'documento-diverso').length;
      const stored = rows.length > 0 && (input.conferma || !rows.some((r) => r.result.daConfermare));
      const out: Dm20PaginaOutput['righe'] = [];
      if (!stored) {
        for (const r of rows) out.push({ esito: r.result.esito, findings: r.result.findings, sap: r.result.sap, numero: null, id: r.input.id ?? null });
        return { stored, righe: out, fuoriSede, documentiDiversi };
      }
      const now = a.now();
      let next = (a.prepared('SELECT coalesce(max(numero), 0) AS n FROM dm20_bollettini WHERE sc724_id = ?').get(sc.id) as { n: number }).n;
      const cols = `documento_diverso = ?, matricola = ?, sap = ?, tipo_archivio = ?, importo = ?, inadempienza = ?, dal = ?, al = ?, data_versamento = ?,
        importo_lire = ?, esito = ?, findings = ?, bloccante = ?, periodo_errato = ?, acquired_at = ?`;
      const upd = a.prepared(`UPDATE dm20_bollettini SET ${cols} WHERE id = ? AND sc724_id = ? RETURNING numero`);
      const ins = a.prepared(
        `INSERT INTO dm20_bollettini (documento_diverso, matricola, sap, tipo_archivio, importo, inadempienza, dal, al, data_versamento, importo_lire, esito, findings,
           bloccante, periodo_errato, acquired_at, sc724_id, dm11_id, numero) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const { input: s, result: r } of rows) {
        const values = [s.documentoDiverso ? 1 : 0, s.matricola.trim(), r.sap, s.tipoArchivio.trim(), s.importo.trim(), s.inadempienza.trim(), s.dal.trim(), s.al.trim(), s.dataVersamento.trim(), r.importoLire, r.esito, JSON.stringify(r.findings), r.bloccante ? 1 : 0, r.periodoErrato ? 1 : 0, now];
        if (s.id !== undefined) {
          const u = upd.get(...values, s.id, sc.id) as { numero: number } | undefined;
          if (!u) throw refused('Bollettino non trovato in questo SC7/24.');
          out.push({ esito: r.esito, findings: r.findings, sap: r.sap, numero: u.numero, id: s.id });
        } else {
          next += 1;
          const id = Number(ins.run(...values, sc.id, input.dm11Id, next).lastInsertRowid);
          out.push({ esito: r.esito, findings: r.findings, sap: r.sap, numero: next, id });
        }
      }
      unsquare(a, sc.id);
      return { stored, righe: out, fuoriSede, documentiDiversi };
    })
    .immediate();
}

export function eliminaBollettino(a: ArchiveDb, id: number): void {
  a.db.transaction(() => {
    const b = a.prepared('SELECT sc724_id FROM dm20_bollettini WHERE id = ?').get(id) as { sc724_id: number } | undefined;
    if (!b) throw refused('Bollettino non trovato.');
    inAcquisizione(a, b.sc724_id);
    unsquare(a, b.sc724_id);
    a.prepared('DELETE FROM dm20_bollettini WHERE id = ?').run(id);
  }).immediate();
}

// ----- B quadratura, C inoltro -----

function computeQuadratura(a: ArchiveDb, sc: Sc724Db): Quadratura {
  const dm11 = dm11List(a, sc.id).map((d) => ({ id: d.id, progressivo: d.progressivo, importoLire: d.importo }));
  const slips = a.prepared('SELECT dm11_id AS dm11Id, importo_lire AS importoLire FROM dm20_bollettini WHERE sc724_id = ?').all(sc.id) as { dm11Id: number; importoLire: number | null }[];
  return quadra(sc.importo, dm11, slips);
}

/** B — Quadratura of an SC7/24 (lists A and B); marks it squared when it is (any later change clears the mark). */
export function quadratura(a: ArchiveDb, sc724Id: number): Quadratura {
  return a.db
    .transaction(() => {
      const sc = sc724Row(a, sc724Id);
      if (sc.cancellato_at !== null) throw refused(`L'SC7/24 ${sc.tipo} ${sc.articolo} ${sc.numero} è stato cancellato (opzione F): i suoi DM11 e bollettini non ci sono più.`);
      const q = computeQuadratura(a, sc);
      if (sc.inoltrato_at === null) a.prepared('UPDATE dm20_sc724 SET quadrato_at = ? WHERE id = ?').run(q.quadrato ? a.now() : null, sc.id);
      return q;
    })
    .immediate();
}

/** C — Inoltro of a squared SC7/24 without blocking errors: the collections DD, FS, RC; it leaves the acquisition archive. */
export function inoltro(a: ArchiveDb, sc724Id: number) {
  return a.db
    .transaction(() => {
      const sc = inAcquisizione(a, sc724Id);
      const q = computeQuadratura(a, sc);
      const rows = a.prepared('SELECT * FROM dm20_bollettini WHERE sc724_id = ? ORDER BY numero').all(sc.id) as SlipDb[];
      const slips = rows.map((s) => ({
        id: s.id,
        esito: s.esito,
        importoLire: s.importo_lire,
        bloccante: s.bloccante === 1,
        daConfermare: false,
      }));
      const why = inoltroRefusals(q, slips);
      if (sc.quadrato_at === null && !why.some((w) => w.kind === 'non-quadrato')) why.push({ kind: 'non-quadrato' });
      if (why.length) throw refused(`Inoltro rifiutato per l'SC7/24 ${sc.tipo} ${sc.articolo} ${sc.numero}: ${why.map(refusalText).join('; ')}${sc.quadrato_at === null && q.quadrato ? ' (eseguire la quadratura)' : ''}.`);
      const c = collezioni(sc.importo_contabilizzato, slips);
      const now = a.now();
      // DD and FS keep their own copy of the slip (archive 30), so F deleting the slips leaves the monthly lists as they were.
      const addSlip = a.prepared(
        `INSERT INTO dm20_collezioni (sc724_id, collezione, bollettino_id, importo, numero, documento_diverso, matricola, sap, dal, al, data_versamento, codici, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const byId = new Map(rows.map((s) => [s.id, s]));
      for (const [coll, ids] of [['DD', c.DD], ['FS', c.FS]] as const) {
        for (const id of ids) {
          const b = byId.get(id);
          if (!b) continue;
          const codici = (JSON.parse(b.findings) as Dm20Finding[]).map((f) => f.code).join(' ');
          addSlip.run(sc.id, coll, id, b.importo_lire ?? 0, b.numero, b.documento_diverso, b.matricola, b.sap, b.dal, b.al, b.data_versamento, codici, now);
        }
      }
      if (c.RC) a.prepared('INSERT INTO dm20_collezioni (sc724_id, collezione, importo, tipo_diff, segno, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(sc.id, 'RC', c.RC.importo, c.RC.tipo, c.RC.segno, now);
      a.prepared(
        `UPDATE dm20_sc724 SET inoltrato_at = ?, updated_at = ?, n_esatti = ?, imp_esatti = ?, n_fuori_sede = ?, imp_fuori_sede = ?, n_doc_diversi = ?, imp_doc_diversi = ?
         WHERE id = ?`,
      ).run(now, now, c.esatti.numero, c.esatti.importo, c.fuoriSede.numero, c.fuoriSede.importo, c.documentiDiversi.numero, c.documentiDiversi.importo, sc.id);
      return { dd: c.DD.length, fs: c.FS.length, rc: c.RC, esatti: c.esatti, fuoriSede: c.fuoriSede, documentiDiversi: c.documentiDiversi };
    })
    .immediate();
}

// ----- D stampe -----

/** "6 000123 20215". */
export function sc724Key(a: ArchiveDb, id: number): string {
  const r = sc724Row(a, id);
  return `${r.tipo} ${r.articolo} ${r.numero}`;
}
