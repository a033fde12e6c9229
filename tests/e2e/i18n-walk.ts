/**
 * Reads what a person sees (visible text, plus the labels a screen reader
 * says and the placeholders and tooltips shown) and finds English words left
 * in a French screen. Data is not language: emails, web addresses, the
 * products' names and anything marked translate="no" (residents' names,
 * ledger descriptions written by Condo Manager) are set aside first.
 */
import type { Page } from '@playwright/test';

/**
 * Words of the console's English that a French screen never needs. Words
 * spelled the same in French (notifications, attention, balance, change, main,
 * content) are left out: a French screen may say them, and the English
 * phrases they appear in ("Needs attention", "Skip to main content",
 * "Account balance") are still caught by their other words.
 */
const ENGLISH = new Set(
  `the and with from your this that these those which will would could should been has have into only every each than then when where
what who why how not yet was were are is it its of to for by at in
sync syncs synced syncing unit units needs need pending settings save saved search loading last next nightly night record records
building buildings owner tenant status failed updated added unchanged deactivated preview changes start started finished queue
queued balances account resident residents history kept keep connection connections connected group groups email emails days
cancel cancelled close dismiss try again nothing lost found sandbox running waiting idle reconnecting show all none yes home help
first name value field fields invoice invoices payment payments amount owing credit paid full address password username language
english french previous enter number check skip progress counting`.split(/\s+/),
);

/** Names of products and of Condo Control's own groups, said the same in both languages. */
const PROPER = [/Condo Sync/g, /Condo Manager/g, /Condo Control/g, /\bOwners\b/g, /\bRenters\b/g];

export async function visibleStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element | null) => !!el?.closest('[translate="no"], script, style, noscript, [aria-hidden="true"]');
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && (r.width > 0 || r.height > 0 || el.closest('.visually-hidden') !== null);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (text && el && !skip(el) && shown(el)) out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
      if (skip(el)) continue;
      for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    out.push(document.title);
    return out;
  });
}

/** The strings of a screen that still contain English words, each with the words found. */
export async function englishLeft(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const s of await visibleStrings(page)) {
    // Emails, web addresses and file paths (the data folder) are data, not words.
    let text = s.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/(?:[A-Za-z]:)?[\\/]\S*/g, ' ');
    for (const p of PROPER) text = text.replace(p, ' ');
    const words = text.toLowerCase().match(/[\p{L}’']+/gu) ?? [];
    const english = words.filter((w) => ENGLISH.has(w.replace(/[’'].*$/, '')));
    if (english.length) found.push(`${s}  ← ${[...new Set(english)].join(', ')}`);
  }
  return [...new Set(found)];
}
