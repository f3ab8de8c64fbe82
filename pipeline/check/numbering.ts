/**
 * Heading numbering of GB/T 9704: 一、 > （一） > 1. > （1）. The numbering decides a heading's level:
 * 一、 is `##`, （一） `###`, 1. `####`, （1） `#####` (the chapter title, from front matter or a raw `#`, is above).
 */
export interface Numbering {
  /** 1 for 一、 … 4 for （1）. */
  level: 1 | 2 | 3 | 4;
  value: number;
  /** Length of the numbering as written, including a wrong separator. */
  length: number;
  /** The numbering in its correct form, when the written one is wrong (half-width brackets are left to the punctuation rule). */
  canonical?: string;
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function hanziNumber(text: string): number | undefined {
  if (text === '十') return 10;
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 ? DIGITS[text] : undefined;
  const tens = ten === 0 ? 1 : DIGITS[text.slice(0, ten)];
  const ones = ten === text.length - 1 ? 0 : DIGITS[text.slice(ten + 1)];
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

const L1 = /^([一二三四五六七八九十]{1,3})([、.．，,]|\s+)/;
const L2 = /^([（(])([一二三四五六七八九十]{1,3})([）)])([、.．，,])?/;
const L3 = /^(\d{1,2})([.．、])(?![\d.])/;
const L4 = /^([（(])(\d{1,2})([）)])([、.．，,])?/;

export function parseNumbering(text: string): Numbering | undefined {
  let m = L1.exec(text);
  if (m) {
    const value = hanziNumber(m[1]!);
    if (value === undefined) return undefined;
    return { level: 1, value, length: m[0].length, canonical: m[2] === '、' ? undefined : `${m[1]}、` };
  }
  m = L2.exec(text) ?? L4.exec(text);
  if (m) {
    const isHanzi = /\D/.test(m[2]!);
    const value = isHanzi ? hanziNumber(m[2]!) : Number(m[2]);
    if (value === undefined) return undefined;
    return { level: isHanzi ? 2 : 4, value, length: m[0].length, canonical: m[4] ? `${m[1]}${m[2]}${m[3]}` : undefined };
  }
  m = L3.exec(text);
  if (m) return { level: 3, value: Number(m[1]), length: m[0].length, canonical: m[2] === '.' ? undefined : `${m[1]}.` };
  return undefined;
}

export const LEVEL_FORMS = ['一、', '（一）', '1.', '（1）'] as const;

export function formOf(level: Numbering['level'], value: number): string {
  const hanzi = (n: number) => (n <= 10 ? '一二三四五六七八九十'[n - 1]! : n < 20 ? `十${'一二三四五六七八九'[n - 11]}` : String(n));
  return level === 1 ? `${hanzi(value)}、` : level === 2 ? `（${hanzi(value)}）` : level === 3 ? `${value}.` : `（${value}）`;
}
