/**
 * Measures the validation of typical declarations and prints it (no timing assertion: targets live in bench/).
 */
import { describe, expect, it } from 'vitest';
import { validate } from '#shared/rules/engine';
import { Decl, doc, foreign } from './fixtures';

function typical(): Decl[] {
  return [
    new Decl(),
    new Decl({ statoCivile: '2', anniRichiesti: '3', flagLavoro2008: '1' })
      .row('titolare', 2008, 'A1', 9_350, [doc('CUD 2009', 9_350)])
      .row('titolare', 2007, 'A1', 9_100, [doc('CUD 2008', 9_100)])
      .row('coniuge', 2008, 'B2', 1_260, [doc('Visura catastale', 1_260)])
      .row('coniuge', 2007, 'C1', 85)
      .documentato(),
    new Decl({ statoCivile: '2', numeroFigli: '2' }).withFigli(2).foreign('titolare', foreign('756', 'AVS', 1, { 2008: 9_800 })),
    new Decl({ statoCivile: '0', codiceEmissione: 'G' }).modo(null),
  ];
}

describe('timing (printed, not asserted)', () => {
  it('validates a typical declaration in a few microseconds', () => {
    const ctxs = typical().map((d) => d.ctx());
    for (let i = 0; i < 5_000; i++) validate(ctxs[i % ctxs.length]!);
    const samples: number[] = [];
    const n = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      validate(ctxs[i % ctxs.length]!);
      samples.push(performance.now() - s);
    }
    const total = performance.now() - t0;
    samples.sort((a, b) => a - b);
    const q = (p: number) => (samples[Math.floor(p * (samples.length - 1))]! * 1000).toFixed(1);
    console.log(
      `validate: ${n} dichiarazioni in ${total.toFixed(0)} ms → ${Math.round(n / (total / 1000))}/s; ` +
        `p50 ${q(0.5)} µs, p95 ${q(0.95)} µs, p99 ${q(0.99)} µs (incluso performance.now)`,
    );
    expect(samples.length).toBe(n);
  });

  it('per shape (median of 5 runs of 5,000 calls)', () => {
    const names = ['titolare solo, autocertificato', 'titolare + coniuge, 2 anni, documentato', 'con 2 figli e pensione estera', 'INPDAP stato civile 0, incompleta'];
    typical().forEach((d, i) => {
      const ctx = d.ctx();
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        const t = performance.now();
        for (let k = 0; k < 5_000; k++) validate(ctx);
        runs.push(((performance.now() - t) / 5_000) * 1000);
      }
      runs.sort((a, b) => a - b);
      console.log(`${names[i]}: ${runs[2]!.toFixed(1)} µs/dichiarazione, ${validate(ctx).findings.length} segnalazioni`);
    });
  });
});
