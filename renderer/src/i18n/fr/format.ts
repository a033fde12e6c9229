import type { Catalogue } from '../catalogue';
import type { format as en } from '../en/format';

export const format: Catalogue<typeof en> = {
  justNow: 'à l’instant',
  inAMoment: 'dans un instant',
  ago: 'il y a {{span}}',
  in: 'dans {{span}}',
  minutes: '{{n}} min',
  hours: '{{n}} h',
  yesterday: 'hier',
  yesterdayAt: 'hier, {{time}}',
  tonightAt: 'ce soir à {{time}}',
  overnightAt: 'cette nuit à {{time}}',
  todayAt: 'aujourd’hui à {{time}}',
  tomorrowAt: 'demain à {{time}}',
  dayAt: '{{day}} à {{time}}',
  underASecond: 'moins d’une seconde',
  seconds: '{{s}} s',
  minutesSeconds: '{{m}} min {{s}} s',
  hoursMinutes: '{{h}} h {{m}} min',
};
