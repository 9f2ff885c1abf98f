import AppContext, { type useAppProps } from 'antd/es/app/context';
import { useContext } from 'react';

/**
 * antd's `App.useApp()` (message, notification, modal) without importing antd's App, which brings
 * all three hooks with Modal (~18 KB gzipped): the signed-in frame (app/ant-app.tsx) provides
 * them, fetched on first use. Use it on the pages a commune officer opens on a slow link.
 */
export function useFeedback(): useAppProps {
  return useContext(AppContext);
}
