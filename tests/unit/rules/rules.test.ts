/**
 * One case per rule code (STYLE.md "For RED Desk" 13): a realistic declaration that triggers the rule and the
 * nearest one that does not, run by one generic runner. `missing`/`path` check the finding of the firing case.
 */
import { describe, expect, it } from 'vitest';
import { ALL_RULES, validate } from '#shared/rules/engine';
import type { Finding, Rule } from '#shared/rules/types';
import { CF, Decl, doc, foreign, wrongCf } from './fixtures';
import type { Dichiarazione730, Riga730 } from '#shared/import730/model';
import { documentLine } from '#shared/domain/red-document';

interface Case {
  code: string;
  name: string;
  fires: () => Decl;
  near: () => Decl;
  /** Expected on the first finding of the code: the missing flag (false for every non-blocking rule) and the box
   * "Correggi" goes to. Both are required, so no case can leave them unchecked (issue 17). */
  missing: boolean;
  path: string;
  tab?: 'DICHIARAZIONE' | 'ANAGRAFICA_REDDITI';
}

/** Six distinct foreign pension rows (Stato + Istituzione + Tipo all different). */
const sixPensions = () => [
  foreign('756', 'AVS', 1, { 2008: 9800 }),
  foreign('756', 'LPP', 1, { 2008: 4200 }),
  foreign('276', 'DRV', 1, { 2008: 3100 }),
  foreign('250', 'CNA', 2, { 2008: 1500 }),
  foreign('056', 'ONP', 1, { 2008: 2700 }),
  foreign('056', 'FMP', 3, { 2008: 900 }),
];

