// Issue 10: "Failed beats attention, everywhere": a run with failed records reads red Failed, not amber.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobStatusBadge } from '../../renderer/src/components/status-badge';
import { i18n } from '../../renderer/src/i18n';

const badge = (props: Parameters<typeof JobStatusBadge>[0]) => renderToStaticMarkup(createElement(JobStatusBadge, props));

describe('failed beats attention', () => {
  beforeAll(() => i18n.changeLanguage('en'));

  it('87 failed records and 3 needing attention: red Failed', () => {
    const html = badge({ status: 'partial', attention: 3, failed: 87 });
    expect(html).toContain('badge-failed');
    expect(html).toContain('Failed');
    expect(html).not.toContain('badge-attention');
  });

  it('notes only: amber Needs attention; a clean run: neutral', () => {
    expect(badge({ status: 'succeeded', attention: 2, failed: 0 })).toContain('badge-attention');
    expect(badge({ status: 'succeeded', attention: 0, failed: 0 })).toContain('badge-neutral');
  });
});
