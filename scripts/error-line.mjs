/** The line of a failure a person can act on, not the last frame of its stack. */
export function firstErrorLine(text) {
  const lines = text.trim().split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  return lines.find((l) => /Error\b|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(l)) ?? lines[0] ?? 'the download failed';
}
