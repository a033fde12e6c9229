import type { FormEvent, ReactNode } from 'react';
import { Button } from 'react-aria-components';
import type { Permission } from '@shared/access';
import { FormStatus } from '../components/form-status';
import { useCanAct } from '../lib/use-access';
import { usePermission } from '../lib/use-permission';

/** One settings card: a form with its own Save, so each part saves on its own. */
export function SettingsSection({
  id,
  title,
  description,
  onSubmit,
  children,
  footer,
  permission = 'admin',
}: {
  id: string;
  title: string;
  description?: ReactNode;
  onSubmit: () => void;
  children: ReactNode;
  footer: ReactNode;
  /**
   * What saving needs: settings of the engine need an administrator; 'local'
   * is this computer's own setting (Connect to an office server), which the
   * desktop answers itself whatever role the office's key has.
   */
  permission?: Permission | 'local';
}) {
  const windowCanAct = useCanAct();
  const roleAllows = usePermission(permission === 'local' ? 'read' : permission).allowed;
  const canAct = permission === 'local' ? windowCanAct : roleAllows;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canAct) onSubmit();
  };
  return (
    <section className="card settings-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {title}
      </h2>
      {description ? <p className="muted card-description">{description}</p> : null}
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        {/* Without access, or for a role that may not change settings, nothing can be saved: the whole form is disabled, not just its button. */}
        <fieldset className="form-fieldset" disabled={!canAct}>
          <div className="form-fields">{children}</div>
          <div className="form-footer">{footer}</div>
        </fieldset>
      </form>
    </section>
  );
}

/** A settings card's footer: its Save button (its label while saving), then saved or what went wrong. */
export function SaveFooter({
  busy,
  saved,
  error,
  label,
  savingLabel,
  what,
  primary = true,
}: {
  busy: boolean;
  saved: string | undefined;
  error: unknown;
  label: string;
  savingLabel: string;
  /** What was being saved, for FormStatus's sentences ("the retention settings"). */
  what: string;
  /** The card's main action; a card among several of a kind (one per building) uses the plain button. */
  primary?: boolean;
}) {
  return (
    <>
      <Button type="submit" className={primary ? 'btn btn-primary' : 'btn'} isDisabled={busy}>
        {busy ? savingLabel : label}
      </Button>
      <FormStatus saved={saved} error={error} what={what} />
    </>
  );
}
