/** Find a unit by its number or a resident's name or email; under "All buildings", each unit names its building. */
import { useEffect, useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { ChevronDown } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { UnitSummary } from '@shared/types';
import { bridge } from '../bridge';
import { i18n } from '../i18n';
import { explain } from '../lib/errors';
import { corporationLabel } from '../lib/format';
import { useApp } from '../stores/app-store';
import { useUnits } from '../stores/units-store';

/** "Unit 1203 · MTCC 254 — Josée Tremblay, Ana O’Brien" (the building only when asked). */
export function unitTitle(u: UnitSummary, building?: string): string {
  const people = u.residents.filter((r) => r.status === 'Active').map((r) => `${r.firstName} ${r.lastName}`);
  const unit = i18n.t('common.link.unit', { number: u.number });
  return `${unit}${building ? ` · ${building}` : ''}${people.length ? ` — ${people.join(', ')}` : ''}`;
}

export function UnitPicker({ selected, onSelect }: { selected?: UnitSummary | undefined; onSelect: (unit: UnitSummary | undefined) => void }) {
  const { t } = useTranslation();
  const building = useApp((s) => s.corporationId);
  const corporations = useApp((s) => s.corporations);
  // Under "All buildings" with several buildings, "1203" matches one unit per building: name each.
  const title = (u: UnitSummary) => unitTitle(u, !building && corporations.length > 1 ? (corporations.find((c) => c.id === u.corporationId)?.label ?? corporationLabel(u.corporationId)) : undefined);
  const [text, setText] = useState(selected ? title(selected) : '');
  const [items, setItems] = useState<UnitSummary[]>([]);
  const [problem, setProblem] = useState<string>();
  const selectedTitle = selected ? title(selected) : undefined;

  // A unit chosen elsewhere (arriving from a unit page) shows its title.
  useEffect(() => {
    if (selectedTitle) setText(selectedTitle);
  }, [selectedTitle]);

  useEffect(() => {
    // A chosen unit's title is not a search: keep the list as it was.
    if (selectedTitle && text === selectedTitle && items.length) return;
    const query = selectedTitle && text === selectedTitle ? '' : text.trim();
    let stale = false;
    const timer = setTimeout(() => {
      bridge.call('units.list', { ...(query ? { query } : {}), ...(building ? { corporationId: building } : {}), limit: 25 }).then(
        (page) => {
          if (stale) return;
          useUnits.getState().remember(page.items);
          setItems(page.items);
          setProblem(undefined);
        },
        (err: unknown) => !stale && setProblem(explain(err, t('balances.picker.searching')).body),
      );
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // items.length only decides whether to skip; re-running on it would search twice.
  }, [text, building, selectedTitle]);

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
        if (unit) setText(title(unit));
        onSelect(unit);
      }}
      menuTrigger="focus"
      allowsEmptyCollection
    >
      <Label className="field-label">{t('balances.picker.label')}</Label>
      <div className="combo-input">
        <Input placeholder={t('balances.picker.placeholder')} />
        <Button className="icon-btn" aria-label={t('balances.picker.show')}>
          <ChevronDown aria-hidden="true" size={16} />
        </Button>
      </div>
      <Text slot="description" className="field-help">
        {problem ?? t('balances.picker.help')}
      </Text>
      <Popover className="popover combo-popover" placement="bottom start">
        <ListBox className="menu" renderEmptyState={() => <div className="menu-empty">{t('balances.picker.noMatch')}</div>}>
          {(u: UnitSummary) => (
            <ListBoxItem id={u.id} className="menu-item" textValue={title(u)}>
              {title(u)}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
