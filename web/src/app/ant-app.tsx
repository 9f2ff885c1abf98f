import { ConfigProvider } from 'antd';
import AppContext, { type useAppProps } from 'antd/es/app/context';
// antd's App styles (the base text style of the page), without antd's App component.
import useAppStyle from 'antd/es/app/style';
import { lazy, type ReactNode, Suspense, useCallback, useContext, useMemo, useRef, useState } from 'react';

/** message, notification and modal themselves (antd's hooks and their holders), on first use. */
const FeedbackHost = lazy(() => import('./feedback-host'));

type Feedback = useAppProps;
/** A call waiting for the real message, notification or modal API. */
type Call = (feedback: Feedback) => unknown;

const METHODS = {
  message: ['info', 'success', 'error', 'warning', 'loading', 'open', 'destroy'],
  notification: ['success', 'error', 'info', 'warning', 'open', 'destroy'],
  modal: ['info', 'success', 'error', 'warning', 'confirm'],
} as const;

/**
 * What a call made before the real API arrived returns: like antd's, a function that closes the
 * notice, with `destroy`, `update` and `then` (a modal's `then` gives whether it was confirmed).
 */
function pendingResult(result: Promise<unknown>) {
  const on = (method: string, ...args: unknown[]) =>
    void result.then((real) => {
      const target = real as Record<string, unknown> | (() => void) | undefined;
      if (method === 'close' && typeof target === 'function') target();
      else if (target && typeof (target as Record<string, unknown>)[method] === 'function')
        (target as Record<string, (...a: unknown[]) => void>)[method]?.(...args);
    });
  return Object.assign(() => on('close'), {
    destroy: () => on('destroy'),
    update: (config: unknown) => on('update', config),
    // biome-ignore lint/suspicious/noThenProperty: antd's message and modal calls return thenables too.
    then: (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) =>
      result
        .then((real) => {
          const thenable = real as { then?: (resolve: (value: unknown) => void) => void } | undefined;
          return typeof thenable?.then === 'function' ? new Promise((resolve) => thenable.then?.(resolve)) : real;
        })
        .then(onFulfilled, onRejected),
  });
}

/**
 * antd's `<App>` for the signed-in pages: the same element, class names and style (antd's App
 * style hook), and the same context, so `App.useApp()` and `useFeedback()` work as before. antd's
 * App creates its message, notification and modal hooks at once (~18 KB gzipped, with Modal);
 * here they are fetched the first time a page calls one of them, and the calls made meanwhile
 * run as soon as they arrive (docs/architecture.md, "What a page downloads").
 */
export function AntApp({ children }: { children: ReactNode }) {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('app');
  const [hashId, cssVarCls] = useAppStyle(prefixCls);
  const [wanted, setWanted] = useState(false);
  const real = useRef<Feedback | null>(null);
  const waiting = useRef<Call[]>([]);

  const feedback = useMemo(() => {
    const call = (run: Call) => {
      if (real.current) return run(real.current);
      let resolve: (value: unknown) => void = () => {};
      const result = new Promise<unknown>((done) => {
        resolve = done;
      });
      waiting.current.push((api) => resolve(run(api)));
      setWanted(true);
      return pendingResult(result);
    };
    const api = (key: keyof typeof METHODS) =>
      Object.fromEntries(
        METHODS[key].map((method) => [
          method,
          (...args: unknown[]) =>
            call((loaded) =>
              (loaded[key] as unknown as Record<string, (...a: unknown[]) => unknown>)[method]?.(...args),
            ),
        ]),
      );
    return { message: api('message'), notification: api('notification'), modal: api('modal') } as unknown as Feedback;
  }, []);

  const onReady = useCallback((loaded: Feedback) => {
    real.current = loaded;
    for (const run of waiting.current.splice(0)) run(loaded);
  }, []);

  return (
    <AppContext.Provider value={feedback}>
      <div className={[hashId, prefixCls, cssVarCls].filter(Boolean).join(' ')}>
        {wanted ? (
          <Suspense fallback={null}>
            <FeedbackHost onReady={onReady} />
          </Suspense>
        ) : null}
        {children}
      </div>
    </AppContext.Provider>
  );
}
