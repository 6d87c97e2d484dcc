import { describe, expect, it } from 'vitest';
import { centsToEuroUp, formatCentesimi, formatEuro, isoToIt, parseCentesimi, parseData, parseImporto } from '#shared/util/italian-input';
import { documentLine, documentsTotal } from '#shared/domain/red-document';
import { romeToday } from '#shared/util/italian-time';

const HINT = 'solo cifre, decimali con la virgola (es. 1.234,50)';

describe('parseImporto: what the operator types into an amount box', () => {
  it.each([
    ['15000', 15000],
    ['15.000', 15000],
    ['1.234.567', 1234567],
    ['1234,50', 1235], // p. 93: rounded up to the euro
    ['1.234,50', 1235],
    ['1234,01', 1235],
    ['1234,00', 1234],
    ['1234,', 1234], // about to type the decimals
    ['1234.5', 1235], // numeric keypad dot with decimals
    ['0', 0],
    ['0,01', 1],
    ['  € 2.400 ', 2400],
    ['999.999.999', 999_999_999],
  ])('«%s» → %d', (text, value) => {
    expect(parseImporto(text)).toEqual({ kind: 'ok', value });
  });

  it('an empty box is no amount', () => {
    expect(parseImporto('')).toEqual({ kind: 'empty' });
    expect(parseImporto('   ')).toEqual({ kind: 'empty' });
  });

  it.each([
    ['15OOO'], // letter O for zero: never 15
    ['12a50'], // never 12
    ['abc'],
    ['1,2,3'],
    ['1.2345'], // not a thousands group: never 12345
    ['12.34.56'],
    ['1 000x'],
    ['+5'],
    [','],
  ])('«%s» is refused, quoted, with the format', (text) => {
    expect(parseImporto(text)).toEqual({ kind: 'invalid', message: `importo non valido «${text.trim()}»: ${HINT}.` });
  });

  it('the message of the issue, word for word', () => {
    expect(parseImporto('15OOO')).toEqual({ kind: 'invalid', message: 'importo non valido «15OOO»: solo cifre, decimali con la virgola (es. 1.234,50).' });
  });

  it('three decimals, negative amounts and amounts beyond the limit are refused with their own reason', () => {
    expect(parseImporto('12,345')).toEqual({ kind: 'invalid', message: 'importo non valido «12,345»: al massimo due decimali (centesimi).' });
    expect(parseImporto('-50')).toEqual({ kind: 'invalid', message: "importo non valido «-50»: l'importo non può essere negativo." });
    expect(parseImporto('1000000000')).toEqual({ kind: 'invalid', message: 'importo non valido «1000000000»: troppo grande (massimo 999.999.999).' });
  });

  it('negative amounts where a box allows them round up in absolute value (p. 93)', () => {
    expect(parseImporto('-50', { allowNegative: true })).toEqual({ kind: 'ok', value: -50 });
    expect(parseImporto('-1,20', { allowNegative: true })).toEqual({ kind: 'ok', value: -2 });
    expect(parseImporto('-0', { allowNegative: true })).toEqual({ kind: 'ok', value: 0 });
  });
});

