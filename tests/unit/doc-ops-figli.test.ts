/**
 * "Figli" of the Dichiarazione tab and the figli rows of "Soggetti" kept coherent (guide p. 79, 82; issue 11
 * point 1): rows proposed from the matricola, "Elimina riga" lowers the number, raising it adds empty rows,
 * lowering it never deletes a row with data.
 */
import { describe, expect, it } from 'vitest';
import { newDocumentFor } from '#shared/rules/new-document';
import { parseMatricola } from '#shared/matricola/codec';
import { removeFiglio, setNumeroFigli } from '#renderer/declaration/doc-ops';
import { makeCf, makeMatricola } from '../helpers/matricole';

const CF = makeCf('RSS', 'MRA', '41', 'C', '12', 'H501');

function docWith(numeroFigli: string, tipoRighiNucleo = '05') {
  const m = parseMatricola(makeMatricola(CF, { numeroFigli, tipoRighiNucleo }));
  if (!m.ok) throw new Error('matricola di prova non valida');
  return newDocumentFor(m.value);
}
const figli = (d: ReturnType<typeof docWith>) => d.soggetti.filter((s) => s.role === 'FIGLIO').map((s) => s.key);

describe('figli proposed from the matricola and the "Figli" count', () => {
  it('Elimina riga takes the row away and lowers the number by one', () => {
    const d = docWith('3');
    expect(figli(d)).toEqual(['figlio-1', 'figlio-2', 'figlio-3']);
    expect(removeFiglio(d, 'figlio-2')).toBe(true);
    expect(figli(d)).toEqual(['figlio-1', 'figlio-3']);
    expect(d.anagrafica.numeroFigli).toBe(2);
    // Neither the titolare nor a missing key is a figlio row.
    expect(removeFiglio(d, 'titolare')).toBe(false);
    expect(d.anagrafica.numeroFigli).toBe(2);
  });

  it('a number already lower than the rows (stored out of step) is not lowered again', () => {
    const d = docWith('2');
    d.anagrafica.numeroFigli = 1;
    removeFiglio(d, 'figlio-2');
    expect(d.anagrafica.numeroFigli).toBe(1);
  });

  it('raising the number adds empty rows; lowering it removes only the last blank ones', () => {
    const d = docWith('1');
    setNumeroFigli(d, 3, [2008], true);
    expect(figli(d)).toEqual(['figlio-1', 'figlio-2', 'figlio-3']);
    const second = d.soggetti.find((s) => s.key === 'figlio-2');
    if (second) second.cognome = 'ROSSI';
    setNumeroFigli(d, 0, [2008], true);
    // figlio-3 (blank) goes; figlio-2 has a cognome, so it and the rows before it stay (SOG-02 reports them).
    expect(figli(d)).toEqual(['figlio-1', 'figlio-2']);
    expect(d.anagrafica.numeroFigli).toBe(0);
  });

  it('with nucleus code 00 the number changes and no row is proposed', () => {
    const d = docWith('2', '00');
    expect(figli(d)).toEqual([]);
    setNumeroFigli(d, 4, [2008], false);
    expect(d.anagrafica.numeroFigli).toBe(4);
    expect(figli(d)).toEqual([]);
  });

  it('a figlio proposed while Zero RED is ticked is Autocertificato', () => {
    const d = docWith('0');
    d.zeroRed = true;
    setNumeroFigli(d, 1, [2008], true);
    expect(d.soggetti.find((s) => s.key === 'figlio-1')?.anni.map((y) => y.modo)).toEqual(['AUTOCERTIFICATO']);
  });
});
