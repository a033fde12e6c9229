/**
 * Whether this console's role may do something, and why not. The renderer
 * hides or disables what the role cannot do; the engine still refuses it.
 */
import { useTranslation } from 'react-i18next';
import type { Permission, Role } from '@shared/access';
import { i18n } from '../i18n';
import { useSession } from '../stores/session-store';
import { useCanAct } from './use-access';

export interface Allowed {
  allowed: boolean;
  /** Why not, in the reader's language ("Support can look up balances but cannot start a sync."). */
  reason?: string;
}

/** The sentence for a role that lacks a permission. */
export function whyNot(role: Role, permission: Permission): string {
  if (role === 'support' && (permission === 'sync' || permission === 'balance')) return i18n.t('access.why.support_sync');
  if (role === 'support' && permission === 'admin') return i18n.t('access.why.support_admin');
  if (role === 'property_manager' && permission === 'admin') return i18n.t('access.why.property_manager_admin');
  return i18n.t('access.why.other');
}

export function usePermission(permission: Permission): Allowed {
  useTranslation(); // re-renders the reason when the language changes
  const canAct = useCanAct();
  const { session, error, loaded } = useSession();
  if (!canAct) return { allowed: false };
  // An engine that cannot say who we are still checks every call itself.
  if (!loaded || (!session && !error)) return { allowed: false };
  if (!session) return { allowed: true };
  if (session.permissions.includes(permission)) return { allowed: true };
  return { allowed: false, reason: whyNot(session.caller.role, permission) };
}
