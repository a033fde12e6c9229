import { useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { ChevronDown, Download, FileWarning, HelpCircle, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { href, navigate } from '../lib/router';
import { toast } from '../lib/toasts';
import { explain } from '../lib/errors';
import { useApp } from '../stores/app-store';
import { exportCsv } from './export-button';
import { useCanAct } from '../lib/use-access';
import { usePermission } from '../lib/use-permission';
import { SyncDialog } from './sync-dialog';

/** The Unit File's Actions menu, named and worded as in Condo Control, with the exports and reports beside the sync. */
export function ActionsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const canAct = useCanAct();
  // Exports and reports only read: a support session keeps them, without Update From Condo Manager.
  const canSync = usePermission('sync').allowed;
  const building = useApp((s) => s.corporationId);
  const scope = building ? { corporationId: building } : {};
  const act = (key: string) => {
    if (key === 'update') setOpen(true);
    else if (key === 'report') navigate(href.report);
    else if (key === 'whatSyncs') navigate(href.help);
    else if (key === 'unitsCsv' || key === 'attentionCsv') {
      exportCsv({ what: key === 'unitsCsv' ? 'units' : 'attention', ...scope }).catch((err: unknown) => {
        const e = explain(err, t('exportFiles.exportWhat'));
        toast({ level: 'error', title: e.title, body: e.body });
      });
    }
  };
  return (
    <>
      <MenuTrigger>
        <Button className="btn" isDisabled={!canAct}>
          {t('common.product.actions')}
          <ChevronDown aria-hidden="true" size={16} />
        </Button>
        <Popover className="popover" placement="bottom end">
          <Menu className="menu" onAction={(key) => act(String(key))} disabledKeys={canSync ? [] : ['update']}>
            <MenuItem id="update" className="menu-item" textValue={t('common.product.updateFromCondoManager')}>
              <RefreshCw aria-hidden="true" size={16} />
              {t('common.product.updateFromCondoManager')}
            </MenuItem>
            <MenuItem id="unitsCsv" className="menu-item" textValue={t('exportFiles.menu.unitsCsv')}>
              <Download aria-hidden="true" size={16} />
              {t('exportFiles.menu.unitsCsv')}
            </MenuItem>
            <MenuItem id="attentionCsv" className="menu-item" textValue={t('exportFiles.menu.attentionCsv')}>
              <Download aria-hidden="true" size={16} />
              {t('exportFiles.menu.attentionCsv')}
            </MenuItem>
            <MenuItem id="report" className="menu-item" textValue={t('exportFiles.menu.report')}>
              <FileWarning aria-hidden="true" size={16} />
              {t('exportFiles.menu.report')}
            </MenuItem>
            <MenuItem id="whatSyncs" className="menu-item" textValue={t('exportFiles.menu.whatSyncs')}>
              <HelpCircle aria-hidden="true" size={16} />
              {t('exportFiles.menu.whatSyncs')}
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
      <SyncDialog isOpen={open} onOpenChange={setOpen} />
    </>
  );
}