const CASES: Case[] = [
  // ----- Dichiarazione ---------------------------------------------------------------------------------
  {
    code: 'DIC-01',
    name: 'INPDAP, stato civile 0 not updated',
    fires: () => new Decl({ codiceEmissione: 'G', statoCivile: '0' }),
    near: () => new Decl({ codiceEmissione: 'G', statoCivile: '0' }).edit((d) => {
      d.anagrafica.statoCivile = '3';
      d.anagrafica.statoCivileDecorrenza = '1998-02-11';
    }),
    missing: true,
    path: 'anagrafica.statoCivile',
    tab: 'DICHIARAZIONE',
  },
  {
    code: 'DIC-02',
    name: 'stato civile changed (vedovo → coniugato) without decorrenza',
    fires: () => new Decl().withConiuge().edit((d) => (d.anagrafica.statoCivile = '2')),
    near: () => new Decl().withConiuge().edit((d) => {
      d.anagrafica.statoCivile = '2';
      d.anagrafica.statoCivileDecorrenza = '2007-06-16';
    }),
    missing: true,
    path: 'anagrafica.statoCivileDecorrenza',
  },
  {
    code: 'DIC-03',
    name: 'stato civile changed: sanction reminder',
    fires: () => new Decl({ statoCivile: '1' }).edit((d) => {
      d.anagrafica.statoCivile = '4';
      d.anagrafica.statoCivileDecorrenza = '2008-10-01';
    }),
    near: () => new Decl({ statoCivile: '1' }).edit((d) => (d.anagrafica.statoCivile = '1')),
    missing: false,
    path: 'anagrafica.statoCivile',
  },
  {
    code: 'DIC-04',
    name: 'titolare deceased without date',
    fires: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
    }),
    near: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.anagrafica.dataDecesso = '2009-02-03';
      d.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
    }),
    missing: true,
    path: 'anagrafica.dataDecesso',
  },
  {
    code: 'DIC-05',
    name: 'titolare deceased, Erede section empty',
    fires: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.anagrafica.dataDecesso = '2009-02-03';
    }),
    near: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.anagrafica.dataDecesso = '2009-02-03';
      d.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
    }),
    missing: true,
    path: 'erede.codiceFiscale',
  },
  {
    code: 'DIC-06',
    name: 'Erede codice fiscale with a wrong check character',
    fires: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.anagrafica.dataDecesso = '2009-02-03';
      d.erede = { codiceFiscale: wrongCf(CF.erede), nominativo: 'ROSSI PAOLO' };
    }),
    near: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.anagrafica.dataDecesso = '2009-02-03';
      d.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
    }),
    missing: false,
    path: 'erede.codiceFiscale',
  },
  {
    code: 'DIC-07',
    name: 'espatrio without date',
    fires: () => new Decl().edit((d) => (d.anagrafica.espatriato = true)),
    near: () => new Decl().edit((d) => {
      d.anagrafica.espatriato = true;
      d.anagrafica.dataEspatrio = '2006-09-01';
    }),
    missing: true,
    path: 'anagrafica.dataEspatrio',
  },
  {
    code: 'DIC-08',
    name: 'espatrio during 2008 treated as a RED breve (no incomes)',
    fires: () => new Decl().modo(null).edit((d, x) => {
      d.anagrafica.espatriato = true;
      d.anagrafica.dataEspatrio = '2008-05-20';
      x.year('titolare').righi = {};
    }),
    near: () => new Decl().modo(null).edit((d, x) => {
      d.anagrafica.espatriato = true;
      d.anagrafica.dataEspatrio = '2007-09-30';
      x.year('titolare').righi = {};
    }),
    missing: true,
    path: 'anagrafica.dataEspatrio',
  },
  {
    code: 'DIC-10',
    name: 'Zero RED, celibe → coniugato on 13/09/2008, coniuge rilevante',
    fires: () => new Decl({ statoCivile: '1' }).withConiuge().zeroRed().edit((d) => {
      d.anagrafica.statoCivile = '2';
      d.anagrafica.statoCivileDecorrenza = '2008-09-13';
    }),
    near: () => new Decl({ statoCivile: '1' }).withConiuge().zeroRed().edit((d) => {
      d.anagrafica.statoCivile = '2';
      d.anagrafica.statoCivileDecorrenza = '2009-02-14';
    }),
    missing: false,
    path: 'zeroRed',
  },
  {
    code: 'DIC-12',
    name: 'Zero RED with an income',
    fires: () => new Decl().zeroRed().row('titolare', 2008, 'C1', 85),
    near: () => new Decl().zeroRed().row('titolare', 2008, 'C1', 0),
    missing: false,
    path: 'soggetti.titolare.anni.2008.righi.C1',
    tab: 'ANAGRAFICA_REDDITI',
  },
  {
    code: 'DIC-14',
    name: 'decesso and rinuncia together',
    fires: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.anagrafica.dataDecesso = '2009-01-20';
      d.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
      d.rinuncia = true;
    }),
    near: () => new Decl().edit((d) => (d.rinuncia = true)),
    missing: false,
    path: 'rinuncia',
  },
  {
    code: 'DIC-15',
    name: 'titolare codice fiscale corrected',
    fires: () => new Decl().edit((d, x) => {
      d.anagrafica.codiceFiscale = CF.altro;
      x.subject('titolare').codiceFiscale = CF.altro;
    }),
    near: () => new Decl(),
    missing: false,
    path: 'anagrafica.codiceFiscale',
  },
  {
    code: 'DIC-16',
    name: 'numero figli changed from 2 to 1',
    fires: () => new Decl({ numeroFigli: '2' }).dropFiglioRow('figlio-2').withFigli(1),
    near: () => new Decl({ numeroFigli: '2' }).withFigli(2),
    missing: false,
    path: 'anagrafica.numeroFigli',
  },
  {
    code: 'DIC-17',
    name: 'domiciliazione ticked',
    fires: () => new Decl().edit((d) => (d.domiciliazione = true)),
    near: () => new Decl(),
    missing: false,
    path: 'domiciliazione',
  },
  {
    code: 'DIC-18',
    name: 'coniuge died in 2008, stato civile not updated',
    fires: () => new Decl({ statoCivile: '2', anniRichiesti: '3' }).edit((_, x) => (x.subject('coniuge').dataDecesso = '2008-03-10')),
    near: () => new Decl({ statoCivile: '2', anniRichiesti: '3' }).edit((d, x) => {
      x.subject('coniuge').dataDecesso = '2008-03-10';
      d.anagrafica.statoCivile = '3';
      d.anagrafica.statoCivileDecorrenza = '2008-03-10';
    }),
    missing: true,
    path: 'anagrafica.statoCivile',
  },
  {
    code: 'DIC-19',
    name: 'coniuge died in 2006, before the years asked, stato civile still coniugato (confirmed)',
    fires: () => new Decl({ statoCivile: '2' }).edit((_, x) => (x.subject('coniuge').dataDecesso = '2006-11-20')),
    // One step on: the stato civile updated to vedovo with the date of death.
    near: () => new Decl({ statoCivile: '2' }).edit((d, x) => {
      x.subject('coniuge').dataDecesso = '2006-11-20';
      d.anagrafica.statoCivile = '3';
      d.anagrafica.statoCivileDecorrenza = '2006-11-20';
    }),
    missing: true,
    path: 'anagrafica.statoCivile',
  },
  {
    code: 'DIC-20',
    name: 'decorrenza of the new stato civile in 2030 (the rules run on 15/06/2009)',
    fires: () => new Decl().edit((d) => {
      d.anagrafica.statoCivile = '4';
      d.anagrafica.statoCivileDecorrenza = '2030-01-10';
    }),
    // One day closer to the event: the same decorrenza on the day it is entered is a past event.
    near: () => new Decl().on('2030-01-10').edit((d) => {
      d.anagrafica.statoCivile = '4';
      d.anagrafica.statoCivileDecorrenza = '2030-01-10';
    }),
    missing: false,
    path: 'anagrafica.statoCivileDecorrenza',
  },
  {
    code: 'DIC-21',
    name: 'titolare (born 01/01/1940, CF RSSMRA40A01H501) dead on 31/12/1939',
    fires: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.anagrafica.dataDecesso = '1939-12-31';
      d.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
    }),
    near: () => new Decl().edit((d) => {
      d.anagrafica.deceduto = true;
      d.anagrafica.dataDecesso = '1940-01-01';
      d.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
    }),
    missing: false,
    path: 'anagrafica.dataDecesso',
  },
  // ----- Soggetti --------------------------------------------------------------------------------------
  {
    code: 'SOG-02',
    name: 'numero figli 2 but only one figlio row',
    fires: () => new Decl({ numeroFigli: '2' }).dropFiglioRow('figlio-2'),
    near: () => new Decl({ numeroFigli: '2' }).withFigli(2),
    missing: true,
    path: 'anagrafica.numeroFigli',
  },
  {
    code: 'SOG-03',
    name: 'coniuge without codice fiscale',
    fires: () => new Decl({ statoCivile: '2' }).edit((_, x) => (x.subject('coniuge').codiceFiscale = '')),
    near: () => new Decl({ statoCivile: '2' }),
    missing: true,
    path: 'soggetti.coniuge.codiceFiscale',
    tab: 'ANAGRAFICA_REDDITI',
  },
  {
    code: 'SOG-04',
    name: 'titolare without indirizzo',
    fires: () => new Decl().edit((_, x) => (x.subject('titolare').indirizzo = '  ')),
    near: () => new Decl(),
    missing: true,
    path: 'soggetti.titolare.indirizzo',
  },
  {
    code: 'SOG-05',
    name: 'celibe → coniugato in 2008, coniuge rilevante, no coniuge row',
    fires: () => new Decl({ statoCivile: '1' }).edit((d) => {
      d.anagrafica.statoCivile = '2';
      d.anagrafica.statoCivileDecorrenza = '2008-05-17';
    }),
    near: () => new Decl({ statoCivile: '1', rilevanzaConiuge: '2' }).edit((d) => {
      d.anagrafica.statoCivile = '2';
      d.anagrafica.statoCivileDecorrenza = '2008-05-17';
    }),
    missing: true,
    path: 'soggetti.coniuge.codiceFiscale',
  },
  {
    code: 'SOG-06',
    name: 'coniuge non rilevante with incomes',
    fires: () => new Decl({ statoCivile: '2', rilevanzaConiuge: '0' }).withConiuge().row('coniuge', 2008, 'B1', 300),
    near: () => new Decl({ statoCivile: '2', rilevanzaConiuge: '0' }).withConiuge(),
    path: 'soggetti.coniuge.anni.2008.righi.B1',
    missing: false,
  },
  {
    code: 'SOG-07',
    name: 'figli present',
    fires: () => new Decl({ numeroFigli: '1' }).withFigli(1),
    near: () => new Decl(),
    missing: false,
    path: 'soggetti.figlio-1.codiceFiscale',
  },
  {
    code: 'SOG-08',
    name: 'figlia born in 2002 (or 1902)',
    fires: () => new Decl({ numeroFigli: '2' }).withFigli(2),
    near: () => new Decl({ numeroFigli: '1' }).withFigli(1),
    path: 'soggetti.figlio-2.invertiSecolo',
    missing: false,
  },
  {
    code: 'SOG-09',
    name: 'titolare CF in Soggetti differs from the confirmed one',
    fires: () => new Decl().edit((d) => (d.anagrafica.codiceFiscale = CF.altro)),
    near: () => new Decl(),
    missing: false,
    path: 'soggetti.titolare.codiceFiscale',
  },
  {
    code: 'SOG-10',
    name: 'figlio with the coniuge codice fiscale',
    fires: () => new Decl({ statoCivile: '2', numeroFigli: '1' }).withFigli(1).edit((_, x) => (x.subject('figlio-1').codiceFiscale = CF.coniuge)),
    near: () => new Decl({ statoCivile: '2', numeroFigli: '1' }).withFigli(1),
    missing: false,
    path: 'soggetti.figlio-1.codiceFiscale',
  },
  {
    code: 'SOG-11',
    name: 'two coniugi',
    fires: () => new Decl({ statoCivile: '2' }).edit((d, x) => d.soggetti.push({ ...x.subject('coniuge'), key: 'coniuge-2', codiceFiscale: CF.altro })),
    near: () => new Decl({ statoCivile: '2' }),
    missing: false,
    path: 'soggetti.coniuge-2.codiceFiscale',
  },
  {
    code: 'SOG-12',
    name: 'CAP of 4 digits',
    fires: () => new Decl().edit((_, x) => (x.subject('titolare').cap = '0017')),
    near: () => new Decl().edit((_, x) => (x.subject('titolare').cap = '00179')),
    missing: false,
    path: 'soggetti.titolare.cap',
  },
  // ----- Ente ------------------------------------------------------------------------------------------
  {
    code: 'ENT-01',
    name: '"Ente pensionistico non codificato"',
    fires: () => new Decl().edit((d) => (d.ente = { codice: null, nonCodificato: true })),
    near: () => new Decl().edit((d) => (d.ente = { codice: 'ENPAM', nonCodificato: false })),
    missing: false,
    path: 'ente',
    tab: 'ANAGRAFICA_REDDITI',
  },
  // ----- Redditi ---------------------------------------------------------------------------------------
  {
    code: 'RED-01',
    name: 'coniuge 2008 without mode',
    fires: () => new Decl({ statoCivile: '2' }).modo(null, 'coniuge'),
    near: () => new Decl({ statoCivile: '2' }),
    missing: true,
    path: 'soggetti.coniuge.anni.2008.modo',
  },
  {
    code: 'RED-02',
    name: 'titolare 2008 without "Doc."',
    fires: () => new Decl().edit((_, x) => (x.year('titolare').doc = null)),
    near: () => new Decl().edit((_, x) => (x.year('titolare').doc = 'NESSUNA')),
    missing: true,
    path: 'soggetti.titolare.anni.2008.doc',
  },
  {
    code: 'RED-03',
    name: 'A1 above 40.000 euro',
    fires: () => new Decl().row('titolare', 2008, 'A1', 45_000),
    near: () => new Decl().row('titolare', 2008, 'A1', 40_000),
    path: 'soggetti.titolare.anni.2008.righi.A1',
    missing: false,
  },
  {
    code: 'RED-05',
    name: 'A3 loss entered as a negative amount',
    fires: () => new Decl().row('titolare', 2008, 'A3', -1_200),
    near: () => new Decl().row('titolare', 2008, 'A3', 0),
    missing: false,
    path: 'soggetti.titolare.anni.2008.righi.A3',
  },
  {
    code: 'RED-09',
    name: 'Documentato, B1 without documents',
    fires: () => new Decl().documentato().edit((_, x) => (x.year('titolare').righi.B1 = { importo: 450, documenti: [] })),
    near: () => new Decl().documentato(),
    missing: true,
    path: 'soggetti.titolare.anni.2008.righi.B1',
  },
  {
    code: 'RED-10',
    name: 'flag pensioni estere 1, none declared, Documentato',
    fires: () => new Decl({ flagPensioniEstere: '1' }).documentato(),
    near: () => new Decl({ flagPensioniEstere: '1' }),
    missing: false,
    path: 'soggetti.titolare.anni.2008.modo',
  },
  {
    code: 'RED-11',
    name: 'flag lavoro 2007 = 1, no 2007 work income, Documentato',
    fires: () => new Decl({ anniRichiesti: '3', flagLavoro2007: '1' }).documentato(),
    near: () => new Decl({ anniRichiesti: '3', flagLavoro2007: '1' }).row('titolare', 2007, 'A1', 8_500).documentato(),
    missing: false,
    path: 'soggetti.titolare.anni.2007.modo',
  },
  {
    code: 'RED-12',
    name: 'flag lavoro 2008 = 2, no 2008 work income, Documentato',
    fires: () => new Decl({ flagLavoro2008: '2' }).documentato(),
    near: () => new Decl({ flagLavoro2008: '2' }).row('titolare', 2008, 'A3', 6_300).documentato(),
    missing: false,
    path: 'soggetti.titolare.anni.2008.modo',
  },
  {
    code: 'RED-13',
    name: 'flag pensioni estere 1, none declared, Autocertificato',
    fires: () => new Decl({ flagPensioniEstere: '1' }),
    near: () => new Decl({ flagPensioniEstere: '1' }).foreign('titolare', foreign('756', 'AVS', 1, { 2008: 9_800 })),
    missing: false,
    path: 'soggetti.titolare.anni.2008.modo',
  },
  {
    code: 'RED-14',
    name: 'Zero RED Documentato',
    fires: () => new Decl().zeroRed().modo('DOCUMENTATO'),
    near: () => new Decl().zeroRed(),
    missing: false,
    path: 'soggetti.titolare.anni.2008.modo',
  },
  {
    code: 'RED-15',
    name: 'E3 (fondo previdenziale) of a coniuge whose incomes are not asked (rilevanza 2)',
    fires: () => new Decl({ statoCivile: '2', rilevanzaConiuge: '2' }).withConiuge().row('coniuge', 2008, 'E3', 1_500),
    near: () => new Decl({ statoCivile: '2', rilevanzaConiuge: '2' }).withConiuge().row('coniuge', 2008, 'E3', 0),
    missing: false,
    path: 'soggetti.coniuge.anni.2008.righi.E3',
  },
  {
    code: 'RED-16',
    name: 'tipo righi 03 asks G2',
    fires: () => new Decl({ tipoRighiDichiarante: '03' }),
    near: () => new Decl({ tipoRighiDichiarante: '01' }),
    path: 'soggetti.titolare.anni.2008.righi.G2',
    missing: false,
  },
  {
    code: 'RED-17',
    name: 'frontaliere income in A2',
    fires: () => new Decl().row('titolare', 2008, 'A2', 12_000),
    near: () => new Decl().row('titolare', 2008, 'A1', 12_000),
    missing: false,
    path: 'soggetti.titolare.anni.2008.righi.A2',
  },
  {
    code: 'RED-18',
    name: 'C1 self-certified in a Documentato RED',
    fires: () => new Decl().documentato().row('titolare', 2008, 'C1', 120),
    near: () => new Decl().row('titolare', 2008, 'C1', 120, [doc('Estratto conto BancoPosta 2008', 120)]).documentato(),
    missing: false,
    path: 'soggetti.titolare.anni.2008.righi.C1',
  },
  {
    code: 'RED-19',
    name: 'Autocertificato RED',
    fires: () => new Decl(),
    near: () => new Decl().documentato(),
    missing: false,
    path: 'soggetti.titolare.anni.2008.modo',
  },
  {
    code: 'RED-20',
    name: 'Documentato, documents total 400 for B1 450',
    fires: () => new Decl().documentato().row('titolare', 2008, 'B1', 450, [doc('Visura catastale', 400)]),
    near: () => new Decl().documentato().row('titolare', 2008, 'B1', 450, [doc('Visura catastale', 400), doc('Visura pertinenza', 50)]),
    missing: false,
    path: 'soggetti.titolare.anni.2008.righi.B1',
  },
  // ----- Pensioni estere -------------------------------------------------------------------------------
  {
    code: 'EST-01',
    name: 'foreign pension imported from the 730 without Stato/Istituzione/Tipo',
    fires: () => new Decl().foreign('titolare', foreign('', '', null, { 2008: 9_800 })),
    near: () => new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 9_800 })),
    missing: true,
    path: 'soggetti.titolare.pensioniEstere.0.stato',
  },
  {
    code: 'EST-02',
    name: '7 foreign pensions',
    fires: () => new Decl().foreign('titolare', ...sixPensions(), foreign('826', 'DWP', 1, { 2008: 700 })),
    near: () => new Decl().foreign('titolare', ...sixPensions()),
    missing: false,
    path: 'soggetti.titolare.pensioniEstere.6.stato',
  },
  {
    code: 'EST-03',
    name: 'two AVS direct pensions not merged',
    fires: () => new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 6_000 }), foreign('756', 'AVS', 1, { 2008: 3_800 })),
    near: () => new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 6_000 }), foreign('756', 'AVS', 2, { 2008: 3_800 })),
    missing: false,
    path: 'soggetti.titolare.pensioniEstere.1.stato',
  },
  {
    code: 'EST-04',
    name: 'Tipo 7',
    fires: () => new Decl().foreign('titolare', foreign('756', 'AVS', 7, { 2008: 9_800 })),
    near: () => new Decl().foreign('titolare', foreign('756', 'AVS', 5, { 2008: 9_800 })),
    missing: false,
    path: 'soggetti.titolare.pensioniEstere.0.tipo',
  },
  {
    code: 'EST-05',
    name: 'German institution on a Swiss pension',
    fires: () => new Decl().foreign('titolare', foreign('756', 'DRV', 1, { 2008: 9_800 })),
    near: () => new Decl().foreign('titolare', foreign('756', '999', 1, { 2008: 9_800 })),
    missing: false,
    path: 'soggetti.titolare.pensioniEstere.0.istituzione',
  },
  {
    code: 'EST-06',
    name: 'foreign pension without amount',
    fires: () => new Decl().foreign('titolare', foreign('032', 'ANS', 1, {})),
    near: () => new Decl().foreign('titolare', foreign('032', 'ANS', 1, { 2008: 2_400 })),
    missing: true,
    path: 'soggetti.titolare.pensioniEstere.0.importo.2008',
  },
  {
    code: 'EST-07',
    name: 'foreign pension entered',
    fires: () => new Decl().foreign('titolare', foreign('840', 'SSA', 1, { 2008: 7_200 })),
    near: () => new Decl(),
    missing: false,
    path: 'soggetti.titolare.pensioniEstere.0.stato',
  },
  // ----- the 730 held on the desk (issue 12; p. 80, 86, 96) -----
  {
    code: 'DIC-09',
    name: 'Zero RED while the 730/2009 of the titolare has incomes for the RED (B1 from 730/3 rigo 7)',
    fires: () => new Decl().zeroRed().with730(t730([P(3, 45000), P(7, 45000)])),
    near: () => new Decl().zeroRed().with730(t730([C730('C1', '1', 1420000, 'NR')])),
    missing: false,
    path: 'zeroRed',
  },
  {
    code: 'IMP-05',
    name: 'B2 of the 730/3 (rigo 1 = 200,00) omitted in the RED',
    fires: () => new Decl().with730(t730([P(1, 20000), P(3, 45000), P(7, 45000)])),
    near: () => new Decl().row('titolare', 2008, 'B2', 200).with730(t730([P(1, 20000), P(3, 45000), P(7, 45000)])),
    missing: false,
    path: 'soggetti.titolare.anni.2008.righi.B2',
  },
  {
    code: 'IMP-06',
    name: 'quadro C income with campo RED A1 omitted in the RED',
    fires: () => new Decl().with730(t730([P(3, 45000), P(7, 45000), C730('C2', '2', 310000, 'A1')])),
    near: () => new Decl().row('titolare', 2008, 'A1', 3100).with730(t730([P(3, 45000), P(7, 45000), C730('C2', '2', 310000, 'A1')])),
    missing: false,
    path: 'soggetti.titolare.anni.2008.righi.A1',
  },
  {
    code: 'IMP-07',
    name: 'B1 transcribed as 450 while the 730/3 rigo 7 is 600,00',
    fires: () => new Decl().with730(t730([P(3, 60000), P(7, 60000)])),
    near: () => new Decl().row('titolare', 2008, 'B1', 600).with730(t730([P(3, 60000), P(7, 60000)])),
    missing: false,
    path: 'soggetti.titolare.anni.2008.righi.B1',
  },
  {
    code: 'IMP-08',
    name: 'a Swiss AVS pension in the RED, not in the 730 (not declared for tax)',
    fires: () => new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 9_800 })).with730(t730([P(3, 45000), P(7, 45000)])),
    near: () => new Decl().with730(t730([P(3, 45000), P(7, 45000)])),
    missing: false,
    path: 'soggetti.titolare.pensioniEstere.0.importo.2008',
  },
];

