-- Search and matching compare people's text as people read it (case, accents,
-- typographic punctuation folded: shared/people-text.ts). The folded key is
-- stored, so a search over the large portfolio is one indexed-table scan in
-- SQLite, not a pass in JavaScript. The core fills keys left NULL at start.
ALTER TABLE people ADD COLUMN search_key TEXT;
ALTER TABLE units ADD COLUMN search_key TEXT;

-- Every reason a job was asked for: a request that joins a waiting job adds its own.
ALTER TABLE jobs ADD COLUMN triggers TEXT;
