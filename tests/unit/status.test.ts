import { describe, expect, it } from 'vitest';
import { STATUSES, STATUS_INFO, TABS, statusesOf, tabOf } from '#shared/status/statuses';
import { canDelete, planTransition } from '#shared/status/machine';

describe('statuses and tabs (guide pp. 67–68)', () => {
  it('each tab holds the statuses the guide assigns to it', () => {
    expect(statusesOf('DA_SPEDIRE')).toEqual(['ERRATA', 'INCOMPLETA', 'COMPLETA']);
    expect(statusesOf('SPEDITE')).toEqual(['ATTESA', 'TRASM_CGN', 'BLOCCATA', 'TRASM_INPS']);
    expect(statusesOf('RICEVUTE')).toEqual(['RICEVUTA', 'RETTIFICATA']);
    expect(statusesOf('SCARTATE')).toEqual(['SCARTATA', 'SCART_CAF']);
    expect(TABS.flatMap((t) => statusesOf(t)).sort()).toEqual([...STATUSES].sort());
  });
  it('only Rettificata is hidden by default ("Visualizza rettificate")', () => {
    expect(STATUSES.filter((s) => STATUS_INFO[s].hiddenByDefault)).toEqual(['RETTIFICATA']);
    expect(tabOf('RETTIFICATA')).toBe('RICEVUTE');
    expect(STATUS_INFO.SCART_CAF.label).toBe('Scart. CAF');
  });
});

describe('status machine', () => {
  it('a new declaration is Incompleta (nothing filled in)', () => {
    expect(planTransition('CREAZIONE', null)).toEqual({ ok: true, event: 'CREAZIONE', from: null, to: 'INCOMPLETA' });
  });
  it('Cancella only from Errata, Incompleta, Completa (p. 101)', () => {
    expect(STATUSES.filter(canDelete)).toEqual(['ERRATA', 'INCOMPLETA', 'COMPLETA']);
    const refused = planTransition('CANCELLAZIONE', 'TRASM_INPS');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/Errata, Incompleta o Completa/);
  });
});
