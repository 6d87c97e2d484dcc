import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey, type WedgeThresholds } from '#renderer/capture/wedge';
import { cleanScan, decideScan, describeScan, outcomeOf, scanKind } from '#renderer/capture/route';
import { anagraficaFill, applyAnagraficaFill, fillChanges } from '#renderer/capture/anagrafica-fill';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';
import { parseAnagraficaScan } from '#shared/matricola/anagrafica-scan';
import { newDocumentFor } from '#shared/rules/new-document';
import { parseMatricola } from '#shared/matricola/codec';
import { makeCf, makeMatricola } from '../helpers/matricole';

const TH: WedgeThresholds = DEFAULT_CAPTURE_SETTINGS.wedge; // 35 ms, 8 characters

export type Ev = { key: WedgeKey; t: number };
export type Out = { type: 'typed'; text: string } | { type: 'key'; key: string } | { type: 'scan'; text: string };

/** Runs keys through the detector as the DOM listener does (the release timer fires 2 ms after it is due). */
export function simulate(events: readonly Ev[], th: WedgeThresholds = TH): Out[] {
  const det = new WedgeDetector(th);
  const out: Out[] = [];
  const typed = (chars: readonly string[]) => {
    for (const c of chars) out.push({ type: 'typed', text: c });
  };
  for (const ev of events) {
    const due = det.releaseDueAt();
    if (due !== null && due + 2 < ev.t) typed(det.tick(due + 2));
    const d = det.feed(ev.key, ev.t);
    typed(d.release);
    if (d.action === 'scan') out.push({ type: 'scan', text: d.text });
    else if (d.action === 'pass') {
      if (ev.key.kind === 'char') out.push({ type: 'typed', text: ev.key.char });
      else if (ev.key.kind === 'terminator') out.push({ type: 'key', key: ev.key.key });
      else if (ev.key.kind === 'other') out.push({ type: 'key', key: 'other' });
    }
  }
  typed(det.tick(Number.POSITIVE_INFINITY));
  return out;
}

/** Characters at the given gaps (ms) from t0; `end` adds a terminator `endGap` ms after the last one. */
export function keys(text: string, gap: number | ((i: number) => number), t0 = 1000, end?: 'Enter' | 'Tab', endGap?: number): Ev[] {
  const evs: Ev[] = [];
  let t = t0;
  [...text].forEach((char, i) => {
    if (i > 0) t += typeof gap === 'number' ? gap : gap(i);
    evs.push({ key: { kind: 'char', char }, t });
  });
  if (end) evs.push({ key: { kind: 'terminator', key: end }, t: t + (endGap ?? (typeof gap === 'number' ? gap : 5)) });
  return evs;
}

const typedText = (out: Out[]) => out.filter((o) => o.type === 'typed').map((o) => o.text).join('');
const scans = (out: Out[]) => out.flatMap((o) => (o.type === 'scan' ? [o.text] : []));
const passedKeys = (out: Out[]) => out.flatMap((o) => (o.type === 'key' ? [o.key] : []));

const CF = makeCf('RSS', 'MRA', '45', 'C', '12', 'L219');
const MATRICOLA = makeMatricola(CF);

