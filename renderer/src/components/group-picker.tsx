/** A Condo Control group, chosen from the groups Condo Control has (typing filters them; the save checks the name). */
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { ChevronDown } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CcGroup } from '@shared/types';

export function GroupPicker({
  label,
  value,
  onChange,
  groups,
  error,
  help,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  groups: CcGroup[];
  error?: string | undefined;
  help?: string;
}) {
  const { t } = useTranslation();
  return (
    <ComboBox
      className="field"
      allowsCustomValue
      menuTrigger="input"
      inputValue={value}
      onInputChange={onChange}
      defaultItems={groups}
      isInvalid={!!error}
    >
      <Label className="field-label">{label}</Label>
      <div className="combo-input">
        <Input spellCheck={false} />
        <Button className="icon-btn" aria-label={t('groups.showAll')}>
          <ChevronDown aria-hidden="true" size={16} />
        </Button>
      </div>
      {help ? (
        <Text slot="description" className="field-help">
          {help}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="popover combo-popover" placement="bottom start">
        <ListBox<CcGroup> className="menu">
          {(g) => (
            <ListBoxItem id={g.name} className="menu-item" textValue={g.name}>
              {g.name}
              {g.builtIn ? <span className="muted small"> · {t('groups.builtIn')}</span> : null}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