function t730(righe: Riga730[]): Dichiarazione730 {
  return { modello: '730/2009', cfDichiarante: CF.titolare, cfConiuge: null, stato: 'TRASM_CGN', dataStato: '2009-05-20', righe };
}
function P(rigo: 1 | 2 | 3 | 7, importo: number): Riga730 {
  return { record: 'P', cf: CF.titolare, rigo, importo };
}
function C730(rigo: string, tipologia: '1' | '2' | '3', importo: number, campoRed: 'A1' | 'NR' | 'H'): Riga730 {
  return { record: 'C', cf: CF.titolare, sezione: 'I', rigo, tipologia, col2: null, importo, campoRed, estero: campoRed === 'H' };
}

const firstOf = (findings: Finding[], code: string): Finding | undefined => findings.find((f) => f.code === code);

/**
 * How far apart two declarations are, in operator steps: the leaves (values) that differ between them, the
 * matricola's values included, where a subject only one of them has (a figlio or coniuge row added or removed)
 * counts as one step.
 */
function distance(a: Decl, b: Decl): number {
  const leaves = (d: Decl) => {
    const out = new Map<string, unknown>();
    const walk = (v: unknown, path: string) => {
      if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v as Record<string, unknown>);
        if (entries.length === 0) out.set(path, Array.isArray(v) ? '[]' : '{}');
        for (const [k, x] of entries) walk(x, `${path}.${k}`);
      } else out.set(path, v);
    };
    walk(d.m.values, 'matricola');
    const { soggetti, ...rest } = d.doc;
    walk(rest, 'doc');
    for (const s of soggetti) walk(s, `soggetto.${s.key}`);
    return out;
  };
  const la = leaves(a);
  const lb = leaves(b);
  const keysOf = (d: Decl) => new Set(d.doc.soggetti.map((s) => s.key));
  const ka = keysOf(a);
  const kb = keysOf(b);
  const onlyOne = [...new Set([...ka, ...kb])].filter((k) => ka.has(k) !== kb.has(k));
  let n = onlyOne.length;
  for (const k of new Set([...la.keys(), ...lb.keys()])) {
    if (onlyOne.some((key) => k.startsWith(`soggetto.${key}.`))) continue;
    if (la.get(k) !== lb.get(k)) n++;
  }
  return n;
}

