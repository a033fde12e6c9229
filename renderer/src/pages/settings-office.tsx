/**
 * Settings → Connect to an office server (desktop app only; the browser
 * console already talks to a server). Test calls the server with the key
 * typed; Save connects, after asking before it cancels a sync waiting here;
 * Disconnect brings the engine back to this computer. Both restart the app's
 * engine side.
 */
import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { PlugZap, ServerCog, Unplug } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { OfficeTestResult } from '@shared/types';
import { BridgeError, bridge } from '../bridge';
import { TextInput } from '../components/form-fields';
import { ErrorNotice, Notice } from '../components/notice';
import { useOffice } from '../stores/office-store';
import { SettingsSection } from './settings-section';

/** The desktop's reasons (electron/main/office/office-client.ts OfficeFailure, office-url.ts): each has a sentence saying what to do. */
const REASONS = [
  'https_required',
  'not_a_url',
  'key_required',
  'unreachable',
  'refused',
  'certificate',
  'no_tls',
  'key_refused',
  'key_revoked',
  'locked_out',
  'wrong_host',
  'starting',
  'not_condo_sync',
  'timeout',
] as const;
type Reason = (typeof REASONS)[number];

/** The desktop's reason for a refusal, from `details.reason` or the invalid field's. */
function reasonOf(err: unknown): { reason: Reason; field?: 'url' | 'key'; minutes?: number } | undefined {
  if (!(err instanceof BridgeError)) return undefined;
  const d = err.details as { reason?: unknown; retryAfterSec?: unknown; fields?: { field?: unknown; reason?: unknown }[] } | undefined;
  const f = Array.isArray(d?.fields) ? d.fields.find((x) => REASONS.includes(x.reason as Reason)) : undefined;
  if (f) return { reason: f.reason as Reason, field: f.field === 'key' ? 'key' : 'url' };
  if (!REASONS.includes(d?.reason as Reason)) return undefined;
  // A lock-out says how long: the server's Retry-After, in whole minutes.
  const minutes = typeof d?.retryAfterSec === 'number' ? Math.max(1, Math.ceil(d.retryAfterSec / 60)) : 5;
  return { reason: d!.reason as Reason, minutes };
}

