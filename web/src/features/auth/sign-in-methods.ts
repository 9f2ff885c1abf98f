import {
  type ErrorCode,
  errorCatalogue,
  SIGN_IN_ERROR_PARAM,
  SIGN_IN_REQUEST_ID_PARAM,
  type SignInMethods,
} from '@baocao/domain';
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

const isErrorCode = (code: string | null): code is ErrorCode => !!code && Object.hasOwn(errorCatalogue, code);

/**
 * The refusal a sign-in at the identity provider came back with: the server redirects to
 * `/?signInError=CODE&requestId=…` (a redirect has no body), and the message comes from the
 * catalogue in the page's language. Read once; the address is then cleaned (a reload shows no error).
 */
export function useSignInError(): ApiError | null {
  const { i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const [found] = useState(() => {
    const code = search.get(SIGN_IN_ERROR_PARAM);
    if (code === null) return null;
    return { code: isErrorCode(code) ? code : 'INTERNAL', requestId: search.get(SIGN_IN_REQUEST_ID_PARAM) ?? '' };
  });
  useEffect(() => {
    if (!found) return;
    setSearch(
      (current) => {
        current.delete(SIGN_IN_ERROR_PARAM);
        current.delete(SIGN_IN_REQUEST_ID_PARAM);
        return current;
      },
      { replace: true },
    );
  }, [found, setSearch]);
  if (!found) return null;
  const { status, vi, en } = errorCatalogue[found.code];
  return new ApiError(status, {
    code: found.code,
    message: i18n.language === 'en' ? en : vi,
    requestId: found.requestId.slice(0, 64),
  });
}
