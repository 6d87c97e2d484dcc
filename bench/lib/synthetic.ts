/**
 * A deterministic synthetic archive: realistic RED declarations (pensioners' codici fiscali, valid
 * matricole, a status mix of a campaign well under way, one or two years, a few income rows each).
 */
import { cfCheckChar, CF_MONTH_LETTERS } from '#shared/codice-fiscale/codice-fiscale';
import { generateMatricola, parseMatricola } from '#shared/matricola/codec';
import { IncomeRowSchema, type RedDocument } from '#shared/domain/red-document';
import { newDocumentFor } from '#shared/rules/new-document';
import type { Status } from '#shared/status/statuses';
import type { ImportedDeclaration } from '#main/archive/archive';
import { Prng, WeightedPicker } from '#shared/util/prng';

/** Roughly in order of frequency (the first ones are picked more often). */
const SURNAMES = `ROSSI RUSSO FERRARI ESPOSITO BIANCHI ROMANO COLOMBO RICCI MARINO GRECO BRUNO GALLO CONTI DE_LUCA
MANCINI COSTA GIORDANO RIZZO LOMBARDI MORETTI BARBIERI FONTANA SANTORO MARIANI RINALDI CARUSO FERRARA GALLI
MARTINI LEONE LONGO GENTILE MARTINELLI VITALE LOMBARDO SERRA COPPOLA DE_SANTIS D'ANGELO MARCHETTI PARISI VILLA
CONTE FERRARO FERRI FABBRI BIANCO MARINI GRASSO VALENTINI MESSINA SALA DE_ANGELIS GATTI PELLEGRINI PALUMBO SANNA
FARINA RIZZI MONTI CATTANEO MORELLI AMATO SILVESTRI MAZZA TESTA GRASSI PELLEGRINO CARBONE GIULIANI BENEDETTI
BARONE ROSSETTI CAPUTO MONTANARI GUERRA PALMIERI BERNARDI MARTINO FIORE DE_ROSA FERRETTI BELLINI BASILE RIVA
DONATI PIRAS VITALI BATTAGLIA SARTORI NERI COSTANTINI MILANI PAGANO RUGGIERO SORRENTINO D'AMICO ORLANDO NEGRI
MANGANO FUMAGALLI CASTELLI POLITO LEONARDI GAROFALO BELLI MARCHI GUIDI RUGGERI CIRILLO BONI MAGGI MELIS FERRANTE
DE_SIMONE CAPPELLI TOSI BELLO BRAMBILLA ROSA MARRA CARLI LUCCHESI BOSCO GIANNINI PIAZZA RAIMONDI GUIDA CAMPANA
CALABRESE SCOTTI PACE MAZZONI ORLANDI GIORGI GRIMALDI SALVI MOLINARI BONETTI ANGELINI MARTIN SILVESTRO PIRAS_
FARINELLI GIACOMELLI CATALANO DI_STEFANO SERAFINI FIORI ROSATI PEZZOLI ZANETTI DE_MARCO BERTOLINI VENTURA
BALDI PAOLINI MONACO FABIANI SIMONETTI CORSI BUCCI SCHIAVONE LUCIANI MEMOLI TAVERNA ZANELLA RAGUSA CECCHI
BARTOLI MAZZEI ALBANESE PIRAZZOLI LOMBARDINI FERRI_ SPINELLI CAVALLO CASALE VOLPE ROSSINI PUGLIESE GIUSTI
CASADEI BONFANTI AIELLO SARTI CASTAGNA GRIECO FALCO BONINI TOMASELLI MELONI POLI MOLINARO RIGHI ZAMPIERI
SACCO DI_MAURO ZANONI CORRADI PASQUALI DI_NAPOLI MAGNANI VENTURI MONTALDO GIOVANNINI DE_FILIPPO BENINI
TRAVERSO ROTA BERTI NARDI VACCARI CANTONI PERRONE COLELLA ARENA`
  .split(/\s+/)
  .map((s) => s.replace(/_$/, '').replace(/_/g, ' '))
  .filter((s, i, all) => s && all.indexOf(s) === i);

