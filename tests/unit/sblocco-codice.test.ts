import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chiaveSblocco, decodifica, generaCodice, messaggio, normalizza, scadenzaDa, verificaCodice, type Hmac, type Pratica } from '#shared/sblocco/codice';

/**
 * Expected values computed outside node: `openssl dgst -sha256 -hmac` for the key and the MAC, the bit packing and
 * the Crockford base32 by hand (python3), see the comments.
 */
const hmac: Hmac = (k, m) => createHmac('sha256', k).update(m).digest();
const SECRET = 'segreto-di-prova';
const P: Pratica = { deskId: 'sportello-prova', codiceFiscale: 'RSSMRA40A01H501K', campagna: 'RED2009', progressivo: 1 };
// printf 'red-desk/sblocco/v1' | openssl dgst -sha256 -hmac segreto-di-prova
const KEY_HEX = 'db7af6117655ed8fb9c71bbf8bd639d3741e59ef15c298716cc50fc120a51baa';
// MAC of "v1|sportello-prova|RSSMRA40A01H501K|RED2009|1|IMP-07|2009-06-30" = 8687f2bd634f…: first 45 bits 0x8687f2bd634f >> 3;
// 2009-06-30 is day 3468 from 2000-01-01; (3468 << 45 | mac) in base32 Crockford:
const CODE = '3CCG-T3Z5-FB39';

const key = () => chiaveSblocco(hmac, SECRET);

describe('codice di sblocco (Sblocca dichiarazione errata)', () => {
  it('derives the key and builds the code of the vector', () => {
    expect(Buffer.from(key()).toString('hex')).toBe(KEY_HEX);
    expect(messaggio(P, 'IMP-07', '2009-06-30')).toBe('v1|sportello-prova|RSSMRA40A01H501K|RED2009|1|IMP-07|2009-06-30');
    expect(generaCodice(hmac, key(), P, 'IMP-07', '2009-06-30')).toBe(CODE);
  });

  it('accepts the code for its declaration, error and desk until the expiry day included, typed loosely', () => {
    expect(verificaCodice(hmac, key(), P, 'IMP-07', CODE, '2009-06-26')).toEqual({ ok: true, scadenza: '2009-06-30' });
    expect(verificaCodice(hmac, key(), P, 'IMP-07', ' 3ccg t3z5 fb39 ', '2009-06-30')).toEqual({ ok: true, scadenza: '2009-06-30' });
    // Crockford: O is read as 0, I and L as 1 (none here, so the code with O for 0 is the same code).
    expect(decodifica('3CCGT3Z5FB39')).toBe(decodifica('3ccg-t3z5-fb39'));
    expect(normalizza('3ccg t3z5 fb39')).toBe(CODE);
    expect(normalizza('3ccg t3z5 fb3')).toBeNull();
  });

  it('refuses it for another declaration, another error, another desk', () => {
    const other = (p: Partial<Pratica>, errore = 'IMP-07', k = key()) => verificaCodice(hmac, k, { ...P, ...p }, errore, CODE, '2009-06-26');
    expect(other({ progressivo: 2 })).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
    expect(other({ codiceFiscale: 'VRDGPP43C10F205W' })).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
    expect(other({ campagna: 'RED2010' })).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
    expect(other({}, 'IMP-08')).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
    // Another desk: its own id, and its own secret.
    expect(other({ deskId: 'sportello-altro' })).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
    expect(other({}, 'IMP-07', chiaveSblocco(hmac, 'altro-segreto'))).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
    const r = other({ progressivo: 2 });
    expect(r.ok ? '' : r.message).toBe(
      "Codice di sblocco non valido per questa dichiarazione (sportello sportello-prova, progressivo 2, codice fiscale RSSMRA40A01H501K) e per l'errore IMP-07: verificare con l'operatore del CAF i dati comunicati e il codice letto.",
    );
  });

  it('refuses it after the expiry day, and a changed expiry (the day is signed)', () => {
    expect(verificaCodice(hmac, key(), P, 'IMP-07', CODE, '2009-07-01')).toEqual({
      ok: false,
      motivo: 'SCADUTO',
      message: 'Codice di sblocco scaduto il 30/06/2009: chiedere un nuovo codice al CAF.',
    });
    // Day 3469 (2009-07-01) with the same MAC: the first symbol group changes, the MAC no longer matches.
    const v = (3469n << 45n) | (0x8687f2bd634fn >> 3n);
    const A = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let s = '';
    for (let i = 11; i >= 0; i--) s += A[Number((v >> BigInt(5 * i)) & 31n)];
    expect(verificaCodice(hmac, key(), P, 'IMP-07', s, '2009-06-26')).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
  });

  it('refuses malformed text with the expected form', () => {
    for (const t of ['', '3CCG-T3Z5-FB3', '3CCG-T3Z5-FB399', '3CCG-T3Z5-FB3U', '3CCG-T3Z5-FB3*']) {
      expect(verificaCodice(hmac, key(), P, 'IMP-07', t, '2009-06-26')).toEqual({
        ok: false,
        motivo: 'FORMATO',
        message: 'Codice di sblocco non valido: sono attesi 12 caratteri (cifre e lettere, in gruppi di 4 come XXXX-XXXX-XXXX).',
      });
    }
  });

  it('counts the validity from the day of issue', () => {
    expect(scadenzaDa('2009-06-26', 5)).toBe('2009-06-30');
    expect(scadenzaDa('2009-12-30', 3)).toBe('2010-01-01');
  });
});