/** A foreign pension row is entered field by field: up to its six values count as the one step of adding it. */
const ONE_STEP = 6;

describe('one case per rule code: fires, and the nearest declaration does not', () => {
  it.each(CASES.map((c) => [c.code, c] as const))('%s', (code, c) => {
    const fired = c.fires().validate().findings;
    const f = firstOf(fired, code);
    expect(f, `${code} (${c.name}) non segnalato; trovati: ${fired.map((x) => x.code).join(', ')}`).toBeDefined();
    if (!f) return;
    const rule = ALL_RULES.find((r) => r.code === code);
    expect(f.severity).toBe(rule?.severity);
    expect(f.message.length).toBeGreaterThan(20);
    expect(f.missing).toBe(c.missing);
    if (f.severity !== 'BLOCCANTE') expect(f.missing).toBe(false);
    expect(f.field.path).toBe(c.path);
    if (c.tab !== undefined) expect(f.field.tab).toBe(c.tab);
    expect(f.field.tab).toBe(f.field.path.startsWith('soggetti.') || f.field.path === 'ente' ? 'ANAGRAFICA_REDDITI' : 'DICHIARAZIONE');

    const near = c.near().validate().findings.map((x) => x.code);
    expect(near, `${code} segnalato anche nel caso vicino (${c.name})`).not.toContain(code);
    // The nearest non-case: at most one step from the firing declaration (not some unrelated empty one), and
    // there the rule is silent — also on the field it named, with that missing flag.
    const nearDecl = c.near();
    expect(distance(c.fires(), nearDecl), `${code}: il caso vicino è a più di un passo (${c.name})`).toBeLessThanOrEqual(ONE_STEP);
    const nearFindings = nearDecl.validate().findings;
    expect(nearFindings.filter((x) => x.field.path === f.field.path && x.missing === f.missing && x.code === code), `${code}: ${f.field.path} segnalato nel caso vicino`).toEqual([]);
  });

  it('covers every rule of the registry exactly once', () => {
    expect(CASES.map((c) => c.code).sort()).toEqual(ALL_RULES.map((r) => r.code).sort());
  });
});

