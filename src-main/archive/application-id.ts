/**
 * The SQLite `application_id` of a RED Desk archive ("REDD"): what tells our archive (and its backups) from any
 * other SQLite file. Its own module so that the backup code, which the archive client loads, does not pull the
 * migrations (and their embedded .sql files) in with `open.ts`.
 */
export const APPLICATION_ID = 0x52454444;
