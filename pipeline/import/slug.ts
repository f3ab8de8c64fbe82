/**
 * Step 10: a chapter title -> a short ASCII file slug (`county-political-ecology`). Titles are Chinese and
 * folio carries no dictionary, so a small glossary of the policy vocabulary these reports use supplies
 * the English words; the file can be renamed freely (book.yaml names it).
 */
const GLOSSARY: Record<string, string> = {
  县域: 'county',
  政治生态: 'political-ecology',
  乡镇: 'township',
  社区: 'community',
  微治理: 'micro-governance',
  基层治理: 'grassroots-governance',
  乡村治理: 'rural-governance',
  社会治理: 'social-governance',
  治理: 'governance',
  疫情防控: 'epidemic-control',
  群众路线: 'mass-line',
  人才: 'talent',
  养老: 'elderly-care',
  网格化: 'grid',
  乡村旅游: 'rural-tourism',
  民宿: 'homestays',
  党建: 'party-building',
  公共卫生: 'public-health',
  脱贫: 'poverty-exit',
  集体经济: 'collective-economy',
  小城镇: 'small-town',
  法治: 'rule-of-law',
  工业: 'industry',
  果业: 'fruit',
  产业振兴: 'industry-revitalisation',
  行政区划: 'district-reform',
  党校: 'party-school',
  农业产业园: 'agri-park',
  一肩挑: 'dual-role',
  三治: 'three-governances',
  美食旅游: 'food-tourism',
  古镇: 'ancient-town',
  文旅: 'culture-tourism',
  彝区: 'yi-areas',
  民族特色城市: 'ethnic-city',
};
const TERMS = Object.keys(GLOSSARY).sort((a, b) => b.length - a.length);
const MAX_WORDS = 3;

export function slugOf(title: string): string {
  const words: string[] = [];
  for (let i = 0; i < title.length; ) {
    const term = TERMS.find((t) => title.startsWith(t, i));
    if (!term) {
      i++;
      continue;
    }
    const next = GLOSSARY[term]!.split('-');
    if (words.length + next.length > MAX_WORDS) break;
    if (!words.includes(next.join('-'))) words.push(...next);
    i += term.length;
  }
  const ascii = title.match(/[A-Za-z0-9]+/g)?.join('-').toLowerCase();
  return words.join('-') || ascii || 'chapter';
}
