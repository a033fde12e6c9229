// The demo portfolio both sandboxes load. Condo Manager takes everything;
// Condo Control takes corporations, unit names and the hand-made users only.
export { generateStructure, generateCorporation, IMPORT_AT } from './generate';
export { forEachAccountLedger, generateLedger, LEDGER_END, type Ledger } from './ledger';
export { handMadeUsers } from './hand-made';
export { aging, settle, type Aging, type SettleInvoice } from './settle';
export { SIZES, SIZE_NAMES, DEFAULT_SEED, type SizeSpec } from './sizes';
export { STORY_EMAILS } from './story';
export { workspaceName, corporationCodeOfWorkspace } from './workspace-name';
export type * from './types';
