import { describe, expect, it } from 'vitest';
import { comuneDaCodice, describeComune, isSiglaProvincia, provinciaDelComune } from '#shared/codice-fiscale/comuni';

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

  it('the provincia of a comune typed by name (issue 10): accents and apostrophes either way; shared names give null', () => {
    expect(provinciaDelComune('Roma')).toBe('RM');
    expect(provinciaDelComune("  forli' ")).toBe('FC');
    expect(provinciaDelComune('FORLÌ')).toBe('FC');
    expect(provinciaDelComune('Cantù')).toBe('CO');
    // Castro is a comune in Bergamo and one in Lecce; San Teodoro one in Messina and one in Sassari.
    expect(provinciaDelComune('CASTRO')).toBeNull();
    expect(provinciaDelComune('San Teodoro')).toBeNull();
    expect(provinciaDelComune('PARIGI')).toBeNull();
  });

  it('sigle of the provinces of the 2020 list, and EE for abroad', () => {
    for (const s of ['RM', 'mi', 'BT', 'SU', 'AO', 'EE']) expect(isSiglaProvincia(s), s).toBe(true);
    for (const s of ['RX', 'XX', '', 'ROMA']) expect(isSiglaProvincia(s), s).toBe(false);
  });
});
