import { AxeBuilder } from '@axe-core/playwright';

import { VIEW_LINKS, type DashboardPage, type ViewName } from '../../../pages/dashboard/index.ts';
import { expect, test } from '../../dashboard-fixtures.ts';

/** The rules of WCAG 2.1 levels A and AA that axe-core can check automatically. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

test.describe('dashboard accessibility', () => {
  for (const view of Object.keys(VIEW_LINKS) as ViewName[]) {
    test(`${view} view passes axe`, { tag: '@DASHBOARD-055' }, async ({ sharedViews }) => {
      const views: DashboardPage[] = [
        sharedViews.overview,
        sharedViews.abTest,
        sharedViews.segments,
        sharedViews.forecast,
        sharedViews.recommendations,
        sharedViews.live,
      ];
      const dashboard = views.find((candidate) => candidate.view === view)!;
      await dashboard.open(view === 'live' ? 'interval=1000' : '');

      // The charts' SVG drawings are left out: inside role="img", assistive technology reads the
      // chart's name and not its parts, and each chart's data table is scanned instead.
      const results = await new AxeBuilder({ page: dashboard.page })
        .withTags(WCAG_TAGS)
        .exclude('.chart svg')
        .analyze();

      const violations = results.violations.map(
        (violation) =>
          `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
      );
      expect(violations).toEqual([]);
    });
  }
});
