import { Alert, Button } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { Text } from '../components/typography';

/**
 * A page whose code could not be downloaded (a slow or dropped link, or a new release that
 * replaced the page's chunk) or that failed while drawing: the message says which, and the
 * button loads the page again. Without it React unmounts the whole application, and the
 * officer sees a blank screen with no way on.
 */
function PageFailed({ error }: { error: Error }) {
  const { t } = useTranslation();
  const download = isDownloadFailure(error);
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 8 }}>
      <Alert
        type="error"
        showIcon
        title={t(download ? 'errors.pageDownloadTitle' : 'errors.pageCrashTitle')}
        description={
          <>
            <div>{t(download ? 'errors.pageDownload' : 'errors.pageCrash')}</div>
            {download ? null : (
              <Text type="secondary" style={{ fontSize: 12 }}>
                {error.message.slice(0, 300)}
              </Text>
            )}
            <div style={{ marginTop: 12 }}>
              <Button type="primary" onClick={() => window.location.reload()} data-testid="page-reload">
                {t('errors.reloadPage')}
              </Button>
            </div>
          </>
        }
        data-testid="page-failed"
      />
    </div>
  );
}

/** A failed `import()` of a page's chunk (Chromium, Firefox and Safari word it differently). */
export function isDownloadFailure(error: Error): boolean {
  return /dynamically imported module|module script failed|importing a module script failed|Failed to fetch|Load failed|ChunkLoadError/i.test(
    `${error.name} ${error.message}`,
  );
}

/**
 * Keeps a page's failure inside the page: the rest (the menu, the header) still works, and
 * going to another address (`resetKey`) clears it.
 */
class PageErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: Error | null; key: string }
> {
  override state: { error: Error | null; key: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // For whoever opens the browser's console to report it.
    console.error('page failed', error, info.componentStack);
  }

  override render() {
    return this.state.error ? <PageFailed error={this.state.error} /> : this.props.children;
  }
}

/** The boundary of the page at the current address (cleared when the address changes). */
export function PageBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <PageErrorBoundary resetKey={pathname}>{children}</PageErrorBoundary>;
}
