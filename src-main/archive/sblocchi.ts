/**
 * "Sblocca dichiarazione errata" in the archive (issue 12 point 4; guide p. 70, 97–98): what the dialog shows of a
 * declaration, and the unlock itself — the row in `sblocchi`, the status the validation now implies and the status
 * history row (event SBLOCCO: who, when, which error, reason), in one transaction. The code was checked before by
 * the core (services/sblocco.ts), which holds the desk's secret; the archive never sees the secret.
 */
import { AppError, ERROR_CODES } from '#shared/errors';
import { isSbloccabile, type CodiceSbloccabile } from '#shared/sblocco/codice';
import { SBL_CODE } from '#shared/sblocco/regole';
import type { Sblocco, SbloccoInfo } from '#shared/sblocco/api';
import { statusAfterEdit } from '#shared/status/machine';
import { STATUS_INFO, type Status } from '#shared/status/statuses';
import { formatDate } from '#shared/util/italian-time';
import type { ArchiveDb } from './db';
import { addHistory, notFound } from './records';
import { hasSblocchi, requireValidator } from './validation';
import { readDocument } from './documents';

export function sblocchiOf(a: ArchiveDb, id: number): Sblocco[] {
  return sblocchiOfMany(a, [id]).get(id) ?? [];
}

/** The unlocks of some declarations (the prints read them in batches); nothing asked when the archive has none. */
export function sblocchiOfMany(a: ArchiveDb, ids: readonly number[]): Map<number, Sblocco[]> {
  const out = new Map<number, Sblocco[]>();
  if (ids.length === 0 || !hasSblocchi(a)) return out;
  const rows = a.all(a.q.selectFrom('sblocchi').selectAll().where('declaration_id', 'in', [...ids]).orderBy('at').orderBy('codice_errore'));
  for (const r of rows) {
    const list = out.get(r.declaration_id) ?? [];
    list.push({ codiceErrore: r.codice_errore, codice: r.codice, scadenza: r.scadenza, at: r.at, operator: r.operator, motivo: r.motivo });
    out.set(r.declaration_id, list);
  }
  return out;
}

function declaration(a: ArchiveDb, id: number) {
  const d = a.first(
    a.q
      .selectFrom('declarations')
      .select(['id', 'progressivo', 'codice_fiscale', 'cognome_nome', 'campaign', 'status', 'matricola', 'version'])
      .where('id', '=', id)
      .where('deleted_at', 'is', null),
  );
  if (!d) throw notFound(id);
  return d;
}

/** The blocking cross-check errors of a declaration now, one per code (its first message). */
function erroriSbloccabili(a: ArchiveDb, id: number, matricola: string): SbloccoInfo['errori'] {
  const doc = readDocument(a, id);
  if (!doc) throw notFound(id);
  const out = new Map<CodiceSbloccabile, string>();
  for (const f of requireValidator(a)(doc, matricola, id).findings) {
    if (f.severity !== 'BLOCCANTE' || !isSbloccabile(f.code) || out.has(f.code)) continue;
    out.set(f.code, f.message);
  }
  return [...out].map(([codice, messaggio]) => ({ codice, messaggio }));
}

const refused = (message: string, code: string = SBL_CODE.STATO) => new AppError({ code, message });

function onlyErrata(d: { progressivo: number; status: Status }): void {
  if (d.status !== 'ERRATA') {
    throw refused(`Sblocca dichiarazione errata: si usa solo per una dichiarazione in status «Errata»; la dichiarazione progressivo ${d.progressivo} è «${STATUS_INFO[d.status].label}».`);
  }
}

export function sbloccoInfo(a: ArchiveDb, id: number, deskId: string | null): SbloccoInfo {
  const d = declaration(a, id);
  onlyErrata(d);
  return {
    id: d.id,
    progressivo: d.progressivo,
    codiceFiscale: d.codice_fiscale,
    cognomeNome: d.cognome_nome,
    campagna: d.campaign,
    status: d.status,
    deskId,
    errori: erroriSbloccabili(a, id, d.matricola),
    sblocchi: sblocchiOf(a, id),
  };
}

export interface SbloccaRecord {
  id: number;
  /** What the code was checked against, as read before the check: refused if the declaration changed since. */
  progressivo: number;
  codiceFiscale: string;
  codiceErrore: CodiceSbloccabile;
  codice: string;
  scadenza: string;
  motivo: string;
}

/** Records an unlock whose code the core has checked. */
export function sblocca(a: ArchiveDb, r: SbloccaRecord, operator: string): { id: number; status: Status; sblocco: Sblocco } {
  return a.write(() => {
    const d = declaration(a, r.id);
    if (d.progressivo !== r.progressivo || d.codice_fiscale !== r.codiceFiscale) {
      throw refused('La dichiarazione è cambiata mentre si inseriva il codice: riaprire «Sblocca dichiarazione errata».', ERROR_CODES.STALE);
    }
    onlyErrata(d);
    if (!erroriSbloccabili(a, r.id, d.matricola).some((e) => e.codice === r.codiceErrore)) {
      throw refused(`La dichiarazione progressivo ${d.progressivo} non ha l'errore ${r.codiceErrore} da sbloccare.`);
    }
    const at = a.now();
    const motivo = r.motivo.trim();
    a.run(a.q.insertInto('sblocchi').values({ declaration_id: r.id, codice_errore: r.codiceErrore, codice: r.codice, scadenza: r.scadenza, at, operator, motivo }));
    a.anySblocco = true;
    const doc = readDocument(a, r.id);
    if (!doc) throw notFound(r.id);
    const status = statusAfterEdit(d.status, requireValidator(a)(doc, d.matricola, r.id).outcome);
    a.run(a.q.updateTable('declarations').set({ status, version: d.version + 1, updated_at: at }).where('id', '=', r.id));
    addHistory(a, r.id, 'SBLOCCO', d.status, status, operator, `${sbloccoText(r.codiceErrore, r.codice, r.scadenza)}: ${motivo}`, at);
    return { id: r.id, status, sblocco: { codiceErrore: r.codiceErrore, codice: r.codice, scadenza: r.scadenza, at, operator, motivo } };
  });
}

/** "Sblocco IMP-07 (codice 3CCG-T3Z5-FB39 valido fino al 30/06/2009)": the history reason's first part. */
export function sbloccoText(codiceErrore: string, codice: string, scadenza: string): string {
  return `Sblocco ${codiceErrore} dal CAF (codice ${codice} valido fino al ${formatDate(`${scadenza}T12:00:00Z`)})`;
}