describe('WedgeDetector: scan or typing', () => {
  it('a burst far faster than a person, ended by Invio, is a scan and reaches no field', () => {
    const out = simulate(keys(MATRICOLA, 5, 1000, 'Enter', 4));
    expect(scans(out)).toEqual([MATRICOLA]);
    expect(typedText(out)).toBe('');
    expect(passedKeys(out)).toEqual([]); // the terminator is swallowed too
  });

  it('Tab ends a scan as well', () => {
    const out = simulate(keys(MATRICOLA, 2, 0, 'Tab', 2));
    expect(scans(out)).toEqual([MATRICOLA]);
    expect(passedKeys(out)).toEqual([]);
  });

  it('human typing (80–250 ms apart) reaches the field whole and in order; Invio after it works normally', () => {
    const gaps = [80, 250, 120, 95, 180, 210, 130, 88, 240, 101, 150, 99];
    const text = 'RSSMRA45C12L';
    const out = simulate(keys(text, (i) => gaps[i % gaps.length] ?? 100, 0, 'Enter', 140));
    expect(typedText(out)).toBe(text);
    expect(scans(out)).toEqual([]);
    expect(passedKeys(out)).toEqual(['Enter']);
    // every character was released before the next one arrived: nothing is delayed beyond the threshold
    expect(out.map((o) => (o.type === 'typed' ? o.text : o.type === 'key' ? `<${o.key}>` : '#'))).toEqual([...text, '<Enter>']);
  });

  it('fast-ish typing (50 ms) of short words is typing, and Invio right after still confirms', () => {
    const out = simulate([...keys('ciao', 50, 0), ...keys('mondo', 50, 400, 'Enter', 60)]);
    expect(typedText(out)).toBe('ciaomondo');
    expect(passedKeys(out)).toEqual(['Enter']);
    expect(scans(out)).toEqual([]);
  });

  it('a quick bigram (20 ms) followed by Invio within the threshold: released first, then Invio passes', () => {
    const out = simulate(keys('ab', 20, 0, 'Enter', 20));
    expect(out).toEqual([
      { type: 'typed', text: 'a' },
      { type: 'typed', text: 'b' },
      { type: 'key', key: 'Enter' },
    ]);
  });

  it('a burst without terminator is not a scan: it is released as typing when the pause expires', () => {
    const out = simulate(keys(MATRICOLA, 5, 0));
    expect(scans(out)).toEqual([]);
    expect(typedText(out)).toBe(MATRICOLA);
  });

  it('a terminator arriving after the pause does not make a scan', () => {
    const out = simulate(keys(MATRICOLA, 5, 0, 'Enter', TH.maxInterKeyMs + 1));
    expect(scans(out)).toEqual([]);
    expect(typedText(out)).toBe(MATRICOLA);
    expect(passedKeys(out)).toEqual(['Enter']);
  });

  it('maxInterKeyMs: a gap equal to it keeps the run, one millisecond more splits it', () => {
    expect(scans(simulate(keys('ABCDEFGHIJ', TH.maxInterKeyMs, 0, 'Enter')))).toEqual(['ABCDEFGHIJ']);
    const split = simulate(keys('ABCDEFGHIJ', (i) => (i === 5 ? TH.maxInterKeyMs + 1 : 5), 0, 'Enter', 5));
    expect(scans(split)).toEqual([]);
    expect(typedText(split)).toBe('ABCDEFGHIJ');
  });

  it('minLength: one character fewer is typing, exactly minLength is a scan', () => {
    const short = simulate(keys('ABCDEFG', 5, 0, 'Enter', 5));
    expect(scans(short)).toEqual([]);
    expect(typedText(short)).toBe('ABCDEFG');
    expect(scans(simulate(keys('ABCDEFGH', 5, 0, 'Enter', 5)))).toEqual(['ABCDEFGH']);
  });

  it('thresholds from the settings: a slow reader (60 ms) is a scan with maxInterKeyMs 80, typing with 35', () => {
    expect(scans(simulate(keys(MATRICOLA, 60, 0, 'Enter', 60), { maxInterKeyMs: 80, minLength: 8 }))).toEqual([MATRICOLA]);
    expect(scans(simulate(keys(MATRICOLA, 60, 0, 'Enter', 60), TH))).toEqual([]);
    expect(scans(simulate(keys('ABCDEFGH', 5, 0, 'Enter', 5), { maxInterKeyMs: 35, minLength: 30 }))).toEqual([]);
  });

  it('Shift pressed by the reader for capitals neither breaks the burst nor ends it', () => {
    const evs: Ev[] = [];
    let t = 0;
    for (const ch of 'AN|ROSSI|Mario') {
      if (ch >= 'A' && ch <= 'Z') evs.push({ key: { kind: 'modifier' }, t: (t += 2) });
      evs.push({ key: { kind: 'char', char: ch }, t: (t += 3) });
    }
    evs.push({ key: { kind: 'terminator', key: 'Enter' }, t: t + 3 });
    expect(scans(simulate(evs))).toEqual(['AN|ROSSI|Mario']);
  });

  it('another key in the middle (Backspace, arrows) releases what was held before it passes', () => {
    const evs: Ev[] = [...keys('ABC', 5, 0), { key: { kind: 'other' }, t: 15 }, ...keys('DEFGHIJK', 5, 20, 'Enter', 5)];
    const out = simulate(evs);
    expect(out.slice(0, 4)).toEqual([
      { type: 'typed', text: 'A' },
      { type: 'typed', text: 'B' },
      { type: 'typed', text: 'C' },
      { type: 'key', key: 'other' },
    ]);
    expect(scans(out)).toEqual(['DEFGHIJK']);
  });

  it('a key held down (auto-repeat, ~33 ms) is typing, never a scan', () => {
    const evs: Ev[] = [{ key: { kind: 'char', char: 'a' }, t: 0 }];
    for (let i = 1; i <= 20; i++) evs.push({ key: { kind: 'char', char: 'a', repeat: true }, t: 500 + i * 33 });
    evs.push({ key: { kind: 'terminator', key: 'Enter' }, t: 500 + 21 * 33 });
    const out = simulate(evs);
    expect(typedText(out)).toBe('a'.repeat(21));
    expect(scans(out)).toEqual([]);
    expect(passedKeys(out)).toEqual(['Enter']);
  });

  it('mixed: a person types, then scans, then types again; each goes to its place', () => {
    const evs = [...keys('RSS', 150, 0), ...keys(MATRICOLA, 4, 800, 'Enter', 4), ...keys('ok', 130, 2000, 'Enter', 200)];
    const out = simulate(evs);
    expect(typedText(out)).toBe('RSSok');
    expect(scans(out)).toEqual([MATRICOLA]);
    expect(passedKeys(out)).toEqual(['Enter']);
  });

  it('two scans in a row are two scans', () => {
    const other = makeMatricola(makeCf('BNC', 'LRA', '38', 'E', '52', 'F205'));
    const out = simulate([...keys(MATRICOLA, 3, 0, 'Enter', 3), ...keys(other, 3, 200, 'Tab', 3)]);
    expect(scans(out)).toEqual([MATRICOLA, other]);
    expect(typedText(out)).toBe('');
  });

  it('flush releases everything held (focus moved by the mouse, capture switched off)', () => {
    const det = new WedgeDetector(TH);
    det.feed({ kind: 'char', char: 'x' }, 0);
    det.feed({ kind: 'char', char: 'y' }, 3);
    expect(det.pending).toBe(2);
    expect(det.releaseDueAt()).toBe(3 + TH.maxInterKeyMs);
    expect(det.tick(10)).toEqual([]); // still within the pause
    expect(det.flush()).toEqual(['x', 'y']);
    expect(det.pending).toBe(0);
    expect(det.releaseDueAt()).toBeNull();
  });
});

