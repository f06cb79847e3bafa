export * from './policy';
export * from './policy-validation';
export * from './iso-countries';
export * from './reason-codes';
export * from './activity';
export * from './activity-outcome';
export * from './tokens';
export * from './admin';
