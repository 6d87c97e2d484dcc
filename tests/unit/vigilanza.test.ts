/**
 * "Vigilanza" (p. 111–113): the table "Codici errori e sanzioni" against the guide's numbers, and the reading of a
 * check message code. Expected values are typed from the guide (p. 111), not taken from the module.
 */
import { describe, expect, it } from 'vitest';
import {
  SANZIONI_CONTROLLO,
  controlloMessageCode,
  controlloMessageText,
  esitoControlloLabel,
  formatImportoCent,
  parseControlloCode,
} from '#shared/vigilanza/controlli';
import { NORMATIVA_DI_RIFERIMENTO } from '#shared/vigilanza/testi';

describe('Codici errori e sanzioni (p. 111)', () => {
  it('has the 5 codes with the guide\'s labels and amounts (Documentato / Autocertificato / Breve)', () => {
    const printed = SANZIONI_CONTROLLO.map((s) => [
      s.codice,
      s.tipologia,
      formatImportoCent(s.importoCent.DOCUMENTATO),
      formatImportoCent(s.importoCent.AUTOCERTIFICATO),
      formatImportoCent(s.importoCent.BREVE),
    ]);
    expect(printed).toEqual([
      [1, 'Stato civile errato', '144,00', '80,40', '91,08'],
      [2, 'Codice fiscale errato', '288,00', '160,80', '182,16'],
      [3, 'Errore di trascrizione', '144,00', '80,40', '91,08'],
      [4, 'Redditi certificati discordanti con il fisco', '288,00', '160,80', '182,16'],
      [5, 'Redditi certificati discordanti con il 730 presentato dallo stesso intermediario', '720,00', '402,00', '455,40'],
    ]);
  });

  it('agrees with the amounts the guide quotes elsewhere for a documented RED (p. 46, 79, 85)', () => {
    const doc = (c: number) => SANZIONI_CONTROLLO.find((s) => s.codice === c)?.importoCent.DOCUMENTATO;
    expect(doc(2)).toBe(28_800); // codice fiscale errato, € 288 (p. 46, 79)
    expect(doc(1)).toBe(14_400); // stato civile, € 144 (p. 79)
    expect(doc(5)).toBe(72_000); // 730 of the same intermediary, € 720 (p. 85)
  });

  it('lists AP15 and AP57 among the documents of "Normativa di riferimento" (p. 72)', () => {
    expect(NORMATIVA_DI_RIFERIMENTO.map((d) => d.titolo)).toEqual(expect.arrayContaining(['Modello AP15', 'Modello AP57']));
  });
});

describe('check message codes', () => {
  it('reads the esito of a check code', () => {
    expect(parseControlloCode('CONTROLLO_INPS:3')).toBe('3');
    expect(parseControlloCode('CONTROLLO_INPS:IN_CORSO')).toBe('IN_CORSO');
    expect(parseControlloCode('CONTROLLO_INPS:REGOLARE')).toBe('REGOLARE');
  });

  it('ignores other messages and unknown esiti', () => {
    for (const c of [null, undefined, '', '9011', 'RICOSTITUITA', 'CONTROLLO_INPS:', 'CONTROLLO_INPS:6', 'CONTROLLO_INPS:0', 'controllo_inps:3', 'CONTROLLO_INPS:3 ']) {
      expect(parseControlloCode(c)).toBeNull();
    }
  });

  it('round-trips the code the server writes', () => {
    expect(controlloMessageCode('5')).toBe('CONTROLLO_INPS:5');
    expect(parseControlloCode(controlloMessageCode('REGOLARE'))).toBe('REGOLARE');
  });

  it('labels and texts name the code and the guide\'s label', () => {
    expect(esitoControlloLabel('2')).toBe('Errore 2 – Codice fiscale errato');
    expect(esitoControlloLabel('IN_CORSO')).toBe('Controllo in corso');
    expect(controlloMessageText('1', ' Stato civile da verificare. ')).toMatch(/codice errore 1 «Stato civile errato»\. Stato civile da verificare\.$/);
  });
});