describe('RED-10/11/12 per subject and year (p. 43, issue 11 point 4)', () => {
  // Coniuge (rilevanza 1, stato civile coniugato) kept Autocertificato; the titolare Documentato.
  const mixed = (over: Record<string, string>) =>
    new Decl({ statoCivile: '2', rilevanzaConiuge: '1', ...over }).withConiuge().documentato().modo('AUTOCERTIFICATO', 'coniuge');

  it('a titolare Documentato in 2008 with flag lavoro 2008 and no work income is blocked although the coniuge is Autocertificato', () => {
    const f = mixed({ flagLavoro2008: '1' }).validate().findings.filter((x) => x.code === 'RED-12');
    expect(f.map((x) => [x.field.path, x.severity])).toEqual([['soggetti.titolare.anni.2008.modo', 'BLOCCANTE']]);
    expect(f[0]?.message).toMatch(/^Titolare – redditi 2008: /);
    // The titolare's 2008 Autocertificato instead: a note, not a block.
    const auto = mixed({ flagLavoro2008: '1' }).modo('AUTOCERTIFICATO', 'titolare').codes();
    expect(auto).not.toContain('RED-12');
    expect(auto).toContain('RED-13');
  });

  it('two years asked: only the Documentato year of the titolare is judged (2007 Autocertificato, 2008 Documentato)', () => {
    const d = new Decl({ anniRichiesti: '3', flagLavoro2007: '1', flagLavoro2008: '1' }).documentato();
    d.year('titolare', 2007).modo = 'AUTOCERTIFICATO';
    const codes = d.validate().findings.map((x) => `${x.code} ${x.field.path}`);
    expect(codes).toContain('RED-12 soggetti.titolare.anni.2008.modo');
    expect(codes).not.toContain('RED-11 soggetti.titolare.anni.2007.modo');
    expect(codes).toContain('RED-13 soggetti.titolare.anni.2007.modo');
  });

  it('flag pensioni estere: a foreign pension of the titolare for 2008 satisfies 2008 only', () => {
    const d = new Decl({ anniRichiesti: '3', flagPensioniEstere: '1' }).documentato().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 9_800 }));
    const red10 = d.validate().findings.filter((x) => x.code === 'RED-10').map((x) => x.field.path);
    expect(red10).toEqual(['soggetti.titolare.anni.2007.modo']);
  });
});

