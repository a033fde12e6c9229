import { absoluteDate, relativeTime } from '../lib/format';
import { useNow } from '../lib/use-now';

/**
 * When a past event happened ("2 min ago"), with the absolute date on hover.
 * Everything shown here has already happened, so a time ahead of this
 * computer's clock (the engine's clock runs a little fast, or the tick has
 * not come yet) reads "just now", never "in a moment".
 */
export function pastReference(iso: string, now: number): { iso: string; now: number } {
  const reference = Math.max(now, Date.now());
  const at = Date.parse(iso);
  return { iso: Number.isNaN(at) || at <= reference ? iso : new Date(reference).toISOString(), now: reference };
}

export function RelativeTime({ iso, fallback = '—', short = false, capitalize = false }: { iso: string | undefined; fallback?: string; short?: boolean; capitalize?: boolean }) {
  const now = useNow();
  if (!iso) return <span className="muted">{fallback}</span>;
  const past = pastReference(iso, now);
  return (
    <time dateTime={iso} title={absoluteDate(iso)}>
      {capitalize ? relativeTime(past.iso, past.now, short).replace(/^./, (c) => c.toLocaleUpperCase()) : relativeTime(past.iso, past.now, short)}
    </time>
  );
}
