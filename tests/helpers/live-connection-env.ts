/**
 * The environment that gives a console a live connection to the loopback
 * sandboxes with their demo credentials (what electron/core/secrets.ts reads
 * from CONDO_MANAGER_* and CONDO_CONTROL_*).
 */
export function liveConnectionEnv(sandboxes: { condoManagerUrl: string; condoControlUrl: string }): Record<string, string> {
  return {
    CONDO_MANAGER_URL: sandboxes.condoManagerUrl,
    CONDO_MANAGER_CLIENT_ID: 'demo',
    CONDO_MANAGER_CLIENT_SECRET: 'demo-secret',
    CONDO_CONTROL_URL: sandboxes.condoControlUrl,
    CONDO_CONTROL_USERNAME: 'demo',
    CONDO_CONTROL_PASSWORD: 'demo-password',
  };
}
