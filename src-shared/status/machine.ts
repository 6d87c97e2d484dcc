import type { TransmissionRules } from '../campaigns/red2009/transmission';
import type { Status } from './statuses';
import { formatDate, formatTime, romeLastDay, romeToday } from '../util/italian-time';

/**
 * The status machine: every change of a declaration's status goes through `planTransition`, which says
 * whether the event is allowed from the current status and what the new status is. The archive records
 * the history row in the same transaction as the change.
 *
 * Only the events the desk performs today are listed; later features (Invio, esiti, Correggi) add rows
 * here, not `status = …` assignments elsewhere.
 */
export type StatusEvent =
  | 'CREAZIONE'
  | 'CANCELLAZIONE'
  | 'MODIFICA'
  | 'RENDI_COMPLETA'
  | 'INVIO'
  | 'RIFIUTO'
  | 'RITIRO'
  | 'CORREGGI'
  | 'RETTIFICA'
  | 'RIATTIVA_9011';

interface TransitionRule {
  event: StatusEvent;
  /** `null` = the declaration does not exist yet. */
  from: readonly (Status | null)[];
  /** `null` = the declaration leaves the archive (kept in the history). */
  to: Status | null;
  /** Italian reason when the event is refused from another status. */
  refusal: string;
  /** Guide reference. */
  ref: string;
}

export const TRANSITIONS: readonly TransitionRule[] = [
  {
    event: 'CREAZIONE',
    from: [null],
    // A new declaration has nothing filled in: it is not complete (guide p. 74; red-domain.md T01).
    to: 'INCOMPLETA',
    refusal: 'La dichiarazione esiste già.',
    ref: 'p. 74',
  },
  {
    event: 'MODIFICA',
    from: ['ERRATA', 'INCOMPLETA', 'COMPLETA'],
    // The validation result decides the new status (see `statusAfterEdit`).
    to: null,
    refusal:
      'Si possono modificare solo le dichiarazioni con status Errata, Incompleta o Completa; una dichiarazione trasmessa si ritira con "Modifica" dalla scheda Spedite.',
    ref: 'pp. 87, 102',
  },
  {
    event: 'RENDI_COMPLETA',
    from: ['ERRATA', 'INCOMPLETA', 'COMPLETA'],
    to: 'COMPLETA',
    refusal: 'Solo una dichiarazione in lavorazione (scheda Da spedire) può essere resa completa.',
    ref: 'p. 87',
  },
  {
    event: 'CANCELLAZIONE',
    from: ['ERRATA', 'INCOMPLETA', 'COMPLETA'],
    to: null,
    refusal:
      'Si possono cancellare solo le dichiarazioni con status Errata, Incompleta o Completa; una dichiarazione già trasmessa va prima ritirata con "Modifica".',
    ref: 'p. 101',
  },
  {
    // T04/T05: into the outbox; "Tras.CGN" only when the server confirms receipt (red-domain §8.1).
    event: 'INVIO',
    from: ['COMPLETA'],
    to: 'ATTESA',
    refusal: 'Si inviano solo le dichiarazioni con status Completa della scheda Da spedire.',
    ref: 'p. 99',
  },
  {
    // The server refused the item (or the whole file, e.g. after the deadline): back in "Da spedire".
    event: 'RIFIUTO',
    from: ['ATTESA'],
    to: 'COMPLETA',
    refusal: 'La dichiarazione non è in attesa di conferma.',
    ref: 'p. 99',
  },
  {
    // T08: "Modifica" of a Tras.CGN after the server withdrew it.
    event: 'RITIRO',
    from: ['TRASM_CGN'],
    to: 'COMPLETA',
    refusal:
      'Si può ritirare per modificarla solo una dichiarazione Trasm.CGN; una Trasm.INPS non si modifica: attendere che passi in Ricevute (p. 103).',
    ref: 'pp. 101–103',
  },
  {
    // T17/T19: "Correggi" of a Scartata (allowed codes) or Scart. CAF: back to "Da spedire" to be edited.
    event: 'CORREGGI',
    from: ['SCARTATA', 'SCART_CAF'],
    to: 'INCOMPLETA',
    refusal: 'Correggi si usa sulle dichiarazioni Ricevute o Scartate.',
    ref: 'pp. 103–104, 110',
  },
  {
    // T14: the original of a rettificativa.
    event: 'RETTIFICA',
    from: ['RICEVUTA'],
    to: 'RETTIFICATA',
    refusal: 'Si rettifica solo una dichiarazione Ricevuta.',
    ref: 'p. 103',
  },
  {
    // T21: 9011 found correct by the CAF: made complete again with the Utilità function and resent.
    event: 'RIATTIVA_9011',
    from: ['SCARTATA'],
    to: 'COMPLETA',
    refusal: 'Si riattiva solo una dichiarazione Scartata con codice 9011.',
    ref: 'pp. 45, 109',
  },
];

