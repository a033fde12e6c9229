/** Labelled inputs with help text and the field's own error beside it (React Aria). */
import { Button, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text, TextField } from 'react-aria-components';
import { ChevronDown } from 'lucide-react';
import { sentence } from '../lib/errors';

export function TextInput({
  label,
  value,
  onChange,
  error,
  help,
  type = 'text',
  placeholder,
  autoComplete = 'off',
  isRequired,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  help?: string;
  type?: 'text' | 'url' | 'password' | 'time' | 'number';
  placeholder?: string;
  autoComplete?: string;
  isRequired?: boolean;
}) {
  return (
    <TextField className="field" value={value} onChange={onChange} isInvalid={!!error} type={type} autoComplete={autoComplete} isRequired={isRequired ?? false}>
      <Label className="field-label">{label}</Label>
      <Input className="input" placeholder={placeholder} spellCheck={false} />
      {help ? (
        <Text slot="description" className="field-help">
          {help}
        </Text>
      ) : null}
      <FieldError className="field-error">{error ? sentence(error) : null}</FieldError>
    </TextField>
  );
}

export function SelectField<K extends string>({
  label,
  value,
  onChange,
  options,
  error,
  help,
}: {
  label: string;
  value: K;
  onChange: (v: K) => void;
  options: { id: K; label: string }[];
  error?: string | undefined;
  help?: string;
}) {
  return (
    <Select className="field" selectedKey={value} onSelectionChange={(k) => k !== null && onChange(String(k) as K)} isInvalid={!!error}>
      <Label className="field-label">{label}</Label>
      <Button className="select-button input">
        <SelectValue />
        <ChevronDown aria-hidden="true" size={16} className="select-chevron" />
      </Button>
      {help ? (
        <Text slot="description" className="field-help">
          {help}
        </Text>
      ) : null}
      <FieldError className="field-error">{error ? sentence(error) : null}</FieldError>
      <Popover className="popover select-popover" placement="bottom start">
        <ListBox className="menu" items={options}>
          {(o) => (
            <ListBoxItem id={o.id} className="menu-item" textValue={o.label}>
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** Turns `{ field, message }[]` into a lookup by field path. */
export function byField(errors: { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}
