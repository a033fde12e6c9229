// Each corporation maps to exactly one Condo Control workspace. The workspace
// name starts with the corporation code followed by " — " and the street
// address ("TSCC 2750 — 18 Harbour Street, Toronto ON …"), which is how a
// building is usually named in Condo Control. A console auto-maps a workspace
// to the corporation whose code equals the part before " — " (compare the
// whole code: "TSCC 275" must not match "TSCC 2750").

export const WORKSPACE_NAME_SEPARATOR = ' — ';

export function workspaceName(code: string, address: string): string {
  return `${code}${WORKSPACE_NAME_SEPARATOR}${address}`;
}

export function corporationCodeOfWorkspace(name: string): string {
  const at = name.indexOf(WORKSPACE_NAME_SEPARATOR);
  return at === -1 ? name : name.slice(0, at);
}