export type TransitionPlan =
  | { ok: true; event: StatusEvent; from: Status | null; to: Status | null }
  | { ok: false; event: StatusEvent; from: Status | null; message: string };

export function planTransition(event: StatusEvent, from: Status | null): TransitionPlan {
  const rule = TRANSITIONS.find((t) => t.event === event);
  if (!rule) return { ok: false, event, from, message: `Operazione sconosciuta: ${event}.` };
  if (!rule.from.includes(from)) return { ok: false, event, from, message: rule.refusal };
  return { ok: true, event, from, to: rule.to };
}

export function canDelete(status: Status): boolean {
  return planTransition('CANCELLAZIONE', status).ok;
}

/**
 * Why "Cancella" is refused (null: allowed). A rettificativa "R" not yet sent is never deleted (p. 103): the guide
 * imposes its retransmission, and deleting it would hide the Rettificata original and slip past the Esci guard.
 */
export function deleteRefusal(status: Status, tipo: 'N' | 'R'): string | null {
  const plan = planTransition('CANCELLAZIONE', status);
  if (!plan.ok) return plan.message;
  if (tipo === 'R') return 'Una dichiarazione rettificativa «R» non si cancella: va resa completa e inviata al CAF (p. 103).';
  return null;
}

/** What the validation engine concluded about a declaration (see rules/types.ts). */
export type ValidationOutcome = 'ERRATA' | 'INCOMPLETA' | 'COMPLETABILE';

/**
 * Status after an edit (p. 87): blocking errors → Errata; missing data → Incompleta; otherwise a Completa
 * declaration stays Completa and any other stays Incompleta until the operator makes it complete.
 */
export function statusAfterEdit(from: Status, outcome: ValidationOutcome): Status {
  if (outcome === 'ERRATA') return 'ERRATA';
  if (outcome === 'INCOMPLETA') return 'INCOMPLETA';
  return from === 'COMPLETA' ? 'COMPLETA' : 'INCOMPLETA';
}

/** "Rendi completa": refused while blocking errors or missing data remain. */
export function completeRefusal(outcome: ValidationOutcome, blocking: number): string | null {
  if (outcome === 'COMPLETABILE') return null;
  return `La dichiarazione non può essere resa completa: ${blocking === 1 ? 'resta 1 errore bloccante' : `restano ${blocking} errori bloccanti`} (vedere Monitor errori).`;
}

// ----- after sending -----------------------------------------------------------------------------------

/** The server's statuses (server-api/contract.ts ServerStatus) as the desk applies them. */
export type ServerStatusName = 'TRASM_CGN' | 'SCART_CAF' | 'SCARTATA' | 'TRASM_INPS' | 'RICEVUTA' | 'RITIRATA' | 'BLOCCATA';

/** How far along the way to INPS a status is: a change of the same version never moves backwards. */
const PROGRESS: Partial<Record<Status, number>> = {
  ATTESA: 1,
  BLOCCATA: 1,
  TRASM_CGN: 2,
  SCART_CAF: 3,
  TRASM_INPS: 3,
  SCARTATA: 4,
  RICEVUTA: 4,
};

export type ServerStatusPlan =
  | { kind: 'apply'; to: Status }
  /** Nothing to do (already applied, an older version, or a declaration that left the archive). */
  | { kind: 'ignore'; why: string };

/**
 * What a status from the server (answer to an "Invio" or the change feed) does to the local declaration.
 * Idempotent and order-safe: the same change applied twice is ignored the second time; a change about an
 * older version than the one sent last is ignored; a change never moves a sent version backwards, except
 * RITIRATA, which brings a Tras.CGN back to "Da spedire".
 */
