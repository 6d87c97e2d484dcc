import { describe, expect, it } from 'vitest';
import { encodePosReports, MAX_POS_BYTES, PosDecoder, POS_REPORT_LENGTH } from '#main/capture/pos-decoder';
import { ANAGRAFICA, MATRICOLA, POS_ANAGRAFICA, POS_LATIN1, POS_MATRICOLA, POS_MATRICOLA_CR_SHORT, POS_UTF8, reports } from './fixtures';

function decodeAll(rs: readonly Uint8Array[], d = new PosDecoder(), at = (_i: number) => 0): (string | null)[] {
  return rs.map((r, i) => d.decode(r, at(i)));
}

describe('HID POS decoder (usage page 0x8C)', () => {
  it('decodes a barcode in one report', () => {
    expect(decodeAll(reports(POS_MATRICOLA))).toEqual([MATRICOLA]);
  });

  it('joins a barcode over two reports ("decoded data continued")', () => {
    expect(decodeAll(reports(POS_ANAGRAFICA))).toEqual([null, ANAGRAFICA]);
  });

  it('a short report has no continuation byte: it ends the barcode; the reader suffix is kept for the assembler', () => {
    expect(decodeAll(reports(POS_MATRICOLA_CR_SHORT))).toEqual([`${MATRICOLA}\r`]);
  });

  it('reads UTF-8, and Latin-1 when the bytes are not UTF-8', () => {
    expect(decodeAll(reports(POS_LATIN1))).toEqual(['AN|FORLÌ']);
    expect(decodeAll(reports(POS_UTF8))).toEqual(['VIA CAVOUR 1 – FORLÌ']);
  });

  it('ignores other report ids and drops corrupt reports with the barcode under way', () => {
    const [first, second] = reports(POS_ANAGRAFICA);
    if (!first || !second) throw new Error('fixture');
    const other = first.slice();
    other[0] = 0x04;
    expect(decodeAll([other])).toEqual([null]);
    const corrupt = first.slice();
    corrupt[1] = 57; // longer than the data area
    expect(decodeAll([first, corrupt, second])).toEqual([null, null, ANAGRAFICA.slice(56)]);
    expect(decodeAll([first.subarray(0, 20)])).toEqual([null]); // length byte beyond the report
    expect(decodeAll([new Uint8Array([0x02])])).toEqual([null]);
  });

  it('a continuation arriving too late, or after reset(), does not join the previous part', () => {
    const [first, second] = reports(POS_ANAGRAFICA);
    if (!first || !second) throw new Error('fixture');
    const times = [0, 1_000];
    expect(decodeAll([first, second], new PosDecoder(300), (i) => times[i] ?? 0)).toEqual([null, ANAGRAFICA.slice(56)]);
    const d = new PosDecoder();
    expect(d.decode(first, 0)).toBeNull();
    d.reset();
    expect(d.decode(second, 1)).toBe(ANAGRAFICA.slice(56));
  });

  it('drops a barcode longer than the limit, then reads the next one', () => {
    const long = encodePosReports('X'.repeat(MAX_POS_BYTES + 10));
    expect(decodeAll([...long, ...reports(POS_MATRICOLA)]).filter((x) => x !== null)).toEqual([MATRICOLA]);
  });

  it('encodePosReports writes the documented layout', () => {
    const rs = encodePosReports(ANAGRAFICA, ']L2');
    expect(rs.map((r) => r.length)).toEqual([POS_REPORT_LENGTH, POS_REPORT_LENGTH]);
    expect(rs).toEqual(reports(POS_ANAGRAFICA));
  });
});
