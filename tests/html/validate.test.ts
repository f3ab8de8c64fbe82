/** Every page of the HTML edition passes html-validate (recommended rules) with zero errors. */
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOOKS, buildEdition, miniWithEveryPartTwice, type BuiltEdition } from './build-edition.ts';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

const VALIDATED = [...BOOKS, { name: 'mini-every-part-twice', manuscript: '', present: true }];

for (const book of VALIDATED) {
  describe.skipIf(!book.present)(`html-validate: ${book.name}`, () => {
    let edition: BuiltEdition;
    beforeAll(async () => {
      edition = await buildEdition(`validate-${book.name}`, book.manuscript || (await miniWithEveryPartTwice()));
      console.info(`html edition of ${book.name}: built in ${edition.seconds.toFixed(2)} s`);
    });

    it('writes the contents, copyright, chapter and single pages', () => {
      expect(edition.pages).toContain('index.html');
      expect(edition.pages).toContain('copyright.html');
      expect(edition.pages).toContain('book.html');
      expect(edition.pages.some((page) => /^ch\d+\.html$/.test(page))).toBe(true);
    });

    it('has no html-validate error on any page', async () => {
      const problems: string[] = [];
      for (const [page, html] of edition.html) {
        const report = await validator.validateString(html, page);
        for (const result of report.results) {
          for (const message of result.messages) {
            if (message.severity === 2) problems.push(`${page}:${message.line}:${message.column} ${message.ruleId} ${message.message}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });
}