export function planServerStatus(
  local: { status: Status; sentVersion: number | null; deleted: boolean },
  change: { version: number; status: ServerStatusName },
): ServerStatusPlan {
  if (local.deleted) return { kind: 'ignore', why: 'dichiarazione cancellata' };
  if (local.sentVersion === null) return { kind: 'ignore', why: 'dichiarazione mai inviata da questo archivio' };
  if (change.version < local.sentVersion) return { kind: 'ignore', why: 'versione precedente' };
  if (change.version > local.sentVersion) return { kind: 'ignore', why: 'versione sconosciuta all\'archivio' };
  if (change.status === 'RITIRATA') {
    return local.status === 'TRASM_CGN' || local.status === 'ATTESA' ? { kind: 'apply', to: 'COMPLETA' } : { kind: 'ignore', why: 'già ritirata' };
  }
  if (local.status === 'RETTIFICATA') return { kind: 'ignore', why: 'rettificata' };
  // "Blocca" of the CAF (p. 68): only a declaration not yet forwarded; "Sblocca" brings it back to Trasm.CGN (below).
  if (change.status === 'BLOCCATA') {
    return local.status === 'TRASM_CGN' || local.status === 'ATTESA' ? { kind: 'apply', to: 'BLOCCATA' } : { kind: 'ignore', why: `status ${local.status} non bloccabile` };
  }
  const now = PROGRESS[local.status];
  const next = PROGRESS[change.status];
  if (now === undefined || next === undefined) return { kind: 'ignore', why: `status ${local.status} non in trasmissione` };
  if (next <= now) return { kind: 'ignore', why: 'già applicata' };
  return { kind: 'apply', to: change.status };
}

const giorno = formatDate;

/** INPS esiti and CGN rejections that "Correggi" cannot fix, with what to do instead (pp. 45, 103, 108–109). */
const NOT_CORRECTABLE: Readonly<Record<string, string>> = {
  '9009': 'matricola erroneamente emessa dall\'INPS: la dichiarazione non va corretta.',
  '9010': 'matricola IPOST non corretta: caricare una nuova dichiarazione con la matricola corretta indicata nel messaggio.',
  '9011':
    'matricola IPOST da verificare: attendere il messaggio in piattaforma; se la matricola è corretta usare Utilità → «Riattiva dichiarazione 9011», altrimenti caricare una nuova dichiarazione.',
  '9201': 'dichiarazione non interessata alla campagna RED.',
  '9202': 'dichiarazione trasmessa da utente diverso: può correggerla solo chi l\'ha trasmessa per primo.',
  '9205': 'correzione non accettata, pensione già ricalcolata: far ricostituire il RED allo sportello dell\'Ente.',
};

/** "16/06/2009" from the ISO day "2009-06-16". */
const giornoIso = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The counter's message of a correction INPS no longer acquires telematically (pp. 100, 102, 103). */
const ALLO_SPORTELLO = 'la correzione va presentata allo sportello della Sede INPS competente';

/**
 * A term of `days` days from `start` still open on the Italian day of `now` (the start day does not count, the
 * last day does: italian-time.ts `romeLastDay`). Returns the last day (ISO) when it has passed, else null.
 */
function termPassed(start: string, days: number, now: Date): string | null {
  const last = romeLastDay(start, days);
  if (last === null) return null;
  return romeToday(now.getTime()) > last ? last : null;
}

/** What "Correggi" needs to know of a declaration (the monitor row carries it; see archive.ts). */
export interface CorreggiFacts {
  status: Status;
  scartoCode: string | null;
  /**
   * The first sending of the ordinaria of the declaration's chain (the "N" a rettificativa R descends from, or
   * the declaration itself): the CAF's first confirmed receipt. Null: never sent from this archive.
   */
  ordinariaInvioAt: string | null;
  /** INPS said the position was already "ricostituita" (esito feed, p. 102). */
  ricostituita: boolean;
}

/**
 * Why "Correggi" is not allowed on a declaration now (null = allowed), OPR-05 / OPR-06:
 * - a position already "ricostituita" takes no more variations (p. 102: "Le VARIAZIONI sono ammesse solo se la
 *   posizione non è già stata ricostituita");
 * - a Ricevuta only within `correggiWindowDays` of the first sending of the ordinaria. The guide says "entro 15
 *   giorni dal primo invio della dichiarazione RED ordinaria" (p. 69) and "entro 15 giorni dalla data di invio
 *   all'INPS del modello ordinario" (p. 103): p. 69 wins, as issue 11 point 13 asks — it is the page of the
 *   "Correggi" button itself and the earlier date, so the desk never offers a correction INPS would no longer
 *   take. The count is the same for every R of the chain (the date of the ordinaria, never the R's own);
 * - a Scartata only for the campaign's codes; a Scart. CAF always (fix the codice fiscale).
 */