const MALE_NAMES = `GIUSEPPE GIOVANNI ANTONIO MARIO LUIGI FRANCESCO ANGELO VINCENZO PIETRO SALVATORE CARLO FRANCO
DOMENICO BRUNO PAOLO MICHELE GIORGIO ALDO SERGIO LUCIANO GIANNI ROBERTO ENRICO ALBERTO RENATO UMBERTO RAFFAELE
ALFREDO ARMANDO ERNESTO CESARE GUIDO EMILIO ETTORE FERNANDO GINO LUCIO NICOLA OSVALDO RICCARDO ROCCO SILVIO
TOMMASO VITTORIO ARTURO CORRADO DANTE ELIO FELICE GAETANO`.split(/\s+/);

const FEMALE_NAMES = `MARIA ANNA GIUSEPPINA ROSA ANGELA GIOVANNA TERESA LUCIA CARMELA CATERINA FRANCESCA ANNA_MARIA LUIGIA
ANTONIETTA ELENA CONCETTA RITA MARGHERITA FRANCA PAOLA IDA ELISABETTA LUISA BRUNA ADRIANA GRAZIA CARLA GABRIELLA
LIDIA NELLA IOLANDA ROSARIA SILVANA VITTORIA ASSUNTA AGNESE ALBA BIANCA CLARA DORA EMMA FILOMENA GINA IRMA LINA
MAFALDA NORMA PIERA SANTINA WANDA`
  .split(/\s+/)
  .map((s) => s.replace(/_/g, ' '));

/** Codici catastali of birth comuni; the branch is in Rome, so Roma and Lazio come up more often. */
const COMUNI: readonly { value: string; weight: number }[] = [
  { value: 'H501', weight: 30 }, // Roma
  { value: 'F839', weight: 6 }, // Napoli
  { value: 'F205', weight: 5 }, // Milano
  { value: 'L219', weight: 4 }, // Torino
  { value: 'G273', weight: 4 }, // Palermo
  { value: 'D969', weight: 3 }, // Genova
  { value: 'A944', weight: 3 }, // Bologna
  { value: 'D612', weight: 3 }, // Firenze
  { value: 'A662', weight: 3 }, // Bari
  { value: 'C351', weight: 3 }, // Catania
  { value: 'L736', weight: 2 }, // Venezia
  { value: 'L781', weight: 2 }, // Verona
  { value: 'F158', weight: 2 }, // Messina
  { value: 'G224', weight: 2 }, // Padova
  { value: 'L424', weight: 2 }, // Trieste
  { value: 'B157', weight: 2 }, // Brescia
  { value: 'B354', weight: 2 }, // Cagliari
  { value: 'A794', weight: 2 }, // Bergamo
  { value: 'M082', weight: 3 }, // Viterbo
  { value: 'E472', weight: 3 }, // Latina
  { value: 'D810', weight: 3 }, // Frosinone
  { value: 'H282', weight: 3 }, // Rieti
];

/** A campaign well under way: most declarations received, many still to send or in transit. */
const STATUS_WEIGHTS: readonly { value: Status; weight: number }[] = [
  { value: 'ERRATA', weight: 3 },
  { value: 'INCOMPLETA', weight: 5 },
  { value: 'COMPLETA', weight: 12 }, // Da spedire ≈ 20 %
  { value: 'ATTESA', weight: 3 },
  { value: 'TRASM_CGN', weight: 5 },
  { value: 'BLOCCATA', weight: 1 },
  { value: 'TRASM_INPS', weight: 11 }, // Spedite ≈ 20 %
  { value: 'RICEVUTA', weight: 53 },
  { value: 'RETTIFICATA', weight: 3 }, // Ricevute ≈ 56 % (53 % shown by default)
  { value: 'SCARTATA', weight: 3 },
  { value: 'SCART_CAF', weight: 1 }, // Scartate ≈ 4 %
];

const RIGHI = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'D1', 'D3', 'E1', 'E2', 'F1', 'G1'];

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
const letters = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '');
const consonants = (s: string) => [...letters(s)].filter((c) => !VOWELS.has(c));
const vowels = (s: string) => [...letters(s)].filter((c) => VOWELS.has(c));

