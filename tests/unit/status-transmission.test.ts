import { describe, expect, it } from 'vitest';
import { RED2009_TRANSMISSION } from '#shared/campaigns/red2009/transmission';
import { correggiLastDay, correggiRefusal, deadlineRefusal, exitRefusal, planServerStatus, planTransition, rettificaSendRefusal, deleteRefusal, sentChangeRefusal } from '#shared/status/machine';
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

  it('Correggi: Scartata only 9203/9204/9209; Scart. CAF always; not from other statuses', () => {
    const f = (status: Status, scartoCode: string | null) => ({ status, scartoCode, ordinariaInvioAt: null, ricostituita: false });
    for (const code of ['9203', '9204', '9209']) expect(correggiRefusal(f('SCARTATA', code), RED2009_TRANSMISSION, new Date())).toBeNull();
    for (const code of ['9201', '9202', '9205', '9009', '9010', '9011']) {
      expect(correggiRefusal(f('SCARTATA', code), RED2009_TRANSMISSION, new Date())).toMatch(new RegExp(`Non è permessa la correzione \\(codice ${code}\\)`));
    }
    expect(correggiRefusal(f('SCART_CAF', 'SCART_CAF'), RED2009_TRANSMISSION, new Date())).toBeNull();
    expect(correggiRefusal(f('TRASM_INPS', null), RED2009_TRANSMISSION, new Date())).toMatch(/Ricevute o Scartate/);
    expect(correggiRefusal(f('RETTIFICATA', null), RED2009_TRANSMISSION, new Date())).toMatch(/già stata rettificata/);
  });

  // Issue 11 point 13. "Correggi … esclusivamente entro 15 giorni dal primo invio della dichiarazione RED ordinaria"
  // (p. 69). First sending of the ordinaria on Monday 01/06/2009 at 10:00 Italian time (08:00Z, summer time): the day
  // of the sending does not count, so the 15th day is Tuesday 16/06/2009 (June has 30 days: 1 + 15 = 16) and the
  // window closes at midnight Italian time between 16/06 and 17/06 (22:00Z of 16/06).
  describe('Correggi window: 15 days from the first sending of the ordinaria (p. 69)', () => {
    const primoInvio = '2009-06-01T08:00:00Z';
    const ricevuta = { status: 'RICEVUTA' as const, scartoCode: null, ordinariaInvioAt: primoInvio, ricostituita: false };
    it('open on the last day, 16/06/2009 at 23:59 Italian time', () => {
      expect(correggiRefusal(ricevuta, RED2009_TRANSMISSION, new Date('2009-06-16T21:59:00Z'))).toBeNull();
    });
    it('closed from 17/06/2009 at 00:00 Italian time, naming the day of the sending and the last day', () => {
      expect(correggiRefusal(ricevuta, RED2009_TRANSMISSION, new Date('2009-06-16T22:00:00Z'))).toBe(
        'Correggi è ammesso solo entro 15 giorni dal primo invio della dichiarazione ordinaria (inviata il 01/06/2009, termine scaduto il 16/06/2009): la correzione va presentata allo sportello della Sede INPS competente.',
      );
    });
    it('the last day is 16/06/2009 (what the Correggi dialog shows)', () => {
      expect(correggiLastDay(primoInvio, RED2009_TRANSMISSION)).toBe('2009-06-16');
      // A sending at 23:30 of 31/05 Italian time (21:30Z) counts from 31/05: last day 15/06.
      expect(correggiLastDay('2009-05-31T21:30:00Z', RED2009_TRANSMISSION)).toBe('2009-06-15');
    });
  });

  // Issue 11 point 13. "Le rettifiche/correzioni potranno essere trasmesse entro 25 giorni dalla data di invio all'INPS
  // del modello ordinario" (p. 100). Ordinaria forwarded to INPS on 05/06/2009 (09:00 Italian time, 07:00Z): the 25th
  // day is 30/06/2009 (5 + 25 = 30). The caller passes the date of the ordinaria N for every R of the chain.
  describe('rettificativa sending window: 25 days from the forwarding of the ordinaria to INPS (p. 100)', () => {
    const inps = '2009-06-05T07:00:00Z';
    it('open on 30/06/2009 at 23:59 Italian time', () => {
      expect(rettificaSendRefusal(inps, RED2009_TRANSMISSION, new Date('2009-06-30T21:59:00Z'))).toBeNull();
    });
    it('closed from 01/07/2009 at 00:00 Italian time', () => {
      expect(rettificaSendRefusal(inps, RED2009_TRANSMISSION, new Date('2009-06-30T22:00:00Z'))).toMatch(
        /entro 25 giorni dall'invio del modello ordinario \(inviato all'INPS il 05\/06\/2009, termine scaduto il 30\/06\/2009\)/,
      );
    });
    it('no date (never forwarded from this archive): nothing to refuse', () => {
      expect(rettificaSendRefusal(null, RED2009_TRANSMISSION, new Date())).toBeNull();
    });
  });

  // Issue 11 point 15. "Le VARIAZIONI sono ammesse solo se la posizione non è già stata ricostituita" (p. 102).
  describe('position already ricostituita (p. 102, OPR-05)', () => {
    const within = new Date('2009-06-02T08:00:00Z');
    const row = { status: 'RICEVUTA' as const, scartoCode: null, ordinariaInvioAt: '2009-06-01T08:00:00Z', ricostituita: false };
    it('refuses Correggi on a Ricevuta even within the 15 days', () => {
      expect(correggiRefusal({ ...row, ricostituita: true }, RED2009_TRANSMISSION, within)).toBe(
        "Posizione già ricostituita dall'INPS: le variazioni non sono più ammesse telematicamente (p. 102), la correzione va presentata allo sportello della Sede INPS competente.",
      );
    });
    it('the same Ricevuta not ricostituita is correctable', () => {
      expect(correggiRefusal(row, RED2009_TRANSMISSION, within)).toBeNull();
    });
  });

  it('Cancella: an ordinary declaration in Da spedire yes, a rettificativa R never, a sent one never (p. 101, 103)', () => {
    expect(deleteRefusal('INCOMPLETA', 'N')).toBeNull();
    expect(deleteRefusal('COMPLETA', 'R')).toBe('Una dichiarazione rettificativa «R» non si cancella: va resa completa e inviata al CAF (p. 103).');
    expect(deleteRefusal('ERRATA', 'R')).not.toBeNull();
    expect(deleteRefusal('TRASM_CGN', 'N')).toMatch(/già trasmessa va prima ritirata/);
  });

  it('Esci is refused while rettificative are pending; the deadline refuses sending after it', () => {
    expect(exitRefusal([])).toBeNull();
    expect(exitRefusal([{ progressivo: 12 }])).toMatch(/rettificativa \(progressivo 12\) deve essere resa completa e inviata/);
    expect(exitRefusal([{ progressivo: 1 }, { progressivo: 2 }])).toMatch(/2 dichiarazioni rettificative/);
    expect(deadlineRefusal(null, new Date())).toBeNull();
    expect(deadlineRefusal('2009-06-23T09:00:00+02:00', new Date('2009-06-23T06:59:00Z'))).toBeNull();
    expect(deadlineRefusal('2009-06-23T09:00:00+02:00', new Date('2009-06-23T07:01:00Z'))).toMatch(/termine per effettuare l'invio è scaduto il 23\/06\/2009 alle ore 09:00/);
  });

  // Issue 11 point 14. Seed 000, point 3: after the deadline (there 23/06 ore 09:00) "le dichiarazioni già inserite e
  // spedite NON DOVRANNO ESSERE ELIMINATE O MODIFICATE".
  describe('after the campaign deadline sent declarations are neither withdrawn nor corrected (seed 000, point 3)', () => {
    const termine = '2009-06-23T09:00:00+02:00';
    it('allowed at 08:59 Italian time of 23/06/2009', () => {
      expect(sentChangeRefusal(termine, new Date('2009-06-23T06:59:00Z'))).toBeNull();
      expect(sentChangeRefusal(null, new Date('2030-01-01T00:00:00Z'))).toBeNull();
    });
    it('refused at 09:01', () => {
      expect(sentChangeRefusal(termine, new Date('2009-06-23T07:01:00Z'))).toBe(
        "Il termine per effettuare l'invio è scaduto il 23/06/2009 alle ore 09:00: le dichiarazioni già inviate non possono più essere ritirate, cancellate, modificate né corrette.",
      );
    });
  });
});
