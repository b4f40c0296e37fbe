/**
 * Tags removed from a report page so that it opens with no outgoing request.
 * Each entry is the remote URL, or `inline: ` and the start of an inline script.
 */
export interface RemovedResources {
  html: string;
  removedScripts: string[];
  removedLinks: string[];
}

// A script element ends at the first `</script`, both in the HTML parser and in this pattern.
// NOTE: an attribute value that contains ">" would end the tag early. The Allure templates
// write none, because their only attribute values are URLs and base64 data: URLs.
const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const LINK_ELEMENT = /<link\b([^>]*)>/gi;

// Code of Google Analytics (gtag.js, analytics.js) and Google Tag Manager. The awesome plugin of
// Allure 3.18 (@allurereport/plugin-awesome, dist/generators.js) always adds
// `<script async src="https://www.googletagmanager.com/gtag/js?id=G-...">` followed by an inline
// script that defines `gtag()` and pushes the report UUID and Allure version to `dataLayer`.
// The pattern runs on code whose string literals are blanked, so `ga('create', ...)` of
// analytics.js reads `ga("", ...)` there.
const ANALYTICS_CODE =
  /\bgtag\s*\(|\bdataLayer\b|\bga\s*\(\s*""|\bGoogleAnalyticsObject\b|\b_gaq\b/;

/**
 * Removes every `<script>` and `<link>` that loads from a remote host (`http:`, `https:` or
 * a protocol-relative `//host` URL) and every inline script that runs analytics code.
 * Scripts from `data:` URLs and relative paths stay, because they load no remote resource.
 */
export function removeRemoteResources(html: string): RemovedResources {
  const removedScripts: string[] = [];
  const removedLinks: string[] = [];

  const withoutScripts = html.replace(
    SCRIPT_ELEMENT,
    (element, attributes: string, body: string) => {
      const src = readAttribute(attributes, 'src');
      if (src !== undefined && isRemoteUrl(src)) {
        removedScripts.push(src);
        return '';
      }

      if (src === undefined && ANALYTICS_CODE.test(withoutStringLiterals(body))) {
        removedScripts.push(`inline: ${body.replace(/\s+/g, ' ').trim().slice(0, 80)}`);
        return '';
      }

      return element;
    },
  );

  const withoutLinks = withoutScripts.replace(LINK_ELEMENT, (element, attributes: string) => {
    const href = readAttribute(attributes, 'href');
    if (href !== undefined && isRemoteUrl(href)) {
      removedLinks.push(href);
      return '';
    }
    return element;
  });

  return { html: withoutLinks, removedScripts, removedLinks };
}

/** Lists the remote URLs that `<script src>` and `<link href>` attributes in a page still load. */
export function findRemoteResourceUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [, attributes = ''] of html.matchAll(SCRIPT_ELEMENT)) {
    const src = readAttribute(attributes, 'src');
    if (src !== undefined && isRemoteUrl(src)) {
      urls.push(src);
    }
  }
  for (const [, attributes = ''] of html.matchAll(LINK_ELEMENT)) {
    const href = readAttribute(attributes, 'href');
    if (href !== undefined && isRemoteUrl(href)) {
      urls.push(href);
    }
  }
  return urls;
}

function readAttribute(attributes: string, name: string): string | undefined {
  const pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
  const match = pattern.exec(attributes);
  if (match === null) {
    return undefined;
  }
  return (match[1] ?? match[2] ?? match[3] ?? '').trim();
}

/** Checks whether a URL has a network host: any scheme followed by `//` except `file:`, or `//host`. */
function isRemoteUrl(url: string): boolean {
  return /^([a-z][a-z0-9+.-]*:)?\/\//i.test(url) && !/^file:/i.test(url);
}

/**
 * Blanks JavaScript string literals, so that a report name such as "gtag(" inside
 * `window.allureReportOptions` is not mistaken for analytics code.
 */
function withoutStringLiterals(code: string): string {
  return code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}
