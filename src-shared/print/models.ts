/**
 * The layouts of the printed models, as data: which sections in which order, the model's code and title as
 * the guide names them (p. 105, 107, 66, 73). A next campaign changes this table, not the composer.
 *
 * [assumption] The official "Mod. CERT. RED" forms are INPS's and are not in the guide (red-domain.md §9.2):
 * these layouts are the project's own and every page says so in its footer. Fixed texts (self-certification,
 * privacy notice) are written in our own words from the facts the guide gives.
 */
import type { ModelId } from './types';

export type SubjectScope = 'titolare' | 'subject';

export type SectionSpec =
  /** Matricola, tipo dichiarazione, ente, anni richiesti, modalità (p. 76–79). */
  | { kind: 'dichiarazione' }
  | { kind: 'anagrafica'; who: SubjectScope }
  /** "Conferma/aggiornamento dati anagrafici": stato civile and its decorrenza (p. 79). */
  | { kind: 'statoCivile' }
  /** The household members declared (p. 82). */
  | { kind: 'nucleo' }
  /** Rows A1 … G2 per requested year, with "Non dich." / "Non rich." (p. 91). */
  | { kind: 'redditi'; who: SubjectScope }
  | { kind: 'pensioniEstere'; who: SubjectScope }
  /** The subjects who filed no tax return, with the tax year (p. 92). */
  | { kind: 'nonPresentata' }
  /** "Elenco dei redditi dichiarati e documenti esibiti" (p. 93). */
  | { kind: 'documenti' }
  /** Incomes entered, subject by subject (the self-certifications, p. 105). */
  | { kind: 'redditiInseriti'; onlyNonPresentata: boolean }
  | { kind: 'evento'; evento: 'DECESSO' | 'ESPATRIO' }
  | { kind: 'erede' }
  | { kind: 'testo'; heading?: string; text: string }
  | { kind: 'firme'; boxes: readonly string[] }
  | { kind: 'privacy' }
  /** 05: the main rows pre-printed, amounts to write by hand. */
  | { kind: 'righiPrestampati' }
  /** 06: free text lines. */
  | { kind: 'righeLibere'; count: number }
  /** "Richiesta duplicato Stringa CAF": the identity document (p. 66). */
  | { kind: 'documentoIdentita' }
  /** "Elenco documenti necessari" (p. 73). */
  | { kind: 'vademecum' }
  /** The cross-check errors the CAF lifted ("Sblocca dichiarazione errata", p. 70, 97–98); nothing when none. */
  | { kind: 'sblocchi' };

export interface ModelLayout {
  id: ModelId;
  code: string;
  title: string;
  guidePage: string;
  /** Printed once per child (RED/F) or per subject; otherwise once per declaration. */
  perSubject: boolean;
  sections: readonly SectionSpec[];
}

export const SIGNATURE_DICHIARANTE = 'Firma del dichiarante';
export const SIGNATURE_INCARICATO = "Firma dell'incaricato del CAF";
export const SIGNATURE_EREDE = "Firma dell'erede / del dichiarante";
export const SIGNATURE_DELEGATO = 'Firma della persona delegata';

const FIRME = { kind: 'firme', boxes: [SIGNATURE_DICHIARANTE, SIGNATURE_INCARICATO] } as const;

const AUTOCERT_INTRO =
  'Il/la sottoscritto/a, consapevole delle sanzioni penali previste per le dichiarazioni mendaci (artt. 75 e 76 del ' +
  'D.P.R. 28 dicembre 2000, n. 445), dichiara sotto la propria responsabilità che i redditi indicati di seguito sono ' +
  'quelli percepiti negli anni richiesti, e allega copia di un documento di identità in corso di validità.';