export function correggiRefusal(row: CorreggiFacts, rules: TransmissionRules, now: Date): string | null {
  if (row.ricostituita && (row.status === 'RICEVUTA' || row.status === 'SCARTATA' || row.status === 'SCART_CAF')) {
    return `Posizione già ricostituita dall'INPS: le variazioni non sono più ammesse telematicamente (p. 102), ${ALLO_SPORTELLO}.`;
  }
  switch (row.status) {
    case 'RICEVUTA': {
      if (!row.ordinariaInvioAt) return null;
      const last = termPassed(row.ordinariaInvioAt, rules.correggiWindowDays, now);
      if (last) {
        return `Correggi è ammesso solo entro ${rules.correggiWindowDays} giorni dal primo invio della dichiarazione ordinaria (inviata il ${giorno(row.ordinariaInvioAt)}, termine scaduto il ${giornoIso(last)}): ${ALLO_SPORTELLO}.`;
      }
      return null;
    }
    case 'SCART_CAF':
      return null;
    case 'SCARTATA': {
      const code = row.scartoCode ?? '';
      if (rules.correggiAllowed.includes(code)) return null;
      return `Non è permessa la correzione (codice ${code || 'sconosciuto'}): ${NOT_CORRECTABLE[code] ?? 'codice non correggibile.'}`;
    }
    case 'RETTIFICATA':
      return 'La dichiarazione è già stata rettificata: correggere la rettificativa.';
    default:
      return 'Correggi si usa sulle dichiarazioni Ricevute o Scartate.';
  }
}

/** The last day "Correggi" is allowed on a Ricevuta whose ordinaria was first sent at `ordinariaInvioAt` (ISO day). */
export function correggiLastDay(ordinariaInvioAt: string | null, rules: TransmissionRules): string | null {
  return romeLastDay(ordinariaInvioAt, rules.correggiWindowDays);
}

/**
 * A rettificativa reaches INPS only within `inpsRettificaWindowDays` of the forwarding of the ordinaria to INPS
 * (p. 100: "entro 25 giorni dalla data di invio all'INPS del modello ordinario"): for every R of the chain the
 * date is the one of the ordinaria N, never the one of the R it corrects. After it "Invio" is refused and the
 * correction goes to the counter of the INPS office.
 */
export function rettificaSendRefusal(ordinariaInpsSentAt: string | null, rules: TransmissionRules, now: Date): string | null {
  if (!ordinariaInpsSentAt) return null;
  const last = termPassed(ordinariaInpsSentAt, rules.inpsRettificaWindowDays, now);
  if (!last) return null;
  return `Le rettifiche sono acquisite dall'INPS solo entro ${rules.inpsRettificaWindowDays} giorni dall'invio del modello ordinario (inviato all'INPS il ${giorno(ordinariaInpsSentAt)}, termine scaduto il ${giornoIso(last)}): presentare la correzione allo sportello della Sede INPS competente.`;
}

/** "Esci" (p. 103): the rettificative R not yet sent keep the program open. */
export function exitRefusal(pending: readonly { progressivo: number }[]): string | null {
  if (pending.length === 0) return null;
  const list = pending.slice(0, 10).map((p) => p.progressivo).join(', ');
  return `Non è possibile uscire: ${pending.length === 1 ? 'la dichiarazione rettificativa' : `${pending.length} dichiarazioni rettificative`} (progressivo ${list}${pending.length > 10 ? ', …' : ''}) ${pending.length === 1 ? 'deve essere resa completa e inviata' : 'devono essere rese complete e inviate'} prima di chiudere il programma.`;
}

/** The deadline of the campaign (seed 000): refusal message once it has passed, else null. */
export function deadlineRefusal(deadline: string | null, now: Date): string | null {
  if (!deadline) return null;
  const d = new Date(deadline);
  if (now.getTime() <= d.getTime()) return null;
  const ora = formatTime(deadline);
  return `Il termine per effettuare l'invio è scaduto il ${giorno(deadline)} alle ore ${ora}: le dichiarazioni non possono più essere trasmesse al CAF.`;
}

/**
 * After the campaign deadline the declarations already sent are "NON … ELIMINATE O MODIFICATE" (seed 000, point 3):
 * no "Modifica" (withdrawal) or annullamento of a Trasm.CGN, no "Correggi" (a rettificativa R could not be sent
 * any more and would keep the program open, p. 103). The deadline is the one in force (the CAF's setting); the
 * central server refuses the withdrawal too (SRV-07). Null while it has not passed.
 */
export function sentChangeRefusal(deadline: string | null, now: Date): string | null {
  if (!deadline) return null;
  if (now.getTime() <= new Date(deadline).getTime()) return null;
  return `Il termine per effettuare l'invio è scaduto il ${giorno(deadline)} alle ore ${formatTime(deadline)}: le dichiarazioni già inviate non possono più essere ritirate, cancellate, modificate né corrette.`;
}
