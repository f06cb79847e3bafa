import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'otc:public-route';

/**
 * Marks a controller or handler that answers without an admin session (hooks authenticate their own
 * callers; health, metrics and sign-in are open). Every other route needs a session.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
