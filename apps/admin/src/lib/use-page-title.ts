import { useEffect } from 'react';

export const PRODUCT_NAME = 'Okta Telephony Connector';

/** Each route names itself in the browser tab and history. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${PRODUCT_NAME}`;
  }, [title]);
}
