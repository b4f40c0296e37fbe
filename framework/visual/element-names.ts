/**
 * Names the DOM element under a point of a capture with `elementFromPoint`:
 * a short CSS selector (the nearest id, then tag, classes and position) and
 * its visible text, so that a region reads "button#predict-button "Predict"".
 */
import type { Page } from '@playwright/test';

import type { RegionElement } from './types.ts';

/** Longest text kept for an element; the start is enough to recognise it. */
const MAX_TEXT = 60;

export interface NamingContext {
  page: Page;
  origin: { x: number; y: number };
  fullPage: boolean;
}

/**
 * Returns the element under each point (capture pixels), or undefined where
 * there is none (a point outside the viewport of a viewport capture).
 */
export async function nameElements(
  context: NamingContext,
  points: ReadonlyArray<{ x: number; y: number }>,
): Promise<Array<RegionElement | undefined>> {
  if (points.length === 0) return [];
  const absolute = points.map((point) => ({
    x: point.x + context.origin.x,
    y: point.y + context.origin.y,
  }));
  const names = await context.page.evaluate(
    ({ points: list, fullPage, maxText }) => {
      const selectorOf = (element: Element): string => {
        const parts: string[] = [];
        let current: Element | null = element;
        while (current && parts.length < 4) {
          const tag = current.tagName.toLowerCase();
          if (current.id) {
            parts.unshift(`${tag}#${CSS.escape(current.id)}`);
            break;
          }
          let part = tag;
          const classes = Array.from(current.classList).slice(0, 2);
          if (classes.length > 0) part += classes.map((name) => `.${CSS.escape(name)}`).join('');
          const parent: Element | null = current.parentElement;
          if (parent) {
            const same = Array.from(parent.children).filter(
              (child) => child.tagName === current!.tagName,
            );
            if (same.length > 1) part += `:nth-of-type(${same.indexOf(current) + 1})`;
          }
          parts.unshift(part);
          if (tag === 'body' || tag === 'html') break;
          current = parent;
        }
        return parts.join(' > ');
      };
      const textOf = (element: Element): string => {
        const raw =
          element instanceof HTMLInputElement
            ? element.value || element.placeholder || (element.labels?.[0]?.textContent ?? '')
            : element instanceof HTMLElement
              ? element.innerText
              : (element.textContent ?? '');
        const text = raw.replace(/\s+/g, ' ').trim();
        return text.length > maxText ? `${text.slice(0, maxText - 1)}…` : text;
      };

      const startX = window.scrollX;
      const startY = window.scrollY;
      const result = list.map((point) => {
        let x = point.x;
        let y = point.y;
        if (fullPage) {
          // Full-page pixels are document coordinates; elementFromPoint takes viewport ones.
          if (y - window.scrollY < 0 || y - window.scrollY >= window.innerHeight) {
            window.scrollTo(window.scrollX, Math.max(0, y - window.innerHeight / 2));
          }
          x -= window.scrollX;
          y -= window.scrollY;
        }
        const element = document.elementFromPoint(x, y);
        return element ? { selector: selectorOf(element), text: textOf(element) } : null;
      });
      if (fullPage) window.scrollTo(startX, startY);
      return result;
    },
    { points: absolute, fullPage: context.fullPage, maxText: MAX_TEXT },
  );
  return names.map((name) => name ?? undefined);
}
