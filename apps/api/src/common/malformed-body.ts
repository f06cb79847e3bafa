/**
 * Hook routes must authenticate before they judge the body, so the JSON parser does not reject
 * malformed hook bodies itself: it hands this marker on, and the controller answers 400 after the guard.
 */
export class MalformedBody {
  constructor(readonly reason: string) {}
}

export const HOOK_PATH_PREFIX = '/v1/hooks/';
