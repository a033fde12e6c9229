/** The Unit File: search, filter, table and paging. */
export const units = {
  description: 'Every unit and its residents as Condo Control shows them, kept up to date from Condo Manager.',
  search: {
    label: 'Search the Unit File',
    placeholder: 'Search by unit, name or email',
    clear: 'Clear search',
  },
  filter: {
    label: 'Show units',
    all: 'All',
  },
  what: 'The Unit File',
  caption: 'Units',
  loading: 'Loading the Unit File…',
  noMatch: {
    title: 'No units match',
    query: 'Nothing matches “{{query}}”.',
    queryFiltered: 'Nothing matches “{{query}}” with this filter.',
    status: 'No units have this status.',
    hint: 'Try another search or show all units.',
  },
  empty: {
    onItsWay: 'The first sync is on its way',
    title: 'The Unit File is empty',
    failedTitle: 'The last sync could not finish',
    failedBody: 'Nothing was lost. Check the connections in <settings>Settings</settings>, then start a new sync.',
    body: 'The first sync fills the Unit File with every unit and resident from Condo Manager (Information → Owner / Tenant). After that, changes arrive every night, or whenever you start a sync.',
  },
  pager: {
    total_one: '{{count, number}} unit',
    total_other: '{{count, number}} units',
    range: '{{from}}–{{to}} of {{total}} units',
    previous: 'Previous',
    next: 'Next',
  },
  col: {
    unit: 'Unit',
    building: 'Building',
    residents: 'Residents',
    occupancy: 'Occupancy',
    status: 'Sync status',
    lastSynced: 'Last synced',
  },
  residents: {
    none: 'No residents',
    nonePast_one: 'No current residents ({{count, number}} past)',
    nonePast_other: 'No current residents ({{count, number}} past)',
    past_one: '+{{count, number}} past',
    past_other: '+{{count, number}} past',
  },
  notYet: 'Not yet',
  stale: 'Could not refresh; showing what was last loaded, which may be out of date.',
};
