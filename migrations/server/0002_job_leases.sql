-- Job leases (issue 14 point 7): several server processes share one PostgreSQL, and the INPS work of a batch
-- (its delivery, then its esiti) is done by whichever process holds the batch's lease. A process takes a free or
-- expired lease inside a transaction (PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED), writes its worker id and the
-- expiry, and clears both when the step is done. A process that dies keeps the lease only until `lease_until`,
-- then another one takes the batch over (the delivery is idempotent on the batch id at INPS, the esiti on the
-- declaration's status). `lease_until` is ISO-8601 UTC text from the DATABASE's clock, so the processes' own
-- clocks never matter. Plain SQL valid on SQLite and PostgreSQL, as 0001.

ALTER TABLE inps_batches ADD COLUMN lease_owner TEXT;
ALTER TABLE inps_batches ADD COLUMN lease_until TEXT;
