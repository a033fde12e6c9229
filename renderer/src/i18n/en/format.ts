/** Pieces of relative times and durations; numbers arrive already formatted. */
export const format = {
  justNow: 'just now',
  inAMoment: 'in a moment',
  ago: '{{span}} ago',
  in: 'in {{span}}',
  minutes: '{{n}} min',
  hours: '{{n}} h',
  yesterday: 'yesterday',
  yesterdayAt: 'yesterday, {{time}}',
  tonightAt: 'tonight at {{time}}',
  /** Before 6 a.m., the coming night. */
  overnightAt: 'tonight at {{time}}',
  todayAt: 'today at {{time}}',
  tomorrowAt: 'tomorrow at {{time}}',
  dayAt: '{{day}} at {{time}}',
  underASecond: 'under a second',
  seconds: '{{s}} s',
  minutesSeconds: '{{m}} min {{s}} s',
  hoursMinutes: '{{h}} h {{m}} min',
};
