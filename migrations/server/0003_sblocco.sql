-- Central CAF server, schema 3: "Sblocca dichiarazione errata" (issue 12 point 4, guide p. 70, 97–98).
-- The key the CAF signs unlock codes with: HMAC-SHA256(desk secret, 'red-desk/sblocco/v1') as hex, derived when the
-- desk's secret is created or rotated, or when the desk authenticates (the server sees the secret only then; at rest
-- it keeps the scrypt hash). NULL until then: no code can be issued for that desk (409).
ALTER TABLE desks ADD COLUMN unlock_key TEXT;
