import { describe, expect, it } from 'vitest';

import {
  findRemoteResourceUrls,
  removeRemoteResources,
} from '../../framework/reporting/remove-remote-resources.ts';

// Shape of the analytics block that @allurereport/plugin-awesome 3.18 writes into index.html.
const GTAG_SCRIPTS = `
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('js', new Date());
        gtag('config', 'G-LNDJ3J7WT0', { "report": "awesome" });
    </script>`;

function reportPage(reportName: string, extraBody = ''): string {
  return `<!DOCTYPE html>
<html><head>
    <title>${reportName}</title>
    <script>
      window.allureReportOptions = {"reportName":${JSON.stringify(reportName)}}
    </script>
</head><body>
    <div id="app"></div>
    <script   src="data:text/javascript;base64,Y29uc29sZS5sb2coMSk="></script>
    ${GTAG_SCRIPTS}
    ${extraBody}
    <script async>window.allureReportDataReady = true;</script>
</body></html>`;
}

describe('removeRemoteResources', () => {
  it('removes the Allure gtag scripts', () => {
    const { html, removedScripts, removedLinks } = removeRemoteResources(reportPage('Nova'));

    expect(removedScripts).toHaveLength(2);
    expect(removedScripts[0]).toBe('https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0');
    expect(removedScripts[1]).toMatch(/^inline: window\.dataLayer = window\.dataLayer/);
    expect(removedLinks).toEqual([]);
    expect(html).not.toContain('googletagmanager');
    expect(html).not.toContain('gtag');
    expect(html).not.toContain('dataLayer');
  });

  it('keeps data: and inline app scripts', () => {
    const { html } = removeRemoteResources(reportPage('Nova'));

    expect(html).toContain('src="data:text/javascript;base64,Y29uc29sZS5sb2coMSk="');
    expect(html).toContain('window.allureReportOptions = {"reportName":"Nova"}');
    expect(html).toContain('window.allureReportDataReady = true;');
    expect(html).toContain('<div id="app"></div>');
  });

  it('keeps options whose report name looks like analytics', () => {
    const reportName = "gtag('config') dataLayer googletagmanager.com";

    const { html, removedScripts } = removeRemoteResources(reportPage(reportName));

    expect(removedScripts).toHaveLength(2);
    expect(html).toContain(
      `window.allureReportOptions = {"reportName":${JSON.stringify(reportName)}}`,
    );
  });

  it('removes remote scripts and links of any form', () => {
    const extraBody = [
      "<script src='http://cdn.example.test/a.js'></script>",
      '<script defer src=//cdn.example.test/b.js></script>',
      '<SCRIPT SRC="HTTPS://cdn.example.test/c.js"></SCRIPT>',
      '<script src="app.js"></script>',
      '<link rel="stylesheet" href="https://fonts.example.test/font.css">',
      '<link rel="preload" href="fonts/local.woff" as="font">',
      "<script>ga('create', 'UA-1', 'auto');</script>",
    ].join('\n');

    const { html, removedScripts, removedLinks } = removeRemoteResources(
      reportPage('Nova', extraBody),
    );

    expect(removedScripts).toEqual([
      'https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0',
      expect.stringMatching(/^inline: window\.dataLayer/),
      'http://cdn.example.test/a.js',
      '//cdn.example.test/b.js',
      'HTTPS://cdn.example.test/c.js',
      "inline: ga('create', 'UA-1', 'auto');",
    ]);
    expect(removedLinks).toEqual(['https://fonts.example.test/font.css']);
    expect(html).toContain('<script src="app.js"></script>');
    expect(html).toContain('<link rel="preload" href="fonts/local.woff" as="font">');
    expect(findRemoteResourceUrls(html)).toEqual([]);
  });

  it('returns a page without remote tags unchanged', () => {
    const page = '<html><body><script src="data:text/javascript,1"></script></body></html>';

    const { html, removedScripts, removedLinks } = removeRemoteResources(page);

    expect(html).toBe(page);
    expect(removedScripts).toEqual([]);
    expect(removedLinks).toEqual([]);
  });
});

describe('findRemoteResourceUrls', () => {
  it('lists remote script and link URLs', () => {
    const urls = findRemoteResourceUrls(reportPage('Nova', '<link href="https://x.test/s.css">'));

    expect(urls).toEqual([
      'https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0',
      'https://x.test/s.css',
    ]);
  });
});
