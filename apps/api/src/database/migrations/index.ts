import { CreateTokensAndActivity1764110000000 } from './1764110000000-CreateTokensAndActivity';

/** Every migration in order; TypeORM reads this list instead of scanning the file system. */
export const MIGRATIONS = [CreateTokensAndActivity1764110000000];
