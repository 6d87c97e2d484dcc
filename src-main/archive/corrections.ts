import type { ArchiveDb } from './db';
import { readDocument, writeDocument } from './documents';
import { correctionFacts } from './correction-facts';
import { addHistory, nextProgressivo, notFound } from './records';
import { plan, refused, scartoColumns, stateOf } from './server-status';
import { requireValidator } from './validation';
import { ERROR_CODES } from '#shared/errors';
import type { RedDocument } from '#shared/domain/red-document';
import { correggiRefusal, statusAfterEdit } from '#shared/status/machine';
import type { Status } from '#shared/status/statuses';
import type { TransmissionRules } from '#shared/campaigns/red2009/transmission';
import { formatDate, romeLastDay } from '#shared/util/italian-time';
import type { Scarto } from '#shared/server-api/contract';

/** After the transmission (pp. 101–104, 109–111): the withdrawal for "Modifica", "Correggi", "Riattiva 9011". */

/** What the server needs to withdraw a declaration. */
export function serverRef(a: ArchiveDb, id: number): { serverKey: string | null; sentVersion: number | null; status: Status; progressivo: number } {
  const d = a.first(
    a.q.selectFrom('declarations').select(['server_key', 'sent_version', 'status', 'progressivo']).where('id', '=', id).where('deleted_at', 'is', null),
  );
  if (!d) throw notFound(id);
  return { serverKey: d.server_key, sentVersion: d.sent_version, status: d.status, progressivo: d.progressivo };
}

/** The server withdrew it ("Modifica" / annullamento of a Tras.CGN, p. 101–102): back in "Da spedire". */
export function applyWithdrawn(a: ArchiveDb, id: number, version: number, operator: string): { id: number; status: Status } {
  return a.write(() => {
    const d = stateOf(a, id);
    if (!d || d.deleted_at !== null) throw notFound(id);
    if (d.status === 'COMPLETA' || d.status === 'INCOMPLETA' || d.status === 'ERRATA') return { id, status: d.status };
    const to = plan('RITIRO', d.status);
    if (d.sent_version !== version) throw refused('Il CAF ha ritirato una versione diversa da quella inviata: sincronizzare e riprovare.');
    const at = a.now();
    a.run(a.q.updateTable('declarations').set({ status: to, version: d.version + 1, updated_at: at, ...scartoColumns(null) }).where('id', '=', id));
    addHistory(a, id, 'CAMBIO_STATO', d.status, to, operator, 'ritirata dal CAF per modifica', at);
    return { id, status: to };
  });
}

/** Replaces the rejected codici fiscali with the suggested ones (Scart. CAF "codice fiscale collegato", p. 110–111). */
function withSuggestedCf(doc: RedDocument, scarto: Scarto | null): RedDocument {
  const next = structuredClone(doc);
  for (const c of scarto?.codiciFiscali ?? []) {
    if (!c.suggested) continue;
    if (c.role === 'TITOLARE') {
      next.anagrafica.codiceFiscale = c.suggested;
      const t = next.soggetti.find((s) => s.role === 'TITOLARE');
      if (t) t.codiceFiscale = c.suggested;
    } else {
      const s = next.soggetti.find((x) => x.role === 'CONIUGE');
      if (s) s.codiceFiscale = c.suggested;
    }
  }
  return next;
}

export interface CorreggiResult {
  id: number;
  progressivo: number;
  status: Status;
  rettificativa: boolean;
  message: string;
}

/**
 * "Correggi" (pp. 103–104, 110–111). On a Ricevuta (within the campaign window): a copy "R" with a new
 * progressivo, the original becomes "Rettificata". On a Scartata with a correctable code, or a Scart. CAF
 * (optionally with the suggested codice fiscale): back to "Da spedire" to be edited, made complete and resent.
 */
