/** Home: the last 30 runs as a small chart. */
export const runs = {
  title: 'Last 30 runs',
  none: 'No sync has finished yet.',
  changes: 'Changes',
  duration: 'Duration',
  failed: 'Failed or with failures',
  loading: 'Drawing the chart…',
  summary_one: '{{count, number}} run: {{changes, number}} changes in all, {{failed, number}} with failures, longest {{longest}}.',
  summary_other: '{{count, number}} runs: {{changes, number}} changes in all, {{failed, number}} with failures, longest {{longest}}.',
  tooltipChanges: '{{count, number}} changes',
  tooltipTook: 'took {{took}}',
};
