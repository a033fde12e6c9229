/** The Unit File: search first, then the status filter, the table and paging. */
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Label, SearchField, ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { ChevronLeft, ChevronRight, Search, X } from 'lucide-react';
import { ActionsMenu } from '../components/actions-menu';
import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { StartSyncButton } from '../components/start-sync-button';
import { count } from '../lib/format';
import { useStartSync } from '../lib/use-start-sync';
import { useApp } from '../stores/app-store';
import { useCounts } from '../stores/counts-store';
import { currentJob, lastFinished, useJobList } from '../stores/jobs-store';
import { JobProgress } from '../components/progress';
import { useUnits, type StatusFilter } from '../stores/units-store';
import { UnitTable } from './unit-table';
import { sentence } from '../lib/errors';

const filters: { id: StatusFilter; label: string; key?: 'all' | 'pending' | 'attention' | 'in_sync' }[] = [
  { id: 'all', label: 'All', key: 'all' },
  { id: 'pending', label: 'Changes pending', key: 'pending' },
  { id: 'attention', label: 'Needs attention', key: 'attention' },
  { id: 'in_sync', label: 'In sync', key: 'in_sync' },
];

function EmptyUnitFile() {
  const { start, busy, error } = useStartSync();
  const jobs = useJobList();
  const active = currentJob(jobs);
  const last = lastFinished(jobs);
  return (
    <div className="empty-state">
      <h2>{active ? 'The first sync is on its way' : 'The Unit File is empty'}</h2>
      {active ? <JobProgress job={active} /> : null}
      {!active && last?.status === 'failed' ? (
        <Notice tone="error" title="The last sync could not finish">
          {sentence(last.error?.message ?? 'It stopped early')} Nothing was lost. Check the connections in <a href="#/settings">Settings</a>, then start a new sync.
        </Notice>
      ) : null}
      <p>
        The first sync fills the Unit File with every unit and resident from Condo Manager (Information → Owner / Tenant). After that, changes arrive
        every night, or whenever you start a sync.
      </p>
      {active ? null : <StartSyncButton busy={busy} onPress={() => void start()} />}
      {error ? <ErrorNotice error={error} what="Starting a sync from here" /> : null}
    </div>
  );
}

function Pager() {
  const { offset, limit, page, setOffset } = useUnits();
  if (!page || page.total <= limit) return page ? <p className="table-foot muted">{count(page.total)} units</p> : null;
  const from = offset + 1;
  const to = Math.min(offset + limit, page.total);
  return (
    <div className="table-foot pager">
      <span className="num" aria-live="polite">
        {count(from)}–{count(to)} of {count(page.total)} units
      </span>
      <Button className="btn btn-small" isDisabled={offset === 0} onPress={() => setOffset(offset - limit)}>
        <ChevronLeft aria-hidden="true" size={16} /> Previous
      </Button>
      <Button className="btn btn-small" isDisabled={to >= page.total} onPress={() => setOffset(offset + limit)}>
        Next <ChevronRight aria-hidden="true" size={16} />
      </Button>
    </div>
  );
}

export function UnitFilePage() {
  const building = useApp((s) => s.corporationId);
  const { query, status, offset, limit, page, loading, error, setQuery, setStatus, load } = useUnits();
  const counts = useCounts((s) => s.counts);
  const [text, setText] = useState(query);
  const searchRef = useRef<HTMLInputElement>(null);

  // Type freely; the list follows 200 ms after the last key.
  useEffect(() => {
    const t = setTimeout(() => setQuery(text), 200);
    return () => clearTimeout(t);
  }, [text, setQuery]);

  useEffect(() => {
    void load(building);
  }, [load, building, query, status, offset, limit]);

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  const empty = counts?.all === 0 && !query && status === 'all';
  return (
    <>
      <PageHeader title="Unit File" focus={false} description="Every unit and its residents as Condo Control shows them, kept up to date from Condo Manager.">
        <SearchField className="search-field" value={text} onChange={setText} aria-label="Search the Unit File">
          <Label className="visually-hidden">Search the Unit File</Label>
          <Search aria-hidden="true" size={16} className="search-icon" />
          <Input ref={searchRef} placeholder="Search by unit, name or email" />
          <Button className="icon-btn search-clear" aria-label="Clear search">
            <X aria-hidden="true" size={14} />
          </Button>
        </SearchField>
        <ActionsMenu />
      </PageHeader>

      <ToggleButtonGroup
        className="segmented"
        aria-label="Show units"
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[status]}
        onSelectionChange={(keys) => {
          const [next] = [...keys];
          if (next) setStatus(next as StatusFilter);
        }}
      >
        {filters.map((f) => (
          <ToggleButton key={f.id} id={f.id} className={`segment segment-${f.id}`}>
            {f.label}
            {counts && f.key ? <span className="segment-count num">{count(counts[f.key])}</span> : null}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>

      {error ? <ErrorNotice error={error} what="The Unit File" onRetry={() => void load(building)} /> : null}
      {empty ? (
        <EmptyUnitFile />
      ) : page && page.items.length === 0 && !loading ? (
        <Notice title="No units match">
          {query ? `Nothing matches “${query}”` : 'No units have this status'}
          {status !== 'all' ? ' with this filter' : ''}. Try another search or show all units.
        </Notice>
      ) : page ? (
        <div className={loading ? 'is-loading' : undefined} aria-busy={loading}>
          <UnitTable units={page.items} caption="Units" />
          <Pager />
        </div>
      ) : loading ? (
        <p className="muted">Loading the Unit File…</p>
      ) : null}
    </>
  );
}
