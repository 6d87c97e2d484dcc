import type { Status } from './statuses';

/**
 * The status machine: every change of a declaration's status goes through `planTransition`, which says
 * whether the event is allowed from the current status and what the new status is. The archive records
 * the history row in the same transaction as the change.
 *
 * Only the events the desk performs today are listed; later features (Invio, esiti, Correggi) add rows
 * here, not `status = …` assignments elsewhere.
 */
export type StatusEvent = 'CREAZIONE' | 'CANCELLAZIONE' | 'MODIFICA' | 'RENDI_COMPLETA';

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