describe('parseData: what the operator types into a date box', () => {
  it.each([
    ['15/03/2008', '2008-03-15'],
    ['15032008', '2008-03-15'], // ggmmaaaa, the common habit
    ['5/3/2008', '2008-03-05'],
    ['15-03-2008', '2008-03-15'],
    ['15.03.2008', '2008-03-15'],
    ['29/02/2008', '2008-02-29'], // 2008 is a leap year
    ['28022009', '2009-02-28'],
    ['31/12/2009', '2009-12-31'],
  ])('«%s» → %s', (text, iso) => {
    expect(parseData(text)).toEqual({ kind: 'ok', value: iso });
  });

  it.each([
    ['31/02/2009', 'data inesistente «31/02/2009»: febbraio 2009 ha 28 giorni.'],
    ['31022009', 'data inesistente «31022009»: febbraio 2009 ha 28 giorni.'],
    ['29/02/2009', 'data inesistente «29/02/2009»: febbraio 2009 ha 28 giorni.'],
    ['30/02/2008', 'data inesistente «30/02/2008»: febbraio 2008 ha 29 giorni.'],
    ['31/04/2008', 'data inesistente «31/04/2008»: aprile 2008 ha 30 giorni.'],
    ['00/03/2008', 'data inesistente «00/03/2008»: il giorno deve essere tra 01 e 31.'],
    ['15/13/2008', 'data inesistente «15/13/2008»: il mese deve essere tra 01 e 12.'],
    ['15/00/2008', 'data inesistente «15/00/2008»: il mese deve essere tra 01 e 12.'],
  ])('«%s»: %s', (text, message) => {
    expect(parseData(text)).toEqual({ kind: 'invalid', message });
  });

  it('a text that is not a date says the format', () => {
    const format = 'scrivere gg/mm/aaaa o ggmmaaaa (es. 15/03/2008 o 15032008)';
    expect(parseData('1503')).toEqual({ kind: 'invalid', message: `data non valida «1503»: ${format}.` });
    expect(parseData('ieri')).toEqual({ kind: 'invalid', message: `data non valida «ieri»: ${format}.` });
    expect(parseData('150308')).toEqual({ kind: 'invalid', message: `data non valida «150308»: l'anno va scritto con quattro cifre; ${format}.` });
    expect(parseData('15/03/08')).toEqual({ kind: 'invalid', message: `data non valida «15/03/08»: l'anno va scritto con quattro cifre; ${format}.` });
    expect(parseData('15/03/1850')).toEqual({ kind: 'invalid', message: 'data non valida «15/03/1850»: anno 1850 fuori dall\'intervallo 1880–2100.' });
    expect(parseData('')).toEqual({ kind: 'empty' });
  });
});

describe('display helpers', () => {
  it('formatEuro puts the Italian thousands separator', () => {
    expect(formatEuro(0)).toBe('0');
    expect(formatEuro(999)).toBe('999');
    expect(formatEuro(1000)).toBe('1.000');
    expect(formatEuro(15000)).toBe('15.000');
    expect(formatEuro(1234567)).toBe('1.234.567');
    expect(formatEuro(-1234)).toBe('-1.234');
  });

  it('isoToIt writes four-digit years', () => {
    expect(isoToIt('1941-03-12')).toBe('12/03/1941');
    expect(isoToIt(null)).toBe('');
    expect(isoToIt('12/03/41')).toBe('');
  });

  it('romeToday is the Italian civil day (23:30 UTC on 31/12 is already 1 January in Rome)', () => {
    expect(romeToday(Date.UTC(2009, 11, 31, 23, 30))).toBe('2010-01-01');
    expect(romeToday(Date.UTC(2009, 5, 15, 21, 59))).toBe('2009-06-15'); // CEST: 23:59 in Rome
    expect(romeToday(Date.UTC(2009, 5, 15, 22, 0))).toBe('2009-06-16');
  });
});

describe('cents of a document and the row total (p. 93, issue 11 point 11)', () => {
  it('parseCentesimi keeps the cents as typed; formatCentesimi writes them back', () => {
    expect(parseCentesimi('1.234,50')).toEqual({ kind: 'ok', value: 123_450 });
    expect(parseCentesimi('10.2')).toEqual({ kind: 'ok', value: 1_020 });
    expect(parseCentesimi('7')).toEqual({ kind: 'ok', value: 700 });
    expect(parseCentesimi('12a50').kind).toBe('invalid');
    expect(formatCentesimi(123_450)).toBe('1.234,50');
    expect(formatCentesimi(5)).toBe('0,05');
    expect(formatCentesimi(-120)).toBe('-1,20');
  });

  it('the row is the sum of its documents rounded up ONCE: 10,20 + 10,20 = 20,40 → 21, not 11 + 11 = 22', () => {
    const lines = [documentLine('CUD A', 1_020), documentLine('CUD B', 1_020)];
    expect(documentsTotal(lines)).toBe(21);
    // Three lines of 0,10: 0,30 → 1 (each line rounded would be 3).
    expect(documentsTotal([documentLine('a', 10), documentLine('b', 10), documentLine('c', 10)])).toBe(1);
    // Whole amounts: no rounding at all.
    expect(documentsTotal([documentLine('a', 100_000), documentLine('b', 50_000)])).toBe(1_500);
    // Lines written before the cents (whole euro only) still add up as they did.
    expect(documentsTotal([{ descrizione: 'vecchia', importo: 11 }, documentLine('nuova', 1_020)])).toBe(22);
    expect(centsToEuroUp(-120)).toBe(-2);
  });
});
