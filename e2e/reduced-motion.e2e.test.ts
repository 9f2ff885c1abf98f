/**
 * Reduced motion in Chromium. Every journey's browser context asks for it (e2e/support.ts), as a
 * person can in their system's accessibility settings, and the app then runs no antd motion: the
 * phone's menu drawer is fully open the moment it appears, never caught sliding in. The same page,
 * once the setting is changed to "no preference", sees the drawer slide in again (its motion
 * classes come and go), so the check proves the setting is honoured and followed, not a drawer
 * that never moves. Screenshot in screenshots/reduced-motion-drawer-390.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, seedFixture } from '../server/test/fixtures';
import type {} from '../server/test/global-setup';
import { type BrowserServer, startBrowserServer } from './browser-server';
import { PHONE, settle, shot, signedInPage } from './support';

/** The class names antd's motion gives an element while it moves (rc-motion's, and antd's own). */
const MOTION_SELECTOR = '[class*="-appear"], [class*="-enter"], [class*="-leave"], [class*="ant-motion"]';

describe('reduced motion (browser)', () => {
  let server: BrowserServer;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserServer({ seed: async ({ db }) => void (await seedFixture(db)) });
    ({ baseUrl } = server);
  });

  afterAll(async () => {
    await server?.close();
  });

  const asksForReducedMotion = (page: Page) =>
    page.evaluate(() => (globalThis as any).matchMedia('(prefers-reduced-motion: reduce)').matches as boolean);

  /**
   * From now on, records every class attribute that names a motion on an element inside a
   * drawer (a MutationObserver sees each one, however briefly it is there).
   */
  const recordDrawerMotion = (page: Page) =>
    page.evaluate(() => {
      const g = globalThis as any;
      g.drawerMotion = [] as string[];
      const motion = /(^|\s)(\S*-(appear|enter|leave)(-\S*)?|ant-motion\S*)(\s|$)/;
      const look = (element: any) => {
        const classes = String(element.getAttribute?.('class') ?? '');
        if (motion.test(classes) && element.closest?.('.ant-drawer')) g.drawerMotion.push(classes);
      };
      g.drawerObserver?.disconnect();
      g.drawerObserver = new g.MutationObserver((records: any[]) => {
        for (const record of records) {
          if (record.type === 'attributes') look(record.target);
          for (const node of record.addedNodes ?? []) {
            if (node.nodeType !== 1) continue;
            look(node);
            for (const inner of node.querySelectorAll('*')) look(inner);
          }
        }
      });
      g.drawerObserver.observe(g.document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['class'],
      });
    });
  const drawerMotion = (page: Page) => page.evaluate(() => (globalThis as any).drawerMotion as string[]);

  it('every context of the journeys asks for reduced motion unless it says otherwise', async () => {
    const page = await (await server.browser.newContext()).newPage();
    await page.goto(baseUrl);
    expect(await asksForReducedMotion(page)).toBe(true);
    await page.context().close();

    const moving = await (await server.browser.newContext({ reducedMotion: 'no-preference' })).newPage();
    await moving.goto(baseUrl);
    expect(await asksForReducedMotion(moving)).toBe(false);
    await moving.context().close();
  });

  it('on a phone, the menu drawer is fully open as soon as it appears, and slides again once motion is allowed', async () => {
    const page = await signedInPage(server.browser, baseUrl, {
      width: PHONE,
      username: 'approver.h1',
      password: FIXTURE_PASSWORD,
      errors: pageErrors,
    });
    expect(await asksForReducedMotion(page)).toBe(true);

    await recordDrawerMotion(page);
    await page.getByTestId('nav-toggle').click();
    const menu = page.getByTestId('drawer-nav');
    await menu.waitFor();
    // Right after it appears: no motion class on the drawer, its panel already against the left edge.
    expect(await page.locator('.ant-drawer').locator(MOTION_SELECTOR).count()).toBe(0);
    const panel = await page.locator('.ant-drawer-content-wrapper').boundingBox();
    expect(panel?.x).toBe(0);
    expect(panel?.width).toBeGreaterThan(250);
    await shot(page, 'reduced-motion-drawer-390');
    expect(await drawerMotion(page)).toEqual([]);

    await page.locator('.ant-drawer-close').click();
    await menu.waitFor({ state: 'hidden' });
    expect(await drawerMotion(page)).toEqual([]);

    // The person allows motion again: the open page follows, and the drawer slides in.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await asksForReducedMotion(page)).toBe(false);
    await page.getByTestId('nav-toggle').click();
    await menu.waitFor();
    await settle(page);
    expect((await drawerMotion(page)).some((classes) => classes.includes('ant-drawer-panel-motion'))).toBe(true);

    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