function ConfirmDialog(o: { open: boolean; title: string; body: string; keep: string; confirm: string; onKeep(): void; onConfirm(): void }) {
  return (
    <ModalOverlay isOpen={o.open} onOpenChange={(open) => !open && o.onKeep()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <div className="dialog-header">
            <Heading slot="title">{o.title}</Heading>
          </div>
          <div className="dialog-body">
            <p>{o.body}</p>
          </div>
          <div className="dialog-footer">
            <Button className="btn" onPress={o.onKeep} autoFocus>
              {o.keep}
            </Button>
            <Button className="btn btn-primary" onPress={o.onConfirm}>
              {o.confirm}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

export function OfficeSettings() {
  const { t } = useTranslation();
  const office = useOffice((s) => s.office);
  const [url, setUrl] = useState<string>();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState<'test' | 'connect' | 'disconnect'>();
  const [tested, setTested] = useState<OfficeTestResult>();
  const [error, setError] = useState<unknown>();
  const [waiting, setWaiting] = useState<number>();
  const [askDisconnect, setAskDisconnect] = useState(false);
  const [restarting, setRestarting] = useState(false);
  if (!office?.available) return null;

  const remote = office.mode === 'remote';
  const address = url ?? office.url ?? '';
  const input = () => ({ url: address.trim(), ...(key.trim() ? { key: key.trim() } : {}) });
  const failed = reasonOf(error);
  const shown = address.trim() || office.url || '';

  const test = async () => {
    setBusy('test');
    setError(undefined);
    setTested(undefined);
    try {
      setTested(await bridge.call('office.test', input()));
    } catch (err) {
      setError(err);
    }
    setBusy(undefined);
  };
  const connect = async (cancelLocalJobs = false) => {
    setWaiting(undefined);
    setBusy('connect');
    setError(undefined);
    setTested(undefined);
    try {
      await bridge.call('office.connect', { ...input(), ...(cancelLocalJobs ? { cancelLocalJobs: true } : {}) });
      setRestarting(true);
    } catch (err) {
      const d = err instanceof BridgeError && err.code === 'conflict' ? (err.details as { reason?: string; count?: number } | undefined) : undefined;
      if (d?.reason === 'local_jobs') setWaiting(d.count ?? 1);
      else setError(err);
    }
    setBusy(undefined);
  };
  const disconnect = async () => {
    setAskDisconnect(false);
    setBusy('disconnect');
    setError(undefined);
    try {
      await bridge.call('office.disconnect');
      setRestarting(true);
    } catch (err) {
      setError(err);
    }
    setBusy(undefined);
  };

  const status = remote ? t(`office.link.${office.link ?? 'connecting'}`) : t('office.local');
  return (
    <SettingsSection
      id="office"
      // This computer's own choice: a support key (or a refused one) must still be able to change or disconnect it.
      permission="local"
      title={t('office.title')}
      description={t('office.description')}
      onSubmit={() => void connect()}
      footer={
        <>
          <Button className="btn" onPress={() => void test()} isDisabled={!!busy || restarting}>
            <PlugZap aria-hidden="true" size={16} />
            {busy === 'test' ? t('office.testing') : t('office.test')}
          </Button>
          <Button type="submit" className="btn btn-primary" isDisabled={!!busy || restarting}>
            <ServerCog aria-hidden="true" size={16} />
            {busy === 'connect' ? t('office.connecting') : remote ? t('office.reconnect') : t('office.connect')}
          </Button>
          {remote ? (
            <Button className="btn" onPress={() => setAskDisconnect(true)} isDisabled={!!busy || restarting}>
              <Unplug aria-hidden="true" size={16} />
              {busy === 'disconnect' ? t('office.disconnecting') : t('office.disconnect')}
            </Button>
          ) : null}
        </>
      }
    >
      <p className="muted" role="status">
        {remote ? `${t('office.attached', { url: office.url ?? '' })} ${status}` : status}
      </p>
      <TextInput
        label={t('office.url')}
        type="url"
        value={address}
        onChange={setUrl}
        help={t('office.urlHelp')}
        placeholder="https://"
        error={failed?.field === 'url' ? t(`office.reason.${failed.reason}`, { url: shown }) : undefined}
      />
      <TextInput
        label={t('office.key')}
        type="password"
        value={key}
        onChange={setKey}
        help={remote ? t('office.keyHelpSaved') : t('office.keyHelp')}
        error={failed?.field === 'key' ? t(`office.reason.${failed.reason}`, { url: shown }) : undefined}
      />
      {office.keyStorage === 'no-keyring' ? <p className="field-help">{t('office.noKeyring')}</p> : null}
      <div aria-live="polite">
        {tested ? (
          <Notice tone="success" title={t('office.tested.title')}>
            <p>{t('office.tested.body', { version: tested.version, url: tested.url, mode: t(tested.mode === 'sandbox' ? 'office.tested.modeSandbox' : 'office.tested.modeLive') })}</p>
            {tested.access ? (
              <p>
                {t(tested.access.name ? 'office.tested.named' : 'office.tested.unnamed', { name: tested.access.name ?? '', role: t(`access.roles.${tested.access.role}`) })}{' '}
                {t(`access.roleHelp.${tested.access.role}`)}
              </p>
            ) : null}
          </Notice>
        ) : null}
        {error && failed && !failed.field ? (
          <Notice tone="error" title={t('office.failed')}>
            {t(`office.reason.${failed.reason}`, { url: shown, count: failed.minutes ?? 5 })}
          </Notice>
        ) : null}
        {error && !failed ? <ErrorNotice error={error} what={t('office.what')} /> : null}
        {restarting ? <Notice title={t('office.restarting')} /> : null}
      </div>
      <ConfirmDialog
        open={waiting !== undefined}
        title={t('office.confirm.title')}
        body={t('office.confirm.body', { count: waiting ?? 1 })}
        keep={t('office.confirm.keep')}
        confirm={t('office.confirm.cancelAndConnect')}
        onKeep={() => setWaiting(undefined)}
        onConfirm={() => void connect(true)}
      />
      <ConfirmDialog
        open={askDisconnect}
        title={t('office.confirmDisconnect.title')}
        body={t('office.confirmDisconnect.body')}
        keep={t('office.confirmDisconnect.cancel')}
        confirm={t('office.confirmDisconnect.confirm')}
        onKeep={() => setAskDisconnect(false)}
        onConfirm={() => void disconnect()}
      />
    </SettingsSection>
  );
}
