// Go's time.Time as far as sprig's date functions need it, on a fixed clock.
import { GoStruct, TemplateError } from '../gotemplate/values';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function goTime(ms: number): GoStruct {
  const t = new GoStruct('time.Time', { unixMilli: ms }, () => formatGoTime(ms, '2006-01-02 15:04:05.999999999 -0700 MST'));
  return t;
}

export function toGoTime(v: unknown): number {
  if (v instanceof GoStruct && v.typeName === 'time.Time') return v.fields.unixMilli as number;
  if (typeof v === 'bigint') return Number(v) * 1000;
  if (typeof v === 'number') return v * 1000;
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) throw new TemplateError(`cannot parse date ${JSON.stringify(v)}`);
    return ms;
  }
  return 0;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** time.Format with Go's reference layout (Mon Jan 2 15:04:05 MST 2006), in UTC. */
export function formatGoTime(ms: number, layout: string): string {
  const d = new Date(ms);
  const tokens: [string, () => string][] = [
    ['2006', () => String(d.getUTCFullYear())],
    ['January', () => MONTHS[d.getUTCMonth()]],
    ['Monday', () => DAYS[d.getUTCDay()]],
    ['Z07:00', () => 'Z'],
    ['-07:00', () => '+00:00'],
    ['-0700', () => '+0000'],
    ['.000', () => '.' + pad(d.getUTCMilliseconds(), 3)],
    ['.999999999', () => (d.getUTCMilliseconds() ? '.' + pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '') : '')],
    ['Jan', () => MONTHS[d.getUTCMonth()].slice(0, 3)],
    ['Mon', () => DAYS[d.getUTCDay()].slice(0, 3)],
    ['MST', () => 'UTC'],
    ['01', () => pad(d.getUTCMonth() + 1)],
    ['02', () => pad(d.getUTCDate())],
    ['_2', () => String(d.getUTCDate()).padStart(2, ' ')],
    ['15', () => pad(d.getUTCHours())],
    ['03', () => pad(d.getUTCHours() % 12 || 12)],
    ['04', () => pad(d.getUTCMinutes())],
    ['05', () => pad(d.getUTCSeconds())],
    ['06', () => pad(d.getUTCFullYear() % 100)],
    ['PM', () => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
    ['pm', () => (d.getUTCHours() >= 12 ? 'pm' : 'am')],
    ['1', () => String(d.getUTCMonth() + 1)],
    ['2', () => String(d.getUTCDate())],
    ['3', () => String(d.getUTCHours() % 12 || 12)],
    ['4', () => String(d.getUTCMinutes())],
    ['5', () => String(d.getUTCSeconds())],
  ];
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const [tok, fn] of tokens) {
      if (layout.startsWith(tok, i)) {
        out += fn();
        i += tok.length;
        continue outer;
      }
    }
    out += layout[i++];
  }
  return out;
}