describe('RED-20 with documents in cents (p. 93, issue 11 point 11)', () => {
  it('two documents of 10,20 make a row of 21 (the total rounded once); 22 is flagged', () => {
    const lines = [documentLine('CUD A', 1_020), documentLine('CUD B', 1_020)];
    const ok = new Decl().documentato().row('titolare', 2008, 'A1', 21, lines);
    expect(ok.codes()).not.toContain('RED-20');
    const wrong = new Decl().documentato().row('titolare', 2008, 'A1', 22, lines);
    expect(wrong.validate().findings.find((x) => x.code === 'RED-20')?.message).toContain('totale dei documenti esibiti (21)');
  });
});

describe('RED-15 (p. 36, issue 11 point 6)', () => {
  it('an E3 of the coniuge whose incomes ARE asked (rilevanza 1, coniugato) is what the guide asks: no note', () => {
    const d = new Decl({ statoCivile: '2', rilevanzaConiuge: '1' }).withConiuge().row('coniuge', 2008, 'E3', 1_500);
    expect(d.codes()).not.toContain('RED-15');
  });
  it('the note names the fondo previdenziale and the amount left out', () => {
    const f = new Decl({ statoCivile: '2', rilevanzaConiuge: '0' }).withConiuge().row('coniuge', 2008, 'E3', 1_500).validate().findings;
    const red15 = f.filter((x) => x.code === 'RED-15');
    expect(red15).toHaveLength(1);
    expect(red15[0]?.message).toContain('fondo previdenziale');
    expect(red15[0]?.message).toContain('1.500');
  });
});

describe('SOG-12 on the provincia (issue 10)', () => {
  it('"RX" is no Italian province and is flagged on its box; "RO" (Rovigo) and an empty one are not', () => {
    const sog12 = (provincia: string) =>
      new Decl().edit((_, x) => (x.subject('titolare').provincia = provincia)).validate().findings.filter((x) => x.code === 'SOG-12');
    expect(sog12('RX').map((x) => [x.field.path, x.severity])).toEqual([['soggetti.titolare.provincia', 'AVVERTIMENTO']]);
    expect(sog12('RX')[0]?.message).toContain('«RX» non è la sigla di una provincia italiana');
    expect(sog12('RO')).toEqual([]);
    expect(sog12('')).toEqual([]);
  });
});

describe('Monitor errori reads well (issue 18)', () => {
  it('a subject with no anagrafica is one line naming what is missing, pointing at the first box', () => {
    const f = new Decl({ statoCivile: '2' })
      .edit((_, x) => Object.assign(x.subject('coniuge'), { codiceFiscale: '', cognome: '', nome: '', indirizzo: '', comune: '' }))
      .validate().findings.filter((x) => x.field.subjectKey === 'coniuge' && (x.code === 'SOG-03' || x.code === 'SOG-04'));
    expect(f.map((x) => [x.code, x.message, x.field.path, x.missing])).toEqual([
      ['SOG-04', 'Coniuge: devono essere forniti i dati anagrafici; mancano codice fiscale, cognome, nome, indirizzo e comune di residenza.', 'soggetti.coniuge.codiceFiscale', true],
    ]);
  });

  it('one datum missing: «manca», singular, on that box; the codice fiscale alone is SOG-03', () => {
    const one = new Decl().edit((_, x) => (x.subject('titolare').comune = '')).validate().findings.filter((x) => x.code === 'SOG-04');
    expect(one.map((x) => [x.message, x.field.path])).toEqual([['Titolare: devono essere forniti i dati anagrafici; manca comune di residenza.', 'soggetti.titolare.comune']]);
    const cf = new Decl({ statoCivile: '2' }).edit((_, x) => (x.subject('coniuge').codiceFiscale = '')).validate().findings;
    expect(cf.filter((x) => x.code === 'SOG-04')).toEqual([]);
    expect(cf.find((x) => x.code === 'SOG-03')?.message).toBe('Coniuge: devono essere forniti i dati anagrafici; manca il codice fiscale.');
  });

  it('RED-02 names the coniuge as «il coniuge», the titolare as «il pensionato»', () => {
    const f = new Decl({ statoCivile: '2' })
      .edit((d) => {
        for (const s of d.soggetti) for (const y of s.anni) y.doc = null;
      })
      .validate().findings.filter((x) => x.code === 'RED-02');
    expect(f.map((x) => x.message)).toEqual([
      'Titolare – redditi 2008: indicare se il pensionato ha presentato o meno la dichiarazione dei redditi ("Doc.": 730, Unico o Nessuna).',
      'Coniuge – redditi 2008: indicare se il coniuge ha presentato o meno la dichiarazione dei redditi ("Doc.": 730, Unico o Nessuna).',
    ]);
  });

  it('a rule that reaches the same finding twice shows it once; two different lines both stay', () => {
    const field = { tab: 'DICHIARAZIONE' as const, path: 'anagrafica.codiceFiscale' };
    const twice: Rule = {
      code: 'TST-01',
      severity: 'NOTA',
      title: 'prova',
      ref: '—',
      check: () => [
        { code: 'TST-01', severity: 'NOTA', missing: false, message: 'uno', field },
        { code: 'TST-01', severity: 'NOTA', missing: false, message: 'uno', field },
        { code: 'TST-01', severity: 'NOTA', missing: false, message: 'due', field },
      ],
    };
    expect(validate(new Decl().ctx(), [twice]).findings.map((f) => f.message)).toEqual(['uno', 'due']);
  });

  it('no line is repeated, whatever the declaration', () => {
    const cases = [new Decl(), new Decl({ statoCivile: '2', anniRichiesti: '3' }).withFigli(2), new Decl({ statoCivile: '2' }).edit((d) => (d.soggetti = d.soggetti.map((s) => ({ ...s, cognome: '', nome: '' }))))];
    for (const c of cases) {
      const lines = c.validate().findings.map((x) => `${x.code} ${x.field.path} ${x.message}`);
      expect(new Set(lines).size).toBe(lines.length);
    }
  });
});

