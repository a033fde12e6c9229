import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { Building2, ChevronDown } from 'lucide-react';
import { useApp } from '../../stores/app-store';

const ALL = '__all__';

/** Chooses which building (corporation) the Unit File and counts show. */
export function BuildingSelect() {
  const corporations = useApp((s) => s.corporations);
  const chosen = useApp((s) => s.corporationId);
  const setCorporation = useApp((s) => s.setCorporation);
  const items = [{ id: ALL, label: 'All buildings' }, ...corporations];
  return (
    <Select
      className="building-select"
      selectedKey={chosen ?? ALL}
      onSelectionChange={(key) => setCorporation(key === ALL || key === null ? undefined : String(key))}
      isDisabled={corporations.length === 0}
    >
      <Label className="visually-hidden">Building</Label>
      <Button className="select-button">
        <Building2 aria-hidden="true" size={16} />
        <SelectValue />
        <ChevronDown aria-hidden="true" size={16} className="select-chevron" />
      </Button>
      <Popover className="popover" placement="bottom start">
        <ListBox className="menu" items={items}>
          {(item) => (
            <ListBoxItem id={item.id} className="menu-item" textValue={item.label}>
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
