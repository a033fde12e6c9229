/**
 * A finished preview in people's words: how many users would be created
 * (each gets Condo Control's welcome email), updated, moved between groups,
 * deactivated (they lose their login), with the list behind each number.
 */
import { useTranslation } from 'react-i18next';
import { alsoNeedsAttention, previewEffects, type PreviewEffects } from '@shared/preview';
import type { Job, JobOutcome } from '@shared/types';
import { bridge } from '../bridge';
import { href } from '../lib/router';
import { useCall } from '../lib/use-call';
import { ErrorNotice, Notice } from './notice';

/** Enough to list everyone in a building's preview; beyond it the job page pages through. */
const MAX = 3000;
const SHOWN = 200;

async function allOutcomes(jobId: string): Promise<{ items: JobOutcome[]; total: number }> {
  const items: JobOutcome[] = [];
  let total = 0;
  for (let offset = 0; offset < MAX; offset += 1000) {
    const page = (await bridge.call('jobs.get', { id: jobId, offset, limit: 1000 })).outcomes;
    total = page.total;
    items.push(...page.items);
    if (items.length >= total || !page.items.length) break;
  }
  return { items, total };
}

function Effect({ list, k, note }: { list: JobOutcome[]; k: keyof PreviewEffects; note?: string }) {
  const { t } = useTranslation();
  if (!list.length) return null;
  // Written and flagged: "3 users will be created (1 of them also needs attention)".
  const flagged = k === 'attention' || k === 'standing' ? 0 : list.filter(alsoNeedsAttention).length;
  const names = list.slice(0, SHOWN);
  return (
    <li>
      <details>
        <summary>
          {t(`preview.${k}`, { count: list.length })}
          {flagged ? ` ${t('preview.alsoAttention', { count: flagged })}` : null}
          {note ? <span className="effect-note">{note}</span> : null}
        </summary>
        <ul aria-label={t('preview.listOf', { what: t(`preview.${k}`, { count: list.length }) })}>
          {names.map((o) => (
            <li key={o.id}>
              <a href={o.entity === 'person' ? href.resident(o.entityId) : href.unit(o.entityId)} translate="no">
                {o.label ?? o.entityId}
              </a>
              {flagged && alsoNeedsAttention(o) ? <span className="tone-text-attention"> {t('preview.needsAttention')}</span> : null}
            </li>
          ))}
          {list.length > SHOWN ? <li className="muted">{t('preview.more', { count: list.length - SHOWN })}</li> : null}
        </ul>
      </details>
    </li>
  );
}

export function PreviewEffectsPanel({ job }: { job: Job }) {
  const { t } = useTranslation();
  const { data, error } = useCall(() => allOutcomes(job.id), [job.id, job.finishedAt]);
  const e = data ? previewEffects(data.items) : undefined;
  const any = e && Object.values(e).some((l) => l.length);
  return (
    <Notice tone={job.counts.failed ? 'error' : job.counts.conflict || e?.standing.length ? 'warning' : 'info'} title={t('preview.title')}>
      {error ? <ErrorNotice error={error} /> : null}
      {!data && !error ? <p>{t('preview.loading')}</p> : null}
      {e && !any ? <p>{t('preview.nothing')}</p> : null}
      {e && any ? (
        <ul className="effects">
          <Effect list={e.created} k="created" note={t('preview.createdNote')} />
          <Effect list={e.updated} k="updated" />
          <Effect list={e.movedGroups} k="movedGroups" note={t('preview.movedNote')} />
          <Effect list={e.deactivated} k="deactivated" note={t('preview.deactivatedNote')} />
          <Effect list={e.attention} k="attention" note={t('preview.attentionNote')} />
          <Effect list={e.standing} k="standing" note={t('preview.standingNote')} />
          <Effect list={e.failed} k="failed" />
          <Effect list={e.units} k="units" />
        </ul>
      ) : null}
      <p>
        {t('preview.nothingWritten')} <a href={href.job(job.id)}>{t('preview.seeAll')}</a>
      </p>
    </Notice>
  );
}
