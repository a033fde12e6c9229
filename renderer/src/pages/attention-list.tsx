import { useApp } from '../stores/app-store';
import { bridge } from '../bridge';
import { useCall } from '../lib/use-call';
import { UnitTable } from './unit-table';

/** On Home: the units that need someone to look at them, first. */
export function AttentionList() {
  const building = useApp((s) => s.corporationId);
  const { data } = useCall(() => bridge.call('units.list', { status: 'attention', limit: 10, ...(building ? { corporationId: building } : {}) }), [building]);
  if (!data?.items.length) return null;
  return (
    <section className="section" aria-labelledby="attention-heading">
      <h2 id="attention-heading" className="section-title">
        Needs attention
      </h2>
      <UnitTable units={data.items} caption="Units needing attention" />
    </section>
  );
}
