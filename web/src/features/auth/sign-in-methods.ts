import { type ErrorCode, SIGN_IN_ERROR_PARAM, SIGN_IN_REQUEST_ID_PARAM, type SignInMethods } from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';

export type SignInMethodsView = Static<typeof SignInMethods>;

/** Where the identity provider's button sends the browser (a navigation, not a fetch). */
export const OIDC_START_URL = '/api/v1/auth/oidc/start';

/** What this installation offers: passwords, the identity provider, or both. */
export function useSignInMethods() {
  return useQuery({
    queryKey: ['auth', 'sign-in-methods'],
    queryFn: () => api<SignInMethodsView>('/auth/sign-in-methods'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

type ErrorCatalogue = typeof import('./error-catalogue').errorCatalogue;

const isErrorCode = (catalogue: ErrorCatalogue, code: string): code is ErrorCode => Object.hasOwn(catalogue, code);

/**
 * The refusal a sign-in at the identity provider came back with: the server redirects to
 * `/?signInError=CODE&requestId=…` (a redirect has no body), and the message comes from the
 * catalogue in the page's language. Read once; the address is then cleaned (a reload shows no error).
 */
export function useSignInError(): ApiError | null {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const [found] = useState(() => {
    const code = search.get(SIGN_IN_ERROR_PARAM);
    if (code === null) return null;
    return { code, requestId: search.get(SIGN_IN_REQUEST_ID_PARAM) ?? '' };
  });
  // The catalogue is fetched only when there is a refusal to show; null while it arrives.
  const [catalogue, setCatalogue] = useState<ErrorCatalogue | 'unavailable' | null>(null);
  useEffect(() => {
    if (!found) return;
    let active = true;
    import('./error-catalogue').then(
      (module) => {
        if (active) setCatalogue(() => module.errorCatalogue);
      },
      () => {
        if (active) setCatalogue('unavailable');
      },
    );
    setSearch(
      (current) => {
        current.delete(SIGN_IN_ERROR_PARAM);
        current.delete(SIGN_IN_REQUEST_ID_PARAM);
        return current;
      },
      { replace: true },
    );
    return () => {
      active = false;
    };
  }, [found, setSearch]);
  if (!found || !catalogue) return null;
  const requestId = found.requestId.slice(0, 64);
  if (catalogue === 'unavailable')
    return new ApiError(500, { code: 'INTERNAL', message: t('errors.unexpected'), requestId });
  const code = isErrorCode(catalogue, found.code) ? found.code : 'INTERNAL';
  const { status, vi, en } = catalogue[code];
  return new ApiError(status, { code, message: i18n.language === 'en' ? en : vi, requestId });
}
