// 日付・経過時間・件数の日本語表記。
import type { WordsCatalog } from './words.en.ts';

/** `2025/06/09 16:00 JST` (`timeZone` は IANA 名。既定は UTC)。 */
const dateTime = (date: Date, timeZone = 'UTC'): string => {
  const parts = new Intl.DateTimeFormat('ja-JP', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const zone = timeZone === 'Asia/Tokyo' ? 'JST' : part('timeZoneName');
  return `${part('year')}/${part('month')}/${part('day')} ${part('hour')}:${part('minute')} ${zone}`;
};

export const wordsJa: WordsCatalog = {
  dateTime,
  since: (now: Date, then: Date): string => {
    const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
    if (minutes < 1) return 'たった今';
    if (minutes < 60) return `${minutes} 分前`;
    const hours = Math.round(minutes / 60);
    if (hours < 48) return `${hours} 時間前`;
    return `${Math.round(hours / 24)} 日前`;
  },
  number: (n: number): string => n.toLocaleString('ja-JP'),
  duration: (minutes: number): string => {
    if (minutes < 1) return '1 分未満';
    if (minutes < 90) return `${Math.round(minutes)} 分`;
    if (minutes < 48 * 60) return `${Math.round(minutes / 60)} 時間`;
    return `${Math.round(minutes / 1440)} 日`;
  },
  idList: (ids: readonly string[], max = 3): string => {
    const shown = ids.slice(0, max).join(', ');
    return ids.length > max ? `${shown} (他 ${ids.length - max} 件)` : shown;
  },
  count: {
    location: (n: number) => `${n} か所`,
    hour: (n: number) => `${n} 時間`,
    day: (n: number) => `${n} 日`,
    second: (n: number) => `${n} 秒`,
  },
};
