import { useTranslation } from 'react-i18next';
import { explain, fieldErrors, isUnauthorized } from '../lib/errors';
import { useAccess } from '../lib/use-access';
import { Notice } from './notice';

/** Under a settings form: saved, or what went wrong (field errors show beside their fields). */
export function FormStatus({ saved, error, what }: { saved?: string | undefined; error?: unknown; what: string }) {
  const { t } = useTranslation();
  const access = useAccess();
  if (error && access !== 'ok' && isUnauthorized(error)) return null;
  if (error) {
    const e = explain(error, what);
    const fields = fieldErrors(error);
    return (
      <Notice tone={e.notYet ? 'info' : 'error'} title={e.title}>
        {fields.length ? t('errors.invalid.checkFields') : e.body}
      </Notice>
    );
  }
  if (saved) return <Notice tone="success" title={saved} />;
  return null;
}
