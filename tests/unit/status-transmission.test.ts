import { describe, expect, it } from 'vitest';
import { RED2009_TRANSMISSION } from '#shared/campaigns/red2009/transmission';
import { correggiRefusal, deadlineRefusal, exitRefusal, planServerStatus, planTransition, rettificaSendRefusal, deleteRefusal } from '#shared/status/machine';
import { STATUSES, type Status } from '#shared/status/statuses';

const at = (s: Status, sentVersion: number | null = 3, deleted = false) => ({ status: s, sentVersion, deleted });

describe('status machine after sending (pp. 99–104, 108–110)', () => {
  it('Invio only from Completa; Rifiuto only from Attesa; Modifica of a sent RED only from Trasm.CGN', () => {
    for (const s of STATUSES) {
      expect(planTransition('INVIO', s).ok).toBe(s === 'COMPLETA');
      expect(planTransition('RIFIUTO', s).ok).toBe(s === 'ATTESA');
      expect(planTransition('RITIRO', s).ok).toBe(s === 'TRASM_CGN');
      expect(planTransition('RETTIFICA', s).ok).toBe(s === 'RICEVUTA');
      expect(planTransition('CORREGGI', s).ok).toBe(s === 'SCARTATA' || s === 'SCART_CAF');
    }
    expect(planTransition('INVIO', 'COMPLETA')).toMatchObject({ to: 'ATTESA' });
    expect(planTransition('RITIRO', 'TRASM_CGN')).toMatchObject({ to: 'COMPLETA' });
    const inps = planTransition('RITIRO', 'TRASM_INPS');
    expect(inps.ok ? '' : inps.message).toMatch(/Trasm\.INPS non si modifica/);
  });

  it('applies server statuses forward only, for the version sent, idempotently', () => {
    expect(planServerStatus(at('ATTESA'), { version: 3, status: 'TRASM_CGN' })).toEqual({ kind: 'apply', to: 'TRASM_CGN' });
    expect(planServerStatus(at('TRASM_CGN'), { version: 3, status: 'TRASM_CGN' }).kind).toBe('ignore');
    expect(planServerStatus(at('TRASM_INPS'), { version: 3, status: 'TRASM_CGN' }).kind).toBe('ignore');
    expect(planServerStatus(at('ATTESA'), { version: 3, status: 'RICEVUTA' })).toEqual({ kind: 'apply', to: 'RICEVUTA' });
    expect(planServerStatus(at('TRASM_INPS'), { version: 3, status: 'SCARTATA' })).toEqual({ kind: 'apply', to: 'SCARTATA' });
    expect(planServerStatus(at('RICEVUTA'), { version: 3, status: 'SCARTATA' }).kind).toBe('ignore');
    // An older version (e.g. the withdrawn one) or a version this archive never sent changes nothing.
    expect(planServerStatus(at('ATTESA'), { version: 2, status: 'TRASM_CGN' }).kind).toBe('ignore');
    expect(planServerStatus(at('ATTESA'), { version: 4, status: 'TRASM_CGN' }).kind).toBe('ignore');
    expect(planServerStatus(at('COMPLETA', null), { version: 1, status: 'TRASM_CGN' }).kind).toBe('ignore');
    expect(planServerStatus(at('TRASM_CGN', 3, true), { version: 3, status: 'RICEVUTA' }).kind).toBe('ignore');
    // RITIRATA brings a Tras.CGN back to Da spedire, once.
    expect(planServerStatus(at('TRASM_CGN'), { version: 3, status: 'RITIRATA' })).toEqual({ kind: 'apply', to: 'COMPLETA' });
    expect(planServerStatus(at('COMPLETA'), { version: 3, status: 'RITIRATA' }).kind).toBe('ignore');
    expect(planServerStatus(at('RETTIFICATA'), { version: 3, status: 'RICEVUTA' }).kind).toBe('ignore');
  });

  it('Correggi: Ricevuta within 15 days of the forwarding to INPS; Scartata only 9203/9204/9209; Scart. CAF always', () => {
    const sent = '2009-06-01T10:00:00Z';
    const ok = correggiRefusal({ status: 'RICEVUTA', scartoCode: null, inpsSentAt: sent }, RED2009_TRANSMISSION, new Date('2009-06-16T09:00:00Z'));
    expect(ok).toBeNull();
    const late = correggiRefusal({ status: 'RICEVUTA', scartoCode: null, inpsSentAt: sent }, RED2009_TRANSMISSION, new Date('2009-06-16T11:00:00Z'));
    expect(late).toMatch(/entro 15 giorni.*Sede INPS/);
    for (const code of ['9203', '9204', '9209']) expect(correggiRefusal({ status: 'SCARTATA', scartoCode: code, inpsSentAt: null }, RED2009_TRANSMISSION, new Date())).toBeNull();
    for (const code of ['9201', '9202', '9205', '9009', '9010', '9011']) {
      expect(correggiRefusal({ status: 'SCARTATA', scartoCode: code, inpsSentAt: null }, RED2009_TRANSMISSION, new Date())).toMatch(new RegExp(`Non è permessa la correzione \\(codice ${code}\\)`));
    }
    expect(correggiRefusal({ status: 'SCART_CAF', scartoCode: 'SCART_CAF', inpsSentAt: null }, RED2009_TRANSMISSION, new Date())).toBeNull();
    expect(correggiRefusal({ status: 'TRASM_INPS', scartoCode: null, inpsSentAt: null }, RED2009_TRANSMISSION, new Date())).toMatch(/Ricevute o Scartate/);
    expect(correggiRefusal({ status: 'RETTIFICATA', scartoCode: null, inpsSentAt: sent }, RED2009_TRANSMISSION, new Date(sent))).toMatch(/già stata rettificata/);
  });

  it('Cancella: an ordinary declaration in Da spedire yes, a rettificativa R never, a sent one never (p. 101, 103)', () => {
    expect(deleteRefusal('INCOMPLETA', 'N')).toBeNull();
    expect(deleteRefusal('COMPLETA', 'R')).toBe('Una dichiarazione rettificativa «R» non si cancella: va resa completa e inviata al CAF (p. 103).');
    expect(deleteRefusal('ERRATA', 'R')).not.toBeNull();
    expect(deleteRefusal('TRASM_CGN', 'N')).toMatch(/già trasmessa va prima ritirata/);
  });

  it('a rettificativa is sent only within 25 days of the forwarding of the ordinaria to INPS (p. 100)', () => {
    const sent = '2009-06-01T10:00:00Z';
    expect(rettificaSendRefusal(null, RED2009_TRANSMISSION, new Date())).toBeNull();
    expect(rettificaSendRefusal(sent, RED2009_TRANSMISSION, new Date('2009-06-26T09:00:00Z'))).toBeNull();
    expect(rettificaSendRefusal(sent, RED2009_TRANSMISSION, new Date('2009-06-26T11:00:00Z'))).toMatch(/entro 25 giorni.*01\/06\/2009/);
  });

  it('Esci is refused while rettificative are pending; the deadline refuses sending after it', () => {
    expect(exitRefusal([])).toBeNull();
    expect(exitRefusal([{ progressivo: 12 }])).toMatch(/rettificativa \(progressivo 12\) deve essere resa completa e inviata/);
    expect(exitRefusal([{ progressivo: 1 }, { progressivo: 2 }])).toMatch(/2 dichiarazioni rettificative/);
    expect(deadlineRefusal(null, new Date())).toBeNull();
    expect(deadlineRefusal('2009-06-23T09:00:00+02:00', new Date('2009-06-23T06:59:00Z'))).toBeNull();
    expect(deadlineRefusal('2009-06-23T09:00:00+02:00', new Date('2009-06-23T07:01:00Z'))).toMatch(/termine per effettuare l'invio è scaduto il 23\/06\/2009 alle ore 09:00/);
  });
});
