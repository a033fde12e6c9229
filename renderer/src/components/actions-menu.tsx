import { useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { ChevronDown, RefreshCw } from 'lucide-react';
import { SyncDialog } from './sync-dialog';

/** The Unit File's Actions menu, named and worded as in Condo Control. */
export function ActionsMenu() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <MenuTrigger>
        <Button className="btn">
          Actions
          <ChevronDown aria-hidden="true" size={16} />
        </Button>
        <Popover className="popover" placement="bottom end">
          <Menu className="menu" onAction={(key) => key === 'update' && setOpen(true)}>
            <MenuItem id="update" className="menu-item" textValue="Update From Condo Manager">
              <RefreshCw aria-hidden="true" size={16} />
              Update From Condo Manager
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
      <SyncDialog isOpen={open} onOpenChange={setOpen} />
    </>
  );
}
