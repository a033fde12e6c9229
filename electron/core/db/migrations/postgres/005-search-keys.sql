-- PostgreSQL version of ../005-search-keys.sql.
-- Search and matching compare people's text as people read it (case, accents,
-- typographic punctuation folded: shared/people-text.ts). The folded key is
-- stored; the core fills keys left NULL at start.
ALTER TABLE people ADD COLUMN search_key TEXT COLLATE "C";
ALTER TABLE units ADD COLUMN search_key TEXT COLLATE "C";

-- Every reason a job was asked for: a request that joins a waiting job adds its own.
ALTER TABLE jobs ADD COLUMN triggers TEXT COLLATE "C";
