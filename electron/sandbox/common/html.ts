// Server-rendered HTML with escaping by default: every value interpolated into
// html`…` is escaped unless it is itself html`…` (SafeHtml). Resident names
// like "O'Brien" and anything a trainer types stay text, never markup.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

export function dollars(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-CA')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses "1,234.50", "$85" or "85.5" into cents; null when it is not an amount. */
export function parseDollars(text: string): number | null {
  const clean = text.trim().replace(/^\$/, '').replaceAll(',', '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, frac = ''] = clean.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

const CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#5b6470;--line:#d5dae0;--accent:#0b57d0;--ok:#0d6b2f;--bad:#b3261e;--band:#f3f5f8}
@media (prefers-color-scheme:dark){:root{--fg:#e7eaee;--bg:#15181c;--muted:#a5adb8;--line:#343a42;--accent:#8ab4f8;--ok:#7fd69a;--bad:#f2b8b5;--band:#1e2227}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{background:var(--band);border-bottom:1px solid var(--line);padding:.6rem 1.2rem}header .brand{font-weight:700}
header .sandbox{display:inline-block;margin-left:.6rem;padding:0 .5rem;border-radius:3px;background:#ffd54f;color:#000;font-size:.8rem;font-weight:700}
main{padding:1rem 1.2rem;max-width:72rem}nav.crumbs{font-size:.9rem;color:var(--muted);margin-bottom:.6rem}
a{color:var(--accent)}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .6rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
form.stack{display:grid;gap:.7rem;max-width:32rem}label{display:grid;gap:.2rem;font-weight:600}
input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
button{background:var(--accent);color:var(--bg);border-color:var(--accent);font-weight:600;cursor:pointer;justify-self:start}
fieldset{border:1px solid var(--line);border-radius:4px;display:grid;gap:.5rem}.row{display:flex;gap:.5rem;flex-wrap:wrap}
.notice{padding:.5rem .8rem;border-radius:4px;border:1px solid var(--ok);color:var(--ok);margin-bottom:1rem}
.errors{padding:.5rem .8rem;border-radius:4px;border:1px solid var(--bad);color:var(--bad);margin-bottom:1rem}
.tabs{display:flex;gap:.2rem;border-bottom:1px solid var(--line);margin-bottom:1rem}.tabs a{padding:.4rem .8rem;text-decoration:none;border:1px solid transparent;border-bottom:none}
.tabs a[aria-current=page]{border-color:var(--line);background:var(--bg);font-weight:700;margin-bottom:-1px}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dl.fields dt{color:var(--muted)}dl.fields dd{margin:0}
.muted{color:var(--muted)}.past{color:var(--muted);font-style:italic}
`;

export interface PageOptions {
  system: string;
  title: string;
  crumbs?: Array<{ href?: string; label: string }>;
  notice?: string | undefined;
  errors?: string[] | undefined;
}

export function page(opts: PageOptions, body: SafeHtml): string {
  const crumbs = opts.crumbs ?? [];
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · ${opts.system} (sandbox)</title><style>${new SafeHtml(CSS)}</style></head>
<body><header><span class="brand">${opts.system}</span><span class="sandbox">Sandbox</span></header>
<main>
${crumbs.length > 0 ? html`<nav class="crumbs" aria-label="Breadcrumb">${crumbs.map((c, i) => html`${i > 0 ? ' › ' : ''}${c.href ? html`<a href="${c.href}">${c.label}</a>` : c.label}`)}</nav>` : ''}
<h1>${opts.title}</h1>
${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ''}
${opts.errors && opts.errors.length > 0 ? html`<div class="errors" role="alert"><p>Please fix the following:</p><ul>${opts.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
${body}
</main></body></html>`.value;
}
