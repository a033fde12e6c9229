import { useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { ChevronDown, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { SyncDialog } from './sync-dialog';

/** The Unit File's Actions menu, named and worded as in Condo Control. */
export function ActionsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <MenuTrigger>
        <Button className="btn">
          {t('common.product.actions')}
          <ChevronDown aria-hidden="true" size={16} />
        </Button>
        <Popover className="popover" placement="bottom end">
          <Menu className="menu" onAction={(key) => key === 'update' && setOpen(true)}>
            <MenuItem id="update" className="menu-item" textValue={t('common.product.updateFromCondoManager')}>
              <RefreshCw aria-hidden="true" size={16} />
              {t('common.product.updateFromCondoManager')}
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
      <SyncDialog isOpen={open} onOpenChange={setOpen} />
    </>
  );
}
