-- Schema 9: every monitor page asks whether a declaration of a received chain was "ricostituita" (a CAF message,
-- issue 11 point 15); without an index that read the whole messages table once per page.
CREATE INDEX ix_messages_declaration ON messages (declaration_id, code);