function surnameCode(cognome: string): string {
  return [...consonants(cognome), ...vowels(cognome), 'X', 'X', 'X'].slice(0, 3).join('');
}
function nameCode(nome: string): string {
  const c = consonants(nome);
  if (c.length >= 4) return `${c[0]}${c[2]}${c[3]}`;
  return [...c, ...vowels(nome), 'X', 'X', 'X'].slice(0, 3).join('');
}
const two = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export interface SyntheticArchive {
  declarations: ImportedDeclaration[];
  surnames: readonly string[];
}

/** `count` declarations, always the same for the same seed. */
export function syntheticDeclarations(count: number, seed = 20090301): SyntheticArchive {
  const rng = new Prng(seed);
  const surnames = new WeightedPicker(SURNAMES.map((value, rank) => ({ value, weight: 1 / (rank + 10) })));
  const comuni = new WeightedPicker(COMUNI);
  const statuses = new WeightedPicker(STATUS_WEIGHTS);
  const out: ImportedDeclaration[] = [];
  for (let i = 0; i < count; i++) {
    const female = rng.chance(0.55);
    const cognome = surnames.pick(rng);
    const nome = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const year = rng.int(1918, 1952);
    const month = rng.int(1, 12);
    const day = rng.int(1, daysIn(year, month));
    const first15 =
      surnameCode(cognome) +
      nameCode(nome) +
      two(year % 100) +
      CF_MONTH_LETTERS.charAt(month - 1) +
      two(female ? day + 40 : day) +
      comuni.pick(rng);
    const codiceFiscale = first15 + cfCheckChar(first15);
    const twoYears = rng.chance(0.3);
    const anni = twoYears ? [2008, 2007] : [2008];
    const matricola = generateMatricola({
      codiceFiscale,
      codiceEmissione: rng.pick(['8', '8', '8', '8', 'G', 'H']),
      anniRichiesti: twoYears ? '3' : '1',
      statoCivile: rng.pick(['0', '1', '2', '2', '3', '3', '4', '5']),
      rilevanzaConiuge: rng.pick(['0', '1', '2']),
      numeroFigli: rng.pick(['0', '0', '0', '1', '2', '3']),
      codiceInvarianza: rng.chance(0.1) ? '1' : '0',
      tipoRighiDichiarante: two(rng.int(1, 29)),
      tipoRighiNucleo: two(rng.int(0, 29)),
      flagPensioniEstere: rng.chance(0.03) ? '1' : '0',
      flagLavoro2007: String(rng.chance(0.8) ? 0 : rng.int(1, 7)),
      flagLavoro2008: String(rng.chance(0.8) ? 0 : rng.int(1, 7)),
    });
    const incomes: { anno: number; rigo: string; importo: number }[] = [];
    for (const anno of anni) {
      const n = rng.int(1, 3);
      const start = rng.int(0, RIGHI.length - n);
      for (let k = 0; k < n; k++) {
        incomes.push({ anno, rigo: RIGHI[start + k] ?? 'A1', importo: rng.int(50, 30_000) });
      }
    }
    const status = statuses.pick(rng);
    out.push({
      campaign: 'RED2009',
      tipo: status === 'RETTIFICATA' || !rng.chance(0.02) ? 'N' : 'R',
      status,
      matricola,
      codiceFiscale,
      cognome,
      nome,
      anni,
      incomes,
    });
  }
  return { declarations: out, surnames: SURNAMES };
}

/**
 * The document of a synthetic declaration filled as an operator would: names and address for every subject,
 * every year "autocertificato" with the 730, the titolare's income rows. Null if its matricola does not parse.
 */
export function syntheticDocument(d: ImportedDeclaration): RedDocument | null {
  const parsed = parseMatricola(d.matricola);
  if (!parsed.ok) return null;
  const document = newDocumentFor(parsed.value);
  for (const s of document.soggetti) {
    s.cognome = d.cognome;
    s.nome = d.nome;
    s.indirizzo = 'VIA APPIA NUOVA 112';
    s.comune = 'ROMA';
    for (const y of s.anni) {
      y.modo = 'AUTOCERTIFICATO';
      y.doc = '730';
      for (const inc of d.incomes ?? []) {
        const rigo = IncomeRowSchema.safeParse(inc.rigo);
        if (s.role === 'TITOLARE' && inc.anno === y.anno && rigo.success) y.righi[rigo.data] = { importo: inc.importo, documenti: [] };
      }
    }
  }
  return document;
}
