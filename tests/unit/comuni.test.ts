import { describe, expect, it } from 'vitest';
import { comuneDaCodice, describeComune } from '#shared/codice-fiscale/comuni';

describe('comuni by codice catastale (ISTAT 2020)', () => {
  // Codes every CAF operator knows from the codici fiscali of the big cities.
  it.each([
    ['H501', 'ROMA', 'RM'],
    ['F205', 'MILANO', 'MI'],
    ['L219', 'TORINO', 'TO'],
    ['A944', 'BOLOGNA', 'BO'],
    ['D612', 'FIRENZE', 'FI'],
    ['F839', 'NAPOLI', 'NA'],
    ['G273', 'PALERMO', 'PA'],
  ])('%s → %s (%s)', (codice, nome, provincia) => {
    expect(comuneDaCodice(codice)).toEqual({ codice, nome, provincia });
  });

  it('lower case and spaces are accepted; an unknown or foreign code gives null and the code alone', () => {
    expect(comuneDaCodice(' h501 ')?.nome).toBe('ROMA');
    expect(comuneDaCodice('Z404')).toBeNull();
    expect(describeComune('Z404')).toBe('Z404');
    expect(describeComune('H501')).toBe('H501 (ROMA, RM)');
  });
});
