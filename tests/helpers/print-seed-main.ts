/**
 * Run as a script (bundled by print-seed.ts): prepares <data dir>/archivio-red.sqlite for the print e2e tests.
 * One declaration received by the CAF (Trasm.CGN), one in Attesa (Invio done, not yet received), one Completa
 * in Da spedire, one INPDAP in Da spedire.
 */
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import { createValidator } from '#main/archive/validator';
import { parseMatricola } from '#shared/matricola/codec';
import { newDocumentFor } from '#shared/rules/new-document';
import { seed } from './print-desk';
import { makeMatricola } from './matricole';

const [dataDir, cfInpdap] = process.argv.slice(2);
if (!dataDir || !cfInpdap) throw new Error('uso: print-seed <data dir> <cf INPDAP>');
const { db } = openArchive(join(dataDir, 'archivio-red.sqlite'));
const a = new Archive(db, () => new Date(), createValidator());
seed(a, 'normaleConiuge', 'TRASM_CGN');
seed(a, 'documentatoNessuna', 'ATTESA');
seed(a, 'zeroRed', 'COMPLETA');
const m = parseMatricola(makeMatricola(cfInpdap, { codiceEmissione: 'G', statoCivile: '0', rilevanzaConiuge: '0' }));
if (!m.ok) throw new Error('matricola INPDAP di prova non valida');
a.create({ campaign: 'RED2009', matricola: m.value.matricola, codiceFiscale: cfInpdap, document: newDocumentFor(m.value), operator: 'test' });
db.close();