describe('variants of the same codes', () => {
  it('DIC-19 blocks like DIC-18: «coniugato» kept is wrong data, a vedovo decorrenza other than the death too', () => {
    const kept = new Decl({ statoCivile: '2' }).edit((d, x) => {
      x.subject('coniuge').dataDecesso = '2006-11-20';
      d.anagrafica.statoCivile = '2';
      d.anagrafica.statoCivileDecorrenza = '2006-01-01';
    });
    const f = kept.validate().findings.find((x) => x.code === 'DIC-19');
    expect([f?.severity, f?.missing, f?.field.path]).toEqual(['BLOCCANTE', false, 'anagrafica.statoCivile']);
    expect(kept.validate().outcome).toBe('ERRATA');
    const otherDate = new Decl({ statoCivile: '2' })
      .edit((d, x) => {
        x.subject('coniuge').dataDecesso = '2006-11-20';
        d.anagrafica.statoCivile = '3';
        d.anagrafica.statoCivileDecorrenza = '2006-12-01';
      })
      .validate().findings.find((x) => x.code === 'DIC-19');
    expect([otherDate?.missing, otherDate?.field.path]).toEqual([false, 'anagrafica.statoCivileDecorrenza']);
  });

  it('DIC-10: rilevanza coniuge 2 is «coniuge rilevante» too (p. 42, p. 80); 0 is not', () => {
    const zero = (rilevanza: string) =>
      new Decl({ statoCivile: '1', rilevanzaConiuge: rilevanza }).zeroRed().edit((d) => {
        d.anagrafica.statoCivile = '2';
        d.anagrafica.statoCivileDecorrenza = '2008-09-13';
      });
    expect(zero('2').codes()).toContain('DIC-10');
    expect(zero('0').codes()).not.toContain('DIC-10');
  });

  it('EST-03: two «999 altro» institutions of one State with the same Tipo are two bodies, not a duplicate', () => {
    const two = new Decl().foreign('titolare', foreign('756', '999', 1, { 2008: 1_000 }), foreign('756', '999', 1, { 2008: 2_000 }));
    expect(two.codes()).not.toContain('EST-03');
  });

  it('DIC-20: a death in 2031 and an espatrio tomorrow are refused, each on its own field', () => {
    const f = new Decl()
      .edit((d) => {
        d.anagrafica.deceduto = true;
        d.anagrafica.dataDecesso = '2031-05-02';
        d.anagrafica.espatriato = true;
        d.anagrafica.dataEspatrio = '2009-06-16';
        d.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
      })
      .validate().findings.filter((x) => x.code === 'DIC-20');
    expect(f.map((x) => x.field.path)).toEqual(['anagrafica.dataDecesso', 'anagrafica.dataEspatrio']);
    expect(f[0]?.message).toBe(
      "La data del decesso del titolare (02/05/2031) è successiva a oggi (15/06/2009): indicare la data dell'evento già avvenuto.",
    );
  });

  it('DIC-20: the coniuge dead in 2010, seen on 15/06/2009', () => {
    const f = new Decl({ statoCivile: '2' }).edit((d, x) => (x.subject('coniuge').dataDecesso = '2010-01-01')).validate().findings;
    expect(firstOf(f, 'DIC-20')?.field).toMatchObject({ path: 'soggetti.coniuge.dataDecesso', subjectKey: 'coniuge', tab: 'ANAGRAFICA_REDDITI' });
  });

  it('DIC-21: the coniuge (born 05/08/1942, CF BNCNNA42M45H501) dead the day before her birth, not on the day', () => {
    const before = new Decl({ statoCivile: '2' }).edit((d, x) => (x.subject('coniuge').dataDecesso = '1942-08-04')).validate().findings;
    expect(firstOf(before, 'DIC-21')?.message).toBe(
      'La data del decesso del coniuge (04/08/1942) è anteriore alla data di nascita del coniuge (05/08/1942, dal codice fiscale): verificare la data o il codice fiscale.',
    );
    const onTheDay = new Decl({ statoCivile: '2' }).edit((d, x) => (x.subject('coniuge').dataDecesso = '1942-08-05')).validate().findings;
    expect(firstOf(onTheDay, 'DIC-21')).toBeUndefined();
  });

  it('DIC-21: "Inverti 1900/2000" moves the birth and so the bound', () => {
    const f = new Decl()
      .edit((d, x) => {
        d.anagrafica.statoCivile = '4';
        d.anagrafica.statoCivileDecorrenza = '1990-03-01';
        x.subject('titolare').invertiSecolo = true; // born 01/01/2040 for the program
      })
      .on('2041-01-01')
      .validate().findings;
    expect(firstOf(f, 'DIC-21')?.field.path).toBe('anagrafica.statoCivileDecorrenza');
  });

  it('DIC-18: vedovo with a decorrenza other than the date of death is wrong data', () => {
    const f = new Decl({ statoCivile: '2', anniRichiesti: '3' })
      .edit((d, x) => {
        x.subject('coniuge').dataDecesso = '2008-03-10';
        d.anagrafica.statoCivile = '3';
        d.anagrafica.statoCivileDecorrenza = '2008-04-01';
      })
      .validate().findings;
    expect(firstOf(f, 'DIC-18')?.missing).toBe(false);
  });

  it('SOG-02: more figli rows than "numero figli" point at the extra row (wrong data)', () => {
    const f = new Decl({ numeroFigli: '1' }).withFigli(2).edit((d) => (d.anagrafica.numeroFigli = 1)).validate().findings;
    const sog = firstOf(f, 'SOG-02');
    expect(sog?.missing).toBe(false);
    expect(sog?.field.path).toBe('soggetti.figlio-2.codiceFiscale');
  });

  it('SOG-03: a formally invalid codice fiscale is wrong data; the Dichiarazione CF is checked too', () => {
    const f = new Decl()
      .edit((d, x) => {
        d.anagrafica.codiceFiscale = wrongCf(CF.titolare);
        x.subject('titolare').codiceFiscale = wrongCf(CF.titolare);
      })
      .validate().findings.filter((x) => x.code === 'SOG-03');
    expect(f.map((x) => [x.field.path, x.missing])).toEqual([
      ['anagrafica.codiceFiscale', false],
      ['soggetti.titolare.codiceFiscale', false],
    ]);
    expect(f[0]?.message).toMatch(/carattere di controllo/);
  });

  it('ENT-01: a listed body that does not report to the Casellario, or an unknown code', () => {
    expect(new Decl().edit((d) => (d.ente = { codice: 'FPREGSIC', nonCodificato: false })).codes()).toContain('ENT-01');
    expect(new Decl().edit((d) => (d.ente = { codice: 'XYZ', nonCodificato: false })).codes()).toContain('ENT-01');
    expect(new Decl().edit((d) => (d.ente = { codice: 'INPGI', nonCodificato: false })).codes()).not.toContain('ENT-01');
  });

  it('EST-05: an unknown State; "999 altro" is valid for every known State', () => {
    expect(new Decl().foreign('titolare', foreign('XXX', '999', 1, { 2008: 100 })).codes()).toContain('EST-05');
    expect(new Decl().foreign('titolare', foreign('826', '999', 1, { 2008: 100 })).codes()).not.toContain('EST-05');
  });

  it('RED-09: C1 in a Documentato RED may be self-certified (RED-18 note instead)', () => {
    const codes = new Decl().documentato().row('titolare', 2008, 'C1', 120).codes();
    expect(codes).not.toContain('RED-09');
    expect(codes).toContain('RED-18');
  });

  it('RED-05: a negative document line in a Documentato RED', () => {
    const codes = new Decl().documentato().row('titolare', 2008, 'B2', 100, [doc('Affitto', 300), doc('Rimborso', -200)]).codes();
    expect(codes).toContain('RED-05');
  });

  it('RED-03 and RED-05 apply to foreign pension amounts too', () => {
    expect(new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 41_000 })).codes()).toContain('RED-03');
    expect(new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: -5 })).codes()).toContain('RED-05');
  });

  it('DIC-12 also for a foreign pension amount in a Zero RED', () => {
    expect(new Decl().zeroRed().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 9_800 })).codes()).toContain('DIC-12');
  });
});

