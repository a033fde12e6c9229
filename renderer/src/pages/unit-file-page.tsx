/** The Unit File: search first, then the status filter, the table and paging. */
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Label, SearchField, ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { ChevronLeft, ChevronRight, Search, X } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { ActionsMenu } from '../components/actions-menu';
import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { StartNewSync } from '../components/start-sync-dialog-button';
import { count } from '../lib/format';
import { useApp } from '../stores/app-store';
import { useCounts } from '../stores/counts-store';
import { currentJob, lastFinished, useJobList } from '../stores/jobs-store';
import { JobProgress } from '../components/progress';
import { useUnits, type StatusFilter } from '../stores/units-store';
import { UnitTable } from './unit-table';
import { serverSentence } from '../lib/errors';
import { useShowBuilding } from '../lib/use-building-label';

const filters = [
  { id: 'all', label: 'units.filter.all' },
  { id: 'pending', label: 'common.syncState.pending' },
  { id: 'attention', label: 'common.syncState.attention' },
  // Failed units have a tab of their own, so the tabs always add up to All.
  { id: 'failed', label: 'common.syncState.failed' },
  { id: 'in_sync', label: 'common.syncState.in_sync' },
] as const satisfies readonly { id: StatusFilter; label: string }[];

function EmptyUnitFile() {
  const { t } = useTranslation();
  const jobs = useJobList();
  const active = currentJob(jobs);
  const last = lastFinished(jobs);
  return (
    <div className="empty-state">
      <h2>{active ? t('units.empty.onItsWay') : t('units.empty.title')}</h2>
      {active ? <JobProgress job={active} /> : null}
      {!active && last?.status === 'failed' ? (
        <Notice tone="error" title={t('units.empty.failedTitle')}>
          {serverSentence(last.error?.message)} <Trans i18nKey="units.empty.failedBody" components={{ settings: <a href="#/settings" /> }} />
        </Notice>
      ) : null}
      <p>{t('units.empty.body')}</p>
      {active ? null : <StartNewSync />}
    </div>
  );
}

function Pager() {
  const { t } = useTranslation();
  const { offset, limit, page, setOffset } = useUnits();
  if (!page || page.total <= limit) return page ? <p className="table-foot muted">{t('units.pager.total', { count: page.total })}</p> : null;
  const from = offset + 1;
  const to = Math.min(offset + limit, page.total);
  return (
    <div className="table-foot pager">
      <span className="num" aria-live="polite">
        {t('units.pager.range', { from: count(from), to: count(to), total: count(page.total) })}
      </span>
      <Button className="btn btn-small" isDisabled={offset === 0} onPress={() => setOffset(offset - limit)}>
        <ChevronLeft aria-hidden="true" size={16} /> {t('units.pager.previous')}
      </Button>
      <Button className="btn btn-small" isDisabled={to >= page.total} onPress={() => setOffset(offset + limit)}>
        {t('units.pager.next')} <ChevronRight aria-hidden="true" size={16} />
      </Button>
    </div>
  );
}

export function UnitFilePage() {
  const { t } = useTranslation();
  const showBuilding = useShowBuilding();
  const building = useApp((s) => s.corporationId);
  const { query, status, offset, limit, page, loading, error, setQuery, setStatus, load } = useUnits();
  const counts = useCounts((s) => s.counts);
  const [text, setText] = useState(query);
  const searchRef = useRef<HTMLInputElement>(null);

  // Type freely; the list follows 200 ms after the last key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), 200);
    return () => clearTimeout(timer);
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
      <PageHeader title={t('common.product.unitFile')} focus={false} description={t('units.description')}>
        <SearchField className="search-field" value={text} onChange={setText} aria-label={t('units.search.label')}>
          <Label className="visually-hidden">{t('units.search.label')}</Label>
          <Search aria-hidden="true" size={16} className="search-icon" />
          <Input ref={searchRef} placeholder={t('units.search.placeholder')} />
          <Button className="icon-btn search-clear" aria-label={t('units.search.clear')}>
            <X aria-hidden="true" size={14} />
          </Button>
        </SearchField>
        <ActionsMenu />
      </PageHeader>

      <ToggleButtonGroup
        className="segmented"
        aria-label={t('units.filter.label')}
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
            {t(f.label)}
            {counts ? <span className="segment-count num">{count(counts[f.id])}</span> : null}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>

      {error ? <ErrorNotice error={error} what={t('units.what')} onRetry={() => void load(building)} /> : null}
      {empty ? (
        <EmptyUnitFile />
      ) : page && page.items.length === 0 && !loading ? (
        <Notice title={t('units.noMatch.title')}>
          {query ? t(status !== 'all' ? 'units.noMatch.queryFiltered' : 'units.noMatch.query', { query }) : t('units.noMatch.status')} {t('units.noMatch.hint')}
        </Notice>
      ) : page ? (
        <div className={loading ? 'is-loading' : error ? 'is-stale' : undefined} aria-busy={loading} aria-describedby={error ? 'units-stale' : undefined}>
          {error ? (
            <p id="units-stale" className="stale-note">
              {t('units.stale')}
            </p>
          ) : null}
          <UnitTable units={page.items} caption={t('units.caption')} showBuilding={showBuilding} />
          <Pager />
        </div>
      ) : loading ? (
        <p className="muted">{t('units.loading')}</p>
      ) : null}
    </>
  );
}
