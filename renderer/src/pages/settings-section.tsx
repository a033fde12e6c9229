import type { FormEvent, ReactNode } from 'react';
import type { Permission } from '@shared/access';
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