describe('which rows count (tipo righi, Facoltativi, G1/G2)', () => {
  it('an optional row counts only when "Facoltativi" is ticked', () => {
    // Code 05: F4 (redditi esenti) is optional.
    const off = new Decl().row('titolare', 2008, 'F4', 50_000);
    expect(off.codes()).not.toContain('RED-03');
    const on = new Decl().row('titolare', 2008, 'F4', 50_000).edit((_, x) => (x.year('titolare').facoltativi = true));
    expect(on.codes()).toContain('RED-03');
  });

  it('G1 counts only when the code asks it', () => {
    expect(new Decl({ tipoRighiDichiarante: '05' }).row('titolare', 2008, 'G1', -10).codes()).not.toContain('RED-05');
    expect(new Decl({ tipoRighiDichiarante: '06' }).row('titolare', 2008, 'G1', -10).codes()).toContain('RED-05');
  });

  it('coniuge and figli use the nucleus code: 00 asks them nothing', () => {
    const none = new Decl({ statoCivile: '2', numeroFigli: '1', tipoRighiNucleo: '00' }).withFigli(1).modo(null, 'coniuge').modo(null, 'figlio-1');
    expect(none.codes()).not.toContain('RED-01');
    const asked = new Decl({ statoCivile: '2', numeroFigli: '1', tipoRighiNucleo: '05' }).withFigli(1).modo(null, 'figlio-1');
    expect(asked.validate().findings.filter((f) => f.code === 'RED-01').map((f) => f.field.subjectKey)).toEqual(['figlio-1']);
  });

  it('the titolare uses the dichiarante code: A3 is optional in code 29', () => {
    expect(new Decl({ tipoRighiDichiarante: '29' }).row('titolare', 2008, 'A3', -50).codes()).not.toContain('RED-05');
    expect(new Decl({ tipoRighiDichiarante: '01' }).row('titolare', 2008, 'A3', -50).codes()).toContain('RED-05');
  });

  it('the coniuge declares only the years in which the titolare is coniugato', () => {
    // Married on 14/06/2008 (matricola: celibe), 2008 and 2007 asked: the coniuge declares 2008 only.
    const d = new Decl({ statoCivile: '1', anniRichiesti: '3' })
      .withConiuge()
      .modo(null, 'coniuge')
      .edit((doc) => {
        doc.anagrafica.statoCivile = '2';
        doc.anagrafica.statoCivileDecorrenza = '2008-06-14';
      });
    expect(d.validate().findings.filter((f) => f.code === 'RED-01').map((f) => f.field.anno)).toEqual([2008]);
  });
});

describe('figli proposed from the matricola and asked only with the assegni familiari (p. 42, 82; issue 11 point 1)', () => {
  it('SOG-02 does not block with nucleus code 00: the number of figli alone asks no figli row', () => {
    // numero figli 2 from the matricola, no figli row (none is proposed with code 00).
    const d = new Decl({ numeroFigli: '2', tipoRighiNucleo: '00' });
    expect(d.doc.soggetti.filter((s) => s.role === 'FIGLIO')).toHaveLength(0);
    expect(d.codes()).not.toContain('SOG-02');
    // With a code that asks the nucleus rows, the same declaration without its figli rows blocks.
    expect(new Decl({ numeroFigli: '2', tipoRighiNucleo: '05' }).dropFiglioRow('figlio-1').dropFiglioRow('figlio-2').codes()).toContain('SOG-02');
  });

  it('SOG-03/SOG-04 skip a blank figlio row when no figli income is asked, not a half-filled one', () => {
    const blank = (nucleo: string) =>
      new Decl({ numeroFigli: '1', tipoRighiNucleo: nucleo }).withFigli(1).edit((_, x) => {
        const s = x.subject('figlio-1');
        s.codiceFiscale = s.cognome = s.nome = s.indirizzo = s.comune = '';
      });
    expect(blank('00').codes()).not.toContain('SOG-04');
    expect(blank('00').codes()).not.toContain('SOG-03');
    const asked = blank('05').validate().findings.filter((f) => f.code === 'SOG-04');
    expect(asked.map((f) => [f.field.path, f.missing])).toEqual([['soggetti.figlio-1.codiceFiscale', true]]);
    const half = blank('00').edit((_, x) => (x.subject('figlio-1').codiceFiscale = 'RSSLCU95C10H50'));
    expect(half.codes()).toContain('SOG-03');
  });
});

describe('Zero RED is a RED breve (pp. 76–77, 80; issue 11 point 2)', () => {
  it('no incomes, no mode and no figli count are asked', () => {
    // Titolare without mode, a figlio row missing: a normal RED blocks on both, a Zero RED on neither.
    const d = () => new Decl({ numeroFigli: '1' }).modo(null, 'titolare').dropFiglioRow('figlio-1');
    expect(d().codes()).toEqual(expect.arrayContaining(['RED-01', 'SOG-02']));
    const zero = d().edit((doc) => {
      doc.zeroRed = true;
      for (const s of doc.soggetti) for (const y of s.anni) y.righi = {};
    });
    expect(zero.codes()).not.toContain('RED-01');
    expect(zero.codes()).not.toContain('SOG-02');
    const f = validate(zero.ctx()).findings.filter((x) => x.severity === 'BLOCCANTE');
    expect(f).toEqual([]);
  });

  it('the coniuge and figli anagrafica of a Zero RED are not checked, as in every RED breve', () => {
    const d = new Decl({ statoCivile: '2', numeroFigli: '1' }).withFigli(1).zeroRed().edit((_, x) => (x.subject('figlio-1').cognome = ''));
    expect(d.codes()).not.toContain('SOG-04');
  });
});