const AN = (cf: string, cognome = 'ROSSI') => `AN|${cf}|${cognome}|MARIA|F|19450312|ROMA|VIA APPIA 12|00179|ROMA|RM`;

describe('decideScan: what a scan does', () => {
  it('monitor: a valid Stringa CAF (reader suffix, lower case) opens Nuovo with the normalised string', () => {
    expect(decideScan(`${MATRICOLA.toLowerCase()}\r\n`, { screen: 'monitor' })).toEqual({ kind: 'nuovo', matricola: MATRICOLA });
    expect(decideScan(MATRICOLA, { screen: 'nuovo' })).toEqual({ kind: 'fill-nuovo', matricola: MATRICOLA });
  });

  it('bad scans name the problem: length, controcodice, characters, garbage, empty', () => {
    const wrongLength = decideScan(MATRICOLA.slice(0, 25), { screen: 'monitor' });
    expect(wrongLength).toMatchObject({ kind: 'bad', message: expect.stringContaining('attesi 30 caratteri, trovati 25') });
    const last = MATRICOLA.slice(-1) === 'A' ? 'B' : 'A';
    const wrongCheck = decideScan(MATRICOLA.slice(0, 29) + last, { screen: 'monitor' });
    expect(wrongCheck).toMatchObject({ kind: 'bad', message: expect.stringMatching(/Controcodice.*non corrisponde/) });
    expect(decideScan('%&/()=?^*é°§ç;:_<>', { screen: 'monitor' })).toMatchObject({ kind: 'bad' });
    expect(decideScan(`${MATRICOLA.slice(0, 10)}-${MATRICOLA.slice(11)}`, { screen: 'monitor' })).toMatchObject({
      kind: 'bad',
      message: expect.stringContaining('«-» in posizione 11'),
    });
    expect(decideScan(' \r\n', { screen: 'monitor' })).toMatchObject({ kind: 'bad', message: expect.stringContaining('vuota') });
    expect(decideScan('X'.repeat(600), { screen: 'monitor' })).toMatchObject({ kind: 'bad' });
  });

  it('monitor: a dati anagrafici barcode asks to open the declaration first', () => {
    expect(decideScan(AN(CF), { screen: 'monitor' })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/aprire prima la dichiarazione/) });
    expect(decideScan(AN(CF), { screen: 'nuovo' })).toMatchObject({ kind: 'refused' });
  });

  it('editor: an AN line of the same codice fiscale is to be loaded; of another person it is refused', () => {
    const d = decideScan(AN(CF), { screen: 'editor', titolareCf: CF, readOnly: false });
    expect(d).toMatchObject({ kind: 'anagrafica', value: { codiceFiscale: CF, cognome: 'ROSSI', cap: '00179' } });
    const other = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
    const refused = decideScan(AN(other), { screen: 'editor', titolareCf: CF, readOnly: false });
    expect(refused).toMatchObject({ kind: 'refused' });
    expect(refused.kind === 'refused' && refused.message).toContain(other);
    expect(refused.kind === 'refused' && refused.message).toContain(CF);
    expect(decideScan(AN(CF), { screen: 'editor', titolareCf: CF, readOnly: true })).toMatchObject({ kind: 'refused', message: expect.stringContaining('sola lettura') });
  });

  it('editor: an incomplete AN line is bad; a Stringa CAF is not for this screen', () => {
    expect(decideScan('AN|' + CF + '|ROSSI', { screen: 'editor', titolareCf: CF, readOnly: false })).toMatchObject({
      kind: 'bad',
      message: expect.stringContaining('attesi 10 campi'),
    });
    expect(decideScan(MATRICOLA, { screen: 'editor', titolareCf: CF, readOnly: false })).toMatchObject({ kind: 'refused' });
  });

  it('a printed model\'s barcode selects its declaration in the monitor only (issue 10)', () => {
    // The key as printed on the page of declaration 42 (src-shared/print/key.ts: "RED-" + 6 digits + "-" + CF).
    const key = `RED-000042-${CF}`;
    expect(scanKind(key)).toBe('chiave');
    expect(decideScan(`${key.toLowerCase()}\r\n`, { screen: 'monitor' })).toEqual({ kind: 'select', progressivo: 42, codiceFiscale: CF });
    expect(decideScan(key, { screen: 'nuovo' })).toMatchObject({ kind: 'refused', message: expect.stringContaining('Monitor') });
    expect(decideScan(key, { screen: 'editor', titolareCf: CF, readOnly: false })).toMatchObject({ kind: 'refused' });
    // Too few digits in the progressivo: unreadable, nothing selected.
    expect(decideScan(`RED-42-${CF}`, { screen: 'monitor' })).toMatchObject({ kind: 'bad', message: expect.stringContaining('modello stampato') });
    expect(describeScan(key)).toEqual({ ok: true, text: expect.stringContaining('dichiarazione 42') });
  });

  it('helpers: suffix cleaning, kind, outcome, description', () => {
    expect(cleanScan('\t ABC \r\n')).toBe('ABC');
    expect(scanKind('an|x')).toBe('anagrafica');
    expect(scanKind(MATRICOLA)).toBe('matricola');
    expect(outcomeOf({ kind: 'nuovo', matricola: MATRICOLA })).toEqual({ kind: 'done' });
    expect(outcomeOf({ kind: 'bad', message: 'x' })).toEqual({ kind: 'bad', message: 'x' });
    expect(describeScan(MATRICOLA)).toEqual({ ok: true, text: expect.stringContaining(CF) });
    expect(describeScan('123').ok).toBe(false);
  });
});

