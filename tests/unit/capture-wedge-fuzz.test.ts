/**
 * Fuzz: 12,000 random keyboard-wedge bursts (seeded) through the detector and the scan router.
 * Invariants: no exception; every character typed is either given to the page, in order, or part of a scan
 * (nothing is lost or duplicated); a scan only from a fast run of at least minLength characters ended by a
 * terminator; garbage never opens "Nuovo" nor loads an anagrafica (the router says 'nuovo' / 'fill-nuovo' only
 * for a Stringa CAF that parseMatricola accepts, 'anagrafica' only for a valid AN line of the same codice
 * fiscale), and no decision is a write (creating or changing a declaration always takes the operator's
 * confirmation in a dialog).
 */
import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey, type WedgeThresholds } from '#renderer/capture/wedge';
import { parseDeclarationKey } from '#shared/print/key';
import { cleanScan, decideScan, type ScanDecision, type ScanScreen } from '#renderer/capture/route';
import { parseMatricola } from '#shared/matricola/codec';
import { parseAnagraficaScan } from '#shared/matricola/anagrafica-scan';
import { makeCf, makeMatricola } from '../helpers/matricole';

/** mulberry32: small, seeded, good enough for fuzzing. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BURSTS = 12_000;
const POOL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789|  -./\\,;:!?"\'()[]{}<>@#$%&*+=_~àèéìòù°§£€';
const TITOLARE_CF = makeCf('RSS', 'MRA', '45', 'C', '12', 'L219');
const VALID = [
  makeMatricola(TITOLARE_CF),
  makeMatricola(makeCf('VRD', 'GPP', '40', 'A', '10', 'H501'), { codiceEmissione: 'G', anniRichiesti: '3' }),
  makeMatricola(makeCf('BNC', 'LRA', '38', 'E', '52', 'F205'), { codiceEmissione: 'H', numeroFigli: 'C' }),
];
const AN_LINES = [
  `AN|${TITOLARE_CF}|ROSSI|MARIO|M|19450312|ROMA|VIA APPIA 12|00179|ROMA|RM`,
  `AN|${makeCf('VRD', 'GPP', '40', 'A', '10', 'H501')}|VERDI|GIUSEPPE|M|19400110|ROMA|VIA VERDI 1|00100|ROMA|RM`,
];

type Ev = { key: WedgeKey; t: number };
type Piece = { source: 'typed' | 'scan'; text: string };

function runDetector(events: readonly Ev[], th: WedgeThresholds) {
  const det = new WedgeDetector(th);
  const pieces: Piece[] = [];
  const scans: { text: string; evIndex: number }[] = [];
  const typed = (chars: readonly string[]) => chars.forEach((c) => pieces.push({ source: 'typed', text: c }));
  events.forEach((ev, i) => {
    const due = det.releaseDueAt();
    if (due !== null && due + 2 < ev.t) typed(det.tick(due + 2));
    const d = det.feed(ev.key, ev.t);
    typed(d.release);
    if (d.action === 'scan') {
      pieces.push({ source: 'scan', text: d.text });
      scans.push({ text: d.text, evIndex: i });
    } else if (d.action === 'pass' && ev.key.kind === 'char') {
      pieces.push({ source: 'typed', text: ev.key.char });
    }
  });
  typed(det.tick(Number.POSITIVE_INFINITY));
  return { pieces, scans };
}

/** A random burst: garbage, a valid code, a mutated valid code or an AN line; fast or slow; with or without terminator. */
function randomBurst(rnd: () => number, t0: number): { text: string; events: Ev[] } {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const r = rnd();
  let text: string;
  if (r < 0.55) {
    const n = Math.floor(rnd() * 120);
    text = Array.from({ length: n }, () => pick([...POOL])).join('');
  } else if (r < 0.7) {
    text = pick(VALID);
  } else if (r < 0.85) {
    const base = [...pick(rnd() < 0.5 ? VALID : AN_LINES)];
    const edits = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < edits; k++) {
      const i = Math.floor(rnd() * base.length);
      const op = rnd();
      if (op < 0.5) base[i] = pick([...POOL]);
      else if (op < 0.75) base.splice(i, 1);
      else base.splice(i, 0, pick([...POOL]));
    }
    text = base.join('');
  } else {
    text = pick(AN_LINES);
  }
  const speed = rnd();
  const gap = () => (speed < 0.7 ? 1 + rnd() * 15 : speed < 0.85 ? 20 + rnd() * 40 : 60 + rnd() * 200);
  const events: Ev[] = [];
  let t = t0;
  for (const char of text) {
    if (rnd() < 0.1) events.push({ key: { kind: 'modifier' }, t: (t += 1) });
    if (rnd() < 0.01) events.push({ key: { kind: 'other' }, t: (t += gap()) });
    events.push({ key: { kind: 'char', char, repeat: rnd() < 0.005 }, t: (t += gap()) });
  }
  const end = rnd();
  if (end < 0.6) events.push({ key: { kind: 'terminator', key: 'Enter' }, t: t + gap() });
  else if (end < 0.8) events.push({ key: { kind: 'terminator', key: 'Tab' }, t: t + gap() });
  else if (end < 0.9) events.push({ key: { kind: 'other' }, t: t + gap() });
  return { text, events };
}

