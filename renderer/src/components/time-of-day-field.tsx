/** A time-of-day field that reads in the console's language (React Aria TimeField). */
import { useMemo } from 'react';
import { DateInput, DateSegment, FieldError, I18nProvider, Label, Text, TimeField, type TimeValue } from 'react-aria-components';
import { Time } from '@internationalized/date';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../lib/format';
import { sentence } from '../lib/errors';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" (24-hour) as a Time, or null when the text is not a whole time. */
export function parseHhMm(value: string): Time | null {
  const m = HH_MM.exec(value.trim());
  return m ? new Time(Number(m[1]), Number(m[2])) : null;
}

/** A time of day as "HH:MM" (24-hour), the form schedule.set takes; '' while incomplete. */
export function formatHhMm(value: TimeValue | null): string {
  return value ? `${String(value.hour).padStart(2, '0')}:${String(value.minute).padStart(2, '0')}` : '';
}

/**
 * A time of day shown in the console's language, not the browser's: en-CA reads
 * "2:00 a.m.", fr-CA reads "2 h 00". `value`/`onChange` carry "HH:MM" (24-hour);
 * onChange gives '' while a segment is still empty.
 */
export function TimeOfDayField({ label, value, onChange, error, help }: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined; help?: string }) {
  const { i18n } = useTranslation();
  const time = useMemo(() => parseHhMm(value), [value]);
  return (
    <I18nProvider locale={localeOf(i18n.resolvedLanguage ?? i18n.language)}>
      <TimeField className="field" value={time} onChange={(v) => onChange(formatHhMm(v))} isInvalid={!!error} granularity="minute">
        <Label className="field-label">{label}</Label>
        <DateInput className="input date-input">{(segment) => <DateSegment className="date-segment" segment={segment} />}</DateInput>
        {help ? (
          <Text slot="description" className="field-help">
            {help}
          </Text>
        ) : null}
        <FieldError className="field-error">{error ? sentence(error) : null}</FieldError>
      </TimeField>
    </I18nProvider>
  );
}
