import m0001 from '#migrations/desk/0001_init.sql';
import m0002 from '#migrations/desk/0002_document.sql';
import m0003 from '#migrations/desk/0003_monitor_indexes.sql';
import m0004 from '#migrations/desk/0004_transmission.sql';
import m0005 from '#migrations/desk/0005_prints.sql';
import m0006 from '#migrations/desk/0006_importa_730.sql';
import m0007 from '#migrations/desk/0007_centesimi.sql';
import m0008 from '#migrations/desk/0008_note_indexes.sql';
import m0009 from '#migrations/desk/0009_messages_index.sql';
import m0010 from '#migrations/desk/0010_scambio.sql';
import m0011 from '#migrations/desk/0011_sblocchi.sql';
import m0012 from '#migrations/desk/0012_inail_dna.sql';
import m0013 from '#migrations/desk/0013_flussi_ca.sql';
import m0014 from '#migrations/desk/0014_circolari.sql';
import m0015 from '#migrations/desk/0015_dm20.sql';
import m0016 from '#migrations/desk/0016_dm20_liste.sql';
import m0017 from '#migrations/desk/0017_rettifiche_index.sql';

/**
 * The desk migrations, in order. Each is a plain SQL file in migrations/desk/NNNN_name.sql, embedded at
 * build time. Append only; a test checks that every file in the folder is listed here.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const DESK_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001_init', sql: m0001 },
  { version: 2, name: '0002_document', sql: m0002 },
  { version: 3, name: '0003_monitor_indexes', sql: m0003 },
  { version: 4, name: '0004_transmission', sql: m0004 },
  { version: 5, name: '0005_prints', sql: m0005 },
  { version: 6, name: '0006_importa_730', sql: m0006 },
  { version: 7, name: '0007_centesimi', sql: m0007 },
  { version: 8, name: '0008_note_indexes', sql: m0008 },
  { version: 9, name: '0009_messages_index', sql: m0009 },
  { version: 10, name: '0010_scambio', sql: m0010 },
  { version: 11, name: '0011_sblocchi', sql: m0011 },
  { version: 12, name: '0012_inail_dna', sql: m0012 },
  { version: 13, name: '0013_flussi_ca', sql: m0013 },
  { version: 14, name: '0014_circolari', sql: m0014 },
  { version: 15, name: '0015_dm20', sql: m0015 },
  { version: 16, name: '0016_dm20_liste', sql: m0016 },
  { version: 17, name: '0017_rettifiche_index', sql: m0017 },
];

export function assertMigrationsOrdered(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migrazioni non in ordine: attesa la versione ${i + 1}, trovata ${m.version} (${m.name}).`);
    }
  });
}

export const LATEST_SCHEMA_VERSION = DESK_MIGRATIONS.length;