const SCREENS: readonly ScanScreen[] = [
  { screen: 'monitor' },
  { screen: 'nuovo' },
  { screen: 'editor', titolareCf: TITOLARE_CF, readOnly: false },
  { screen: 'editor', titolareCf: TITOLARE_CF, readOnly: true },
];

/** The router's invariants for one text on one screen. */
function checkDecision(text: string, where: ScanScreen, d: ScanDecision): void {
  if (d.kind === 'nuovo' || d.kind === 'fill-nuovo') {
    const m = parseMatricola(cleanScan(text));
    expect(m.ok).toBe(true);
    if (m.ok) expect(d.matricola).toBe(m.value.matricola);
    expect(where.screen).toBe(d.kind === 'nuovo' ? 'monitor' : 'nuovo');
  } else if (d.kind === 'anagrafica') {
    expect(where.screen).toBe('editor');
    expect(where.screen === 'editor' && where.readOnly).toBe(false);
    const a = parseAnagraficaScan(cleanScan(text));
    expect(a.ok).toBe(true);
    expect(d.value.codiceFiscale).toBe(TITOLARE_CF);
  } else if (d.kind === 'select') {
    expect(where.screen).toBe('monitor');
    expect(parseDeclarationKey(cleanScan(text))).toEqual({ progressivo: d.progressivo, codiceFiscale: d.codiceFiscale });
  } else {
    expect(d.message.length).toBeGreaterThan(10);
  }
}

describe('capture fuzz: random wedge bursts', () => {
  it(`${BURSTS.toLocaleString('en-US')} bursts: nothing lost, no crash, garbage never creates or changes anything`, () => {
    const rnd = prng(20090630);
    const th: WedgeThresholds = { maxInterKeyMs: 35, minLength: 8 };
    const counts = { scans: 0, nuovo: 0, anagrafica: 0, bad: 0, refused: 0, garbageActed: 0 };
    let t = 0;
    for (let b = 0; b < BURSTS; b++) {
      const { text, events } = randomBurst(rnd, (t += 1000));
      t = events.at(-1)?.t ?? t;
      const { pieces, scans } = runDetector(events, th);

      // Conservation: what reached the page plus what was scanned is exactly what was typed, in order.
      expect(pieces.map((p) => p.text).join('')).toBe(text);
      for (const s of scans) {
        counts.scans++;
        expect(s.text.length).toBeGreaterThanOrEqual(th.minLength);
        const term = events[s.evIndex];
        expect(term?.key.kind).toBe('terminator');
      }

      // The router on every screen, for the scans and for the raw burst (as a HID reader would deliver it).
      for (const candidate of [...scans.map((s) => s.text), text]) {
        const isValidMatricola = parseMatricola(cleanScan(candidate)).ok;
        const an = parseAnagraficaScan(cleanScan(candidate));
        const isOwnAnagrafica = an.ok && an.value.codiceFiscale === TITOLARE_CF;
        for (const where of SCREENS) {
          const d = decideScan(candidate, where);
          checkDecision(candidate, where, d);
          if (d.kind === 'nuovo' || d.kind === 'fill-nuovo') counts.nuovo++;
          else if (d.kind === 'anagrafica' || d.kind === 'select') counts.anagrafica++;
          else counts[d.kind]++;
          if ((d.kind === 'nuovo' || d.kind === 'fill-nuovo') && !isValidMatricola) counts.garbageActed++;
          if (d.kind === 'anagrafica' && !isOwnAnagrafica) counts.garbageActed++;
        }
      }
    }
    if (process.env.FUZZ_DEBUG) console.log(counts);
    expect(counts.garbageActed).toBe(0);
    // The fuzz did exercise every path.
    expect(counts.scans).toBeGreaterThan(3_000);
    expect(counts.nuovo).toBeGreaterThan(1_000);
    expect(counts.anagrafica).toBeGreaterThan(100);
    expect(counts.bad).toBeGreaterThan(10_000);
    expect(counts.refused).toBeGreaterThan(1_000);
  });

  it('decideScan never throws on arbitrary strings (control characters, unpaired surrogates, huge inputs)', () => {
    const rnd = prng(74);
    for (let i = 0; i < 5_000; i++) {
      const n = Math.floor(rnd() * (i % 100 === 0 ? 2_000 : 80));
      const text = Array.from({ length: n }, () => String.fromCharCode(Math.floor(rnd() * (rnd() < 0.9 ? 128 : 0xffff)))).join('');
      const prefixed = rnd() < 0.3 ? `AN|${text}` : text;
      for (const where of SCREENS) checkDecision(prefixed, where, decideScan(prefixed, where));
    }
  });
});