describe('anagrafica fill', () => {
  it('writes cognome, nome, indirizzo, CAP, comune and provincia each in its box into the titolare only', () => {
    const m = parseMatricola(MATRICOLA);
    if (!m.ok) throw new Error('matricola');
    const doc = newDocumentFor(m.value);
    const scan = parseAnagraficaScan(AN(CF));
    if (!scan.ok) throw new Error('scan');
    const fill = anagraficaFill(scan.value);
    expect(fill).toEqual({ cognome: 'ROSSI', nome: 'MARIA', indirizzo: 'VIA APPIA 12', cap: '00179', comune: 'ROMA', provincia: 'RM' });
    expect(fillChanges(doc, fill)).toBe(true);
    const draft = structuredClone(doc);
    applyAnagraficaFill(draft, fill, CF);
    const t = draft.soggetti.find((s) => s.role === 'TITOLARE');
    expect(t).toMatchObject({ cognome: 'ROSSI', nome: 'MARIA', indirizzo: 'VIA APPIA 12', cap: '00179', comune: 'ROMA', provincia: 'RM' });
    expect(draft.soggetti.filter((s) => s.role !== 'TITOLARE')).toEqual(doc.soggetti.filter((s) => s.role !== 'TITOLARE'));
    expect(fillChanges(draft, fill)).toBe(false);
  });
});