export const MODEL_LAYOUTS: Readonly<Record<ModelId, ModelLayout>> = {
  RED1: {
    id: 'RED1',
    code: 'Mod. CERT. RED/1',
    title: 'Dichiarazione della situazione reddituale (modello RED)',
    guidePage: 'p. 105',
    perSubject: false,
    sections: [
      { kind: 'dichiarazione' },
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'statoCivile' },
      { kind: 'nucleo' },
      {
        kind: 'testo',
        text: 'I redditi di ciascun componente del nucleo sono riportati negli allegati RED/T (titolare), RED/C (coniuge) e RED/F (un allegato per ciascun figlio), che formano parte integrante del presente modello.',
      },
      { kind: 'nonPresentata' },
      { kind: 'sblocchi' },
      FIRME,
      { kind: 'privacy' },
    ],
  },
  REDT: {
    id: 'REDT',
    code: 'Mod. CERT. RED/T',
    title: 'Allegato al Mod. CERT. RED/1 – redditi del Titolare',
    guidePage: 'p. 105',
    perSubject: true,
    sections: [{ kind: 'anagrafica', who: 'subject' }, { kind: 'redditi', who: 'subject' }, { kind: 'pensioniEstere', who: 'subject' }, FIRME],
  },
  REDC: {
    id: 'REDC',
    code: 'Mod. CERT. RED/C',
    title: 'Allegato al Mod. CERT. RED/1 – redditi del Coniuge',
    guidePage: 'p. 105',
    perSubject: true,
    sections: [{ kind: 'anagrafica', who: 'subject' }, { kind: 'redditi', who: 'subject' }, { kind: 'pensioniEstere', who: 'subject' }, FIRME],
  },
  REDF: {
    id: 'REDF',
    code: 'Mod. CERT. RED/F',
    title: 'Allegato al Mod. CERT. RED/1 – redditi del Figlio/a',
    guidePage: 'p. 105',
    perSubject: true,
    sections: [{ kind: 'anagrafica', who: 'subject' }, { kind: 'redditi', who: 'subject' }, { kind: 'pensioniEstere', who: 'subject' }, FIRME],
  },
  RED2: {
    id: 'RED2',
    code: 'Mod. CERT. RED/2',
    title: 'Modello RED «Zero RED» (non «Documentato»)',
    guidePage: 'p. 105',
    perSubject: false,
    sections: [
      { kind: 'dichiarazione' },
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'statoCivile' },
      {
        kind: 'testo',
        heading: 'Dichiarazione',
        text: 'Il/la sottoscritto/a dichiara di non possedere, per gli anni richiesti, redditi diversi dalle pensioni già presenti nel Casellario unico delle pensioni. Dichiarazione resa ai sensi del D.P.R. 28 dicembre 2000, n. 445.',
      },
      FIRME,
      { kind: 'privacy' },
    ],
  },
  RED3: {
    id: 'RED3',
    code: 'Mod. CERT. RED/3',
    title: 'Modello RED – rinuncia a fornire i redditi richiesti',
    guidePage: 'p. 105',
    perSubject: false,
    sections: [
      { kind: 'dichiarazione' },
      { kind: 'anagrafica', who: 'titolare' },
      {
        kind: 'testo',
        heading: 'Rinuncia',
        text: "Il/la sottoscritto/a dichiara di rinunciare a fornire i redditi richiesti e, di conseguenza, alle prestazioni collegate al reddito che dipendono da tale dichiarazione.",
      },
      FIRME,
      { kind: 'privacy' },
    ],
  },
  RED4: {
    id: 'RED4',
    code: 'Mod. CERT. RED/4',
    title: "Modello RED – comunicazione del decesso del Pensionato (a cura dell'erede/altro)",
    guidePage: 'p. 105',
    perSubject: false,
    sections: [
      { kind: 'dichiarazione' },
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'evento', evento: 'DECESSO' },
      { kind: 'erede' },
      { kind: 'firme', boxes: [SIGNATURE_EREDE, SIGNATURE_INCARICATO] },
      { kind: 'privacy' },
    ],
  },
  RED5: {
    id: 'RED5',
    code: 'Mod. CERT. RED/5',
    title: "Modello RED – trasferimento all'estero del Pensionato («Espatrio»)",
    guidePage: 'p. 105',
    perSubject: false,
    sections: [
      { kind: 'dichiarazione' },
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'evento', evento: 'ESPATRIO' },
      { kind: 'firme', boxes: [SIGNATURE_DELEGATO, SIGNATURE_INCARICATO] },
      { kind: 'privacy' },
    ],
  },
  RED7: {
    id: 'RED7',
    code: 'Mod. CERT. RED/7',
    title: 'Modello RED «Zero RED» («Documentato»)',
    guidePage: 'p. 105',
    perSubject: false,
    sections: [
      { kind: 'dichiarazione' },
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'statoCivile' },
      {
        kind: 'testo',
        heading: 'Dichiarazione',
        text: 'Sulla base dei documenti esibiti, il/la sottoscritto/a dichiara di non possedere, per gli anni richiesti, redditi diversi dalle pensioni già presenti nel Casellario unico delle pensioni.',
      },
      FIRME,
      { kind: 'privacy' },
    ],
  },
  ELENCO_ALLEGATI: {
    id: 'ELENCO_ALLEGATI',
    code: 'ELENCO ALLEGATI',
    title: 'Elenco dei redditi dichiarati e documenti esibiti',
    guidePage: 'p. 93, 105',
    perSubject: false,
    sections: [
      { kind: 'anagrafica', who: 'titolare' },
      {
        kind: 'testo',
        text: 'Allegato predisposto dal CAF: non fa parte del modello ufficiale. Elenca i documenti effettivamente esibiti dal pensionato e utilizzati per compilare il modello RED.',
      },
      { kind: 'documenti' },
      { kind: 'nonPresentata' },
      FIRME,
    ],
  },
  AUTOCERT_DOC: {
    id: 'AUTOCERT_DOC',
    code: 'AUTOCERTIFICAZIONE',
    title: 'Autocertificazione (D.P.R. 445/2000) – RED Documentato',
    guidePage: 'p. 92, 105',
    perSubject: false,
    sections: [
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'testo', text: AUTOCERT_INTRO },
      { kind: 'nonPresentata' },
      { kind: 'redditiInseriti', onlyNonPresentata: true },
      FIRME,
      { kind: 'privacy' },
    ],
  },
  AUTOCERT_AUTO: {
    id: 'AUTOCERT_AUTO',
    code: 'AUTOCERTIFICAZIONE',
    title: 'Autocertificazione (D.P.R. 445/2000) – RED Autocertificato',
    guidePage: 'p. 89, 92, 105',
    perSubject: false,
    sections: [
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'testo', text: AUTOCERT_INTRO },
      { kind: 'redditiInseriti', onlyNonPresentata: false },
      { kind: 'nonPresentata' },
      FIRME,
      { kind: 'privacy' },
    ],
  },
  AUTOCERT_RIGHI: {
    id: 'AUTOCERT_RIGHI',
    code: 'AUTOCERTIFICAZIONE',
    title: 'Autocertificazione dei redditi – righi prestampati',
    guidePage: 'p. 107',
    perSubject: false,
    sections: [{ kind: 'anagrafica', who: 'titolare' }, { kind: 'testo', text: AUTOCERT_INTRO }, { kind: 'righiPrestampati' }, FIRME],
  },
  AUTOCERT_LIBERO: {
    id: 'AUTOCERT_LIBERO',
    code: 'AUTOCERTIFICAZIONE',
    title: 'Autocertificazione – testo libero',
    guidePage: 'p. 107',
    perSubject: false,
    sections: [
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'testo', text: 'Il/la sottoscritto/a, consapevole delle sanzioni penali previste per le dichiarazioni mendaci (artt. 75 e 76 del D.P.R. 28 dicembre 2000, n. 445), dichiara sotto la propria responsabilità:' },
      { kind: 'righeLibere', count: 18 },
      FIRME,
    ],
  },
  DUPLICATO_STRINGA: {
    id: 'DUPLICATO_STRINGA',
    code: 'RICHIESTA DUPLICATO STRINGA CAF',
    title: 'Richiesta del duplicato della Stringa CAF (matricola INPS)',
    guidePage: 'p. 66',
    perSubject: false,
    sections: [
      { kind: 'anagrafica', who: 'titolare' },
      { kind: 'documentoIdentita' },
      {
        kind: 'testo',
        heading: 'Richiesta',
        text: 'Il/la sottoscritto/a chiede al CAF CGN di ottenere dall\'INPS il duplicato della lettera RED con la Stringa CAF necessaria alla compilazione della dichiarazione. Allega la fotocopia del documento di identità indicato. La richiesta firmata e la copia del documento vanno inviate al CAF CGN (fax 0434 506533); il CAF conserva la copia del documento insieme alla richiesta.',
      },
      { kind: 'firme', boxes: ['Firma del pensionato', 'Firma del responsabile del CAF'] },
      { kind: 'privacy' },
    ],
  },
  ELENCO_DOCUMENTI: {
    id: 'ELENCO_DOCUMENTI',
    code: 'ELENCO DOCUMENTI NECESSARI',
    title: 'Documenti da presentare per la dichiarazione RED',
    guidePage: 'p. 73',
    perSubject: false,
    sections: [{ kind: 'vademecum' }],
  },
};

export function layoutOf(id: ModelId): ModelLayout {
  return MODEL_LAYOUTS[id];
}
