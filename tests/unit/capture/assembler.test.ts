import { describe, expect, it } from 'vitest';
import { ScanAssembler } from '#main/capture/assembler';

function make(options = {}) {
  const scans: string[] = [];
  return { scans, a: new ScanAssembler((t) => scans.push(t), options) };
}

describe('scan assembler', () => {
  it('ends a scan at CR, LF or TAB, trimmed; empty scans are none', () => {
    const { scans, a } = make();
    a.push(' RSS', 0);
    a.push('MRA\r', 1);
    a.push('\n', 2); // CR LF: the LF ends an empty scan
    a.push('AB\tCD\n', 3);
    a.push('   \r', 4);
    expect(scans).toEqual(['RSSMRA', 'AB', 'CD']);
  });

  it('end() ends a scan without terminator (end of a HID POS barcode)', () => {
    const { scans, a } = make();
    a.push('AN|X', 0);
    a.end();
    a.end();
    expect(scans).toEqual(['AN|X']);
  });

  it('discard() (unplug) drops the partial scan: it is never joined to the next', () => {
    const { scans, a } = make();
    a.push('RSSMRA85', 0);
    expect(a.pending).toBe(true);
    a.discard();
    a.push('T10\r', 1);
    expect(scans).toEqual(['T10']);
    expect(a.dropped).toBe(1);
  });

  it('a gap longer than maxGapMs drops what came before it', () => {
    const { scans, a } = make({ maxGapMs: 300 });
    a.push('ABC', 0);
    a.push('D', 300); // exactly the limit: same scan
    a.push('EF', 700); // 400 ms later: ABCD dropped
    a.push('\r', 710);
    expect(scans).toEqual(['EF']);
    expect(a.dropped).toBe(1);
  });

  it('a scan longer than maxLength is dropped up to its terminator, the next one is read', () => {
    const { scans, a } = make({ maxLength: 10 });
    a.push('0123456789', 0);
    a.push('X', 1);
    a.push('YZ\r', 2);
    a.push('OK\r', 3);
    expect(scans).toEqual(['OK']);
    a.push(`${'9'.repeat(10)}\r`, 4);
    expect(scans).toEqual(['OK', '9999999999']);
  });
});
