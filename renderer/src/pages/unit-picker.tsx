/** Find a unit by its number or a resident's name or email. */
import { useEffect, useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { ChevronDown } from 'lucide-react';
import type { UnitSummary } from '@shared/types';
import { bridge } from '../bridge';
import { explain } from '../lib/errors';
import { useApp } from '../stores/app-store';
import { useUnits } from '../stores/units-store';

export function unitTitle(u: UnitSummary): string {
  const people = u.residents.filter((r) => r.status === 'Active').map((r) => `${r.firstName} ${r.lastName}`);
  return `Unit ${u.number}${people.length ? ` — ${people.join(', ')}` : ''}`;
}

export function UnitPicker({ selected, onSelect }: { selected?: UnitSummary | undefined; onSelect: (unit: UnitSummary | undefined) => void }) {
  const building = useApp((s) => s.corporationId);
  const [text, setText] = useState(selected ? unitTitle(selected) : '');
  const [items, setItems] = useState<UnitSummary[]>([]);
  const [problem, setProblem] = useState<string>();

  // A unit chosen elsewhere (arriving from a unit page) shows its title.
  useEffect(() => {
    if (selected) setText((t) => (t === unitTitle(selected) ? t : unitTitle(selected)));
  }, [selected]);

  useEffect(() => {
    // A chosen unit's title is not a search: keep the list as it was.
    if (selected && text === unitTitle(selected) && items.length) return;
    const query = selected && text === unitTitle(selected) ? '' : text.trim();
    let stale = false;
    const t = setTimeout(() => {
      bridge.call('units.list', { ...(query ? { query } : {}), ...(building ? { corporationId: building } : {}), limit: 25 }).then(
        (page) => {
          if (stale) return;
          useUnits.getState().remember(page.items);
          setItems(page.items);
          setProblem(undefined);
        },
        (err: unknown) => !stale && setProblem(explain(err, 'Searching units').body),
      );
    }, 200);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [text, building, selected]);

  return (
    <ComboBox
      className="combo-field"
      items={items}
      inputValue={text}
      onInputChange={setText}
      selectedKey={selected?.id ?? null}
      onSelectionChange={(key) => {
        const unit = items.find((u) => u.id === key);
        // Both the text and the selection are controlled: update them in the same render, or the list reopens.
        if (unit) setText(unitTitle(unit));
        onSelect(unit);
      }}
      menuTrigger="focus"
      allowsEmptyCollection
    >
      <Label className="field-label">Unit or resident</Label>
      <div className="combo-input">
        <Input placeholder="Type a unit number or a resident's name" />
        <Button className="icon-btn" aria-label="Show units">
          <ChevronDown aria-hidden="true" size={16} />
        </Button>
      </div>
      <Text slot="description" className="field-help">
        {problem ?? 'Search by unit number, or by an owner’s or tenant’s name or email.'}
      </Text>
      <Popover className="popover combo-popover" placement="bottom start">
        <ListBox className="menu" renderEmptyState={() => <div className="menu-empty">No units match.</div>}>
          {(u: UnitSummary) => (
            <ListBoxItem id={u.id} className="menu-item" textValue={unitTitle(u)}>
              {unitTitle(u)}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
