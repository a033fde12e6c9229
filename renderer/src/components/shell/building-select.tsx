import { useMemo } from 'react';
import { Autocomplete, Button, Input, Label, ListBox, ListBoxItem, Popover, SearchField, Select, SelectValue, useFilter } from 'react-aria-components';
import { Building2, ChevronDown, Search } from 'lucide-react';
import { orderBy } from 'natural-orderby';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/app-store';

const ALL = '__all__';

/**
 * Chooses which building (corporation) the Unit File and counts show. Sorted
 * naturally (MTCC 254 before MTCC 2067), filtered as you type in the list, and
 * remembered on this computer (the app store keeps the last choice).
 */
export function BuildingSelect() {
  const { t } = useTranslation();
  const corporations = useApp((s) => s.corporations);
  const chosen = useApp((s) => s.corporationId);
  const setCorporation = useApp((s) => s.setCorporation);
  const { contains } = useFilter({ sensitivity: 'base' });
  const sorted = useMemo(() => orderBy(corporations, [(c) => c.label]), [corporations]);
  const items = [{ id: ALL, label: t('common.building.all') }, ...sorted];
  return (
    <Select
      className="building-select"
      selectedKey={chosen ?? ALL}
      onSelectionChange={(key) => setCorporation(key === ALL || key === null ? undefined : String(key))}
      isDisabled={corporations.length === 0}
    >
      <Label className="visually-hidden">{t('common.building.label')}</Label>
      <Button className="select-button">
        <Building2 aria-hidden="true" size={16} />
        <SelectValue />
        <ChevronDown aria-hidden="true" size={16} className="select-chevron" />
      </Button>
      <Popover className="popover building-popover" placement="bottom start">
        <Autocomplete filter={contains}>
          {corporations.length > 8 ? (
            <SearchField className="search-field building-filter" aria-label={t('shell.buildings.filter')} autoFocus>
              <Search aria-hidden="true" size={16} className="search-icon" />
              <Input placeholder={t('shell.buildings.filter')} />
            </SearchField>
          ) : null}
          <ListBox className="menu" items={items} renderEmptyState={() => <div className="menu-empty">{t('shell.buildings.noMatch')}</div>}>
            {(item) => (
              <ListBoxItem id={item.id} className="menu-item" textValue={item.label}>
                {item.label}
              </ListBoxItem>
            )}
          </ListBox>
        </Autocomplete>
      </Popover>
    </Select>
  );
}
