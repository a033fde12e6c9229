/**
 * Settings → Access keys (administrators): create a named key with a role and
 * copy it once, see who holds which key and when it was last used, revoke a
 * key after confirming. The audit log sits below.
 */
import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Check, Copy, KeyRound, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { roles, type AccessKey, type CreatedAccessKey, type RevokedAccessKey, type Role } from '@shared/access';
import { BridgeError, bridge } from '../bridge';
import { DataTable, type DataColumn } from '../components/data-table';
import { byField, SelectField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { absoluteDate, localTimeZone } from '../lib/format';
import { fieldErrors } from '../lib/errors';
import { href } from '../lib/router';
import { useCall } from '../lib/use-call';
import { usePermission } from '../lib/use-permission';
import { AuditLogSection } from './audit-log-section';

function NewKey({ created, onDone }: { created: CreatedAccessKey; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(created.key);
    setCopied(true);
  };
  return (
    <div className="new-key" role="status">
      <p>{t('access.create.createdFor', { name: created.name, role: t(`access.roles.${created.role}`) })}</p>
      <p className="notice-title">{t('access.create.shownOnce')}</p>
      <code className="new-key-value" data-testid="new-key" translate="no">
        {created.key}
      </code>
      <div className="form-footer">
        <Button className="btn" onPress={() => void copy()}>
          {copied ? <Check aria-hidden="true" size={16} /> : <Copy aria-hidden="true" size={16} />}
          {copied ? t('access.create.copied') : t('access.create.copy')}
        </Button>
        <Button className="btn btn-primary" onPress={onDone}>
          {t('access.create.done')}
        </Button>
      </div>
    </div>
  );
}

function CreateKey({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('support');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<CreatedAccessKey>();
  const errs = byField(fieldErrors(error));
  // A name already in use (409 conflict naming the field) is said under the field, in the reader's language.
  if (error instanceof BridgeError && error.code === 'conflict' && (error.details as { field?: unknown } | undefined)?.field === 'name') errs.name = t('access.create.nameTaken');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await bridge.call('keys.create', { name, role }));
      setName('');
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card settings-card" aria-labelledby="new-key-title">
      <h2 id="new-key-title" className="card-title">
        {t('access.create.title')}
      </h2>
      {created ? (
        <NewKey created={created} onDone={() => setCreated(undefined)} />
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-key-title">
          <div className="form-fields">
            <TextInput label={t('access.create.name')} value={name} onChange={setName} help={t('access.create.nameHelp')} error={errs.name} isRequired />
            <SelectField<Role>
              label={t('access.create.role')}
              value={role}
              onChange={setRole}
              options={roles.map((r) => ({ id: r, label: t(`access.roles.${r}`) }))}
              help={t(`access.roleHelp.${role}`)}
            />
          </div>
          <div className="form-footer">
            <Button type="submit" className="btn btn-primary" isDisabled={busy}>
              <KeyRound aria-hidden="true" size={16} />
              {busy ? t('access.create.creating') : t('access.create.submit')}
            </Button>
            <FormStatus error={Object.keys(errs).length ? undefined : error} what={t('access.create.what')} />
          </div>
        </form>
      )}
    </section>
  );
}

function RevokeDialog({ target, onClose, onRevoked }: { target: AccessKey | undefined; onClose: () => void; onRevoked: (k: RevokedAccessKey) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const revoke = async () => {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    try {
      onRevoked(await bridge.call('keys.revoke', { id: target.id }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalOverlay isOpen={!!target} onOpenChange={(open) => !open && onClose()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <div className="dialog-header">
            <Heading slot="title">{t('access.revoke.title', { name: target?.name ?? '' })}</Heading>
          </div>
          <div className="dialog-body">
            <p>{t('access.revoke.body')}</p>
            <FormStatus error={error} what={t('access.revoke.what')} />
          </div>
          <div className="dialog-footer">
            <Button className="btn" onPress={onClose} autoFocus>
              {t('access.revoke.cancel')}
            </Button>
            <Button className="btn btn-danger-quiet" onPress={() => void revoke()} isDisabled={busy}>
              <Trash2 aria-hidden="true" size={16} />
              {t('access.revoke.confirm')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function KeyList({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { data: keys, error, reload } = useCall(() => bridge.call('keys.list'), []);
  const [target, setTarget] = useState<AccessKey>();
  const [done, setDone] = useState<string>();
  const columns: DataColumn<AccessKey>[] = [
    { id: 'name', header: t('access.list.name'), rowHeader: true, noTranslate: true, cell: (k) => k.name },
    { id: 'role', header: t('access.list.role'), cell: (k) => t(`access.roles.${k.role}`) },
    { id: 'key', header: t('access.list.key'), cell: (k) => <code translate="no">{k.prefix}…</code> },
    // The times are this computer's clock, as in the audit log below: the zone says which.
    { id: 'created', header: t('access.list.createdIn', { zone: localTimeZone() }), cell: (k) => absoluteDate(k.createdAt) },
    { id: 'lastUsed', header: t('access.list.lastUsedIn', { zone: localTimeZone() }), cell: (k) => (k.lastUsedAt ? absoluteDate(k.lastUsedAt) : t('access.list.never')) },
    {
      id: 'revoke',
      header: <span className="visually-hidden">{t('access.list.revoke')}</span>,
      cell: (k) => (
        <Button className="btn btn-small btn-danger-quiet" onPress={() => setTarget(k)} aria-label={`${t('access.list.revoke')} ${k.name}`}>
          {t('access.list.revoke')}
        </Button>
      ),
    },
  ];
  return (
    <section className="card settings-card access-keys-card" aria-labelledby="keys-title">
      <h2 id="keys-title" className="card-title">
        {t('access.list.caption')}
      </h2>
      {error ? <ErrorNotice error={error} what={t('access.list.what')} onRetry={reload} /> : null}
      {keys && !keys.length ? <p className="muted">{t('access.list.none')}</p> : null}
      {keys?.length ? <DataTable caption={t('access.list.caption')} columns={columns} rows={keys} rowKey={(k) => k.id} /> : null}
      <FormStatus saved={done} what={t('access.list.what')} />
      <RevokeDialog
        target={target}
        onClose={() => setTarget(undefined)}
        onRevoked={(k) => {
          setTarget(undefined);
          // Another admin may have revoked it meanwhile: say so, with when.
          setDone(k.alreadyRevoked ? t('access.revoke.already', { name: k.name, when: absoluteDate(k.revokedAt) }) : t('access.revoke.done', { name: k.name }));
          reload();
          onChanged();
        }}
      />
    </section>
  );
}

export function AccessKeysPage() {
  const { t } = useTranslation();
  const { allowed, reason } = usePermission('admin');
  // A new key remounts the list; any change reloads the audit log below.
  const [created, setCreated] = useState(0);
  const [version, setVersion] = useState(0);
  return (
    <>
      <PageHeader title={t('access.page.title')} description={t('access.page.description')}>
        <a className="btn" href={href.settings}>
          {t('access.page.back')}
        </a>
      </PageHeader>
      {reason ? <Notice title={t('access.forbiddenTitle')}>{reason}</Notice> : null}
      {allowed ? (
        <div className="settings-grid">
          <CreateKey
            onCreated={() => {
              setCreated((c) => c + 1);
              setVersion((v) => v + 1);
            }}
          />
          <KeyList key={`keys-${created}`} onChanged={() => setVersion((v) => v + 1)} />
          <AuditLogSection key={`audit-${version}`} />
        </div>
      ) : null}
    </>
  );
}
