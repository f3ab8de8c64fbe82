/**
 * Every piece of text the editions print that is not in the manuscript. Kept in one place so the font
 * subsets include these characters and no edition invents its own wording.
 */
export const LABELS = {
  contents: '目录',
  abstract: '摘要',
  keywords: '关键词',
  bios: '作者简介',
  notes: '注释',
  cover: '封面',
  titlePage: '扉页',
  copyright: '版权页',
  /** EPUB landmarks: the start of the text, and the landmarks list itself. */
  bodymatter: '正文',
  landmarks: '导航',
  editors: '主编',
  cipHeading: '图书在版编目（CIP）数据',
  cipNumber: (number: string) => `中国版本图书馆 CIP 数据核字（${number.replace(/^(\d{4})\s*/, '$1）')}`,
  responsibleEditor: '责任编辑',
  assistantEditor: '助理编辑',
  coverDesign: '封面设计',
  publisher: '出版发行',
  phone: '发行部电话',
  postcode: '邮政编码',
  website: '网址',
  printer: '印刷',
  trim: '成品尺寸',
  sheets: '印张',
  words: '字数',
  editionLine: '版次',
  printingLine: '印次',
  isbn: '书号',
  price: '定价',
  previous: '上一篇',
  next: '下一篇',
  backToContents: '返回目录',
  search: '搜索',
  searchPlaceholder: '搜索全书',
  noResults: '没有找到',
  backToText: '返回正文',
  singlePage: '全书单页',
  page: '页',
  /** Around a page reference's number in print: 见上文（第 12 页）. */
  pageReferenceOpen: '（第',
  pageReferenceClose: '页）',
  /** Characters of numbers and markers the editions generate (folios, note markers ①…⑩ (Noto SC has no ⑲ ⑳), dates). */
  digits: '0123456789①②③④⑤⑥⑦⑧⑨⑩第版次年月日·.:：（）()—…×mm ',
} as const;

/** `2021-08` -> `2021 年 8 月`, the form printed on copyright pages. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day ? `${day}日` : ''}`;
}

/** All characters of the labels, for the font subsets. */
export function labelCharacters(): string {
  return Object.values(LABELS)
    .map((value) => (typeof value === 'function' ? value('2021 第0号') : value))
    .join('');
}
