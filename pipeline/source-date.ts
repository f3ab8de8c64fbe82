/**
 * The fixed timestamp of a build, so two builds of the same manuscript are byte-identical:
 * SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else the book's publication date.
 */
export function sourceDate(bookDate: string, env: Record<string, string | undefined>): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const [year, month, day] = bookDate.split('-').map(Number);
  return new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1));
}
