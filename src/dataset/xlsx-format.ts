// Enough of Excel's number formats to show dates and common numbers as the sheet does. exceljs
// hands back raw values (a Date, 0.5), while a PM reads "26/11/2026" or "50%" in Excel.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DATE_TOKEN = /^(yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p)/i;

// Built-in formats 14 and 22 mean "the reader's locale short date (and time)" in Excel, and exceljs
// gives every Date it writes format 14: ISO is the only locale-neutral rendering of those.
const LOCALE_DATE_FORMATS = new Set(['mm-dd-yy', 'm/d/yy h:mm']);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-11-26`, or `2026-11-26T09:30:00` when the time is not midnight. Excel dates carry no zone. */
export function isoDate(date: Date, withTime = false): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const hasTime = date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() > 0;
  if (!withTime && !hasTime) return day;
  return `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

// Only the first section applies to dates and positive numbers; [$-409], [Red] and the like are display hints.
function firstSection(numFmt: string): string {
  return (numFmt.split(';')[0] ?? '').replace(/\[[^\]]*\]/g, '');
}

type Token = { kind: 'literal'; text: string } | { kind: 'date'; text: string };

function tokenize(format: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < format.length;) {
    const char = format[i];
    if (char === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end === -1 ? format.length : end;
      tokens.push({ kind: 'literal', text: format.slice(i + 1, stop) });
      i = stop + 1;
    } else if (char === '\\') {
      tokens.push({ kind: 'literal', text: format[i + 1] ?? '' });
      i += 2;
    } else if (char === '_' || char === '*') {
      tokens.push({ kind: 'literal', text: char === '_' ? ' ' : '' });
      i += 2;
    } else {
      const match = DATE_TOKEN.exec(format.slice(i));
      tokens.push(match ? { kind: 'date', text: match[1] } : { kind: 'literal', text: char });
      i += match ? match[1].length : 1;
    }
  }
  return tokens;
}

/** A date as `numFmt` would show it, e.g. `dd/mm/yyyy hh:mm`. ISO when there is no usable format. */
export function formatDate(date: Date, numFmt: string | undefined): string {
  const format = numFmt ? firstSection(numFmt) : '';
  const tokens = tokenize(format);
  const dateTokens = tokens.filter((token) => token.kind === 'date');
  if (format === '' || /^general$/i.test(format) || dateTokens.length === 0) return isoDate(date);
  if (LOCALE_DATE_FORMATS.has(format.toLowerCase())) return isoDate(date, format.includes(':'));
  const twelveHour = dateTokens.some((token) => /^(am\/pm|a\/p)$/i.test(token.text));
  const hours = date.getUTCHours();
  let previous = '';
  return tokens
    .map((token) => {
      if (token.kind === 'literal') return token.text;
      const lower = token.text.toLowerCase();
      const next = dateTokens[dateTokens.indexOf(token) + 1]?.text.toLowerCase() ?? '';
      // `m` means minutes right after hours or right before seconds, as in Excel.
      const minutes = (lower === 'm' || lower === 'mm') && (previous.startsWith('h') || next.startsWith('s'));
      previous = lower;
      if (minutes) return lower === 'mm' ? pad(date.getUTCMinutes()) : String(date.getUTCMinutes());
      return dateToken(lower, date, twelveHour ? ((hours + 11) % 12) + 1 : hours, hours);
    })
    .join('');
}

function dateToken(token: string, date: Date, displayHours: number, hours: number): string {
  switch (token) {
    case 'yyyy':
      return String(date.getUTCFullYear());
    case 'yy':
      return pad(date.getUTCFullYear() % 100);
    case 'mmmm':
      return MONTHS[date.getUTCMonth()];
    case 'mmm':
      return MONTHS[date.getUTCMonth()].slice(0, 3);
    case 'mm':
      return pad(date.getUTCMonth() + 1);
    case 'm':
      return String(date.getUTCMonth() + 1);
    case 'dddd':
      return DAYS[date.getUTCDay()];
    case 'ddd':
      return DAYS[date.getUTCDay()].slice(0, 3);
    case 'dd':
      return pad(date.getUTCDate());
    case 'd':
      return String(date.getUTCDate());
    case 'hh':
      return pad(displayHours);
    case 'h':
      return String(displayHours);
    case 'ss':
      return pad(date.getUTCSeconds());
    case 's':
      return String(date.getUTCSeconds());
    case 'am/pm':
      return hours < 12 ? 'AM' : 'PM';
    case 'a/p':
      return hours < 12 ? 'A' : 'P';
    default:
      return token;
  }
}

/** A number as simple formats show it (`0.00`, `#,##0`, `0%`); anything fancier falls back to plain digits. */
export function formatNumber(value: number, numFmt: string | undefined): string {
  const format = numFmt ? firstSection(numFmt) : '';
  const match = /^(#,##)?0(?:\.(0+))?(%)?$/.exec(format.trim());
  // Excel keeps 15 significant digits: =0.1+0.2 shows (and exports) 0.3, not 0.30000000000000004.
  if (!match) return String(Number(value.toPrecision(15)));
  const decimals = match[2]?.length ?? 0;
  const scaled = match[3] ? value * 100 : value;
  const text = match[1] ? scaled.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : scaled.toFixed(decimals);
  return match[3] ? `${text}%` : text;
}
