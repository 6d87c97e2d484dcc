import { describe, expect, it } from 'vitest';
import { KeyboardDecoder } from '#main/capture/keyboard-decoder';
import { canType, encodeKeyboard } from '#main/capture/keyboard-encoder';
import { typeableCharacters } from '#main/capture/layouts';
import { parseMatricola } from '#shared/matricola/codec';
import { parseAnagraficaScan } from '#shared/matricola/anagrafica-scan';
import type { KeyboardLayout } from '#shared/domain/capture';
import {
  ANAGRAFICA,
  hex,
  IT_MATRICOLA,
  IT_SYMBOLS,
  IT_SYMBOLS_TEXT,
  MATRICOLA,
  REPEATED,
  REPEATED_TEXT,
  ROLLOVER,
  ROLLOVER_TEXT,
  US_MATRICOLA,
} from './fixtures';

function decodeAll(lines: readonly string[] | readonly Uint8Array[], layout: KeyboardLayout): string {
  const d = new KeyboardDecoder(layout);
  const rs = lines.map((l) => (typeof l === 'string' ? hex(l) : l));
  return rs.map((r) => d.decode(r)).join('');
}

describe('HID keyboard decoder (boot reports)', () => {
  it('decodes a recorded Stringa CAF typed with the US layout (Shift held across capitals, Enter)', () => {
    const text = decodeAll(US_MATRICOLA, 'us');
    expect(text).toBe(`${MATRICOLA}\r`);
    expect(parseMatricola(text.trim()).ok).toBe(true);
  });

  it('decodes a recorded Stringa CAF typed with the Italian layout (Right Shift, rollover, Keypad Enter)', () => {
    expect(decodeAll(IT_MATRICOLA, 'it')).toBe(`${MATRICOLA}\r`);
  });

  it('decodes AltGr, Shift+AltGr, Ctrl+Alt and the Italian punctuation keys', () => {
    expect(decodeAll(IT_SYMBOLS, 'it')).toBe(IT_SYMBOLS_TEXT);
  });

  it('the same usages give the US characters with the US layout', () => {
    expect(decodeAll(['02 00 24 00 00 00 00 00', '00 00 00 00 00 00 00 00', '02 00 27 00 00 00 00 00', '00 00 38 00 00 00 00 00', '00 00 33 00 00 00 00 00'], 'us')).toBe('&)/;');
    expect(decodeAll(['02 00 24 00 00 00 00 00', '00 00 00 00 00 00 00 00', '02 00 27 00 00 00 00 00', '00 00 38 00 00 00 00 00', '00 00 33 00 00 00 00 00'], 'it')).toBe('/=-ò');
    // AltGr has no characters on the US table: nothing rather than a wrong character.
    expect(decodeAll(['40 00 2f 00 00 00 00 00'], 'us')).toBe('');
  });

  it('key rollover: every key typed once, in press order; ErrorRollOver reports ignored', () => {
    expect(decodeAll(ROLLOVER, 'us')).toBe(ROLLOVER_TEXT);
    expect(decodeAll(ROLLOVER, 'it')).toBe(ROLLOVER_TEXT);
  });

  it('a key released and pressed again is repeated ("11", "00"); a held key is not', () => {
    expect(decodeAll(REPEATED, 'it')).toBe(REPEATED_TEXT);
  });

  it('Tab and Enter are terminators whatever the modifiers; keypad digits are digits', () => {
    expect(decodeAll(['02 00 2b 00 00 00 00 00', '00 00 00 00 00 00 00 00', '40 00 28 00 00 00 00 00'], 'it')).toBe('\t\r');
    const keypad = ['59', '5a', '5b', '5c', '5d', '5e', '5f', '60', '61', '62', '63'].flatMap((u) => [`00 00 ${u} 00 00 00 00 00`, '00 00 00 00 00 00 00 00']);
    expect(decodeAll(keypad, 'us')).toBe('1234567890.');
  });

  it('accepts a report id before the boot report (9 bytes) and ignores other lengths', () => {
    expect(decodeAll(['01 02 00 04 00 00 00 00 00', '01 00 00 00 00 00 00 00 00'], 'us')).toBe('A');
    expect(decodeAll(['02 00 04 00 00 00', '02 00 04 00 00 00 00 00 00 00 00 00'], 'us')).toBe('');
  });

  it('reset() forgets the held keys (reader reopened with a key down)', () => {
    const d = new KeyboardDecoder('us');
    expect(d.decode(hex('00 00 1e 00 00 00 00 00'))).toBe('1');
    expect(d.decode(hex('00 00 1e 00 00 00 00 00'))).toBe('');
    d.reset();
    expect(d.decode(hex('00 00 1e 00 00 00 00 00'))).toBe('1');
  });

  it('encoder and decoder agree on every typeable character of both layouts, with every reader style', () => {
    for (const layout of ['it', 'us'] as const) {
      const chars = [...typeableCharacters(layout)].join('');
      for (const options of [{}, { rollover: true }, { modifierFirst: true }, { reportId: 3, rollover: true, modifierFirst: true }]) {
        const text = `${chars}${chars.split('').reverse().join('')}\r`;
        expect(decodeAll(encodeKeyboard(text, layout, options), layout)).toBe(text);
      }
    }
  });

  it('both layouts type the Stringa CAF and the anagrafica line (including «|» and the apostrophe)', () => {
    const anagrafica = ANAGRAFICA.replace('ROSSI', "D'ANGELO");
    for (const layout of ['it', 'us'] as const) {
      expect(canType(anagrafica, layout)).toBe(true);
      const text = decodeAll(encodeKeyboard(`${anagrafica}\r`, layout, { modifierFirst: true }), layout);
      expect(text).toBe(`${anagrafica}\r`);
    }
    expect(parseAnagraficaScan(ANAGRAFICA).ok).toBe(true);
  });

  it('decoding with the wrong layout does not give the scanned text', () => {
    const text = decodeAll(encodeKeyboard(`${ANAGRAFICA}\r`, 'it'), 'us');
    expect(text).not.toBe(`${ANAGRAFICA}\r`);
    expect(parseAnagraficaScan(text).ok).toBe(false);
  });
});