export function correggi(a: ArchiveDb, id: number, opts: { applySuggestedCf: boolean }, rules: TransmissionRules, now: Date, operator: string): CorreggiResult {
  const validate = requireValidator(a);
  return a.write((): CorreggiResult => {
    const d = a.first(a.q.selectFrom('declarations').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
    if (!d) throw notFound(id);
    const facts = correctionFacts(a, [id]).get(id);
    const refusal = correggiRefusal(
      { status: d.status, scartoCode: d.scarto_code, ordinariaInvioAt: facts?.ordinariaInvioAt ?? null, ricostituita: facts?.ricostituita ?? false },
      rules,
      now,
    );
    if (refusal) throw refused(refusal, d.status === 'RICEVUTA' ? 'OPR-05' : d.status === 'SCARTATA' ? 'OPR-06' : ERROR_CODES.OPERATION_REFUSED);
    const doc = readDocument(a, id);
    if (!doc) throw notFound(id);
    const at = a.now();
    if (d.status === 'RICEVUTA') {
      const original = plan('RETTIFICA', d.status);
      const progressivo = nextProgressivo(a);
      const created = plan('CREAZIONE', null);
      const status = statusAfterEdit(created, validate(doc, d.matricola).outcome);
      const newId = Number(
        a.run(
          a.q.insertInto('declarations').values({
            progressivo,
            campaign: d.campaign,
            tipo: 'R',
            status,
            matricola: d.matricola,
            codice_fiscale: d.codice_fiscale,
            cognome_nome: d.cognome_nome,
            scarto_origin: null,
            scarto_code: null,
            scarto_message: null,
            rettifica_of: d.id,
            created_at: at,
            updated_at: at,
            deleted_at: null,
          }),
        ).lastInsertRowid,
      );
      writeDocument(a, newId, doc);
      a.run(a.q.updateTable('declarations').set({ status: original, version: d.version + 1, updated_at: at }).where('id', '=', id));
      addHistory(a, id, 'CAMBIO_STATO', d.status, original, operator, `rettificata dalla dichiarazione progressivo ${progressivo}`, at);
      addHistory(a, newId, 'CREAZIONE', null, status, operator, `rettificativa della dichiarazione progressivo ${d.progressivo}`, at);
      const inps = romeLastDay(facts?.ordinariaInpsSentAt, rules.inpsRettificaWindowDays);
      return {
        id: newId,
        progressivo,
        status,
        rettificativa: true,
        message:
          `Creata la dichiarazione rettificativa (R) progressivo ${progressivo}: va resa completa e inviata prima di chiudere il programma.` +
          (inps !== null ? ` L'INPS acquisisce le rettifiche entro il ${formatDate(`${inps}T12:00:00Z`)}.` : ''),
      };
    }
    const scarto = d.scarto_json ? (JSON.parse(d.scarto_json) as Scarto) : null;
    const fixed = opts.applySuggestedCf ? withSuggestedCf(doc, scarto) : doc;
    const to = statusAfterEdit(plan('CORREGGI', d.status), validate(fixed, d.matricola, id).outcome);
    if (fixed !== doc) {
      writeDocument(a, id, fixed);
      const cf = fixed.anagrafica.codiceFiscale.trim().toUpperCase();
      if (cf) a.run(a.q.updateTable('declarations').set({ codice_fiscale: cf }).where('id', '=', id));
    }
    a.run(a.q.updateTable('declarations').set({ status: to, version: d.version + 1, updated_at: at, ...scartoColumns(null) }).where('id', '=', id));
    addHistory(a, id, 'CAMBIO_STATO', d.status, to, operator, `Correggi (${d.scarto_code ?? d.status})${fixed !== doc ? ': codice fiscale suggerito applicato' : ''}`, at);
    return {
      id,
      progressivo: d.progressivo,
      status: to,
      rettificativa: false,
      message: `La dichiarazione ${d.progressivo} è tornata in «Da spedire»: correggerla, renderla completa e inviarla di nuovo.`,
    };
  });
}

/** Utilità → "Riattiva dichiarazione 9011" (p. 45, 109): after the CAF's message that the matricola is correct. */
export function riattiva9011(a: ArchiveDb, id: number, operator: string): { id: number; status: Status } {
  const validate = requireValidator(a);
  return a.write(() => {
    const d = a.first(a.q.selectFrom('declarations').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
    if (!d) throw notFound(id);
    if (d.status !== 'SCARTATA' || d.scarto_code !== '9011') throw refused('Si riattiva solo una dichiarazione Scartata con codice 9011.');
    const msg = a.first(
      a.q.selectFrom('messages').select(['correct_matricola']).where('declaration_id', '=', id).where('code', '=', '9011').orderBy('seq', 'desc'),
    );
    if (!msg) throw refused('Attendere il messaggio in piattaforma del CAF con l\'esito della verifica della matricola.');
    if (msg.correct_matricola) {
      throw refused(`Il CAF ha comunicato che la matricola non è corretta: caricare una nuova dichiarazione con la matricola ${msg.correct_matricola}.`);
    }
    const doc = readDocument(a, id);
    if (!doc || validate(doc, d.matricola, id).outcome !== 'COMPLETABILE') throw refused('La dichiarazione ha errori: non può essere resa completa.');
    const to = plan('RIATTIVA_9011', d.status);
    const at = a.now();
    a.run(a.q.updateTable('declarations').set({ status: to, version: d.version + 1, updated_at: at, ...scartoColumns(null) }).where('id', '=', id));
    addHistory(a, id, 'CAMBIO_STATO', d.status, to, operator, 'matricola 9011 verificata dal CAF: resa completa', at);
    return { id, status: to };
  });
}
